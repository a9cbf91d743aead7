//! Small text helpers for extraction: word access around byte offsets.

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
    fn quote_detection() {
        let s = "He said \u{201c}no deal\u{201d} today";
        assert!(inside_quote(s, 15));
        assert!(!inside_quote(s, s.len() - 2));
    }
}
