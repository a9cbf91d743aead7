//! The graph canvas and matrix, driven through egui_kittest: clicks select, a drag is
//! one move, Shift+drag adds an edge, matrix cells cycle stances; plus snapshots of
//! every view on a map shaped like the seed article.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::{Event, Modifiers, PointerButton, Pos2, Vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use stancemap::gui::canvas::{CanvasFilter, CanvasState, View, canvas_ui};
use stancemap::gui::command::{Command, Selection};
use stancemap::gui::matrix::{cycle_edit, matrix_ui};
use stancemap::stance_map::{
    Actor, ActorKind, Claim, Edit, Issue, NodeLayout, NodeRef, Origin, Position, PositionKey,
    Relation, Stance, StanceMap,
};

/// US, Ukraine, EU, NATO and Russia on Crimea recognition, the US peace plan and NATO
/// membership, as in the seed article (plus a few stances so every style shows).
fn seed_like_map() -> StanceMap {
    let mut map = StanceMap::new();
    let mut edits = vec![
        Edit::AddActor(Actor::new("US", "United States", ActorKind::State)),
        Edit::AddActor(Actor::new("Ukraine", "Ukraine", ActorKind::State)),
        Edit::AddActor(Actor::new("EU", "European Union", ActorKind::Bloc)),
        Edit::AddActor(Actor::new("NATO", "NATO", ActorKind::Organization)),
        Edit::AddActor(Actor::new("Russia", "Russia", ActorKind::State)),
        Edit::AddIssue(Issue::new(
            "crimea_recognition",
            "Recognise Crimea as Russian",
        )),
        Edit::AddIssue(Issue::new("us_peace_plan", "US peace plan")),
        Edit::AddIssue(Issue::new("nato_membership", "NATO membership for Ukraine")),
    ];
    let extracted = |stance, confidence| {
        let mut claim = Claim::new(stance, Origin::Extracted);
        claim.confidence = confidence;
        claim
    };
    for (actor, issue, claim) in [
        ("US", "crimea_recognition", extracted(Stance::Support, 0.9)),
        ("US", "us_peace_plan", extracted(Stance::Support, 0.95)),
        (
            "Ukraine",
            "crimea_recognition",
            extracted(Stance::Oppose, 0.9),
        ),
        ("Ukraine", "us_peace_plan", extracted(Stance::Oppose, 0.85)),
        ("EU", "crimea_recognition", extracted(Stance::Oppose, 0.9)),
        ("EU", "us_peace_plan", extracted(Stance::Oppose, 0.4)),
        (
            "Ukraine",
            "nato_membership",
            Claim::new(Stance::Support, Origin::Manual),
        ),
        ("NATO", "nato_membership", extracted(Stance::Support, 0.6)),
    ] {
        edits.push(Edit::AddPosition(Position::new(actor, issue, claim)));
    }
    let mut locked = Claim::new(Stance::Oppose, Origin::Extracted);
    locked.locked = true;
    edits.push(Edit::AddPosition(Position::new(
        "Russia",
        "nato_membership",
        locked,
    )));
    edits.push(Edit::AddRelation(Relation::new(
        "EU",
        "Ukraine",
        extracted(Stance::Support, 0.9),
    )));
    edits.push(Edit::AddRelation(Relation::new(
        "Ukraine",
        "Russia",
        extracted(Stance::Oppose, 0.9),
    )));
    map.apply(Edit::Batch(edits)).unwrap();
    map
}

struct Canvas {
    map: StanceMap,
    view: View,
    filter: CanvasFilter,
    selection: Selection,
    canvas: CanvasState,
    commands: Vec<Command>,
}

fn harness(view: View, dark: bool) -> Harness<'static, Canvas> {
    harness_with(seed_like_map(), view, dark, Vec2::new(900.0, 640.0))
}

fn harness_with(map: StanceMap, view: View, dark: bool, size: Vec2) -> Harness<'static, Canvas> {
    let state = Canvas {
        map,
        view,
        filter: CanvasFilter::default(),
        selection: Selection::Nothing,
        canvas: CanvasState::default(),
        commands: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(size)
        .with_theme(if dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        })
        .build_ui_state(
            |ui, state: &mut Canvas| {
                let commands = match &state.view {
                    View::Matrix => matrix_ui(ui, &state.map, &state.filter, &state.selection),
                    view => canvas_ui(
                        ui,
                        &state.map,
                        view,
                        &state.filter,
                        &state.selection,
                        &mut state.canvas,
                    ),
                };
                // Apply edits as the app would, so the next frame shows them.
                for command in &commands {
                    if let Command::Edit(edit) = command {
                        state.map.apply(edit.clone()).unwrap();
                    }
                }
                state.commands.extend(commands);
            },
            state,
        );
    harness.run();
    harness
}

fn actor(id: &str) -> NodeRef {
    NodeRef::Actor(id.into())
}

fn issue(id: &str) -> NodeRef {
    NodeRef::Issue(id.into())
}

fn screen_pos(harness: &Harness<'_, Canvas>, node: &NodeRef) -> Pos2 {
    harness
        .state()
        .canvas
        .screen_pos(node)
        .unwrap_or_else(|| panic!("{node:?} is not drawn"))
}

fn press(harness: &Harness<'_, Canvas>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    harness.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

fn click_at(harness: &mut Harness<'_, Canvas>, pos: Pos2) {
    harness.hover_at(pos);
    press(harness, pos, true, Modifiers::NONE);
    press(harness, pos, false, Modifiers::NONE);
    harness.run();
}

/// Presses at `from`, moves in steps to `to`, releases there.
fn drag(harness: &mut Harness<'_, Canvas>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    harness.event(Event::ModifiersChanged(modifiers));
    harness.hover_at(from);
    press(harness, from, true, modifiers);
    for step in 1..=5 {
        harness.hover_at(from + (to - from) * (step as f32 / 5.0));
    }
    press(harness, to, false, modifiers);
    harness.run();
    harness.event(Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
}

fn edits(commands: &[Command]) -> Vec<&Edit> {
    commands
        .iter()
        .filter_map(|command| match command {
            Command::Edit(edit) => Some(edit),
            _ => None,
        })
        .collect()
}

#[test]
fn every_node_of_the_positions_view_is_drawn_inside_the_canvas() {
    let harness = harness(View::Positions, true);
    let state = harness.state();
    for node in [
        actor("US"),
        actor("Ukraine"),
        actor("EU"),
        actor("NATO"),
        actor("Russia"),
        issue("crimea_recognition"),
        issue("us_peace_plan"),
        issue("nato_membership"),
    ] {
        let pos = screen_pos(&harness, &node);
        assert!(
            pos.x > 0.0 && pos.x < 900.0 && pos.y > 0.0 && pos.y < 640.0,
            "{node:?} at {pos:?}"
        );
    }
    // The relations view hides issues.
    assert!(state.canvas.screen_pos(&issue("us_peace_plan")).is_some());
    let relations = harness_view_nodes(View::Relations);
    assert_eq!(relations, 5);
}

fn harness_view_nodes(view: View) -> usize {
    let harness = harness(view, true);
    ["US", "Ukraine", "EU", "NATO", "Russia"]
        .iter()
        .filter(|id| harness.state().canvas.screen_pos(&actor(id)).is_some())
        .count()
        + ["crimea_recognition", "us_peace_plan", "nato_membership"]
            .iter()
            .filter(|id| harness.state().canvas.screen_pos(&issue(id)).is_some())
            .count()
}

#[test]
fn clicking_a_node_selects_it() {
    let mut harness = harness(View::Positions, true);
    let pos = screen_pos(&harness, &actor("US"));
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().commands,
        vec![Command::Select(Selection::Actor("US".into()))]
    );
    harness.state_mut().commands.clear();
    let pos = screen_pos(&harness, &issue("us_peace_plan"));
    click_at(&mut harness, pos);
    assert_eq!(
        harness.state().commands,
        vec![Command::Select(Selection::Issue("us_peace_plan".into()))]
    );
}

#[test]
fn clicking_an_edge_selects_its_position_and_the_background_selects_nothing() {
    let mut harness = harness(View::Positions, true);
    let from = screen_pos(&harness, &actor("US"));
    let to = screen_pos(&harness, &issue("us_peace_plan"));
    // A point on the segment, off the middle (where manual edges carry a ring).
    click_at(&mut harness, from + (to - from) * 0.4);
    assert_eq!(
        harness.state().commands,
        vec![Command::Select(Selection::Position(PositionKey {
            actor: "US".into(),
            issue: "us_peace_plan".into(),
        }))]
    );
    harness.state_mut().commands.clear();
    let corner = harness.state().canvas.canvas_rect().unwrap().min + Vec2::splat(4.0);
    click_at(&mut harness, corner);
    assert_eq!(
        harness.state().commands,
        vec![Command::Select(Selection::Nothing)]
    );
}

#[test]
fn dragging_a_node_emits_one_move_when_released() {
    let mut harness = harness(View::Positions, true);
    let from = screen_pos(&harness, &actor("NATO"));
    let to = from + Vec2::new(60.0, 40.0);
    drag(&mut harness, from, to, Modifiers::NONE);
    let commands = &harness.state().commands;
    let edits = edits(commands);
    assert_eq!(edits.len(), 1, "{commands:?}");
    assert_eq!(commands.len(), 1, "a drag selects nothing: {commands:?}");
    let Edit::MoveNode {
        node,
        layout: Some(layout),
    } = edits[0]
    else {
        panic!("expected a move, got {:?}", edits[0]);
    };
    assert_eq!(node, &actor("NATO"));
    assert!(layout.pinned);
    // Once applied, the node is drawn where it was dropped, and stays pinned there.
    let drawn = screen_pos(&harness, &actor("NATO"));
    assert!(
        (drawn - to).length() < 1.0,
        "drawn at {drawn:?}, dropped at {to:?}"
    );
    assert_eq!(harness.state().map.layout_of(&actor("NATO")), Some(*layout));
    let NodeLayout { x, y, .. } = *layout;
    assert!(x.is_finite() && y.is_finite());
}

#[test]
fn shift_drag_from_an_actor_to_an_issue_adds_a_manual_support() {
    let mut harness = harness(View::Positions, true);
    let from = screen_pos(&harness, &actor("NATO"));
    let to = screen_pos(&harness, &issue("us_peace_plan"));
    drag(&mut harness, from, to, Modifiers::SHIFT);
    assert_eq!(
        edits(&harness.state().commands),
        vec![&Edit::AddPosition(Position::new(
            "NATO",
            "us_peace_plan",
            Claim::new(Stance::Support, Origin::Manual),
        ))]
    );
}

#[test]
fn shift_drag_between_actors_adds_a_relation() {
    let mut harness = harness(View::Relations, true);
    let from = screen_pos(&harness, &actor("NATO"));
    let to = screen_pos(&harness, &actor("Ukraine"));
    drag(&mut harness, from, to, Modifiers::SHIFT);
    assert_eq!(
        edits(&harness.state().commands),
        vec![&Edit::AddRelation(Relation::new(
            "NATO",
            "Ukraine",
            Claim::new(Stance::Support, Origin::Manual),
        ))]
    );
}

#[test]
fn the_issue_lens_draws_every_actor_around_the_issue() {
    let harness = harness(View::IssueLens("crimea_recognition".into()), true);
    for id in ["US", "Ukraine", "EU", "NATO", "Russia"] {
        assert!(
            harness.state().canvas.screen_pos(&actor(id)).is_some(),
            "{id}"
        );
    }
    assert!(
        harness
            .state()
            .canvas
            .screen_pos(&issue("crimea_recognition"))
            .is_some()
    );
    assert!(
        harness
            .state()
            .canvas
            .screen_pos(&issue("us_peace_plan"))
            .is_none()
    );
}

#[test]
fn matrix_cell_click_adds_a_manual_support() {
    let mut harness = harness(View::Matrix, true);
    harness
        .get_by_label("NATO on US peace plan: no stance")
        .click();
    harness.run();
    assert_eq!(
        harness.state().commands,
        vec![Command::Edit(Edit::AddPosition(Position::new(
            "NATO",
            "us_peace_plan",
            Claim::new(Stance::Support, Origin::Manual),
        )))]
    );
    harness.state_mut().commands.clear();
    harness.get_by_label("Russia").click();
    harness.run();
    assert_eq!(
        harness.state().commands,
        vec![Command::Select(Selection::Actor("Russia".into()))]
    );
}

#[test]
fn matrix_cycle_goes_none_support_oppose_none() {
    let mut map = seed_like_map();
    let key = PositionKey {
        actor: "NATO".into(),
        issue: "crimea_recognition".into(),
    };
    let mut seen = Vec::new();
    for _ in 0..3 {
        map.apply(cycle_edit(&map, &key)).unwrap();
        seen.push(map.stance_of(&key.actor, &key.issue));
    }
    assert_eq!(
        seen,
        vec![Some(Stance::Support), Some(Stance::Oppose), None]
    );
    // Flipping an extracted stance makes it manual.
    let us_plan = PositionKey {
        actor: "Ukraine".into(),
        issue: "nato_membership".into(),
    };
    let Edit::UpdatePosition(flipped) = cycle_edit(&map, &us_plan) else {
        panic!("support must flip to oppose");
    };
    assert_eq!(flipped.claim.stance, Stance::Oppose);
    assert_eq!(flipped.claim.origin, Origin::Manual);
}

#[test]
fn filters_hide_low_confidence_edges_and_other_issues() {
    let mut harness = harness(View::Positions, true);
    harness.state_mut().filter.min_confidence = 0.5;
    harness.run();
    // EU → US peace plan (confidence 0.4) is gone: clicking it hits the background.
    let from = screen_pos(&harness, &actor("EU"));
    let to = screen_pos(&harness, &issue("us_peace_plan"));
    click_at(&mut harness, from + (to - from) * 0.4);
    assert_ne!(
        harness.state().commands,
        vec![Command::Select(Selection::Position(PositionKey {
            actor: "EU".into(),
            issue: "us_peace_plan".into(),
        }))]
    );
}

mod snapshots {
    //! Pictures of each view; look at them in tests/snapshots after updating.
    use super::*;
    use egui_kittest::SnapshotOptions;

    fn check(view: View, dark: bool, name: &str) {
        let mut harness = harness(view, dark);
        harness.remove_cursor();
        harness.run();
        // llvmpipe renders the same on this machine; allow a little anti-aliasing noise.
        harness.snapshot_options(
            name,
            &SnapshotOptions::new().threshold(1.0).max_failed_pixels(40),
        );
    }

    #[test]
    fn positions() {
        check(View::Positions, true, "canvas_positions");
    }

    #[test]
    fn positions_light() {
        check(View::Positions, false, "canvas_positions_light");
    }

    #[test]
    fn relations() {
        check(View::Relations, true, "canvas_relations");
    }

    #[test]
    fn issue_lens() {
        check(
            View::IssueLens("crimea_recognition".into()),
            true,
            "canvas_lens",
        );
    }

    #[test]
    fn matrix() {
        check(View::Matrix, true, "canvas_matrix");
    }
}

mod scale {
    //! A 10k-node, 50k-edge map: run by hand with `--ignored --nocapture` to see timings.
    use super::*;
    use std::time::Instant;

    fn big_map(n_actors: usize, n_issues: usize, n_edges: usize) -> StanceMap {
        let mut edits = Vec::new();
        for i in 0..n_actors {
            edits.push(Edit::AddActor(Actor::new(
                format!("a{i:05}"),
                format!("Actor {i}"),
                ActorKind::State,
            )));
        }
        for i in 0..n_issues {
            edits.push(Edit::AddIssue(Issue::new(
                format!("i{i:05}"),
                format!("Issue {i}"),
            )));
        }
        let mut added = std::collections::BTreeSet::new();
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        while added.len() < n_edges {
            let actor = next() % n_actors;
            let stance = if next() % 3 == 0 {
                Stance::Oppose
            } else {
                Stance::Support
            };
            let claim = Claim::new(stance, Origin::Extracted);
            if next() % 2 == 0 {
                let issue = next() % n_issues;
                if added.insert((0, actor, issue)) {
                    edits.push(Edit::AddPosition(Position::new(
                        format!("a{actor:05}"),
                        format!("i{issue:05}"),
                        claim,
                    )));
                }
            } else {
                let target = next() % n_actors;
                if target != actor && added.insert((1, actor, target)) {
                    edits.push(Edit::AddRelation(Relation::new(
                        format!("a{actor:05}"),
                        format!("a{target:05}"),
                        claim,
                    )));
                }
            }
        }
        let mut map = StanceMap::new();
        map.apply(Edit::Batch(edits)).unwrap();
        map
    }

    #[test]
    #[ignore = "timing run; use --ignored --nocapture"]
    fn ten_thousand_nodes_fifty_thousand_edges() {
        let started = Instant::now();
        let map = big_map(8_000, 2_000, 50_000);
        println!("built map in {:?}", started.elapsed());
        let mut canvas = CanvasState::default();
        let started = Instant::now();
        canvas.sync_layout(&map);
        println!("full layout of 10k nodes in {:?}", started.elapsed());
        let mut harness = Harness::builder()
            .with_size(Vec2::new(1200.0, 800.0))
            .with_max_steps(100)
            .build_ui_state(
                |ui, canvas: &mut CanvasState| {
                    canvas_ui(
                        ui,
                        &map,
                        &View::Positions,
                        &CanvasFilter::default(),
                        &Selection::Nothing,
                        canvas,
                    );
                },
                canvas,
            );
        harness.run();
        let frames = 10;
        let started = Instant::now();
        for i in 0..frames {
            harness.hover_at(Pos2::new(300.0 + i as f32 * 30.0, 400.0));
            harness.step();
        }
        println!(
            "zoomed-out frame (all visible): {:?}",
            started.elapsed() / frames
        );
        // Zoom in: most nodes are culled, labels drawn.
        for _ in 0..10 {
            harness.event(Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: Vec2::new(0.0, 200.0),
                modifiers: Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
            });
        }
        harness.run_ok();
        let started = Instant::now();
        for i in 0..frames {
            harness.hover_at(Pos2::new(300.0 + i as f32 * 30.0, 400.0));
            harness.step();
        }
        println!(
            "zoomed-in frame (zoom {:.2}): {:?}",
            harness.state().camera().zoom,
            started.elapsed() / frames
        );
    }
}

mod readable {
    //! Labels stay readable: screen-sized, never overlapping, every well-connected
    //! node labelled at fit, on a generated 40-node map.
    use super::*;
    use egui_kittest::SnapshotOptions;

    const ACTORS: [&str; 28] = [
        "United States",
        "Ukraine",
        "European Union",
        "NATO",
        "Russia",
        "China",
        "Germany",
        "France",
        "United Kingdom",
        "Poland",
        "Hungary",
        "Turkey",
        "India",
        "Brazil",
        "South Africa",
        "Japan",
        "Iran",
        "Saudi Arabia",
        "Qatar",
        "Israel",
        "Egypt",
        "United Nations",
        "African Union",
        "Canada",
        "Italy",
        "Spain",
        "Belarus",
        "Moldova",
    ];
    const ISSUES: [&str; 12] = [
        "Recognise Crimea as Russian",
        "US peace plan",
        "NATO membership for Ukraine",
        "Sanctions on Russian energy exports",
        "Ceasefire along the current front line",
        "Security guarantees for Ukraine",
        "Frozen Russian central bank assets",
        "Grain corridor through the Black Sea",
        "Prisoner exchange",
        "Reconstruction fund",
        "Peacekeeping mission under a United Nations mandate",
        "Elections in occupied territories",
    ];

    /// 28 actors and 12 issues with real-length names; positions and relations from
    /// a fixed linear congruential sequence, so the map is the same on every run.
    pub fn forty_node_map() -> StanceMap {
        let id = |name: &str| name.replace(' ', "_");
        let mut edits = Vec::new();
        for name in ACTORS {
            edits.push(Edit::AddActor(Actor::new(id(name), name, ActorKind::State)));
        }
        for (i, label) in ISSUES.iter().enumerate() {
            edits.push(Edit::AddIssue(Issue::new(format!("issue{i:02}"), *label)));
        }
        let mut seed = 2024u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut seen = std::collections::BTreeSet::new();
        for (a, name) in ACTORS.iter().enumerate() {
            let n_positions = 1 + next() % 3;
            for _ in 0..n_positions {
                let issue = next() % ISSUES.len();
                if !seen.insert((a, issue)) {
                    continue;
                }
                let stance = if next() % 3 == 0 {
                    Stance::Oppose
                } else {
                    Stance::Support
                };
                edits.push(Edit::AddPosition(Position::new(
                    id(name),
                    format!("issue{issue:02}"),
                    Claim::new(stance, Origin::Extracted),
                )));
            }
        }
        let mut map = StanceMap::new();
        map.apply(Edit::Batch(edits)).unwrap();
        map
    }

    fn degree(map: &StanceMap, node: &NodeRef) -> usize {
        match node {
            NodeRef::Actor(id) => map.positions_of_actor(id).count(),
            NodeRef::Issue(id) => map.positions_on_issue(id).len(),
        }
    }

    fn assert_readable(harness: &Harness<'_, Canvas>) {
        let state = harness.state();
        let labels = state.canvas.drawn_labels();
        assert!(!labels.is_empty(), "no labels drawn");
        for (i, (a, ra)) in labels.iter().enumerate() {
            for (b, rb) in labels.iter().skip(i + 1) {
                assert!(
                    !ra.intersects(*rb),
                    "labels of {a:?} {ra:?} and {b:?} {rb:?} overlap"
                );
            }
        }
        let labelled: std::collections::BTreeSet<&NodeRef> =
            labels.iter().map(|(node, _)| node).collect();
        let mut missing = Vec::new();
        for node in state
            .map
            .actors()
            .map(|a| NodeRef::Actor(a.id.clone()))
            .chain(state.map.issues().map(|i| NodeRef::Issue(i.id.clone())))
        {
            if degree(&state.map, &node) >= 2 && !labelled.contains(&node) {
                missing.push(node);
            }
        }
        assert!(
            missing.is_empty(),
            "nodes of degree >= 2 without a label: {missing:?}"
        );
    }

    fn fitted() -> Harness<'static, Canvas> {
        let mut harness = harness_with(
            forty_node_map(),
            View::Positions,
            true,
            Vec2::new(1200.0, 800.0),
        );
        harness.remove_cursor();
        harness.run();
        harness
    }

    #[test]
    fn at_fit_labels_do_not_overlap_and_every_node_of_degree_two_has_one() {
        let harness = fitted();
        assert_readable(&harness);
    }

    #[test]
    fn labels_keep_their_screen_size_when_zoomed_out() {
        let mut harness = fitted();
        let height_at_fit = harness.state().canvas.drawn_labels()[0].1.height();
        assert!(height_at_fit >= 11.0, "label {height_at_fit} px high");
        let centre = harness.state().canvas.canvas_rect().unwrap().center();
        harness.hover_at(centre);
        harness.event(Event::Zoom(0.3));
        harness.run();
        let zoom = harness.state().canvas.camera().zoom;
        let labels = harness.state().canvas.drawn_labels();
        assert!(!labels.is_empty(), "labels vanish at zoom {zoom}");
        for (node, rect) in &labels {
            assert!(rect.height() >= 11.0, "{node:?}: {rect:?} at zoom {zoom}");
        }
    }

    #[test]
    fn the_legend_folds_away_and_the_fit_stays_clear_of_it() {
        let mut harness = fitted();
        let rect = harness.state().canvas.canvas_rect().unwrap();
        let legend = harness.state().canvas.legend_rect().unwrap();
        for node in harness.state().map.actors() {
            let pos = screen_pos(&harness, &NodeRef::Actor(node.id.clone()));
            assert!(!legend.contains(pos), "{} under the legend", node.id);
            assert!(rect.contains(pos));
        }
        harness.get_by_label("Hide legend").click();
        harness.run();
        assert!(harness.state().canvas.legend_collapsed);
        harness.get_by_label("Legend").click();
        harness.run();
        assert!(!harness.state().canvas.legend_collapsed);
    }

    #[test]
    fn forty_nodes_at_fit_snapshot() {
        let mut harness = fitted();
        harness.snapshot_options(
            "canvas_forty_nodes",
            &SnapshotOptions::new().threshold(1.0).max_failed_pixels(60),
        );
    }

    #[test]
    fn a_changed_claim_is_drawn_and_the_legend_names_it() {
        // Drawing must not panic and the legend row exists; the look is in snapshots.
        let mut map = seed_like_map();
        let mut claim = Claim::new(Stance::Oppose, Origin::Extracted);
        let mut first = stancemap::stance_map::Evidence::new("s1".into(), 0, 1, "a");
        first.stance = Some(Stance::Support);
        let mut second = stancemap::stance_map::Evidence::new("s1".into(), 2, 3, "b");
        second.stance = Some(Stance::Oppose);
        claim.evidence = vec![first, second];
        assert!(claim.is_mixed());
        map.apply(Edit::AddSource(stancemap::stance_map::Source {
            id: "s1".into(),
            title: "Talks".into(),
            path: "talks.txt".into(),
            date: None,
            text: "a b c d".into(),
        }))
        .unwrap();
        map.apply(Edit::UpdatePosition(Position::new(
            "EU",
            "us_peace_plan",
            claim,
        )))
        .unwrap();
        let mut harness = harness_with(map, View::Positions, true, Vec2::new(900.0, 640.0));
        harness.run();
        harness.get_by_label("Hide legend");
        assert!(harness.state().canvas.drawn_labels().len() >= 5);
    }
}
