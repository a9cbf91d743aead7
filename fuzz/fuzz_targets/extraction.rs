//! Extraction on any article text: findings only, every evidence span inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::{Lexicon, extract};
use stancemap::stance_map::SourceId;

fuzz_target!(|data: &[u8]| {
    let article = Article::parse(data, ArticleFormat::Text);
    let lexicon = Lexicon::bundled();
    let _ = extract(&article, &SourceId::new("s1"), &lexicon);
});
