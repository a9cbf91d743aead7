//! Evidence integrity on load: a span must cut its stored quote out of its source.
//!
//! A source text corrected by hand, or an exchange file written with character
//! offsets, leaves spans that point at the wrong bytes. Each such span is moved to
//! the occurrence of its quote nearest to where it was; a quote that no longer occurs
//! keeps its text with the empty span `0..0`, so nothing wrong is ever highlighted.

use std::collections::BTreeMap;

use super::schema::EvidenceRecord;

/// How much of a quote a warning shows.
const QUOTE_PREVIEW_CHARS: usize = 60;

/// Checks one evidence record against the source texts (by source id), fixing its
/// span in place and pushing a warning when it had to move or could not be placed.
/// Evidence of an unknown source is left for the model to refuse.
pub(crate) fn check_evidence(
    texts: &BTreeMap<&str, &str>,
    item: &str,
    evidence: &mut EvidenceRecord,
    warnings: &mut Vec<String>,
) {
    let Some(source) = texts.get(evidence.source.as_str()) else {
        return;
    };
    let slice = source.get(evidence.start..evidence.end);
    if evidence.text.is_empty() {
        // Old or hand-written records may leave the quote out: take it from the span.
        if let Some(slice) = slice {
            evidence.text = slice.to_owned();
        }
        return;
    }
    if slice == Some(evidence.text.as_str()) {
        return;
    }
    let quote = preview(&evidence.text);
    let (old_start, old_end) = (evidence.start, evidence.end);
    match nearest_occurrence(source, &evidence.text, evidence.start) {
        Some(start) => {
            evidence.start = start;
            evidence.end = start + evidence.text.len();
            warnings.push(format!(
                "{item}: evidence {quote:?} was at {old_start}..{old_end} of source {:?} but its text is at {}..{}; re-anchored there",
                evidence.source, evidence.start, evidence.end
            ));
        }
        None => {
            evidence.start = 0;
            evidence.end = 0;
            warnings.push(format!(
                "{item}: evidence {quote:?} no longer occurs in source {:?}; kept without a highlight",
                evidence.source
            ));
        }
    }
}

/// The byte offset of the occurrence of `needle` in `haystack` whose start is nearest
/// to `near` (the earlier one on a tie). One left-to-right scan.
pub(crate) fn nearest_occurrence(haystack: &str, needle: &str, near: usize) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (start, _) in haystack.match_indices(needle) {
        let closer = best.is_none_or(|best| start.abs_diff(near) < best.abs_diff(near));
        if closer {
            best = Some(start);
        }
        if start > near {
            // Later occurrences are only farther away.
            break;
        }
    }
    best
}

fn preview(text: &str) -> String {
    let mut preview: String = text.chars().take(QUOTE_PREVIEW_CHARS).collect();
    if preview.len() < text.len() {
        preview.push('…');
    }
    preview
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_occurrence_picks_the_closest_start() {
        let text = "ab ab ab";
        assert_eq!(nearest_occurrence(text, "ab", 4), Some(3));
        assert_eq!(nearest_occurrence(text, "ab", 7), Some(6));
        assert_eq!(nearest_occurrence(text, "ab", 0), Some(0));
        assert_eq!(nearest_occurrence(text, "zz", 0), None);
    }
}
