//! The app and broken files: a map or article that cannot be opened is named in a
//! banner, the open document stays as it was and the file on disk is untouched; a
//! path stored inside a map is never read.

use std::path::Path;

use egui_kittest::kittest::Queryable;
use stancemap::gui::action::AppAction;
use stancemap::stance_map::SourceId;
use stancemap::storage::{save_map, to_ron_string};

use crate::gui::{TestApp, app_with_map, sample_map};

/// Writes `bytes` as `name` next to the open map, asks the app to do `action` with
/// it, and checks the banner, the kept document and the untouched file.
fn refused_in_a_banner(
    app: &mut TestApp,
    name: &str,
    bytes: &[u8],
    action: fn(std::path::PathBuf) -> AppAction,
    expected: &str,
) {
    let path = app.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let before = app.map().clone();
    let before_path = app.document().path.clone();
    app.harness.state_mut().queue(action(path.clone()));
    app.harness.run();
    let banner = app
        .harness
        .state()
        .error_banner()
        .unwrap_or_else(|| panic!("no banner for {name}"))
        .to_owned();
    assert!(banner.contains(&path.display().to_string()), "{banner}");
    assert!(banner.to_lowercase().contains(expected), "{name}: {banner}");
    app.harness.get_by_label(&banner);
    assert_eq!(app.map(), &before, "{name} changed the open map");
    assert_eq!(app.document().path, before_path);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
    app.harness.get_by_label("Dismiss").click();
    app.harness.run();
    assert_eq!(app.harness.state().error_banner(), None);
}

#[test]
fn broken_files_are_named_in_a_banner_and_the_open_map_stays() {
    let mut app = app_with_map();
    let valid = to_ron_string(&sample_map()).unwrap();
    let truncated = &valid.as_bytes()[..valid.len() / 2];
    let deep = format!(
        "(format: \"stancemap\", version: 2, extra: {})",
        "[".repeat(10_000)
    );
    let cases: Vec<(&str, &[u8], &str)> = vec![
        ("truncated.stancemap.ron", truncated, "ends too early"),
        (
            "future.stancemap.ron",
            b"(format: \"stancemap\", version: 99)",
            "unsupported map version 99",
        ),
        (
            "deep.stancemap.ron",
            deep.as_bytes(),
            "nests deeper than 32",
        ),
        (
            "binary.stancemap.ron",
            b"\0\x9f\x92\x96\0\x01",
            "not valid utf-8",
        ),
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary\x00", "binary"),
    ];
    for (name, bytes, expected) in cases {
        refused_in_a_banner(&mut app, name, bytes, AppAction::Open, expected);
    }
    refused_in_a_banner(
        &mut app,
        "added.txt",
        b"PK\x03\x04\x00\x00binary\x00",
        AppAction::AddArticle,
        "binary",
    );
}

#[test]
fn over_size_article_is_refused_in_a_banner() {
    let mut app = app_with_map();
    let huge = app.dir.path().join("huge.txt");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(stancemap::storage::ARTICLE_SIZE_CAP + 1)
        .unwrap();
    let before = app.map().clone();
    app.harness.state_mut().queue(AppAction::Open(huge.clone()));
    app.harness.run();
    let banner = app.harness.state().error_banner().unwrap().to_owned();
    assert!(banner.contains("too large"), "{banner}");
    assert!(banner.contains(&huge.display().to_string()), "{banner}");
    assert_eq!(app.map(), &before);
}

#[test]
fn a_good_open_clears_the_banner() {
    let mut app = app_with_map();
    app.harness.state_mut().queue(AppAction::Open(
        app.dir.path().join("missing.stancemap.ron"),
    ));
    app.harness.run();
    assert!(app.harness.state().error_banner().is_some());
    let good = app.dir.path().join("good.stancemap.ron");
    save_map(&good, &sample_map()).unwrap();
    app.harness.state_mut().queue(AppAction::Open(good.clone()));
    app.harness.run();
    assert_eq!(app.harness.state().error_banner(), None);
    assert_eq!(app.document().path.as_deref(), Some(good.as_path()));
}

/// A map whose source claims to come from `decoy`, a file with other text.
fn map_pointing_at(decoy: &Path, dir: &Path) -> std::path::PathBuf {
    std::fs::write(
        decoy,
        "Decoy text that must never be read. Russia backs Decoy.",
    )
    .unwrap();
    let ron = to_ron_string(&sample_map()).unwrap().replace(
        "path: \"talks.txt\"",
        &format!("path: {:?}", decoy.display().to_string()),
    );
    assert!(ron.contains("decoy.txt"), "the sample's source path moved");
    let path = dir.join("pointing.stancemap.ron");
    std::fs::write(&path, ron).unwrap();
    path
}

#[test]
fn the_app_never_reads_a_path_stored_in_a_map() {
    let mut app = app_with_map();
    let decoy = app.dir.path().join("decoy.txt");
    let path = map_pointing_at(&decoy, app.dir.path());
    app.harness.state_mut().queue(AppAction::Open(path.clone()));
    app.harness.run();
    assert_eq!(app.document().path.as_deref(), Some(path.as_path()));
    // Re-extraction reads the text kept in the map, not the file it names.
    app.harness.state_mut().queue(AppAction::Reextract);
    app.harness.run();
    let source = app.map().source(&SourceId::new("s1")).unwrap();
    assert_eq!(source.text, crate::gui::SAMPLE_TEXT);
    assert!(app.harness.query_by_label_contains("Decoy").is_none());
}
