//! Merging two maps (`stancemap merge A B -o C`): the result holds A, plus B's actors,
//! issues, sources and stances. Actors are unified by id, or by a name or alias shared
//! (case-insensitive); issues by id. B's sources get fresh ids when A uses theirs.
//!
//! When A and B disagree on a stance, the conflict is reported and the claims are
//! combined: evidence is the union, each span tagged with the stance of the claim it
//! came from, so the result is mixed (`Claim::is_mixed`). The stance kept is the
//! protected one (manual or locked) when exactly one side is protected, else B's.

use std::collections::BTreeMap;

use crate::stance_map::{
    ActorId, Claim, Edit, EditError, Evidence, Position, Relation, Source, SourceId, StanceMap,
};

/// The merged map and what the user should know.
#[derive(Clone, Debug)]
pub struct MergeResult {
    pub map: StanceMap,
    /// B's actors matched to A's actors with another id, as (B id, A id).
    pub unified: Vec<(ActorId, ActorId)>,
    /// One line per conflicting stance.
    pub conflicts: Vec<String>,
}

fn tag(claim: &Claim, sources: &BTreeMap<SourceId, SourceId>) -> Vec<Evidence> {
    claim
        .evidence
        .iter()
        .map(|e| Evidence {
            source: sources
                .get(&e.source)
                .cloned()
                .unwrap_or_else(|| e.source.clone()),
            stance: e.stance.or(Some(claim.stance)),
            ..e.clone()
        })
        .collect()
}

/// The claim's evidence with B's source ids replaced by their ids in the result.
fn remap(claim: &Claim, sources: &BTreeMap<SourceId, SourceId>) -> Vec<Evidence> {
    claim
        .evidence
        .iter()
        .map(|e| Evidence {
            source: sources
                .get(&e.source)
                .cloned()
                .unwrap_or_else(|| e.source.clone()),
            ..e.clone()
        })
        .collect()
}

/// Folds B's claim into A's (both already present), returning the combined claim
/// and whether the stances conflicted.
fn combine(a: &Claim, b: &Claim, b_sources: &BTreeMap<SourceId, SourceId>) -> (Claim, bool) {
    let conflict = a.stance != b.stance;
    let mut claim = a.clone();
    let empty = BTreeMap::new();
    claim.evidence = tag(a, &empty);
    for evidence in tag(b, b_sources) {
        if !claim.evidence.contains(&evidence) {
            claim.evidence.push(evidence);
        }
    }
    let stance = match (a.is_protected(), b.is_protected()) {
        (true, false) => a.stance,
        (false, true) => b.stance,
        _ => b.stance,
    };
    claim.stance = stance;
    claim.locked |= b.locked;
    claim.origin = claim.origin.max(b.origin);
    claim.confidence = a.confidence.max(b.confidence);
    (claim, conflict)
}

/// Merges `b` into a copy of `a`. Fails only if the combined map breaks an
/// invariant, which names the offending item.
pub fn merge_maps(a: &StanceMap, b: &StanceMap) -> Result<MergeResult, EditError> {
    let mut map = a.clone();
    let mut unified = Vec::new();
    let mut conflicts = Vec::new();
    // Names and aliases of A's actors, lowercased.
    let mut names: BTreeMap<String, ActorId> = BTreeMap::new();
    for actor in a.actors() {
        for name in std::iter::once(&actor.name).chain(&actor.aliases) {
            names
                .entry(name.to_lowercase())
                .or_insert_with(|| actor.id.clone());
        }
        names
            .entry(actor.id.as_str().to_lowercase())
            .or_insert_with(|| actor.id.clone());
    }
    let mut actor_ids: BTreeMap<ActorId, ActorId> = BTreeMap::new();
    for actor in b.actors() {
        let matched = a.actor(&actor.id).map(|_| actor.id.clone()).or_else(|| {
            std::iter::once(&actor.name)
                .chain(&actor.aliases)
                .find_map(|n| names.get(&n.to_lowercase()).cloned())
        });
        match matched {
            Some(id) => {
                if id != actor.id {
                    unified.push((actor.id.clone(), id.clone()));
                }
                if let Some(mut kept) = map.actor(&id).cloned() {
                    for alias in std::iter::once(&actor.name).chain(&actor.aliases) {
                        if *alias != kept.name && !kept.aliases.contains(alias) {
                            kept.aliases.push(alias.clone());
                        }
                    }
                    map.apply(Edit::UpdateActor(kept))?;
                }
                actor_ids.insert(actor.id.clone(), id);
            }
            None => {
                map.apply(Edit::AddActor(actor.clone()))?;
                actor_ids.insert(actor.id.clone(), actor.id.clone());
            }
        }
    }
    for issue in b.issues() {
        if map.issue(&issue.id).is_none() {
            map.apply(Edit::AddIssue(issue.clone()))?;
        }
    }
    let mut source_ids: BTreeMap<SourceId, SourceId> = BTreeMap::new();
    for source in b.sources() {
        let same = map
            .source(&source.id)
            .is_some_and(|s| s.text == source.text && s.path == source.path);
        if same {
            source_ids.insert(source.id.clone(), source.id.clone());
            continue;
        }
        let id = if map.source(&source.id).is_some() {
            map.fresh_source_id()
        } else {
            source.id.clone()
        };
        map.apply(Edit::AddSource(Source {
            id: id.clone(),
            ..source.clone()
        }))?;
        source_ids.insert(source.id.clone(), id);
    }
    let actor = |id: &ActorId| actor_ids.get(id).cloned().unwrap_or_else(|| id.clone());
    for position in b.positions() {
        let mut incoming = Position {
            actor: actor(&position.actor),
            ..position.clone()
        };
        incoming.claim.evidence = remap(&position.claim, &source_ids);
        match map.position(&incoming.key()).cloned() {
            None => {
                map.apply(Edit::AddPosition(incoming))?;
            }
            Some(existing) => {
                let (claim, conflict) = combine(&existing.claim, &position.claim, &source_ids);
                if conflict {
                    conflicts.push(format!(
                        "{} on {}: {} in the first map, {} in the second; kept {} (mixed)",
                        existing.actor,
                        existing.issue,
                        existing.claim.stance.as_str(),
                        position.claim.stance.as_str(),
                        claim.stance.as_str()
                    ));
                }
                map.apply(Edit::UpdatePosition(Position { claim, ..existing }))?;
            }
        }
    }
    for relation in b.relations() {
        let mut incoming = Relation {
            source: actor(&relation.source),
            target: actor(&relation.target),
            ..relation.clone()
        };
        if incoming.source == incoming.target {
            continue;
        }
        incoming.claim.evidence = remap(&relation.claim, &source_ids);
        match map.relation(&incoming.key()).cloned() {
            None => {
                map.apply(Edit::AddRelation(incoming))?;
            }
            Some(existing) => {
                let (claim, conflict) = combine(&existing.claim, &relation.claim, &source_ids);
                if conflict {
                    conflicts.push(format!(
                        "{} towards {}: {} in the first map, {} in the second; kept {} (mixed)",
                        existing.source,
                        existing.target,
                        existing.claim.stance.as_str(),
                        relation.claim.stance.as_str(),
                        claim.stance.as_str()
                    ));
                }
                map.apply(Edit::UpdateRelation(Relation { claim, ..existing }))?;
            }
        }
    }
    Ok(MergeResult {
        map,
        unified,
        conflicts,
    })
}
