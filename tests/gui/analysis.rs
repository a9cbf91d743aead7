//! The Analysis window and File → Export… driven through the real app.

use egui_kittest::kittest::Queryable;
use stancemap::analysis::{Normalisation, analyze};

use super::app_with_map;

#[test]
fn analysis_window_shows_the_frustration_index_and_coalitions() {
    let mut app = app_with_map();
    let expected = analyze(app.map(), 2, Normalisation::None);
    app.harness.get_by_label("Tools").click();
    app.harness.run();
    app.harness.get_by_label("Analysis…").click();
    app.harness.run();
    let label = format!("Frustration index: {} (exact)", expected.frustration.index);
    assert!(app.harness.query_by_label(&label).is_some(), "{label}");
    assert!(app.harness.query_by_label("Coalition A:").is_some());
    assert!(app.harness.query_by_label("Contested issues").is_some());
}

#[test]
fn export_dialog_writes_graphml_that_parses_back() {
    let mut app = app_with_map();
    app.harness.get_by_label("File").click();
    app.harness.run();
    app.harness.get_by_label("Export…").click();
    app.harness.run();
    let out = app.dir.path().join("out.graphml");
    app.harness.get_by_label("Path").focus();
    app.harness
        .get_by_label("Path")
        .type_text(&out.to_string_lossy());
    app.harness.run();
    app.harness.get_by_label("Export").click();
    app.harness.run();
    let text = std::fs::read_to_string(&out).unwrap();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut nodes = 0;
    loop {
        match reader.read_event().unwrap() {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == b"node" => nodes += 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(nodes, app.map().n_actors() + app.map().n_issues());
}

/// The sample (seed) article with the Analysis window open: its two-coalition split.
/// The picture is `tests/snapshots/analysis_seed.png`, shown in the README.
#[test]
fn seed_article_analysis_window_snapshot() {
    let mut app = super::empty_app();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    let expected = analyze(app.map(), 2, Normalisation::None);
    assert!(!expected.coalition_a.is_empty() && !expected.coalition_b.is_empty());
    app.harness.get_by_label("Tools").click();
    app.harness.run();
    app.harness.get_by_label("Analysis…").click();
    app.harness.run();
    let members = |list: &[stancemap::stance_map::ActorId]| {
        list.iter()
            .map(|id| id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    assert!(
        app.harness
            .query_all_by_label(&members(&expected.coalition_a))
            .next()
            .is_some()
    );
    assert!(
        app.harness
            .query_all_by_label(&members(&expected.coalition_b))
            .next()
            .is_some()
    );
    app.harness.remove_cursor();
    app.harness.run();
    app.harness.snapshot_options(
        "analysis_seed",
        &egui_kittest::SnapshotOptions::new()
            .threshold(1.0)
            .max_failed_pixels(400),
    );
}
