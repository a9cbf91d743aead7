//! Scoring extraction against gold annotations, exactly as `../shared/corpus/README.md`
//! defines it: names normalised, extracted actors and issues mapped onto gold ids,
//! then precision/recall/F1 of actors, positions and relations, micro-averaged.
//!
//! The pieces are public so they can be tested without files: [`normalise`],
//! [`match_actor`], [`match_issue`], [`score_article`]. [`evaluate_dirs`] is the edge
//! that reads files.

mod gold;
mod normalise;
pub mod plover;
mod score;

use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

pub use gold::{
    ExtractionView, Gold, GoldActor, GoldIssue, GoldPosition, GoldRelation, GoldStance, ViewActor,
    ViewIssue, ViewPosition, ViewRelation,
};
pub use normalise::{content_words, normalise, overlap_coefficient, stem};
pub use score::{
    ArticleScore, Counts, ISSUE_MATCH_THRESHOLD, IssueMatch, Kind, Mismatch, Scores, Side,
    match_actor, match_issue, score_article,
};

use crate::article::{Article, ArticleFormat};
use crate::extract::{Lexicon, extract};
use crate::stance_map::SourceId;

/// How [`evaluate_dirs_with`] runs and what the report prints.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct EvalOptions {
    /// Print every false positive and false negative under the table.
    pub show_errors: bool,
}

/// Per-article and micro-averaged precision/recall/F1 for actors, positions and relations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvalReport {
    /// In gold file name order.
    pub articles: Vec<ArticleScore>,
    /// Whether `Display` lists the errors of each article after the table.
    pub show_errors: bool,
}

impl EvalReport {
    /// Counts of `kind` summed over all articles.
    pub fn micro_counts(&self, kind: Kind) -> Counts {
        self.micro_counts_where(kind, |_| true)
    }

    /// Micro-averaged scores of `kind` over all articles.
    pub fn micro(&self, kind: Kind) -> Scores {
        self.micro_counts(kind).scores()
    }

    /// Micro-averaged scores over the articles whose file name `keep` accepts, e.g. a
    /// held-out set.
    pub fn micro_where(&self, kind: Kind, keep: impl Fn(&str) -> bool) -> Scores {
        self.micro_counts_where(kind, keep).scores()
    }

    fn micro_counts_where(&self, kind: Kind, keep: impl Fn(&str) -> bool) -> Counts {
        let mut total = Counts::default();
        for article in self
            .articles
            .iter()
            .filter(|article| keep(&article.article))
        {
            total += article.counts(kind);
        }
        total
    }

    /// Every error, as (article file name, mismatch), in article order.
    pub fn errors(&self) -> impl Iterator<Item = (&str, &Mismatch)> {
        self.articles.iter().flat_map(|article| {
            article
                .mismatches
                .iter()
                .map(|mismatch| (article.article.as_str(), mismatch))
        })
    }

    /// The error list printed under the table when `show_errors` is set: per article,
    /// how its issues matched, which actors matched nothing, then each FP and FN.
    pub fn errors_text(&self) -> String {
        let mut text = String::new();
        for article in &self.articles {
            write_article_errors(&mut text, article);
        }
        text
    }
}

fn write_article_errors(text: &mut String, article: &ArticleScore) {
    use std::fmt::Write as _;
    let _ = writeln!(text, "\n== {} ==", article.article);
    for issue in &article.issue_matches {
        let _ = match (issue.gold(), &issue.best_gold) {
            (Some(gold), _) => writeln!(
                text,
                "issue {} -> {gold} ({:.2})",
                issue.extracted, issue.coefficient
            ),
            (None, Some(best)) => writeln!(
                text,
                "issue {} -> none (best {best} at {:.2} < {ISSUE_MATCH_THRESHOLD})",
                issue.extracted, issue.coefficient
            ),
            (None, None) => writeln!(text, "issue {} -> none", issue.extracted),
        };
    }
    if !article.unmatched_actors.is_empty() {
        let _ = writeln!(
            text,
            "actors matching no gold actor: {}",
            article.unmatched_actors.join(", ")
        );
    }
    if article.mismatches.is_empty() {
        let _ = writeln!(text, "no errors");
    }
    for mismatch in &article.mismatches {
        let _ = writeln!(text, "{mismatch}");
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.articles.is_empty() {
            return f.write_str("no articles scored");
        }
        let width = self
            .articles
            .iter()
            .map(|article| article.article.chars().count())
            .max()
            .unwrap_or_default()
            .max("article".len());
        let mut header = format!("{:width$}", "article");
        for kind in Kind::ALL {
            header.push_str(&format!("  {:<18}", format!("{}s P/R/F1", kind.as_str())));
        }
        writeln!(f, "{}", header.trim_end())?;
        let row = |name: &str, scores: [Scores; 3]| {
            let mut line = format!("{name:width$}");
            for Scores {
                precision,
                recall,
                f1,
            } in scores
            {
                line.push_str(&format!("  {precision:.2} {recall:.2} {f1:.2}    "));
            }
            line.trim_end().to_owned()
        };
        for article in &self.articles {
            let scores = Kind::ALL.map(|kind| article.counts(kind).scores());
            writeln!(f, "{}", row(&article.article, scores))?;
        }
        writeln!(
            f,
            "{}",
            row("MICRO", Kind::ALL.map(|kind| self.micro(kind)))
        )?;
        let mut totals = format!("{:width$}", "TP/FP/FN");
        for kind in Kind::ALL {
            let counts = self.micro_counts(kind);
            let cell = format!(
                "{}/{}/{}",
                counts.true_positives, counts.false_positives, counts.false_negatives
            );
            totals.push_str(&format!("  {cell:<18}"));
        }
        writeln!(f, "{}", totals.trim_end())?;
        if self.show_errors {
            f.write_str(&self.errors_text())?;
        }
        Ok(())
    }
}

/// Extracts every article in `articles_dir` that has a gold file in `gold_dir` and scores it.
pub fn evaluate_dirs(
    gold_dir: &Path,
    articles_dir: &Path,
    lexicon: &Lexicon,
) -> anyhow::Result<EvalReport> {
    evaluate_dirs_with(gold_dir, articles_dir, lexicon, &EvalOptions::default())
}

/// [`evaluate_dirs`] with the error list printed under the table.
pub fn evaluate_dirs_verbose(
    gold_dir: &Path,
    articles_dir: &Path,
    lexicon: &Lexicon,
) -> anyhow::Result<EvalReport> {
    evaluate_dirs_with(
        gold_dir,
        articles_dir,
        lexicon,
        &EvalOptions { show_errors: true },
    )
}

/// Scores every `*.json` gold file in `gold_dir` (in name order) against the extraction
/// of the article it names in `articles_dir`. Articles without a gold file are skipped;
/// a gold file whose article is missing, or that is not valid gold JSON, is an error.
pub fn evaluate_dirs_with(
    gold_dir: &Path,
    articles_dir: &Path,
    lexicon: &Lexicon,
    options: &EvalOptions,
) -> anyhow::Result<EvalReport> {
    let mut gold_paths: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("cannot read the gold directory: {}", gold_dir.display()))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("json"))
        })
        .collect();
    gold_paths.sort();
    let mut articles = Vec::with_capacity(gold_paths.len());
    for gold_path in &gold_paths {
        let mut gold = read_gold(gold_path)?;
        let article_path = article_path_for(&gold, gold_path, articles_dir)?;
        let raw = std::fs::read(&article_path)
            .with_context(|| format!("cannot read article: {}", article_path.display()))?;
        if gold.article.is_empty() {
            gold.article = file_name(&article_path);
        }
        let article = Article::parse(&raw, ArticleFormat::from_path(&article_path));
        articles.push(evaluate_article(&gold, &article, lexicon));
    }
    Ok(EvalReport {
        articles,
        show_errors: options.show_errors,
    })
}

/// Extracts `article` and scores the extraction against `gold`.
pub fn evaluate_article(gold: &Gold, article: &Article, lexicon: &Lexicon) -> ArticleScore {
    let extraction = extract(article, &SourceId::new("s1"), lexicon);
    score_article(gold, &ExtractionView::from(&extraction))
}

/// Reads and parses one gold file; errors name the file and the line.
pub fn read_gold(path: &Path) -> anyhow::Result<Gold> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gold file: {}", path.display()))?;
    Gold::from_json(&text).map_err(|error| {
        anyhow::anyhow!(
            "malformed gold file at line {} column {} ({error}): {}",
            error.line(),
            error.column(),
            path.display()
        )
    })
}

/// The article a gold file names, or else the article sharing its file stem.
fn article_path_for(gold: &Gold, gold_path: &Path, articles_dir: &Path) -> anyhow::Result<PathBuf> {
    if !gold.article.is_empty() {
        let path = articles_dir.join(&gold.article);
        if path.is_file() {
            return Ok(path);
        }
        bail!(
            "the article {} named by gold file {} is missing: {}",
            gold.article,
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

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}
