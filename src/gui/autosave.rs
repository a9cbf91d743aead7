//! Autosave: after 30 seconds of unsaved changes the map is written to a recovery
//! file, which the next start offers to restore. Time comes from egui's input, so
//! tests can advance it.

use std::path::Path;

use super::app::StanceMapApp;
use crate::storage;

/// Seconds of unsaved changes before the recovery file is written.
pub const AUTOSAVE_AFTER_SECONDS: f64 = 30.0;

#[derive(Debug, Default)]
pub struct Autosave {
    /// When the document first had changes not yet in the recovery file.
    dirty_since: Option<f64>,
    /// The document revision last written to the recovery file.
    saved_revision: Option<u64>,
}

impl Autosave {
    /// Deletes the recovery file; a missing file is fine.
    pub fn remove_recovery(&mut self, path: &Path) {
        let _ = std::fs::remove_file(path);
        self.saved_revision = None;
        self.dirty_since = None;
    }
}

impl StanceMapApp {
    pub(super) fn autosave_tick(&mut self, now: f64) {
        let Some(document) = &self.document else {
            return;
        };
        let revision = document.revision();
        let pending = document.is_dirty() && self.autosave.saved_revision != Some(revision);
        if !pending {
            self.autosave.dirty_since = None;
            return;
        }
        let since = *self.autosave.dirty_since.get_or_insert(now);
        if now - since < AUTOSAVE_AFTER_SECONDS {
            return;
        }
        let path = &self.config.recovery_path;
        if let Some(folder) = path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        match storage::save_map(path, &document.map) {
            Ok(()) => {
                self.autosave.saved_revision = Some(revision);
                self.autosave.dirty_since = None;
            }
            Err(error) => {
                // Try again in another 30 s rather than every frame.
                self.autosave.dirty_since = Some(now);
                self.status = format!("autosave failed: {error}");
            }
        }
    }
}
