//! The force simulation: repulsion between all nodes (Barnes–Hut beyond a few
//! hundred nodes), signed springs along edges, a weak pull to the centre, cooling.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::graph::{LayoutEdge, LayoutGraph, LayoutGraphKind};
use super::{Anchoring, IDEAL_EDGE_LENGTH, NODE_MARGIN, node_extent, node_unit, overlap};
use crate::stance_map::{NodeLayout, NodeRef, StanceMap};

/// Below this many nodes repulsion is computed exactly, pair by pair.
const EXACT_REPULSION_MAX_NODES: usize = 400;
/// Barnes–Hut opening angle: a cell this far away (size / distance) counts as one body.
const THETA: f32 = 0.9;
/// Pull towards the centre (grows with the square of the distance), so isolated
/// nodes and disconnected parts stay near the rest instead of drifting off.
const GRAVITY: f32 = 0.25;
/// The share of the area a big graph's nodes span that their boxes may fill before
/// the overlap pass (see `ForceLayout::make_room`).
const ROOM_FILL: f32 = 0.3;
/// Most passes the final overlap removal may take.
const MAX_SPREAD_PASSES: usize = 200;

/// An incremental layout run: call [`ForceLayout::step`] a few times per frame, or
/// [`ForceLayout::finish`] to run it to the end.
#[derive(Clone, Debug)]
pub struct ForceLayout {
    nodes: Vec<NodeRef>,
    edges: Vec<LayoutEdge>,
    positions: Vec<[f32; 2]>,
    fixed: Vec<bool>,
    extents: Vec<(f32, f32)>,
    centre: [f32; 2],
    iteration: usize,
    iterations: usize,
    start_temperature: f32,
    spread_done: bool,
}

impl ForceLayout {
    /// Prepares a run over the view `kind` of `map`. In the issue lens the issue sits
    /// fixed at the origin and saved layouts are ignored (the lens is its own picture).
    pub fn new(
        map: &StanceMap,
        kind: &LayoutGraphKind,
        anchoring: Anchoring,
        iterations: usize,
    ) -> Self {
        let graph = LayoutGraph::from_map(map, kind);
        match kind {
            LayoutGraphKind::IssueLens(issue) => {
                let centre = NodeRef::Issue(issue.clone());
                let saved = |node: &NodeRef| {
                    (node == &centre).then_some(NodeLayout {
                        x: 0.0,
                        y: 0.0,
                        pinned: true,
                    })
                };
                Self::from_graph(graph, iterations, anchoring, saved)
            }
            _ => Self::from_graph(graph, iterations, anchoring, |node| map.layout_of(node)),
        }
        .with_extents(|node| super::label_extent(map, node))
    }

    /// Widens each node's box to at least `extent(node)` (half width, half height), so
    /// the overlap pass keeps room for labels.
    pub fn with_extents(mut self, extent: impl Fn(&NodeRef) -> (f32, f32)) -> Self {
        for (node, (w, h)) in self.nodes.iter().zip(self.extents.iter_mut()) {
            let (ew, eh) = extent(node);
            *w = w.max(ew);
            *h = h.max(eh);
        }
        self
    }

    /// Prepares a run over `graph`. Nodes with a saved layout start there; which of
    /// them stay put is chosen by `anchoring`.
    pub fn from_graph(
        graph: LayoutGraph,
        iterations: usize,
        anchoring: Anchoring,
        saved: impl Fn(&NodeRef) -> Option<NodeLayout>,
    ) -> Self {
        let LayoutGraph { nodes, edges } = graph;
        let n = nodes.len();
        let mut positions = vec![[0.0f32; 2]; n];
        let mut fixed = vec![false; n];
        let mut placed = vec![false; n];
        for (i, node) in nodes.iter().enumerate() {
            if let Some(layout) = saved(node)
                && layout.x.is_finite()
                && layout.y.is_finite()
            {
                positions[i] = [layout.x, layout.y];
                placed[i] = true;
                fixed[i] = layout.pinned || anchoring == Anchoring::AllSaved;
            }
        }
        let centre = centroid(&positions, &placed).unwrap_or([0.0, 0.0]);
        initial_positions(&nodes, &edges, &mut positions, &placed, centre);
        let extents = nodes.iter().map(node_extent).collect();
        let n_free = fixed.iter().filter(|f| !**f).count();
        let n_started = placed
            .iter()
            .zip(&fixed)
            .filter(|(placed, fixed)| **placed && !**fixed)
            .count();
        let mut start_temperature = IDEAL_EDGE_LENGTH * (1.0 + (n_free as f32).sqrt() * 0.2);
        if n_free > 0 {
            // Nodes that start from a saved place only need a gentle settle.
            start_temperature *= 1.0 - 0.8 * n_started as f32 / n_free as f32;
        }
        Self {
            nodes,
            edges,
            positions,
            fixed,
            extents,
            centre,
            iteration: 0,
            iterations: if n_free == 0 { 0 } else { iterations },
            start_temperature,
            spread_done: n_free == 0,
        }
    }

    pub fn n_nodes(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_done(&self) -> bool {
        self.spread_done
    }

    /// How far the run is, `0.0..=1.0`.
    pub fn progress(&self) -> f32 {
        if self.spread_done {
            1.0
        } else {
            self.iteration as f32 / (self.iterations + 1) as f32
        }
    }

    /// Steps left before the run is done (force iterations plus the overlap pass).
    pub fn steps_left(&self) -> usize {
        if self.spread_done {
            0
        } else {
            self.iterations.saturating_sub(self.iteration) + 1
        }
    }

    /// Rough cost of one step, in node/edge visits; callers budget steps per frame with it.
    pub fn step_cost(&self) -> usize {
        let n = self.nodes.len();
        let repulsion = if n <= EXACT_REPULSION_MAX_NODES {
            n * n / 2
        } else {
            n * 12 * (usize::BITS - n.leading_zeros()) as usize
        };
        repulsion + self.edges.len() + n
    }

    /// Runs one iteration (the last one spreads overlapping nodes); returns whether
    /// there is more to do.
    pub fn step(&mut self) -> bool {
        if self.spread_done {
            return false;
        }
        if self.iteration < self.iterations {
            self.iterate();
            self.iteration += 1;
        } else {
            if self.nodes.len() > EXACT_REPULSION_MAX_NODES {
                self.make_room();
            }
            overlap::spread(
                &mut self.positions,
                &self.extents,
                &self.fixed,
                NODE_MARGIN,
                MAX_SPREAD_PASSES,
            );
            self.spread_done = true;
        }
        !self.spread_done
    }

    /// Runs the remaining iterations and the overlap pass.
    pub fn finish(&mut self) {
        while self.step() {}
    }

    /// Current position of every node.
    pub fn positions(&self) -> BTreeMap<NodeRef, (f32, f32)> {
        self.nodes
            .iter()
            .zip(&self.positions)
            .map(|(node, [x, y])| (node.clone(), (*x, *y)))
            .collect()
    }

    /// Spreads a big graph's free nodes evenly about their centre until their boxes
    /// could fit without overlap (at [`ROOM_FILL`] of the area they span), so the
    /// overlap pass has only local collisions to settle instead of a packed disc:
    /// its passes, each linear, drop from hundreds to a few. Nothing happens when a
    /// node is fixed (the free ones must stay near the fixed ones) or there is room.
    fn make_room(&mut self) {
        if self.fixed.iter().any(|fixed| *fixed) {
            return;
        }
        let n = self.positions.len();
        if n < 2 {
            return;
        }
        let needed: f32 = self
            .extents
            .iter()
            .map(|(w, h)| (2.0 * w + NODE_MARGIN) * (2.0 * h + NODE_MARGIN))
            .sum();
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        let (mut sx, mut sy) = (0.0f64, 0.0f64);
        for [x, y] in &self.positions {
            min_x = min_x.min(*x);
            min_y = min_y.min(*y);
            max_x = max_x.max(*x);
            max_y = max_y.max(*y);
            sx += f64::from(*x);
            sy += f64::from(*y);
        }
        let area = ((max_x - min_x) * (max_y - min_y)).max(1.0);
        let scale = (needed / (ROOM_FILL * area)).sqrt();
        if !scale.is_finite() || scale <= 1.0 {
            return;
        }
        let (cx, cy) = ((sx / n as f64) as f32, (sy / n as f64) as f32);
        for [x, y] in &mut self.positions {
            *x = cx + (*x - cx) * scale;
            *y = cy + (*y - cy) * scale;
        }
    }

    /// Moves a node (for example one the user dragged) and keeps it there.
    pub fn fix_node(&mut self, node: &NodeRef, x: f32, y: f32) {
        if let Some(i) = self.nodes.iter().position(|n| n == node)
            && x.is_finite()
            && y.is_finite()
        {
            self.positions[i] = [x, y];
            self.fixed[i] = true;
        }
    }

    fn iterate(&mut self) {
        let n = self.positions.len();
        let k = IDEAL_EDGE_LENGTH;
        let mut displacement = vec![[0.0f32; 2]; n];
        if n <= EXACT_REPULSION_MAX_NODES {
            exact_repulsion(&self.positions, &mut displacement, k);
        } else {
            let tree = QuadTree::build(&self.positions);
            // Each node's push is computed on its own from the shared tree, so the
            // work splits across threads and the result does not depend on how.
            let positions = &self.positions;
            displacement
                .par_iter_mut()
                .enumerate()
                .for_each_init(Vec::new, |stack, (i, d)| {
                    let [fx, fy] = tree.repulsion(positions, i, k, stack);
                    d[0] += fx;
                    d[1] += fy;
                });
        }
        for edge in &self.edges {
            let (Some(&[ax, ay]), Some(&[bx, by])) =
                (self.positions.get(edge.a), self.positions.get(edge.b))
            else {
                continue;
            };
            let (dx, dy) = (bx - ax, by - ay);
            let distance = (dx * dx + dy * dy).sqrt().max(1.0);
            // Positive pulls together, negative pushes apart.
            let force =
                edge.attraction * distance * distance / k - edge.repulsion * k * k / distance;
            let (ux, uy) = (dx / distance, dy / distance);
            if let Some(d) = displacement.get_mut(edge.a) {
                d[0] += ux * force;
                d[1] += uy * force;
            }
            if let Some(d) = displacement.get_mut(edge.b) {
                d[0] -= ux * force;
                d[1] -= uy * force;
            }
        }
        let progress = self.iteration as f32 / self.iterations.max(1) as f32;
        let temperature = (self.start_temperature * (1.0 - progress)).max(1.0);
        for ((position, fixed), push) in self
            .positions
            .iter_mut()
            .zip(&self.fixed)
            .zip(&displacement)
        {
            if *fixed {
                continue;
            }
            let [x, y] = *position;
            let [mut dx, mut dy] = *push;
            let (cx, cy) = (x - self.centre[0], y - self.centre[1]);
            let pull = GRAVITY * (cx * cx + cy * cy).sqrt() / k;
            dx -= pull * cx;
            dy -= pull * cy;
            let length = (dx * dx + dy * dy).sqrt();
            if !length.is_finite() || length < 1e-6 {
                continue;
            }
            let scale = length.min(temperature) / length;
            *position = [x + dx * scale, y + dy * scale];
        }
    }
}

/// `k² / d` between every pair; coincident nodes are split along a fixed direction.
fn exact_repulsion(positions: &[[f32; 2]], displacement: &mut [[f32; 2]], k: f32) {
    for i in 0..positions.len() {
        for j in (i + 1)..positions.len() {
            let [fx, fy] = repel(positions[i], positions[j], k, i, j);
            displacement[i][0] += fx;
            displacement[i][1] += fy;
            displacement[j][0] -= fx;
            displacement[j][1] -= fy;
        }
    }
}

/// The push on a node at `a` away from one at `b`.
fn repel(a: [f32; 2], b: [f32; 2], k: f32, i: usize, j: usize) -> [f32; 2] {
    let (mut dx, mut dy) = (a[0] - b[0], a[1] - b[1]);
    let mut distance_sq = dx * dx + dy * dy;
    if distance_sq < 1e-4 {
        // Same spot: split them along a direction fixed by the pair, opposite for each.
        let (low, high) = (i.min(j), i.max(j));
        let angle =
            (low.wrapping_mul(31).wrapping_add(high) % 360) as f32 * std::f32::consts::PI / 180.0;
        let sign = if i < j { 1.0 } else { -1.0 };
        dx = sign * angle.cos();
        dy = sign * angle.sin();
        distance_sq = 1.0;
    }
    let distance_sq = distance_sq.max(1.0);
    // k² / d along the unit vector (dx, dy) / d.
    let factor = k * k / distance_sq;
    [dx * factor, dy * factor]
}

fn centroid(positions: &[[f32; 2]], placed: &[bool]) -> Option<[f32; 2]> {
    let (mut sx, mut sy, mut count) = (0.0f64, 0.0f64, 0usize);
    for (p, placed) in positions.iter().zip(placed) {
        if *placed {
            sx += f64::from(p[0]);
            sy += f64::from(p[1]);
            count += 1;
        }
    }
    (count > 0).then(|| [(sx / count as f64) as f32, (sy / count as f64) as f32])
}

/// Seeds unplaced nodes: next to their placed neighbours if they have some, else on
/// a circle around `centre`, with angle and radius jittered by the node's id hash.
fn initial_positions(
    nodes: &[NodeRef],
    edges: &[LayoutEdge],
    positions: &mut [[f32; 2]],
    placed: &[bool],
    centre: [f32; 2],
) {
    let n_new = placed.iter().filter(|p| !**p).count();
    if n_new == 0 {
        return;
    }
    let mut neighbour_sum = vec![[0.0f32; 2]; nodes.len()];
    let mut neighbour_count = vec![0usize; nodes.len()];
    for edge in edges {
        for (from, to) in [(edge.a, edge.b), (edge.b, edge.a)] {
            if placed.get(from) == Some(&false) && placed.get(to) == Some(&true) {
                neighbour_sum[from][0] += positions[to][0];
                neighbour_sum[from][1] += positions[to][1];
                neighbour_count[from] += 1;
            }
        }
    }
    let radius = IDEAL_EDGE_LENGTH * 0.6 * (n_new as f32).sqrt().max(1.0);
    let mut rank = 0usize;
    for (i, node) in nodes.iter().enumerate() {
        if placed[i] {
            continue;
        }
        let jitter_angle = node_unit(node, 1) * std::f32::consts::TAU;
        let jitter_radius = node_unit(node, 2);
        positions[i] = if neighbour_count[i] > 0 {
            let count = neighbour_count[i] as f32;
            let r = IDEAL_EDGE_LENGTH * (0.5 + 0.5 * jitter_radius);
            [
                neighbour_sum[i][0] / count + r * jitter_angle.cos(),
                neighbour_sum[i][1] / count + r * jitter_angle.sin(),
            ]
        } else {
            let angle =
                std::f32::consts::TAU * (rank as f32 + 0.5 * node_unit(node, 1)) / n_new as f32;
            let r = radius * (0.6 + 0.4 * jitter_radius);
            [centre[0] + r * angle.cos(), centre[1] + r * angle.sin()]
        };
        rank += 1;
    }
}

/// A Barnes–Hut quadtree over node positions, built fresh each iteration.
struct QuadTree {
    cells: Vec<Cell>,
    /// Node indices, grouped so each leaf owns a contiguous range.
    order: Vec<usize>,
}

struct Cell {
    centre_x: f32,
    centre_y: f32,
    mass: f32,
    size: f32,
    /// First child cell index (children are 4 consecutive cells), or 0 for a leaf.
    children: usize,
    /// For a leaf: its members in `order`.
    start: usize,
    end: usize,
}

const MAX_DEPTH: usize = 20;
const LEAF_SIZE: usize = 4;

impl QuadTree {
    fn build(positions: &[[f32; 2]]) -> Self {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
        for p in positions {
            min_x = min_x.min(p[0]);
            min_y = min_y.min(p[1]);
            max_x = max_x.max(p[0]);
            max_y = max_y.max(p[1]);
        }
        let size = (max_x - min_x).max(max_y - min_y).max(1.0);
        let mut tree = Self {
            cells: Vec::with_capacity(positions.len() / 2 + 1),
            order: (0..positions.len()).collect(),
        };
        tree.cells.push(Cell {
            centre_x: 0.0,
            centre_y: 0.0,
            mass: 0.0,
            size,
            children: 0,
            start: 0,
            end: positions.len(),
        });
        tree.split(0, positions, [min_x, min_y], 0);
        tree
    }

    fn split(&mut self, cell: usize, positions: &[[f32; 2]], origin: [f32; 2], depth: usize) {
        let (start, end, size) = (
            self.cells[cell].start,
            self.cells[cell].end,
            self.cells[cell].size,
        );
        let members = &mut self.order[start..end];
        let (mut sx, mut sy) = (0.0f32, 0.0f32);
        for &i in members.iter() {
            sx += positions[i][0];
            sy += positions[i][1];
        }
        let mass = members.len() as f32;
        self.cells[cell].mass = mass;
        if mass > 0.0 {
            self.cells[cell].centre_x = sx / mass;
            self.cells[cell].centre_y = sy / mass;
        }
        if members.len() <= LEAF_SIZE || depth >= MAX_DEPTH {
            return;
        }
        let half = size / 2.0;
        let mid = [origin[0] + half, origin[1] + half];
        let quadrant = |i: usize| -> usize {
            usize::from(positions[i][0] >= mid[0]) + 2 * usize::from(positions[i][1] >= mid[1])
        };
        // A stable sort keeps the order deterministic and ties in index order.
        members.sort_by_key(|&i| quadrant(i));
        let mut bounds = [start; 5];
        let mut cursor = start;
        for (q, bound) in bounds.iter_mut().enumerate().skip(1) {
            while cursor < end && quadrant(self.order[cursor]) < q {
                cursor += 1;
            }
            *bound = cursor;
        }
        bounds[4] = end;
        let first_child = self.cells.len();
        self.cells[cell].children = first_child;
        for q in 0..4 {
            self.cells.push(Cell {
                centre_x: 0.0,
                centre_y: 0.0,
                mass: 0.0,
                size: half,
                children: 0,
                start: bounds[q],
                end: bounds[q + 1],
            });
        }
        for q in 0..4 {
            let child_origin = [
                origin[0] + half * (q % 2) as f32,
                origin[1] + half * (q / 2) as f32,
            ];
            self.split(first_child + q, positions, child_origin, depth + 1);
        }
    }

    /// The push on node `i` from every other node; `stack` is scratch space reused
    /// between calls.
    fn repulsion(
        &self,
        positions: &[[f32; 2]],
        i: usize,
        k: f32,
        stack: &mut Vec<usize>,
    ) -> [f32; 2] {
        let p = positions[i];
        let mut force = [0.0f32; 2];
        stack.clear();
        stack.push(0);
        while let Some(c) = stack.pop() {
            let cell = &self.cells[c];
            if cell.mass == 0.0 {
                continue;
            }
            if cell.children == 0 {
                for &j in &self.order[cell.start..cell.end] {
                    if j != i {
                        let [fx, fy] = repel(p, positions[j], k, i, j);
                        force[0] += fx;
                        force[1] += fy;
                    }
                }
                continue;
            }
            let (dx, dy) = (p[0] - cell.centre_x, p[1] - cell.centre_y);
            let distance_sq = dx * dx + dy * dy;
            // size / distance < THETA, without the square root.
            if distance_sq > 0.0 && cell.size * cell.size < THETA * THETA * distance_sq {
                let factor = cell.mass * k * k / distance_sq.max(1.0);
                force[0] += dx * factor;
                force[1] += dy * factor;
            } else {
                stack.extend(cell.children..cell.children + 4);
            }
        }
        force
    }
}
