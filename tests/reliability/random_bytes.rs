//! Random bytes through every reader (bounded, fast; the long runs are the fuzz
//! targets in `fuzz/`): no panic, and what comes back keeps its invariants.

use proptest::prelude::*;
use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::Lexicon;
use stancemap::storage::{MapSyntax, parse_map};

fn as_text(raw: &[u8]) -> String {
    String::from_utf8_lossy(raw).into_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn article_readers_accept_any_bytes(raw in proptest::collection::vec(any::<u8>(), 0..600)) {
        for format in [ArticleFormat::Text, ArticleFormat::Markdown, ArticleFormat::Html] {
            let article = Article::parse(&raw, format);
            for sentence in &article.sentences {
                prop_assert!(article.text.get(sentence.start..sentence.end).is_some());
            }
        }
    }

    #[test]
    fn html_like_bytes_are_read(raw in "(<[a-z]{1,6}( [a-z]+=\"[^\"]{0,8}\")?>|</[a-z]{1,6}>|<br>|[\\PC]{0,12}|&[a-z]{2,5};){0,60}") {
        let article = Article::parse(raw.as_bytes(), ArticleFormat::Html);
        for sentence in &article.sentences {
            prop_assert!(article.text.get(sentence.start..sentence.end).is_some());
        }
    }

    #[test]
    fn map_readers_accept_any_bytes(raw in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = as_text(&raw);
        let _ = parse_map(&text, MapSyntax::Ron);
        let _ = parse_map(&text, MapSyntax::Json);
    }

    #[test]
    fn map_like_text_is_read(raw in "\\(format: \"stancemap\", version: [0-3], (actors|issues|sources|positions|layout): \\[[()a-z:\", 0-9.\\[\\]]{0,80}") {
        let _ = parse_map(&raw, MapSyntax::Ron);
    }

    #[test]
    fn lexicon_reader_accepts_any_bytes(raw in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = Lexicon::bundled().with_user_ron(&as_text(&raw));
    }
}
