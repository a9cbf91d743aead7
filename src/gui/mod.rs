//! The desktop app: the only module that imports egui/eframe. (Being written.)

pub mod canvas;
pub mod command;
pub mod matrix;
pub mod theme;

/// Opens the app, optionally with a map or article. (Stub until the GUI lands.)
pub fn run(path: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let _ = path;
    anyhow::bail!("the GUI is not available yet")
}
