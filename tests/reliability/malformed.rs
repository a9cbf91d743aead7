//! The malformed-input suite: every broken file gives a clear error naming the file,
//! the CLI exits 2 (never 101, a panic), and the file on disk is untouched.

use std::path::Path;

use super::{run, text};

/// Writes `bytes` as `name`, runs `args` with the path appended, checks exit 2, a
/// message naming the file and no panic, and that the file is byte-for-byte the same.
fn refused(name: &str, bytes: &[u8], args: &[&str], expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    refused_path(&path, args, expected);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was changed");
}

fn refused_path(path: &Path, args: &[&str], expected: &str) {
    let mut all = args.to_vec();
    let shown = path.to_str().unwrap();
    all.push(shown);
    let output = run(&all);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?} {shown}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(shown),
        "the message does not name the file: {stderr}"
    );
    assert!(
        stderr.to_lowercase().contains(expected),
        "expected {expected:?} in {stderr}"
    );
}

const HEADER: &str = "(format: \"stancemap\", version: 2, ";

#[test]
fn broken_maps_are_refused_by_show_and_convert() {
    let valid = stancemap::storage::to_ron_string(&super::maps::sample()).unwrap();
    let truncated = &valid.as_bytes()[..valid.len() / 2];
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.stancemap.ron", truncated.to_vec(), "ends too early"),
        ("empty.stancemap.ron", Vec::new(), "cannot parse map"),
        ("wrong_type.stancemap.ron", format!("{HEADER}actors: 5)").into_bytes(), "cannot parse map"),
        ("unknown_version.stancemap.ron", b"(format: \"stancemap\", version: 99)".to_vec(), "unsupported map version 99"),
        ("wrong_format.stancemap.ron", b"(format: \"other\", version: 2)".to_vec(), "not a stancemap map"),
        (
            "duplicate.stancemap.ron",
            format!("{HEADER}actors: [(id: \"A\", name: \"A\", kind: state), (id: \"A\", name: \"B\", kind: state)])").into_bytes(),
            "duplicate actor id",
        ),
        (
            "dangling.stancemap.ron",
            format!("{HEADER}positions: [(actor: \"A\", issue: \"i\", stance: support, confidence: 1.0, origin: manual)])").into_bytes(),
            "unknown actor",
        ),
        ("deep.stancemap.ron", format!("{HEADER}actors: {}", "[".repeat(100_000)).into_bytes(), "cannot parse map"),
        ("deep.json", format!("{{\"format\":\"stancemap\",\"version\":2,\"actors\":{}", "[".repeat(100_000)).into_bytes(), "cannot parse map"),
        // Unknown fields are skipped generically: there the nesting limit is what stops them.
        ("deep_unknown.stancemap.ron", format!("{HEADER}extra: {})", "[".repeat(100_000)).into_bytes(), "nests deeper than 32 levels"),
        // serde_json skips unknown values without recursing: no limit needed there.
        ("deep_unknown.json", format!("{{\"format\":\"stancemap\",\"version\":2,\"extra\":{}", "[".repeat(100_000)).into_bytes(), "end of file while parsing a list"),
        ("not_utf8.stancemap.ron", b"(format: \"stanc\xff\xfeemap\")".to_vec(), "not valid utf-8 at 1:"),
        ("binary.stancemap.ron", vec![0, 159, 146, 150, 0, 1, 2, 3], "not valid utf-8"),
        ("nan.json", b"{\"format\":\"stancemap\",\"version\":2,\"actors\":[{\"id\":\"A\",\"name\":\"A\",\"kind\":\"state\"}],\"layout\":[{\"node\":\"actor\",\"id\":\"A\",\"x\":1e999,\"y\":0}]}".to_vec(), "cannot parse map"),
    ];
    for (name, bytes, expected) in cases {
        refused(name, &bytes, &["show"], expected);
        refused(name, &bytes, &["convert", "--format", "json"], expected);
    }
}

#[test]
fn broken_articles_are_refused_by_extract() {
    refused("empty.txt", b"", &["extract"], "empty");
    refused("blank.txt", b" \n\r\n\t ", &["extract"], "empty");
    refused(
        "binary.txt",
        b"PK\x03\x04\x00\x00binary\x00",
        &["extract"],
        "binary",
    );
    refused(
        "image.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        &["extract"],
        "binary",
    );
    // Over the size cap: refused from its length, before anything is read.
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.txt");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(stancemap::storage::ARTICLE_SIZE_CAP + 1)
        .unwrap();
    refused_path(&huge, &["extract"], "too large");
    // A folder is read file by file (batch extraction), so its over-size article is
    // refused by name; a missing file is named.
    refused_path(dir.path(), &["extract"], "too large");
    refused_path(
        &dir.path().join("missing.txt"),
        &["extract"],
        "cannot read article",
    );
}

#[test]
fn over_size_map_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.stancemap.ron");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(stancemap::storage::MAP_SIZE_CAP + 1).unwrap();
    refused_path(&huge, &["show"], "too large");
}

#[test]
fn extract_into_a_broken_output_map_leaves_it_alone() {
    // A broken map given as the file to write to by `convert -o`: the input error
    // stops the command before the output is opened.
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("broken.stancemap.ron");
    std::fs::write(&input, "(format: \"stancemap\"").unwrap();
    let output_path = dir.path().join("out.json");
    std::fs::write(&output_path, "keep me").unwrap();
    let output = run(&[
        "convert",
        input.to_str().unwrap(),
        "--format",
        "json",
        "-o",
        output_path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert_eq!(std::fs::read_to_string(&output_path).unwrap(), "keep me");
}

#[test]
fn one_huge_sentence_article_is_read() {
    // The article side of the one-sentence hang: reading stays linear and the text
    // is whole. (Extraction's own passes are measured in `benches/`.)
    let sentence = "Russia and Ukraine and ".repeat(20_000);
    let article = stancemap::article::Article::parse(
        sentence.as_bytes(),
        stancemap::article::ArticleFormat::Text,
    );
    assert_eq!(article.text.len(), sentence.len());
    assert_eq!(article.sentences.len(), 1);
    let page = format!("<html><body><p>{sentence}</p></body></html>");
    let article = stancemap::article::Article::parse(
        page.as_bytes(),
        stancemap::article::ArticleFormat::Html,
    );
    assert_eq!(article.text.len(), sentence.trim_end().len());
    // Deeply nested HTML is read without recursion (html5ever itself is quadratic in
    // the depth of open elements, so the depth here stays modest).
    let nested = format!("{}<p>Chile backs the pact.</p>", "<div>".repeat(2_000));
    let article = stancemap::article::Article::parse(
        nested.as_bytes(),
        stancemap::article::ArticleFormat::Html,
    );
    assert!(article.text.contains("Chile backs the pact."));
}

#[test]
fn over_size_lexicons_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "France backs the plan.\n").unwrap();
    let huge = dir.path().join("huge-lexicon.ron");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(stancemap::storage::LEXICON_SIZE_CAP + 1)
        .unwrap();
    // Given with --lexicon: named and refused.
    let output = run(&[
        "extract",
        article.to_str().unwrap(),
        "--lexicon",
        huge.to_str().unwrap(),
    ]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("too large"), "{stderr}");
    assert!(stderr.contains(huge.to_str().unwrap()), "{stderr}");
    // As the user lexicon in the config folder: the same.
    let config = tempfile::tempdir().unwrap();
    let user = config.path().join("lexicon.ron");
    std::fs::File::create(&user)
        .unwrap()
        .set_len(stancemap::storage::LEXICON_SIZE_CAP + 1)
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(["extract", article.to_str().unwrap()])
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .output()
        .unwrap();
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("too large"), "{stderr}");
    assert!(stderr.contains(user.to_str().unwrap()), "{stderr}");
}

#[test]
fn deeply_nested_user_lexicon_is_refused_by_the_recursion_limit() {
    // Unknown fields are skipped generically, so only RON's recursion limit stops a
    // 100,000-deep value before the stack does.
    let dir = tempfile::tempdir().unwrap();
    let lexicon = dir.path().join("lexicon.ron");
    std::fs::write(&lexicon, format!("(extra: {})", "[".repeat(100_000))).unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "France backs the plan.\n").unwrap();
    let output = super::run_with_user_lexicon(&lexicon, &["extract", article.to_str().unwrap()]);
    let stderr = text(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("nests too deeply"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
