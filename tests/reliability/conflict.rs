//! Saving over a map file that changed on disk since it was opened asks first:
//! Overwrite, Save as…, Show differences or Cancel (the app under egui_kittest, the
//! file dialog faked).

use std::path::PathBuf;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemap::gui::action::AppAction;
use stancemap::gui::command::Command;
use stancemap::gui::dialogs::Modal;
use stancemap::stance_map::{Actor, ActorKind, Edit};
use stancemap::storage::{load_map, save_map};

use crate::gui::{TestApp, empty_app, sample_map};

/// An app that opened a saved map and added Turkey, while another analyst saved the
/// same file with Ruritania added; returns the app, the path and the other's bytes.
fn changed_behind_the_apps_back() -> (TestApp, PathBuf, Vec<u8>) {
    let mut app = empty_app();
    let path = app.dir.path().join("talks.stancemap.ron");
    save_map(&path, &sample_map()).unwrap();
    app.harness.state_mut().queue(AppAction::Open(path.clone()));
    app.harness.run();
    assert_eq!(app.document().path.as_deref(), Some(path.as_path()));
    let turkey = Actor::new("Turkey", "Turkey", ActorKind::State);
    app.harness
        .state_mut()
        .queue(AppAction::Command(Command::Edit(Edit::AddActor(turkey))));
    app.harness.run();
    assert!(app.document().is_dirty());
    let mut other = sample_map();
    other
        .apply(Edit::AddActor(Actor::new(
            "Ruritania",
            "Ruritania",
            ActorKind::State,
        )))
        .unwrap();
    save_map(&path, &other).unwrap();
    let on_disk = std::fs::read(&path).unwrap();
    (app, path, on_disk)
}

/// Presses Ctrl+S and checks that the question, not a write, follows.
fn save_and_expect_the_question(app: &mut TestApp, path: &PathBuf, on_disk: &[u8]) {
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    match app.harness.state().modal() {
        Some(Modal::Conflict(dialog)) => assert_eq!(&dialog.path, path),
        other => panic!("expected the conflict question, found {other:?}"),
    }
    app.harness.get_by_label("The map changed on disk");
    for button in ["Overwrite", "Save as…", "Show differences", "Cancel"] {
        app.harness.get_by_label(button);
    }
    assert_eq!(
        std::fs::read(path).unwrap(),
        on_disk,
        "written before asking"
    );
}

#[test]
fn cancel_leaves_the_changed_file_alone_and_the_map_unsaved() {
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    save_and_expect_the_question(&mut app, &path, &on_disk);
    app.harness.get_by_label("Cancel").click();
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    assert!(app.document().is_dirty());
    assert!(app.map().actor(&"Turkey".into()).is_some());
    // Asked again on the next save: Cancel did not make the change acceptable.
    save_and_expect_the_question(&mut app, &path, &on_disk);
}

#[test]
fn show_differences_lists_what_saving_would_change() {
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    save_and_expect_the_question(&mut app, &path, &on_disk);
    app.harness.get_by_label("Show differences").click();
    app.harness.run();
    let Some(Modal::Conflict(dialog)) = app.harness.state().modal() else {
        panic!("the question closed");
    };
    let differences = dialog.differences.clone().unwrap();
    assert_eq!(differences, "+ actor Turkey\n- actor Ruritania\n");
    app.harness.get_by_label_contains("+ actor Turkey");
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
}

#[test]
fn overwrite_writes_the_open_map_atomically_and_keeps_the_other_as_bak() {
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    save_and_expect_the_question(&mut app, &path, &on_disk);
    app.harness.get_by_label("Overwrite").click();
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
    assert!(!app.document().is_dirty());
    let saved = load_map(&path).unwrap();
    assert_eq!(&saved, app.map());
    assert!(saved.actor(&"Turkey".into()).is_some());
    assert!(saved.actor(&"Ruritania".into()).is_none());
    let mut bak = path.clone().into_os_string();
    bak.push(".bak");
    assert_eq!(std::fs::read(PathBuf::from(bak)).unwrap(), on_disk);
    // The next save is no conflict: the app now knows the file it wrote.
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
}

#[test]
fn save_as_writes_elsewhere_and_leaves_the_changed_file_alone() {
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    let elsewhere = app.dir.path().join("mine.stancemap.ron");
    app.answer_dialog_with(Some(elsewhere.clone()));
    save_and_expect_the_question(&mut app, &path, &on_disk);
    app.harness.get_by_label("Save as…").click();
    app.settle();
    assert_eq!(app.harness.state().modal(), None);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    let saved = load_map(&elsewhere).unwrap();
    assert!(saved.actor(&"Turkey".into()).is_some());
    assert_eq!(app.document().path.as_deref(), Some(elsewhere.as_path()));
    assert!(!app.document().is_dirty());
}

#[test]
fn quitting_through_save_waits_for_the_answer() {
    // Quit → "Save" → the file changed: nothing closes until the user answers.
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    app.harness.state_mut().queue(AppAction::Quit);
    app.harness.run();
    app.harness.get_by_label("Save").click();
    app.harness.run();
    assert!(matches!(
        app.harness.state().modal(),
        Some(Modal::Conflict(_))
    ));
    assert!(!app.harness.state().close_allowed());
    // Cancel drops the quit too: the map stays open and unsaved.
    app.harness.get_by_label("Cancel").click();
    app.harness.run();
    assert!(!app.harness.state().close_allowed());
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    // Asked again, Overwrite saves and then quits.
    app.harness.state_mut().queue(AppAction::Quit);
    app.harness.run();
    app.harness.get_by_label("Save").click();
    app.harness.run();
    app.harness.get_by_label("Overwrite").click();
    app.harness.run();
    assert!(app.harness.state().close_allowed());
    assert_eq!(&load_map(&path).unwrap(), app.map());
}

#[test]
fn escape_on_the_question_drops_the_waiting_quit() {
    let (mut app, path, on_disk) = changed_behind_the_apps_back();
    app.harness.state_mut().queue(AppAction::Quit);
    app.harness.run();
    app.harness.get_by_label("Save").click();
    app.harness.run();
    assert!(matches!(
        app.harness.state().modal(),
        Some(Modal::Conflict(_))
    ));
    app.harness.key_press(Key::Escape);
    app.harness.run();
    assert_eq!(app.harness.state().modal(), None);
    assert_eq!(std::fs::read(&path).unwrap(), on_disk);
    // A later save that overwrites does not quit: the quit was dropped with the question.
    save_and_expect_the_question(&mut app, &path, &on_disk);
    app.harness.get_by_label("Overwrite").click();
    app.harness.run();
    assert!(!app.harness.state().close_allowed());
    assert!(!app.document().is_dirty());
}
