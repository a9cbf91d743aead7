//! Where per-user files live: the user lexicon in the stancemap config folder.

use std::path::{Path, PathBuf};

use super::StorageError;
use super::read::{FileKind, read_text_capped};

/// Overrides the config folder; tests point it at a temp dir to stay hermetic.
pub const CONFIG_DIR_VARIABLE: &str = "STANCEMAP_CONFIG_DIR";

/// Lexicon files larger than this are refused.
pub const LEXICON_SIZE_CAP: u64 = 32 * 1024 * 1024;

/// The stancemap config folder: `$STANCEMAP_CONFIG_DIR`, else `<config dir>/stancemap`.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_DIR_VARIABLE) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::config_dir().map(|dir| dir.join("stancemap")),
    }
}

/// The user lexicon extraction loads on top of the bundled one, if the file exists.
pub fn user_lexicon_path() -> Option<PathBuf> {
    config_dir()
        .map(|dir| dir.join("lexicon.ron"))
        .filter(|path| path.is_file())
}

/// Reads a lexicon file as text, with a size cap.
pub fn read_lexicon(path: &Path) -> Result<String, StorageError> {
    read_text_capped(path, LEXICON_SIZE_CAP, FileKind::Lexicon)
}
