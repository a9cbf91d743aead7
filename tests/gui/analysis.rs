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
