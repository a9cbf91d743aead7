//! Extraction throughput over ~1 MB of wire-style text (the invented test articles,
//! repeated), side by side with a bare Aho–Corasick scan of the same alias table.

use divan::counter::BytesCount;
use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::{Lexicon, extract};
use stancemap::stance_map::SourceId;

fn main() {
    divan::main();
}

fn corpus() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/extraction");
    let mut one = String::new();
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            one.push_str(&std::fs::read_to_string(path).unwrap_or_default());
            one.push('\n');
        }
    }
    if one.is_empty() {
        one.push_str("Kyiv rejected the ceasefire proposal put forward by Washington.\n");
    }
    let mut text = String::with_capacity(1 << 20);
    while text.len() < 1 << 20 {
        text.push_str(&one);
    }
    text
}

#[divan::bench(sample_count = 10)]
fn extract_1mb(bencher: divan::Bencher) {
    let text = corpus();
    let lexicon = Lexicon::bundled();
    let source = SourceId::new("bench");
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        let article = Article::parse(divan::black_box(text.as_bytes()), ArticleFormat::Text);
        extract(&article, &source, &lexicon)
    });
}

#[divan::bench(sample_count = 10)]
fn bare_alias_scan_1mb(bencher: divan::Bencher) {
    let text = corpus();
    let lexicon = Lexicon::bundled();
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| lexicon.alias_scan_count(divan::black_box(&text)));
}
