//! Closing with unsaved changes, autosave and recovery, the lexicon editor, the theme.

use std::sync::Arc;

use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::kittest::Queryable;
use stancemap::gui::StanceMapApp;
use stancemap::gui::dialogs::Modal;

use super::{FakeDialog, app_with_map, config, empty_app, harness_for};

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
    app.harness
        .get_by_label("Save the changes to talks.stancemap.ron?");
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
fn autosave_two_seconds_after_an_edit_and_recovery_on_next_start() {
    let mut app = app_with_map();
    let recovery = app.dir.path().join("recovery.stancemap.ron");
    let backup = app.dir.path().join("recovery.stancemap.ron.bak");
    app.harness.input_mut().time = Some(5.0);
    app.harness.run();
    app.harness.get_by_label("+ actor").click();
    app.harness.run();
    app.harness.input_mut().time = Some(6.0);
    app.harness.run();
    assert!(!recovery.exists(), "not while the user is still at it");
    app.harness.input_mut().time = Some(8.0);
    app.harness.run();
    assert!(recovery.exists(), "{}", app.harness.state().status());
    // A second edit (a node move would do the same) is written after the next pause,
    // and no backup of the recovery file is left behind.
    app.harness.get_by_label("+ issue").click();
    app.harness.run();
    app.harness.input_mut().time = Some(11.0);
    app.harness.run();
    let written = stancemap::storage::load_map(&recovery).unwrap();
    assert_eq!(&written, app.map());
    assert!(!backup.exists(), "stray {}", backup.display());
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

#[test]
fn quitting_an_untouched_extraction_does_not_ask() {
    let mut app = empty_app();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    assert!(
        app.harness
            .state()
            .status()
            .contains("not saved as a map yet")
    );
    request_close(&mut app.harness);
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
    assert!(app.harness.state().close_allowed());
}

#[test]
fn an_edited_extraction_asks_before_quitting() {
    let mut app = empty_app();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    app.harness.get_by_label("+ issue").click();
    app.harness.run();
    request_close(&mut app.harness);
    app.harness.run();
    assert!(matches!(
        app.harness.state().modal(),
        Some(Modal::UnsavedChanges { .. })
    ));
    app.harness
        .get_by_label("Save the changes to ceasefire_talks.txt?");
}

#[test]
fn the_legend_choice_is_remembered_in_the_preferences() {
    let mut app = app_with_map();
    assert!(!app.harness.state().preferences().legend_collapsed);
    app.harness.get_by_label("Hide legend").click();
    app.harness.run();
    assert!(app.harness.state().preferences().legend_collapsed);
}

#[test]
fn at_1024_by_680_the_fitted_map_stays_clear_of_the_legend() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1024.0, 680.0))
        .build_eframe({
            let config = config(dir.path(), Arc::new(FakeDialog::default()));
            move |_| stancemap::gui::StanceMapApp::new(config)
        });
    harness.get_by_label("Open sample article").click();
    harness.run();
    let canvas = harness.state().canvas();
    let legend = canvas.legend_rect().unwrap();
    let map = &harness.state().document().unwrap().map;
    let mut seen = 0;
    for actor in map.actors() {
        let node = stancemap::stance_map::NodeRef::Actor(actor.id.clone());
        if let Some(pos) = canvas.screen_pos(&node) {
            seen += 1;
            assert!(
                !legend.expand(4.0).contains(pos),
                "{} under the legend",
                actor.id
            );
        }
    }
    assert!(seen >= 3, "only {seen} actors drawn");
    for (node, rect) in canvas.drawn_labels() {
        assert!(
            !rect.intersects(legend),
            "label of {node:?} under the legend"
        );
    }
}
