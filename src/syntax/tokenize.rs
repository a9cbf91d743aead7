//! Splits a sentence into syntactic words the way UD English EWT does: punctuation,
//! hyphens and quotes are their own tokens; "n't", possessive "'s" and the other
//! clitics ('re, 've, 'll, 'd, 'm) split off; "cannot" is "can" + "not"; "U.S.",
//! "e.g.", "1,000" and "3.5" stay whole; a known abbreviation ("Mr.", "Inc.") keeps its
//! period. Every word is a byte span of the input, so curly quotes and dashes stay as
//! written; one pass over the characters.

use std::collections::HashSet;

/// A word as the byte span `start..end` of the tokenised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Splits `text` into word spans. `abbreviations` holds lower-case forms with their
/// final period ("mr.", "inc.") that keep it.
pub fn tokenize(text: &str, abbreviations: &HashSet<String>) -> Vec<Span> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let char_at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let mut j = i + 1;
            let mut inner_period = false;
            while let Some(c) = char_at(j) {
                let next_alnum = char_at(j + 1).is_some_and(char::is_alphanumeric);
                let prev_digit = j > 0 && char_at(j - 1).is_some_and(|p| p.is_ascii_digit());
                let next_digit = char_at(j + 1).is_some_and(|n| n.is_ascii_digit());
                // Inside a word: "U.S", "3.5", "1,000", "10:30", "don't", "AT&T".
                let continues = c.is_alphanumeric()
                    || (c == '.' && next_alnum)
                    || ((c == ',' || c == ':') && prev_digit && next_digit)
                    || (is_apostrophe(c) && next_alnum)
                    || (c == '&' && next_alnum && char_at(j - 1).is_some_and(char::is_uppercase));
                if !continues {
                    break;
                }
                inner_period |= c == '.';
                j += 1;
            }
            // A trailing period belongs to "U.S." and "e.g." and to known abbreviations.
            if char_at(j) == Some('.') {
                let word = &text[byte_at(start)..byte_at(j)];
                let initials = inner_period
                    && word.split('.').all(|part| {
                        part.chars().count() <= 3 && part.chars().all(char::is_alphabetic)
                    });
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                let with_period = format!("{}.", word.to_lowercase());
                if initials || single_initial || abbreviations.contains(&with_period) {
                    j += 1;
                }
            }
            split_clitics(text, byte_at(start), byte_at(j), &mut spans);
            i = j;
            continue;
        }
        // Punctuation and symbols: a run of the same character ("...", "--", "!!") is one
        // token, anything else one character each.
        let mut j = i + 1;
        if c.is_ascii_punctuation() {
            while char_at(j) == Some(c) {
                j += 1;
            }
        }
        spans.push(Span {
            start: byte_at(i),
            end: byte_at(j),
        });
        i = j;
    }
    spans
}

/// Pushes the word `start..end`, split before a clitic ("do|n't", "Bush|'s", "can|not").
fn split_clitics(text: &str, start: usize, end: usize, spans: &mut Vec<Span>) {
    let word = &text[start..end];
    let lower = word.to_lowercase();
    let cut = if lower.len() > 3 && (lower.ends_with("n't") || lower.ends_with("n’t")) {
        // "n't" is three characters; the curly apostrophe is three bytes.
        let clitic_len = if lower.ends_with("n't") { 3 } else { 5 };
        Some(word.len() - clitic_len)
    } else if lower == "cannot" {
        Some(3)
    } else {
        word.char_indices()
            .skip(1)
            .find(|&(at, c)| {
                is_apostrophe(c) && {
                    let rest = word[at + c.len_utf8()..].to_lowercase();
                    matches!(rest.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m")
                }
            })
            .map(|(at, _)| at)
    };
    match cut {
        Some(cut) if cut > 0 && cut < word.len() && word.is_char_boundary(cut) => {
            spans.push(Span {
                start,
                end: start + cut,
            });
            spans.push(Span {
                start: start + cut,
                end,
            });
        }
        _ => spans.push(Span { start, end }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let abbreviations: HashSet<String> = ["mr.".to_string()].into_iter().collect();
        tokenize(text, &abbreviations)
            .into_iter()
            .map(|span| &text[span.start..span.end])
            .collect()
    }

    #[test]
    fn follows_ewt_conventions() {
        assert_eq!(
            words("Mr. Smith didn't say the U.S. paid $1,000.50 for Bush's “plan”."),
            vec![
                "Mr.", "Smith", "did", "n't", "say", "the", "U.S.", "paid", "$", "1,000.50", "for",
                "Bush", "'s", "“", "plan", "”", "."
            ]
        );
        assert_eq!(
            words("Al-Zaman cannot go..."),
            vec!["Al", "-", "Zaman", "can", "not", "go", "..."]
        );
        assert_eq!(words("It’s done"), vec!["It", "’s", "done"]);
    }
}
