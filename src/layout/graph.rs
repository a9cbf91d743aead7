//! Which nodes and signed edges a view lays out, taken from a map.

use std::collections::BTreeMap;

use crate::stance_map::{
    ActorPair, Claim, IssueId, NodeRef, PairKind, Relation, Stance, StanceMap,
};

/// The graph a view shows, and so the graph its layout is computed for.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LayoutGraphKind {
    /// Actors and issues joined by positions (relations pull lightly too).
    Positions,
    /// Actors joined by relations.
    Relations,
    /// Every actor around one issue: aligned pairs pull, opposed pairs push.
    IssueLens(IssueId),
}

/// A spring between two nodes (indices into [`LayoutGraph::nodes`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutEdge {
    pub a: usize,
    pub b: usize,
    /// How hard the ends pull together; `>= 0`.
    pub attraction: f32,
    /// How hard the ends push apart at close range (opponents); `>= 0`.
    pub repulsion: f32,
}

/// Nodes in id order and the springs between them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayoutGraph {
    pub nodes: Vec<NodeRef>,
    pub edges: Vec<LayoutEdge>,
}

/// Above this many positions on one issue the lens skips the pairwise springs
/// (their number grows with the square) and keeps the actor→issue ones.
pub const MAX_LENS_PAIR_POSITIONS: usize = 200;

impl LayoutGraph {
    pub fn from_map(map: &StanceMap, kind: &LayoutGraphKind) -> Self {
        let mut builder = Builder::default();
        match kind {
            LayoutGraphKind::Positions => {
                for actor in map.actors() {
                    builder.node(NodeRef::Actor(actor.id.clone()));
                }
                for issue in map.issues() {
                    builder.node(NodeRef::Issue(issue.id.clone()));
                }
                for position in map.positions() {
                    builder.edge(
                        &NodeRef::Actor(position.actor.clone()),
                        &NodeRef::Issue(position.issue.clone()),
                        &position.claim,
                        1.0,
                    );
                }
                for relation in map.relations() {
                    builder.edge(
                        &NodeRef::Actor(relation.source.clone()),
                        &NodeRef::Actor(relation.target.clone()),
                        &relation.claim,
                        0.5,
                    );
                }
            }
            LayoutGraphKind::Relations => {
                for actor in map.actors() {
                    builder.node(NodeRef::Actor(actor.id.clone()));
                }
                for relation in map.relations() {
                    builder.edge(
                        &NodeRef::Actor(relation.source.clone()),
                        &NodeRef::Actor(relation.target.clone()),
                        &relation.claim,
                        1.0,
                    );
                }
            }
            LayoutGraphKind::IssueLens(issue) => {
                if map.issue(issue).is_some() {
                    builder.node(NodeRef::Issue(issue.clone()));
                }
                for actor in map.actors() {
                    builder.node(NodeRef::Actor(actor.id.clone()));
                }
                let positions = map.positions_on_issue(issue);
                for position in &positions {
                    builder.edge(
                        &NodeRef::Actor(position.actor.clone()),
                        &NodeRef::Issue(issue.clone()),
                        &position.claim,
                        1.0,
                    );
                }
                let (pairs, relations) = lens_pairs(map, issue, positions.len());
                for pair in &pairs {
                    let stance = match pair.kind {
                        PairKind::Aligned => Stance::Support,
                        PairKind::Opposed => Stance::Oppose,
                    };
                    builder.signed(
                        &NodeRef::Actor(pair.a.clone()),
                        &NodeRef::Actor(pair.b.clone()),
                        stance,
                        0.3,
                    );
                }
                for relation in &relations {
                    builder.edge(
                        &NodeRef::Actor(relation.source.clone()),
                        &NodeRef::Actor(relation.target.clone()),
                        &relation.claim,
                        0.6,
                    );
                }
            }
        }
        builder.graph
    }
}

/// The aligned/opposed pairs on `issue` (unless there are too many) and the
/// relations scoped to it.
pub fn lens_pairs(
    map: &StanceMap,
    issue: &IssueId,
    n_positions: usize,
) -> (Vec<ActorPair>, Vec<Relation>) {
    if n_positions <= MAX_LENS_PAIR_POSITIONS {
        let alignment = map.issue_alignment(issue);
        (alignment.pairs, alignment.relations)
    } else {
        let relations = map
            .relations()
            .filter(|relation| relation.issue.as_ref() == Some(issue))
            .cloned()
            .collect();
        (Vec::new(), relations)
    }
}

#[derive(Default)]
struct Builder {
    graph: LayoutGraph,
    index: BTreeMap<NodeRef, usize>,
}

impl Builder {
    fn node(&mut self, node: NodeRef) {
        if !self.index.contains_key(&node) {
            self.index.insert(node.clone(), self.graph.nodes.len());
            self.graph.nodes.push(node);
        }
    }

    fn edge(&mut self, a: &NodeRef, b: &NodeRef, claim: &Claim, weight: f32) {
        let strength = if claim.strength.is_finite() {
            claim.strength.clamp(0.0, 1.0)
        } else {
            1.0
        };
        self.signed(a, b, claim.stance, weight * (0.5 + 0.5 * strength));
    }

    fn signed(&mut self, a: &NodeRef, b: &NodeRef, stance: Stance, weight: f32) {
        let (Some(&a), Some(&b)) = (self.index.get(a), self.index.get(b)) else {
            return;
        };
        if a == b {
            return;
        }
        let (attraction, repulsion) = match stance {
            Stance::Support => (weight, 0.0),
            // Opponents stay connected (weak pull) but keep their distance.
            Stance::Oppose => (0.2 * weight, 1.5 * weight),
        };
        self.graph.edges.push(LayoutEdge {
            a,
            b,
            attraction,
            repulsion,
        });
    }
}
