//! The knowledge extraction uses: actors, issues and stance cues, bundled as RON in
//! `assets/lexicon/` and extendable by a user lexicon file.

/// Everything extraction knows about the world.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon bundled with stancemap.
    pub fn bundled() -> Lexicon {
        Lexicon {}
    }
}

/// A user lexicon file could not be read as RON of the expected shape.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{message} at {line}:{column}")]
pub struct LexiconError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Lexicon {
    /// The bundled lexicon extended by a user lexicon given as RON text.
    pub fn with_user_ron(self, ron_text: &str) -> Result<Lexicon, LexiconError> {
        let _ = ron_text;
        Ok(self)
    }
}
