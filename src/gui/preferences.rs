//! Preferences kept in eframe storage between runs: recent files, theme, last view.
//! Never part of a map file.

use std::path::{Path, PathBuf};

/// The storage key the preferences live under.
pub const STORAGE_KEY: &str = "stancemap.preferences";

/// How many recent files are remembered.
const MAX_RECENT: usize = 8;

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    pub dark_theme: bool,
    /// "positions", "relations", "lens" or "matrix".
    pub last_view: String,
    /// The canvas legend is folded to its title.
    pub legend_collapsed: bool,
    /// The model extractor's mode, endpoint and model (never the API key).
    pub llm: super::llm_settings::LlmPreferences,
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            recent_files: Vec::new(),
            dark_theme: true,
            last_view: "positions".into(),
            legend_collapsed: false,
            llm: Default::default(),
        }
    }
}

impl Preferences {
    /// Moves `path` to the front of the recent files.
    pub fn remember(&mut self, path: &Path) {
        self.recent_files.retain(|known| known != path);
        self.recent_files.insert(0, path.to_owned());
        self.recent_files.truncate(MAX_RECENT);
    }
}
