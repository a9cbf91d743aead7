//! Sentence segmentation: one linear pass over the text that yields trimmed byte spans.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or brackets) when
//! whitespace and a non-lowercase character follow, at a paragraph break, and at a line
//! break after a line that has no terminal punctuation (headlines, bylines, list items)
//! unless the next line starts in lowercase (a soft-wrapped paragraph). Abbreviations,
//! initials and decimals do not end sentences; an abbreviation that can close a sentence
//! ("U.S.", "Inc.", "Jan.") does so only before a common sentence starter ("The", "It").
//! Quotes are never rewritten: curly and straight quotes are recognised as they are.

use super::Sentence;

/// Abbreviations that never end a sentence: titles before a name. Sorted (binary search).
const TITLES: &[&str] = &[
    "Adm", "Amb", "Art", "Capt", "Cmdr", "Col", "Dept", "Dr", "Fig", "Ft", "Gen", "Gens", "Gov",
    "Gov't", "Hon", "Lt", "Maj", "Messrs", "Mr", "Mrs", "Ms", "Mt", "Nos", "Para", "Pres", "Prof",
    "Rep", "Rev", "Sen", "Sgt", "St", "Vol", "approx", "cf", "eg", "ie", "v", "viz", "vs",
];

/// Abbreviations that may end a sentence: they split only before a sentence starter. Sorted.
const CAN_END: &[&str] = &[
    "Apr", "Aug", "Bros", "Co", "Corp", "Dec", "Feb", "Fri", "Inc", "Jan", "Jr", "Jul", "Jun",
    "Ltd", "Mar", "Mon", "No", "Nov", "Oct", "Sat", "Sep", "Sept", "Sr", "Sun", "Thu", "Thurs",
    "Tue", "Tues", "Wed", "al", "est", "etc",
];

/// Words that commonly open a sentence; after a closing-capable abbreviation they mean a
/// new one. Sorted.
const STARTERS: &[&str] = &[
    "A",
    "According",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "Asked",
    "At",
    "Before",
    "Both",
    "But",
    "Despite",
    "Earlier",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "Most",
    "Neither",
    "Next",
    "No",
    "Not",
    "Officials",
    "On",
    "Our",
    "Separately",
    "She",
    "Since",
    "So",
    "Some",
    "Speaking",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "Yet",
    "You",
];

/// Splits `text` into sentences, as trimmed, ordered, non-overlapping byte spans.
pub fn split_sentences(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::with_capacity(text.len() / 120 + 1);
    let bytes = text.as_bytes();
    let mut start = 0;
    // Inside “…” an ellipsis marks an omission, not a sentence end.
    let mut in_curly_quote = false;
    let mut index = 0;
    while let Some(&byte) = bytes.get(index) {
        // Fast path: only `.`, `!`, `?`, a newline and the lead byte 0xE2 of `…`, `“`
        // and `”` can matter; 0xE2 is never a continuation byte, so it is a char boundary.
        if !matches!(byte, b'.' | b'!' | b'?' | b'\n' | 0xE2) {
            index += 1;
            continue;
        }
        let Some(character) = char_at(text, index) else {
            break;
        };
        if is_terminal(character) {
            let run_start = index;
            let mut after = index;
            while let Some(next) = char_at(text, after).filter(|c| is_terminal(*c)) {
                after += next.len_utf8();
            }
            while let Some(next) = char_at(text, after).filter(|c| is_closing(*c)) {
                after += next.len_utf8();
            }
            let ellipsis = text
                .get(run_start..after)
                .is_some_and(|run| run.starts_with("..") || run.starts_with('…'));
            let closed_quote = text
                .get(run_start..after)
                .is_some_and(|run| run.contains('”'));
            if closed_quote {
                in_curly_quote = false;
            }
            if !(ellipsis && in_curly_quote) && ends_sentence(text, run_start, after) {
                push_trimmed(text, start, after, &mut sentences);
                start = after;
                in_curly_quote = false;
                // The whitespace after a sentence end holds nothing to look at again.
                index = skip_whitespace(text, after);
                continue;
            }
            index = after;
            continue;
        }
        match character {
            '“' => in_curly_quote = true,
            '”' => in_curly_quote = false,
            _ => {}
        }
        if character == '\n' {
            let next_line = skip_whitespace(text, index);
            let paragraph_break = text
                .get(index + 1..next_line)
                .is_some_and(|gap| gap.contains('\n'));
            let continues = char_at(text, next_line).is_some_and(char::is_lowercase);
            // A line ending in terminal punctuation was already handled above; here the
            // line has none, so it is a headline, byline or list item unless the next line
            // continues in lowercase (a soft-wrapped paragraph).
            if paragraph_break || !continues {
                push_trimmed(text, start, index, &mut sentences);
                start = index;
                in_curly_quote = false;
            }
            // Each whitespace run is scanned once, however many newlines it holds.
            index = next_line.max(index + 1);
            continue;
        }
        index += character.len_utf8();
    }
    push_trimmed(text, start, text.len(), &mut sentences);
    sentences
}

/// Decides whether the terminal run `run_start..after` (closing quotes included) ends a sentence.
fn ends_sentence(text: &str, run_start: usize, after: usize) -> bool {
    let next_start = skip_whitespace(text, after);
    if next_start == after && after < text.len() {
        // "2.5", "U.S.-led", "Caliber.Az": no whitespace, no break.
        return false;
    }
    let Some(next) = char_at(text, next_start) else {
        return true;
    };
    let gap = text.get(after..next_start).unwrap_or_default();
    let newlines = gap.matches('\n').count();
    if newlines >= 2 || (newlines == 1 && !next.is_lowercase()) {
        return true;
    }
    if next.is_lowercase() || matches!(next, ',' | ';' | ':' | ')' | ']' | '—' | '–' | '-') {
        return false;
    }
    // Only a bare period after a word can be an abbreviation or an initial.
    if text.get(run_start..after) != Some(".") {
        return true;
    }
    let word = word_before(text, run_start);
    match abbreviation_kind(word) {
        Abbreviation::None => true,
        Abbreviation::Title => false,
        Abbreviation::CanEnd => is_starter(text, next_start),
    }
}

enum Abbreviation {
    None,
    Title,
    CanEnd,
}

fn abbreviation_kind(word: &str) -> Abbreviation {
    if word.is_empty() {
        return Abbreviation::None;
    }
    let undotted = word.trim_start_matches('.');
    if TITLES.binary_search(&undotted).is_ok() || undotted == "e.g" || undotted == "i.e" {
        return Abbreviation::Title;
    }
    if CAN_END.binary_search(&undotted).is_ok() || undotted.contains('.') {
        // Dotted forms ("U.S", "a.m", "D.C") and listed words may close a sentence.
        return Abbreviation::CanEnd;
    }
    let mut letters = undotted.chars();
    if let (Some(first), None) = (letters.next(), letters.next())
        && first.is_uppercase()
    {
        // An initial: "Donald J. Trump", "J. D. Vance".
        return Abbreviation::CanEnd;
    }
    Abbreviation::None
}

/// The run of ASCII letters and dots right before `end` ("U.S" before "U.S.").
fn word_before(text: &str, end: usize) -> &str {
    let bytes = text.as_bytes();
    let mut begin = end;
    while begin > 0 {
        let Some(&byte) = bytes.get(begin - 1) else {
            break;
        };
        if byte.is_ascii_alphabetic() || byte == b'.' || byte == b'\'' {
            begin -= 1;
        } else {
            break;
        }
    }
    // A word glued to something non-ASCII (e.g. "Ángel.") is not an abbreviation we know.
    if begin > 0 && bytes.get(begin - 1).is_some_and(|byte| !byte.is_ascii()) {
        return "";
    }
    text.get(begin..end).unwrap_or_default()
}

/// Whether the word starting at `position` is a common sentence opener (or a quote opens there).
fn is_starter(text: &str, position: usize) -> bool {
    let rest = text.get(position..).unwrap_or_default();
    let word_end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = rest.get(..word_end).unwrap_or_default();
    if word.is_empty() {
        // A quote or bracket opening after "U.S." starts a new sentence.
        return rest.starts_with(['"', '“', '‘', '(']);
    }
    STARTERS.binary_search(&word).is_ok()
}

fn is_terminal(character: char) -> bool {
    matches!(character, '.' | '!' | '?' | '…')
}

fn is_closing(character: char) -> bool {
    matches!(character, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

fn char_at(text: &str, index: usize) -> Option<char> {
    text.get(index..).and_then(|rest| rest.chars().next())
}

fn skip_whitespace(text: &str, index: usize) -> usize {
    let rest = text.get(index..).unwrap_or_default();
    let trimmed = rest.trim_start();
    index + (rest.len() - trimmed.len())
}

fn push_trimmed(text: &str, start: usize, end: usize, sentences: &mut Vec<Sentence>) {
    let Some(piece) = text.get(start..end) else {
        return;
    };
    let mut leading = piece.len() - piece.trim_start().len();
    let mut trimmed = piece.trim();
    // A list bullet opening a line ("- ", "• ") is markup, not part of the sentence.
    let at_line_start = start + leading == 0
        || text
            .get(..start + leading)
            .is_some_and(|before| before.trim_end_matches([' ', '\t']).ends_with('\n'));
    if at_line_start {
        for bullet in ["- ", "* ", "• ", "– ", "— "] {
            if let Some(rest) = trimmed.strip_prefix(bullet) {
                let rest = rest.trim_start();
                leading += trimmed.len() - rest.len();
                trimmed = rest;
                break;
            }
        }
    }
    if trimmed.is_empty() {
        return;
    }
    let begin = start + leading;
    sentences.push(Sentence {
        start: begin,
        end: begin + trimmed.len(),
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [super::TITLES, super::CAN_END, super::STARTERS] {
            assert!(list.windows(2).all(|pair| pair[0] < pair[1]), "{list:?}");
        }
    }
}
