//! `Article`: the text of one news article, its headline and its sentences as byte spans.
//!
//! Readers for plain text, Markdown and HTML live here; they never fail on content
//! (bad bytes are read lossily and reported as diagnostics).

pub mod date;
mod encoding;
mod html;
mod markdown;
mod sentences;

pub use encoding::{Decoded, EncodingSource, decode};
pub use sentences::split_sentences;

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
    ///
    /// Bytes are decoded by [`decode`]: a byte-order mark, then (HTML) the declared
    /// charset, then UTF-8, then a detected legacy encoding, with a diagnostic naming
    /// any encoding other than UTF-8. CRLF/CR line ends become LF before anything else,
    /// so every span indexes [`Article::text`]. Quotes are kept as written.
    pub fn parse(raw: &[u8], format: ArticleFormat) -> Article {
        let decoded = decode(raw, format == ArticleFormat::Html);
        let Decoded {
            text: decoded,
            mut diagnostics,
            ..
        } = decoded;
        let without_bom = decoded.strip_prefix('\u{feff}').unwrap_or(&decoded);
        let normalised = normalise_line_ends(without_bom);
        let (title, text) = match format {
            ArticleFormat::Text => headline_and_text(normalised),
            ArticleFormat::Markdown => headline_and_text(markdown::strip_markdown(&normalised)),
            ArticleFormat::Html => {
                let page = html::read_html(&normalised);
                if page.title.is_empty() && page.paragraphs.is_empty() {
                    diagnostics.push("no readable text was found in the HTML".into());
                } else if let Some(note) = little_text_kept(&page) {
                    diagnostics.push(note);
                }
                let mut text = page.title.clone();
                for paragraph in &page.paragraphs {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    text.push_str(paragraph);
                }
                (page.title, text)
            }
        };
        let nothing_found = diagnostics
            .iter()
            .any(|line| line.starts_with("no readable text"));
        if text.trim().is_empty() && !nothing_found {
            diagnostics.push("the article is empty".into());
        }
        let sentences = sentences::split_sentences(&text);
        Article {
            title,
            text,
            sentences,
            diagnostics,
        }
    }

    pub fn sentence_text(&self, sentence: Sentence) -> &str {
        self.text
            .get(sentence.start..sentence.end)
            .unwrap_or_default()
    }

    /// The sentence whose span contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<Sentence> {
        let index = self
            .sentences
            .partition_point(|sentence| sentence.end <= offset);
        self.sentences
            .get(index)
            .copied()
            .filter(|sentence| sentence.start <= offset)
    }
}

/// Pages with at least this much text are checked for a main text that kept too little.
const LITTLE_TEXT_PAGE_CHARS: usize = 400;

/// A note when the main text kept under a quarter of a page's text: the reader may
/// have picked a banner or a teaser instead of the story.
fn little_text_kept(page: &html::HtmlArticle) -> Option<String> {
    let kept: usize = page
        .paragraphs
        .iter()
        .map(|paragraph| paragraph.chars().filter(|c| !c.is_whitespace()).count())
        .sum();
    (page.page_chars >= LITTLE_TEXT_PAGE_CHARS && kept * 4 < page.page_chars).then(|| {
        format!(
            "only {kept} of the page's {} characters of text were read as the article; the rest looked like navigation or boilerplate",
            page.page_chars
        )
    })
}

/// The headline is the first non-empty line; the text stays whole.
fn headline_and_text(text: String) -> (String, String) {
    let title = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or_default()
        .to_owned();
    (title, text)
}

/// CRLF and lone CR become LF.
fn normalise_line_ends(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_owned();
    }
    let mut normalised = String::with_capacity(text.len());
    let mut pieces = text.split('\r').peekable();
    while let Some(piece) = pieces.next() {
        normalised.push_str(piece);
        // A '\r' stood here: CRLF keeps the following '\n', a lone CR becomes one.
        if pieces.peek().is_some_and(|next| !next.starts_with('\n')) {
            normalised.push('\n');
        }
    }
    normalised
}
