//! GUI flows driven through egui_kittest: the real `eframe::App`, queried by labels
//! and keys, with assertions on the document. No display, no real file dialog.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod analysis;
mod analysis_view;
mod canvas_cache;
mod editing;
mod files;
mod idle;
mod text;
mod windows;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use egui_kittest::Harness;
use stancemap::extract::Lexicon;
use stancemap::gui::document::Document;
use stancemap::gui::file_dialog::{FileDialog, PickPurpose};
use stancemap::gui::preferences::Preferences;
use stancemap::gui::{AppConfig, StanceMapApp};
use stancemap::stance_map::{
    Actor, ActorKind, Claim, Edit, Evidence, Issue, Origin, Position, Relation, Source, Stance,
    StanceMap,
};

/// A file dialog that answers with a preset path (or `None`, like a missing portal).
#[derive(Default)]
pub struct FakeDialog {
    pub answer: Mutex<Option<PathBuf>>,
}

impl FileDialog for FakeDialog {
    fn pick_open(&self, _purpose: PickPurpose) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }

    fn pick_save(&self, _suggested_name: &str) -> Option<PathBuf> {
        self.answer.lock().ok()?.clone()
    }
}

/// One app under test, its temp folder and its fake dialog.
pub struct TestApp {
    pub harness: Harness<'static, StanceMapApp>,
    pub dir: tempfile::TempDir,
    pub dialog: Arc<FakeDialog>,
}

pub fn config(dir: &Path, dialog: Arc<FakeDialog>) -> AppConfig {
    AppConfig {
        file_dialog: dialog,
        recovery_path: dir.join("recovery.stancemap.ron"),
        user_lexicon_path: dir.join("config").join("lexicon.ron"),
        lexicon: Lexicon::bundled(),
        preferences: Preferences::default(),
    }
}

pub fn harness_for(config: AppConfig) -> Harness<'static, StanceMapApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |_creation| StanceMapApp::new(config))
}

/// An app with nothing open.
pub fn empty_app() -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    let dialog = Arc::new(FakeDialog::default());
    let harness = harness_for(config(dir.path(), Arc::clone(&dialog)));
    TestApp {
        harness,
        dir,
        dialog,
    }
}

/// An app with [`sample_map`] open as a saved file in its temp folder.
pub fn app_with_map() -> TestApp {
    let mut app = empty_app();
    let path = app.dir.path().join("talks.stancemap.ron");
    app.harness
        .state_mut()
        .set_document(Document::from_file(sample_map(), path));
    app.harness.run();
    app
}

impl TestApp {
    pub fn map(&self) -> &StanceMap {
        &self.harness.state().document().unwrap().map
    }

    pub fn document(&self) -> &Document {
        self.harness.state().document().unwrap()
    }

    /// Steps until the file dialog thread has answered and its action ran.
    pub fn settle(&mut self) {
        for _ in 0..200 {
            self.harness.step();
            if !self.harness.state().is_waiting_for_dialog() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        self.harness.run_ok();
    }

    pub fn answer_dialog_with(&self, path: Option<PathBuf>) {
        *self.dialog.answer.lock().unwrap() = path;
    }
}

pub const SAMPLE_TEXT: &str = "Talks in Geneva\nWashington backs recognising Crimea as Russian. Kyiv rejects recognising Crimea. The EU criticised Washington.";

fn evidence(sentence: &str) -> Evidence {
    let start = SAMPLE_TEXT.find(sentence).unwrap();
    Evidence::new("s1".into(), start, start + sentence.len(), sentence)
}

fn claim(stance: Stance, sentence: &str) -> Claim {
    Claim {
        confidence: 0.8,
        evidence: vec![evidence(sentence)],
        ..Claim::new(stance, Origin::Extracted)
    }
}

/// US, Ukraine and EU; one issue; two extracted positions and one relation, each with evidence.
pub fn sample_map() -> StanceMap {
    let mut map = StanceMap::new();
    let mut ukraine = Actor::new("Ukraine", "Ukraine", ActorKind::State);
    ukraine.aliases = vec!["Kyiv".into()];
    let mut us = Actor::new("US", "United States", ActorKind::State);
    us.aliases = vec!["Washington".into()];
    let edits = vec![
        Edit::AddSource(Source {
            id: "s1".into(),
            title: "Talks in Geneva".into(),
            path: "talks.txt".into(),
            date: None,
            text: SAMPLE_TEXT.into(),
        }),
        Edit::AddActor(us),
        Edit::AddActor(ukraine),
        Edit::AddActor(Actor::new("EU", "European Union", ActorKind::Bloc)),
        Edit::AddIssue(Issue::new("crimea", "Recognise Crimea as Russian")),
        Edit::AddPosition(Position::new(
            "US",
            "crimea",
            claim(
                Stance::Support,
                "Washington backs recognising Crimea as Russian.",
            ),
        )),
        Edit::AddPosition(Position::new(
            "Ukraine",
            "crimea",
            claim(Stance::Oppose, "Kyiv rejects recognising Crimea."),
        )),
        Edit::AddRelation(Relation::new(
            "EU",
            "US",
            claim(Stance::Oppose, "The EU criticised Washington."),
        )),
    ];
    map.apply(Edit::Batch(edits)).unwrap();
    map
}
