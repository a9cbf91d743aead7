//! Painting nodes: actors as labelled circles, issues as rounded boxes with their
//! label wrapped inside (two rows at most, then "…").

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::scene::SceneNode;
use crate::gui::theme;
use crate::layout::{ACTOR_LABEL_HALF_WIDTH, ACTOR_RADIUS};

/// Label size at zoom 1, in points.
const LABEL_SIZE: f32 = 13.0;
/// Below this on-screen size labels are skipped: unreadable anyway, and costly.
const MIN_LABEL_SIZE: f32 = 6.0;

pub struct NodeLook {
    pub dark: bool,
    pub zoom: f32,
    /// 1.0 normal, lower when dimmed by hover or filter.
    pub emphasis: f32,
    pub selected: bool,
    pub hovered: bool,
}

pub fn paint_node(painter: &Painter, node: &SceneNode, centre: Pos2, look: &NodeLook) {
    let half = node.half_size() * look.zoom;
    let outline = if look.dark {
        Color32::from_gray(200)
    } else {
        Color32::from_gray(60)
    };
    let outline = theme::faded(outline, look.emphasis);
    let fill = theme::faded(node.fill, look.emphasis);
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
        let rect = Rect::from_center_size(centre, half * 2.0);
        let radius = CornerRadius::same((8.0 * look.zoom).clamp(1.0, 12.0) as u8);
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
        if let Some(size) = label_size(look.zoom) {
            let width = (rect.width() - 12.0 * look.zoom).max(10.0);
            let color = theme::faded(theme::label_color(look.dark), look.emphasis.max(0.4));
            let galley = painter.layout_job(label_job(&node.label, size, color, width));
            let top = centre.y - galley.size().y / 2.0;
            painter.galley(Pos2::new(centre.x, top), galley, color);
        }
    } else {
        painter.circle(centre, half.x, fill, Stroke::new(stroke_width, outline));
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
        if let Some(size) = label_size(look.zoom) {
            let width = 2.0 * ACTOR_LABEL_HALF_WIDTH * look.zoom;
            let color = theme::faded(theme::label_color(look.dark), look.emphasis.max(0.4));
            let galley = painter.layout_job(label_job(&node.label, size, color, width));
            let top = centre.y + (ACTOR_RADIUS + 3.0) * look.zoom;
            let backdrop = Rect::from_min_size(
                Pos2::new(centre.x - galley.size().x / 2.0 - 2.0, top - 1.0),
                galley.size() + Vec2::new(4.0, 2.0),
            );
            painter.rect_filled(
                backdrop,
                CornerRadius::same(3),
                theme::faded(theme::canvas_background(look.dark), 0.75 * look.emphasis),
            );
            painter.galley(Pos2::new(centre.x, top), galley, color);
        }
    }
}

fn label_size(zoom: f32) -> Option<f32> {
    let size = (LABEL_SIZE * zoom).min(18.0);
    (size >= MIN_LABEL_SIZE).then_some(size)
}

/// A centred label wrapped to `width`, at most two rows, elided with "…".
fn label_job(text: &str, size: f32, color: Color32, width: f32) -> LayoutJob {
    let mut job = LayoutJob::simple(text.to_owned(), FontId::proportional(size), color, width);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: 2,
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job.halign = Align::Center;
    job
}
