//! The analysis choices that change the main views: colour actors by coalition,
//! highlight frustrated ties, sort the matrix by coalition, and the timeline filter.
//! Transient UI state; what they need (the map as of the range, the two-coalition
//! split) is recomputed only when the document or a choice changes.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::analysis_panel::coalition_color;
use super::canvas::{CanvasOverlay, frustrated_color};
use super::matrix::MatrixSort;
use super::timeline::Timeline;
use crate::analysis::{DateRange, EXACT_LIMIT, Undated, frustration, map_as_of_with, signed_graph};
use crate::stance_map::{ActorId, StanceMap};

const TOGGLE_ID: &str = "stancemap_view_toggles";

/// A switch the View menu flips (the menu only reads the app, so it asks).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewToggle {
    ColourByCoalition,
    HighlightFrustrated,
    Timeline,
}

/// Asks for `toggle` to be flipped on the next frame.
pub fn request_toggle(ctx: &egui::Context, toggle: ViewToggle) {
    ctx.data_mut(|data| {
        data.get_temp_mut_or_default::<Vec<ViewToggle>>(egui::Id::unique(TOGGLE_ID))
            .push(toggle);
    });
}

/// The choices and what was computed for them.
#[derive(Default)]
pub struct AnalysisView {
    /// Fill actors on the canvas by their coalition (A, B; unaligned keep their own).
    pub colour_by_coalition: bool,
    /// Highlight the ties the two-coalition split frustrates, and ring their actors.
    pub highlight_frustrated: bool,
    pub matrix_sort: MatrixSort,
    pub timeline: Timeline,
    computed: Option<Computed>,
    /// Counts recomputations, for the overlay's revision.
    n_computed: u64,
}

struct Computed {
    key: Key,
    /// The map as of the timeline's range; `None` when the timeline filters nothing.
    shown: Option<StanceMap>,
    /// Coalition per aligned actor: 0 = A, 1 = B. Empty when no choice needs it.
    coalition_of: Arc<BTreeMap<ActorId, usize>>,
    overlay: Arc<CanvasOverlay>,
}

/// Everything the computed values depend on.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    revision: u64,
    /// Actors, issues, positions, relations, sources: tells documents apart that
    /// share a revision number.
    counts: [usize; 5],
    filter: Option<(DateRange, Undated)>,
    colour: bool,
    highlight: bool,
    coalitions: bool,
    lens: bool,
    dark: bool,
}

impl AnalysisView {
    /// Flips what the menu asked for since the last frame.
    pub fn take_requests(&mut self, ctx: &egui::Context) {
        let requests = ctx
            .data_mut(|data| data.remove_temp::<Vec<ViewToggle>>(egui::Id::unique(TOGGLE_ID)))
            .unwrap_or_default();
        for toggle in requests {
            match toggle {
                ViewToggle::ColourByCoalition => {
                    self.colour_by_coalition = !self.colour_by_coalition;
                }
                ViewToggle::HighlightFrustrated => {
                    self.highlight_frustrated = !self.highlight_frustrated;
                }
                ViewToggle::Timeline => self.timeline.shown = !self.timeline.shown,
            }
        }
    }

    /// Recomputes for `map` (at `revision`) if the map or a choice changed. `lens`:
    /// the issue lens is shown, whose fills are stances, so coalitions do not
    /// recolour it. `dark`: the theme, for the key's colours. Cost when recomputing: a map clone for the timeline plus the
    /// frustration index (see [`crate::analysis::frustration`]); else O(1).
    pub fn refresh(&mut self, map: &StanceMap, revision: u64, lens: bool, dark: bool) {
        let key = Key {
            revision,
            counts: [
                map.n_actors(),
                map.n_issues(),
                map.n_positions(),
                map.n_relations(),
                map.sources().count(),
            ],
            filter: self.timeline.filter(),
            colour: self.colour_by_coalition && !lens,
            highlight: self.highlight_frustrated,
            coalitions: self.colour_by_coalition
                || self.highlight_frustrated
                || self.matrix_sort == MatrixSort::ByCoalition,
            lens,
            dark,
        };
        if self.computed.as_ref().is_some_and(|c| c.key == key) {
            return;
        }
        let shown = key
            .filter
            .as_ref()
            .map(|(range, undated)| map_as_of_with(map, range, *undated));
        let basis = shown.as_ref().unwrap_or(map);
        self.n_computed += 1;
        let mut overlay = CanvasOverlay {
            revision: self.n_computed,
            ..CanvasOverlay::default()
        };
        let mut coalition_of = BTreeMap::new();
        if key.coalitions {
            let graph = signed_graph(basis);
            let split = frustration(&graph, EXACT_LIMIT);
            let (a, b) = split.coalitions(&graph);
            for (index, members) in [a, b].into_iter().enumerate() {
                for actor in members {
                    coalition_of.insert(actor, index);
                }
            }
            if key.colour {
                overlay.node_fill = coalition_of
                    .iter()
                    .map(|(actor, index)| (actor.clone(), coalition_color(*index)))
                    .collect();
                for (index, name) in ["Coalition A", "Coalition B"].into_iter().enumerate() {
                    overlay
                        .key
                        .push((coalition_color(index), false, name.to_owned()));
                }
            }
            if key.highlight {
                for edge in split
                    .frustrated_edges
                    .iter()
                    .filter_map(|&i| graph.edges.get(i))
                {
                    if let (Some(a), Some(b)) = (graph.actors.get(edge.a), graph.actors.get(edge.b))
                    {
                        overlay.highlight_tie(a, b);
                    }
                }
                let n_ties = split.frustrated_edges.len();
                let mut text = match n_ties {
                    0 => "No frustrated ties".to_owned(),
                    1 => "1 frustrated tie".to_owned(),
                    n => format!("{n} frustrated ties"),
                };
                if !split.exact {
                    // Above the exact limit the split is the best found, not proven.
                    text.push_str(" (heuristic)");
                }
                overlay.key.push((frustrated_color(dark), true, text));
            }
        }
        self.computed = Some(Computed {
            key,
            shown,
            coalition_of: Arc::new(coalition_of),
            overlay: Arc::new(overlay),
        });
    }

    /// The map the canvas and matrix show: `map` as of the timeline's range.
    pub fn shown<'a>(&'a self, map: &'a StanceMap) -> &'a StanceMap {
        self.computed
            .as_ref()
            .and_then(|c| c.shown.as_ref())
            .unwrap_or(map)
    }

    /// What the canvas lays over the map (empty until [`Self::refresh`]).
    pub fn overlay(&self) -> Arc<CanvasOverlay> {
        self.computed
            .as_ref()
            .map_or_else(Default::default, |c| Arc::clone(&c.overlay))
    }

    /// Coalition per aligned actor (0 = A, 1 = B), when a choice needs it.
    pub fn coalition_of(&self) -> Arc<BTreeMap<ActorId, usize>> {
        self.computed
            .as_ref()
            .map_or_else(Default::default, |c| Arc::clone(&c.coalition_of))
    }

    /// Forgets what was computed (another document was opened).
    pub fn forget(&mut self) {
        self.computed = None;
    }
}
