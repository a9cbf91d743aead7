//! `Edit`: every change to a stance map, applied through [`StanceMap::apply`].
//!
//! `apply` either changes the map and returns the inverse edit, or returns an
//! [`EditError`] and leaves the map exactly as it was. Composite edits (removing an
//! actor with its stances, merging two actors, removing a source with its evidence)
//! expand into a [`Edit::Batch`] of simpler edits, so their inverses come for free.

use super::types::{
    Actor, ActorId, Claim, Issue, IssueId, NodeLayout, NodeRef, Origin, Position, PositionKey,
    Relation, RelationKey, Source, SourceId,
};
use super::{Link, Node, StanceMap};

/// One change to a stance map.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    AddActor(Actor),
    /// Replaces the actor with the same id.
    UpdateActor(Actor),
    /// Removes the actor together with its positions, relations and layout.
    RemoveActor(ActorId),
    RenameActor {
        id: ActorId,
        name: String,
    },
    /// Moves `absorb`'s stances onto `keep`, adds its names as aliases, removes it.
    MergeActors {
        keep: ActorId,
        absorb: ActorId,
    },
    AddIssue(Issue),
    /// Replaces the issue with the same id.
    UpdateIssue(Issue),
    /// Removes the issue together with its positions, scoped relations and layout.
    RemoveIssue(IssueId),
    RenameIssue {
        id: IssueId,
        label: String,
    },
    /// Adds a position, or merges it into the existing one for the same (actor, issue).
    AddPosition(Position),
    /// Replaces the position with the same key.
    UpdatePosition(Position),
    RemovePosition(PositionKey),
    /// Adds a relation, or merges it into the existing one for the same key.
    AddRelation(Relation),
    /// Replaces the relation with the same key.
    UpdateRelation(Relation),
    RemoveRelation(RelationKey),
    AddSource(Source),
    /// Replaces the source with the same id; its text must still hold all its evidence.
    UpdateSource(Source),
    /// Removes the source and its evidence; extracted stances left without evidence go too.
    RemoveSource(SourceId),
    /// Sets (or with `None` clears) a node's layout.
    MoveNode {
        node: NodeRef,
        layout: Option<NodeLayout>,
    },
    /// Several edits as one undo step; all or nothing.
    Batch(Vec<Edit>),
}

/// Why an edit was refused. The map is unchanged when this is returned.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum EditError {
    #[error("ids must not be empty")]
    EmptyId,
    #[error("an actor with id {0} already exists")]
    DuplicateActor(ActorId),
    #[error("no actor with id {0}")]
    UnknownActor(ActorId),
    #[error("an issue with id {0} already exists")]
    DuplicateIssue(IssueId),
    #[error("no issue with id {0}")]
    UnknownIssue(IssueId),
    #[error("a source with id {0} already exists")]
    DuplicateSource(SourceId),
    #[error("no source with id {0}")]
    UnknownSource(SourceId),
    #[error("no position of {} on {}", .0.actor, .0.issue)]
    UnknownPosition(PositionKey),
    #[error("no relation from {} to {}", .0.source, .0.target)]
    UnknownRelation(RelationKey),
    #[error("actor {0} cannot relate to itself")]
    SelfRelation(ActorId),
    #[error("cannot merge actor {0} into itself")]
    MergeIntoSelf(ActorId),
    #[error("{what} must be within 0.0..=1.0, got {value}")]
    OutOfRange { what: &'static str, value: f32 },
    #[error("evidence {start}..{end} does not fit source {source_id}: {reason}")]
    BadEvidence {
        source_id: SourceId,
        start: usize,
        end: usize,
        reason: &'static str,
    },
    #[error("source {0} is still cited as evidence")]
    SourceInUse(SourceId),
}

impl StanceMap {
    /// Applies `edit`, returning its inverse; on error the map is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        // Even a refused edit counts: a revision only ever promises "maybe changed".
        self.revision = super::next_revision();
        match edit {
            Edit::AddActor(actor) => self.add_actor(actor),
            Edit::UpdateActor(actor) => self.update_actor(actor),
            Edit::RemoveActor(id) => self.remove_actor(id),
            Edit::RenameActor { id, name } => {
                let mut actor = self
                    .actor(&id)
                    .cloned()
                    .ok_or(EditError::UnknownActor(id))?;
                actor.name = name;
                self.update_actor(actor)
            }
            Edit::MergeActors { keep, absorb } => self.merge_actors(keep, absorb),
            Edit::AddIssue(issue) => self.add_issue(issue),
            Edit::UpdateIssue(issue) => self.update_issue(issue),
            Edit::RemoveIssue(id) => self.remove_issue(id),
            Edit::RenameIssue { id, label } => {
                let mut issue = self
                    .issue(&id)
                    .cloned()
                    .ok_or(EditError::UnknownIssue(id))?;
                issue.label = label;
                self.update_issue(issue)
            }
            Edit::AddPosition(position) => self.add_position(position),
            Edit::UpdatePosition(position) => self.update_position(position),
            Edit::RemovePosition(key) => self.remove_position(key),
            Edit::AddRelation(relation) => self.add_relation(relation),
            Edit::UpdateRelation(relation) => self.update_relation(relation),
            Edit::RemoveRelation(key) => self.remove_relation(key),
            Edit::AddSource(source) => self.add_source(source),
            Edit::UpdateSource(source) => self.update_source(source),
            Edit::RemoveSource(id) => self.remove_source(id),
            Edit::MoveNode { node, layout } => self.move_node(node, layout),
            Edit::Batch(edits) => self.apply_batch(edits),
        }
    }

    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for edit in edits {
            match self.apply(edit) {
                Ok(inverse) => inverses.push(inverse),
                Err(error) => {
                    // Roll back what this batch already did, newest first.
                    for inverse in inverses.into_iter().rev() {
                        let _ = self.apply(inverse);
                    }
                    return Err(error);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }

    fn add_actor(&mut self, actor: Actor) -> Result<Edit, EditError> {
        if actor.id.as_str().is_empty() {
            return Err(EditError::EmptyId);
        }
        if self.actors.contains_key(&actor.id) {
            return Err(EditError::DuplicateActor(actor.id));
        }
        let id = actor.id.clone();
        let node = self.graph.add_node(Node::Actor(actor));
        self.actors.insert(id.clone(), node);
        Ok(Edit::RemoveActor(id))
    }

    fn update_actor(&mut self, actor: Actor) -> Result<Edit, EditError> {
        let node = *self
            .actors
            .get(&actor.id)
            .ok_or_else(|| EditError::UnknownActor(actor.id.clone()))?;
        match self.graph.node_weight_mut(node) {
            Some(Node::Actor(slot)) => Ok(Edit::UpdateActor(std::mem::replace(slot, actor))),
            _ => Err(EditError::UnknownActor(actor.id)),
        }
    }

    fn remove_actor(&mut self, id: ActorId) -> Result<Edit, EditError> {
        let node = *self
            .actors
            .get(&id)
            .ok_or_else(|| EditError::UnknownActor(id.clone()))?;
        let node_ref = NodeRef::Actor(id.clone());
        let mut cascade: Vec<Edit> = self
            .positions_of_actor(&id)
            .map(|position| Edit::RemovePosition(position.key()))
            .chain(
                self.relations_of_actor(&id)
                    .into_iter()
                    .map(|relation| Edit::RemoveRelation(relation.key())),
            )
            .collect();
        if self.layout.contains_key(&node_ref) {
            cascade.push(Edit::MoveNode {
                node: node_ref,
                layout: None,
            });
        }
        if !cascade.is_empty() {
            cascade.push(Edit::RemoveActor(id));
            return self.apply_batch(cascade);
        }
        match self.graph.remove_node(node) {
            Some(Node::Actor(actor)) => {
                self.actors.remove(&id);
                Ok(Edit::AddActor(actor))
            }
            _ => Err(EditError::UnknownActor(id)),
        }
    }

    fn merge_actors(&mut self, keep: ActorId, absorb: ActorId) -> Result<Edit, EditError> {
        if keep == absorb {
            return Err(EditError::MergeIntoSelf(keep));
        }
        let mut kept = self
            .actor(&keep)
            .cloned()
            .ok_or_else(|| EditError::UnknownActor(keep.clone()))?;
        let absorbed = self
            .actor(&absorb)
            .cloned()
            .ok_or_else(|| EditError::UnknownActor(absorb.clone()))?;
        let mut edits = Vec::new();
        for position in self.positions_of_actor(&absorb) {
            let mut moved = position.clone();
            moved.actor = keep.clone();
            edits.push(Edit::AddPosition(moved));
        }
        for relation in self.relations_of_actor(&absorb) {
            let mut moved = relation.clone();
            if moved.source == absorb {
                moved.source = keep.clone();
            }
            if moved.target == absorb {
                moved.target = keep.clone();
            }
            // A relation between the two merged actors would become a self-loop; drop it.
            if moved.source != moved.target {
                edits.push(Edit::AddRelation(moved));
            }
        }
        for name in std::iter::once(&absorbed.name).chain(&absorbed.aliases) {
            if !name.is_empty() && *name != kept.name && !kept.aliases.contains(name) {
                kept.aliases.push(name.clone());
            }
        }
        edits.push(Edit::UpdateActor(kept));
        edits.push(Edit::RemoveActor(absorb));
        self.apply_batch(edits)
    }

    fn add_issue(&mut self, issue: Issue) -> Result<Edit, EditError> {
        if issue.id.as_str().is_empty() {
            return Err(EditError::EmptyId);
        }
        if self.issues.contains_key(&issue.id) {
            return Err(EditError::DuplicateIssue(issue.id));
        }
        let id = issue.id.clone();
        let node = self.graph.add_node(Node::Issue(issue));
        self.issues.insert(id.clone(), node);
        Ok(Edit::RemoveIssue(id))
    }

    fn update_issue(&mut self, issue: Issue) -> Result<Edit, EditError> {
        let node = *self
            .issues
            .get(&issue.id)
            .ok_or_else(|| EditError::UnknownIssue(issue.id.clone()))?;
        match self.graph.node_weight_mut(node) {
            Some(Node::Issue(slot)) => Ok(Edit::UpdateIssue(std::mem::replace(slot, issue))),
            _ => Err(EditError::UnknownIssue(issue.id)),
        }
    }

    fn remove_issue(&mut self, id: IssueId) -> Result<Edit, EditError> {
        let node = *self
            .issues
            .get(&id)
            .ok_or_else(|| EditError::UnknownIssue(id.clone()))?;
        let node_ref = NodeRef::Issue(id.clone());
        let mut cascade: Vec<Edit> = self
            .positions_on_issue(&id)
            .into_iter()
            .map(|position| Edit::RemovePosition(position.key()))
            .chain(
                self.relations
                    .keys()
                    .filter(|key| key.issue.as_ref() == Some(&id))
                    .map(|key| Edit::RemoveRelation(key.clone())),
            )
            .collect();
        if self.layout.contains_key(&node_ref) {
            cascade.push(Edit::MoveNode {
                node: node_ref,
                layout: None,
            });
        }
        if !cascade.is_empty() {
            cascade.push(Edit::RemoveIssue(id));
            return self.apply_batch(cascade);
        }
        match self.graph.remove_node(node) {
            Some(Node::Issue(issue)) => {
                self.issues.remove(&id);
                Ok(Edit::AddIssue(issue))
            }
            _ => Err(EditError::UnknownIssue(id)),
        }
    }

    fn add_position(&mut self, position: Position) -> Result<Edit, EditError> {
        validate_position(self, &position)?;
        let key = position.key();
        if let Some(existing) = self.position(&key) {
            let mut merged = existing.clone();
            merged.claim.absorb(&position.claim);
            return self.update_position(merged);
        }
        let (Some(&from), Some(&to)) = (self.actors.get(&key.actor), self.issues.get(&key.issue))
        else {
            return Err(EditError::UnknownActor(key.actor));
        };
        let edge = self.graph.add_edge(from, to, Link::Position(position));
        self.positions.insert(key.clone(), edge);
        Ok(Edit::RemovePosition(key))
    }

    fn update_position(&mut self, position: Position) -> Result<Edit, EditError> {
        validate_position(self, &position)?;
        let key = position.key();
        let edge = *self
            .positions
            .get(&key)
            .ok_or_else(|| EditError::UnknownPosition(key.clone()))?;
        match self.graph.edge_weight_mut(edge) {
            Some(Link::Position(slot)) => {
                Ok(Edit::UpdatePosition(std::mem::replace(slot, position)))
            }
            _ => Err(EditError::UnknownPosition(key)),
        }
    }

    fn remove_position(&mut self, key: PositionKey) -> Result<Edit, EditError> {
        let edge = *self
            .positions
            .get(&key)
            .ok_or_else(|| EditError::UnknownPosition(key.clone()))?;
        match self.graph.remove_edge(edge) {
            Some(Link::Position(position)) => {
                self.positions.remove(&key);
                Ok(Edit::AddPosition(position))
            }
            _ => Err(EditError::UnknownPosition(key)),
        }
    }

    fn add_relation(&mut self, relation: Relation) -> Result<Edit, EditError> {
        validate_relation(self, &relation)?;
        let key = relation.key();
        if let Some(existing) = self.relation(&key) {
            let mut merged = existing.clone();
            merged.claim.absorb(&relation.claim);
            return self.update_relation(merged);
        }
        let (Some(&from), Some(&to)) = (self.actors.get(&key.source), self.actors.get(&key.target))
        else {
            return Err(EditError::UnknownActor(key.source));
        };
        let edge = self.graph.add_edge(from, to, Link::Relation(relation));
        self.relations.insert(key.clone(), edge);
        Ok(Edit::RemoveRelation(key))
    }

    fn update_relation(&mut self, relation: Relation) -> Result<Edit, EditError> {
        validate_relation(self, &relation)?;
        let key = relation.key();
        let edge = *self
            .relations
            .get(&key)
            .ok_or_else(|| EditError::UnknownRelation(key.clone()))?;
        match self.graph.edge_weight_mut(edge) {
            Some(Link::Relation(slot)) => {
                Ok(Edit::UpdateRelation(std::mem::replace(slot, relation)))
            }
            _ => Err(EditError::UnknownRelation(key)),
        }
    }

    fn remove_relation(&mut self, key: RelationKey) -> Result<Edit, EditError> {
        let edge = *self
            .relations
            .get(&key)
            .ok_or_else(|| EditError::UnknownRelation(key.clone()))?;
        match self.graph.remove_edge(edge) {
            Some(Link::Relation(relation)) => {
                self.relations.remove(&key);
                Ok(Edit::AddRelation(relation))
            }
            _ => Err(EditError::UnknownRelation(key)),
        }
    }

    fn add_source(&mut self, source: Source) -> Result<Edit, EditError> {
        if source.id.as_str().is_empty() {
            return Err(EditError::EmptyId);
        }
        if self.sources.contains_key(&source.id) {
            return Err(EditError::DuplicateSource(source.id));
        }
        let id = source.id.clone();
        self.sources.insert(id.clone(), source);
        Ok(Edit::RemoveSource(id))
    }

    fn update_source(&mut self, source: Source) -> Result<Edit, EditError> {
        if !self.sources.contains_key(&source.id) {
            return Err(EditError::UnknownSource(source.id));
        }
        let cited = self
            .positions()
            .flat_map(|position| &position.claim.evidence)
            .chain(
                self.relations()
                    .flat_map(|relation| &relation.claim.evidence),
            )
            .filter(|evidence| evidence.source == source.id);
        for evidence in cited {
            check_span(&source, evidence.start, evidence.end)?;
        }
        match self.sources.insert(source.id.clone(), source) {
            Some(old) => Ok(Edit::UpdateSource(old)),
            None => Err(EditError::EmptyId),
        }
    }

    fn remove_source(&mut self, id: SourceId) -> Result<Edit, EditError> {
        if !self.sources.contains_key(&id) {
            return Err(EditError::UnknownSource(id));
        }
        let cites = |claim: &Claim| claim.evidence.iter().any(|e| e.source == id);
        let strip = |claim: &mut Claim| claim.evidence.retain(|e| e.source != id);
        let drops = |claim: &Claim| claim.evidence.is_empty() && claim.origin == Origin::Extracted;
        let mut cascade = Vec::new();
        for position in self.positions().filter(|p| cites(&p.claim)) {
            let mut stripped = position.clone();
            strip(&mut stripped.claim);
            cascade.push(if drops(&stripped.claim) && !stripped.claim.locked {
                Edit::RemovePosition(stripped.key())
            } else {
                Edit::UpdatePosition(stripped)
            });
        }
        for relation in self.relations().filter(|r| cites(&r.claim)) {
            let mut stripped = relation.clone();
            strip(&mut stripped.claim);
            cascade.push(if drops(&stripped.claim) && !stripped.claim.locked {
                Edit::RemoveRelation(stripped.key())
            } else {
                Edit::UpdateRelation(stripped)
            });
        }
        if !cascade.is_empty() {
            cascade.push(Edit::RemoveSource(id));
            return self.apply_batch(cascade);
        }
        match self.sources.remove(&id) {
            Some(source) => Ok(Edit::AddSource(source)),
            None => Err(EditError::UnknownSource(id)),
        }
    }

    fn move_node(&mut self, node: NodeRef, layout: Option<NodeLayout>) -> Result<Edit, EditError> {
        if !self.contains_node(&node) {
            return Err(match node {
                NodeRef::Actor(id) => EditError::UnknownActor(id),
                NodeRef::Issue(id) => EditError::UnknownIssue(id),
            });
        }
        if let Some(layout) = layout
            && !(layout.x.is_finite() && layout.y.is_finite())
        {
            return Err(EditError::OutOfRange {
                what: "layout coordinate",
                value: if layout.x.is_finite() {
                    layout.y
                } else {
                    layout.x
                },
            });
        }
        let previous = match layout {
            Some(layout) => self.layout.insert(node.clone(), layout),
            None => self.layout.remove(&node),
        };
        Ok(Edit::MoveNode {
            node,
            layout: previous,
        })
    }
}

pub(super) fn validate_position(map: &StanceMap, position: &Position) -> Result<(), EditError> {
    if !map.actors.contains_key(&position.actor) {
        return Err(EditError::UnknownActor(position.actor.clone()));
    }
    if !map.issues.contains_key(&position.issue) {
        return Err(EditError::UnknownIssue(position.issue.clone()));
    }
    validate_claim(map, &position.claim)
}

pub(super) fn validate_relation(map: &StanceMap, relation: &Relation) -> Result<(), EditError> {
    for actor in [&relation.source, &relation.target] {
        if !map.actors.contains_key(actor) {
            return Err(EditError::UnknownActor(actor.clone()));
        }
    }
    if relation.source == relation.target {
        return Err(EditError::SelfRelation(relation.source.clone()));
    }
    if let Some(issue) = &relation.issue
        && !map.issues.contains_key(issue)
    {
        return Err(EditError::UnknownIssue(issue.clone()));
    }
    validate_claim(map, &relation.claim)
}

fn validate_claim(map: &StanceMap, claim: &Claim) -> Result<(), EditError> {
    for (what, value) in [
        ("strength", claim.strength),
        ("confidence", claim.confidence),
    ] {
        if !(0.0..=1.0).contains(&value) {
            return Err(EditError::OutOfRange { what, value });
        }
    }
    for evidence in &claim.evidence {
        let source = map
            .sources
            .get(&evidence.source)
            .ok_or_else(|| EditError::UnknownSource(evidence.source.clone()))?;
        check_span(source, evidence.start, evidence.end)?;
    }
    Ok(())
}

fn check_span(source: &Source, start: usize, end: usize) -> Result<(), EditError> {
    let reason = if start > end {
        Some("start is after end")
    } else if end > source.text.len() {
        Some("span runs past the end of the text")
    } else if !source.text.is_char_boundary(start) || !source.text.is_char_boundary(end) {
        Some("span splits a character")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(EditError::BadEvidence {
            source_id: source.id.clone(),
            start,
            end,
            reason,
        }),
        None => Ok(()),
    }
}
