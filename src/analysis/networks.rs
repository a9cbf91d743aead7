//! Derived actor networks as Discourse Network Analyzer builds them (Leifeld,
//! *Discourse Network Analyzer manual* and the rDNA `dna_network` reference,
//! <https://github.com/leifeld/dna>): a one-mode **congruence** network ties two
//! actors by the number of issues on which they take the *same* stance, a
//! **conflict** network by the number on which they take *opposite* stances, and
//! **subtract** is congruence minus conflict. The **two-mode** network is the
//! actor × issue matrix of stances.
//!
//! Stances are the claim's current `stance`; a mixed claim (`Claim::is_mixed`,
//! evidence with both stances) counts with its latest stance only.
//!
//! Normalisation follows DNA's options for binary qualifiers: with `A` the set of
//! issues actor *a* takes a position on and `c` the raw count,
//! Jaccard = `c / |A ∪ B|`, cosine = `c / sqrt(|A|·|B|)`; both lie in 0.0..=1.0.

use std::collections::BTreeMap;

use crate::stance_map::{ActorId, IssueId, Stance, StanceMap};

/// Which tie a one-mode actor network counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TieKind {
    /// Issues on which both actors take the same stance.
    #[default]
    Congruence,
    /// Issues on which they take opposite stances.
    Conflict,
    /// Congruence minus conflict (may be negative).
    Subtract,
}

/// How tie weights are normalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Normalisation {
    /// Raw counts of issues.
    #[default]
    None,
    /// Count divided by the number of issues either actor takes a position on.
    Jaccard,
    /// Count divided by the geometric mean of both actors' numbers of issues.
    Cosine,
}

/// One weighted tie of a one-mode actor network (`a < b` by id).
#[derive(Clone, Debug, PartialEq)]
pub struct ActorTie {
    pub a: ActorId,
    pub b: ActorId,
    /// Issues on which both hold the same stance.
    pub agreements: usize,
    /// Issues on which they hold opposite stances.
    pub conflicts: usize,
    /// The tie weight for the requested kind and normalisation; zero-weight ties are
    /// left out of [`actor_network`].
    pub weight: f64,
}

/// The one-mode actor network of `kind`, normalised by `normalisation`, in (a, b) id
/// order. Pairs without a shared issue (or with weight 0) are not listed. Cost:
/// O(sum over issues of holders²).
pub fn actor_network(
    map: &StanceMap,
    kind: TieKind,
    normalisation: Normalisation,
) -> Vec<ActorTie> {
    let mut by_issue: BTreeMap<&IssueId, Vec<(&ActorId, Stance)>> = BTreeMap::new();
    let mut activity: BTreeMap<&ActorId, usize> = BTreeMap::new();
    for position in map.positions() {
        by_issue
            .entry(&position.issue)
            .or_default()
            .push((&position.actor, position.claim.stance));
        *activity.entry(&position.actor).or_default() += 1;
    }
    let mut counts: BTreeMap<(&ActorId, &ActorId), (usize, usize)> = BTreeMap::new();
    for holders in by_issue.values() {
        for (i, (first, first_stance)) in holders.iter().enumerate() {
            for (second, second_stance) in holders.iter().skip(i + 1) {
                let pair = if first < second {
                    (*first, *second)
                } else {
                    (*second, *first)
                };
                let tie = counts.entry(pair).or_default();
                if first_stance == second_stance {
                    tie.0 += 1;
                } else {
                    tie.1 += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter_map(|((a, b), (agreements, conflicts))| {
            let raw = match kind {
                TieKind::Congruence => agreements as f64,
                TieKind::Conflict => conflicts as f64,
                TieKind::Subtract => agreements as f64 - conflicts as f64,
            };
            let of_a = activity.get(a).copied().unwrap_or(0) as f64;
            let of_b = activity.get(b).copied().unwrap_or(0) as f64;
            let shared = (agreements + conflicts) as f64;
            let denominator = match normalisation {
                Normalisation::None => 1.0,
                Normalisation::Jaccard => of_a + of_b - shared,
                Normalisation::Cosine => (of_a * of_b).sqrt(),
            };
            let weight = if denominator > 0.0 {
                raw / denominator
            } else {
                0.0
            };
            (weight != 0.0).then(|| ActorTie {
                a: a.clone(),
                b: b.clone(),
                agreements,
                conflicts,
                weight,
            })
        })
        .collect()
}

/// The two-mode actor × issue network: rows are actors, columns issues, both in id
/// order; a cell is `Some(stance)` (the current stance) or `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct TwoMode {
    pub actors: Vec<ActorId>,
    pub issues: Vec<IssueId>,
    /// `cells[row][column]`: +1 support, -1 oppose, 0 no position.
    pub cells: Vec<Vec<i8>>,
}

impl TwoMode {
    /// The cell for an actor and an issue, 0 when either is unknown.
    pub fn cell(&self, actor: &ActorId, issue: &IssueId) -> i8 {
        let row = self.actors.binary_search(actor).ok();
        let column = self.issues.binary_search(issue).ok();
        row.zip(column)
            .and_then(|(row, column)| self.cells.get(row)?.get(column).copied())
            .unwrap_or(0)
    }
}

/// The actor × issue matrix of a map. Cost: O(actors × issues + positions).
pub fn two_mode(map: &StanceMap) -> TwoMode {
    let actors: Vec<ActorId> = map.actors().map(|actor| actor.id.clone()).collect();
    let issues: Vec<IssueId> = map.issues().map(|issue| issue.id.clone()).collect();
    let mut cells = vec![vec![0_i8; issues.len()]; actors.len()];
    for position in map.positions() {
        let row = actors.binary_search(&position.actor).ok();
        let column = issues.binary_search(&position.issue).ok();
        if let Some(cell) = row
            .zip(column)
            .and_then(|(row, column)| cells.get_mut(row)?.get_mut(column))
        {
            *cell = stance_sign(position.claim.stance);
        }
    }
    TwoMode {
        actors,
        issues,
        cells,
    }
}

/// +1 for support, -1 for oppose.
pub fn stance_sign(stance: Stance) -> i8 {
    match stance {
        Stance::Support => 1,
        Stance::Oppose => -1,
    }
}
