//! A stand-in for the graph canvas and matrix (written in parallel elsewhere) with the
//! same signatures: it lists the stances as plain text so the shell works on its own.
//! The lead replaces this file with `canvas/mod.rs` and `matrix.rs` at merge.

use super::command::{Command, Selection};
use crate::stance_map::{IssueId, StanceMap};

/// Which picture of the map the centre shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    #[default]
    Positions,
    Relations,
    IssueLens(IssueId),
    Matrix,
}

/// What the canvas hides.
#[derive(Clone, Debug, PartialEq)]
pub struct CanvasFilter {
    pub text: String,
    pub issue: Option<IssueId>,
    /// Edges below this confidence are hidden, 0.0..=1.0.
    pub min_confidence: f32,
}

impl Default for CanvasFilter {
    fn default() -> Self {
        Self {
            text: String::new(),
            issue: None,
            min_confidence: 0.0,
        }
    }
}

/// Camera and layout state of the canvas.
#[derive(Default)]
pub struct CanvasState {
    pub fit_requested: bool,
}

impl CanvasState {
    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    pub fn sync_layout(&mut self, map: &StanceMap) {
        let _ = map;
    }
}

fn visible(filter: &CanvasFilter, confidence: f32, names: &[&str]) -> bool {
    let needle = filter.text.to_lowercase();
    confidence >= filter.min_confidence
        && (needle.is_empty() || names.iter().any(|n| n.to_lowercase().contains(&needle)))
}

/// Lists positions and relations as selectable rows.
pub fn canvas_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    view: &View,
    filter: &CanvasFilter,
    selection: &Selection,
    state: &mut CanvasState,
) -> Vec<Command> {
    state.fit_requested = false;
    let mut commands = Vec::new();
    egui::ScrollArea::vertical()
        .id_salt("canvas")
        .show(ui, |ui| {
            if matches!(view, View::Positions | View::IssueLens(_)) {
                for position in map.positions() {
                    let lens = match view {
                        View::IssueLens(issue) => Some(issue),
                        _ => filter.issue.as_ref(),
                    };
                    if lens.is_some_and(|issue| issue != &position.issue)
                        || !visible(
                            filter,
                            position.claim.confidence,
                            &[position.actor.as_str(), position.issue.as_str()],
                        )
                    {
                        continue;
                    }
                    let key = position.key();
                    let text = format!(
                        "{} {} {}",
                        position.actor,
                        position.claim.stance.as_str(),
                        position.issue
                    );
                    let selected = selection == &Selection::Position(key.clone());
                    if ui.selectable_label(selected, text).clicked() {
                        commands.push(Command::Select(Selection::Position(key)));
                    }
                }
            }
            if matches!(view, View::Relations) {
                for relation in map.relations() {
                    if !visible(
                        filter,
                        relation.claim.confidence,
                        &[relation.source.as_str(), relation.target.as_str()],
                    ) {
                        continue;
                    }
                    let key = relation.key();
                    let text = format!(
                        "{} {} {}",
                        relation.source,
                        relation.claim.stance.as_str(),
                        relation.target
                    );
                    let selected = selection == &Selection::Relation(key.clone());
                    if ui.selectable_label(selected, text).clicked() {
                        commands.push(Command::Select(Selection::Relation(key)));
                    }
                }
            }
        });
    commands
}

/// Actors × issues as a grid of stance words.
pub fn matrix_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    filter: &CanvasFilter,
    selection: &Selection,
) -> Vec<Command> {
    let _ = (filter, selection);
    egui::Grid::new("matrix").striped(true).show(ui, |ui| {
        ui.label("");
        for issue in map.issues() {
            ui.label(&issue.label);
        }
        ui.end_row();
        for actor in map.actors() {
            ui.label(&actor.name);
            for issue in map.issues() {
                let cell = map
                    .stance_of(&actor.id, &issue.id)
                    .map_or("", |s| s.as_str());
                ui.label(cell);
            }
            ui.end_row();
        }
    });
    Vec::new()
}
