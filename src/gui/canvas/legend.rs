//! The legend in the canvas corner: what green, red, dashes, rings and shapes mean.

use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, Vec2};

use super::View;
use super::edges::{EdgeLook, EdgeSink, paint_edge};
use super::scene::{EdgeTarget, SceneEdge, SceneNode};
use crate::gui::theme;
use crate::stance_map::{ActorId, NodeRef, Origin, Stance};

const ROW_HEIGHT: f32 = 18.0;
const SAMPLE_WIDTH: f32 = 44.0;
const WIDTH: f32 = 200.0;

enum Sample {
    Edge {
        stance: Stance,
        origin: Origin,
        confidence: f32,
        locked: bool,
        directed: bool,
        mixed: bool,
    },
    Circle(Color32),
    Box,
}

fn rows(view: &View, dark: bool) -> Vec<(Sample, &'static str)> {
    let edge = |stance, origin, confidence, locked, directed| Sample::Edge {
        stance,
        origin,
        confidence,
        locked,
        directed,
        mixed: false,
    };
    let changed = Sample::Edge {
        stance: Stance::Oppose,
        origin: Origin::Extracted,
        confidence: 1.0,
        locked: false,
        directed: true,
        mixed: true,
    };
    match view {
        View::IssueLens(_) => vec![
            (
                Sample::Circle(theme::stance_color(Stance::Support, dark)),
                "supports the issue",
            ),
            (
                Sample::Circle(theme::stance_color(Stance::Oppose, dark)),
                "opposes the issue",
            ),
            (Sample::Circle(theme::no_stance_color(dark)), "no stance"),
            (
                edge(Stance::Support, Origin::Extracted, 1.0, false, false),
                "aligned",
            ),
            (
                edge(Stance::Oppose, Origin::Extracted, 1.0, false, false),
                "opposed",
            ),
            (
                edge(Stance::Support, Origin::Manual, 1.0, false, true),
                "manual",
            ),
            (Sample::Box, "issue"),
        ],
        _ => {
            let mut rows = vec![
                (
                    edge(Stance::Support, Origin::Extracted, 1.0, false, true),
                    "supports",
                ),
                (
                    edge(Stance::Oppose, Origin::Extracted, 1.0, false, true),
                    "opposes",
                ),
                (
                    edge(Stance::Support, Origin::Manual, 1.0, false, true),
                    "manual",
                ),
                (
                    edge(Stance::Support, Origin::Extracted, 0.2, false, true),
                    "extracted, unsure",
                ),
                (changed, "changed or mixed"),
                (
                    edge(Stance::Oppose, Origin::Extracted, 1.0, true, true),
                    "locked",
                ),
                (
                    Sample::Circle(theme::actor_kind_color(
                        crate::stance_map::ActorKind::State,
                        dark,
                    )),
                    "actor",
                ),
            ];
            if matches!(view, View::Positions) {
                rows.push((Sample::Box, "issue"));
            }
            rows
        }
    }
}

/// Height of the legend's title row (all that shows when it is collapsed).
pub const TITLE_HEIGHT: f32 = 22.0;
/// Width of the collapsed legend's button.
const COLLAPSED_WIDTH: f32 = 76.0;

/// The legend's screen rect for a canvas `rect` (bottom left corner), title row
/// included; only the title row when `collapsed`.
pub fn legend_rect(rect: Rect, view: &View, collapsed: bool) -> Rect {
    let (width, height) = if collapsed {
        (COLLAPSED_WIDTH, TITLE_HEIGHT)
    } else {
        (
            WIDTH,
            TITLE_HEIGHT + rows(view, true).len() as f32 * ROW_HEIGHT + 8.0,
        )
    };
    Rect::from_min_size(
        Pos2::new(rect.left() + 8.0, rect.bottom() - 8.0 - height),
        Vec2::new(width, height),
    )
}

/// Draws the legend; its title row is a button that folds it away or opens it again.
/// Returns whether that button was clicked.
pub fn legend_ui(ui: &mut egui::Ui, rect: Rect, view: &View, dark: bool, collapsed: bool) -> bool {
    let frame = legend_rect(rect, view, collapsed);
    let title = Rect::from_min_size(frame.min, Vec2::new(frame.width(), TITLE_HEIGHT));
    if !collapsed {
        paint_legend(&ui.painter_at(rect), frame, view, dark);
    }
    let (text, hint) = if collapsed {
        ("Legend", "Show what colours, dashes and shapes mean")
    } else {
        ("Hide legend", "Fold the legend away (remembered)")
    };
    ui.put(title.shrink(1.0), egui::Button::new(text).small())
        .on_hover_text(hint)
        .clicked()
}

fn paint_legend(painter: &Painter, frame: Rect, view: &View, dark: bool) {
    let background = theme::faded(theme::canvas_background(dark), 0.92);
    let border = if dark {
        Color32::from_gray(80)
    } else {
        Color32::from_gray(190)
    };
    painter.rect(
        frame,
        CornerRadius::same(6),
        background,
        Stroke::new(1.0, border),
        StrokeKind::Inside,
    );
    let dummy = |id: &str| SceneNode {
        node: NodeRef::Actor(ActorId::new(id)),
        label: String::new(),
        world: Pos2::ZERO,
        fill: Color32::TRANSPARENT,
        pinned: false,
        matches: true,
    };
    let (from_node, to_node) = (dummy("a"), dummy("b"));
    let mut sink = EdgeSink::new(0);
    for (row, (sample, text)) in rows(view, dark).into_iter().enumerate() {
        let y = frame.top() + TITLE_HEIGHT + 4.0 + ROW_HEIGHT * (row as f32 + 0.5);
        let left = frame.left() + 10.0;
        match sample {
            Sample::Edge {
                stance,
                origin,
                confidence,
                locked,
                directed,
                mixed,
            } => {
                let edge = SceneEdge {
                    a: 0,
                    b: 1,
                    target: EdgeTarget::Pair,
                    stance,
                    strength: 0.6,
                    confidence,
                    origin,
                    locked,
                    directed,
                    matches: true,
                    mixed,
                    has_reverse: false,
                };
                let look = EdgeLook {
                    dark,
                    zoom: 1.0,
                    emphasis: 1.0,
                    selected: false,
                    has_reverse: false,
                    frustrated: false,
                    simple: false,
                };
                // The dummy ends are actor-sized, so the sample spans the gap between them.
                paint_edge(
                    &mut sink,
                    &edge,
                    (&from_node, Pos2::new(left - 16.0, y)),
                    (&to_node, Pos2::new(left + SAMPLE_WIDTH + 16.0, y)),
                    &look,
                );
            }
            Sample::Circle(color) => {
                let centre = Pos2::new(left + SAMPLE_WIDTH / 2.0, y);
                painter.circle(
                    centre,
                    6.0,
                    color,
                    Stroke::new(1.0, theme::label_color(dark)),
                );
            }
            Sample::Box => {
                let rect = Rect::from_center_size(
                    Pos2::new(left + SAMPLE_WIDTH / 2.0, y),
                    Vec2::new(28.0, 12.0),
                );
                painter.rect(
                    rect,
                    CornerRadius::same(3),
                    theme::issue_fill(dark),
                    Stroke::new(1.0, theme::issue_stroke(dark)),
                    StrokeKind::Inside,
                );
            }
        }
        painter.text(
            Pos2::new(left + SAMPLE_WIDTH + 10.0, y),
            Align2::LEFT_CENTER,
            text,
            FontId::proportional(12.0),
            theme::label_color(dark),
        );
    }
    let mut shapes = Vec::new();
    sink.finish(&mut shapes);
    painter.extend(shapes);
}
