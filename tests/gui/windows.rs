//! Closing with unsaved changes, autosave and recovery, the lexicon editor, the theme.

use std::sync::Arc;

use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable;
use stancemap::gui::StanceMapApp;
use stancemap::gui::dialogs::Modal;

use super::{FakeDialog, app_with_map, config, harness_for};

fn request_close(harness: &mut egui_kittest::Harness<'static, StanceMapApp>) {
    let viewport = harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default();
    viewport.events.push(ViewportEvent::Close);
    harness.step();
}

fn sent_cancel_close(harness: &egui_kittest::Harness<'static, StanceMapApp>) -> bool {
    harness
        .output()
        .viewport_output
        .values()
        .any(|viewport| viewport.commands.contains(&ViewportCommand::CancelClose))
}

#[test]
fn closing_with_unsaved_changes_asks_and_cancel_keeps_the_app_open() {
    let mut app = app_with_map();
    app.harness.get_by_label("+ actor").click();
    app.harness.run();
    request_close(&mut app.harness);
    assert!(sent_cancel_close(&app.harness));
    app.harness.run();
    assert!(matches!(
        app.harness.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    app.harness.get_by_label("Cancel").click();
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
    assert!(!app.harness.state().close_allowed());
    assert_eq!(app.map().n_actors(), 4, "the change is still there");

    request_close(&mut app.harness);
    app.harness.run();
    app.harness.get_by_label("Discard").click();
    app.harness.run();
    assert!(app.harness.state().close_allowed());
}

#[test]
fn closing_a_saved_map_does_not_ask() {
    let mut app = app_with_map();
    request_close(&mut app.harness);
    assert!(!sent_cancel_close(&app.harness));
    assert!(app.harness.state().close_allowed());
    assert_eq!(app.harness.state().modal(), None);
}

#[test]
fn opening_another_file_with_unsaved_changes_asks_first() {
    let mut app = app_with_map();
    app.harness.get_by_label("+ issue").click();
    app.harness.run();
    app.harness.get_by_label("File").click();
    app.harness.run();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    assert!(
        app.map()
            .source(&"s1".into())
            .unwrap()
            .title
            .contains("Geneva"),
        "not replaced yet"
    );
    app.harness.get_by_label("Discard").click();
    app.harness.run();
    assert!(
        app.map()
            .source(&"s1".into())
            .unwrap()
            .title
            .contains("ceasefire")
    );
}

#[test]
fn autosave_after_30_seconds_and_recovery_on_next_start() {
    let mut app = app_with_map();
    let recovery = app.dir.path().join("recovery.stancemap.ron");
    app.harness.get_by_label("+ actor").click();
    app.harness.run();
    app.harness.input_mut().time = Some(10.0);
    app.harness.run();
    assert!(!recovery.exists(), "not before 30 s");
    app.harness.input_mut().time = Some(45.0);
    app.harness.run();
    assert!(recovery.exists(), "{}", app.harness.state().status());
    let edited = app.map().clone();

    // A crash: the next instance finds the recovery file and offers it.
    let mut next = harness_for(config(app.dir.path(), Arc::new(FakeDialog::default())));
    assert_eq!(next.state().modal(), Some(&Modal::Recovery));
    next.get_by_label("Recover unsaved map").click();
    next.run();
    assert_eq!(next.state().document().map(|d| &d.map), Some(&edited));
    assert!(next.state().document().unwrap().is_dirty());

    // A clean exit removes the recovery file.
    next.get_by_label("File").click();
    next.run();
    next.get_by_label("Quit").click();
    next.run();
    next.get_by_label("Discard").click();
    next.run();
    assert!(!recovery.exists());
}

#[test]
fn lexicon_editor_adds_an_alias_to_the_file_and_the_actor() {
    let mut app = app_with_map();
    app.harness.get_by_label("Tools").click();
    app.harness.run();
    app.harness.get_by_label("Lexicon editor…").click();
    app.harness.run();
    app.harness.get_by_label("Actor").click();
    app.harness.run();
    app.harness
        .get_all_by_label("Ukraine")
        .last()
        .unwrap()
        .click();
    app.harness.run();
    app.harness.get_by_label("Alias").focus();
    app.harness.get_by_label("Alias").type_text("Kiev");
    app.harness.run();
    app.harness.get_by_label("Add alias and re-extract").click();
    app.harness.run();
    let file = std::fs::read_to_string(app.dir.path().join("config").join("lexicon.ron")).unwrap();
    let parsed: stancemap::gui::lexicon_editor::UserLexiconFile = ron::from_str(&file).unwrap();
    assert_eq!(parsed.aliases, [("Kiev".to_owned(), "Ukraine".to_owned())]);
    let lexicon = stancemap::extract::Lexicon::bundled().with_user_ron(&file);
    assert!(
        lexicon.is_ok(),
        "the extraction lexicon accepts the file: {file}"
    );
    assert_eq!(
        app.map().actor(&"Ukraine".into()).unwrap().aliases,
        ["Kyiv", "Kiev"]
    );
}

#[test]
fn theme_toggle_is_a_preference() {
    let mut app = app_with_map();
    assert!(app.harness.state().preferences().dark_theme);
    app.harness.get_by_label("View").click();
    app.harness.run();
    app.harness.get_by_label("Light theme").click();
    app.harness.run();
    assert!(!app.harness.state().preferences().dark_theme);
    assert_eq!(app.harness.ctx.theme(), egui::Theme::Light);
}
