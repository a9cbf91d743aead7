//! Autosave: once the map has been left alone for [`AUTOSAVE_IDLE_SECONDS`] after an
//! edit (a node move and a relayout count), or after [`AUTOSAVE_AFTER_SECONDS`] of
//! unbroken editing, the map is written to a recovery file, which the next start
//! offers to restore. Time comes from egui's input, so tests can advance it.

use std::path::{Path, PathBuf};

use super::app::StanceMapApp;
use crate::storage;

/// Seconds without a new edit before the recovery file is written.
pub const AUTOSAVE_IDLE_SECONDS: f64 = 2.0;
/// Seconds of changes (however busy) after which the recovery file is written anyway.
pub const AUTOSAVE_AFTER_SECONDS: f64 = 30.0;

#[derive(Debug, Default)]
pub struct Autosave {
    /// When the document first had changes not yet in the recovery file.
    dirty_since: Option<f64>,
    /// The revision seen last frame, and when it first appeared.
    last_change: Option<(u64, f64)>,
    /// The document revision last written to the recovery file.
    saved_revision: Option<u64>,
}

/// The backup the atomic save leaves beside `path`; recovery needs none.
fn backup_of(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

impl Autosave {
    /// Deletes the recovery file (and its backup); a missing file is fine.
    pub fn remove_recovery(&mut self, path: &Path) {
        let _ = std::fs::remove_file(path);
        let _ = std::fs::remove_file(backup_of(path));
        self.saved_revision = None;
        self.dirty_since = None;
        self.last_change = None;
    }

    /// Seconds until the recovery file is due at `now`, or `None` when nothing is pending.
    fn due_in(&mut self, revision: u64, pending: bool, now: f64) -> Option<f64> {
        if !pending {
            self.dirty_since = None;
            self.last_change = None;
            return None;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let changed_at = match self.last_change {
            Some((seen, at)) if seen == revision => at,
            _ => {
                self.last_change = Some((revision, now));
                now
            }
        };
        let idle_due = changed_at + AUTOSAVE_IDLE_SECONDS;
        let busy_due = since + AUTOSAVE_AFTER_SECONDS;
        Some((idle_due.min(busy_due) - now).max(0.0))
    }
}

impl StanceMapApp {
    pub(super) fn autosave_tick(&mut self, ctx: &egui::Context, now: f64) {
        let Some(document) = &self.document else {
            return;
        };
        let revision = document.revision();
        // An extraction nobody touched is re-made from its article; no recovery needed.
        let pending = document.is_dirty()
            && !document.is_untouched_extraction()
            && self.autosave.saved_revision != Some(revision);
        let Some(due_in) = self.autosave.due_in(revision, pending, now) else {
            return;
        };
        if due_in > 0.0 {
            // Nothing else may repaint while the user is idle; wake up when it is due.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(due_in));
            return;
        }
        let path = &self.config.recovery_path;
        if let Some(folder) = path.parent() {
            let _ = std::fs::create_dir_all(folder);
        }
        match storage::save_map(path, &document.map) {
            Ok(()) => {
                // The atomic save keeps the previous recovery file as a backup; the
                // recovery file is itself the backup, so drop it.
                let _ = std::fs::remove_file(backup_of(path));
                self.autosave.saved_revision = Some(revision);
                self.autosave.dirty_since = None;
                self.autosave.last_change = None;
            }
            Err(error) => {
                // Try again in a while rather than every frame.
                self.autosave.dirty_since = Some(now);
                self.autosave.last_change = Some((revision, now + AUTOSAVE_AFTER_SECONDS));
                self.status = format!("autosave failed: {error}");
            }
        }
    }
}
