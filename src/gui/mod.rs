//! The desktop app: the only module that imports egui/eframe. A thin shell over the
//! pure core: panels return commands, `app.rs` applies them through one `Edit` path.

pub mod action;
pub mod analysis_panel;
pub mod analysis_view;
pub mod app;
mod app_actions;
mod app_dialog_actions;
pub mod article_panel;
pub mod autosave;
mod background_open;
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
pub mod sources_panel;
pub mod stance_chart;
pub mod start_screen;
pub mod status_bar;
pub mod timeline;
pub mod toolbar;

pub mod canvas;
pub mod matrix;
pub mod theme;

use std::path::PathBuf;

pub use app::{AppConfig, StanceMapApp};

/// When [`run`] was called: the launch that the first-frame time counts from.
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
/// Whether the first frame's time was reported.
static FIRST_FRAME_REPORTED: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// With `STANCEMAP_FIRST_FRAME` set, prints once to stderr how long after launch the
/// first frame finished drawing (window, fonts, opening the file and the first layout
/// included). The app calls this at the end of every frame; it costs one atomic load.
pub fn report_first_frame() {
    if FIRST_FRAME_REPORTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if std::env::var_os("STANCEMAP_FIRST_FRAME").is_some()
        && let Some(launched) = LAUNCHED.get()
    {
        eprintln!(
            "stancemap: first frame drawn {:.0} ms after launch",
            launched.elapsed().as_secs_f64() * 1e3
        );
    }
}

/// Opens the main window; with `path`, opens that map or article first.
pub fn run(path: Option<PathBuf>) -> anyhow::Result<()> {
    let _ = LAUNCHED.set(std::time::Instant::now());
    let opening = path.map(background_open::BackgroundOpen::start);
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
            // Opened on its own thread (started before the window), so the first
            // frame does not wait for extraction; "Opening…" shows until it is done.
            if let Some(job) = opening {
                app.background_open = Some(job);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| anyhow::anyhow!("could not start the window: {error}"))
}
