//! Extraction of many articles at once, as JSON Lines: one self-contained map per
//! article, in input order, on every core, with memory bounded by a window of
//! articles rather than by the corpus.
//!
//! [`extract_article_map`] is the pure one-article step, shared by the CLI, the
//! Python package and the benchmark. [`extract_jsonl`] is the CLI's batch path: it
//! pulls [`Job`]s from an iterator a window at a time, extracts the window with
//! rayon, and hands each line to a sink in input order before reading the next
//! window. Reading article files happens here (through `storage`), as in the CLI.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::article::{Article, ArticleFormat};
use crate::export::json;
use crate::extract::{Lexicon, extract, merge_extraction};
use crate::stance_map::{Source, StanceMap};
use crate::storage;

/// Articles extracted per window; each window is split across rayon's threads and
/// written before the next is read, so memory holds at most this many articles.
pub const WINDOW: usize = 256;

/// One article to extract: a file, or text that arrived on a JSON Lines stream.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// An article file (txt, md, html); its path, as given, becomes the source path.
    File(PathBuf),
    /// Plain text with the caller's id (the source path) and an optional date.
    Text {
        id: String,
        text: String,
        date: Option<String>,
    },
    /// A line of the input that could not be read as a job; reported, not extracted.
    Invalid { place: String, message: String },
}

/// The extraction of one article as one JSON line (no trailing newline).
#[derive(Clone, Debug, PartialEq)]
pub struct JobResult {
    /// The map of this article alone, in the JSON exchange schema, or why there is none.
    pub line: Result<String, String>,
    /// Whether the article gave at least one position or relation.
    pub found: bool,
    /// Reader and extraction diagnostics, each prefixed with the article's name.
    pub diagnostics: Vec<String>,
}

/// Extracts one article into a fresh map holding it as source `s1`.
///
/// `path` is stored as the source's path (callers pass a file path or a record id),
/// `date` as its publication date. Pure and infallible: if the findings cannot be
/// added, the map keeps the source only and a diagnostic says why. Returns the map
/// and the extraction's diagnostics (the article's own are not repeated).
pub fn extract_article_map(
    article: &Article,
    path: &str,
    date: Option<String>,
    lexicon: &Lexicon,
) -> (StanceMap, Vec<String>) {
    let mut map = StanceMap::new();
    let source = Source {
        id: map.fresh_source_id(),
        title: article.title.clone(),
        path: path.to_owned(),
        date,
        text: article.text.clone(),
    };
    let extraction = match &source.date {
        Some(date) => crate::extract::extract_on(article, &source.id, lexicon, Some(date)),
        None => extract(article, &source.id, lexicon),
    };
    let mut diagnostics = extraction.diagnostics.clone();
    let edit = merge_extraction(&map, source, extraction);
    if let Err(error) = map.apply(edit) {
        diagnostics.push(format!("cannot add the findings to the map, {error}"));
    }
    (map, diagnostics)
}

/// The JSON exchange line of one text, as `stancemap extract --stdin-jsonl` writes
/// it for `{"id", "text", "date"}`; the Python package's `extract` returns this.
pub fn extract_text_line(
    id: &str,
    text: &str,
    date: Option<String>,
    lexicon: &Lexicon,
) -> Result<String, serde_json::Error> {
    let article = Article::parse(text.as_bytes(), ArticleFormat::Text);
    let (map, _) = extract_article_map(&article, id, date, lexicon);
    json::to_json_line(&map)
}

/// Runs one job: read (for files), extract, encode.
pub fn run_job(job: &Job, lexicon: &Lexicon) -> JobResult {
    let (article, name, date) = match job {
        Job::File(path) => match storage::read_article(path) {
            Ok(article) => (article, path.to_string_lossy().into_owned(), None),
            Err(error) => {
                return JobResult {
                    line: Err(error.to_string()),
                    found: false,
                    diagnostics: Vec::new(),
                };
            }
        },
        Job::Text { id, text, date } => (
            Article::parse(text.as_bytes(), ArticleFormat::Text),
            id.clone(),
            date.clone(),
        ),
        Job::Invalid { place, message } => {
            return JobResult {
                line: Err(format!("{message}: {place}")),
                found: false,
                diagnostics: Vec::new(),
            };
        }
    };
    let (map, extraction_diagnostics) = extract_article_map(&article, &name, date, lexicon);
    let diagnostics = article
        .diagnostics
        .iter()
        .chain(&extraction_diagnostics)
        .map(|diagnostic| format!("{name}: {diagnostic}"))
        .collect();
    let found = map.n_positions() > 0 || map.n_relations() > 0;
    JobResult {
        line: json::to_json_line(&map).map_err(|error| format!("cannot encode {name}: {error}")),
        found,
        diagnostics,
    }
}

/// Extracts every job, a [`WINDOW`] at a time on rayon's pool, and calls `sink`
/// with each result in input order. Stops at the first error `sink` returns.
pub fn extract_jsonl<E>(
    jobs: impl IntoIterator<Item = Job>,
    lexicon: &Lexicon,
    mut sink: impl FnMut(JobResult) -> Result<(), E>,
) -> Result<(), E> {
    let mut jobs = jobs.into_iter();
    let mut window: Vec<Job> = Vec::with_capacity(WINDOW);
    loop {
        window.clear();
        window.extend(jobs.by_ref().take(WINDOW));
        if window.is_empty() {
            return Ok(());
        }
        let results: Vec<JobResult> = window.par_iter().map(|job| run_job(job, lexicon)).collect();
        for result in results {
            sink(result)?;
        }
    }
}

/// Expands folders to the article files inside them (txt, md, markdown, html, htm,
/// recursively, sorted by path); files are kept as given, in order.
pub fn expand_paths(paths: &[PathBuf]) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect_articles(path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_articles(dir: &Path, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_articles(&path, found)?;
        } else if is_article_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .and_then(|extension| extension.to_str())
        .map(str::to_ascii_lowercase)
        .is_some_and(|extension| {
            matches!(
                extension.as_str(),
                "txt" | "md" | "markdown" | "html" | "htm"
            )
        })
}

#[derive(Deserialize)]
struct Record {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

/// Jobs from JSON Lines `{"id", "text", "date"?}` (the id a string or a number);
/// blank lines are skipped, a malformed line becomes [`Job::Invalid`] naming its line.
pub fn jobs_from_jsonl<'a, R: BufRead + 'a>(
    reader: R,
    name: &'a str,
) -> impl Iterator<Item = Job> + 'a {
    reader.lines().enumerate().filter_map(move |(index, line)| {
        let place = format!("{name}:{}", index + 1);
        let line = match line {
            Ok(line) => line,
            Err(error) => {
                return Some(Job::Invalid {
                    place,
                    message: format!("cannot read the line, {error}"),
                });
            }
        };
        if line.trim().is_empty() {
            return None;
        }
        Some(match serde_json::from_str::<Record>(&line) {
            Ok(record) => Job::Text {
                id: match record.id {
                    serde_json::Value::String(id) => id,
                    other => other.to_string(),
                },
                text: record.text,
                date: record.date,
            },
            Err(error) => Job::Invalid {
                place,
                message: format!(
                    "not a {{\"id\", \"text\", \"date\"}} record, {}",
                    lowercase_first(&error.to_string())
                ),
            },
        })
    })
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_records_become_jobs_and_bad_lines_are_named() {
        let input = "{\"id\":\"a\",\"text\":\"Hi.\",\"date\":\"2024-01-02\"}\n\n{\"id\":7,\"text\":\"x\"}\nnope\n";
        let jobs: Vec<Job> = jobs_from_jsonl(input.as_bytes(), "stdin").collect();
        assert_eq!(jobs.len(), 3);
        assert_eq!(
            jobs.first(),
            Some(&Job::Text {
                id: "a".into(),
                text: "Hi.".into(),
                date: Some("2024-01-02".into())
            })
        );
        assert!(matches!(jobs.get(1), Some(Job::Text { id, .. }) if id == "7"));
        assert!(matches!(jobs.get(2), Some(Job::Invalid { place, .. }) if place == "stdin:4"));
    }

    #[test]
    fn results_come_back_in_input_order_across_windows() {
        let lexicon = Lexicon::bundled();
        let jobs = (0..WINDOW + 7).map(|i| Job::Text {
            id: format!("doc{i}"),
            text: "Russia rejected the ceasefire proposal.".into(),
            date: None,
        });
        let mut ids = Vec::new();
        let result: Result<(), ()> = extract_jsonl(jobs, &lexicon, |result| {
            let line = result.line.map_err(|_| ())?;
            let value: serde_json::Value = serde_json::from_str(&line).map_err(|_| ())?;
            ids.push(
                value["sources"][0]["path"]
                    .as_str()
                    .unwrap_or("")
                    .to_owned(),
            );
            Ok(())
        });
        assert_eq!(result, Ok(()));
        let expected: Vec<String> = (0..WINDOW + 7).map(|i| format!("doc{i}")).collect();
        assert_eq!(ids, expected);
    }
}
