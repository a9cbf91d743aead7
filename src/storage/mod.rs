//! Files: the `*.stancemap.ron` schema, atomic save, size-capped loading of maps
//! and articles. (Being written; the signatures below are the contract.)

use std::path::{Path, PathBuf};

use crate::article::Article;
use crate::stance_map::StanceMap;

/// Why a file could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{message}: {}", path.display())]
    Other { path: PathBuf, message: String },
}

/// Loads a map file, checking the format tag, version and every reference.
pub fn load_map(path: &Path) -> Result<StanceMap, StorageError> {
    Err(StorageError::Other {
        path: path.to_owned(),
        message: "loading maps is not implemented yet".into(),
    })
}

/// Saves atomically: temp file in the same folder, fsync, rename; the previous file becomes `<name>.bak`.
pub fn save_map(path: &Path, map: &StanceMap) -> Result<(), StorageError> {
    let _ = map;
    Err(StorageError::Other {
        path: path.to_owned(),
        message: "saving maps is not implemented yet".into(),
    })
}

/// Reads an article file (txt, md, html) with a size cap and a binary-file check.
pub fn read_article(path: &Path) -> Result<Article, StorageError> {
    let raw = std::fs::read(path).map_err(|error| StorageError::Other {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    Ok(Article::parse(
        &raw,
        crate::article::ArticleFormat::from_path(path),
    ))
}
