//! Reliability and input robustness (issue 9): legacy encodings, byte-order marks,
//! HTML layouts, evidence integrity, malformed files, crash-safe and checked saving,
//! random bytes through every reader. Fixtures live in `tests/data/reliability`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[cfg(feature = "gui")]
mod conflict;
mod crash;
mod encodings;
#[cfg(feature = "gui")]
mod gui_errors;
mod html_pages;
mod malformed;
mod maps;
mod random_bytes;

use std::path::{Path, PathBuf};
use std::process::Output;

/// A file under `tests/data/reliability`.
pub fn fixture(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/reliability")
        .join(relative)
}

/// Runs the binary with an empty config folder.
pub fn run(args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .output()
        .unwrap()
}

/// Runs the binary with `lexicon` as the user lexicon in its config folder.
pub fn run_with_user_lexicon(lexicon: &Path, args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    std::fs::copy(lexicon, config.path().join("lexicon.ron")).unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .output()
        .unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The (actor, issue, stance) triples of a JSON map, sorted.
pub fn positions(json: &serde_json::Value) -> Vec<(String, String, String)> {
    let mut triples: Vec<_> = json["positions"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|position| {
            (
                position["actor"].as_str().unwrap_or_default().to_owned(),
                position["issue"].as_str().unwrap_or_default().to_owned(),
                position["stance"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    triples.sort();
    triples
}

/// Runs `extract` on `article` and returns its JSON map (exit 0 or 1 accepted).
pub fn extract_json(article: &Path) -> (serde_json::Value, String) {
    let output = run(&["extract", article.to_str().unwrap()]);
    let code = output.status.code().unwrap();
    assert!(
        code == 0 || code == 1,
        "exit {code}: {}",
        text(&output.stderr)
    );
    (
        serde_json::from_slice(&output.stdout).unwrap(),
        text(&output.stderr),
    )
}
