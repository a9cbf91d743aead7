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

/// The legend's screen rect for a canvas `rect` (bottom left corner).
pub fn legend_rect(rect: Rect, view: &View) -> Rect {
    let height = rows(view, true).len() as f32 * ROW_HEIGHT + 12.0;
    Rect::from_min_size(
        Pos2::new(rect.left() + 8.0, rect.bottom() - 8.0 - height),
        Vec2::new(WIDTH, height),
    )
}

pub fn paint_legend(painter: &Painter, rect: Rect, view: &View, dark: bool) {
    let frame = legend_rect(rect, view);
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
        let y = frame.top() + 6.0 + ROW_HEIGHT * (row as f32 + 0.5);
        let left = frame.left() + 10.0;
        match sample {
            Sample::Edge {
                stance,
                origin,
                confidence,
                locked,
                directed,
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
                };
                let look = EdgeLook {
                    dark,
                    zoom: 1.0,
                    emphasis: 1.0,
                    selected: false,
                    has_reverse: false,
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
    sink.finish(painter);
}
