//! The question asked when saving would overwrite a map file that changed on disk
//! since it was opened (another analyst, a sync folder): Overwrite, Save as…, Show
//! differences or Cancel. The differences are `analysis::diff` as text.

use std::path::{Path, PathBuf};

use super::action::AppAction;
use super::app::StanceMapApp;
use super::dialogs::Modal;
use super::file_dialog::PickPurpose;
use crate::analysis::diff::diff_maps;
use crate::stance_map::StanceMap;
use crate::storage;

/// The open question: which file changed, and the differences once asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictDialog {
    /// The map file that changed on disk.
    pub path: PathBuf,
    /// From the file on disk to the open map, one line per change
    /// (`MapDiff::to_text`), or why the file could not be read; `None` until asked.
    pub differences: Option<String>,
}

/// What the user answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictAnswer {
    /// Write the open map over the changed file (atomically, with `.bak`).
    Overwrite,
    /// Pick another file to save to; the changed file stays as it is.
    SaveAs,
    /// Read the file on disk and show what saving would change.
    ShowDifferences,
}

impl ConflictDialog {
    pub fn new(path: PathBuf) -> Self {
        Self {
            path,
            differences: None,
        }
    }
}

/// The differences from the map file at `path` to `open`, as text; a file that
/// cannot be read gives its error instead (the dialog shows either).
pub fn differences_text(path: &Path, open: &StanceMap) -> String {
    match storage::load_map(path) {
        Ok(on_disk) => diff_maps(&on_disk, open).to_text(),
        Err(error) => format!("could not read the file on disk: {error}"),
    }
}

/// Draws the question inside the app's modal and returns what its buttons asked for.
pub fn conflict_ui(ui: &mut egui::Ui, dialog: &ConflictDialog, actions: &mut Vec<AppAction>) {
    ui.heading("The map changed on disk");
    let name = dialog.path.file_name().map_or_else(
        || dialog.path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    ui.label(format!(
        "{name} was changed by someone else since you opened it. Saving now replaces their version"
    ));
    ui.horizontal(|ui| {
        if ui
            .button("Overwrite")
            .on_hover_text("Replace the file on disk with this map (the old file is kept as .bak)")
            .clicked()
        {
            actions.push(AppAction::Conflict(ConflictAnswer::Overwrite));
        }
        if ui
            .button("Save as…")
            .on_hover_text("Save this map to another file; the changed file stays as it is")
            .clicked()
        {
            actions.push(AppAction::Conflict(ConflictAnswer::SaveAs));
        }
        if ui
            .button("Show differences")
            .on_hover_text("Compare the file on disk with this map")
            .clicked()
        {
            actions.push(AppAction::Conflict(ConflictAnswer::ShowDifferences));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Save nothing; keep working on this map")
            .clicked()
        {
            actions.push(AppAction::CloseModal);
        }
    });
    if let Some(differences) = &dialog.differences {
        ui.separator();
        ui.label("From the file on disk to this map (+ only here, - only on disk, ~ flipped):");
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(differences).monospace()).wrap());
            });
    }
}

impl StanceMapApp {
    /// Saving found the file changed on disk: ask before doing anything.
    pub(super) fn ask_about_conflict(&mut self, path: &Path) {
        self.modal = Some(Modal::Conflict(ConflictDialog::new(path.to_owned())));
        self.status = format!(
            "{} changed on disk since it was opened; nothing saved yet",
            path.display()
        );
    }

    /// Carries out the answer to the conflict question.
    pub(super) fn answer_conflict(&mut self, answer: ConflictAnswer) {
        let Some(Modal::Conflict(dialog)) = &mut self.modal else {
            return;
        };
        match answer {
            ConflictAnswer::ShowDifferences => {
                let Some(document) = &self.document else {
                    return;
                };
                dialog.differences = Some(differences_text(&dialog.path, &document.map));
            }
            ConflictAnswer::Overwrite => {
                let path = dialog.path.clone();
                self.modal = None;
                self.overwrite(&path);
            }
            ConflictAnswer::SaveAs => {
                self.modal = None;
                // What waited for this save (e.g. closing) waits for an explicit save.
                self.after_save = None;
                self.actions.push(AppAction::Pick(PickPurpose::SaveMap));
            }
        }
    }
}
