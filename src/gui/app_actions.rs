//! How `StanceMapApp` carries out actions: files, saving, closing, and document
//! commands routed through the one `Edit` path.

use std::path::{Path, PathBuf};

use super::action::AppAction;
use super::app::StanceMapApp;
use super::command::{Command, Selection};
use super::dialogs::Modal;
use super::document::Document;
use super::file_dialog::{PendingPick, PickPoll, PickPurpose};
use super::files;
use crate::article::{Article, ArticleFormat};
use crate::stance_map::Edit;
use crate::storage;

impl StanceMapApp {
    pub(super) fn run_action(&mut self, action: AppAction, ctx: &egui::Context) {
        let answers_path_field = matches!(
            action,
            AppAction::Open(_) | AppAction::AddArticle(_) | AppAction::SaveTo(_)
        );
        if answers_path_field && matches!(self.modal, Some(Modal::PathField { .. })) {
            self.modal = None;
        }
        match action {
            AppAction::Command(command) => self.run_command(command),
            AppAction::Pick(purpose) => self.start_pick(purpose, ctx),
            AppAction::Open(path) => {
                if self.confirm_unsaved(AppAction::Open(path.clone())) {
                    self.open_path(&path);
                }
            }
            AppAction::OpenSample => {
                if self.confirm_unsaved(AppAction::OpenSample) {
                    let article =
                        Article::parse(files::SAMPLE_ARTICLE.as_bytes(), ArticleFormat::Text);
                    let path = format!("assets/articles/{}", files::SAMPLE_NAME);
                    let lexicon = &self.config.lexicon;
                    self.set_document(files::document_from_article(
                        &article,
                        &path,
                        files::SAMPLE_NAME,
                        lexicon,
                    ));
                    self.status = "sample article extracted — not saved as a map yet".into();
                }
            }
            AppAction::NewMap => {
                if self.confirm_unsaved(AppAction::NewMap) {
                    self.set_document(Document::unsaved(Default::default(), ""));
                }
            }
            AppAction::AddArticle(path) => self.add_article(&path),
            AppAction::Save => match self.document.as_ref().and_then(|d| d.path.clone()) {
                Some(path) => self.save_to(&path),
                None => self.start_pick(PickPurpose::SaveMap, ctx),
            },
            AppAction::SaveAs => self.start_pick(PickPurpose::SaveMap, ctx),
            AppAction::SaveTo(path) => self.save_to(&path),
            AppAction::Reextract => self.reextract(),
            AppAction::ToggleTheme => {
                let preferences = &mut self.config.preferences;
                preferences.dark_theme = !preferences.dark_theme;
                self.apply_theme(ctx);
            }
            AppAction::ShowLexiconEditor => self.lexicon_editor.open = true,
            AppAction::ShowLlmSettings => self.llm.open = true,
            AppAction::FocusFilter => self.focus_filter = true,
            AppAction::Escape => {
                if self.modal.take().is_none() {
                    self.selection = Selection::Nothing;
                } else {
                    // Like Cancel: what waited for a save (e.g. quitting) is dropped.
                    self.after_save = None;
                }
            }
            AppAction::Quit => {
                if self.confirm_unsaved(AppAction::Quit) {
                    self.allow_close();
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            other => self.run_other_action(other),
        }
    }

    pub(super) fn apply_theme(&self, ctx: &egui::Context) {
        let theme = if self.config.preferences.dark_theme {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        ctx.set_theme(theme);
    }

    /// Whether `then` may go ahead now; if not, asks Save / Discard / Cancel first.
    fn confirm_unsaved(&mut self, then: AppAction) -> bool {
        let Some(document) = self.document.as_ref().filter(|d| d.needs_save_prompt()) else {
            return true;
        };
        if std::mem::take(&mut self.discard_confirmed) {
            return true;
        }
        let name = document.display_name();
        self.modal = Some(Modal::UnsavedChanges { then, name });
        false
    }

    fn allow_close(&mut self) {
        self.close_allowed = true;
        self.autosave.remove_recovery(&self.config.recovery_path);
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.close_allowed {
            return;
        }
        if self.confirm_unsaved(AppAction::Quit) {
            self.allow_close();
        } else {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }

    pub(super) fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|file| file.path().to_owned())
                .filter(|path| !path.as_os_str().is_empty())
                .collect()
        });
        self.actions
            .extend(dropped.into_iter().map(AppAction::Open));
    }

    fn start_pick(&mut self, purpose: PickPurpose, ctx: &egui::Context) {
        if self.pending_pick.is_some() {
            return;
        }
        let suggested = self.suggested_file_name();
        self.pending_pick = Some(PendingPick::start(
            &self.config.file_dialog,
            purpose,
            suggested,
            ctx,
        ));
    }

    /// The name a save starts with: the map's file name, else one made from the
    /// first article's title ("Allies split over…" → `allies-split-over….stancemap.ron`).
    pub(super) fn suggested_file_name(&self) -> String {
        let Some(document) = &self.document else {
            return String::new();
        };
        if document.path.is_some() {
            return document.display_name();
        }
        let title = document
            .map
            .sources()
            .next()
            .map(|source| files::file_stem_from_title(&source.title))
            .filter(|stem| !stem.is_empty());
        match title {
            Some(stem) => format!("{stem}.stancemap.ron"),
            None => {
                let name = document.display_name();
                if files::is_map_path(Path::new(&name)) {
                    name
                } else {
                    format!("{name}.stancemap.ron")
                }
            }
        }
    }

    pub(super) fn poll_pick(&mut self, ctx: &egui::Context) {
        let Some(pending) = &self.pending_pick else {
            return;
        };
        let purpose = pending.purpose;
        match pending.poll() {
            PickPoll::Waiting => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
            PickPoll::Picked(path) => {
                self.pending_pick = None;
                self.actions.push(Modal::action_for_path(purpose, path));
            }
            PickPoll::Nothing => {
                self.pending_pick = None;
                // No portal (or cancelled): the in-app file browser always works.
                let recent = &self.config.preferences.recent_files;
                self.browser = Some(super::file_browser::FileBrowser::new(
                    purpose,
                    super::file_browser::start_folder(recent),
                    &self.suggested_file_name(),
                ));
            }
        }
    }

    pub(super) fn open_path(&mut self, path: &Path) {
        let result = files::open_document(path, &self.config.lexicon);
        self.opened(path, result);
    }

    /// Shows a document opened from `path`, or says why it did not open.
    pub(super) fn opened(&mut self, path: &Path, result: anyhow::Result<Document>) {
        match result {
            Ok(document) => {
                let note = if document.is_untouched_extraction() {
                    " — extracted, not saved as a map yet"
                } else {
                    ""
                };
                self.set_document(document);
                self.config.preferences.remember(path);
                self.error_banner.clear();
                self.status = format!("opened {}{note}", path.display());
            }
            // The open document stays; the banner names the file and the place.
            Err(error) => {
                self.status = format!("could not open {}", path.display());
                self.error_banner.show(format!("could not open: {error:#}"));
            }
        }
    }

    fn add_article(&mut self, path: &Path) {
        let Some(document) = &self.document else {
            return self.open_path(path);
        };
        let article = match storage::read_article(path) {
            Ok(article) => article,
            Err(error) => {
                self.status = format!("could not read {}", path.display());
                return self
                    .error_banner
                    .show(format!("could not read article: {error}"));
            }
        };
        let edit = files::article_edit(
            &document.map,
            &article,
            &path.to_string_lossy(),
            &self.config.lexicon,
        );
        self.apply_edit(edit);
        // The merged article's nodes are laid out, then the view fits them all.
        self.canvas.request_fit();
    }

    pub(super) fn reextract(&mut self) {
        let Some(document) = &self.document else {
            return;
        };
        let edit = files::reextract_edit(&document.map, &self.config.lexicon);
        self.apply_edit(edit);
    }

    fn save_to(&mut self, path: &Path) {
        self.save_with(path, SaveCheck::IfSameFile);
    }

    /// Saves over `path` whatever is on disk now (the answer "Overwrite" to the
    /// conflict question); still atomic, the replaced file kept as `.bak`.
    pub(super) fn overwrite(&mut self, path: &Path) {
        self.save_with(path, SaveCheck::Overwrite);
    }

    fn save_with(&mut self, path: &Path, check: SaveCheck) {
        let Some(document) = &mut self.document else {
            return;
        };
        // The picture is part of the map: computed positions are stored (as one undo
        // step) so the reopened map looks the same.
        if let Some(edit) = self.canvas.computed_layout_edit(&document.map, &self.view)
            && let Err(error) = document.apply(edit)
        {
            self.status = format!("could not store the layout: {error}");
        }
        // Saving over the file it came from first checks nobody changed it since.
        let checked = check == SaveCheck::IfSameFile && document.path.as_deref() == Some(path);
        let result = if checked {
            storage::save_map_checked(path, &document.map, document.fingerprint.as_ref())
        } else {
            storage::save_map(path, &document.map).and_then(|()| {
                storage::Fingerprint::of_file(path)
                    .map(|found| found.unwrap_or_else(|| storage::Fingerprint::of_bytes(&[], None)))
            })
        };
        match result {
            Err(storage::StorageError::Conflict { .. }) => {
                // Nothing was written; the question decides (what waits for this
                // save stays waiting until Overwrite, and Cancel drops it).
                self.ask_about_conflict(path);
            }
            Ok(fingerprint) => {
                document.fingerprint = Some(fingerprint);
                document.mark_saved(path);
                self.config.preferences.remember(path);
                self.autosave.remove_recovery(&self.config.recovery_path);
                self.status = format!("saved {}", path.display());
                if let Some(then) = self.after_save.take() {
                    self.actions.push(then);
                }
            }
            Err(error) => {
                self.after_save = None;
                self.status = format!("could not save: {error}");
            }
        }
    }

    /// Applies one edit as one undo step; a refused edit becomes a status message.
    pub(super) fn apply_edit(&mut self, edit: Edit) {
        let Some(document) = &mut self.document else {
            return;
        };
        if let Err(error) = document.apply(edit) {
            self.status = format!("edit refused: {error}");
        }
        self.drop_stale_selection();
    }

    fn run_command(&mut self, command: Command) {
        match command {
            Command::Edit(edit) => self.apply_edit(edit),
            Command::Select(selection) => self.selection = selection,
            Command::ShowEvidence(focus) => self.article.focus(focus),
            Command::Undo | Command::Redo => {
                let Some(document) = &mut self.document else {
                    return;
                };
                let result = if command == Command::Undo {
                    document.undo()
                } else {
                    document.redo()
                };
                match result {
                    Ok(true) => {}
                    Ok(false) => self.status = "nothing to undo or redo".into(),
                    Err(error) => self.status = format!("could not undo or redo: {error}"),
                }
                self.drop_stale_selection();
            }
            Command::FitView => self.canvas.request_fit(),
            Command::Relayout => {
                let edit = match &self.document {
                    Some(document) => self.canvas.relayout(&document.map, &self.view),
                    None => None,
                };
                if let Some(edit) = edit {
                    self.apply_edit(edit);
                }
            }
            Command::DeleteSelection => {
                if let Some(edit) = delete_edit(&self.selection) {
                    self.apply_edit(edit);
                }
            }
        }
    }

    fn drop_stale_selection(&mut self) {
        let Some(document) = &self.document else {
            return;
        };
        let map = &document.map;
        let exists = match &self.selection {
            Selection::Nothing => true,
            Selection::Actor(id) => map.actor(id).is_some(),
            Selection::Issue(id) => map.issue(id).is_some(),
            Selection::Position(key) => map.position(key).is_some(),
            Selection::Relation(key) => map.relation(key).is_some(),
        };
        if !exists {
            self.selection = Selection::Nothing;
        }
    }
}

/// Whether a save first checks that the file is still the one opened.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SaveCheck {
    /// When saving over the file the map came from (the usual Save).
    IfSameFile,
    /// Never: the user chose to overwrite a changed file.
    Overwrite,
}

/// The edit that deletes what is selected.
fn delete_edit(selection: &Selection) -> Option<Edit> {
    Some(match selection {
        Selection::Nothing => return None,
        Selection::Actor(id) => Edit::RemoveActor(id.clone()),
        Selection::Issue(id) => Edit::RemoveIssue(id.clone()),
        Selection::Position(key) => Edit::RemovePosition(key.clone()),
        Selection::Relation(key) => Edit::RemoveRelation(key.clone()),
    })
}
