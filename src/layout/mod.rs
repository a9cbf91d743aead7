//! Node positions for the canvas: a deterministic, sign-aware force layout.
//!
//! Fruchterman–Reingold style: every node repels every other, edges pull their ends
//! together. Support edges pull hard; oppose edges pull weakly and push back at close
//! range, so opponents end up further apart than supporters. Pinned nodes never move.
//! After the forces settle, an overlap pass spreads nodes so their boxes (circle plus
//! label, or issue box) do not overlap.
//!
//! Everything is seeded from ids (FNV hashing) and iterated in index order: the same
//! map gives the same positions on every run. No egui types, no randomness, no clock.

mod forces;
mod graph;
mod overlap;

use std::collections::BTreeMap;

use crate::stance_map::{Edit, NodeLayout, NodeRef, StanceMap};

pub use forces::ForceLayout;
pub use graph::{LayoutEdge, LayoutGraph, LayoutGraphKind, MAX_LENS_PAIR_POSITIONS, lens_pairs};

/// Radius of an actor's circle, in layout units.
pub const ACTOR_RADIUS: f32 = 16.0;
/// Half the size of the box an actor's label may fill below its circle.
pub const ACTOR_LABEL_HALF_WIDTH: f32 = 52.0;
/// Half the width and height of an issue's box, in layout units.
pub const ISSUE_HALF_WIDTH: f32 = 72.0;
pub const ISSUE_HALF_HEIGHT: f32 = 22.0;
/// The preferred length of a support edge, in layout units.
pub const IDEAL_EDGE_LENGTH: f32 = 150.0;
/// Free space kept around every node box by the overlap pass.
pub const NODE_MARGIN: f32 = 8.0;

/// Half width and half height of the box a node occupies (shape and label), centred
/// on its position.
pub fn node_extent(node: &NodeRef) -> (f32, f32) {
    match node {
        // The label sits below the circle, so the box is taller than the circle.
        NodeRef::Actor(_) => (ACTOR_LABEL_HALF_WIDTH, ACTOR_RADIUS + 14.0),
        NodeRef::Issue(_) => (ISSUE_HALF_WIDTH, ISSUE_HALF_HEIGHT),
    }
}

/// Points one character of a label takes at the canvas's body text size, on average.
const LABEL_POINTS_PER_CHAR: f32 = 6.8;

/// [`node_extent`] grown to hold the node's label as the canvas draws it (actors: one
/// row below the circle, up to 170 points wide; issues: two rows of 150 points), so
/// the layout keeps labelled nodes apart at zoom 1. Never smaller than `node_extent`.
pub fn label_extent(map: &StanceMap, node: &NodeRef) -> (f32, f32) {
    let (half_width, half_height) = node_extent(node);
    match node {
        NodeRef::Actor(id) => {
            let chars = map.actor(id).map_or(0, |actor| actor.name.chars().count());
            let label = (chars as f32 * LABEL_POINTS_PER_CHAR).min(170.0) / 2.0 + 6.0;
            (half_width.max(label), half_height.max(ACTOR_RADIUS + 20.0))
        }
        NodeRef::Issue(id) => {
            let chars = map.issue(id).map_or(0, |issue| issue.label.chars().count());
            let rows = if chars as f32 * LABEL_POINTS_PER_CHAR > 150.0 {
                2.0
            } else {
                1.0
            };
            (half_width.max(81.0), half_height.max(rows * 9.0 + 6.0))
        }
    }
}

/// How existing node layouts in the map take part in a run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchoring {
    /// Pinned nodes stay; unpinned nodes start at their saved place and may move.
    PinnedOnly,
    /// Every node with a saved place stays there; only the others are placed.
    AllSaved,
}

/// Lays out the nodes of `kind` for `iterations` steps and returns every node's
/// position. Pinned nodes keep their saved place; unpinned ones start from theirs.
pub fn layout(
    map: &StanceMap,
    kind: &LayoutGraphKind,
    iterations: usize,
) -> BTreeMap<NodeRef, (f32, f32)> {
    let mut run = ForceLayout::new(map, kind, Anchoring::PinnedOnly, iterations);
    run.finish();
    run.positions()
}

/// One edit that stores a fresh layout of `kind` for every node that is not pinned,
/// so a relayout is a single undo step. `None` when nothing would move.
pub fn relayout_edit(map: &StanceMap, kind: &LayoutGraphKind, iterations: usize) -> Option<Edit> {
    let edits: Vec<Edit> = layout(map, kind, iterations)
        .into_iter()
        .filter(|(node, (x, y))| match map.layout_of(node) {
            Some(saved) => !saved.pinned && (saved.x != *x || saved.y != *y),
            None => true,
        })
        .map(|(node, (x, y))| Edit::MoveNode {
            node,
            layout: Some(NodeLayout {
                x,
                y,
                pinned: false,
            }),
        })
        .collect();
    (!edits.is_empty()).then_some(Edit::Batch(edits))
}

/// How many force iterations a graph of `n_nodes` gets: many for small graphs,
/// fewer for big ones (each costs more, and the overlap pass finishes the job).
pub fn iterations_for(n_nodes: usize) -> usize {
    match n_nodes {
        0..=300 => 300,
        301..=3000 => 150,
        3001..=6000 => 60,
        // Barnes–Hut settles the coarse shape early; the room-making step and the
        // overlap pass finish what more iterations would only polish.
        _ => 40,
    }
}

/// A stable 64-bit FNV-1a hash, used to seed positions from ids.
pub(crate) fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A number in `0.0..1.0` derived from a node's id.
pub(crate) fn node_unit(node: &NodeRef, salt: u64) -> f32 {
    let text = match node {
        NodeRef::Actor(id) => id.as_str(),
        NodeRef::Issue(id) => id.as_str(),
    };
    let hash = stable_hash(text) ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // Keep 24 bits: exactly representable in an f32.
    ((hash >> 40) as f32) / ((1u64 << 24) as f32)
}

#[cfg(test)]
mod tests;
