//! Small text helpers for extraction: a fallback sentence splitter and word access
//! around byte offsets.

use crate::article::{Article, Sentence};

/// Sentences of `article`; when the reader gave one span for a long multi-sentence
/// text, split it here on sentence punctuation and line breaks.
// TODO(lead): remove the fallback once `article` segments sentences itself.
pub fn sentences(article: &Article) -> Vec<Sentence> {
    let text = &article.text;
    let single = article.sentences.len() <= 1;
    if !single {
        return article.sentences.clone();
    }
    split(text)
}

const ABBREVIATIONS: [&str; 16] = [
    "U.S", "U.K", "U.N", "E.U", "Mr", "Mrs", "Ms", "Dr", "Gen", "Sen", "Rep", "St", "No", "Jan",
    "Feb", "Lt",
];

/// Splits `text` into sentence spans (trimmed), on `.`/`?`/`!` followed by space and
/// an upper-case letter or quote, and on line breaks.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes.get(index).copied().unwrap_or(b' ');
        let mut cut = None;
        if byte == b'\n' {
            cut = Some((index, index + 1));
        } else if matches!(byte, b'.' | b'?' | b'!') {
            let mut end = index + 1;
            while matches!(bytes.get(end), Some(b'"' | b'\'' | b')')) {
                end += 1;
            }
            if text
                .get(end..)
                .is_some_and(|rest| rest.starts_with("\u{201d}"))
            {
                end += 3;
            }
            let next_is_space = matches!(bytes.get(end), Some(b' '));
            let after = text.get(end + 1..).and_then(|rest| rest.chars().next());
            let starts_sentence = after
                .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"\u{201c}'".contains(c));
            let word_before = text
                .get(start..index)
                .and_then(|s| s.rsplit(|c: char| c.is_whitespace()).next())
                .unwrap_or_default();
            let abbreviation = byte == b'.'
                && (ABBREVIATIONS.contains(&word_before)
                    || (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_uppercase)));
            if next_is_space && starts_sentence && !abbreviation {
                cut = Some((end, end + 1));
            }
        }
        if let Some((end, resume)) = cut {
            push_trimmed(text, start, end, &mut sentences);
            start = resume;
            index = resume;
        } else {
            index += 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let Some(slice) = text.get(start..end) else {
        return;
    };
    let leading = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = start + leading;
    out.push(Sentence {
        start,
        end: start + trimmed.len(),
    });
}

/// The words (letters, digits, apostrophes, hyphens) of `text` with their byte spans.
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (index, c) in text.char_indices() {
        let word_char = c.is_alphanumeric() || c == '-' || c == '\'' || c == '\u{2019}' || c == '%';
        match (word_char, start) {
            (true, None) => start = Some(index),
            (false, Some(begin)) => {
                out.push((begin, index));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(begin) = start {
        out.push((begin, text.len()));
    }
    out
}

/// The word just before byte `at` in `text`, lowercased, without a possessive.
pub fn word_before(text: &str, at: usize) -> String {
    let head = behind(text, at, 64).trim_end();
    head.rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .next()
        .unwrap_or_default()
        .to_lowercase()
}

/// The up to `count` words before byte `at`, lowercased and joined by spaces.
pub fn words_before(text: &str, at: usize, count: usize) -> String {
    let head = behind(text, at, 24 * count);
    let spans = words(head);
    let from = spans.len().saturating_sub(count);
    spans
        .get(from..)
        .unwrap_or_default()
        .iter()
        .filter_map(|&(s, e)| head.get(s..e))
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether byte `at` of `sentence` lies inside a quotation.
pub fn inside_quote(sentence: &str, at: usize) -> bool {
    let head = sentence.get(..at).unwrap_or_default();
    let opens = head.matches('\u{201c}').count();
    let closes = head.matches('\u{201d}').count();
    let straight = head.matches('"').count();
    opens > closes || straight % 2 == 1
}

/// `text[at..]` cut to at most `len` bytes (on a char boundary).
pub fn ahead(text: &str, at: usize, len: usize) -> &str {
    let mut end = (at + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(at..end).unwrap_or_default()
}

/// `text[..at]` cut to its last `len` bytes (on a char boundary).
pub fn behind(text: &str, at: usize, len: usize) -> &str {
    let mut start = at.saturating_sub(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    text.get(start..at).unwrap_or_default()
}

/// Turns a phrase into a snake_case id.
pub fn snake(phrase: &str) -> String {
    let mut out = String::new();
    for c in phrase.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    out.trim_end_matches('_').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        let text = "The U.S. said no. Kyiv agreed! Then\nMore here.";
        let parts: Vec<&str> = split(text)
            .iter()
            .filter_map(|s| text.get(s.start..s.end))
            .collect();
        assert_eq!(
            parts,
            vec!["The U.S. said no.", "Kyiv agreed!", "Then", "More here."]
        );
    }

    #[test]
    fn quote_detection() {
        let s = "He said \u{201c}no deal\u{201d} today";
        assert!(inside_quote(s, 15));
        assert!(!inside_quote(s, s.len() - 2));
    }
}
