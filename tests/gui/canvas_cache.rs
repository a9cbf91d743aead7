//! The canvas reuses its tessellated picture: frames that change nothing but the
//! hovered node on a big map build nothing, a zoom builds once, an edit rebuilds,
//! and the hover overlay's labels never overlap the rest.

use egui::{Event, Pos2, Vec2};
use egui_kittest::Harness;
use stancemap::gui::canvas::{CanvasFilter, CanvasState, View, canvas_ui};
use stancemap::gui::command::Selection;
use stancemap::stance_map::{NodeLayout, NodeRef};

use super::*;

/// 1,200 actors on a grid around 12 issues, every actor with a saved place and a
/// position, so the canvas draws at once (no layout) and counts as a big scene.
fn grid_map() -> StanceMap {
    let mut edits = Vec::new();
    for i in 0..12 {
        edits.push(Edit::AddIssue(Issue::new(
            format!("i{i}"),
            format!("Issue {i}"),
        )));
        edits.push(Edit::MoveNode {
            node: NodeRef::Issue(format!("i{i}").as_str().into()),
            layout: Some(NodeLayout {
                x: (i % 4) as f32 * 1500.0 + 600.0,
                y: (i / 4) as f32 * 1500.0 + 600.0,
                pinned: false,
            }),
        });
    }
    for a in 0..1200 {
        let id = format!("a{a}");
        edits.push(Edit::AddActor(Actor::new(
            id.as_str(),
            format!("Actor {a}"),
            ActorKind::State,
        )));
        edits.push(Edit::MoveNode {
            node: NodeRef::Actor(id.as_str().into()),
            layout: Some(NodeLayout {
                x: (a % 40) as f32 * 150.0,
                y: (a / 40) as f32 * 150.0,
                pinned: false,
            }),
        });
        let stance = if a % 3 == 0 {
            Stance::Oppose
        } else {
            Stance::Support
        };
        edits.push(Edit::AddPosition(Position::new(
            id.as_str(),
            format!("i{}", a % 12),
            Claim::new(stance, Origin::Extracted),
        )));
    }
    let mut map = StanceMap::new();
    map.apply(Edit::Batch(edits)).unwrap();
    map
}

struct Canvas {
    map: StanceMap,
    canvas: CanvasState,
}

fn harness(map: StanceMap) -> Harness<'static, Canvas> {
    let mut harness = Harness::builder()
        .with_size(Vec2::new(1200.0, 800.0))
        .build_ui_state(
            |ui, state: &mut Canvas| {
                canvas_ui(
                    ui,
                    &state.map,
                    &View::Positions,
                    &CanvasFilter::default(),
                    &Selection::Nothing,
                    &mut state.canvas,
                );
            },
            Canvas {
                map,
                canvas: CanvasState::default(),
            },
        );
    harness.run();
    harness
}

#[test]
fn hovering_a_big_map_reuses_the_picture_and_a_zoom_rebuilds_it_once() {
    let mut harness = harness(grid_map());
    let built = harness.state().canvas.picture_builds();
    assert!(built >= 1);
    for i in 0..12 {
        harness.hover_at(Pos2::new(200.0 + i as f32 * 71.0, 150.0 + i as f32 * 43.0));
        harness.step();
    }
    assert_eq!(harness.state().canvas.picture_builds(), built);

    let centre = harness.state().canvas.canvas_rect().unwrap().center();
    harness.hover_at(centre);
    harness.event(Event::Zoom(1.5));
    harness.step();
    harness.step();
    assert_eq!(harness.state().canvas.picture_builds(), built + 1);
}

#[test]
fn an_edit_rebuilds_the_picture() {
    let mut harness = harness(grid_map());
    let built = harness.state().canvas.picture_builds();
    harness
        .state_mut()
        .map
        .apply(Edit::AddActor(Actor::new(
            "new",
            "Newcomer",
            ActorKind::State,
        )))
        .unwrap();
    harness.step();
    assert!(harness.state().canvas.picture_builds() > built);
}

#[test]
fn the_hover_overlay_labels_the_hovered_node_and_overlaps_no_label() {
    let mut harness = harness(grid_map());
    let issue = NodeRef::Issue("i5".into());
    let at = harness.state().canvas.screen_pos(&issue).unwrap();
    harness.hover_at(at);
    harness.step();
    harness.step();
    let labels = harness.state().canvas.drawn_labels();
    assert!(
        labels.iter().any(|(node, _)| node == &issue),
        "the hovered issue has no label"
    );
    for (i, (a, ra)) in labels.iter().enumerate() {
        for (b, rb) in labels.iter().skip(i + 1) {
            assert!(!ra.intersects(*rb), "{a:?} {ra:?} overlaps {b:?} {rb:?}");
        }
    }
}
