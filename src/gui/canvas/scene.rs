//! What one frame of the canvas shows: nodes with their places and looks, and edges
//! between them, built from the map, the view and the filter. Hit tests work on it.

use std::collections::BTreeMap;

use egui::{Color32, Pos2, Rect, Vec2};

use super::{CanvasFilter, View};
use crate::gui::command::Selection;
use crate::gui::theme;
use crate::layout::{self, ACTOR_RADIUS, ISSUE_HALF_HEIGHT, ISSUE_HALF_WIDTH};
use crate::stance_map::{
    ActorId, Claim, IssueId, NodeRef, Origin, PairKind, PositionKey, Relation, RelationKey, Stance,
    StanceMap,
};

/// A node as drawn: where (layout units), how, and whether the filter keeps it bright.
#[derive(Clone, Debug)]
pub struct SceneNode {
    pub node: NodeRef,
    pub label: String,
    pub world: Pos2,
    pub fill: Color32,
    pub pinned: bool,
    pub matches: bool,
}

impl SceneNode {
    pub fn is_issue(&self) -> bool {
        matches!(self.node, NodeRef::Issue(_))
    }

    /// Half size of the node's shape (not its label), in layout units.
    pub fn half_size(&self) -> Vec2 {
        if self.is_issue() {
            Vec2::new(ISSUE_HALF_WIDTH, ISSUE_HALF_HEIGHT)
        } else {
            Vec2::splat(ACTOR_RADIUS)
        }
    }
}

/// What clicking an edge selects; the ids come from the edge's end nodes, so a
/// frame builds no key strings.
#[derive(Clone, Debug, PartialEq)]
pub enum EdgeTarget {
    Position,
    /// A relation, with its issue scope.
    Relation(Option<IssueId>),
    /// An aligned/opposed pair in the issue lens; derived, so nothing to select.
    Pair,
}

#[derive(Clone, Debug)]
pub struct SceneEdge {
    /// Indices into [`Scene::nodes`]; the arrow points at `b`.
    pub a: usize,
    pub b: usize,
    pub target: EdgeTarget,
    pub stance: Stance,
    pub strength: f32,
    pub confidence: f32,
    pub origin: Origin,
    pub locked: bool,
    pub directed: bool,
    pub matches: bool,
    /// The evidence holds both stances (the holder changed its mind, or sources
    /// disagree); drawn half in the other stance's style.
    pub mixed: bool,
    /// A relation runs the other way between the same two actors; drawn bent aside.
    pub has_reverse: bool,
}

#[derive(Clone, Debug, Default)]
pub struct Scene {
    pub nodes: Vec<SceneNode>,
    pub edges: Vec<SceneEdge>,
    /// Each node's edges (indices into `edges`), built once with the scene so hover
    /// and selection never scan every edge.
    incidence: Incidence,
}

/// Compressed adjacency: node `i`'s edges are `edges[offsets[i]..offsets[i + 1]]`.
#[derive(Clone, Debug, Default)]
struct Incidence {
    offsets: Vec<usize>,
    edges: Vec<usize>,
}

impl Incidence {
    fn build(n_nodes: usize, edges: &[SceneEdge]) -> Self {
        let mut offsets = vec![0usize; n_nodes + 1];
        for edge in edges {
            for end in [edge.a, edge.b] {
                if let Some(count) = offsets.get_mut(end + 1) {
                    *count += 1;
                }
            }
        }
        for i in 1..offsets.len() {
            let before = offsets.get(i - 1).copied().unwrap_or(0);
            if let Some(offset) = offsets.get_mut(i) {
                *offset += before;
            }
        }
        let mut cursor = offsets.clone();
        let mut list = vec![0usize; offsets.last().copied().unwrap_or(0)];
        for (i, edge) in edges.iter().enumerate() {
            let ends = if edge.a == edge.b {
                &[edge.a][..]
            } else {
                &[edge.a, edge.b][..]
            };
            for &end in ends {
                if let Some(at) = cursor.get_mut(end)
                    && let Some(slot) = list.get_mut(*at)
                {
                    *slot = i;
                    *at += 1;
                }
            }
        }
        // A self-loop was counted twice but stored once: trim the unused slot away
        // by keeping only what each node filled.
        let mut compact = Vec::with_capacity(list.len());
        let mut compact_offsets = Vec::with_capacity(offsets.len());
        compact_offsets.push(0);
        for node in 0..n_nodes {
            let start = offsets.get(node).copied().unwrap_or(0);
            let end = cursor.get(node).copied().unwrap_or(start);
            compact.extend(list.get(start..end).unwrap_or(&[]));
            compact_offsets.push(compact.len());
        }
        Self {
            offsets: compact_offsets,
            edges: compact,
        }
    }

    fn of(&self, node: usize) -> &[usize] {
        match (self.offsets.get(node), self.offsets.get(node + 1)) {
            (Some(&start), Some(&end)) => self.edges.get(start..end).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Scene {
    /// Builds the scene; `place` gives a node's layout position (None: not placed yet).
    pub fn build(
        map: &StanceMap,
        view: &View,
        filter: &CanvasFilter,
        dark: bool,
        place: impl Fn(&NodeRef) -> Option<Pos2>,
    ) -> Self {
        let mut builder = Builder {
            scene: Scene::default(),
            actors: BTreeMap::new(),
            issues: BTreeMap::new(),
        };
        let text = filter.text.trim().to_lowercase();
        let lens_issue = match view {
            View::IssueLens(issue) => Some(issue),
            _ => None,
        };
        for actor in map.actors() {
            let node = NodeRef::Actor(actor.id.clone());
            let Some(world) = place(&node) else { continue };
            let matches = text.is_empty()
                || actor.name.to_lowercase().contains(&text)
                || actor.id.as_str().to_lowercase().contains(&text)
                || actor
                    .aliases
                    .iter()
                    .any(|alias| alias.to_lowercase().contains(&text));
            let fill = match lens_issue {
                Some(issue) => match map.stance_of(&actor.id, issue) {
                    Some(stance) => theme::stance_color(stance, dark),
                    None => theme::no_stance_color(dark),
                },
                None => theme::actor_color(actor, dark),
            };
            let label = if actor.name.is_empty() {
                actor.id.to_string()
            } else {
                actor.name.clone()
            };
            builder
                .actors
                .insert(actor.id.as_str(), builder.scene.nodes.len());
            builder.scene.nodes.push(SceneNode {
                pinned: map.layout_of(&node).is_some_and(|l| l.pinned),
                node,
                label,
                world,
                fill,
                matches,
            });
        }
        let show_issue = |id: &IssueId| match view {
            View::Positions => true,
            View::IssueLens(issue) => issue == id,
            View::Relations | View::Matrix => false,
        };
        for issue in map.issues().filter(|issue| show_issue(&issue.id)) {
            let node = NodeRef::Issue(issue.id.clone());
            let Some(world) = place(&node) else { continue };
            let matches = (text.is_empty() || issue.label.to_lowercase().contains(&text))
                && filter.issue.as_ref().is_none_or(|only| only == &issue.id);
            let label = if issue.label.is_empty() {
                issue.id.to_string()
            } else {
                issue.label.clone()
            };
            builder
                .issues
                .insert(issue.id.as_str(), builder.scene.nodes.len());
            builder.scene.nodes.push(SceneNode {
                pinned: map.layout_of(&node).is_some_and(|l| l.pinned),
                node,
                label,
                world,
                fill: theme::issue_fill(dark),
                matches,
            });
        }
        let confident = |claim: &Claim| claim.confidence >= filter.min_confidence;
        match view {
            View::Positions => {
                for position in map.positions() {
                    if !confident(&position.claim)
                        || filter
                            .issue
                            .as_ref()
                            .is_some_and(|only| only != &position.issue)
                    {
                        continue;
                    }
                    builder.position(&position.actor, &position.issue, &position.claim);
                }
            }
            View::Relations => {
                for relation in map.relations() {
                    let in_scope = match (&filter.issue, &relation.issue) {
                        (Some(only), Some(scope)) => only == scope,
                        _ => true,
                    };
                    if confident(&relation.claim) && in_scope {
                        builder.relation(relation);
                    }
                }
            }
            View::IssueLens(issue) => {
                let positions = map.positions_on_issue(issue);
                for position in &positions {
                    if confident(&position.claim) {
                        builder.position(&position.actor, &position.issue, &position.claim);
                    }
                }
                let (pairs, relations) = layout::lens_pairs(map, issue, positions.len());
                for pair in pairs {
                    let stance = match pair.kind {
                        PairKind::Aligned => Stance::Support,
                        PairKind::Opposed => Stance::Oppose,
                    };
                    builder.pair(&pair.a, &pair.b, stance);
                }
                for relation in relations {
                    if confident(&relation.claim) {
                        builder.relation(&relation);
                    }
                }
            }
            View::Matrix => {}
        }
        let mut scene = builder.scene;
        // Only relations can run both ways between the same two actors.
        let relation_pairs: rustc_hash::FxHashSet<(usize, usize)> = scene
            .edges
            .iter()
            .filter(|edge| matches!(edge.target, EdgeTarget::Relation(_)))
            .map(|edge| (edge.a, edge.b))
            .collect();
        for edge in &mut scene.edges {
            edge.has_reverse = edge.directed && relation_pairs.contains(&(edge.b, edge.a));
        }
        scene.incidence = Incidence::build(scene.nodes.len(), &scene.edges);
        scene
    }

    /// Indices of the edges that touch `node`, in edge order.
    pub fn edges_of(&self, node: usize) -> &[usize] {
        self.incidence.of(node)
    }

    /// Indices of the nodes that share an edge with `node`, in edge order.
    pub fn neighbours_of(&self, node: usize) -> impl Iterator<Item = usize> + '_ {
        self.edges_of(node).iter().filter_map(move |&i| {
            let edge = self.edges.get(i)?;
            if edge.a == node {
                Some(edge.b)
            } else {
                Some(edge.a)
            }
        })
    }

    /// What selecting edge `edge` means.
    pub fn edge_selection(&self, edge: &SceneEdge) -> Selection {
        let ends = (
            self.nodes.get(edge.a).map(|n| &n.node),
            self.nodes.get(edge.b).map(|n| &n.node),
        );
        match (&edge.target, ends) {
            (EdgeTarget::Position, (Some(NodeRef::Actor(actor)), Some(NodeRef::Issue(issue)))) => {
                Selection::Position(PositionKey {
                    actor: actor.clone(),
                    issue: issue.clone(),
                })
            }
            (
                EdgeTarget::Relation(scope),
                (Some(NodeRef::Actor(source)), Some(NodeRef::Actor(target))),
            ) => Selection::Relation(RelationKey {
                source: source.clone(),
                target: target.clone(),
                issue: scope.clone(),
            }),
            _ => Selection::Nothing,
        }
    }

    /// Whether `edge` is what `selection` names, without building its key.
    pub fn is_selected(&self, edge: &SceneEdge, selection: &Selection) -> bool {
        let ends = (
            self.nodes.get(edge.a).map(|n| &n.node),
            self.nodes.get(edge.b).map(|n| &n.node),
        );
        match (&edge.target, selection, ends) {
            (
                EdgeTarget::Position,
                Selection::Position(key),
                (Some(NodeRef::Actor(actor)), Some(NodeRef::Issue(issue))),
            ) => &key.actor == actor && &key.issue == issue,
            (
                EdgeTarget::Relation(scope),
                Selection::Relation(key),
                (Some(NodeRef::Actor(source)), Some(NodeRef::Actor(target))),
            ) => &key.source == source && &key.target == target && &key.issue == scope,
            _ => false,
        }
    }

    /// The topmost node under `world` (issues are drawn above actors).
    pub fn node_at(&self, world: Pos2, slack: f32) -> Option<usize> {
        self.nodes
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, node)| {
                let half = node.half_size() + Vec2::splat(slack);
                if node.is_issue() {
                    Rect::from_center_size(node.world, half * 2.0).contains(world)
                } else {
                    node.world.distance(world) <= half.x
                }
            })
            .map(|(i, _)| i)
            .min_by(|a, b| {
                let da = self.nodes[*a].world.distance_sq(world);
                let db = self.nodes[*b].world.distance_sq(world);
                da.total_cmp(&db)
            })
    }

    /// The nearest edge whose segment passes within `tolerance` (layout units) of `world`.
    pub fn edge_at(&self, world: Pos2, tolerance: f32) -> Option<usize> {
        self.edges
            .iter()
            .enumerate()
            .filter_map(|(i, edge)| {
                let a = self.nodes.get(edge.a)?.world;
                let b = self.nodes.get(edge.b)?.world;
                let distance = distance_to_segment(world, a, b);
                (distance <= tolerance).then_some((i, distance))
            })
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .map(|(i, _)| i)
    }

    /// The box holding every node and its label, in layout units.
    pub fn bounds(&self) -> Option<Rect> {
        let mut nodes = self.nodes.iter();
        let first = nodes.next()?;
        let extent = |node: &SceneNode| {
            let (w, h) = layout::node_extent(&node.node);
            Rect::from_center_size(node.world, Vec2::new(w, h) * 2.0)
        };
        Some(nodes.fold(extent(first), |acc, node| acc.union(extent(node))))
    }
}

pub fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let length_sq = ab.length_sq();
    if length_sq <= f32::EPSILON {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / length_sq).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}

struct Builder<'a> {
    scene: Scene,
    actors: BTreeMap<&'a str, usize>,
    issues: BTreeMap<&'a str, usize>,
}

impl Builder<'_> {
    fn position(&mut self, actor: &ActorId, issue: &IssueId, claim: &Claim) {
        let (Some(&a), Some(&b)) = (
            self.actors.get(actor.as_str()),
            self.issues.get(issue.as_str()),
        ) else {
            return;
        };
        self.push(a, b, EdgeTarget::Position, claim, true);
    }

    fn relation(&mut self, relation: &Relation) {
        let (Some(&a), Some(&b)) = (
            self.actors.get(relation.source.as_str()),
            self.actors.get(relation.target.as_str()),
        ) else {
            return;
        };
        let target = EdgeTarget::Relation(relation.issue.clone());
        self.push(a, b, target, &relation.claim, true);
    }

    fn pair(&mut self, a: &ActorId, b: &ActorId, stance: Stance) {
        let (Some(&a), Some(&b)) = (self.actors.get(a.as_str()), self.actors.get(b.as_str()))
        else {
            return;
        };
        let mut claim = Claim::new(stance, Origin::Extracted);
        claim.strength = 0.3;
        self.push(a, b, EdgeTarget::Pair, &claim, false);
    }

    fn push(&mut self, a: usize, b: usize, target: EdgeTarget, claim: &Claim, directed: bool) {
        let matches = self.scene.nodes.get(a).is_some_and(|n| n.matches)
            && self.scene.nodes.get(b).is_some_and(|n| n.matches);
        self.scene.edges.push(SceneEdge {
            a,
            b,
            target,
            stance: claim.stance,
            strength: finite_unit(claim.strength),
            confidence: finite_unit(claim.confidence),
            origin: claim.origin,
            locked: claim.locked,
            directed,
            matches,
            mixed: claim.is_mixed(),
            has_reverse: false,
        });
    }
}

fn finite_unit(value: f32) -> f32 {
    if value.is_finite() {
        value.clamp(0.0, 1.0)
    } else {
        1.0
    }
}
