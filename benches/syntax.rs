//! Tag + parse throughput (tokens/s) on the bundled articles, side by side with the
//! bare Aho–Corasick alias scan of the same text. Medians are what the README quotes.

use divan::counter::{BytesCount, ItemsCount};
use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::Lexicon;
use stancemap::syntax::Parser;

fn main() {
    divan::main();
}

/// The bundled articles (`assets/articles/*.txt`), concatenated.
fn articles() -> Article {
    read_folder(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles"))
}

/// The corpus articles (`../shared/corpus/articles/*.txt`) when present, else the
/// bundled ones (with a note).
fn corpus() -> Article {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles");
    let article = read_folder(&dir);
    if article.sentences.is_empty() {
        eprintln!(
            "note: {} is absent; the corpus rows use the bundled articles",
            dir.display()
        );
        return articles();
    }
    article
}

fn read_folder(dir: &std::path::Path) -> Article {
    let mut text = String::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        {
            text.push_str(&std::fs::read_to_string(path).unwrap_or_default());
            text.push_str("\n\n");
        }
    }
    Article::parse(text.as_bytes(), ArticleFormat::Text)
}

fn n_tokens(parser: &Parser, article: &Article) -> usize {
    article
        .sentences
        .iter()
        .map(|s| parser.tokenize(article.sentence_text(*s)).len())
        .sum()
}

#[divan::bench(sample_count = 20)]
fn parse_bundled_articles(bencher: divan::Bencher) {
    let article = articles();
    let parser = Parser::english();
    bencher
        .counter(ItemsCount::new(n_tokens(parser, &article)))
        .bench(|| {
            article
                .sentences
                .iter()
                .map(|s| {
                    parser
                        .parse(divan::black_box(article.sentence_text(*s)))
                        .tokens
                        .len()
                })
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10)]
fn parse_corpus_articles(bencher: divan::Bencher) {
    let article = corpus();
    let parser = Parser::english();
    bencher
        .counter(ItemsCount::new(n_tokens(parser, &article)))
        .bench(|| {
            article
                .sentences
                .iter()
                .map(|s| {
                    parser
                        .parse(divan::black_box(article.sentence_text(*s)))
                        .tokens
                        .len()
                })
                .sum::<usize>()
        });
}

#[divan::bench(sample_count = 10)]
fn bare_alias_scan_corpus_articles(bencher: divan::Bencher) {
    let article = corpus();
    let lexicon = Lexicon::bundled();
    bencher
        .counter(BytesCount::new(article.text.len()))
        .bench(|| lexicon.alias_scan_count(divan::black_box(&article.text)));
}

#[divan::bench(sample_count = 20)]
fn tokenize_bundled_articles(bencher: divan::Bencher) {
    let article = articles();
    let parser = Parser::english();
    bencher
        .counter(ItemsCount::new(n_tokens(parser, &article)))
        .bench(|| n_tokens(parser, divan::black_box(&article)));
}

#[divan::bench(sample_count = 20)]
fn bare_alias_scan_bundled_articles(bencher: divan::Bencher) {
    let article = articles();
    let lexicon = Lexicon::bundled();
    bencher
        .counter(BytesCount::new(article.text.len()))
        .bench(|| lexicon.alias_scan_count(divan::black_box(&article.text)));
}
