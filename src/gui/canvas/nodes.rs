//! Painting nodes: actors as circles, issues as rounded boxes; their labels are
//! placed by [`super::labels`] and drawn here on a backdrop. Shapes go into a list,
//! so the canvas can tessellate a frame's nodes once and reuse them.

use egui::epaint::{CircleShape, RectShape};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use super::scene::SceneNode;
use crate::gui::theme;

pub struct NodeLook {
    pub dark: bool,
    pub zoom: f32,
    /// 1.0 normal, lower when dimmed by hover or filter.
    pub emphasis: f32,
    pub selected: bool,
    pub hovered: bool,
    /// A fill replacing the node's own (coalition colouring), from the overlay.
    pub fill: Option<Color32>,
    /// The actor is on a frustrated tie: ringed in the frustrated colour.
    pub frustrated: bool,
    /// Level of detail for a zoomed-out big map: a filled dot, no outline or pin.
    pub simple: bool,
}

fn circle(out: &mut Vec<Shape>, center: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
    out.push(Shape::Circle(CircleShape {
        center,
        radius,
        fill,
        stroke,
    }));
}

/// Paints one node's shape at `centre`; an issue whose label sits on it
/// (`label_box`) is drawn as that box instead, by [`paint_label`].
pub fn paint_node(
    out: &mut Vec<Shape>,
    node: &SceneNode,
    centre: Pos2,
    look: &NodeLook,
    label_box: Option<Rect>,
) {
    let half = node.half_size() * look.zoom;
    let outline = if look.dark {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(60)
    };
    let outline = theme::faded(outline, look.emphasis);
    let fill = theme::faded(look.fill.unwrap_or(node.fill), look.emphasis);
    let stroke_width = (1.5 * look.zoom.clamp(0.5, 1.5)).max(0.5);
    let highlight = if look.selected {
        Some(Stroke::new(3.0, theme::selection_color(look.dark)))
    } else if look.hovered {
        Some(Stroke::new(
            2.0,
            theme::faded(theme::selection_color(look.dark), 0.6),
        ))
    } else {
        None
    };
    if node.is_issue() {
        let radius = CornerRadius::same((8.0 * look.zoom).clamp(1.0, 12.0) as u8);
        if let Some(label_box) = label_box {
            if let Some(stroke) = highlight {
                out.push(Shape::Rect(RectShape::stroke(
                    label_box.expand(3.0),
                    radius,
                    stroke,
                    StrokeKind::Outside,
                )));
            }
            return;
        }
        let rect = Rect::from_center_size(centre, half * 2.0);
        let border = theme::faded(theme::issue_stroke(look.dark), look.emphasis);
        let border = if look.simple {
            Stroke::NONE
        } else {
            Stroke::new(stroke_width, border)
        };
        out.push(Shape::Rect(RectShape::new(
            rect,
            radius,
            fill,
            border,
            StrokeKind::Inside,
        )));
        if let Some(stroke) = highlight {
            out.push(Shape::Rect(RectShape::stroke(
                rect.expand(3.0),
                radius,
                stroke,
                StrokeKind::Outside,
            )));
        }
    } else {
        let outline = if look.simple {
            Stroke::NONE
        } else {
            Stroke::new(stroke_width, outline)
        };
        circle(out, centre, half.x, fill, outline);
        if look.frustrated {
            let ring = theme::faded(super::frustrated_color(look.dark), look.emphasis);
            circle(
                out,
                centre,
                half.x + 7.0,
                Color32::TRANSPARENT,
                Stroke::new(2.5, ring),
            );
        }
        if let Some(stroke) = highlight {
            circle(out, centre, half.x + 4.0, Color32::TRANSPARENT, stroke);
        }
        if node.pinned && !look.simple {
            // A small dark pin at the top right: this node stays where it was put.
            let pin = centre + Vec2::new(0.7, -0.7) * half.x;
            circle(
                out,
                pin,
                (3.0 * look.zoom).clamp(1.5, 4.0),
                theme::faded(theme::locked_color(look.dark), look.emphasis),
                Stroke::new(
                    1.0,
                    theme::faded(theme::canvas_background(look.dark), look.emphasis),
                ),
            );
        }
    }
}

/// Draws a placed label: a `backdrop` (issue-coloured for issues, so an issue whose
/// label sits on it is one box) into `backdrops` and the text into `texts`.
pub fn paint_label(
    (backdrops, texts): (&mut Vec<Shape>, &mut Vec<Shape>),
    label: &super::labels::PlacedLabel,
    backdrop: Rect,
    issue: bool,
    look: &NodeLook,
) {
    let (fill, stroke) = if issue {
        (
            theme::faded(theme::issue_fill(look.dark), look.emphasis.max(0.4)),
            Stroke::new(
                1.0,
                theme::faded(theme::issue_stroke(look.dark), look.emphasis),
            ),
        )
    } else {
        (
            theme::faded(
                theme::canvas_background(look.dark),
                0.8 * look.emphasis.max(0.4),
            ),
            Stroke::NONE,
        )
    };
    backdrops.push(Shape::Rect(RectShape::new(
        backdrop,
        CornerRadius::same(4),
        fill,
        stroke,
        StrokeKind::Inside,
    )));
    let color = theme::faded(theme::label_color(look.dark), look.emphasis.max(0.4));
    // The galley is centred (halign), so it is anchored at the rect's top centre.
    let anchor = Pos2::new(
        label.rect.center().x,
        label.rect.top() + super::labels::LABEL_PADDING.y,
    );
    if !label.galley.is_empty() {
        texts.push(Shape::galley(anchor, label.galley.clone(), color));
    }
}
