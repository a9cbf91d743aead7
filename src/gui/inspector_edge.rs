//! The inspector for stances (positions and relations): flip, strength, note, lock,
//! evidence; and the form that adds a manual stance from the selected actor.

use super::command::Command;
use super::inspector::InspectorState;
use crate::stance_map::{
    ActorId, Claim, Edit, IssueId, Origin, Position, Relation, Stance, StanceMap,
};

/// The "add stance" form: what the analyst picked so far.
#[derive(Debug, Clone, Default)]
pub struct NewEdge {
    pub issue: Option<IssueId>,
    pub target: Option<ActorId>,
    pub oppose: bool,
}

impl InspectorState {
    pub(super) fn position_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        position: &Position,
        commands: &mut Vec<Command>,
    ) {
        let actor = map
            .actor(&position.actor)
            .map_or(position.actor.as_str(), |a| a.name.as_str());
        let issue = map
            .issue(&position.issue)
            .map_or(position.issue.as_str(), |i| i.label.as_str());
        ui.label(format!("{actor} on {issue}"));
        if let Some(claim) = self.claim_ui(ui, map, &position.claim, commands) {
            commands.push(Command::Edit(Edit::UpdatePosition(Position {
                claim,
                ..position.clone()
            })));
        }
        egui::CollapsingHeader::new("Stance over time")
            .default_open(true)
            .show(ui, |ui| {
                super::stance_chart::stance_chart_ui(
                    ui,
                    "inspector_stance_over_time",
                    map,
                    &position.actor,
                    &position.issue,
                );
            });
    }

    pub(super) fn relation_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        relation: &Relation,
        commands: &mut Vec<Command>,
    ) {
        let name = |id: &ActorId| map.actor(id).map_or(id.to_string(), |a| a.name.clone());
        ui.label(format!(
            "{} towards {}",
            name(&relation.source),
            name(&relation.target)
        ));
        if let Some(issue) = &relation.issue {
            ui.label(format!(
                "on {}",
                map.issue(issue)
                    .map_or(issue.as_str(), |i| i.label.as_str())
            ));
        }
        if let Some(claim) = self.claim_ui(ui, map, &relation.claim, commands) {
            commands.push(Command::Edit(Edit::UpdateRelation(Relation {
                claim,
                ..relation.clone()
            })));
        }
    }

    /// Draws a claim's fields; returns the changed claim when one was committed.
    fn claim_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        claim: &Claim,
        commands: &mut Vec<Command>,
    ) -> Option<Claim> {
        let mut changed = None;
        ui.horizontal(|ui| {
            ui.label(format!("Stance: {}", claim.stance.as_str()));
            if ui
                .button("Flip stance")
                .on_hover_text("Switch between support and oppose")
                .clicked()
            {
                // An analyst's correction is manual, so re-extraction keeps it.
                changed = Some(Claim {
                    stance: claim.stance.flipped(),
                    origin: Origin::Manual,
                    ..claim.clone()
                });
            }
        });
        let mut strength = self.strength_drag.unwrap_or(claim.strength);
        let slider = ui
            .add(egui::Slider::new(&mut strength, 0.0..=1.0).text("Strength"))
            .on_hover_text("How strongly the stance is held");
        // While dragging only the draft moves; the map changes once, when the drag ends.
        let commit = slider.drag_stopped() || (slider.changed() && !slider.dragged());
        self.strength_drag = slider.dragged().then_some(strength);
        if commit && strength != claim.strength {
            changed = Some(Claim {
                strength,
                origin: Origin::Manual,
                ..claim.clone()
            });
        }
        ui.label(format!("Confidence: {:.2}", claim.confidence));
        ui.label(format!("Origin: {}", claim.origin.as_str()));
        let mut locked = claim.locked;
        if ui
            .checkbox(&mut locked, "Locked")
            .on_hover_text("Re-extraction never changes a locked stance")
            .changed()
        {
            changed = Some(Claim {
                locked,
                ..claim.clone()
            });
        }
        if let Some(note) =
            self.text_field(ui, "Note", &claim.note, true, "Your note on this stance")
        {
            changed = Some(Claim {
                note,
                ..claim.clone()
            });
        }
        ui.separator();
        super::inspector_evidence::evidence_ui(ui, map, claim, commands);
        changed
    }

    /// Adds a manual position (actor → issue) or relation (actor → actor).
    pub(super) fn new_edge_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: &StanceMap,
        actor: &ActorId,
        commands: &mut Vec<Command>,
    ) {
        ui.strong("Add stance");
        let form = &mut self.new_edge;
        ui.horizontal(|ui| {
            ui.radio_value(&mut form.oppose, false, "support")
                .on_hover_text("The new stance supports");
            ui.radio_value(&mut form.oppose, true, "oppose")
                .on_hover_text("The new stance opposes");
        });
        let stance = if form.oppose {
            Stance::Oppose
        } else {
            Stance::Support
        };
        let issue_text = form
            .issue
            .as_ref()
            .and_then(|id| map.issue(id))
            .map_or("choose", |i| i.label.as_str());
        egui::ComboBox::from_label("On issue")
            .selected_text(issue_text)
            .show_ui(ui, |ui| {
                for issue in map.issues() {
                    ui.selectable_value(&mut form.issue, Some(issue.id.clone()), &issue.label);
                }
            })
            .response
            .on_hover_text("The issue the actor takes a position on");
        let add = ui.add_enabled(form.issue.is_some(), egui::Button::new("Add position"));
        if add.on_hover_text("Add a manual position").clicked()
            && let Some(issue) = form.issue.clone()
        {
            let claim = Claim::new(stance, Origin::Manual);
            commands.push(Command::Edit(Edit::AddPosition(Position {
                actor: actor.clone(),
                issue,
                claim,
            })));
        }
        let target_text = form
            .target
            .as_ref()
            .and_then(|id| map.actor(id))
            .map_or("choose", |a| a.name.as_str());
        egui::ComboBox::from_label("Towards actor")
            .selected_text(target_text)
            .show_ui(ui, |ui| {
                for other in map.actors().filter(|other| &other.id != actor) {
                    ui.selectable_value(&mut form.target, Some(other.id.clone()), &other.name);
                }
            })
            .response
            .on_hover_text("The actor this one backs or acts against");
        let add = ui.add_enabled(form.target.is_some(), egui::Button::new("Add relation"));
        if add.on_hover_text("Add a manual relation").clicked()
            && let Some(target) = form.target.clone()
        {
            let claim = Claim::new(stance, Origin::Manual);
            commands.push(Command::Edit(Edit::AddRelation(Relation {
                source: actor.clone(),
                target,
                issue: None,
                claim,
            })));
        }
    }
}
