//! Analysis in the main views, driven through the real app: coalition colours and
//! frustrated ties on the canvas (asserted on the overlay and the fill the canvas
//! chose, not on pixels), the matrix sorted by coalition, source dates edited with
//! undo, and the timeline hiding stances dated outside its range.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemap::analysis::{Normalisation, analyze};
use stancemap::gui::analysis_panel::coalition_color;
use stancemap::gui::document::Document;
use stancemap::stance_map::{
    Actor, ActorId, ActorKind, Claim, Edit, Evidence, Issue, NodeRef, Origin, Position,
    PositionKey, Relation, Source, SourceId, Stance, StanceMap,
};

use super::{TestApp, app_with_map, empty_app};

fn open(map: StanceMap) -> TestApp {
    let mut app = empty_app();
    let path = app.dir.path().join("view.stancemap.ron");
    app.harness
        .state_mut()
        .set_document(Document::from_file(map, path));
    app.harness.run();
    app
}

fn view_menu_click(app: &mut TestApp, item: &str) {
    app.harness.get_by_label("View").click();
    app.harness.run();
    app.harness.get_by_label(item).click();
    app.harness.run();
}

fn actor(id: &str) -> NodeRef {
    NodeRef::Actor(ActorId::from(id))
}

fn manual(stance: Stance) -> Claim {
    Claim::new(stance, Origin::Manual)
}

/// Actors with explicit relations only; `ties` are (a, b, positive).
fn signed_map(actors: &[&str], ties: &[(&str, &str, bool)]) -> StanceMap {
    let mut edits: Vec<Edit> = actors
        .iter()
        .map(|id| Edit::AddActor(Actor::new(*id, *id, ActorKind::State)))
        .collect();
    edits.push(Edit::AddIssue(Issue::new("talks", "Talks")));
    for (a, b, positive) in ties {
        let stance = if *positive {
            Stance::Support
        } else {
            Stance::Oppose
        };
        edits.push(Edit::AddRelation(Relation::new(*a, *b, manual(stance))));
    }
    let mut map = StanceMap::new();
    map.apply(Edit::Batch(edits)).unwrap();
    map
}

#[test]
fn colour_by_coalition_fills_each_member_with_its_coalition_colour() {
    let mut app = app_with_map();
    // US backs the Crimea issue, Ukraine opposes it, the EU criticises the US:
    // US alone against EU and Ukraine.
    let analysis = analyze(app.map(), 2, Normalisation::None);
    assert_eq!(analysis.coalition_a, vec!["EU".into(), "Ukraine".into()]);
    assert_eq!(analysis.coalition_b, vec![ActorId::from("US")]);
    let own_fill = app
        .harness
        .state()
        .canvas()
        .node_fill(&actor("US"))
        .unwrap();
    assert_ne!(own_fill, coalition_color(1));
    assert!(app.harness.state().canvas().overlay().node_fill.is_empty());

    view_menu_click(&mut app, "Colour by coalition");
    let canvas = app.harness.state().canvas();
    assert_eq!(canvas.node_fill(&actor("US")), Some(coalition_color(1)));
    assert_eq!(canvas.node_fill(&actor("EU")), Some(coalition_color(0)));
    assert_eq!(
        canvas.node_fill(&actor("Ukraine")),
        Some(coalition_color(0))
    );
    assert!(app.harness.state().analysis_view().colour_by_coalition);
    let key: Vec<(egui::Color32, bool, &str)> = canvas
        .overlay()
        .key
        .iter()
        .map(|(color, ring, text)| (*color, *ring, text.as_str()))
        .collect();
    assert_eq!(
        key,
        [
            (coalition_color(0), false, "Coalition A"),
            (coalition_color(1), false, "Coalition B")
        ]
    );

    // Off again from the Analysis window's checkbox: the actor's own fill returns.
    app.harness.get_by_label("Tools").click();
    app.harness.run();
    app.harness.get_by_label("Analysis…").click();
    app.harness.run();
    app.harness.get_by_label("Colour by coalition").click();
    app.harness.run();
    app.harness.run();
    let canvas = app.harness.state().canvas();
    assert_eq!(canvas.node_fill(&actor("US")), Some(own_fill));
    assert!(canvas.overlay().node_fill.is_empty());
}

#[test]
fn highlight_frustrated_marks_the_one_tie_the_split_frustrates() {
    // A, B, C all friends; D hostile to A and B but friendly with C. The best split
    // is {A, B, C} vs {D}: only D+C is frustrated (frustration index 1).
    let map = signed_map(
        &["A", "B", "C", "D"],
        &[
            ("A", "B", true),
            ("B", "C", true),
            ("A", "C", true),
            ("D", "A", false),
            ("D", "B", false),
            ("D", "C", true),
        ],
    );
    assert_eq!(analyze(&map, 2, Normalisation::None).frustration.index, 1);
    let mut app = open(map);
    view_menu_click(&mut app, "Highlight frustrated ties");
    let overlay = app.harness.state().canvas().overlay();
    assert!(overlay.is_highlighted(&actor("C"), &actor("D")));
    assert!(overlay.is_highlighted(&actor("D"), &actor("C")));
    assert!(!overlay.is_highlighted(&actor("A"), &actor("D")));
    assert!(!overlay.is_highlighted(&actor("A"), &actor("B")));
    let ringed: Vec<&str> = overlay
        .highlighted_ties
        .keys()
        .map(ActorId::as_str)
        .collect();
    assert_eq!(ringed, vec!["C", "D"]);
    let key: Vec<&str> = overlay
        .key
        .iter()
        .map(|(_, _, text)| text.as_str())
        .collect();
    assert_eq!(key, ["1 frustrated tie"]);
    assert!(
        overlay.node_fill.is_empty(),
        "highlighting does not recolour"
    );
}

#[test]
fn matrix_sorted_by_coalition_lists_a_then_b_then_unaligned() {
    // alpha, charlie, delta are friends; bravo is hostile to alpha and charlie but
    // friendly with delta; able has no tie. Split: {alpha, charlie, delta} vs {bravo}.
    let map = signed_map(
        &["able", "alpha", "bravo", "charlie", "delta"],
        &[
            ("alpha", "charlie", true),
            ("charlie", "delta", true),
            ("alpha", "delta", true),
            ("bravo", "alpha", false),
            ("bravo", "charlie", false),
            ("bravo", "delta", true),
        ],
    );
    let mut app = open(map);
    app.harness.get_by_label("Matrix").click();
    app.harness.run();
    let rows = |app: &TestApp| -> Vec<String> {
        let mut rows: Vec<(f32, String)> = ["able", "alpha", "bravo", "charlie", "delta"]
            .iter()
            .map(|id| {
                // The matrix's row header, not the side panel's list entry: the rightmost.
                let y = app
                    .harness
                    .query_all_by_label(id)
                    .map(|node| node.rect().center())
                    .max_by(|a, b| a.x.total_cmp(&b.x))
                    .unwrap()
                    .y;
                (y, id.to_string())
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows.into_iter().map(|(_, id)| id).collect()
    };
    assert_eq!(rows(&app), ["able", "alpha", "bravo", "charlie", "delta"]);
    app.harness.get_by_label("by coalition").click();
    app.harness.run();
    app.harness.run();
    assert_eq!(rows(&app), ["alpha", "charlie", "delta", "bravo", "able"]);
    let coalitions = app.harness.state().analysis_view().coalition_of();
    assert_eq!(coalitions.get(&ActorId::from("bravo")), Some(&1));
    assert_eq!(coalitions.get(&ActorId::from("able")), None);
}

#[test]
fn source_date_edit_is_one_undoable_step_and_rejects_non_dates() {
    let mut app = app_with_map();
    let date = |app: &TestApp| {
        app.map()
            .source(&SourceId::from("s1"))
            .and_then(|s| s.date.clone())
    };
    assert_eq!(date(&app), None);
    for (typed, expected, depth) in [
        ("2025-13-01", None, 0),
        ("2025-11-23", Some("2025-11-23"), 1),
    ] {
        app.harness.get_by_label("Date").focus();
        app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
        app.harness.get_by_label("Date").type_text(typed);
        app.harness.run();
        app.harness.key_press(Key::Enter);
        app.harness.run();
        assert_eq!(date(&app).as_deref(), expected, "{typed}");
        assert_eq!(app.document().history.depth(), depth, "{typed}");
    }
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    app.harness.run();
    assert_eq!(date(&app), None);
}

const JANUARY: &str = "In January the EU backed the talks.";
const JUNE: &str = "In June Russia rejected the talks.";

/// Two sources, January and June 2025; the EU's stance rests on January, Russia's
/// on June; Ukraine's is manual, without evidence (undated).
fn dated_map() -> StanceMap {
    let source = |id: &str, date: &str, text: &str| {
        Edit::AddSource(Source {
            id: id.into(),
            title: id.into(),
            path: format!("{id}.txt"),
            date: Some(date.into()),
            text: text.into(),
        })
    };
    let claim = |source: &str, text: &str, stance: Stance| Claim {
        evidence: vec![Evidence {
            stance: Some(stance),
            ..Evidence::new(source.into(), 0, text.len(), text)
        }],
        ..Claim::new(stance, Origin::Extracted)
    };
    let mut map = StanceMap::new();
    map.apply(Edit::Batch(vec![
        source("jan", "2025-01-10", JANUARY),
        source("jun", "2025-06-01", JUNE),
        Edit::AddActor(Actor::new("EU", "European Union", ActorKind::Bloc)),
        Edit::AddActor(Actor::new("Russia", "Russia", ActorKind::State)),
        Edit::AddActor(Actor::new("Ukraine", "Ukraine", ActorKind::State)),
        Edit::AddIssue(Issue::new("talks", "Talks")),
        Edit::AddPosition(Position::new(
            "EU",
            "talks",
            claim("jan", JANUARY, Stance::Support),
        )),
        Edit::AddPosition(Position::new(
            "Russia",
            "talks",
            claim("jun", JUNE, Stance::Oppose),
        )),
        Edit::AddPosition(Position::new("Ukraine", "talks", manual(Stance::Support))),
    ]))
    .unwrap();
    map
}

fn key(actor: &str) -> PositionKey {
    PositionKey {
        actor: actor.into(),
        issue: "talks".into(),
    }
}

#[test]
fn timeline_hides_stances_dated_outside_the_range() {
    let mut app = open(dated_map());
    view_menu_click(&mut app, "Timeline");
    app.harness.get_by_label("From date").focus();
    app.harness.get_by_label("From date").type_text("2025-05");
    app.harness.run();
    app.harness.run();
    let shown = |app: &TestApp| -> Vec<&'static str> {
        let state = app.harness.state();
        let map = state.document().unwrap().map.clone();
        let view = state.analysis_view().shown(&map);
        ["EU", "Russia", "Ukraine"]
            .into_iter()
            .filter(|actor| view.position(&key(actor)).is_some())
            .collect()
    };
    assert_eq!(shown(&app), ["Russia", "Ukraine"]);
    assert!(app.harness.query_by_label("2 of 3 stances shown").is_some());
    // The map itself keeps every stance.
    assert_eq!(app.map().n_positions(), 3);
    // Without undated stances, the manual one goes too.
    app.harness.get_by_label("Show undated").click();
    app.harness.run();
    app.harness.run();
    assert_eq!(shown(&app), ["Russia"]);
    // Closing the bar shows everything again.
    app.harness.get_by_label("Close").click();
    app.harness.run();
    app.harness.run();
    assert_eq!(shown(&app), ["EU", "Russia", "Ukraine"]);
}

#[test]
fn inspector_charts_a_position_over_time() {
    let map = dated_map();
    let points =
        stancemap::gui::stance_chart::stance_points(&map, &"Russia".into(), &"talks".into());
    let june = stancemap::analysis::day_number("2025-06-01").unwrap() as f64;
    assert_eq!(points, vec![[june, -1.0]]);
    assert_eq!(
        stancemap::gui::stance_chart::date_of_day(june as i64),
        "2025-06-01"
    );
    let mut app = open(map);
    app.harness
        .state_mut()
        .queue(stancemap::gui::action::AppAction::Command(
            stancemap::gui::command::Command::Select(stancemap::gui::command::Selection::Position(
                key("Ukraine"),
            )),
        ));
    app.harness.run();
    assert!(app.harness.query_by_label("Stance over time").is_some());
    assert!(
        app.harness
            .query_by_label_contains("No dated evidence for this stance")
            .is_some()
    );
}
