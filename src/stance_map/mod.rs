//! The domain model: actors and issues as nodes, positions and relations as signed
//! edges, sources with their text, and node layout.
//!
//! A `petgraph` `StableGraph` sits inside [`StanceMap`]; its index types never leave
//! this module. Everyone else names things by [`ActorId`], [`IssueId`], [`SourceId`],
//! [`PositionKey`] and [`RelationKey`]. The only way to change a map is
//! [`StanceMap::apply`] with an [`Edit`], which checks every invariant and returns
//! the inverse edit, so undo/redo, the GUI, the CLI and extraction share one path.
//!
//! Invariants (checked by [`StanceMap::check_invariants`] in tests):
//! - ids are unique within actors, issues and sources;
//! - every position, relation, evidence and layout entry refers to something that exists;
//! - one position per (actor, issue) and one relation per (source, target, issue);
//! - strengths and confidences are finite and in `0.0..=1.0`; evidence spans lie in
//!   their source's text; no relation points from an actor to itself.

mod edit;
mod queries;
mod types;

use std::collections::BTreeMap;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};

pub use edit::{Edit, EditError};
pub use queries::{ActorPair, IssueAlignment, PairKind};
pub use types::{
    Actor, ActorId, ActorKind, Claim, Evidence, Issue, IssueId, NodeLayout, NodeRef, Origin,
    Position, PositionKey, Relation, RelationKey, Source, SourceId, Stance,
};

#[derive(Clone, Debug)]
enum Node {
    Actor(Actor),
    Issue(Issue),
}

#[derive(Clone, Debug)]
enum Link {
    Position(Position),
    Relation(Relation),
}

/// A stance map: the document's content. Iteration is always in id order, so output
/// built from it is deterministic.
#[derive(Clone, Debug, Default)]
pub struct StanceMap {
    graph: StableDiGraph<Node, Link>,
    actors: BTreeMap<ActorId, NodeIndex>,
    issues: BTreeMap<IssueId, NodeIndex>,
    positions: BTreeMap<PositionKey, EdgeIndex>,
    relations: BTreeMap<RelationKey, EdgeIndex>,
    sources: BTreeMap<SourceId, Source>,
    layout: BTreeMap<NodeRef, NodeLayout>,
    /// See [`StanceMap::revision`]; not content, so equality ignores it.
    revision: u64,
}

/// Revisions handed out so far in this process (0 is the empty default map's).
static REVISIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

fn next_revision() -> u64 {
    REVISIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1
}

/// Maps are equal when they hold the same content, whatever the graph's internal indices.
impl PartialEq for StanceMap {
    fn eq(&self, other: &Self) -> bool {
        self.sources == other.sources
            && self.layout == other.layout
            && self.actors().eq(other.actors())
            && self.issues().eq(other.issues())
            && self.positions().eq(other.positions())
            && self.relations().eq(other.relations())
    }
}

impl StanceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// A number that changes whenever [`StanceMap::apply`] runs and is never reused
    /// by another map in this process (a clone shares it until either changes), so
    /// views can cache what they derive from a map and rebuild only when it changed.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn is_empty(&self) -> bool {
        self.actors.is_empty() && self.issues.is_empty() && self.sources.is_empty()
    }

    pub fn n_actors(&self) -> usize {
        self.actors.len()
    }

    pub fn n_issues(&self) -> usize {
        self.issues.len()
    }

    pub fn n_positions(&self) -> usize {
        self.positions.len()
    }

    pub fn n_relations(&self) -> usize {
        self.relations.len()
    }

    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        match self.graph.node_weight(*self.actors.get(id)?)? {
            Node::Actor(actor) => Some(actor),
            Node::Issue(_) => None,
        }
    }

    pub fn issue(&self, id: &IssueId) -> Option<&Issue> {
        match self.graph.node_weight(*self.issues.get(id)?)? {
            Node::Issue(issue) => Some(issue),
            Node::Actor(_) => None,
        }
    }

    pub fn position(&self, key: &PositionKey) -> Option<&Position> {
        match self.graph.edge_weight(*self.positions.get(key)?)? {
            Link::Position(position) => Some(position),
            Link::Relation(_) => None,
        }
    }

    pub fn relation(&self, key: &RelationKey) -> Option<&Relation> {
        match self.graph.edge_weight(*self.relations.get(key)?)? {
            Link::Relation(relation) => Some(relation),
            Link::Position(_) => None,
        }
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.get(id)
    }

    pub fn layout_of(&self, node: &NodeRef) -> Option<NodeLayout> {
        self.layout.get(node).copied()
    }

    /// Actors in id order.
    pub fn actors(&self) -> impl Iterator<Item = &Actor> + '_ {
        self.actors.keys().filter_map(|id| self.actor(id))
    }

    /// Issues in id order.
    pub fn issues(&self) -> impl Iterator<Item = &Issue> + '_ {
        self.issues.keys().filter_map(|id| self.issue(id))
    }

    /// Positions in (actor, issue) order.
    pub fn positions(&self) -> impl Iterator<Item = &Position> + '_ {
        self.positions.keys().filter_map(|key| self.position(key))
    }

    /// Relations in (source, target, issue) order.
    pub fn relations(&self) -> impl Iterator<Item = &Relation> + '_ {
        self.relations.keys().filter_map(|key| self.relation(key))
    }

    /// Sources in id order.
    pub fn sources(&self) -> impl Iterator<Item = &Source> + '_ {
        self.sources.values()
    }

    /// Node layouts in node order.
    pub fn layouts(&self) -> impl Iterator<Item = (&NodeRef, &NodeLayout)> + '_ {
        self.layout.iter()
    }

    /// Positions held by one actor, in issue order.
    pub fn positions_of_actor<'a>(
        &'a self,
        actor: &ActorId,
    ) -> impl Iterator<Item = &'a Position> + 'a {
        let key_start = PositionKey {
            actor: actor.clone(),
            issue: IssueId::default(),
        };
        let actor = actor.clone();
        self.positions
            .range(key_start..)
            .take_while(move |(key, _)| key.actor == actor)
            .filter_map(|(key, _)| self.position(key))
    }

    /// Positions on one issue, in actor order.
    pub fn positions_on_issue(&self, issue: &IssueId) -> Vec<&Position> {
        let Some(&node) = self.issues.get(issue) else {
            return Vec::new();
        };
        let mut found: Vec<&Position> = self
            .graph
            .edges_directed(node, petgraph::Direction::Incoming)
            .filter_map(|edge| match edge.weight() {
                Link::Position(position) => Some(position),
                Link::Relation(_) => None,
            })
            .collect();
        found.sort_by(|a, b| a.actor.cmp(&b.actor));
        found
    }

    /// Relations touching one actor (either end), in key order.
    pub fn relations_of_actor(&self, actor: &ActorId) -> Vec<&Relation> {
        let Some(&node) = self.actors.get(actor) else {
            return Vec::new();
        };
        let mut found: Vec<&Relation> = self
            .graph
            .edges_directed(node, petgraph::Direction::Outgoing)
            .chain(
                self.graph
                    .edges_directed(node, petgraph::Direction::Incoming),
            )
            .filter_map(|edge| match edge.weight() {
                Link::Relation(relation) => Some(relation),
                Link::Position(_) => None,
            })
            .collect();
        found.sort_by_key(|relation| relation.key());
        found.dedup_by_key(|relation| relation.key());
        found
    }

    /// An actor id not yet used, derived from `base` ("Ukraine", "Ukraine_2", …).
    pub fn fresh_actor_id(&self, base: &str) -> ActorId {
        ActorId(fresh_id(base, |id| {
            self.actors.contains_key(&ActorId::new(id))
        }))
    }

    /// An issue id not yet used, derived from `base`.
    pub fn fresh_issue_id(&self, base: &str) -> IssueId {
        IssueId(fresh_id(base, |id| {
            self.issues.contains_key(&IssueId::new(id))
        }))
    }

    /// A source id not yet used: `s1`, `s2`, …
    pub fn fresh_source_id(&self) -> SourceId {
        let mut n = self.sources.len() + 1;
        loop {
            let id = SourceId::new(format!("s{n}"));
            if !self.sources.contains_key(&id) {
                return id;
            }
            n += 1;
        }
    }

    /// Checks every invariant listed in the module docs; returns the first broken one.
    pub fn check_invariants(&self) -> Result<(), String> {
        for (id, &node) in &self.actors {
            match self.graph.node_weight(node) {
                Some(Node::Actor(actor)) if &actor.id == id => {}
                _ => return Err(format!("actor index for {id} is stale")),
            }
        }
        for (id, &node) in &self.issues {
            match self.graph.node_weight(node) {
                Some(Node::Issue(issue)) if &issue.id == id => {}
                _ => return Err(format!("issue index for {id} is stale")),
            }
        }
        if self.graph.node_count() != self.actors.len() + self.issues.len() {
            return Err("graph has nodes that no index names".into());
        }
        if self.graph.edge_count() != self.positions.len() + self.relations.len() {
            return Err("graph has edges that no index names".into());
        }
        for (key, &edge) in &self.positions {
            let Some(Link::Position(position)) = self.graph.edge_weight(edge) else {
                return Err(format!("position index for {key:?} is stale"));
            };
            if &position.key() != key {
                return Err(format!("position {key:?} is filed under the wrong key"));
            }
            edit::validate_position(self, position).map_err(|error| error.to_string())?;
        }
        for (key, &edge) in &self.relations {
            let Some(Link::Relation(relation)) = self.graph.edge_weight(edge) else {
                return Err(format!("relation index for {key:?} is stale"));
            };
            if &relation.key() != key {
                return Err(format!("relation {key:?} is filed under the wrong key"));
            }
            edit::validate_relation(self, relation).map_err(|error| error.to_string())?;
        }
        for node in self.layout.keys() {
            if !self.contains_node(node) {
                return Err(format!("layout for missing node {node:?}"));
            }
        }
        Ok(())
    }

    pub fn contains_node(&self, node: &NodeRef) -> bool {
        match node {
            NodeRef::Actor(id) => self.actors.contains_key(id),
            NodeRef::Issue(id) => self.issues.contains_key(id),
        }
    }
}

fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base: String = base
        .trim()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let base = if base.is_empty() {
        "item".to_owned()
    } else {
        base
    };
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or(base)
}
