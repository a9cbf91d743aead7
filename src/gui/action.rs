//! App-level actions: what menus, shortcuts, the start screen and dialogs ask for
//! beyond document commands (files, windows, preferences).

use std::path::PathBuf;

use super::command::Command;
use super::file_dialog::PickPurpose;
use crate::stance_map::ActorId;

/// Everything the shell can be asked to do; document changes travel as `Command`s.
#[derive(Clone, Debug, PartialEq)]
pub enum AppAction {
    Command(Command),
    /// Ask for a file with the dialog (or the in-app path field as fallback).
    Pick(PickPurpose),
    /// Open a map or article, asking about unsaved changes first.
    Open(PathBuf),
    OpenSample,
    /// Add an article's findings to the open map (one undo step).
    AddArticle(PathBuf),
    NewMap,
    Save,
    SaveAs,
    /// Save to this path (from the dialog or the path field).
    SaveTo(PathBuf),
    Reextract,
    ToggleTheme,
    ShowLexiconEditor,
    /// Open the model extractor window.
    ShowLlmSettings,
    FocusFilter,
    /// Esc: close the open modal, or clear the selection.
    Escape,
    Quit,
    /// From the unsaved-changes modal: drop the changes, then do the action.
    DiscardThen(Box<AppAction>),
    /// From the unsaved-changes modal: save, then do the action once saved.
    SaveThen(Box<AppAction>),
    CloseModal,
    /// Load the recovery file left by a crashed session.
    Recover,
    DiscardRecovery,
    /// Add `alias` to an actor in the map and the user lexicon, then re-extract.
    AddLexiconAlias {
        actor: ActorId,
        alias: String,
    },
    /// The answer to "the map changed on disk" when saving.
    Conflict(super::conflict_dialog::ConflictAnswer),
}

impl From<Command> for AppAction {
    fn from(command: Command) -> Self {
        AppAction::Command(command)
    }
}
