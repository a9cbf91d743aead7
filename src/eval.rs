//! Scoring extraction against gold annotations, as `../shared/corpus/README.md`
//! defines it. (Being written; the signatures below are the contract.)

use std::path::Path;

use crate::extract::Lexicon;

/// Per-article and micro-averaged precision/recall/F1 for actors, positions and relations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {}

impl std::fmt::Display for EvalReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no articles scored")
    }
}

/// Extracts every article in `articles_dir` that has a gold file in `gold_dir` and scores it.
pub fn evaluate_dirs(
    gold_dir: &Path,
    articles_dir: &Path,
    lexicon: &Lexicon,
) -> anyhow::Result<EvalReport> {
    let _ = (gold_dir, articles_dir, lexicon);
    anyhow::bail!("evaluation is not implemented yet")
}
