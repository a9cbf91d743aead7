//! `stancemap eval --extractor llm|both`: the gold folder scored exactly as for the
//! built-in extractor (same matching, same micro P/R/F1), with the model's answers
//! verified first, so analysts can compare models by numbers.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::args::LlmSession;
use crate::article::{Article, ArticleFormat};
use crate::eval::{EvalOptions, EvalReport, ExtractionView, read_gold, score_article};
use crate::extract::Lexicon;
use crate::stance_map::SourceId;

/// Totals over a model evaluation, printed under the table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModelTotals {
    pub claimed: usize,
    pub dropped: usize,
    pub requests: u32,
    pub cached_chunks: usize,
}

/// Scores every `*.json` gold file of `gold_dir` (name order) against the session's
/// extraction of the article it names in `articles_dir` (or shares its stem with).
/// Errors name the gold file or article; a failed model run is an error in mode llm.
pub fn evaluate_dirs_with_session(
    gold_dir: &Path,
    articles_dir: &Path,
    lexicon: &Lexicon,
    session: &mut LlmSession,
    options: &EvalOptions,
) -> anyhow::Result<(EvalReport, ModelTotals)> {
    let mut gold_paths: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("cannot read the gold directory: {}", gold_dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
        })
        .collect();
    gold_paths.sort();
    let mut totals = ModelTotals::default();
    let mut articles = Vec::with_capacity(gold_paths.len());
    for gold_path in &gold_paths {
        let mut gold = read_gold(gold_path)?;
        let article_path = article_path_for(&gold.article, gold_path, articles_dir)?;
        let raw = std::fs::read(&article_path)
            .with_context(|| format!("cannot read article: {}", article_path.display()))?;
        if gold.article.is_empty() {
            gold.article = article_path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
        }
        let article = Article::parse(&raw, ArticleFormat::from_path(&article_path));
        let shown = article_path.display().to_string();
        let (extraction, run) = session.extract(&article, &SourceId::new("s1"), lexicon, &shown)?;
        if let Some(run) = run {
            totals.claimed += run.n_claimed;
            totals.dropped += run.verified.dropped.len();
            totals.requests += run.n_requests;
            totals.cached_chunks += run.n_cached;
        }
        articles.push(score_article(&gold, &ExtractionView::from(&extraction)));
    }
    Ok((
        EvalReport {
            articles,
            show_errors: options.show_errors,
        },
        totals,
    ))
}

/// The article a gold file names, else the one sharing its file stem.
fn article_path_for(named: &str, gold_path: &Path, articles_dir: &Path) -> anyhow::Result<PathBuf> {
    if !named.is_empty() {
        let path = articles_dir.join(named);
        if path.is_file() {
            return Ok(path);
        }
        bail!(
            "the article {named} named by gold file {} is missing: {}",
            gold_path.display(),
            path.display()
        );
    }
    let stem = gold_path.file_stem().unwrap_or_default();
    for extension in ["txt", "md", "markdown", "html", "htm"] {
        let path = articles_dir.join(stem).with_extension(extension);
        if path.is_file() {
            return Ok(path);
        }
    }
    bail!(
        "no article for gold file {} in {}",
        gold_path.display(),
        articles_dir.display()
    )
}
