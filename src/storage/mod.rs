//! Files: the `*.stancemap.ron` schema, atomic save, size-capped loading of maps,
//! articles and lexicons.
//!
//! The file format is owned here ([`schema`]), converted explicitly to and from the
//! model ([`convert`]); loading goes through `StanceMap::apply`, so a file cannot
//! produce a map that breaks an invariant. Every error names the file.

mod anchor;
mod article_file;
mod atomic;
mod config;
pub mod convert;
mod error;
mod fingerprint;
mod load;
mod read;
pub mod schema;

use std::path::Path;

pub use article_file::{ARTICLE_SIZE_CAP, read_article};
pub use atomic::write_atomically;
pub use config::{
    CONFIG_DIR_VARIABLE, LEXICON_SIZE_CAP, config_dir, read_lexicon, user_lexicon_path,
};
pub use convert::SchemaError;
pub use error::StorageError;
pub use fingerprint::{Fingerprint, check_unchanged};
pub use load::{
    MAP_SIZE_CAP, MapSyntax, NESTING_LIMIT, OpenedMap, ParseError, load_map, open_map, parse_map,
    parse_map_checked,
};

use crate::stance_map::StanceMap;

/// Saves atomically: temp file in the same folder, fsync, rename; the previous file becomes `<name>.bak`.
pub fn save_map(path: &Path, map: &StanceMap) -> Result<(), StorageError> {
    let text = to_ron_string(map).map_err(|error| StorageError::Encode {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    write_atomically(path, text.as_bytes())
}

/// Saves like [`save_map`], but first checks that the file on disk is still the one
/// `expected` describes (from [`open_map`] or the previous save), and returns the
/// fingerprint of what it wrote for the next save.
///
/// # Errors
/// [`StorageError::Conflict`] when the file changed since (nothing is written; the
/// caller asks the user, then saves elsewhere or calls [`save_map`] to overwrite);
/// otherwise as [`save_map`]. The check and the write are not one atomic step: a
/// change in between is not seen.
pub fn save_map_checked(
    path: &Path,
    map: &StanceMap,
    expected: Option<&Fingerprint>,
) -> Result<Fingerprint, StorageError> {
    check_unchanged(path, expected)?;
    let text = to_ron_string(map).map_err(|error| StorageError::Encode {
        path: path.to_owned(),
        message: error.to_string(),
    })?;
    write_atomically(path, text.as_bytes())?;
    let modified = std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok();
    Ok(Fingerprint::of_bytes(text.as_bytes(), modified))
}

/// The map as the text of a `*.stancemap.ron` file; the same map always gives the same bytes.
pub fn to_ron_string(map: &StanceMap) -> Result<String, ron::Error> {
    // Fixed newlines, so a file saved on Windows diffs cleanly against one from Linux.
    let config = ron::ser::PrettyConfig::new()
        .new_line("\n")
        .indentor("    ");
    let mut text = ron::ser::to_string_pretty(&convert::to_file(map), config)?;
    text.push('\n');
    Ok(text)
}
