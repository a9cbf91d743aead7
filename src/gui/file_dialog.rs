//! Native file dialogs behind a trait, so tests use a fake and the UI thread never
//! blocks: each pick runs on its own thread and the app polls for the answer.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What a file is picked for; decides the filters and what happens with the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PickPurpose {
    OpenArticle,
    OpenMap,
    /// Open either kind; decided by the extension.
    OpenAny,
    AddArticle,
    SaveMap,
}

/// Asks the user for a path. Implementations may block; they run off the UI thread.
pub trait FileDialog: Send + Sync {
    /// A file to read; `None` when cancelled or no dialog is available.
    fn pick_open(&self, purpose: PickPurpose) -> Option<PathBuf>;
    /// A file to write; `suggested_name` pre-fills the name.
    fn pick_save(&self, suggested_name: &str) -> Option<PathBuf>;
}

/// The system dialog through `rfd` (XDG portal on Linux).
pub struct NativeFileDialog;

impl FileDialog for NativeFileDialog {
    fn pick_open(&self, purpose: PickPurpose) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new();
        let dialog = match purpose {
            PickPurpose::OpenMap => dialog.add_filter("stance map", &["ron"]),
            PickPurpose::OpenArticle | PickPurpose::AddArticle => {
                dialog.add_filter("article", &["txt", "md", "html", "htm"])
            }
            PickPurpose::OpenAny | PickPurpose::SaveMap => dialog,
        };
        dialog.pick_file()
    }

    fn pick_save(&self, suggested_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .add_filter("stance map", &["ron"])
            .set_file_name(suggested_name)
            .save_file()
    }
}

/// A dialog running on its own thread.
pub struct PendingPick {
    pub purpose: PickPurpose,
    answer: Receiver<Option<PathBuf>>,
}

/// What polling a pending pick found.
pub enum PickPoll {
    Waiting,
    Picked(PathBuf),
    /// Cancelled, or no dialog could be shown.
    Nothing,
}

impl PendingPick {
    /// Starts the dialog for `purpose` on a new thread; `ctx` is woken when it answers.
    pub fn start(
        dialog: &Arc<dyn FileDialog>,
        purpose: PickPurpose,
        suggested_name: String,
        ctx: &egui::Context,
    ) -> Self {
        let (sender, answer) = channel();
        let dialog = Arc::clone(dialog);
        let ctx = ctx.clone();
        std::thread::spawn(move || {
            let picked = match purpose {
                PickPurpose::SaveMap => dialog.pick_save(&suggested_name),
                _ => dialog.pick_open(purpose),
            };
            // The app may have gone away; then nobody needs the answer.
            let _ = sender.send(picked);
            ctx.request_repaint();
        });
        Self { purpose, answer }
    }

    pub fn poll(&self) -> PickPoll {
        match self.answer.try_recv() {
            Ok(Some(path)) => PickPoll::Picked(path),
            Ok(None) | Err(TryRecvError::Disconnected) => PickPoll::Nothing,
            Err(TryRecvError::Empty) => PickPoll::Waiting,
        }
    }
}
