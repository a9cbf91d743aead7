//! Derived questions about a map that do not change it.

use super::StanceMap;
use super::types::{ActorId, IssueId, Relation, Stance};

/// Whether two actors stand together or apart on an issue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PairKind {
    /// Both support or both oppose.
    Aligned,
    /// One supports, the other opposes.
    Opposed,
}

/// Two actors (`a < b` by id) and how their positions on one issue compare.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorPair {
    pub a: ActorId,
    pub b: ActorId,
    pub kind: PairKind,
}

/// The support/opposition edges implied on one issue: actor pairs from their
/// positions, plus the explicit relations scoped to that issue.
#[derive(Clone, Debug, PartialEq)]
pub struct IssueAlignment {
    pub issue: IssueId,
    pub pairs: Vec<ActorPair>,
    pub relations: Vec<Relation>,
}

impl StanceMap {
    /// Aligned and opposed actor pairs on `issue`, in (a, b) order, plus relations scoped to it.
    pub fn issue_alignment(&self, issue: &IssueId) -> IssueAlignment {
        let positions = self.positions_on_issue(issue);
        let mut pairs = Vec::new();
        for (i, first) in positions.iter().enumerate() {
            for second in positions.iter().skip(i + 1) {
                let kind = if first.claim.stance == second.claim.stance {
                    PairKind::Aligned
                } else {
                    PairKind::Opposed
                };
                pairs.push(ActorPair {
                    a: first.actor.clone(),
                    b: second.actor.clone(),
                    kind,
                });
            }
        }
        let relations = self
            .relations()
            .filter(|relation| relation.issue.as_ref() == Some(issue))
            .cloned()
            .collect();
        IssueAlignment {
            issue: issue.clone(),
            pairs,
            relations,
        }
    }

    /// The stance `actor` holds on `issue`, if any.
    pub fn stance_of(&self, actor: &ActorId, issue: &IssueId) -> Option<Stance> {
        let key = super::PositionKey {
            actor: actor.clone(),
            issue: issue.clone(),
        };
        self.position(&key).map(|position| position.claim.stance)
    }
}
