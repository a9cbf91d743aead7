//! The in-app file browser, used when no system file dialog answers (no XDG portal,
//! as under Xvfb or on minimal desktops): folders to walk, files filtered by type,
//! places (home, documents, desktop, the folders of recent files) and a file name
//! field that starts with a suggested name when saving.
//!
//! Own code rather than a crate: `egui-file-dialog` has no release for egui 0.37, and
//! `egui_file` labels its rows with emoji the bundled fonts lack (they show as boxes).

use std::path::{Path, PathBuf};

use super::file_dialog::PickPurpose;

/// What the browser answered this frame.
#[derive(Debug, PartialEq)]
pub enum BrowserAnswer {
    Open,
    Picked(PathBuf),
    Cancelled,
}

/// One folder entry as listed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

/// Most entries listed for one folder; a bigger folder says how many were left out.
const MAX_ENTRIES: usize = 5_000;

/// One in-app file dialog on screen.
pub struct FileBrowser {
    pub purpose: PickPurpose,
    folder: PathBuf,
    /// The file name field (pre-filled when saving).
    name: String,
    all_files: bool,
    entries: Vec<Entry>,
    /// Why the folder could not be listed, or how many entries were left out.
    note: String,
}

/// Extensions the browser lists for `purpose` (folders always show).
pub fn extensions(purpose: PickPurpose) -> &'static [&'static str] {
    match purpose {
        PickPurpose::OpenMap | PickPurpose::SaveMap => &["ron"],
        PickPurpose::OpenArticle | PickPurpose::AddArticle => &["txt", "md", "html", "htm"],
        PickPurpose::OpenAny => &["ron", "txt", "md", "html", "htm"],
    }
}

fn title(purpose: PickPurpose) -> &'static str {
    match purpose {
        PickPurpose::OpenArticle => "Open article",
        PickPurpose::OpenMap => "Open map",
        PickPurpose::OpenAny => "Open map or article",
        PickPurpose::AddArticle => "Add article to the map",
        PickPurpose::SaveMap => "Save map as",
    }
}

impl FileBrowser {
    /// A browser for `purpose` showing `folder`; a save starts with `suggested_name`.
    pub fn new(purpose: PickPurpose, folder: PathBuf, suggested_name: &str) -> Self {
        let mut browser = Self {
            purpose,
            folder: PathBuf::new(),
            name: if purpose == PickPurpose::SaveMap {
                suggested_name.to_owned()
            } else {
                String::new()
            },
            all_files: false,
            entries: Vec::new(),
            note: String::new(),
        };
        browser.go_to(&folder);
        browser
    }

    /// The folder shown now.
    pub fn folder(&self) -> &Path {
        &self.folder
    }

    /// The file name field's text.
    pub fn file_name(&self) -> &str {
        &self.name
    }

    /// Shows `folder` (a place, a recent file's folder, a subfolder).
    pub fn go_to(&mut self, folder: &Path) {
        self.folder = folder.to_owned();
        self.refresh();
    }

    fn refresh(&mut self) {
        self.entries.clear();
        self.note.clear();
        let wanted = extensions(self.purpose);
        let read = match std::fs::read_dir(&self.folder) {
            Ok(read) => read,
            Err(error) => {
                self.note = format!("cannot list {}: {error}", self.folder.display());
                return;
            }
        };
        let mut left_out = 0usize;
        for entry in read.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let is_dir = path.is_dir();
            let shown = is_dir
                || self.all_files
                || path
                    .extension()
                    .and_then(|ext| ext.to_str())
                    .is_some_and(|ext| wanted.iter().any(|w| w.eq_ignore_ascii_case(ext)));
            if !shown {
                continue;
            }
            if self.entries.len() >= MAX_ENTRIES {
                left_out += 1;
                continue;
            }
            self.entries.push(Entry { name, path, is_dir });
        }
        if left_out > 0 {
            self.note = format!("{left_out} more entries not listed");
        }
        // Folders first, then files, each by name.
        self.entries.sort_by(|a, b| {
            (!a.is_dir, a.name.to_lowercase()).cmp(&(!b.is_dir, b.name.to_lowercase()))
        });
    }

    /// Draws the browser; `recent` are recent files, newest first.
    pub fn ui(&mut self, ctx: &egui::Context, recent: &[PathBuf]) -> BrowserAnswer {
        let mut answer = BrowserAnswer::Open;
        let mut go_to: Option<PathBuf> = None;
        let mut open = true;
        egui::Window::new(title(self.purpose))
            .id(egui::Id::unique("stancemap_file_browser"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    if ui
                        .button("Up")
                        .on_hover_text("The folder containing this one")
                        .clicked()
                        && let Some(parent) = self.folder.parent()
                    {
                        go_to = Some(parent.to_owned());
                    }
                    ui.label(self.folder.display().to_string());
                });
                ui.separator();
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(140.0);
                        ui.strong("Places");
                        for (name, folder) in places() {
                            if ui
                                .button(name)
                                .on_hover_text(folder.display().to_string())
                                .clicked()
                            {
                                go_to = Some(folder);
                            }
                        }
                        let folders = recent_folders(recent);
                        if !folders.is_empty() {
                            ui.separator();
                            ui.strong("Recent places");
                            for folder in folders {
                                let name = folder.file_name().map_or_else(
                                    || folder.display().to_string(),
                                    |n| n.to_string_lossy().into_owned(),
                                );
                                if ui
                                    .button(name)
                                    .on_hover_text(folder.display().to_string())
                                    .clicked()
                                {
                                    go_to = Some(folder);
                                }
                            }
                        }
                    });
                    // A space, not a separator: a vertical separator takes the window's
                    // whole height, and an auto-sized window would grow every frame.
                    ui.add_space(12.0);
                    ui.vertical(|ui| {
                        egui::ScrollArea::vertical()
                            .id_salt("file_browser_entries")
                            .max_height(280.0)
                            .min_scrolled_height(280.0)
                            .min_scrolled_width(420.0)
                            .show(ui, |ui| {
                                for entry in &self.entries {
                                    let text = if entry.is_dir {
                                        format!("{}/", entry.name)
                                    } else {
                                        entry.name.clone()
                                    };
                                    let selected = !entry.is_dir && self.name == entry.name;
                                    let response = ui.selectable_label(selected, text);
                                    if entry.is_dir && response.clicked() {
                                        go_to = Some(entry.path.clone());
                                    } else if response.double_clicked() {
                                        answer = BrowserAnswer::Picked(entry.path.clone());
                                    } else if response.clicked() {
                                        self.name = entry.name.clone();
                                    }
                                }
                                if self.entries.is_empty() && self.note.is_empty() {
                                    ui.weak("No matching files here");
                                }
                            });
                        if !self.note.is_empty() {
                            ui.weak(self.note.as_str());
                        }
                    });
                });
                ui.separator();
                let kinds = extensions(self.purpose).join(", ");
                ui.horizontal(|ui| {
                    let label = ui.label("File name");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.name).desired_width(300.0))
                        .labelled_by(label.id);
                    let entered =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let mut all = self.all_files;
                    if ui
                        .checkbox(&mut all, "Show all files")
                        .on_hover_text(format!("Otherwise only: {kinds}"))
                        .changed()
                    {
                        self.all_files = all;
                        self.refresh();
                    }
                    let verb = if self.purpose == PickPurpose::SaveMap {
                        "Save"
                    } else {
                        "Open"
                    };
                    let ready = !self.name.trim().is_empty();
                    let button = ui.add_enabled(ready, egui::Button::new(verb));
                    if (button.clicked() || (entered && ready)) && answer == BrowserAnswer::Open {
                        answer = BrowserAnswer::Picked(self.folder.join(self.name.trim()));
                    }
                    if ui.button("Cancel").clicked() {
                        answer = BrowserAnswer::Cancelled;
                    }
                });
            });
        if let Some(folder) = go_to {
            self.go_to(&folder);
        }
        if !open {
            answer = BrowserAnswer::Cancelled;
        }
        answer
    }
}

/// Home, documents and desktop, those that exist.
fn places() -> Vec<(&'static str, PathBuf)> {
    [
        ("Home", dirs::home_dir()),
        ("Documents", dirs::document_dir()),
        ("Desktop", dirs::desktop_dir()),
    ]
    .into_iter()
    .filter_map(|(name, folder)| Some((name, folder?)))
    .filter(|(_, folder)| folder.is_dir())
    .collect()
}

/// The folders of `recent` files, newest first, each once.
pub fn recent_folders(recent: &[PathBuf]) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = Vec::new();
    for file in recent {
        if let Some(folder) = file.parent().filter(|f| !f.as_os_str().is_empty())
            && !folders.iter().any(|known| known == folder)
        {
            folders.push(folder.to_owned());
        }
    }
    folders
}

/// The folder a browser starts in: the most recent file's folder, else the current one.
pub fn start_folder(recent: &[PathBuf]) -> PathBuf {
    recent_folders(recent)
        .into_iter()
        .find(|folder| folder.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}
