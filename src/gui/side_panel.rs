//! The left panel: actors and issues as filterable lists with counts and add buttons.

use super::action::AppAction;
use super::command::{Command, Selection};
use crate::stance_map::{Actor, ActorKind, Edit, Issue, StanceMap};

/// Filter text typed into the lists, kept in egui memory between frames.
fn list_filter(ui: &mut egui::Ui) -> String {
    let id = egui::Id::unique("side_panel_filter");
    let mut text: String = ui.data_mut(|data| data.get_temp(id).unwrap_or_default());
    let label = ui.label("Find");
    ui.add(egui::TextEdit::singleline(&mut text).hint_text("actor or issue…"))
        .labelled_by(label.id)
        .on_hover_text("Show only actors and issues whose name contains this");
    ui.data_mut(|data| data.insert_temp(id, text.clone()));
    text.to_lowercase()
}

pub fn side_panel_ui(ui: &mut egui::Ui, map: &StanceMap, selection: &Selection) -> Vec<AppAction> {
    let mut commands = Vec::new();
    let needle = list_filter(ui);
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
        });
    commands.into_iter().map(AppAction::Command).collect()
}
