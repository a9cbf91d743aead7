//! Mode "both": the built-in extraction and the verified model extraction folded into
//! one. A stance both found gets the higher, combined confidence (1 − (1 − a)(1 − b));
//! a stance they disagree on is kept as a mixed claim (evidence of both stances, the
//! more confident one on top, confidence lowered) so the analyst sees the conflict.
//! Pure: no IO.

use std::collections::BTreeMap;

use crate::eval::{ISSUE_MATCH_THRESHOLD, content_words, overlap_coefficient};
use crate::extract::Extraction;
use crate::stance_map::{Claim, Issue, PositionKey, RelationKey};

/// How much a conflict lowers the winning side's confidence.
const CONFLICT_FACTOR: f32 = 0.6;
/// The ceiling for a stance both extractors found.
const AGREEMENT_CAP: f32 = 0.98;

/// Folds `model` into `builtin`. Model issues that match a built-in issue (content
/// words overlapping by the scorer's threshold) take the built-in id.
pub fn combine(builtin: Extraction, model: Extraction) -> Extraction {
    let mut out = builtin;
    for claim in out
        .positions
        .iter_mut()
        .map(|p| &mut p.claim)
        .chain(out.relations.iter_mut().map(|r| &mut r.claim))
    {
        mark_stance(claim);
    }
    let mut model = model;
    for claim in model
        .positions
        .iter_mut()
        .map(|p| &mut p.claim)
        .chain(model.relations.iter_mut().map(|r| &mut r.claim))
    {
        mark_stance(claim);
    }
    let renames = issue_renames(&out.issues, &model.issues);
    for actor in model.actors {
        match out.actors.iter_mut().find(|known| known.id == actor.id) {
            Some(known) => {
                for alias in actor.aliases {
                    if !known.aliases.contains(&alias) && alias != known.name {
                        known.aliases.push(alias);
                    }
                }
            }
            None => out.actors.push(actor),
        }
    }
    for issue in model.issues {
        if !renames.contains_key(issue.id.as_str()) && !out.issues.iter().any(|i| i.id == issue.id)
        {
            out.issues.push(issue);
        }
    }
    let mut positions: BTreeMap<PositionKey, usize> = out
        .positions
        .iter()
        .enumerate()
        .map(|(index, position)| (position.key(), index))
        .collect();
    for mut position in model.positions {
        if let Some(renamed) = renames.get(position.issue.as_str()) {
            position.issue = renamed.clone();
        }
        let found = positions
            .get(&position.key())
            .and_then(|&index| out.positions.get_mut(index));
        match found {
            Some(existing) => fold_claims(&mut existing.claim, &position.claim),
            None => {
                positions.insert(position.key(), out.positions.len());
                out.positions.push(position);
            }
        }
    }
    let mut relations: BTreeMap<RelationKey, usize> = out
        .relations
        .iter()
        .enumerate()
        .map(|(index, relation)| (relation.key(), index))
        .collect();
    for relation in model.relations {
        let found = relations
            .get(&relation.key())
            .and_then(|&index| out.relations.get_mut(index));
        match found {
            Some(existing) => fold_claims(&mut existing.claim, &relation.claim),
            None => {
                relations.insert(relation.key(), out.relations.len());
                out.relations.push(relation);
            }
        }
    }
    out.actors.sort_by(|a, b| a.id.cmp(&b.id));
    out.issues.sort_by(|a, b| a.id.cmp(&b.id));
    out.positions.sort_by_key(|p| p.key());
    out.relations.sort_by_key(|r| r.key());
    out.diagnostics.extend(model.diagnostics);
    out
}

/// Built-in evidence may not record its stance; it is the claim's.
fn mark_stance(claim: &mut Claim) {
    let stance = claim.stance;
    for evidence in &mut claim.evidence {
        evidence.stance.get_or_insert(stance);
    }
}

fn fold_claims(builtin: &mut Claim, model: &Claim) {
    let mut evidence = builtin.evidence.clone();
    for item in &model.evidence {
        if !evidence.contains(item) {
            evidence.push(item.clone());
        }
    }
    if builtin.stance == model.stance {
        builtin.confidence =
            (1.0 - (1.0 - builtin.confidence) * (1.0 - model.confidence)).clamp(0.0, AGREEMENT_CAP);
        builtin.note = join_note(
            &builtin.note,
            "found by both the built-in extractor and the model",
        );
    } else {
        let note = format!(
            "the extractors disagree: built-in reads {} ({:.2}), the model {} ({:.2})",
            builtin.stance.as_str(),
            builtin.confidence,
            model.stance.as_str(),
            model.confidence
        );
        if model.confidence > builtin.confidence {
            builtin.stance = model.stance;
            builtin.confidence = model.confidence;
        }
        builtin.confidence *= CONFLICT_FACTOR;
        builtin.note = join_note(&builtin.note, &note);
    }
    builtin.evidence = evidence;
}

fn join_note(old: &str, new: &str) -> String {
    if old.is_empty() {
        new.to_owned()
    } else {
        format!("{old}; {new}")
    }
}

/// Model issue id → built-in issue id, for model issues the scorer would match.
fn issue_renames(
    builtin: &[Issue],
    model: &[Issue],
) -> BTreeMap<String, crate::stance_map::IssueId> {
    let words = |issue: &Issue| {
        content_words(
            std::iter::once(issue.label.as_str()).chain(issue.keywords.iter().map(String::as_str)),
        )
    };
    let builtin_words: Vec<_> = builtin.iter().map(|issue| (issue, words(issue))).collect();
    let mut renames = BTreeMap::new();
    for issue in model {
        if builtin.iter().any(|known| known.id == issue.id) {
            continue;
        }
        let mine = words(issue);
        let best = builtin_words
            .iter()
            .map(|(known, theirs)| (overlap_coefficient(&mine, theirs), *known))
            .filter(|(score, _)| *score >= ISSUE_MATCH_THRESHOLD)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, known)) = best {
            renames.insert(issue.id.0.clone(), known.id.clone());
        }
    }
    renames
}
