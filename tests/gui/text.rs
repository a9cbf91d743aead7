//! Every character the UI's strings use has a glyph in the bundled fonts, so nothing
//! shows as a replacement box (the matrix tooltip's arrows once did).

use std::collections::BTreeSet;
use std::path::Path;

use super::app_with_map;

/// Non-ASCII characters inside string literals of the files under `folder`
/// (comment lines skipped).
fn literal_chars(folder: &Path, found: &mut BTreeSet<(char, String)>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            literal_chars(&path, found);
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let mut inside = false;
            for c in code.chars() {
                if c == '"' {
                    inside = !inside;
                } else if inside && !c.is_ascii() {
                    found.insert((c, path.display().to_string()));
                }
            }
        }
    }
}

#[test]
fn every_ui_string_renders_without_the_replacement_glyph() {
    let app = app_with_map();
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join("gui");
    let mut found = BTreeSet::new();
    literal_chars(&folder, &mut found);
    assert!(
        found.iter().any(|(c, _)| *c == '…'),
        "the scan sees the UI's strings"
    );
    let font = egui::FontId::proportional(13.0);
    let missing: Vec<_> = app.harness.ctx.fonts_mut(|fonts| {
        found
            .iter()
            .filter(|(c, _)| !fonts.has_glyph(&font, *c))
            .cloned()
            .collect()
    });
    assert!(missing.is_empty(), "no glyph for {missing:?}");
}
