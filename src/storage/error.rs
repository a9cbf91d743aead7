//! `StorageError`: why a file could not be read or written. Every message is
//! lowercase, has no trailing period and ends with the path, so the CLI and the GUI
//! can show it as it is.

use std::path::PathBuf;

/// Why a file could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("{action}: {}: {}", lowercase_first(&error.to_string()), path.display())]
    Io {
        path: PathBuf,
        /// What was being done, e.g. "cannot read map".
        action: &'static str,
        error: std::io::Error,
    },
    #[error("{what} is too large ({} MiB, the limit is {} MiB): {}", mib(*size), mib(*cap), path.display())]
    TooLarge {
        path: PathBuf,
        /// "map file", "article", …
        what: &'static str,
        size: u64,
        cap: u64,
    },
    #[error("{what} is not a regular file: {}", path.display())]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("{what} is not valid UTF-8 at {line}:{column}: {}", path.display())]
    NotUtf8 {
        path: PathBuf,
        what: &'static str,
        line: usize,
        column: usize,
    },
    /// The text is not RON/JSON of the schema's shape; `message` says what was expected.
    #[error("cannot parse map at {line}:{column}, {message}: {}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    /// Well-formed, but a wrong tag, an unknown version or an invalid item.
    #[error("{error}: {}", path.display())]
    Schema {
        path: PathBuf,
        error: super::SchemaError,
    },
    #[error("cannot encode map, {message}: {}", path.display())]
    Encode { path: PathBuf, message: String },
    #[error("the article is empty: {}", path.display())]
    EmptyArticle { path: PathBuf },
    #[error("looks like a binary file, not an article: {}", path.display())]
    BinaryArticle { path: PathBuf },
    /// The file changed on disk since it was opened; saving would overwrite that change.
    #[error("the map file changed on disk since it was opened; save it under another name or overwrite it knowingly: {}", path.display())]
    Conflict { path: PathBuf },
}

impl StorageError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            StorageError::Io { path, .. }
            | StorageError::TooLarge { path, .. }
            | StorageError::NotAFile { path, .. }
            | StorageError::NotUtf8 { path, .. }
            | StorageError::Syntax { path, .. }
            | StorageError::Schema { path, .. }
            | StorageError::Encode { path, .. }
            | StorageError::EmptyArticle { path }
            | StorageError::BinaryArticle { path }
            | StorageError::Conflict { path } => path,
        }
    }
}

/// Library messages start with a capital ("Expected comma"); ours are lowercase.
pub(crate) fn lowercase_first(message: &str) -> String {
    // "EOF while parsing" reads as "end of file while parsing", never "eOF".
    if let Some(rest) = message.strip_prefix("EOF ") {
        return format!("end of file {rest}");
    }
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn mib(bytes: u64) -> String {
    let mib = bytes as f64 / (1024.0 * 1024.0);
    if mib.fract() == 0.0 {
        format!("{mib:.0}")
    } else {
        format!("{mib:.1}")
    }
}
