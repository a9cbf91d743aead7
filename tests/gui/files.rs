//! Opening, adding, saving: the start screen, file dialogs (faked), the path field
//! fallback, dropped files, the window title.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use stancemap::stance_map::SourceId;

use super::{app_with_map, empty_app};

const SECOND_ARTICLE: &str =
    "Turkey backs talks\nAnkara said it supports a ceasefire in Ukraine and will host talks.";

fn write_article(dir: &Path) -> PathBuf {
    let path = dir.join("second.txt");
    std::fs::write(&path, SECOND_ARTICLE).unwrap();
    path
}

#[test]
fn start_screen_opens_the_sample_article_as_an_unsaved_map() {
    let mut app = empty_app();
    app.harness.get_by_label("Open map…");
    app.harness.get_by_label("Open article…");
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    let document = app.document();
    assert!(document.is_dirty());
    assert_eq!(document.path, None);
    let source = app.map().source(&SourceId::new("s1")).unwrap();
    assert!(
        source
            .text
            .starts_with("Allies split over US ceasefire proposal")
    );
    assert_eq!(
        app.harness.state().window_title(),
        "ceasefire_talks.txt • — stancemap"
    );
}

#[test]
fn the_sample_article_yields_actors_and_stances() {
    let mut app = empty_app();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    let map = app.map();
    for actor in ["US", "Ukraine", "EU", "Russia"] {
        assert!(map.actor(&actor.into()).is_some(), "missing {actor}");
    }
    assert!(map.n_positions() >= 3);
}

#[test]
fn open_article_with_the_dialog_extracts_it_and_remembers_it() {
    let mut app = empty_app();
    let path = write_article(app.dir.path());
    app.answer_dialog_with(Some(path.clone()));
    app.harness.get_by_label("Open article…").click();
    app.settle();
    assert_eq!(app.map().source(&"s1".into()).unwrap().text, SECOND_ARTICLE);
    assert_eq!(app.document().display_name(), "second.txt");
    assert_eq!(app.harness.state().preferences().recent_files, vec![path]);
}

#[test]
fn without_a_dialog_the_in_app_browser_opens_the_file() {
    let mut app = empty_app();
    let path = write_article(app.dir.path());
    std::fs::write(app.dir.path().join("notes.pdf"), "not an article").unwrap();
    app.answer_dialog_with(None);
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    app.settle();
    assert_eq!(app.harness.state().modal(), None, "no bare path field");
    let folder = app.dir.path().to_owned();
    app.harness
        .state_mut()
        .file_browser_mut()
        .expect("the in-app browser is open")
        .go_to(&folder);
    app.harness.run();
    app.harness.get_by_label("Open map or article");
    app.harness.get_by_label("Places");
    assert!(
        app.harness.query_by_label("notes.pdf").is_none(),
        "the filter hides other file types"
    );
    app.harness.get_by_label("second.txt").click();
    app.harness.run();
    let name = app
        .harness
        .state_mut()
        .file_browser_mut()
        .map(|b| b.file_name().to_owned());
    assert_eq!(
        name.as_deref(),
        Some("second.txt"),
        "clicking a file names it"
    );
    app.harness.run();
    app.harness.step();
    app.harness.get_by_label("Open").click();
    app.harness.run();
    assert!(app.harness.state_mut().file_browser_mut().is_none());
    assert_eq!(app.document().display_name(), "second.txt");
    assert_eq!(app.harness.state().preferences().recent_files, vec![path]);
}

#[test]
fn save_as_suggests_a_name_from_the_article_title() {
    let mut app = empty_app();
    app.harness.get_by_label("Open sample article").click();
    app.harness.run();
    app.answer_dialog_with(None);
    app.harness
        .key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    app.settle();
    app.harness.get_by_label("Save map as");
    assert_eq!(
        stancemap::gui::files::file_stem_from_title("Allies split over US ceasefire proposal"),
        "allies-split-over-us-ceasefire-proposal"
    );
    let browser = app.harness.state_mut().file_browser_mut().unwrap();
    let name = browser.file_name().to_owned();
    assert!(
        name.starts_with("allies-split-over-us-ceasefire-proposal")
            && name.ends_with(".stancemap.ron"),
        "{name}"
    );
    app.harness.get_by_label("Save");
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|error| error.to_string())
    }
}

#[test]
fn a_dropped_article_opens() {
    let mut app = empty_app();
    let path = write_article(app.dir.path());
    app.harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path)));
    app.harness.run();
    assert_eq!(app.document().display_name(), "second.txt");
}

#[test]
fn adding_an_article_merges_it_as_a_second_source_in_one_undo_step() {
    let mut app = app_with_map();
    let path = write_article(app.dir.path());
    app.answer_dialog_with(Some(path));
    app.harness.get_by_label("File").click();
    app.harness.run();
    app.harness.get_by_label("Add article to map…").click();
    app.settle();
    let map = app.map();
    assert_eq!(
        map.sources().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["s1", "s2"]
    );
    for actor in ["US", "Ukraine", "EU"] {
        assert!(
            map.actor(&actor.into()).is_some(),
            "the first article's {actor} stays"
        );
    }
    assert_eq!(app.document().history.depth(), 1);
}

#[test]
fn evidence_of_an_added_article_cites_its_own_source() {
    let mut app = app_with_map();
    let path = write_article(app.dir.path());
    app.harness
        .state_mut()
        .queue(stancemap::gui::action::AppAction::AddArticle(path));
    app.harness.run();
    let cited: Vec<_> = app
        .map()
        .positions()
        .flat_map(|p| p.claim.evidence.iter().map(|e| e.source.clone()))
        .collect();
    assert!(
        cited.contains(&"s1".into()) && cited.contains(&"s2".into()),
        "{cited:?}"
    );
}

#[test]
fn the_title_marks_unsaved_changes() {
    let mut app = app_with_map();
    assert_eq!(
        app.harness.state().window_title(),
        "talks.stancemap.ron — stancemap"
    );
    app.harness.get_by_label("+ issue").click();
    app.harness.run();
    assert_eq!(
        app.harness.state().window_title(),
        "talks.stancemap.ron • — stancemap"
    );
    app.harness.get_by_label("unsaved changes");
}

#[test]
fn ctrl_s_saves_through_the_dialog_and_the_file_loads_equal() {
    let mut app = empty_app();
    app.harness
        .state_mut()
        .set_document(stancemap::gui::document::Document::unsaved(
            super::sample_map(),
            "talks",
        ));
    let target = app.dir.path().join("saved.stancemap.ron");
    app.answer_dialog_with(Some(target.clone()));
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.settle();
    assert!(
        !app.document().is_dirty(),
        "{}",
        app.harness.state().status()
    );
    assert_eq!(app.document().path.as_deref(), Some(target.as_path()));
    let loaded = stancemap::storage::load_map(&target).unwrap();
    assert_eq!(&loaded, app.map());
    assert_eq!(
        app.harness.state().window_title(),
        "saved.stancemap.ron — stancemap"
    );

    // Reopening the saved map gives the same document.
    let mut other = empty_app();
    other
        .harness
        .state_mut()
        .queue(stancemap::gui::action::AppAction::Open(target));
    other.harness.run();
    assert_eq!(other.map(), &loaded);
    assert!(!other.document().is_dirty());
}

#[test]
fn an_opened_article_keeps_its_publication_date() {
    let dir = tempfile::tempdir().unwrap();
    let html = r#"<html><head><title>Talks</title><meta property="article:published_time" content="2025-11-23T08:00:00Z"></head><body><p>Washington backs the ceasefire. Kyiv rejects the ceasefire.</p></body></html>"#;
    let dateline = "Talks resume\nGENEVA, Nov. 23, 2024 - Washington backs the ceasefire.\n";
    let undated = "Talks resume\nWashington backs the ceasefire.\n";
    for (name, text, expected) in [
        ("a.html", html, Some("2025-11-23")),
        ("b.txt", dateline, Some("2024-11-23")),
        ("c.txt", undated, None),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let document =
            stancemap::gui::files::open_document(&path, &stancemap::extract::Lexicon::bundled())
                .unwrap();
        let dates: Vec<Option<String>> = document.map.sources().map(|s| s.date.clone()).collect();
        assert_eq!(dates, vec![expected.map(str::to_owned)], "{name}");
    }
}
