//! Per-issue questions: how contested an issue is and whose flip would change its
//! majority. Stances are each claim's current `stance` (a mixed claim counts once,
//! with its latest stance).

use crate::stance_map::{ActorId, IssueId, Stance, StanceMap};

/// How an issue splits.
#[derive(Clone, Debug, PartialEq)]
pub struct Contest {
    pub issue: IssueId,
    pub support: usize,
    pub oppose: usize,
    /// 1 − |support − oppose| / (support + oppose): 1.0 evenly split, 0.0 unanimous
    /// (0.0 also without positions).
    pub split: f64,
    /// Actors whose flip alone changes the majority (support, oppose or tie).
    pub pivotal: Vec<ActorId>,
}

/// Every issue with its split, most contested first (ties: more positions, then id).
/// An actor is pivotal on an issue when flipping its stance changes the sign of
/// support − oppose (a supporter when that margin is 0, 1 or 2; an opponent when it
/// is 0, −1 or −2). Cost: O(positions + issues · log issues).
pub fn contested_issues(map: &StanceMap) -> Vec<Contest> {
    let mut result: Vec<Contest> = map
        .issues()
        .map(|issue| {
            let positions = map.positions_on_issue(&issue.id);
            let support = positions
                .iter()
                .filter(|p| p.claim.stance == Stance::Support)
                .count();
            let oppose = positions.len() - support;
            let total = support + oppose;
            let split = if total == 0 {
                0.0
            } else {
                1.0 - support.abs_diff(oppose) as f64 / total as f64
            };
            let margin = support as i64 - oppose as i64;
            let pivotal = positions
                .iter()
                .filter(|p| {
                    let flipped = match p.claim.stance {
                        Stance::Support => margin - 2,
                        Stance::Oppose => margin + 2,
                    };
                    margin.signum() != flipped.signum()
                })
                .map(|p| p.actor.clone())
                .collect();
            Contest {
                issue: issue.id.clone(),
                support,
                oppose,
                split,
                pivotal,
            }
        })
        .collect();
    result.sort_by(|x, y| {
        y.split
            .total_cmp(&x.split)
            .then((y.support + y.oppose).cmp(&(x.support + x.oppose)))
            .then(x.issue.cmp(&y.issue))
    });
    result
}
