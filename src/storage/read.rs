//! Reading a whole file with a size cap, checked before the bytes are read, so a
//! huge or endless file is refused instead of filling memory.

use std::io::Read;
use std::path::Path;

use super::StorageError;

/// Reads `path` if it is a regular file of at most `cap` bytes.
pub(crate) fn read_capped(path: &Path, cap: u64, kind: FileKind) -> Result<Vec<u8>, StorageError> {
    let what = kind.what();
    let io_error = |error| StorageError::Io {
        path: path.to_owned(),
        action: kind.read_action(),
        error,
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(StorageError::NotAFile {
            path: path.to_owned(),
            what,
        });
    }
    let too_large = |size| StorageError::TooLarge {
        path: path.to_owned(),
        what,
        size,
        cap,
    };
    if metadata.len() > cap {
        return Err(too_large(metadata.len()));
    }
    // The file may grow between the check and the read; never take more than the cap.
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(cap.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > cap {
        return Err(too_large(read));
    }
    Ok(bytes)
}

/// Reads `path` as UTF-8 text with a size cap; a leading byte-order mark is dropped.
pub(crate) fn read_text_capped(
    path: &Path,
    cap: u64,
    kind: FileKind,
) -> Result<String, StorageError> {
    let bytes = read_capped(path, cap, kind)?;
    utf8_text(path, bytes, kind)
}

/// `bytes` as UTF-8 text without a leading byte-order mark, or an error naming the
/// line and column of the first invalid byte.
pub(crate) fn utf8_text(
    path: &Path,
    bytes: Vec<u8>,
    kind: FileKind,
) -> Result<String, StorageError> {
    let mut text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.as_bytes().get(..error.utf8_error().valid_up_to());
        let (line, column) = line_column(valid.unwrap_or_default());
        StorageError::NotUtf8 {
            path: path.to_owned(),
            what: kind.what(),
            line,
            column,
        }
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// The 1-based line and column just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(prefix);
    let line = 1 + text.matches('\n').count();
    let column = 1 + text.rsplit('\n').next().unwrap_or_default().chars().count();
    (line, column)
}

/// The kinds of file read whole; each has its own cap and wording.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileKind {
    Map,
    Article,
    Lexicon,
}

impl FileKind {
    fn what(self) -> &'static str {
        match self {
            FileKind::Map => "map file",
            FileKind::Article => "article",
            FileKind::Lexicon => "lexicon",
        }
    }

    fn read_action(self) -> &'static str {
        match self {
            FileKind::Map => "cannot read map",
            FileKind::Article => "cannot read article",
            FileKind::Lexicon => "cannot read lexicon",
        }
    }
}
