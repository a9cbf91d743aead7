//! Structural balance of the signed actor network (Heider, Cartwright–Harary): a
//! triangle is balanced when the product of its signs is positive ("the enemy of my
//! enemy is my friend").

use std::collections::{BTreeMap, BTreeSet};

use crate::stance_map::{ActorId, Stance, StanceMap};

use super::congruence_network;

/// Counts of balanced and unbalanced triangles in the signed actor network.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BalanceReport {
    pub balanced: usize,
    pub unbalanced: usize,
}

impl BalanceReport {
    /// Share of triangles that are balanced, 0.0..=1.0; `None` without triangles.
    pub fn ratio(&self) -> Option<f64> {
        let total = self.balanced + self.unbalanced;
        (total > 0).then(|| self.balanced as f64 / total as f64)
    }
}

/// The sign between two actors: explicit relations first (either direction; an
/// oppose in either direction wins), else the sign of their net congruence.
fn signed_ties(map: &StanceMap) -> BTreeMap<(ActorId, ActorId), bool> {
    let mut signs: BTreeMap<(ActorId, ActorId), bool> = BTreeMap::new();
    for tie in congruence_network(map) {
        if tie.net() != 0 {
            signs.insert((tie.a.clone(), tie.b.clone()), tie.net() > 0);
        }
    }
    let mut explicit: BTreeMap<(ActorId, ActorId), bool> = BTreeMap::new();
    for relation in map.relations() {
        let pair = if relation.source < relation.target {
            (relation.source.clone(), relation.target.clone())
        } else {
            (relation.target.clone(), relation.source.clone())
        };
        let positive = relation.claim.stance == Stance::Support;
        let entry = explicit.entry(pair).or_insert(positive);
        *entry &= positive;
    }
    signs.extend(explicit);
    signs
}

/// Counts balanced and unbalanced triangles among actors with signed ties.
pub fn structural_balance(map: &StanceMap) -> BalanceReport {
    let signs = signed_ties(map);
    let mut neighbours: BTreeMap<&ActorId, BTreeSet<&ActorId>> = BTreeMap::new();
    for (a, b) in signs.keys() {
        neighbours.entry(a).or_default().insert(b);
        neighbours.entry(b).or_default().insert(a);
    }
    let sign = |x: &ActorId, y: &ActorId| {
        let pair = if x < y {
            (x.clone(), y.clone())
        } else {
            (y.clone(), x.clone())
        };
        signs.get(&pair).copied()
    };
    let mut report = BalanceReport::default();
    for (a, b) in signs.keys() {
        let (Some(of_a), Some(of_b)) = (neighbours.get(a), neighbours.get(b)) else {
            continue;
        };
        // Each triangle a < b < c is counted once, from its smallest edge.
        for c in of_a.intersection(of_b).filter(|c| **c > b) {
            let (Some(ab), Some(ac), Some(bc)) = (sign(a, b), sign(a, c), sign(b, c)) else {
                continue;
            };
            let negatives = [ab, ac, bc].iter().filter(|positive| !**positive).count();
            if negatives % 2 == 0 {
                report.balanced += 1;
            } else {
                report.unbalanced += 1;
            }
        }
    }
    report
}
