//! Tests for the `stancemap` binary: exit codes, stdout formats and stderr messages.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

use serde_json::Value;
use stancemap::stance_map::StanceMap;

use crate::storage::{data, sample_map};

/// Runs the binary in `cwd` with an empty config folder, so no user lexicon leaks in.
fn stancemap(cwd: &Path, args: &[&str]) -> Output {
    let config = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .current_dir(cwd)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .output()
        .unwrap()
}

fn code(output: &Output) -> i32 {
    output.status.code().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn articles() -> PathBuf {
    data("articles")
}

fn has_stances(map: &Value) -> bool {
    !map["positions"].as_array().unwrap().is_empty()
        || !map["relations"].as_array().unwrap().is_empty()
}

#[test]
fn extract_without_stances_prints_the_map_and_exits_1() {
    let output = stancemap(&articles(), &["extract", "weather_note.txt"]);
    assert_eq!(code(&output), 1, "{}", stderr(&output));
    let map: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(map["format"], "stancemap");
    assert_eq!(map["version"], 2);
    assert_eq!(map["sources"][0]["id"], "s1");
    assert_eq!(map["sources"][0]["path"], "weather_note.txt");
    assert_eq!(
        map["sources"][0]["title"],
        "Mild weekend ahead for the valley"
    );
    assert_eq!(map["positions"], Value::Array(vec![]));
    assert_eq!(map["relations"], Value::Array(vec![]));
}

#[test]
fn extract_exit_code_says_whether_stances_were_found() {
    let output = stancemap(&articles(), &["extract", "lake_treaty_wire.txt"]);
    let map: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let expected = if has_stances(&map) { 0 } else { 1 };
    assert_eq!(code(&output), expected, "{}", stderr(&output));
    assert_eq!(map["sources"][0]["path"], "lake_treaty_wire.txt");
}

#[test]
fn extract_merges_several_articles_into_one_map() {
    let output = stancemap(
        &articles(),
        &["extract", "lake_treaty_wire.txt", "weather_note.txt"],
    );
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    let map: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let sources = map["sources"].as_array().unwrap();
    let ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    let paths: Vec<&str> = sources
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["s1", "s2"]);
    assert_eq!(paths, ["lake_treaty_wire.txt", "weather_note.txt"]);
}

#[test]
fn extract_jsonl_gives_one_line_per_input_in_order() {
    let dir = articles();
    let absolute = dir.join("weather_note.txt");
    let absolute = absolute.to_str().unwrap();
    let output = stancemap(
        &dir,
        &[
            "extract",
            "--format",
            "jsonl",
            "./lake_treaty_wire.txt",
            absolute,
        ],
    );
    assert_ne!(code(&output), 2, "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    let second: Value = serde_json::from_str(lines[1]).unwrap();
    assert_eq!(first["sources"][0]["path"], "./lake_treaty_wire.txt");
    assert_eq!(second["sources"][0]["path"], absolute);
    assert_eq!(first["sources"].as_array().unwrap().len(), 1);
    assert_eq!(second["sources"][0]["id"], "s1");
    let expected = if has_stances(&first) || has_stances(&second) {
        0
    } else {
        1
    };
    assert_eq!(code(&output), expected);
}

#[test]
fn extract_to_ron_then_convert_equals_extract_to_json() {
    let dir = tempfile::tempdir().unwrap();
    let article = articles().join("lake_treaty_wire.txt");
    let article = article.to_str().unwrap();
    let json = stancemap(dir.path(), &["extract", article, "--format", "json"]);
    let ron = stancemap(
        dir.path(),
        &[
            "extract",
            article,
            "--format",
            "ron",
            "-o",
            "x.stancemap.ron",
        ],
    );
    assert_eq!(code(&json), code(&ron));
    assert_eq!(stdout(&ron), "", "with -o nothing goes to stdout");
    let converted = stancemap(
        dir.path(),
        &["convert", "x.stancemap.ron", "--format", "json"],
    );
    assert_eq!(code(&converted), 0, "{}", stderr(&converted));
    let expected: Value = serde_json::from_str(&stdout(&json)).unwrap();
    let actual: Value = serde_json::from_str(&stdout(&converted)).unwrap();
    assert_eq!(actual, expected);
}

#[test]
fn extract_output_format_follows_the_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let article = articles().join("weather_note.txt");
    let article = article.to_str().unwrap();
    let ron = stancemap(dir.path(), &["extract", article, "-o", "w.stancemap.ron"]);
    assert_eq!(code(&ron), 1, "{}", stderr(&ron));
    let map = stancemap::storage::load_map(&dir.path().join("w.stancemap.ron")).unwrap();
    assert_eq!(map.sources().next().unwrap().path, article);
    let json = stancemap(dir.path(), &["extract", article, "-o", "w.json"]);
    assert_eq!(code(&json), 1, "{}", stderr(&json));
    let text = std::fs::read_to_string(dir.path().join("w.json")).unwrap();
    let value: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["sources"][0]["path"], article);
}

#[test]
fn show_prints_a_summary_with_a_positions_table() {
    let dir = tempfile::tempdir().unwrap();
    stancemap::storage::save_map(&dir.path().join("m.stancemap.ron"), &sample_map()).unwrap();
    let output = stancemap(dir.path(), &["show", "m.stancemap.ron"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("1 source · 2 actors · 2 issues · 2 positions · 2 relations\n"));
    assert!(
        text.contains("  Freedonia | Freedonia | state | Freedonian government\n"),
        "{text}"
    );
    assert!(
        text.contains("  actor     | issue       | stance  | confidence | evidence | origin\n"),
        "{text}"
    );
    assert!(
        text.contains(
            "  Sylvania  | lake_treaty | oppose  | 0.75       | 2        | manual, locked\n"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "  Freedonia | Sylvania  | (any)       | support  | 1.00       | 0        | extracted\n"
        ),
        "{text}"
    );
}

#[test]
fn show_reads_json_maps_too() {
    let dir = tempfile::tempdir().unwrap();
    let json = stancemap::export::json::to_json_pretty(&sample_map()).unwrap();
    std::fs::write(dir.path().join("m.json"), json).unwrap();
    let output = stancemap(dir.path(), &["show", "m.json"]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stdout(&output).contains("2 positions"));
}

#[test]
fn convert_json_back_to_ron_restores_the_map() {
    let dir = tempfile::tempdir().unwrap();
    let map = sample_map();
    stancemap::storage::save_map(&dir.path().join("a.stancemap.ron"), &map).unwrap();
    let to_json = stancemap(
        dir.path(),
        &[
            "convert",
            "a.stancemap.ron",
            "--format",
            "json",
            "-o",
            "a.json",
        ],
    );
    assert_eq!(code(&to_json), 0, "{}", stderr(&to_json));
    let to_ron = stancemap(dir.path(), &["convert", "a.json", "--format", "ron"]);
    assert_eq!(code(&to_ron), 0, "{}", stderr(&to_ron));
    let original = std::fs::read_to_string(dir.path().join("a.stancemap.ron")).unwrap();
    assert_eq!(stdout(&to_ron), original);
    let reloaded: StanceMap = stancemap::storage::load_map(&dir.path().join("a.json")).unwrap();
    assert_eq!(reloaded, map);
}

/// Runs `show` and `convert` on a broken fixture: exit 2, the message on stderr, file untouched.
fn assert_refused(fixture: &str, expected: &str) {
    let maps = data("maps");
    let before = std::fs::read(maps.join(fixture)).unwrap();
    for args in [
        vec!["show", fixture],
        vec!["convert", fixture, "--format", "json"],
    ] {
        let output = stancemap(&maps, &args);
        assert_eq!(code(&output), 2, "{args:?}");
        assert_eq!(stdout(&output), "");
        let message = stderr(&output);
        assert!(message.starts_with("stancemap: "), "{message}");
        assert!(
            message.contains(expected),
            "expected {expected:?} in {message:?}"
        );
        assert!(message.trim_end().ends_with(fixture), "{message}");
    }
    assert_eq!(std::fs::read(maps.join(fixture)).unwrap(), before);
}

#[test]
fn garbage_map_is_refused_with_line_and_column() {
    assert_refused("garbage.stancemap.ron", "cannot parse map at 1:1");
}

#[test]
fn truncated_map_is_refused_with_its_line() {
    assert_refused(
        "truncated.stancemap.ron",
        "cannot parse map at 50:24, the file ends too early",
    );
}

#[test]
fn dangling_id_is_refused() {
    assert_refused(
        "dangling_issue.stancemap.ron",
        "position Sylvania → crimea refers to unknown issue \"crimea\"",
    );
}

#[test]
fn wrong_version_is_refused() {
    assert_refused("wrong_version.stancemap.ron", "unsupported map version 7");
}

#[test]
fn missing_and_binary_articles_exit_2_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blob.txt"), b"GIF89a\0\0\x01").unwrap();
    let missing = stancemap(dir.path(), &["extract", "nope.txt"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot read article"));
    assert!(stderr(&missing).trim_end().ends_with("nope.txt"));
    let binary = stancemap(dir.path(), &["extract", "blob.txt"]);
    assert_eq!(code(&binary), 2);
    assert_eq!(
        stderr(&binary),
        "stancemap: looks like a binary file, not an article: blob.txt\n"
    );
    assert_eq!(stdout(&binary), "");
}

#[test]
fn missing_lexicon_exits_2_naming_the_file() {
    let output = stancemap(
        &articles(),
        &["extract", "weather_note.txt", "--lexicon", "nope.ron"],
    );
    assert_eq!(code(&output), 2);
    assert!(stderr(&output).contains("cannot read lexicon"));
    assert!(stderr(&output).trim_end().ends_with("nope.ron"));
}

#[test]
fn user_lexicon_in_the_config_folder_is_read() {
    // A folder where the lexicon file should be cannot be read: proves the path is used.
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir(config.path().join("lexicon.ron")).unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["extract", "weather_note.txt"];
        args.extend_from_slice(extra);
        std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
            .args(&args)
            .current_dir(articles())
            .env("STANCEMAP_CONFIG_DIR", config.path())
            .output()
            .unwrap()
    };
    // A folder is not a lexicon file, so the default lookup skips it…
    assert_eq!(code(&run(&[])), 1);
    // …and a real file there is read.
    std::fs::remove_dir(config.path().join("lexicon.ron")).unwrap();
    std::fs::write(config.path().join("lexicon.ron"), [0xff, 0xfe]).unwrap();
    let broken = run(&[]);
    assert_eq!(code(&broken), 2, "{}", stderr(&broken));
    assert!(stderr(&broken).contains("lexicon is not valid UTF-8"));
    assert_eq!(code(&run(&["--no-user-lexicon"])), 1);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let unknown = stancemap(dir.path(), &["convert", "x.ron", "--format", "yaml"]);
    assert_eq!(code(&unknown), 2);
    assert!(stderr(&unknown).contains("yaml"));
    let missing = stancemap(dir.path(), &["extract"]);
    assert_eq!(code(&missing), 2);
    let help = stancemap(dir.path(), &["--help"]);
    assert_eq!(code(&help), 0);
    assert!(stdout(&help).contains("extract"));
}
