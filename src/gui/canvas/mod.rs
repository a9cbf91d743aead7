//! The graph canvas: the positions, relations and issue-lens views of a map, drawn
//! with egui's `Painter`, with pan, zoom, fit, node dragging, hover highlighting,
//! selection and Shift+drag to add an edge. It never changes the map itself: it
//! returns [`Command`]s, and one drag is one `Edit::MoveNode`.

mod cache;
mod camera;
mod edges;
mod labels;
mod layout_job;
mod legend;
mod nodes;
mod overlay;
mod scene;

use std::collections::BTreeMap;

use egui::{Align2, FontId, Pos2, Rect, Sense, UiBuilder, Vec2};

pub use camera::Camera;
pub use overlay::{CanvasOverlay, frustrated_color};
use scene::{EdgeTarget, Scene};

use crate::gui::command::{Command, Selection};
use crate::gui::{matrix, theme};
use crate::layout::{Anchoring, ForceLayout, LayoutGraph, LayoutGraphKind};
use crate::stance_map::{
    Claim, Edit, IssueId, NodeLayout, NodeRef, Origin, Position, Relation, Stance, StanceMap,
};

/// Which picture of the map the centre panel shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum View {
    /// Actors and issues, joined by positions.
    Positions,
    /// Actors, joined by relations.
    Relations,
    /// Actors coloured by their stance on one issue, with aligned/opposed edges.
    IssueLens(IssueId),
    /// Actors × issues, drawn by [`matrix::matrix_ui`].
    Matrix,
}

/// What the canvas shows brightly and what it hides. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CanvasFilter {
    /// Matches actor names, ids and aliases and issue labels, case-insensitively;
    /// nodes that do not match are dimmed.
    pub text: String,
    /// Only this issue's edges.
    pub issue: Option<IssueId>,
    /// Edges below this confidence (0.0..=1.0) are hidden.
    pub min_confidence: f32,
}

/// Transient canvas state: camera, computed layouts, the drag in progress, hover.
/// Never saved.
#[derive(Default)]
pub struct CanvasState {
    camera: Camera,
    fit_pending: bool,
    fitted_once: bool,
    layouts: BTreeMap<LayoutGraphKind, ViewLayout>,
    drag: Option<Drag>,
    hovered: Option<usize>,
    /// A node released this frame, and where; drawn there until the map has the move.
    dropped: Option<(NodeRef, Pos2)>,
    last_kind: Option<LayoutGraphKind>,
    last_rect: Option<Rect>,
    /// The scene of the last frame, kept while `scene_key` says it is current.
    last_scene: Scene,
    scene_key: Option<SceneKey>,
    /// Bumped whenever `last_scene` changes, so the frame cache notices.
    scene_generation: u64,
    /// A node the drag moved in `last_scene`, and where it was before.
    scene_patch: Option<(usize, Pos2)>,
    /// Bumped whenever computed layout positions change.
    layout_generation: u64,
    /// The tessellated picture of the last frame.
    frame: Option<cache::FrameCache>,
    /// How many times the picture was painted and tessellated anew.
    picture_builds: u64,
    /// Each drawn label's node and screen rect, from the last frame.
    last_labels: Vec<(usize, Rect)>,
    last_legend: Option<Rect>,
    /// Whether the legend is folded to its title (mirrors the preference).
    pub legend_collapsed: bool,
    /// Coalition fills and frustrated-tie highlights from the analysis (see `overlay.rs`).
    overlay: std::sync::Arc<CanvasOverlay>,
}

/// What the scene is built from: when none of it changed, last frame's scene stays.
#[derive(Clone, Debug, PartialEq)]
struct SceneKey {
    revision: u64,
    view: View,
    filter: CanvasFilter,
    dark: bool,
    layout_generation: u64,
}

/// Positions the layout computed for one view, and the run still in progress.
#[derive(Default)]
struct ViewLayout {
    positions: BTreeMap<NodeRef, (f32, f32)>,
    run: Option<layout_job::LayoutRun>,
    /// Counts of actors, issues, positions, relations when last checked.
    signature: Option<[usize; 4]>,
}

enum Drag {
    /// Moving a node; `world` is where it is now, `grab` the pointer's offset from it.
    Node {
        node: NodeRef,
        world: Pos2,
        grab: Vec2,
    },
    /// Shift+drag from an actor: a new edge follows the pointer.
    Edge {
        from: usize,
        pointer: Pos2,
    },
    Pan,
}

/// Layout work allowed per frame, in [`ForceLayout::step_cost`] units, so a big map
/// lays itself out over a few frames instead of freezing one.
const FRAME_LAYOUT_BUDGET: usize = 4_000_000;
/// How close (screen points) the pointer must be to an edge to hit it.
const EDGE_HIT_TOLERANCE: f32 = 6.0;

const CANVAS_HINT: &str = "Drag the background to pan; scroll or pinch to zoom\n\
    Drag a node to move and pin it\n\
    Shift+drag from an actor to an issue or actor to add a stance or relation\n\
    Click a node or edge to select it; hover a node to highlight its neighbours";

impl CanvasState {
    /// Zoom and pan so every node is visible, on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
    }

    /// Computes positions for the nodes of the last shown view (positions view at
    /// first) that have none yet, to the end, in this call.
    pub fn sync_layout(&mut self, map: &StanceMap) {
        let kind = self.last_kind.clone().unwrap_or(LayoutGraphKind::Positions);
        self.sync_view(map, &kind, usize::MAX, false);
    }

    /// Like [`CanvasState::sync_layout`], but a big layout runs on its own thread
    /// and the canvas shows its progress (the app calls this on opening a map).
    pub fn start_layout(&mut self, map: &StanceMap) {
        let kind = self.last_kind.clone().unwrap_or(LayoutGraphKind::Positions);
        self.sync_view(map, &kind, usize::MAX, true);
    }

    /// How far the running layout is (`0.0..=1.0`), if one is running.
    pub fn layout_progress(&self) -> Option<f32> {
        self.layouts
            .values()
            .filter_map(|layout| layout.run.as_ref())
            .map(layout_job::LayoutRun::progress)
            .reduce(f32::min)
    }

    /// Sets what the analysis lays over the canvas from the next frame on.
    pub fn set_overlay(&mut self, overlay: std::sync::Arc<CanvasOverlay>) {
        self.overlay = overlay;
    }

    pub fn overlay(&self) -> &CanvasOverlay {
        &self.overlay
    }

    /// The fill `node` was given in the last frame: the overlay's, else its own.
    /// `None` when it was not drawn.
    pub fn node_fill(&self, node: &NodeRef) -> Option<egui::Color32> {
        let drawn = self.last_scene.nodes.iter().find(|n| &n.node == node)?;
        Some(self.overlay.fill_of(node).unwrap_or(drawn.fill))
    }

    /// Where `node` was drawn in the last frame, in screen points.
    pub fn screen_pos(&self, node: &NodeRef) -> Option<Pos2> {
        let index = self.last_scene.nodes.iter().position(|n| &n.node == node)?;
        self.frame.as_ref()?.screen.get(index).copied()
    }

    /// Every label drawn in the last frame: its node and its screen rect (backdrop
    /// included). No two overlap.
    pub fn drawn_labels(&self) -> Vec<(NodeRef, Rect)> {
        self.last_labels
            .iter()
            .filter_map(|(i, rect)| Some((self.last_scene.nodes.get(*i)?.node.clone(), *rect)))
            .collect()
    }

    /// Where the legend (or its folded button) was drawn in the last frame.
    pub fn legend_rect(&self) -> Option<Rect> {
        self.last_legend
    }

    /// The screen rect the canvas filled in the last frame.
    pub fn canvas_rect(&self) -> Option<Rect> {
        self.last_rect
    }

    /// How many frames painted and tessellated the picture anew instead of reusing
    /// the last one (the scene, camera, canvas size, selection or style changed).
    pub fn picture_builds(&self) -> u64 {
        self.picture_builds
    }

    pub fn camera(&self) -> Camera {
        self.camera
    }

    /// Whether a layout is still being computed over several frames.
    pub fn is_laying_out(&self) -> bool {
        self.layouts.values().any(|layout| layout.run.is_some())
    }

    /// A fresh layout of `view` for every unpinned node, as one undoable edit; also
    /// forgets computed positions so they are recomputed. `None` for views whose
    /// layout is not stored in the map (lens, matrix).
    pub fn relayout(&mut self, map: &StanceMap, view: &View) -> Option<Edit> {
        let kind = layout_kind(view)?;
        self.layouts.remove(&kind);
        self.layout_generation += 1;
        self.request_fit();
        match kind {
            LayoutGraphKind::IssueLens(_) => None,
            kind => crate::layout::relayout_edit(
                map,
                &kind,
                iterations_for(map.n_actors() + map.n_issues()),
            ),
        }
    }

    /// Stores computed positions of `view` that the map lacks, as one edit (for
    /// saving the picture with the map). `None` when there is nothing to store.
    pub fn computed_layout_edit(&self, map: &StanceMap, view: &View) -> Option<Edit> {
        let kind = layout_kind(view)?;
        if matches!(kind, LayoutGraphKind::IssueLens(_)) {
            return None;
        }
        let layout = self.layouts.get(&kind)?;
        let edits: Vec<Edit> = layout
            .positions
            .iter()
            .filter(|(node, _)| map.contains_node(node) && map.layout_of(node).is_none())
            .map(|(node, (x, y))| Edit::MoveNode {
                node: node.clone(),
                layout: Some(NodeLayout {
                    x: *x,
                    y: *y,
                    pinned: false,
                }),
            })
            .collect();
        (!edits.is_empty()).then_some(Edit::Batch(edits))
    }

    /// Advances the layout of `kind` by at most `budget` work, or (with `background`)
    /// hands a big one to its own thread and polls it; returns whether more frames
    /// are needed.
    fn sync_view(
        &mut self,
        map: &StanceMap,
        kind: &LayoutGraphKind,
        budget: usize,
        background: bool,
    ) -> bool {
        let signature = [
            map.n_actors(),
            map.n_issues(),
            map.n_positions(),
            map.n_relations(),
        ];
        let entry = self.layouts.entry(kind.clone()).or_default();
        if entry.run.is_none() {
            if entry.signature == Some(signature) {
                return false;
            }
            entry.signature = Some(signature);
            let graph = LayoutGraph::from_map(map, kind);
            let lens_issue = match kind {
                LayoutGraphKind::IssueLens(issue) => Some(NodeRef::Issue(issue.clone())),
                _ => None,
            };
            let known = |node: &NodeRef| -> Option<NodeLayout> {
                if lens_issue.as_ref() == Some(node) {
                    return Some(NodeLayout {
                        x: 0.0,
                        y: 0.0,
                        pinned: true,
                    });
                }
                let saved = if lens_issue.is_none() {
                    map.layout_of(node)
                } else {
                    None
                };
                saved.or_else(|| {
                    entry
                        .positions
                        .get(node)
                        .map(|&(x, y)| NodeLayout { x, y, pinned: true })
                })
            };
            if graph.nodes.iter().all(|node| known(node).is_some()) {
                return false;
            }
            let iterations = iterations_for(graph.nodes.len());
            let run = ForceLayout::from_graph(graph, iterations, Anchoring::AllSaved, known)
                .with_extents(|node| crate::layout::label_extent(map, node));
            let big = layout_job::LayoutRun::estimated_cost(&run) > layout_job::BACKGROUND_MIN_COST;
            entry.run = Some(if background && big {
                match layout_job::BackgroundLayout::spawn(run.clone()) {
                    Some(job) => layout_job::LayoutRun::Background(job),
                    None => layout_job::LayoutRun::Inline(run),
                }
            } else {
                layout_job::LayoutRun::Inline(run)
            });
        }
        let run = match entry.run.as_mut() {
            None => return false,
            Some(layout_job::LayoutRun::Background(job)) => match job.poll() {
                layout_job::Poll::Running => return true,
                layout_job::Poll::Done(positions) => {
                    entry.positions.extend(positions);
                    entry.run = None;
                    self.layout_generation += 1;
                    return false;
                }
                layout_job::Poll::Lost => {
                    entry.run = None;
                    return false;
                }
            },
            Some(layout_job::LayoutRun::Inline(run)) => run,
        };
        let mut spent = 0usize;
        while run.step() {
            spent = spent.saturating_add(run.step_cost());
            if spent >= budget {
                break;
            }
        }
        if run.is_done() {
            entry.positions.extend(run.positions());
            entry.run = None;
            self.layout_generation += 1;
            false
        } else {
            true
        }
    }

    /// The scene for this frame: last frame's while nothing it is built from changed
    /// (a drag's patch undone), else a fresh one. Taken out of the state for the frame.
    fn current_scene(
        &mut self,
        map: &StanceMap,
        view: &View,
        filter: &CanvasFilter,
        dark: bool,
        kind: &LayoutGraphKind,
    ) -> Scene {
        let mut scene = std::mem::take(&mut self.last_scene);
        if let Some((i, world)) = self.scene_patch.take()
            && let Some(node) = scene.nodes.get_mut(i)
        {
            node.world = world;
            self.scene_generation += 1;
        }
        let key = SceneKey {
            revision: map.revision(),
            view: view.clone(),
            filter: filter.clone(),
            dark,
            layout_generation: self.layout_generation,
        };
        if self.scene_key.as_ref() != Some(&key) {
            scene = Scene::build(map, view, filter, dark, |node| self.place(map, kind, node));
            self.scene_key = Some(key);
            self.scene_generation += 1;
        }
        scene
    }

    /// Where a node is drawn, in layout units: the drag, else the map, else the layout.
    fn place(&self, map: &StanceMap, kind: &LayoutGraphKind, node: &NodeRef) -> Option<Pos2> {
        if let Some(Drag::Node {
            node: dragged,
            world,
            ..
        }) = &self.drag
            && dragged == node
        {
            return Some(*world);
        }
        if !matches!(kind, LayoutGraphKind::IssueLens(_))
            && let Some(saved) = map.layout_of(node)
        {
            return Some(Pos2::new(saved.x, saved.y));
        }
        let (x, y) = self.layouts.get(kind)?.positions.get(node)?;
        Some(Pos2::new(*x, *y))
    }
}

fn layout_kind(view: &View) -> Option<LayoutGraphKind> {
    match view {
        View::Positions => Some(LayoutGraphKind::Positions),
        View::Relations => Some(LayoutGraphKind::Relations),
        View::IssueLens(issue) => Some(LayoutGraphKind::IssueLens(issue.clone())),
        View::Matrix => None,
    }
}

/// The layout's own iteration counts, so the canvas and `stancemap bench` agree.
fn iterations_for(n_nodes: usize) -> usize {
    crate::layout::iterations_for(n_nodes)
}

/// Draws `view` of `map` into the remaining space of `ui` and returns what the user asked for.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    view: &View,
    filter: &CanvasFilter,
    selection: &Selection,
    state: &mut CanvasState,
) -> Vec<Command> {
    let Some(kind) = layout_kind(view) else {
        return matrix::matrix_ui(ui, map, filter, selection);
    };
    let dark = ui.visuals().dark_mode;
    let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
    if state.last_kind.as_ref() != Some(&kind) {
        state.last_kind = Some(kind.clone());
        state.fit_pending = true;
        state.drag = None;
    }
    // Once a view has been shown, a big layout of it (say after an edit) runs on its
    // own thread too; the canvas polls it a few times a second.
    let laying_out = state.sync_view(map, &kind, FRAME_LAYOUT_BUDGET, true);
    if laying_out {
        match state.layout_progress() {
            Some(_)
                if state
                    .layouts
                    .values()
                    .any(|l| matches!(l.run, Some(layout_job::LayoutRun::Background(_)))) =>
            {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            _ => ui.ctx().request_repaint(),
        }
    }
    let mut scene = state.current_scene(map, view, filter, dark, &kind);
    if (state.fit_pending || !state.fitted_once)
        && !laying_out
        && let Some(bounds) = scene.bounds()
    {
        let target = fit_target(rect, view, state.legend_collapsed);
        state.camera.fit(rect, target.shrink2(LABEL_ROOM), bounds);
        state.fit_pending = false;
        state.fitted_once = true;
    }

    let mut commands = Vec::new();
    interact(ui, &response, rect, map, view, &scene, state, &mut commands);
    // Interaction may have moved the camera or a node: draw where things are now. A
    // node dropped this frame is drawn where it was dropped; the map catches up next frame.
    let moved = match (&state.drag, &state.dropped) {
        (Some(Drag::Node { node, world, .. }), _) | (_, Some((node, world))) => {
            Some((node.clone(), *world))
        }
        _ => None,
    };
    if let Some((node, world)) = moved
        && let Some((i, moved)) = scene
            .nodes
            .iter_mut()
            .enumerate()
            .find(|(_, n)| n.node == node)
    {
        state.scene_patch = Some((i, moved.world));
        moved.world = world;
        state.scene_generation += 1;
    }
    state.dropped = None;

    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, theme::canvas_background(dark));
    let font = labels::label_font(ui.style());
    let hovered = state.hovered.filter(|_| state.drag.is_none());
    let key = cache::FrameKey {
        scene_generation: state.scene_generation,
        camera: state.camera,
        rect,
        clip: painter.clip_rect(),
        selection: selection.clone(),
        hovered: hovered.filter(|_| !cache::is_big(&scene)),
        dark,
        font,
        pixels_per_point: ui.ctx().pixels_per_point(),
        atlas_size: ui.ctx().fonts(|fonts| fonts.font_image_size()),
        overlay_revision: state.overlay.revision,
    };
    if state.frame.as_ref().is_none_or(|frame| frame.key != key) {
        state.frame = Some(cache::FrameCache::build(
            ui.ctx(),
            &painter,
            &scene,
            key,
            &state.overlay,
        ));
        state.picture_builds += 1;
    }
    let drawn = state
        .frame
        .as_ref()
        .map(|frame| frame.paint(&painter, &scene, hovered, selection))
        .unwrap_or_default();
    overlay::paint_key(&painter, rect, &state.overlay, dark);
    if let Some(Drag::Edge { from, pointer }) = &state.drag
        && let Some(start) = state.frame.as_ref().and_then(|f| f.screen.get(*from))
    {
        painter.arrow(
            *start,
            *pointer - *start,
            egui::Stroke::new(2.0, theme::selection_color(dark)),
        );
    }
    state.last_legend = Some(legend::legend_rect(rect, view, state.legend_collapsed));
    if legend::legend_ui(ui, rect, view, dark, state.legend_collapsed) {
        state.legend_collapsed = !state.legend_collapsed;
        state.request_fit();
    }
    if laying_out {
        let text = match state.layout_progress() {
            Some(progress) => format!("Laying out… {:.0}%", progress * 100.0),
            None => "Laying out…".to_owned(),
        };
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(16.0),
            theme::label_color(dark),
        );
    } else if let Some(why) = empty_view_text(map, view, &scene) {
        // Above the nodes (if any), below the Fit/Relayout buttons.
        let at = if scene.nodes.is_empty() {
            rect.center()
        } else {
            Pos2::new(rect.center().x, rect.top() + 48.0)
        };
        painter.text(
            at,
            Align2::CENTER_CENTER,
            why,
            labels::label_font(ui.style()),
            theme::label_color(dark),
        );
    }
    toolbar_ui(ui, rect, state, &mut commands);

    if state.drag.is_none() && response.hovered() {
        // The tooltip's text (an edge hit test over every edge) is worked out only
        // when egui shows the tooltip, not on every pointer move.
        let state: &CanvasState = state;
        response.on_hover_ui_at_pointer(|ui| {
            if let Some(text) = hover_text(map, &scene, state, rect, ui.ctx().pointer_hover_pos()) {
                ui.label(text);
            }
        });
    }
    state.last_rect = Some(rect);
    state.last_labels = drawn;
    state.last_scene = scene;
    commands
}

/// Why a view shows nothing (or no edges), and how to change that; `None` when it
/// has something to show.
fn empty_view_text(map: &StanceMap, view: &View, scene: &Scene) -> Option<&'static str> {
    if !scene.edges.is_empty() {
        return None;
    }
    Some(match view {
        _ if map.n_actors() == 0 && map.n_issues() == 0 => {
            "This map is empty: add an article (File > Add article…) or actors and issues from the left panel"
        }
        View::Relations => {
            "No actor-to-actor relations in this map — add one with Shift-drag or from the inspector"
        }
        View::IssueLens(_) => {
            "No actor has a stance on this issue — Shift-drag from an actor to it, or use the inspector"
        }
        View::Positions | View::Matrix => {
            "No stances in this map — Shift-drag from an actor to an issue, or use the inspector"
        }
    })
}

/// Room a fit leaves around the nodes for labels, which keep their screen size.
const LABEL_ROOM: Vec2 = Vec2::new(40.0, 22.0);

/// The part of the canvas a fit fills: below the Fit/Relayout buttons and clear of
/// the legend, either beside it or above it, whichever leaves more room. Public so
/// tests can check the legend never covers a fitted node.
pub fn fit_target(rect: Rect, view: &View, legend_collapsed: bool) -> Rect {
    let legend = legend::legend_rect(rect, view, legend_collapsed);
    let top = rect.top() + 34.0;
    let beside = Rect::from_min_max(Pos2::new(legend.right() + 4.0, top), rect.max);
    let above = Rect::from_min_max(
        Pos2::new(rect.left(), top),
        Pos2::new(rect.right(), legend.top() - 4.0),
    );
    let area = |r: Rect| if r.is_positive() { r.area() } else { 0.0 };
    if area(beside) >= area(above) {
        beside
    } else {
        above
    }
}

/// Fit and relayout buttons over the canvas's top right corner.
fn toolbar_ui(ui: &mut egui::Ui, rect: Rect, state: &mut CanvasState, commands: &mut Vec<Command>) {
    let bar = Rect::from_min_max(
        Pos2::new(rect.right() - 200.0, rect.top() + 6.0),
        Pos2::new(rect.right() - 6.0, rect.top() + 30.0),
    );
    ui.scope_builder(UiBuilder::new().max_rect(bar), |ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.label("?").on_hover_text(CANVAS_HINT);
            if ui
                .button("Relayout")
                .on_hover_text("Lay out the nodes that are not pinned again")
                .clicked()
            {
                commands.push(Command::Relayout);
            }
            if ui
                .button("Fit")
                .on_hover_text("Zoom and pan so every node is visible (F)")
                .clicked()
            {
                state.request_fit();
            }
        });
    });
}

#[allow(clippy::too_many_arguments)]
fn interact(
    ui: &egui::Ui,
    response: &egui::Response,
    rect: Rect,
    map: &StanceMap,
    view: &View,
    scene: &Scene,
    state: &mut CanvasState,
    commands: &mut Vec<Command>,
) {
    let camera = state.camera;
    let world_of = |pos: Pos2| camera.to_world(rect, pos);
    let node_at = |pos: Pos2| scene.node_at(world_of(pos), 2.0 / camera.zoom);

    state.hovered = response.hover_pos().and_then(node_at);

    if response.hovered() {
        let (pinch, scroll, pointer) =
            ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta, i.pointer.hover_pos()));
        let factor = pinch * (scroll.y * 0.002).exp();
        if (factor - 1.0).abs() > 1e-4 {
            state
                .camera
                .zoom_at(rect, pointer.unwrap_or(rect.center()), factor);
        }
    }

    if response.drag_started() {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        let shift = ui.input(|i| i.modifiers.shift);
        state.drag = Some(
            match origin.and_then(|pos| node_at(pos).map(|i| (pos, i))) {
                Some((pos, i)) => match scene.nodes.get(i) {
                    Some(node) if shift && !node.is_issue() => Drag::Edge {
                        from: i,
                        pointer: pos,
                    },
                    Some(node) => Drag::Node {
                        node: node.node.clone(),
                        world: node.world,
                        grab: node.world - world_of(pos),
                    },
                    None => Drag::Pan,
                },
                None => Drag::Pan,
            },
        );
    }
    if response.dragged() || response.drag_stopped() {
        let pointer = response.interact_pointer_pos();
        match &mut state.drag {
            Some(Drag::Node { world, grab, .. }) => {
                if let Some(pointer) = pointer {
                    *world = state.camera.to_world(rect, pointer) + *grab;
                }
            }
            Some(Drag::Edge { pointer: end, .. }) => {
                if let Some(pointer) = pointer {
                    *end = pointer;
                }
            }
            Some(Drag::Pan) => state.camera.pan(response.drag_delta()),
            None => {}
        }
    }
    if response.drag_stopped() {
        match state.drag.take() {
            Some(Drag::Node { node, world, .. }) => {
                if let View::IssueLens(issue) = view {
                    // The lens is its own picture: a drag there moves only the picture.
                    let kind = LayoutGraphKind::IssueLens(issue.clone());
                    state
                        .layouts
                        .entry(kind)
                        .or_default()
                        .positions
                        .insert(node, (world.x, world.y));
                    state.layout_generation += 1;
                } else if world.x.is_finite() && world.y.is_finite() {
                    state.dropped = Some((node.clone(), world));
                    commands.push(Command::Edit(Edit::MoveNode {
                        node,
                        layout: Some(NodeLayout {
                            x: world.x,
                            y: world.y,
                            pinned: true,
                        }),
                    }));
                }
            }
            Some(Drag::Edge { from, pointer }) => {
                let target = node_at(pointer);
                if let (Some(source), Some(target)) = (
                    scene.nodes.get(from),
                    target.and_then(|t| scene.nodes.get(t)),
                ) && let Some(edit) = new_edge(map, view, &source.node, &target.node)
                {
                    commands.push(Command::Edit(edit));
                }
            }
            Some(Drag::Pan) | None => {}
        }
    }

    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let selection = if let Some(node) = node_at(pos).and_then(|i| scene.nodes.get(i)) {
            match &node.node {
                NodeRef::Actor(id) => Selection::Actor(id.clone()),
                NodeRef::Issue(id) => Selection::Issue(id.clone()),
            }
        } else {
            let hit = scene
                .edge_at(world_of(pos), EDGE_HIT_TOLERANCE / camera.zoom)
                .and_then(|i| scene.edges.get(i));
            hit.map_or(Selection::Nothing, |edge| scene.edge_selection(edge))
        };
        commands.push(Command::Select(selection));
    }
}

/// The edit a Shift+drag from `source` to `target` asks for: a manual support
/// stance (actor → issue) or relation (actor → actor; scoped to the lens issue).
fn new_edge(map: &StanceMap, view: &View, source: &NodeRef, target: &NodeRef) -> Option<Edit> {
    let NodeRef::Actor(actor) = source else {
        return None;
    };
    let claim = Claim::new(Stance::Support, Origin::Manual);
    match target {
        NodeRef::Issue(issue) => Some(Edit::AddPosition(Position {
            actor: actor.clone(),
            issue: issue.clone(),
            claim,
        })),
        NodeRef::Actor(other) if other != actor && map.actor(other).is_some() => {
            Some(Edit::AddRelation(Relation {
                source: actor.clone(),
                target: other.clone(),
                issue: match view {
                    View::IssueLens(issue) => Some(issue.clone()),
                    _ => None,
                },
                claim,
            }))
        }
        NodeRef::Actor(_) => None,
    }
}

/// A tooltip for what the pointer is over: a node's stances, or an edge's claim.
fn hover_text(
    map: &StanceMap,
    scene: &Scene,
    state: &CanvasState,
    rect: Rect,
    pointer: Option<Pos2>,
) -> Option<String> {
    let pointer = pointer?;
    if let Some(node) = state.hovered.and_then(|i| scene.nodes.get(i)) {
        return Some(match &node.node {
            NodeRef::Actor(id) => {
                let n_positions = map.positions_of_actor(id).count();
                let n_relations = map.relations_of_actor(id).len();
                format!(
                    "{}: {n_positions} stances, {n_relations} relations\nClick to select, drag to move, Shift+drag to add an edge",
                    node.label
                )
            }
            NodeRef::Issue(id) => {
                let positions = map.positions_on_issue(id);
                let support = positions
                    .iter()
                    .filter(|p| p.claim.stance == Stance::Support)
                    .count();
                format!(
                    "{}: {support} support, {} oppose\nClick to select, drag to move",
                    node.label,
                    positions.len() - support
                )
            }
        });
    }
    let world = state.camera.to_world(rect, pointer);
    let edge = scene
        .edge_at(world, EDGE_HIT_TOLERANCE / state.camera.zoom)
        .and_then(|i| scene.edges.get(i))?;
    let (from, to) = (scene.nodes.get(edge.a)?, scene.nodes.get(edge.b)?);
    let verb = match (edge.stance, &edge.target) {
        (Stance::Support, EdgeTarget::Pair) => "is aligned with",
        (Stance::Oppose, EdgeTarget::Pair) => "is opposed to",
        (Stance::Support, _) => "supports",
        (Stance::Oppose, _) => "opposes",
    };
    let mut text = format!("{} {verb} {}", from.label, to.label);
    if edge.target != EdgeTarget::Pair {
        text.push_str(&format!(
            "\n{}, strength {:.1}, confidence {:.1}{}\nClick to select",
            edge.origin.as_str(),
            edge.strength,
            edge.confidence,
            if edge.locked { ", locked" } else { "" }
        ));
    }
    Some(text)
}
