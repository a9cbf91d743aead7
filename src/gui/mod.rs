//! The desktop app: the only module that imports egui/eframe. A thin shell over the
//! pure core: panels return commands, `app.rs` applies them through one `Edit` path.

pub mod action;
pub mod analysis_panel;
pub mod app;
mod app_actions;
mod app_dialog_actions;
pub mod article_panel;
pub mod autosave;
pub mod command;
pub mod conflict_dialog;
pub mod dialogs;
pub mod document;
pub mod error_banner;
pub mod export_dialog;
pub mod file_browser;
pub mod file_dialog;
pub mod files;
pub mod inspector;
mod inspector_edge;
pub mod inspector_evidence;
pub mod lexicon_editor;
pub mod llm_settings;
pub mod menu;
pub mod preferences;
pub mod shortcuts;
pub mod side_panel;
pub mod start_screen;
pub mod status_bar;
pub mod toolbar;

pub mod canvas;
pub mod matrix;
pub mod theme;

use std::path::PathBuf;

pub use app::{AppConfig, StanceMapApp};

/// Opens the main window; with `path`, opens that map or article first.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("stancemap")
            .with_app_id("stancemap")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        "stancemap",
        options,
        Box::new(move |cc| {
            let preferences = cc
                .storage
                .and_then(|storage| eframe::get_value(storage, preferences::STORAGE_KEY))
                .unwrap_or_default();
            let mut app = StanceMapApp::new(AppConfig::for_desktop(preferences));
            // Opened before the first frame, so the start screen never flashes.
            if let Some(path) = path {
                app.open_path(&path);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("could not start the window: {error}"))
}
