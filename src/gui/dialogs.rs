//! Modals: unsaved changes (Save / Discard / Cancel), the in-app path field (works
//! when no file dialog portal exists), the merge-actors picker and crash recovery.

use std::path::PathBuf;

use super::action::AppAction;
use super::command::Command;
use super::file_dialog::PickPurpose;
use crate::stance_map::{ActorId, Edit, StanceMap};

/// The modal on screen, if any; at most one at a time.
#[derive(Clone, Debug, PartialEq)]
pub enum Modal {
    UnsavedChanges {
        then: AppAction,
        /// The document's file name (or name hint), named in the question.
        name: String,
    },
    PathField {
        purpose: PickPurpose,
        text: String,
    },
    MergeActor {
        absorb: ActorId,
        keep: Option<ActorId>,
    },
    Recovery,
    /// Saving would overwrite a map file changed on disk since it was opened.
    Conflict(super::conflict_dialog::ConflictDialog),
}

impl Modal {
    pub fn path_field(purpose: PickPurpose) -> Self {
        Modal::PathField {
            purpose,
            text: String::new(),
        }
    }

    /// What to do with a path picked for `purpose`.
    pub fn action_for_path(purpose: PickPurpose, path: PathBuf) -> AppAction {
        match purpose {
            PickPurpose::OpenArticle | PickPurpose::OpenMap | PickPurpose::OpenAny => {
                AppAction::Open(path)
            }
            PickPurpose::AddArticle => AppAction::AddArticle(path),
            PickPurpose::SaveMap => AppAction::SaveTo(with_map_extension(path)),
        }
    }
}

/// Saved maps end in `.stancemap.ron`, whatever the user typed.
fn with_map_extension(path: PathBuf) -> PathBuf {
    if path.to_string_lossy().ends_with(".ron") {
        return path;
    }
    let mut name = path.into_os_string();
    name.push(".stancemap.ron");
    PathBuf::from(name)
}

/// Draws `modal` and returns what its buttons asked for.
pub fn modal_ui(ctx: &egui::Context, modal: &mut Modal, map: Option<&StanceMap>) -> Vec<AppAction> {
    let mut actions = Vec::new();
    let response = egui::Modal::new(egui::Id::unique("stancemap_modal")).show(ctx, |ui| {
        ui.set_max_width(420.0);
        match modal {
            Modal::UnsavedChanges { then, name } => unsaved_ui(ui, then, name, &mut actions),
            Modal::PathField { purpose, text } => path_field_ui(ui, *purpose, text, &mut actions),
            Modal::MergeActor { absorb, keep } => merge_ui(ui, map, absorb, keep, &mut actions),
            Modal::Recovery => recovery_ui(ui, &mut actions),
            Modal::Conflict(dialog) => {
                super::conflict_dialog::conflict_ui(ui, dialog, &mut actions);
            }
        }
    });
    if response.should_close() && actions.is_empty() && !matches!(modal, Modal::Recovery) {
        actions.push(AppAction::CloseModal);
    }
    actions
}

fn unsaved_ui(ui: &mut egui::Ui, then: &AppAction, name: &str, actions: &mut Vec<AppAction>) {
    ui.heading("Unsaved changes");
    ui.label(format!("Save the changes to {name}?"));
    ui.horizontal(|ui| {
        if ui
            .button("Save")
            .on_hover_text("Save the map, then continue")
            .clicked()
        {
            actions.push(AppAction::SaveThen(Box::new(then.clone())));
        }
        if ui
            .button("Discard")
            .on_hover_text("Drop the changes and continue")
            .clicked()
        {
            actions.push(AppAction::DiscardThen(Box::new(then.clone())));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Keep working on this map")
            .clicked()
        {
            actions.push(AppAction::CloseModal);
        }
    });
}

fn path_field_ui(
    ui: &mut egui::Ui,
    purpose: PickPurpose,
    text: &mut String,
    actions: &mut Vec<AppAction>,
) {
    let heading = match purpose {
        PickPurpose::SaveMap => "Save map as",
        PickPurpose::AddArticle => "Add article to map",
        _ => "Open file",
    };
    ui.heading(heading);
    let label = ui.label("Path");
    let field = ui
        .add(
            egui::TextEdit::singleline(text)
                .desired_width(380.0)
                .hint_text("/path/to/file"),
        )
        .labelled_by(label.id)
        .on_hover_text("Type the full path of the file");
    let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    ui.horizontal(|ui| {
        let ok = ui.button("OK").on_hover_text("Use this path").clicked();
        if (ok || entered) && !text.trim().is_empty() {
            // The path's action closes this modal when it runs.
            actions.push(Modal::action_for_path(purpose, PathBuf::from(text.trim())));
        }
        if ui
            .button("Cancel")
            .on_hover_text("Close without choosing a file")
            .clicked()
        {
            actions.push(AppAction::CloseModal);
        }
    });
}

fn merge_ui(
    ui: &mut egui::Ui,
    map: Option<&StanceMap>,
    absorb: &ActorId,
    keep: &mut Option<ActorId>,
    actions: &mut Vec<AppAction>,
) {
    let Some(map) = map else {
        actions.push(AppAction::CloseModal);
        return;
    };
    ui.heading(format!("Merge {absorb} into…"));
    let selected = keep
        .as_ref()
        .and_then(|id| map.actor(id))
        .map_or("choose an actor", |a| a.name.as_str());
    egui::ComboBox::from_label("Keep actor")
        .selected_text(selected)
        .show_ui(ui, |ui| {
            for actor in map.actors().filter(|actor| &actor.id != absorb) {
                ui.selectable_value(keep, Some(actor.id.clone()), &actor.name);
            }
        })
        .response
        .on_hover_text("The actor that takes over the stances and names");
    ui.horizontal(|ui| {
        let merge = ui.add_enabled(keep.is_some(), egui::Button::new("Merge"));
        if merge
            .on_hover_text("Move the stances over and remove this actor")
            .clicked()
            && let Some(keep) = keep.clone()
        {
            let edit = Edit::MergeActors {
                keep,
                absorb: absorb.clone(),
            };
            actions.push(AppAction::CloseModal);
            actions.push(Command::Edit(edit).into());
        }
        if ui.button("Cancel").on_hover_text("Do not merge").clicked() {
            actions.push(AppAction::CloseModal);
        }
    });
}

fn recovery_ui(ui: &mut egui::Ui, actions: &mut Vec<AppAction>) {
    ui.heading("Recover unsaved map?");
    ui.label("stancemap did not close cleanly last time and kept an autosaved copy");
    ui.horizontal(|ui| {
        if ui
            .button("Recover unsaved map")
            .on_hover_text("Open the autosaved copy")
            .clicked()
        {
            actions.push(AppAction::Recover);
        }
        if ui
            .button("Discard")
            .on_hover_text("Delete the autosaved copy")
            .clicked()
        {
            actions.push(AppAction::DiscardRecovery);
        }
    });
}
