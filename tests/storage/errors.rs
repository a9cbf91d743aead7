//! Broken map files give one clear error naming the file (and the line for syntax
//! errors), and loading never changes the file.

use std::path::Path;

use stancemap::storage::{MAP_SIZE_CAP, StorageError, load_map};

use super::data;

/// Loads a fixture, checks it failed without touching the file, returns the message.
fn load_error(fixture: &str) -> (StorageError, String) {
    let path = data(&format!("maps/{fixture}"));
    let before = std::fs::read(&path).unwrap();
    let error = load_map(&path).expect_err("the fixture must not load");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "{fixture} was changed"
    );
    let message = error.to_string();
    assert!(
        message.ends_with(&path.display().to_string()),
        "message does not end with the path: {message}"
    );
    assert_eq!(error.path(), path.as_path());
    (error, message)
}

fn assert_contains(message: &str, expected: &str) {
    assert!(
        message.contains(expected),
        "expected {expected:?} in {message:?}"
    );
}

#[test]
fn valid_fixture_loads() {
    let map = load_map(&data("maps/valid.stancemap.ron")).unwrap();
    assert_eq!(map.n_actors(), 2);
    assert_eq!(map.n_positions(), 2);
    assert_eq!(map.n_relations(), 1);
    let source = map.sources().next().unwrap();
    for position in map.positions() {
        for evidence in &position.claim.evidence {
            assert_eq!(&source.text[evidence.start..evidence.end], evidence.text);
        }
    }
}

#[test]
fn truncated_file_names_the_line_where_it_ends() {
    let (error, message) = load_error("truncated.stancemap.ron");
    let StorageError::Syntax { line, .. } = error else {
        panic!("expected a syntax error, got {message}");
    };
    // Line 50 opens the evidence list the file breaks off in.
    assert_eq!(line, 50, "{message}");
    assert_contains(
        &message,
        "cannot parse map at 50:24, the file ends too early (expected opening `(` for struct `evidence`)",
    );
}

#[test]
fn garbage_file_names_line_and_column() {
    let (error, message) = load_error("garbage.stancemap.ron");
    assert!(
        matches!(
            error,
            StorageError::Syntax {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{message}"
    );
    assert_contains(&message, "cannot parse map at 1:1, expected");
}

#[test]
fn unknown_version_is_named() {
    let (_, message) = load_error("wrong_version.stancemap.ron");
    assert_contains(&message, "unsupported map version 7");
}

#[test]
fn wrong_format_tag_is_named() {
    let (_, message) = load_error("wrong_format.stancemap.ron");
    assert_contains(&message, "not a stancemap map (format is \"mindmap\"");
}

#[test]
fn duplicate_id_is_named() {
    let (_, message) = load_error("duplicate_actor.stancemap.ron");
    assert_contains(&message, "duplicate actor id \"Freedonia\"");
}

#[test]
fn dangling_id_is_named_with_its_item() {
    let (_, message) = load_error("dangling_issue.stancemap.ron");
    assert_contains(
        &message,
        "position Sylvania → crimea refers to unknown issue \"crimea\"",
    );
}

#[test]
fn bad_evidence_span_is_named() {
    // The span no longer cuts out its quote; the quote is found and the span re-anchored,
    // with a warning naming the item (issue 9: check and re-anchor on load).
    let opened = stancemap::storage::open_map(&data("maps/bad_evidence.stancemap.ron")).unwrap();
    assert_eq!(opened.warnings.len(), 1, "{:?}", opened.warnings);
    assert_contains(
        &opened.warnings[0],
        "position Sylvania → lake_treaty: evidence \"Sylvania rejects the Lake Treaty.\" was at 33..660",
    );
}

#[test]
fn duplicate_position_is_refused_not_merged() {
    let text = std::fs::read_to_string(data("maps/valid.stancemap.ron")).unwrap();
    let doubled = text.replace(
        "issue: \"lake_treaty\",\n            stance: oppose",
        "issue: \"lake_treaty\",\n            stance: support",
    );
    let doubled = doubled.replace("actor: \"Sylvania\"", "actor: \"Freedonia\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.stancemap.ron");
    std::fs::write(&path, doubled).unwrap();
    let message = load_map(&path).unwrap_err().to_string();
    assert_contains(&message, "position Freedonia → lake_treaty appears twice");
}

#[test]
fn missing_file_is_named() {
    let path = data("maps/no_such_map.stancemap.ron");
    let message = load_map(&path).unwrap_err().to_string();
    assert_eq!(
        message,
        format!(
            "cannot read map: no such file or directory (os error 2): {}",
            path.display()
        )
    );
}

#[test]
fn oversized_file_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.stancemap.ron");
    // Sparse: costs no disk space and would take long to read if the cap did not apply.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(MAP_SIZE_CAP + 1)
        .unwrap();
    let error = load_map(&path).unwrap_err();
    assert!(matches!(error, StorageError::TooLarge { size, .. } if size == MAP_SIZE_CAP + 1));
    assert_eq!(
        error.to_string(),
        format!(
            "map file is too large (256.0 MiB, the limit is 256 MiB): {}",
            path.display()
        )
    );
}

#[test]
fn invalid_utf8_is_named_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.stancemap.ron");
    std::fs::write(&path, b"(\n  format: \"stanc\xe9map\",\n)").unwrap();
    let message = load_map(&path).unwrap_err().to_string();
    assert_eq!(
        message,
        format!("map file is not valid UTF-8 at 2:17: {}", path.display())
    );
}

#[test]
fn json_syntax_errors_name_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(
        &path,
        "{\"format\": \"stancemap\",\n \"version\": 1,\n \"actors\": [}",
    )
    .unwrap();
    let error = load_map(&path).unwrap_err();
    assert!(
        matches!(error, StorageError::Syntax { line: 3, .. }),
        "{error}"
    );
    assert!(error.to_string().ends_with(&path.display().to_string()));
}

#[test]
fn json_with_unknown_version_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.json");
    std::fs::write(
        &path,
        r#"{"format":"stancemap","version":3,"actors":{"new":"shape"}}"#,
    )
    .unwrap();
    let message = load_map(&path).unwrap_err().to_string();
    assert!(
        message.starts_with("unsupported map version 3"),
        "{message}"
    );
    assert!(Path::new(&path).exists());
}
