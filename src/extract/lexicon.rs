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
