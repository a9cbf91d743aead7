//! Keyboard shortcuts, read once per frame and turned into actions.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::action::AppAction;
use super::command::Command;
use super::file_dialog::PickPurpose;

const fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

pub const OPEN: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut = shortcut(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut = shortcut(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::Y);
pub const FIND: KeyboardShortcut = shortcut(Modifiers::COMMAND, Key::F);

/// The actions asked for by keys this frame. Plain keys (Delete, F, Ctrl+Z) are left
/// to a focused text field; `modal_open` keeps document keys away while a modal shows.
pub fn shortcuts(ctx: &egui::Context, modal_open: bool) -> Vec<AppAction> {
    let typing = ctx.egui_wants_keyboard_input();
    let mut actions = Vec::new();
    ctx.input_mut(|input| {
        // A focused text field uses Esc itself to give up the focus.
        if !typing && input.consume_key(Modifiers::NONE, Key::Escape) {
            actions.push(AppAction::Escape);
        }
        if modal_open {
            return;
        }
        // Shift variants first: `consume_shortcut` would also match them without Shift.
        if input.consume_shortcut(&SAVE_AS) {
            actions.push(AppAction::SaveAs);
        }
        if input.consume_shortcut(&SAVE) {
            actions.push(AppAction::Save);
        }
        if input.consume_shortcut(&OPEN) {
            actions.push(AppAction::Pick(PickPurpose::OpenAny));
        }
        if input.consume_shortcut(&FIND) {
            actions.push(AppAction::FocusFilter);
        }
        if typing {
            return;
        }
        if input.consume_shortcut(&REDO) || input.consume_shortcut(&REDO_Y) {
            actions.push(Command::Redo.into());
        }
        if input.consume_shortcut(&UNDO) {
            actions.push(Command::Undo.into());
        }
        if input.consume_key(Modifiers::NONE, Key::Delete) {
            actions.push(Command::DeleteSelection.into());
        }
        if input.consume_key(Modifiers::NONE, Key::F) {
            actions.push(Command::FitView.into());
        }
    });
    actions
}

/// The shortcut as shown in menus, e.g. "Ctrl+S".
pub fn label(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    ctx.format_shortcut(shortcut)
}
