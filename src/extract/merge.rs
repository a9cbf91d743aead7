//! Folding an extraction into an existing map as one undoable edit.

use super::Extraction;
use crate::stance_map::{Edit, Source, StanceMap};

/// The edit that adds `source` and everything `extraction` found to `map`.
///
/// Actors and issues already in the map are kept as they are; stances that are
/// manual or locked in the map are never changed (the analyst wins); other stances
/// merge their evidence into the existing ones.
pub fn merge_extraction(map: &StanceMap, source: Source, extraction: Extraction) -> Edit {
    let mut edits = Vec::new();
    if map.source(&source.id).is_none() {
        edits.push(Edit::AddSource(source));
    }
    for actor in extraction.actors {
        if map.actor(&actor.id).is_none() {
            edits.push(Edit::AddActor(actor));
        }
    }
    for issue in extraction.issues {
        if map.issue(&issue.id).is_none() {
            edits.push(Edit::AddIssue(issue));
        }
    }
    for position in extraction.positions {
        let protected = map
            .position(&position.key())
            .is_some_and(|existing| existing.claim.is_protected());
        if !protected {
            edits.push(Edit::AddPosition(position));
        }
    }
    for relation in extraction.relations {
        let protected = map
            .relation(&relation.key())
            .is_some_and(|existing| existing.claim.is_protected());
        if !protected {
            edits.push(Edit::AddRelation(relation));
        }
    }
    Edit::Batch(edits)
}
