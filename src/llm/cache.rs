//! The on-disk answer cache: one small JSON file per chunk answer, named by the
//! SHA-256 of (endpoint, model, prompt version, article hash, chunk), in
//! `$STANCEMAP_CACHE_DIR` or `<user cache dir>/stancemap/llm`. Reopening an article
//! therefore asks the model nothing; a run cut off by an error resumes where it
//! stopped. Only validated answers are stored; an unreadable entry is a miss.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::protocol::Chunk;

/// Overrides the cache folder; tests point it at a temp dir.
pub const CACHE_DIR_VARIABLE: &str = "STANCEMAP_CACHE_DIR";
/// Entries larger than this are ignored.
const MAX_ENTRY_BYTES: u64 = 4 * 1024 * 1024;

/// The default cache folder: `$STANCEMAP_CACHE_DIR`, else `<cache dir>/stancemap/llm`.
pub fn default_cache_dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_VARIABLE) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::cache_dir().map(|dir| dir.join("stancemap").join("llm")),
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// What identifies one cached answer.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CacheKey {
    /// The full chat-completions URL.
    pub endpoint: String,
    pub model: String,
    pub prompt_version: String,
    /// SHA-256 of the article text, hex.
    pub article: String,
    /// 0-based sentence range `first..end` of the chunk.
    pub first: usize,
    pub end: usize,
}

impl CacheKey {
    pub fn new(
        endpoint: &str,
        model: &str,
        prompt_version: &str,
        article_text: &str,
        chunk: Chunk,
    ) -> Self {
        Self {
            endpoint: endpoint.to_owned(),
            model: model.to_owned(),
            prompt_version: prompt_version.to_owned(),
            article: sha256_hex(article_text.as_bytes()),
            first: chunk.first,
            end: chunk.end,
        }
    }

    /// The entry's file name: SHA-256 of the key's fields, hex, `.json`.
    pub fn file_name(&self) -> String {
        let joined = format!(
            "{}\n{}\n{}\n{}\n{}..{}",
            self.endpoint, self.model, self.prompt_version, self.article, self.first, self.end
        );
        format!("{}.json", sha256_hex(joined.as_bytes()))
    }
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    key: CacheKey,
    /// The model's answer text (JSON), as validated when stored.
    answer: String,
}

/// A cache folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerCache {
    pub dir: PathBuf,
}

impl AnswerCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The stored answer for `key`, if there is a readable entry with exactly this key.
    pub fn get(&self, key: &CacheKey) -> Option<String> {
        let path = self.dir.join(key.file_name());
        let size = std::fs::metadata(&path).ok()?.len();
        if size > MAX_ENTRY_BYTES {
            return None;
        }
        let text = std::fs::read_to_string(&path).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.key == *key).then_some(entry.answer)
    }

    /// Stores `answer` under `key`, atomically; creates the folder.
    pub fn put(&self, key: &CacheKey, answer: &str) -> Result<(), String> {
        let path = self.dir.join(key.file_name());
        let entry = Entry {
            key: key.clone(),
            answer: answer.to_owned(),
        };
        let text = serde_json::to_string(&entry)
            .map_err(|error| format!("cannot encode a cache entry: {error}"))?;
        write(&path, text.as_bytes())
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|error| {
            format!(
                "cannot create the cache folder ({error}): {}",
                parent.display()
            )
        })?;
    }
    crate::storage::write_atomically(path, bytes).map_err(|error| error.to_string())
}
