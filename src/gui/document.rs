//! The open document: a map with its undo history, where it lives on disk and
//! whether it has unsaved changes. Every change goes through [`Document::apply`].

use std::path::{Path, PathBuf};

use crate::history::History;
use crate::stance_map::{Edit, EditError, StanceMap};

/// One open map. Undo history is never saved.
#[derive(Debug, Default)]
pub struct Document {
    pub map: StanceMap,
    pub history: History,
    /// Where the map was loaded from or last saved to; `None` until saved.
    pub path: Option<PathBuf>,
    /// Shown in the title while the map has no path, e.g. the article's file name.
    pub name_hint: String,
    /// The file at `path` as it was opened or last saved; saving checks it first.
    pub fingerprint: Option<crate::storage::Fingerprint>,
    dirty: bool,
    /// Counts changes, so autosave knows whether it already wrote this state.
    revision: u64,
    /// The revision at which this document is an extraction nobody has touched yet:
    /// unsaved, but not worth a blocking prompt.
    pristine: Option<u64>,
}

impl Document {
    /// A map that was loaded from `path` and has no unsaved changes.
    pub fn from_file(map: StanceMap, path: PathBuf) -> Self {
        Self {
            map,
            path: Some(path),
            ..Self::default()
        }
    }

    /// A map that exists only in memory (new, extracted or recovered): unsaved.
    pub fn unsaved(map: StanceMap, name_hint: impl Into<String>) -> Self {
        Self {
            map,
            name_hint: name_hint.into(),
            dirty: true,
            revision: 1,
            ..Self::default()
        }
    }

    /// A map just extracted from an article: unsaved, but until the first edit
    /// closing it does not ask to save (nothing of the user's would be lost).
    pub fn extracted(map: StanceMap, name_hint: impl Into<String>) -> Self {
        let mut document = Self::unsaved(map, name_hint);
        document.pristine = Some(document.revision);
        document
    }

    /// Whether this is an extraction nobody has edited since it was made.
    pub fn is_untouched_extraction(&self) -> bool {
        self.pristine == Some(self.revision)
    }

    /// Whether closing should ask Save / Discard / Cancel: unsaved changes the user made.
    pub fn needs_save_prompt(&self) -> bool {
        self.dirty && !self.is_untouched_extraction()
    }

    /// Applies `edit` as one undo step.
    pub fn apply(&mut self, edit: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.map, edit)?;
        self.touch();
        Ok(())
    }

    pub fn undo(&mut self) -> Result<bool, EditError> {
        let undone = self.history.undo(&mut self.map)?;
        if undone {
            self.touch();
        }
        Ok(undone)
    }

    pub fn redo(&mut self) -> Result<bool, EditError> {
        let redone = self.history.redo(&mut self.map)?;
        if redone {
            self.touch();
        }
        Ok(redone)
    }

    fn touch(&mut self) {
        self.dirty = true;
        self.revision += 1;
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Records a successful save to `path`.
    pub fn mark_saved(&mut self, path: &Path) {
        self.path = Some(path.to_owned());
        self.dirty = false;
    }

    /// The file name, or the name hint, or "untitled".
    pub fn display_name(&self) -> String {
        let from_path = self
            .path
            .as_deref()
            .and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned());
        match from_path {
            Some(name) => name,
            None if !self.name_hint.is_empty() => self.name_hint.clone(),
            None => "untitled".to_owned(),
        }
    }

    /// The window title: `name • — stancemap` when unsaved, `name — stancemap` otherwise.
    pub fn window_title(&self) -> String {
        let marker = if self.dirty { " •" } else { "" };
        format!("{}{marker} — stancemap", self.display_name())
    }
}
