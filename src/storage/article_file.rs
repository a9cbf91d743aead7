//! Reading article files: capped in size, refusing empty and binary files, so
//! extraction only ever sees text.

use std::path::Path;

use super::StorageError;
use super::read::{FileKind, read_capped};
use crate::article::{Article, ArticleFormat};

/// Articles larger than this are refused; real news articles are a few hundred KiB at most.
pub const ARTICLE_SIZE_CAP: u64 = 32 * 1024 * 1024;

/// How far into a file to look for NUL bytes, the sign of a binary file.
const BINARY_PROBE_LEN: usize = 8 * 1024;

/// Reads an article file (txt, md, html) with a size cap and a binary-file check.
pub fn read_article(path: &Path) -> Result<Article, StorageError> {
    let raw = read_capped(path, ARTICLE_SIZE_CAP, FileKind::Article)?;
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(StorageError::EmptyArticle {
            path: path.to_owned(),
        });
    }
    let probe = raw.get(..BINARY_PROBE_LEN).unwrap_or(&raw);
    let utf16 = encoding_rs::Encoding::for_bom(&raw)
        .is_some_and(|(encoding, _)| encoding != encoding_rs::UTF_8);
    if !utf16 && probe.contains(&0) {
        return Err(StorageError::BinaryArticle {
            path: path.to_owned(),
        });
    }
    Ok(Article::parse(&raw, ArticleFormat::from_path(path)))
}
