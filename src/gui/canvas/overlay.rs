//! What the analysis lays over the canvas: actor fills by coalition and frustrated
//! ties highlighted. A plain value the app hands to [`super::CanvasState`]; the
//! canvas only consults it where a node's fill and an edge's look are chosen, at
//! paint time, so the scene (and any cache of it) does not depend on it.

use std::collections::{BTreeMap, BTreeSet};

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke};

use crate::stance_map::{ActorId, NodeRef};

/// Colours and highlights from the analysis. The default changes nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasOverlay {
    /// Fill per actor, replacing the fill by actor kind (coalition colouring).
    pub node_fill: BTreeMap<ActorId, Color32>,
    /// Highlighted (frustrated) ties, each stored both ways: actor → the actors it
    /// has such a tie with. An actor–actor edge between them is highlighted and the
    /// actors are ringed, so a frustrated tie derived from positions (no edge of its
    /// own) still shows.
    pub highlighted_ties: BTreeMap<ActorId, BTreeSet<ActorId>>,
    /// What the overlay's colours mean, drawn as a one-line key at the canvas's top
    /// left: (colour, drawn as a ring rather than a dot, text).
    pub key: Vec<(Color32, bool, String)>,
    /// Changes whenever any of the above does; part of any cache key that covers
    /// what the overlay changes.
    pub revision: u64,
}

impl CanvasOverlay {
    /// The fill `node` gets instead of its own, if any (actors only).
    pub fn fill_of(&self, node: &NodeRef) -> Option<Color32> {
        match node {
            NodeRef::Actor(id) => self.node_fill.get(id).copied(),
            NodeRef::Issue(_) => None,
        }
    }

    /// Whether `node` is an actor on a highlighted (frustrated) tie.
    pub fn is_ringed(&self, node: &NodeRef) -> bool {
        match node {
            NodeRef::Actor(id) => self.highlighted_ties.contains_key(id),
            NodeRef::Issue(_) => false,
        }
    }

    /// Whether an edge between `a` and `b` (either direction) is highlighted; only
    /// actor–actor edges can be.
    pub fn is_highlighted(&self, a: &NodeRef, b: &NodeRef) -> bool {
        let (NodeRef::Actor(a), NodeRef::Actor(b)) = (a, b) else {
            return false;
        };
        self.highlighted_ties
            .get(a)
            .is_some_and(|others| others.contains(b))
    }

    /// Highlights the tie between `a` and `b` (both ways).
    pub fn highlight_tie(&mut self, a: &ActorId, b: &ActorId) {
        self.highlighted_ties
            .entry(a.clone())
            .or_default()
            .insert(b.clone());
        self.highlighted_ties
            .entry(b.clone())
            .or_default()
            .insert(a.clone());
    }

    /// Whether the overlay changes anything.
    pub fn is_empty(&self) -> bool {
        self.node_fill.is_empty() && self.highlighted_ties.is_empty()
    }
}

/// The colour of a frustrated tie's glow and of the ring around its actors:
/// magenta, apart from support green, opposition red and the yellow selection.
pub fn frustrated_color(dark: bool) -> Color32 {
    if dark {
        Color32::from_rgb(255, 64, 170)
    } else {
        Color32::from_rgb(206, 20, 120)
    }
}

/// Draws the overlay's key along the top left of the canvas `rect` (above where a
/// fitted view places nodes); nothing when the key is empty.
pub fn paint_key(painter: &Painter, rect: Rect, overlay: &CanvasOverlay, dark: bool) {
    let mut x = rect.left() + 12.0;
    let y = rect.top() + 16.0;
    let font = FontId::proportional(12.0);
    let text_color = crate::gui::theme::label_color(dark);
    for (color, ring, text) in &overlay.key {
        let centre = Pos2::new(x + 5.0, y);
        if *ring {
            painter.circle_stroke(centre, 5.0, Stroke::new(2.0, *color));
        } else {
            painter.circle_filled(centre, 5.0, *color);
        }
        let drawn = painter.text(
            Pos2::new(x + 14.0, y),
            Align2::LEFT_CENTER,
            text,
            font.clone(),
            text_color,
        );
        x = drawn.right() + 14.0;
    }
}
