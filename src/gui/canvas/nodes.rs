//! Painting nodes: actors as circles, issues as rounded boxes; their labels are
//! placed by [`super::labels`] and drawn here on a backdrop.

use egui::{Color32, CornerRadius, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

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
}

/// Paints one node's shape at `centre`; an issue whose label sits on it
/// (`label_box`) is drawn as that box instead, by [`paint_label`].
pub fn paint_node(
    painter: &Painter,
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
                painter.rect_stroke(label_box.expand(3.0), radius, stroke, StrokeKind::Outside);
            }
            return;
        }
        let rect = Rect::from_center_size(centre, half * 2.0);
        let border = theme::faded(theme::issue_stroke(look.dark), look.emphasis);
        painter.rect(
            rect,
            radius,
            fill,
            Stroke::new(stroke_width, border),
            StrokeKind::Inside,
        );
        if let Some(stroke) = highlight {
            painter.rect_stroke(rect.expand(3.0), radius, stroke, StrokeKind::Outside);
        }
    } else {
        painter.circle(centre, half.x, fill, Stroke::new(stroke_width, outline));
        if look.frustrated {
            let ring = theme::faded(super::frustrated_color(look.dark), look.emphasis);
            painter.circle_stroke(centre, half.x + 7.0, Stroke::new(2.5, ring));
        }
        if let Some(stroke) = highlight {
            painter.circle_stroke(centre, half.x + 4.0, stroke);
        }
        if node.pinned {
            // A small dark pin at the top right: this node stays where it was put.
            let pin = centre + Vec2::new(0.7, -0.7) * half.x;
            painter.circle(
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
/// label sits on it is one box) and the text.
pub fn paint_label(
    painter: &Painter,
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
    painter.rect(
        backdrop,
        CornerRadius::same(4),
        fill,
        stroke,
        StrokeKind::Inside,
    );
    let color = theme::faded(theme::label_color(look.dark), look.emphasis.max(0.4));
    // The galley is centred (halign), so it is anchored at the rect's top centre.
    let anchor = Pos2::new(
        label.rect.center().x,
        label.rect.top() + super::labels::LABEL_PADDING.y,
    );
    painter.galley(anchor, label.galley.clone(), color);
}
