//! `stancemap extract` on folders and JSON Lines input (issue 12): one line per
//! article in input order, the same lines whichever way the articles arrive, and no
//! partial output file when an article fails.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Output, Stdio};

use serde_json::Value;

use crate::storage::data;

/// Runs the binary in `cwd` with an empty config folder and `input` on stdin.
fn stancemap_with_stdin(cwd: &Path, args: &[&str], input: &str) -> Output {
    let config = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .current_dir(cwd)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn stdin_jsonl_records_give_one_map_each_with_id_and_date() {
    let text = std::fs::read_to_string(data("articles").join("lake_treaty_wire.txt")).unwrap();
    let input = format!(
        "{}\n\n{}\n",
        serde_json::json!({"id": "wire-1", "text": text, "date": "2025-03-14"}),
        serde_json::json!({"id": 2, "text": "Nothing happened today."}),
    );
    let dir = tempfile::tempdir().unwrap();
    let output = stancemap_with_stdin(dir.path(), &["extract", "--stdin-jsonl"], &input);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let maps = lines(&output);
    assert_eq!(maps.len(), 2);
    assert_eq!(maps[0]["sources"][0]["path"], "wire-1");
    assert_eq!(maps[0]["sources"][0]["date"], "2025-03-14");
    assert_eq!(maps[1]["sources"][0]["path"], "2");
    assert!(!maps[0]["positions"].as_array().unwrap().is_empty());
}

#[test]
fn a_bad_stdin_line_is_named_and_fails_the_run() {
    let input = "{\"id\":\"a\",\"text\":\"Russia rejected the ceasefire.\"}\n{\"text\":1}\n";
    let dir = tempfile::tempdir().unwrap();
    let output = stancemap_with_stdin(dir.path(), &["extract", "--stdin-jsonl"], input);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("standard input:2"), "{stderr}");
}

#[test]
fn a_folder_gives_the_same_lines_as_its_files_in_sorted_order() {
    let dir = data("articles");
    let folder = stancemap_with_stdin(&dir, &["extract", "--format", "jsonl", "."], "");
    assert_ne!(
        folder.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&folder.stderr)
    );
    let files = stancemap_with_stdin(
        &dir,
        &[
            "extract",
            "--format",
            "jsonl",
            "./lake_treaty_wire.txt",
            "./weather_note.txt",
        ],
        "",
    );
    assert_eq!(lines(&folder), lines(&files));
    assert_eq!(lines(&folder).len(), 2);
}

#[test]
fn a_missing_article_leaves_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let article = data("articles").join("lake_treaty_wire.txt");
    let out = dir.path().join("out.jsonl");
    let output = stancemap_with_stdin(
        dir.path(),
        &[
            "extract",
            article.to_str().unwrap(),
            "missing.txt",
            "-o",
            out.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.txt"));
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
