//! Opening the file named on the command line while the window starts: the map is
//! read (or the article extracted) on its own thread, so the first frame does not
//! wait for it; the app shows "Opening…" and takes the document when it is ready.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use super::document::Document;

/// A file being opened on another thread.
pub struct BackgroundOpen {
    path: PathBuf,
    result: Receiver<anyhow::Result<Document>>,
}

impl BackgroundOpen {
    /// Starts opening `path` with the desktop lexicon (bundled plus the user's file),
    /// as [`super::files::open_document`] would.
    pub fn start(path: PathBuf) -> Self {
        let (sender, result) = mpsc::channel();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("stancemap-open".into())
            .spawn(move || {
                let lexicon = super::app::desktop_lexicon();
                let document = super::files::open_document(&thread_path, &lexicon);
                // The app may have gone away; then nobody needs the document.
                let _ = sender.send(document);
            });
        if let Err(error) = spawned {
            // No thread: the poll reports this as the reason the file did not open.
            let (sender, failed) = mpsc::channel();
            let _ = sender.send(Err(anyhow::anyhow!("cannot start opening: {error}")));
            return Self {
                path,
                result: failed,
            };
        }
        Self { path, result }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The document (or why it did not open) once ready; `None` while still working.
    pub fn poll(&self) -> Option<anyhow::Result<Document>> {
        match self.result.try_recv() {
            Ok(document) => Some(document),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(anyhow::anyhow!(
                "opening stopped unexpectedly: {}",
                self.path.display()
            ))),
        }
    }
}
