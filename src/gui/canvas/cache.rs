//! What makes a canvas frame cheap: the scene's edges, nodes and label backdrops are
//! painted and tessellated once per (scene, camera, canvas rect, selection, style)
//! and reused as one mesh while none of those change; a frame then only re-adds that
//! mesh and the label texts. On a big map (level of detail) hovering does not rebuild
//! it either: the picture is dimmed with one translucent rect and the hovered node,
//! its edges and its neighbours are drawn again on top.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use egui::epaint::{ClippedShape, Primitive};
use egui::{Color32, FontId, Mesh, Painter, Pos2, Rect, Shape, emath::TSTransform};

use super::camera::Camera;
use super::labels::{self, LabelInputs, PlacedLabel};
use super::overlay::CanvasOverlay;
use super::scene::{Scene, SceneEdge};
use super::{edges, nodes};
use crate::gui::command::Selection;
use crate::gui::theme;
use crate::layout::ACTOR_RADIUS;

/// Above this many nodes plus edges, hovering draws an overlay instead of rebuilding
/// the picture, and zoomed out the level of detail drops.
pub const BIG_SCENE_ITEMS: usize = 2_000;
/// Below this zoom a big scene's edges are plain lines (no dashes, arrows or marks).
const SIMPLE_EDGE_ZOOM: f32 = 0.35;
/// Below this actor radius on screen (points) a big scene's nodes are plain dots.
const SIMPLE_NODE_RADIUS: f32 = 3.0;
/// Most labels a big scene places at once.
const BIG_SCENE_MAX_LABELS: usize = 400;
/// How much of the picture the hover overlay hides (`0.0..=1.0`).
const HOVER_DIM: f32 = 0.75;

/// Everything the cached picture depends on besides the scene's content.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameKey {
    pub scene_generation: u64,
    pub camera: Camera,
    pub rect: Rect,
    pub clip: Rect,
    pub selection: Selection,
    /// The hovered node, when hovering rebuilds the picture (small scenes).
    pub hovered: Option<usize>,
    pub dark: bool,
    pub font: FontId,
    pub pixels_per_point: f32,
    /// Prepared discs sit in the font atlas, so a grown atlas moves them.
    pub atlas_size: [usize; 2],
    /// The analysis overlay's revision (coalition fills, frustrated ties).
    pub overlay_revision: u64,
}

/// One tessellated picture of the scene.
pub struct FrameCache {
    pub key: FrameKey,
    /// Each scene node's screen position.
    pub screen: Vec<Pos2>,
    meshes: Vec<Arc<Mesh>>,
    /// Label texts (with the index of their label in `labels`), drawn over the meshes.
    texts: Vec<(usize, Shape)>,
    labels: Vec<PlacedLabel>,
    /// Whether this is a big scene (hover overlay, level of detail).
    big: bool,
    simple_edges: bool,
    simple_nodes: bool,
    /// The analysis overlay the picture was drawn with (for the hover overlay).
    overlay: CanvasOverlay,
}

/// Whether `edge` is a frustrated tie of the overlay's two-coalition split.
fn frustrated(overlay: &CanvasOverlay, scene: &Scene, edge: &SceneEdge) -> bool {
    match (scene.nodes.get(edge.a), scene.nodes.get(edge.b)) {
        (Some(a), Some(b)) => overlay.is_highlighted(&a.node, &b.node),
        _ => false,
    }
}

/// Whether a scene is big enough for the overlay and the level of detail.
pub fn is_big(scene: &Scene) -> bool {
    scene.nodes.len() + scene.edges.len() > BIG_SCENE_ITEMS
}

impl FrameCache {
    /// Paints the scene as `key` describes and tessellates it.
    pub fn build(
        ctx: &egui::Context,
        painter: &Painter,
        scene: &Scene,
        key: FrameKey,
        overlay: &CanvasOverlay,
    ) -> Self {
        let camera = key.camera;
        let zoom = camera.zoom;
        let big = is_big(scene);
        let simple_edges = big && zoom < SIMPLE_EDGE_ZOOM;
        let simple_nodes = big && ACTOR_RADIUS * zoom < SIMPLE_NODE_RADIUS;
        let screen: Vec<Pos2> = scene
            .nodes
            .iter()
            .map(|node| camera.to_screen(key.rect, node.world))
            .collect();
        let hovered = key.hovered;
        let dark = key.dark;
        let neighbours: Option<BTreeSet<usize>> =
            hovered.map(|h| scene.neighbours_of(h).chain(std::iter::once(h)).collect());
        let selected_nodes = selected_node_indices(scene, &key.selection);
        let mut shapes = Vec::new();
        edges::paint_edges(
            &mut shapes,
            key.clip,
            scene,
            &screen,
            0..scene.edges.len(),
            |_, edge| {
                let mut emphasis = if edge.matches { 1.0 } else { 0.2 };
                if let Some(h) = hovered
                    && edge.a != h
                    && edge.b != h
                {
                    emphasis *= 0.15;
                }
                edges::EdgeLook {
                    dark,
                    zoom,
                    emphasis,
                    selected: scene.is_selected(edge, &key.selection),
                    has_reverse: edge.has_reverse,
                    simple: simple_edges,
                    frustrated: frustrated(overlay, scene, edge),
                }
            },
        );
        // Labels go first for what the user is looking at: the selection, the hovered
        // node, their neighbours; then the best-connected nodes.
        let mut first: Vec<usize> = selected_nodes.iter().copied().collect();
        first.extend(hovered);
        for focus in first.clone() {
            first.extend(scene.neighbours_of(focus));
        }
        let placed = labels::place_labels(
            painter,
            Color32::PLACEHOLDER,
            &LabelInputs {
                scene,
                screen: &screen,
                zoom,
                font: key.font.clone(),
                clip: key.clip,
                first: &first,
                only_first: false,
                max_labels: if big {
                    BIG_SCENE_MAX_LABELS
                } else {
                    labels::MAX_LABELS
                },
            },
        );
        let label_boxes = label_boxes(scene, &screen, zoom, &placed);
        let mut looks: Vec<Option<nodes::NodeLook>> = Vec::with_capacity(scene.nodes.len());
        for (i, node) in scene.nodes.iter().enumerate() {
            let Some(&centre) = screen.get(i) else {
                looks.push(None);
                continue;
            };
            let reach = node.half_size().max_elem() * zoom + 60.0;
            if !key.clip.expand(reach).contains(centre) {
                looks.push(None);
                continue;
            }
            let mut emphasis = if node.matches { 1.0 } else { 0.25 };
            if let Some(neighbours) = &neighbours
                && !neighbours.contains(&i)
            {
                emphasis *= 0.3;
            }
            let look = nodes::NodeLook {
                dark,
                zoom,
                emphasis,
                selected: selected_nodes.contains(&i) && selected_nodes.len() == 1,
                hovered: hovered == Some(i),
                simple: simple_nodes,
                fill: overlay.fill_of(&node.node),
                frustrated: overlay.is_ringed(&node.node),
            };
            nodes::paint_node(
                &mut shapes,
                node,
                centre,
                &look,
                label_boxes.get(&i).copied(),
            );
            looks.push(Some(look));
        }
        let mut texts = Vec::new();
        for (index, label) in placed.iter().enumerate() {
            let (Some(node), Some(Some(look))) =
                (scene.nodes.get(label.node), looks.get(label.node))
            else {
                continue;
            };
            let backdrop = label_boxes.get(&label.node).copied().unwrap_or(label.rect);
            let mut text = Vec::new();
            nodes::paint_label(
                (&mut shapes, &mut text),
                label,
                backdrop,
                node.is_issue(),
                look,
            );
            texts.extend(text.into_iter().map(|shape| (index, shape)));
        }
        let meshes = tessellate(ctx, shapes, key.clip, key.pixels_per_point);
        Self {
            key,
            screen,
            meshes,
            texts,
            labels: placed,
            big,
            simple_edges,
            simple_nodes,
            overlay: overlay.clone(),
        }
    }

    /// Adds the cached picture to `painter`, with the hover overlay for `hovered` on a
    /// big scene; returns each drawn label's node and screen rect (none overlap).
    pub fn paint(
        &self,
        painter: &Painter,
        scene: &Scene,
        hovered: Option<usize>,
        selection: &Selection,
    ) -> Vec<(usize, Rect)> {
        let overlay = if self.big { hovered } else { None };
        let mut on_top = Vec::new();
        let mut top_labels = Vec::new();
        if let Some(h) = overlay {
            top_labels = self.hover_overlay(painter, scene, h, selection, &mut on_top);
        }
        let covered = |rect: &Rect| top_labels.iter().any(|(_, top)| top.intersects(*rect));
        for mesh in &self.meshes {
            painter.add(Shape::Mesh(mesh.clone()));
        }
        for (index, text) in &self.texts {
            if !top_labels.is_empty()
                && self
                    .labels
                    .get(*index)
                    .is_some_and(|label| covered(&label.rect))
            {
                continue;
            }
            painter.add(text.clone());
        }
        if overlay.is_some() {
            painter.rect_filled(
                self.key.clip,
                0.0,
                theme::faded(theme::canvas_background(self.key.dark), HOVER_DIM),
            );
            painter.extend(on_top);
        }
        let mut drawn: Vec<(usize, Rect)> = self
            .labels
            .iter()
            .filter(|label| top_labels.is_empty() || !covered(&label.rect))
            .map(|label| (label.node, label.rect))
            .collect();
        drawn.extend(top_labels);
        drawn
    }

    /// The hovered node `h`, its edges, its neighbours and their labels, as shapes for
    /// `out`; returns the labels placed.
    fn hover_overlay(
        &self,
        painter: &Painter,
        scene: &Scene,
        h: usize,
        selection: &Selection,
        out: &mut Vec<Shape>,
    ) -> Vec<(usize, Rect)> {
        let (dark, zoom) = (self.key.dark, self.key.camera.zoom);
        let screen = &self.screen;
        edges::paint_edges(
            out,
            self.key.clip,
            scene,
            screen,
            scene.edges_of(h).iter().copied(),
            |_, edge| edges::EdgeLook {
                dark,
                zoom,
                emphasis: if edge.matches { 1.0 } else { 0.2 },
                selected: scene.is_selected(edge, selection),
                has_reverse: edge.has_reverse,
                simple: self.simple_edges,
                frustrated: frustrated(&self.overlay, scene, edge),
            },
        );
        let mut group: Vec<usize> = vec![h];
        let mut seen = BTreeSet::from([h]);
        for neighbour in scene.neighbours_of(h) {
            if seen.insert(neighbour) {
                group.push(neighbour);
            }
        }
        let placed = labels::place_labels(
            painter,
            Color32::PLACEHOLDER,
            &LabelInputs {
                scene,
                screen,
                zoom,
                font: self.key.font.clone(),
                clip: self.key.clip,
                first: &group,
                only_first: true,
                max_labels: group.len(),
            },
        );
        let label_boxes = label_boxes(scene, screen, zoom, &placed);
        let selected_nodes = selected_node_indices(scene, selection);
        let mut looks = BTreeMap::new();
        for &i in &group {
            let (Some(node), Some(&centre)) = (scene.nodes.get(i), screen.get(i)) else {
                continue;
            };
            let look = nodes::NodeLook {
                dark,
                zoom,
                emphasis: if node.matches { 1.0 } else { 0.25 },
                selected: selected_nodes.contains(&i) && selected_nodes.len() == 1,
                hovered: i == h,
                simple: self.simple_nodes,
                fill: self.overlay.fill_of(&node.node),
                frustrated: self.overlay.is_ringed(&node.node),
            };
            nodes::paint_node(out, node, centre, &look, label_boxes.get(&i).copied());
            looks.insert(i, look);
        }
        let mut texts = Vec::new();
        for label in &placed {
            let (Some(node), Some(look)) = (scene.nodes.get(label.node), looks.get(&label.node))
            else {
                continue;
            };
            let backdrop = label_boxes.get(&label.node).copied().unwrap_or(label.rect);
            nodes::paint_label((out, &mut texts), label, backdrop, node.is_issue(), look);
        }
        out.extend(texts);
        placed
            .iter()
            .map(|label| (label.node, label.rect))
            .collect()
    }
}

/// Issues whose label sits on them are drawn as that label's box (one box, not a
/// small box behind a bigger label): their node index and box.
fn label_boxes(
    scene: &Scene,
    screen: &[Pos2],
    zoom: f32,
    placed: &[PlacedLabel],
) -> BTreeMap<usize, Rect> {
    placed
        .iter()
        .filter(|label| {
            scene.nodes.get(label.node).is_some_and(|n| n.is_issue())
                && screen
                    .get(label.node)
                    .is_some_and(|c| (label.rect.center() - *c).length() < 0.5)
        })
        .filter_map(|label| {
            let node = scene.nodes.get(label.node)?;
            let centre = *screen.get(label.node)?;
            let shape = Rect::from_center_size(centre, node.half_size() * 2.0 * zoom);
            Some((label.node, label.rect.union(shape)))
        })
        .collect()
}

/// Tessellates `shapes` once, as egui would at the end of the frame (same options,
/// same prepared discs), into meshes to re-add while the picture stays the same.
fn tessellate(
    ctx: &egui::Context,
    shapes: Vec<Shape>,
    clip: Rect,
    pixels_per_point: f32,
) -> Vec<Arc<Mesh>> {
    let clipped = shapes
        .into_iter()
        .map(|shape| ClippedShape {
            clip_rect: clip,
            shape,
            transform_after_tessellation: TSTransform::IDENTITY,
        })
        .collect();
    ctx.tessellate(clipped, pixels_per_point)
        .into_iter()
        .filter_map(|primitive| match primitive.primitive {
            Primitive::Mesh(mesh) if !mesh.is_empty() => Some(Arc::new(mesh)),
            _ => None,
        })
        .collect()
}

/// The scene nodes `selection` names: a node, or both ends of an edge.
pub fn selected_node_indices(scene: &Scene, selection: &Selection) -> BTreeSet<usize> {
    use crate::stance_map::NodeRef;
    let mut selected = BTreeSet::new();
    match selection {
        Selection::Actor(_) | Selection::Issue(_) => {
            for (i, node) in scene.nodes.iter().enumerate() {
                let hit = match (selection, &node.node) {
                    (Selection::Actor(id), NodeRef::Actor(node_id)) => id == node_id,
                    (Selection::Issue(id), NodeRef::Issue(node_id)) => id == node_id,
                    _ => false,
                };
                if hit {
                    selected.insert(i);
                }
            }
        }
        Selection::Position(_) | Selection::Relation(_) => {
            for edge in &scene.edges {
                if scene.is_selected(edge, selection) {
                    selected.insert(edge.a);
                    selected.insert(edge.b);
                }
            }
        }
        _ => {}
    }
    selected
}
