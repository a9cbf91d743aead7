//! Atomic file replacement: a reader (or a crash) sees either the old file or the
//! new one, never half of each, and the previous version stays as `<name>.bak`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::StorageError;

/// Writes `bytes` to `path` atomically.
///
/// Writes `<name>.tmp-<pid>` in the same folder and fsyncs it, keeps the previous
/// file as `<name>.bak`, renames the temp file over `path` and fsyncs the folder.
/// On any error the temp file is removed and `path` is left as it was.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StorageError> {
    let io_error = |error| StorageError::Io {
        path: path.to_owned(),
        action: "cannot save",
        error,
    };
    let target = resolve_symlink(path).map_err(io_error)?;
    let temp = sibling(&target, &format!("tmp-{}", std::process::id())).map_err(io_error)?;
    let result = replace(&target, &temp, bytes);
    if result.is_err() {
        // The temp file is ours; the target was never touched.
        let _ = fs::remove_file(&temp);
    }
    result.map_err(io_error)
}

fn replace(target: &Path, temp: &Path, bytes: &[u8]) -> io::Result<()> {
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
        keep_backup(target)?;
    }
    fs::rename(temp, target)?;
    sync_folder(target)
}

/// Copies the current file to `<name>.bak` without ever removing the current file,
/// so there is no moment at which `target` is missing.
fn keep_backup(target: &Path) -> io::Result<()> {
    let backup = sibling(target, "bak")?;
    match fs::remove_file(&backup) {
        Ok(()) => {}
        Err(error) if error.kind() == io::ErrorKind::NotFound => {}
        Err(error) => return Err(error),
    }
    // A hard link costs nothing; file systems without links get a copy.
    if fs::hard_link(target, &backup).is_err() {
        fs::copy(target, &backup)?;
    }
    Ok(())
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
