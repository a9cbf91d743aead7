//! `StanceMapApp`: the eframe app. Draws the panels, collects what they ask for and
//! applies it after drawing; owns the document, preferences and transient UI state.

use std::path::PathBuf;
use std::sync::Arc;

use crate::extract::Lexicon;

use super::action::AppAction;
use super::article_panel::ArticlePanel;
use super::autosave::Autosave;
use super::canvas::{CanvasFilter, CanvasState, View};
use super::command::Selection;
use super::dialogs::Modal;
use super::document::Document;
use super::file_dialog::{FileDialog, PendingPick};
use super::inspector::InspectorState;
use super::lexicon_editor::LexiconEditor;
use super::preferences::Preferences;

/// Everything the app needs from outside; tests pass temp paths and a fake dialog.
pub struct AppConfig {
    pub file_dialog: Arc<dyn FileDialog>,
    /// Where autosave writes and where a crashed session is recovered from.
    pub recovery_path: PathBuf,
    /// The user lexicon file the lexicon editor writes.
    pub user_lexicon_path: PathBuf,
    pub lexicon: Lexicon,
    pub preferences: Preferences,
}

impl AppConfig {
    /// The real dialog and the per-user data and config folders.
    pub fn for_desktop(preferences: Preferences) -> Self {
        let data = dirs::data_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("stancemap");
        let config = dirs::config_dir()
            .unwrap_or_else(std::env::temp_dir)
            .join("stancemap");
        let user_lexicon_path = config.join("lexicon.ron");
        let lexicon = desktop_lexicon();
        Self {
            file_dialog: Arc::new(super::file_dialog::NativeFileDialog),
            recovery_path: data.join("recovery.stancemap.ron"),
            user_lexicon_path,
            lexicon,
            preferences,
        }
    }
}

/// The per-user lexicon file of the desktop app.
fn desktop_user_lexicon_path() -> PathBuf {
    dirs::config_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("stancemap")
        .join("lexicon.ron")
}

/// The bundled lexicon plus the user's file (ignored, with a note on stderr, when
/// it does not load).
pub(super) fn desktop_lexicon() -> Lexicon {
    super::files::load_lexicon(&desktop_user_lexicon_path()).unwrap_or_else(|error| {
        eprintln!("stancemap: ignoring the user lexicon: {error}");
        Lexicon::bundled()
    })
}

/// The app: one open document at most, plus the UI state around it.
pub struct StanceMapApp {
    pub(super) config: AppConfig,
    pub(super) document: Option<Document>,
    pub(super) selection: Selection,
    pub(super) view: View,
    pub(super) filter: CanvasFilter,
    pub(super) canvas: CanvasState,
    pub(super) article: ArticlePanel,
    pub(super) inspector: InspectorState,
    pub(super) modal: Option<Modal>,
    pub(super) pending_pick: Option<PendingPick>,
    /// The in-app file browser, open when no system dialog answered.
    pub(super) browser: Option<super::file_browser::FileBrowser>,
    pub(super) autosave: Autosave,
    pub(super) lexicon_editor: LexiconEditor,
    pub(super) llm: super::llm_settings::LlmPanel,
    /// The latest message for the status bar (errors included).
    pub(super) status: String,
    /// Set by Ctrl+F; the toolbar focuses the filter field and clears it.
    pub(super) focus_filter: bool,
    /// What to do once the current save succeeds (e.g. close after "Save").
    pub(super) after_save: Option<AppAction>,
    /// The user chose to drop unsaved changes for the next open/close.
    pub(super) discard_confirmed: bool,
    pub(super) close_allowed: bool,
    pub(super) last_title: String,
    /// The preferred theme is set on the first frame (there is no context before).
    pub(super) theme_applied: bool,
    pub(super) actions: Vec<AppAction>,
    pub(super) analysis_panel: super::analysis_panel::AnalysisPanel,
    pub(super) export_dialog: super::export_dialog::ExportDialog,
    /// The file named on the command line, while it opens on its own thread.
    pub(super) background_open: Option<super::background_open::BackgroundOpen>,
    /// A file that could not be opened or read, named above the map.
    pub(super) error_banner: super::error_banner::ErrorBanner,
}

impl StanceMapApp {
    pub fn new(config: AppConfig) -> Self {
        let view = match config.preferences.last_view.as_str() {
            "relations" => View::Relations,
            "matrix" => View::Matrix,
            _ => View::Positions,
        };
        let modal = config.recovery_path.exists().then_some(Modal::Recovery);
        let mut canvas = CanvasState::default();
        canvas.legend_collapsed = config.preferences.legend_collapsed;
        let llm = super::llm_settings::LlmPanel::new(config.preferences.llm.clone());
        Self {
            config,
            document: None,
            selection: Selection::Nothing,
            view,
            filter: CanvasFilter::default(),
            canvas,
            article: ArticlePanel::default(),
            inspector: InspectorState::default(),
            modal,
            pending_pick: None,
            browser: None,
            autosave: Autosave::default(),
            lexicon_editor: LexiconEditor::default(),
            llm,
            status: String::new(),
            focus_filter: false,
            after_save: None,
            discard_confirmed: false,
            close_allowed: false,
            last_title: String::new(),
            theme_applied: false,
            actions: Vec::new(),
            analysis_panel: Default::default(),
            export_dialog: Default::default(),
            background_open: None,
            error_banner: Default::default(),
        }
    }

    /// Opens `path` on its own thread; the document replaces the start screen
    /// when it is ready (see [`super::background_open`]).
    pub fn open_in_background(&mut self, path: PathBuf) {
        self.background_open = Some(super::background_open::BackgroundOpen::start(path));
    }

    /// Takes the document being opened in the background once it is ready.
    fn poll_background_open(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.background_open else {
            return;
        };
        match job.poll() {
            None => ctx.request_repaint_after(std::time::Duration::from_millis(30)),
            Some(result) => {
                let path = job.path().to_owned();
                self.background_open = None;
                self.opened(&path, result);
                ctx.request_repaint();
            }
        }
    }

    /// The open document, if any.
    pub fn document(&self) -> Option<&Document> {
        self.document.as_ref()
    }

    /// Replaces the open document without asking (tests and recovery use this).
    pub fn set_document(&mut self, document: Document) {
        self.canvas.start_layout(&document.map);
        self.canvas.request_fit();
        self.document = Some(document);
        self.selection = Selection::Nothing;
        self.article = ArticlePanel::default();
        self.analysis_panel.view.forget();
    }

    /// The canvas's transient state: camera, drawn labels, legend.
    pub fn canvas(&self) -> &CanvasState {
        &self.canvas
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn view(&self) -> &View {
        &self.view
    }

    pub fn filter(&self) -> &CanvasFilter {
        &self.filter
    }

    pub fn preferences(&self) -> &Preferences {
        &self.config.preferences
    }

    pub fn status(&self) -> &str {
        &self.status
    }

    pub fn modal(&self) -> Option<&Modal> {
        self.modal.as_ref()
    }

    /// The analysis choices that change the views (coalitions, timeline) and what
    /// they computed.
    pub fn analysis_view(&self) -> &super::analysis_view::AnalysisView {
        &self.analysis_panel.view
    }

    /// The load error the banner shows, if any.
    pub fn error_banner(&self) -> Option<&str> {
        self.error_banner.message.as_deref()
    }

    /// The model extractor window's state.
    pub fn llm_panel(&self) -> &super::llm_settings::LlmPanel {
        &self.llm
    }

    /// The model extractor window's state, to change (tests point its cache away).
    pub fn llm_panel_mut(&mut self) -> &mut super::llm_settings::LlmPanel {
        &mut self.llm
    }

    /// The evidence span the article panel shows highlighted.
    pub fn article_panel(&self) -> &ArticlePanel {
        &self.article
    }

    /// Whether the app has agreed to close (after a close request or Quit).
    pub fn close_allowed(&self) -> bool {
        self.close_allowed
    }

    /// The in-app file browser, when it is open.
    pub fn file_browser_mut(&mut self) -> Option<&mut super::file_browser::FileBrowser> {
        self.browser.as_mut()
    }

    /// Whether a file dialog is open (its answer is polled each frame).
    pub fn is_waiting_for_dialog(&self) -> bool {
        self.pending_pick.is_some()
    }

    /// Queues an action as if a control had asked for it.
    pub fn queue(&mut self, action: AppAction) {
        self.actions.push(action);
    }

    /// Draws one frame and then applies what the panels asked for.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.theme_applied {
            self.apply_theme(&ctx);
            self.theme_applied = true;
        }
        self.poll_pick(&ctx);
        self.poll_background_open(&ctx);
        self.take_dropped_files(&ctx);
        self.analysis_panel.view.take_requests(&ctx);
        self.handle_close_request(&ctx);
        let mut actions = std::mem::take(&mut self.actions);
        actions.extend(super::shortcuts::shortcuts(&ctx, self.modal.is_some()));
        self.draw(ui, &mut actions);
        if !actions.is_empty() {
            // The actions change what the panels show; draw again with the new state.
            ctx.request_repaint();
        }
        for action in actions {
            self.run_action(action, &ctx);
        }
        self.config.preferences.legend_collapsed = self.canvas.legend_collapsed;
        self.autosave_tick(&ctx, ui.input(|i| i.time));
        self.update_title(&ctx);
    }

    fn draw(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AppAction>) {
        egui::Panel::top("menu_bar").show(ui, |ui| {
            actions.extend(super::menu::menu_bar_ui(ui, self));
        });
        self.llm.banner_ui(ui);
        self.error_banner.banner_ui(ui);
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            super::status_bar::status_bar_ui(ui, self);
        });
        if self.document.is_none()
            && let Some(job) = &self.background_open
        {
            let name = job.path().file_name().map_or_else(
                || job.path().display().to_string(),
                |name| name.to_string_lossy().into_owned(),
            );
            egui::CentralPanel::default().show(ui, |ui| {
                ui.centered_and_justified(|ui| {
                    ui.horizontal_centered(|ui| {
                        ui.spinner();
                        ui.label(format!("Opening {name}…"));
                    });
                });
            });
        } else if self.document.is_none() {
            egui::CentralPanel::default().show(ui, |ui| {
                actions.extend(super::start_screen::start_screen_ui(
                    ui,
                    &self.config.preferences,
                ));
            });
        } else {
            self.document_ui(ui, actions);
        }
        if let Some(modal) = &mut self.modal {
            let map = self.document.as_ref().map(|document| &document.map);
            actions.extend(super::dialogs::modal_ui(ui.ctx(), modal, map));
        }
        if let Some(browser) = &mut self.browser {
            use super::file_browser::BrowserAnswer;
            match browser.ui(ui.ctx(), &self.config.preferences.recent_files) {
                BrowserAnswer::Open => {}
                BrowserAnswer::Picked(path) => {
                    actions.push(Modal::action_for_path(browser.purpose, path));
                    self.browser = None;
                }
                BrowserAnswer::Cancelled => self.browser = None,
            }
        }
        if self.lexicon_editor.open
            && let Some(document) = &self.document
        {
            actions.extend(self.lexicon_editor.window_ui(ui.ctx(), &document.map));
        }
        if let Some(document) = &self.document {
            self.analysis_panel.window_ui(ui.ctx(), &document.map);
            self.export_dialog.window_ui(ui.ctx(), &document.map);
        }
        let map = self.document.as_ref().map(|document| &document.map);
        actions.extend(self.llm.llm_ui(ui.ctx(), map, &self.config.lexicon));
    }

    fn document_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<AppAction>) {
        let Some(document) = &self.document else {
            return;
        };
        let map = &document.map;
        egui::Panel::top("toolbar").show(ui, |ui| {
            let focus = std::mem::take(&mut self.focus_filter);
            actions.extend(super::toolbar::toolbar_ui(
                ui,
                map,
                &mut self.view,
                &mut self.filter,
                focus,
            ));
        });
        // The analysis view: the map as of the timeline, the coalition overlay.
        let lens = matches!(self.view, View::IssueLens(_));
        let dark = ui.visuals().dark_mode;
        self.analysis_panel
            .view
            .refresh(map, document.revision(), lens, dark);
        self.canvas.set_overlay(self.analysis_panel.view.overlay());
        if self.analysis_panel.view.timeline.shown {
            let shown = self.analysis_panel.view.shown(map);
            let counts = (
                shown.n_positions() + shown.n_relations(),
                map.n_positions() + map.n_relations(),
            );
            egui::Panel::top("timeline").show(ui, |ui| {
                let timeline = &mut self.analysis_panel.view.timeline;
                let before = timeline.clone();
                super::timeline::timeline_bar_ui(ui, timeline, counts);
                if *timeline != before {
                    // The filtered map is computed at the start of the next frame.
                    ui.ctx().request_repaint();
                }
            });
        }
        egui::Panel::bottom("article")
            .default_size(220.0)
            .resizable(true)
            .show(ui, |ui| {
                actions.extend(
                    self.article
                        .article_ui(ui, map)
                        .into_iter()
                        .map(AppAction::Command),
                );
            });
        egui::Panel::left("lists")
            .default_size(220.0)
            .show(ui, |ui| {
                actions.extend(super::side_panel::side_panel_ui(
                    ui,
                    map,
                    &self.selection,
                    &self.filter.text,
                ));
            });
        egui::Panel::right("inspector")
            .default_size(300.0)
            .show(ui, |ui| {
                let commands = self.inspector.inspector_ui(ui, map, &self.selection);
                actions.extend(commands.into_iter().map(AppAction::Command));
            });
        if let Some(modal) = self.inspector.open_modal.take() {
            self.modal = Some(modal);
        }
        let mut matrix_sort = self.analysis_panel.view.matrix_sort;
        let coalition_of = self.analysis_panel.view.coalition_of();
        let shown = self.analysis_panel.view.shown(map);
        egui::CentralPanel::default().show(ui, |ui| {
            let commands = match &self.view {
                View::Matrix => super::matrix::matrix_sorted_ui(
                    ui,
                    shown,
                    &self.filter,
                    &self.selection,
                    &mut matrix_sort,
                    &coalition_of,
                ),
                view => super::canvas::canvas_ui(
                    ui,
                    shown,
                    view,
                    &self.filter,
                    &self.selection,
                    &mut self.canvas,
                ),
            };
            actions.extend(commands.into_iter().map(AppAction::Command));
        });
        self.analysis_panel.view.matrix_sort = matrix_sort;
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self
            .document
            .as_ref()
            .map_or_else(|| "stancemap".to_owned(), Document::window_title);
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// The title last sent to the window.
    pub fn window_title(&self) -> &str {
        &self.last_title
    }
}

impl eframe::App for StanceMapApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
        super::report_first_frame();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.config.preferences.last_view = match self.view {
            View::Relations => "relations",
            View::Matrix => "matrix",
            View::IssueLens(_) => "lens",
            View::Positions => "positions",
        }
        .to_owned();
        self.config.preferences.llm = self.llm.settings.clone();
        eframe::set_value(
            storage,
            super::preferences::STORAGE_KEY,
            &self.config.preferences,
        );
    }
}
