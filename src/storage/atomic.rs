//! Atomic file replacement: a reader (or a crash) sees either the old file or the
//! new one, never half of each, and the previous version stays as `<name>.bak`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::StorageError;

static SAVE_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `path` atomically.
///
/// Writes `<name>.tmp-<pid>-<n>` in the same folder and fsyncs it, keeps the previous
/// file as `<name>.bak`, renames the temp file over `path` and fsyncs the folder.
/// On any error the temp file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let io_error = |error| StorageError::Io {
        path: path.to_owned(),
        action: "cannot save",
        error,
    };
    let target = resolve_symlink(path).map_err(io_error)?;
    // The counter keeps two saves from the same process (autosave and save) apart.
    let tag = format!(
        "{}-{}",
        std::process::id(),
        SAVE_COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let temp = sibling(&target, &format!("tmp-{tag}")).map_err(io_error)?;
    let result = replace(&target, &temp, bytes, &tag);
    if result.is_err() {
        // The temp file is ours; the target was never touched.
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io_error)
}

fn replace(target: &Path, temp: &Path, bytes: &[u8], tag: &str) -> io::Result<()> {
    let previous = match fs::metadata(target) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    {
        let mut file = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .open(temp)?;
        file.write_all(bytes)?;
        if let Some(previous) = &previous {
            file.set_permissions(previous.permissions())?;
        }
        file.sync_all()?;
    }
    if previous.is_some() {
        keep_backup(target, tag)?;
    }
    fs::rename(temp, target)?;
    sync_folder(target)
}

/// Makes `<name>.bak` hold the current file without ever removing the current
/// file, so there is no moment at which `target` is missing.
///
/// The backup is staged under a name unique to this save and renamed over the old
/// `.bak`: copying straight onto a `.bak` that is a hard link to `target` (left by a
/// concurrent save) would truncate `target` itself.
fn keep_backup(target: &Path, tag: &str) -> io::Result<()> {
    let staged = sibling(target, &format!("bak-{tag}"))?;
    let _ = fs::remove_file(&staged);
    // A hard link costs nothing; file systems without links get a copy.
    let staged_result = match fs::hard_link(target, &staged) {
        Ok(()) => Ok(()),
        Err(_) => fs::copy(target, &staged).map(drop),
    }
    .and_then(|()| fs::rename(&staged, sibling(target, "bak")?));
    // Renaming onto a hard link of the same file succeeds without removing the
    // staged name (POSIX), so clear it in every case.
    let _ = fs::remove_file(&staged);
    staged_result
}

/// `<folder>/<name>.<suffix>` for `path` = `<folder>/<name>`.
fn sibling(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let Some(name) = path.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the path does not name a file",
        ));
    };
    let mut sibling_name = name.to_owned();
    sibling_name.push(".");
    sibling_name.push(suffix);
    Ok(path.with_file_name(sibling_name))
}

/// Saving through a symlink replaces the file it points to, not the link.
fn resolve_symlink(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => fs::canonicalize(path),
        _ => Ok(path.to_owned()),
    }
}

/// Makes the rename itself durable.
#[cfg(unix)]
fn sync_folder(target: &Path) -> io::Result<()> {
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_target: &Path) -> io::Result<()> {
    Ok(())
}
