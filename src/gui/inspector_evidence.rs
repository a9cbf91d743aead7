//! The evidence part of the stance inspector: how a changed (mixed) claim changed,
//! one line per evidence snippet (cut at a word, the full sentence on hover, the
//! source's title, marked when it argues the other way) and its "why" line.

use super::command::{Command, EvidenceFocus};
use crate::stance_map::{Claim, Evidence, Stance, StanceMap};

/// Longest evidence snippet shown before it is cut at a word, in characters.
const SNIPPET_CHARS: usize = 90;

/// `text` cut at the last word boundary within `max_chars` characters, with "…"
/// when anything was cut. Whole `text` when it is short enough.
pub fn snippet(text: &str, max_chars: usize) -> String {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max_chars) else {
        return text.to_owned();
    };
    let head = text.get(..cut).unwrap_or_default();
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => head.get(..space).unwrap_or(head),
        _ => head,
    };
    let head = head.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{head}…")
}

/// 1-based number of the sentence of the evidence's source holding its start.
fn sentence_number(map: &StanceMap, evidence: &Evidence) -> Option<usize> {
    let source = map.source(&evidence.source)?;
    let sentences = crate::article::split_sentences(&source.text);
    let index = sentences.partition_point(|sentence| sentence.end <= evidence.start);
    (index < sentences.len()).then_some(index + 1)
}

/// "changed: supported (sentence 3), then opposed (sentence 9)" for a mixed claim,
/// from its evidence in source order; `None` when the claim is not mixed.
pub fn change_summary(map: &StanceMap, claim: &Claim) -> Option<String> {
    if !claim.is_mixed() {
        return None;
    }
    let mut steps: Vec<&Evidence> = claim
        .evidence
        .iter()
        .filter(|e| e.stance.is_some())
        .collect();
    steps.sort_by(|a, b| (&a.source, a.start).cmp(&(&b.source, b.start)));
    let mut runs: Vec<(Stance, &Evidence)> = Vec::new();
    for evidence in steps {
        let Some(stance) = evidence.stance else {
            continue;
        };
        if runs.last().is_none_or(|(last, _)| *last != stance) {
            runs.push((stance, evidence));
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|(stance, evidence)| {
            let verb = match stance {
                Stance::Support => "supported",
                Stance::Oppose => "opposed",
            };
            match sentence_number(map, evidence) {
                Some(n) => format!("{verb} (sentence {n})"),
                None => verb.to_owned(),
            }
        })
        .collect();
    Some(format!("changed: {}", parts.join(", then ")))
}

/// Draws the evidence list of `claim`; a click on a snippet shows it in the article.
pub fn evidence_ui(ui: &mut egui::Ui, map: &StanceMap, claim: &Claim, commands: &mut Vec<Command>) {
    if let Some(summary) = change_summary(map, claim) {
        ui.label(egui::RichText::new(summary).strong())
            .on_hover_text("The evidence holds both stances; the map shows the latest");
    }
    ui.strong(format!("Evidence ({})", claim.evidence.len()));
    for (n, evidence) in claim.evidence.iter().enumerate() {
        let title = map
            .source(&evidence.source)
            .map(|source| source.title.trim())
            .filter(|title| !title.is_empty())
            .map_or_else(|| evidence.source.to_string(), str::to_owned);
        let against = evidence.stance.is_some_and(|stance| stance != claim.stance);
        ui.horizontal_wrapped(|ui| {
            let link = ui
                .link(format!(
                    "{}. {}",
                    n + 1,
                    snippet(&evidence.text, SNIPPET_CHARS)
                ))
                .on_hover_text(format!(
                    "{}\n\nfrom {title}; click to show it in the article",
                    evidence.text.trim()
                ));
            if link.clicked() {
                commands.push(Command::ShowEvidence(EvidenceFocus {
                    source: evidence.source.clone(),
                    start: evidence.start,
                    end: evidence.end,
                }));
            }
            if against {
                ui.colored_label(ui.visuals().warn_fg_color, "argues the other way")
                    .on_hover_text("This passage was read as the opposite stance");
            }
        });
        ui.weak(format!("from {title}"));
        if !evidence.explanation.trim().is_empty() {
            ui.weak(format!("why: {}", evidence.explanation.trim()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippets_end_at_a_word_with_an_ellipsis() {
        assert_eq!(snippet("short text", 90), "short text");
        assert_eq!(
            snippet("Kyiv rejected the plan outright", 20),
            "Kyiv rejected the…"
        );
        assert_eq!(snippet("one, two three", 6), "one…");
    }
}
