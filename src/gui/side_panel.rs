//! The left panel: actors and issues as lists (shortened by the toolbar's search)
//! with counts and add buttons, then the sources with their dates (`sources_panel`).

use super::action::AppAction;
use super::command::{Command, Selection};
use crate::stance_map::{Actor, ActorKind, Edit, Issue, StanceMap};

/// Draws the lists, shortened to names containing `search` (the toolbar's search
/// box, so one box filters both the canvas and the lists).
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    selection: &Selection,
    search: &str,
) -> Vec<AppAction> {
    let mut commands = Vec::new();
    let needle = search.trim().to_lowercase();
    let matches = |text: &str| needle.is_empty() || text.to_lowercase().contains(&needle);
    egui::ScrollArea::vertical()
        .id_salt("side_lists")
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!("Actors ({})", map.n_actors()));
                if ui
                    .small_button("+ actor")
                    .on_hover_text("Add an actor")
                    .clicked()
                {
                    let id = map.fresh_actor_id("New actor");
                    commands.push(Command::Edit(Edit::AddActor(Actor::new(
                        id.as_str(),
                        "New actor",
                        ActorKind::Other,
                    ))));
                    commands.push(Command::Select(Selection::Actor(id)));
                }
            });
            for actor in map.actors().filter(|actor| matches(&actor.name)) {
                let n_stances = map.positions_of_actor(&actor.id).count()
                    + map.relations_of_actor(&actor.id).len();
                let selected = selection == &Selection::Actor(actor.id.clone());
                let response = ui
                    .selectable_label(selected, actor.name.as_str())
                    .on_hover_text(format!("{} · {n_stances} stances", actor.kind.as_str()));
                if response.clicked() {
                    commands.push(Command::Select(Selection::Actor(actor.id.clone())));
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.strong(format!("Issues ({})", map.n_issues()));
                if ui
                    .small_button("+ issue")
                    .on_hover_text("Add an issue")
                    .clicked()
                {
                    let id = map.fresh_issue_id("new_issue");
                    commands.push(Command::Edit(Edit::AddIssue(Issue::new(
                        id.as_str(),
                        "New issue",
                    ))));
                    commands.push(Command::Select(Selection::Issue(id)));
                }
            });
            for issue in map.issues().filter(|issue| matches(&issue.label)) {
                let n_positions = map.positions_on_issue(&issue.id).len();
                let selected = selection == &Selection::Issue(issue.id.clone());
                let response = ui
                    .selectable_label(selected, issue.label.as_str())
                    .on_hover_text(format!("{n_positions} positions"));
                if response.clicked() {
                    commands.push(Command::Select(Selection::Issue(issue.id.clone())));
                }
            }
            ui.separator();
            commands.extend(super::sources_panel::sources_ui(ui, map));
        });
    commands.into_iter().map(AppAction::Command).collect()
}
