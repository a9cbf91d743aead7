//! The right panel: the selected actor or issue with editable fields. Text fields
//! commit when they lose focus (or on Enter), so one edit is one undo step.

use super::command::{Command, Selection};
use super::dialogs::Modal;
use crate::stance_map::{Actor, ActorKind, Edit, Issue, StanceMap};

/// Text being typed in the inspector, kept until the field commits.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// Field id → text being edited. Cleared when the field is not focused.
    pub(super) drafts: std::collections::HashMap<egui::Id, String>,
    /// The strength being dragged, committed when the drag ends.
    pub(super) strength_drag: Option<f32>,
    pub(super) new_edge: super::inspector_edge::NewEdge,
    /// A modal the inspector wants opened (merge picker).
    pub(super) open_modal: Option<Modal>,
}

impl InspectorState {
    /// A labelled text field showing `current`; returns the new text once committed.
    pub(super) fn text_field(
        &mut self,
        ui: &mut egui::Ui,
        name: &str,
        current: &str,
        multiline: bool,
        tip: &str,
    ) -> Option<String> {
        let id = ui.make_persistent_id(("inspector_field", name));
        let focused = ui.memory(|memory| memory.has_focus(id));
        let mut text = match self.drafts.get(&id) {
            Some(draft) if focused => draft.clone(),
            _ => current.to_owned(),
        };
        let label = ui.label(name);
        let edit = if multiline {
            egui::TextEdit::multiline(&mut text).desired_rows(2)
        } else {
            egui::TextEdit::singleline(&mut text)
        };
        let response = ui
            .add(edit.id(id).desired_width(f32::INFINITY))
            .labelled_by(label.id)
            .on_hover_text(tip);
        if response.lost_focus() {
            self.drafts.remove(&id);
            return (text != current).then_some(text);
        }
        if response.has_focus() {
            self.drafts.insert(id, text);
        }
        None
    }

    pub fn inspector_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        selection: &Selection,
    ) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.heading("Inspector");
        egui::ScrollArea::vertical()
            .id_salt("inspector")
            .show(ui, |ui| match selection {
                Selection::Nothing => {
                    ui.weak("Select an actor, issue or stance to see it here");
                }
                Selection::Actor(id) => {
                    if let Some(actor) = map.actor(id) {
                        self.actor_ui(ui, map, actor, &mut commands);
                    }
                }
                Selection::Issue(id) => {
                    if let Some(issue) = map.issue(id) {
                        self.issue_ui(ui, issue, &mut commands);
                    }
                }
                Selection::Position(key) => {
                    if let Some(position) = map.position(key) {
                        self.position_ui(ui, map, position, &mut commands);
                    }
                }
                Selection::Relation(key) => {
                    if let Some(relation) = map.relation(key) {
                        self.relation_ui(ui, map, relation, &mut commands);
                    }
                }
            });
        commands
    }

    fn actor_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        actor: &Actor,
        commands: &mut Vec<Command>,
    ) {
        let name = if actor.name.trim().is_empty() {
            actor.id.as_str()
        } else {
            actor.name.as_str()
        };
        ui.heading(name)
            .on_hover_text(format!("Actor id: {}", actor.id));
        if let Some(name) = self.text_field(
            ui,
            "Name",
            &actor.name,
            false,
            "Rename the actor (Enter to apply)",
        ) {
            commands.push(Command::Edit(Edit::RenameActor {
                id: actor.id.clone(),
                name,
            }));
        }
        let mut kind = actor.kind;
        egui::ComboBox::from_label("Kind")
            .selected_text(kind.as_str())
            .show_ui(ui, |ui| {
                for option in ActorKind::ALL {
                    ui.selectable_value(&mut kind, option, option.as_str());
                }
            })
            .response
            .on_hover_text("What kind of actor this is");
        if kind != actor.kind {
            commands.push(Command::Edit(Edit::UpdateActor(Actor {
                kind,
                ..actor.clone()
            })));
        }
        let aliases = actor.aliases.join(", ");
        if let Some(text) = self.text_field(
            ui,
            "Aliases",
            &aliases,
            false,
            "Other names, comma separated",
        ) {
            let aliases = text
                .split(',')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(str::to_owned)
                .collect();
            commands.push(Command::Edit(Edit::UpdateActor(Actor {
                aliases,
                ..actor.clone()
            })));
        }
        if let Some(notes) =
            self.text_field(ui, "Notes", &actor.notes, true, "Your notes on this actor")
        {
            commands.push(Command::Edit(Edit::UpdateActor(Actor {
                notes,
                ..actor.clone()
            })));
        }
        ui.horizontal(|ui| {
            if ui
                .button("Merge into…")
                .on_hover_text("Fold this actor into another one")
                .clicked()
            {
                self.open_modal = Some(Modal::MergeActor {
                    absorb: actor.id.clone(),
                    keep: None,
                });
            }
            if ui
                .button("Delete actor")
                .on_hover_text("Remove the actor and its stances (Delete)")
                .clicked()
            {
                commands.push(Command::DeleteSelection);
            }
        });
        ui.separator();
        self.stances_list_ui(ui, map, actor, commands);
        ui.separator();
        self.new_edge_ui(ui, map, &actor.id, commands);
    }

    fn issue_ui(&mut self, ui: &mut egui::Ui, issue: &Issue, commands: &mut Vec<Command>) {
        ui.label(format!("Issue {}", issue.id));
        if let Some(label) = self.text_field(
            ui,
            "Label",
            &issue.label,
            false,
            "Rename the issue (Enter to apply)",
        ) {
            commands.push(Command::Edit(Edit::RenameIssue {
                id: issue.id.clone(),
                label,
            }));
        }
        if let Some(description) = self.text_field(
            ui,
            "Description",
            &issue.description,
            true,
            "What the issue is about",
        ) {
            commands.push(Command::Edit(Edit::UpdateIssue(Issue {
                description,
                ..issue.clone()
            })));
        }
        if ui
            .button("Delete issue")
            .on_hover_text("Remove the issue and its positions (Delete)")
            .clicked()
        {
            commands.push(Command::DeleteSelection);
        }
    }

    /// The actor's stances, each a link that selects it.
    fn stances_list_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        actor: &Actor,
        commands: &mut Vec<Command>,
    ) {
        ui.strong("Stances");
        for position in map.positions_of_actor(&actor.id) {
            let label = map
                .issue(&position.issue)
                .map_or(position.issue.as_str(), |i| i.label.as_str());
            let text = format!("{} {label}", position.claim.stance.as_str());
            if ui
                .link(text)
                .on_hover_text("Select this position")
                .clicked()
            {
                commands.push(Command::Select(Selection::Position(position.key())));
            }
        }
        let name = |id: &crate::stance_map::ActorId| {
            map.actor(id)
                .map_or_else(|| id.to_string(), |actor| actor.name.clone())
        };
        for relation in map.relations_of_actor(&actor.id) {
            let text = format!(
                "{} {} {}",
                name(&relation.source),
                relation.claim.stance.as_str(),
                name(&relation.target)
            );
            if ui
                .link(text)
                .on_hover_text("Select this relation")
                .clicked()
            {
                commands.push(Command::Select(Selection::Relation(relation.key())));
            }
        }
    }
}
