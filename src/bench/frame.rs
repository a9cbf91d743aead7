//! The canvas frame benchmark: one headless `egui::Context` pass of the real
//! [`canvas_ui`] (scene, culling, labels, hit-testing) plus tessellation at
//! 1920×1080, next to the floor: the same edges as one bare batched mesh.

use std::time::Duration;

use egui::{Color32, Mesh, Pos2, RawInput, Rect, Shape, Vec2};

use crate::gui::canvas::{CanvasFilter, CanvasState, View, canvas_ui};
use crate::gui::command::Selection;
use crate::stance_map::StanceMap;

/// The screen the frame is drawn for, in points (pixels per point 1).
pub const SCREEN: Vec2 = Vec2::new(1920.0, 1080.0);

/// Times of `n_frames` canvas frames after two warm-up frames (fonts, first fit).
/// The pointer moves a little every frame so hover and hit tests run as they do
/// when a user moves the mouse. With `zooming`, every frame also zooms a little in
/// or out, so the camera changes and the canvas repaints and re-tessellates its
/// whole picture (the cost of a frame during a pan or zoom).
pub fn canvas_frames(map: &StanceMap, n_frames: usize, zooming: bool) -> Vec<Duration> {
    let ctx = egui::Context::default();
    let mut state = CanvasState::default();
    let filter = CanvasFilter::default();
    let selection = Selection::default();
    let mut times = Vec::with_capacity(n_frames);
    for frame in 0..n_frames + 2 {
        let pointer = Pos2::new(
            400.0 + (frame * 37 % 900) as f32,
            300.0 + (frame * 53 % 500) as f32,
        );
        let mut events = vec![egui::Event::PointerMoved(pointer)];
        if zooming && frame >= 2 {
            events.push(egui::Event::Zoom(if frame % 2 == 0 {
                1.05
            } else {
                1.0 / 1.05
            }));
        }
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            events,
            ..RawInput::default()
        };
        let (elapsed, ()) = super::timed(|| {
            let output = ctx.run_ui(input, |ui| {
                let _ = canvas_ui(ui, map, &View::Positions, &filter, &selection, &mut state);
            });
            let mut output = output;
            let shapes = std::mem::take(&mut output.shapes);
            let primitives = ctx.tessellate(shapes, output.pixels_per_point);
            // Headless: there is no renderer to apply the font atlas deltas to.
            output.drop_without_applying_deltas();
            std::hint::black_box(primitives);
        });
        if frame >= 2 {
            times.push(elapsed);
        }
    }
    times
}

/// Times of `n_frames` frames that draw every edge of `map` (straight, 1.5 points
/// wide, at the saved node places scaled to fit the screen) as one mesh built by
/// hand, plus tessellation: what a frame costs with no per-edge shapes, no labels,
/// no culling and no interaction.
pub fn bare_mesh_frames(map: &StanceMap, n_frames: usize) -> Vec<Duration> {
    let segments = edge_segments(map);
    let ctx = egui::Context::default();
    let mut times = Vec::with_capacity(n_frames);
    for frame in 0..n_frames + 2 {
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            ..RawInput::default()
        };
        let (elapsed, ()) = super::timed(|| {
            let output = ctx.run_ui(input, |ui| {
                let mut mesh = Mesh::default();
                mesh.reserve_vertices(segments.len() * 4);
                mesh.reserve_triangles(segments.len() * 2);
                for (a, b, color) in &segments {
                    let normal = (*b - *a).normalized().rot90() * 0.75;
                    let base = mesh.vertices.len() as u32;
                    mesh.colored_vertex(*a + normal, *color);
                    mesh.colored_vertex(*a - normal, *color);
                    mesh.colored_vertex(*b + normal, *color);
                    mesh.colored_vertex(*b - normal, *color);
                    mesh.add_triangle(base, base + 1, base + 2);
                    mesh.add_triangle(base + 1, base + 2, base + 3);
                }
                ui.painter().add(Shape::mesh(mesh));
            });
            let mut output = output;
            let shapes = std::mem::take(&mut output.shapes);
            let primitives = ctx.tessellate(shapes, output.pixels_per_point);
            // Headless: there is no renderer to apply the font atlas deltas to.
            output.drop_without_applying_deltas();
            std::hint::black_box(primitives);
        });
        if frame >= 2 {
            times.push(elapsed);
        }
    }
    times
}

/// Every position and relation as a screen segment, coloured by stance.
fn edge_segments(map: &StanceMap) -> Vec<(Pos2, Pos2, Color32)> {
    let places: Vec<(f32, f32)> = map.layouts().map(|(_, l)| (l.x, l.y)).collect();
    let (mut min, mut max) = (Pos2::new(f32::MAX, f32::MAX), Pos2::new(f32::MIN, f32::MIN));
    for (x, y) in &places {
        min = min.min(Pos2::new(*x, *y));
        max = max.max(Pos2::new(*x, *y));
    }
    let extent = (max - min).max(Vec2::splat(1.0));
    let scale = (SCREEN.x / extent.x).min(SCREEN.y / extent.y);
    let screen = |node: &crate::stance_map::NodeRef| {
        map.layout_of(node)
            .map(|l| Pos2::new((l.x - min.x) * scale, (l.y - min.y) * scale))
    };
    let colour = |stance| match stance {
        crate::stance_map::Stance::Support => Color32::from_rgb(40, 150, 70),
        crate::stance_map::Stance::Oppose => Color32::from_rgb(200, 60, 50),
    };
    let mut segments = Vec::with_capacity(map.n_positions() + map.n_relations());
    for position in map.positions() {
        let a = screen(&crate::stance_map::NodeRef::Actor(position.actor.clone()));
        let b = screen(&crate::stance_map::NodeRef::Issue(position.issue.clone()));
        if let (Some(a), Some(b)) = (a, b) {
            segments.push((a, b, colour(position.claim.stance)));
        }
    }
    for relation in map.relations() {
        let a = screen(&crate::stance_map::NodeRef::Actor(relation.source.clone()));
        let b = screen(&crate::stance_map::NodeRef::Actor(relation.target.clone()));
        if let (Some(a), Some(b)) = (a, b) {
            segments.push((a, b, colour(relation.claim.stance)));
        }
    }
    segments
}
