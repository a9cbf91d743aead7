//! Tests for extraction: small data-driven cue cases, invented wire articles with
//! expected stances, robustness on bad input, and the corpus seed acceptance.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod articles;
mod cases;
mod corpus;
mod field_cases;

use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::{Extraction, Lexicon, extract};
use stancemap::stance_map::SourceId;

pub fn run(text: &str) -> Extraction {
    let article = Article::parse(text.as_bytes(), ArticleFormat::Text);
    extract(&article, &SourceId::new("s1"), &Lexicon::bundled())
}

/// Positions as "Actor support|oppose issue_id" strings.
pub fn positions(extraction: &Extraction) -> Vec<String> {
    extraction
        .positions
        .iter()
        .map(|p| format!("{} {} {}", p.actor, p.claim.stance.as_str(), p.issue))
        .collect()
}

/// Relations as "Source support|oppose Target" strings.
pub fn relations(extraction: &Extraction) -> Vec<String> {
    extraction
        .relations
        .iter()
        .map(|r| format!("{} {} {}", r.source, r.claim.stance.as_str(), r.target))
        .collect()
}
