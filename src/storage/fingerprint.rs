//! Noticing that a map file changed on disk since it was opened (another analyst, a
//! sync folder, a second window), so saving asks before overwriting it.

use std::hash::{Hash, Hasher};
use std::path::Path;
use std::time::SystemTime;

use super::StorageError;
use super::read::{FileKind, read_capped};

/// What a map file was when it was opened or last saved: its length, a hash of its
/// bytes and its modification time. Two fingerprints are the same file content when
/// length and hash agree; the time is kept for messages and is not compared, so a
/// sync tool that rewrites identical bytes is no conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// Length in bytes.
    pub len: u64,
    /// A 64-bit hash of the bytes (SipHash with fixed keys; stable within one build).
    pub hash: u64,
    pub modified: Option<SystemTime>,
}

impl Fingerprint {
    /// The fingerprint of `bytes` as read from a file modified at `modified`.
    pub fn of_bytes(bytes: &[u8], modified: Option<SystemTime>) -> Fingerprint {
        let mut hasher = std::hash::DefaultHasher::new();
        bytes.hash(&mut hasher);
        Fingerprint {
            len: u64::try_from(bytes.len()).unwrap_or(u64::MAX),
            hash: hasher.finish(),
            modified,
        }
    }

    /// The fingerprint of the map file at `path` now; `None` when there is no file.
    ///
    /// # Errors
    /// The file exists but cannot be read, or is larger than the map size cap.
    pub fn of_file(path: &Path) -> Result<Option<Fingerprint>, StorageError> {
        match std::fs::metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            _ => {}
        }
        let bytes = read_capped(path, super::MAP_SIZE_CAP, FileKind::Map)?;
        let modified = std::fs::metadata(path)
            .and_then(|metadata| metadata.modified())
            .ok();
        Ok(Some(Fingerprint::of_bytes(&bytes, modified)))
    }

    /// Whether both describe the same bytes (length and hash; the time is ignored).
    pub fn same_content(&self, other: &Fingerprint) -> bool {
        self.len == other.len && self.hash == other.hash
    }
}

/// Whether the file at `path` still has the content `expected` describes. A file
/// that is gone is no conflict (saving loses nothing); `expected: None` (a new map
/// never saved) conflicts with any file that has appeared since.
///
/// # Errors
/// [`StorageError::Conflict`] when the file changed; IO errors from reading it.
pub fn check_unchanged(path: &Path, expected: Option<&Fingerprint>) -> Result<(), StorageError> {
    let current = Fingerprint::of_file(path)?;
    let unchanged = match (expected, &current) {
        (_, None) => true,
        (Some(expected), Some(current)) => expected.same_content(current),
        (None, Some(_)) => false,
    };
    if unchanged {
        Ok(())
    } else {
        Err(StorageError::Conflict {
            path: path.to_owned(),
        })
    }
}
