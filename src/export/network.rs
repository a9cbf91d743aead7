//! The graph every network export writes: one node per actor and issue, one edge per
//! position (actor → issue) and relation (actor → actor), with typed attributes.
//!
//! Node ids are `actor:ID` and `issue:ID`, so an actor and an issue may share an id.
//! Stances are the current `stance` of each claim (a mixed claim exports its latest).

use crate::stance_map::{ActorId, IssueId, Stance, StanceMap};

/// A node: `kind` is `"actor"` or `"issue"`; `actor_kind` the actor's kind (state,
/// bloc, …) or empty for issues.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportNode {
    pub id: String,
    pub label: String,
    pub kind: &'static str,
    pub actor_kind: String,
}

/// An edge: `kind` is `"position"` or `"relation"`; `sign` +1 support, −1 oppose;
/// `weight` the claim's strength (0.0..=1.0); `issue` the issue id (a position's
/// target, a relation's scope, or empty).
#[derive(Clone, Debug, PartialEq)]
pub struct ExportEdge {
    pub id: String,
    pub source: String,
    pub target: String,
    pub kind: &'static str,
    pub sign: i32,
    pub weight: f64,
    pub issue: String,
    pub confidence: f64,
    pub origin: &'static str,
    pub mixed: bool,
}

/// The exported graph, nodes and edges in id order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportGraph {
    pub nodes: Vec<ExportNode>,
    pub edges: Vec<ExportEdge>,
}

/// The node id of an actor in every export.
pub fn actor_node(id: &ActorId) -> String {
    format!("actor:{id}")
}

/// The node id of an issue in every export.
pub fn issue_node(id: &IssueId) -> String {
    format!("issue:{id}")
}

/// Rounds to 4 decimals so f32 claims print as 0.8, not 0.800000011920929.
fn tidy(value: f32) -> f64 {
    (f64::from(value) * 10_000.0).round() / 10_000.0
}

impl ExportGraph {
    pub fn from_map(map: &StanceMap) -> Self {
        let mut nodes: Vec<ExportNode> = map
            .actors()
            .map(|actor| ExportNode {
                id: actor_node(&actor.id),
                label: actor.name.clone(),
                kind: "actor",
                actor_kind: actor.kind.as_str().to_owned(),
            })
            .collect();
        nodes.extend(map.issues().map(|issue| ExportNode {
            id: issue_node(&issue.id),
            label: issue.label.clone(),
            kind: "issue",
            actor_kind: String::new(),
        }));
        let sign = |stance: Stance| if stance == Stance::Support { 1 } else { -1 };
        let mut edges: Vec<ExportEdge> = map
            .positions()
            .enumerate()
            .map(|(i, p)| ExportEdge {
                id: format!("p{i}"),
                source: actor_node(&p.actor),
                target: issue_node(&p.issue),
                kind: "position",
                sign: sign(p.claim.stance),
                weight: tidy(p.claim.strength),
                issue: p.issue.to_string(),
                confidence: tidy(p.claim.confidence),
                origin: p.claim.origin.as_str(),
                mixed: p.claim.is_mixed(),
            })
            .collect();
        edges.extend(map.relations().enumerate().map(|(i, r)| {
            ExportEdge {
                id: format!("r{i}"),
                source: actor_node(&r.source),
                target: actor_node(&r.target),
                kind: "relation",
                sign: sign(r.claim.stance),
                weight: tidy(r.claim.strength),
                issue: r
                    .issue
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                confidence: tidy(r.claim.confidence),
                origin: r.claim.origin.as_str(),
                mixed: r.claim.is_mixed(),
            }
        }));
        Self { nodes, edges }
    }
}
