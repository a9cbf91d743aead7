//! Painting edges: solid green support, dashed red opposition, arrowheads at the
//! target, width by strength, faded when unsure; a changed (mixed) claim is half in
//! each style. Many edges go into one mesh; zoomed out on a big map (level of
//! detail) an edge is one thin line in its stance's colour, without dashes, arrowhead
//! or marks.

use egui::epaint::{Mesh, PathStroke};
use egui::{Color32, Pos2, Rect, Shape, Stroke, Vec2};

use super::scene::{Scene, SceneEdge, SceneNode};
use crate::gui::theme;
use crate::stance_map::{Origin, Stance};

/// Above this many visible edges, lines become plain triangles in one mesh (no
/// anti-aliasing, but one shape instead of tens of thousands).
const MESH_EDGE_THRESHOLD: usize = 2500;
/// Most dashes drawn for one edge; longer edges get longer dashes.
const MAX_DASHES: f32 = 40.0;

/// Collects line pieces either as anti-aliased shapes or into one mesh.
pub struct EdgeSink {
    shapes: Vec<Shape>,
    mesh: Option<Mesh>,
}

impl EdgeSink {
    pub fn new(n_edges: usize) -> Self {
        Self {
            shapes: Vec::new(),
            mesh: (n_edges > MESH_EDGE_THRESHOLD).then(Mesh::default),
        }
    }

    pub fn line(&mut self, a: Pos2, b: Pos2, width: f32, color: Color32) {
        match &mut self.mesh {
            Some(mesh) => {
                let direction = (b - a).normalized();
                let normal = Vec2::new(-direction.y, direction.x) * (width * 0.5).max(0.5);
                let base = mesh.vertices.len() as u32;
                for p in [a + normal, a - normal, b - normal, b + normal] {
                    mesh.colored_vertex(p, color);
                }
                mesh.add_triangle(base, base + 1, base + 2);
                mesh.add_triangle(base, base + 2, base + 3);
            }
            None => self
                .shapes
                .push(Shape::line_segment([a, b], Stroke::new(width, color))),
        }
    }

    pub fn triangle(&mut self, points: [Pos2; 3], color: Color32) {
        match &mut self.mesh {
            Some(mesh) => {
                let base = mesh.vertices.len() as u32;
                for p in points {
                    mesh.colored_vertex(p, color);
                }
                mesh.add_triangle(base, base + 1, base + 2);
            }
            None => self.shapes.push(Shape::convex_polygon(
                points.to_vec(),
                color,
                PathStroke::NONE,
            )),
        }
    }

    pub fn circle(&mut self, centre: Pos2, radius: f32, fill: Color32, stroke: Stroke) {
        self.shapes.push(Shape::circle_filled(centre, radius, fill));
        self.shapes
            .push(Shape::circle_stroke(centre, radius, stroke));
    }

    /// Appends what was collected to `out`: the mesh first, then the shapes.
    pub fn finish(self, out: &mut Vec<Shape>) {
        if let Some(mesh) = self.mesh
            && !mesh.is_empty()
        {
            out.push(Shape::mesh(mesh));
        }
        out.extend(self.shapes);
    }
}

/// How an edge should look this frame, beyond its own data.
pub struct EdgeLook {
    pub dark: bool,
    pub zoom: f32,
    /// Multiplies the edge's own opacity (hover dimming, filter).
    pub emphasis: f32,
    pub selected: bool,
    /// Another edge runs the opposite way; bend this one aside.
    pub has_reverse: bool,
    /// A frustrated tie of the two-coalition split (overlay): drawn over a glow.
    pub frustrated: bool,
    /// Level of detail for a zoomed-out big map: one plain line, colour only.
    pub simple: bool,
}

/// The point where a ray from a node's centre along `direction` leaves its shape.
pub fn boundary(node: &SceneNode, centre: Pos2, direction: Vec2, zoom: f32) -> Pos2 {
    let half = node.half_size() * zoom;
    if node.is_issue() {
        let tx = if direction.x.abs() > 1e-6 {
            half.x / direction.x.abs()
        } else {
            f32::INFINITY
        };
        let ty = if direction.y.abs() > 1e-6 {
            half.y / direction.y.abs()
        } else {
            f32::INFINITY
        };
        centre + direction * tx.min(ty)
    } else {
        centre + direction * half.x
    }
}

/// Paints one edge between screen points `from` and `to` (node centres).
pub fn paint_edge(
    sink: &mut EdgeSink,
    edge: &SceneEdge,
    (from_node, from): (&SceneNode, Pos2),
    (to_node, to): (&SceneNode, Pos2),
    look: &EdgeLook,
) {
    let delta = to - from;
    if delta.length() < 1.0 {
        return;
    }
    let direction = delta.normalized();
    let normal = Vec2::new(-direction.y, direction.x);
    let scale = look.zoom.clamp(0.35, 1.5);
    let offset = if look.has_reverse {
        normal * 5.0 * scale
    } else {
        Vec2::ZERO
    };
    let start = boundary(from_node, from, direction, look.zoom) + offset;
    let end = boundary(to_node, to, -direction, look.zoom) + offset;
    if (end - start).dot(direction) <= 2.0 {
        return; // The nodes overlap on screen.
    }
    let opacity = if edge.origin == Origin::Extracted {
        0.35 + 0.65 * edge.confidence
    } else {
        1.0
    } * look.emphasis;
    let color = theme::faded(theme::stance_color(edge.stance, look.dark), opacity);
    let width = (1.0 + 2.5 * edge.strength) * scale;
    if look.simple {
        if look.selected {
            sink.line(
                start,
                end,
                width + 6.0,
                theme::faded(theme::selection_color(look.dark), 0.8),
            );
        }
        sink.line(start, end, width, color);
        return;
    }
    let arrow_length = if edge.directed {
        (8.0 + 4.0 * edge.strength) * scale
    } else {
        0.0
    };
    let line_end = end - direction * arrow_length * 0.8;
    if look.selected {
        sink.line(
            start,
            end,
            width + 6.0,
            theme::faded(theme::selection_color(look.dark), 0.8),
        );
    }
    if look.frustrated {
        sink.line(
            start,
            end,
            width + 8.0,
            theme::faded(super::frustrated_color(look.dark), 0.45 * look.emphasis),
        );
    }
    if edge.locked {
        sink.line(
            start,
            line_end,
            width + 3.0,
            theme::faded(theme::locked_color(look.dark), opacity),
        );
    }
    // A changed or mixed claim: the first half in the other stance's colour and
    // style, the second half (towards the arrow) in the latest stance.
    let middle = start + (line_end - start) * 0.5;
    let (earlier, later) = if edge.mixed {
        let other = match edge.stance {
            Stance::Support => Stance::Oppose,
            Stance::Oppose => Stance::Support,
        };
        let other_color = theme::faded(theme::stance_color(other, look.dark), opacity);
        (
            Some((other, other_color, start, middle)),
            (middle, line_end),
        )
    } else {
        (None, (start, line_end))
    };
    if let Some((stance, color, a, b)) = earlier {
        stroke_stance(sink, stance, a, b, width, color, scale);
    }
    stroke_stance(sink, edge.stance, later.0, later.1, width, color, scale);
    if edge.directed {
        let base = end - direction * arrow_length;
        let half_width = arrow_length * 0.55;
        sink.triangle(
            [end, base + normal * half_width, base - normal * half_width],
            color,
        );
    }
    if edge.origin == Origin::Manual && look.zoom > 0.3 {
        // Manual edges carry a small ring at their middle.
        let middle = start + (line_end - start) * 0.5;
        sink.circle(
            middle,
            3.5 * scale,
            theme::canvas_background(look.dark),
            Stroke::new(1.5 * scale, color),
        );
    }
}

fn stroke_stance(
    sink: &mut EdgeSink,
    stance: Stance,
    a: Pos2,
    b: Pos2,
    width: f32,
    color: Color32,
    scale: f32,
) {
    match stance {
        Stance::Support => sink.line(a, b, width, color),
        Stance::Oppose => dashes(sink, a, b, width, color, scale),
    }
}

fn dashes(sink: &mut EdgeSink, start: Pos2, end: Pos2, width: f32, color: Color32, scale: f32) {
    let length = (end - start).length();
    let direction = (end - start) / length.max(1e-6);
    let period = (13.0 * scale).max(length / MAX_DASHES);
    let dash = period * 0.6;
    let mut t = 0.0;
    while t < length {
        let a = start + direction * t;
        let b = start + direction * (t + dash).min(length);
        sink.line(a, b, width, color);
        t += period;
    }
}

/// Whether the segment's bounding box touches `clip`.
pub fn visible(a: Pos2, b: Pos2, clip: Rect) -> bool {
    Rect::from_two_pos(a, b).expand(12.0).intersects(clip)
}

/// Paints the edges `which` (indices into the scene's edges) that touch `clip` into
/// `out`; `screen` holds each node's screen position.
pub fn paint_edges(
    out: &mut Vec<Shape>,
    clip: Rect,
    scene: &Scene,
    screen: &[Pos2],
    which: impl Iterator<Item = usize>,
    look_of: impl Fn(usize, &SceneEdge) -> EdgeLook,
) {
    let visible_edges: Vec<usize> = which
        .filter(|&i| {
            scene
                .edges
                .get(i)
                .is_some_and(|edge| match (screen.get(edge.a), screen.get(edge.b)) {
                    (Some(a), Some(b)) => visible(*a, *b, clip),
                    _ => false,
                })
        })
        .collect();
    let mut sink = EdgeSink::new(visible_edges.len());
    for i in visible_edges {
        let Some(edge) = scene.edges.get(i) else {
            continue;
        };
        let (Some(from_node), Some(to_node)) = (scene.nodes.get(edge.a), scene.nodes.get(edge.b))
        else {
            continue;
        };
        let (Some(&from), Some(&to)) = (screen.get(edge.a), screen.get(edge.b)) else {
            continue;
        };
        let look = look_of(i, edge);
        paint_edge(&mut sink, edge, (from_node, from), (to_node, to), &look);
    }
    sink.finish(out);
}
