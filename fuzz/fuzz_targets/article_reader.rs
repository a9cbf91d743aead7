//! Article bytes in any encoding, as text, Markdown and HTML: spans stay in the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancemap::article::{Article, ArticleFormat};

fuzz_target!(|data: &[u8]| {
    for format in [ArticleFormat::Text, ArticleFormat::Markdown, ArticleFormat::Html] {
        let article = Article::parse(data, format);
        for sentence in &article.sentences {
            assert!(article.text.get(sentence.start..sentence.end).is_some());
        }
    }
});
