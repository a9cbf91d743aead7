//! Node labels at a readable screen size: they follow the egui body text style (at
//! least [`MIN_LABEL_POINTS`]) and never shrink with zoom. A greedy pass places them
//! in priority order (selected, hovered and their neighbours, then by degree), each at
//! the first candidate spot that overlaps no label already placed; the rest show on
//! hover. Issue labels wrap to two rows before they end in "…".

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{LayoutJob, TextWrapping};
use egui::{Align, Color32, FontId, Galley, Painter, Pos2, Rect, Vec2};

use super::scene::Scene;
use crate::layout::ACTOR_RADIUS;

/// Smallest label size in points, whatever the text style says.
pub const MIN_LABEL_POINTS: f32 = 11.0;
/// Widest an actor's label may get before it ends in "…", in points.
const ACTOR_LABEL_MAX_WIDTH: f32 = 170.0;
/// Width an issue label wraps at, in points.
const ISSUE_LABEL_WIDTH: f32 = 150.0;
/// Padding around a label's text, inside its drawn backdrop.
pub const LABEL_PADDING: Vec2 = Vec2::new(3.0, 1.0);
/// Most labels one frame tries to place; the rest show on hover.
pub const MAX_LABELS: usize = 2_000;
/// Side of a spatial-grid cell, in points.
const CELL: f32 = 64.0;

/// One label as drawn: whose, where (screen points, backdrop included) and its text.
#[derive(Clone)]
pub struct PlacedLabel {
    pub node: usize,
    pub rect: Rect,
    pub galley: Arc<Galley>,
}

/// What the placement needs besides the scene.
pub struct LabelInputs<'a> {
    pub scene: &'a Scene,
    /// Each node's screen position (same order as `scene.nodes`).
    pub screen: &'a [Pos2],
    pub zoom: f32,
    pub font: FontId,
    /// Labels must lie inside this rect (the canvas).
    pub clip: Rect,
    /// Nodes placed first, in this order (selected, hovered, their neighbours).
    pub first: &'a [usize],
    /// Only `first` is placed (and only their shapes are obstacles): the hover
    /// overlay of a big map labels the hovered node and its neighbours on top.
    pub only_first: bool,
    /// Most labels to place (level of detail: fewer on a zoomed-out big map).
    pub max_labels: usize,
}

/// The label font: the body text style, never below [`MIN_LABEL_POINTS`].
pub fn label_font(style: &egui::Style) -> FontId {
    let mut font = egui::TextStyle::Body.resolve(style);
    font.size = font.size.max(MIN_LABEL_POINTS);
    font
}

/// Places labels greedily; no two returned rects overlap. Linear in the number of
/// visible nodes (a grid finds neighbours), capped at [`MAX_LABELS`].
pub fn place_labels(
    painter: &Painter,
    color: Color32,
    inputs: &LabelInputs<'_>,
) -> Vec<PlacedLabel> {
    let order = priority_order(inputs);
    let mut placed: Vec<PlacedLabel> = Vec::new();
    let mut grid = Grid::default();
    // Node shapes are soft obstacles: a label avoids them when it can.
    let mut shapes = Grid::default();
    let shape_rects: Vec<Option<Rect>> = if inputs.only_first {
        let mut rects = vec![None; inputs.scene.nodes.len()];
        for &i in inputs.first {
            if let Some(rect) = rects.get_mut(i) {
                *rect = shape_rect(inputs, i);
            }
        }
        rects
    } else {
        (0..inputs.scene.nodes.len())
            .map(|i| shape_rect(inputs, i))
            .collect()
    };
    for (i, rect) in shape_rects.iter().enumerate() {
        if let Some(rect) = rect {
            shapes.insert(*rect, i);
        }
    }
    for node in order.into_iter().take(inputs.max_labels) {
        let (Some(scene_node), Some(&centre)) =
            (inputs.scene.nodes.get(node), inputs.screen.get(node))
        else {
            continue;
        };
        let galley = painter.layout_job(label_job(
            &scene_node.label,
            inputs.font.clone(),
            color,
            scene_node.is_issue(),
        ));
        let size = galley.size() + 2.0 * LABEL_PADDING;
        let candidates = candidates(inputs, scene_node.is_issue(), centre, size);
        let free_of_labels = |rect: &Rect| {
            inputs.clip.contains_rect(*rect)
                && !grid.any(*rect, |other| {
                    placed.get(other).is_some_and(|p| p.rect.intersects(*rect))
                })
        };
        let free_of_shapes = |rect: &Rect| {
            !shapes.any(*rect, |other| {
                other != node
                    && shape_rects
                        .get(other)
                        .copied()
                        .flatten()
                        .is_some_and(|shape| shape.intersects(*rect))
            })
        };
        let chosen = candidates
            .iter()
            .find(|rect| free_of_labels(rect) && free_of_shapes(rect))
            .or_else(|| candidates.iter().find(|rect| free_of_labels(rect)))
            .copied();
        if let Some(rect) = chosen {
            grid.insert(rect, placed.len());
            placed.push(PlacedLabel { node, rect, galley });
        }
    }
    placed
}

/// `first`, then every other visible node by degree (most edges first), then index.
fn priority_order(inputs: &LabelInputs<'_>) -> Vec<usize> {
    let n = inputs.scene.nodes.len();
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(if inputs.only_first {
        inputs.first.len()
    } else {
        n
    });
    for &node in inputs.first {
        if let Some(flag) = seen.get_mut(node)
            && !*flag
        {
            *flag = true;
            order.push(node);
        }
    }
    if inputs.only_first {
        return order;
    }
    let mut degree = vec![0usize; n];
    for edge in &inputs.scene.edges {
        for end in [edge.a, edge.b] {
            if let Some(d) = degree.get_mut(end) {
                *d += 1;
            }
        }
    }
    let near = inputs.clip.expand(200.0);
    let mut rest: Vec<usize> = (0..n)
        .filter(|&i| !seen.get(i).copied().unwrap_or(true))
        .filter(|&i| inputs.screen.get(i).is_some_and(|p| near.contains(*p)))
        .collect();
    rest.sort_by_key(|&i| (std::cmp::Reverse(degree.get(i).copied().unwrap_or(0)), i));
    order.extend(rest);
    order
}

/// The screen rect a node's shape covers, if it is near the canvas.
fn shape_rect(inputs: &LabelInputs<'_>, i: usize) -> Option<Rect> {
    let node = inputs.scene.nodes.get(i)?;
    let centre = *inputs.screen.get(i)?;
    let rect = Rect::from_center_size(centre, node.half_size() * 2.0 * inputs.zoom);
    rect.intersects(inputs.clip).then_some(rect)
}

/// Where a label of `size` may go, best first: actors below, above, right, left of
/// the circle; issues centred on their box, then below, then above it.
fn candidates(inputs: &LabelInputs<'_>, issue: bool, centre: Pos2, size: Vec2) -> Vec<Rect> {
    let at = |x: f32, y: f32| Rect::from_min_size(Pos2::new(x, y), size);
    if issue {
        let half_height = crate::layout::ISSUE_HALF_HEIGHT * inputs.zoom;
        let gap = half_height.max(size.y / 2.0) + 2.0;
        vec![
            Rect::from_center_size(centre, size),
            at(centre.x - size.x / 2.0, centre.y + gap),
            at(centre.x - size.x / 2.0, centre.y - gap - size.y),
        ]
    } else {
        let r = ACTOR_RADIUS * inputs.zoom + 2.0;
        vec![
            at(centre.x - size.x / 2.0, centre.y + r),
            at(centre.x - size.x / 2.0, centre.y - r - size.y),
            at(centre.x + r + 2.0, centre.y - size.y / 2.0),
            at(centre.x - r - 2.0 - size.x, centre.y - size.y / 2.0),
        ]
    }
}

/// A label's text: actors on one row, issues on two, then "…".
pub fn label_job(text: &str, font: FontId, color: Color32, issue: bool) -> LayoutJob {
    let width = if issue {
        ISSUE_LABEL_WIDTH
    } else {
        ACTOR_LABEL_MAX_WIDTH
    };
    let mut job = LayoutJob::simple(text.to_owned(), font, color, width);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: if issue { 2 } else { 1 },
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    job.halign = Align::Center;
    job
}

/// A coarse spatial hash of rects, so each placement checks only nearby labels.
#[derive(Default)]
struct Grid {
    cells: HashMap<(i32, i32), Vec<usize>>,
    /// Rects too big for the grid, checked every time.
    big: Vec<usize>,
}

impl Grid {
    fn cells_of(rect: Rect) -> Option<impl Iterator<Item = (i32, i32)>> {
        let (x0, x1) = ((rect.left() / CELL).floor(), (rect.right() / CELL).floor());
        let (y0, y1) = ((rect.top() / CELL).floor(), (rect.bottom() / CELL).floor());
        if !(x0.is_finite() && x1.is_finite() && y0.is_finite() && y1.is_finite())
            || (x1 - x0 + 1.0) * (y1 - y0 + 1.0) > 64.0
        {
            return None;
        }
        let (x0, x1, y0, y1) = (x0 as i32, x1 as i32, y0 as i32, y1 as i32);
        Some((x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y))))
    }

    fn insert(&mut self, rect: Rect, value: usize) {
        match Self::cells_of(rect) {
            Some(cells) => {
                for cell in cells {
                    self.cells.entry(cell).or_default().push(value);
                }
            }
            None => self.big.push(value),
        }
    }

    fn any(&self, rect: Rect, mut hit: impl FnMut(usize) -> bool) -> bool {
        if self.big.iter().any(|&value| hit(value)) {
            return true;
        }
        match Self::cells_of(rect) {
            Some(mut cells) => cells.any(|cell| {
                self.cells
                    .get(&cell)
                    .is_some_and(|values| values.iter().any(|&value| hit(value)))
            }),
            None => self.cells.values().flatten().any(|&value| hit(value)),
        }
    }
}
