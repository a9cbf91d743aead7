//! Congruence networks in the spirit of Discourse Network Analyzer: two actors are
//! tied by the number of issues on which they take the same stance (agreement) and
//! the number on which they take opposite stances (conflict).

use std::collections::BTreeMap;

use crate::stance_map::{ActorId, IssueId, Stance, StanceMap};

/// The tie between two actors (`a < b` by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Congruence {
    pub a: ActorId,
    pub b: ActorId,
    /// Issues on which both hold the same stance.
    pub agreements: usize,
    /// Issues on which they hold opposite stances.
    pub conflicts: usize,
}

impl Congruence {
    /// Agreements minus conflicts: positive for allies, negative for opponents.
    pub fn net(&self) -> i64 {
        self.agreements as i64 - self.conflicts as i64
    }
}

/// Every actor pair that shares at least one issue, in (a, b) order.
pub fn congruence_network(map: &StanceMap) -> Vec<Congruence> {
    let mut by_issue: BTreeMap<&IssueId, Vec<(&ActorId, Stance)>> = BTreeMap::new();
    for position in map.positions() {
        by_issue
            .entry(&position.issue)
            .or_default()
            .push((&position.actor, position.claim.stance));
    }
    let mut ties: BTreeMap<(&ActorId, &ActorId), (usize, usize)> = BTreeMap::new();
    for holders in by_issue.values() {
        for (i, (first, first_stance)) in holders.iter().enumerate() {
            for (second, second_stance) in holders.iter().skip(i + 1) {
                let pair = if first < second {
                    (*first, *second)
                } else {
                    (*second, *first)
                };
                let tie = ties.entry(pair).or_default();
                if first_stance == second_stance {
                    tie.0 += 1;
                } else {
                    tie.1 += 1;
                }
            }
        }
    }
    ties.into_iter()
        .map(|((a, b), (agreements, conflicts))| Congruence {
            a: a.clone(),
            b: b.clone(),
            agreements,
            conflicts,
        })
        .collect()
}
