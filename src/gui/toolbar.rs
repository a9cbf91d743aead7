//! The toolbar above the canvas: which view, the filters, and fit.

use super::action::AppAction;
use super::canvas::{CanvasFilter, View};
use super::command::Command;
use crate::stance_map::StanceMap;

/// Draws the toolbar; `focus_filter` (Ctrl+F) moves the keyboard focus to the filter field.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    view: &mut View,
    filter: &mut CanvasFilter,
    focus_filter: bool,
) -> Vec<AppAction> {
    let mut actions = Vec::new();
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(view, View::Positions, "Positions")
            .on_hover_text("Actors and the issues they support or oppose");
        ui.selectable_value(view, View::Relations, "Relations")
            .on_hover_text("Actors backing or acting against each other");
        let lens_issue = match view {
            View::IssueLens(issue) => Some(issue.clone()),
            _ => None,
        };
        let lens_text = lens_issue
            .as_ref()
            .and_then(|id| map.issue(id))
            .map_or("choose issue", |issue| issue.label.as_str());
        egui::ComboBox::from_label("Issue lens")
            .selected_text(lens_text)
            .show_ui(ui, |ui| {
                for issue in map.issues() {
                    ui.selectable_value(view, View::IssueLens(issue.id.clone()), &issue.label);
                }
            })
            .response
            .on_hover_text("Colour actors by their stance on one issue");
        ui.selectable_value(view, View::Matrix, "Matrix")
            .on_hover_text("Actors × issues table");
        ui.separator();

        let label = ui.label("Filter");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .desired_width(140.0)
                    .hint_text("name…"),
            )
            .labelled_by(label.id)
            .on_hover_text("Show only nodes whose name contains this (Ctrl+F)");
        if focus_filter {
            field.request_focus();
        }
        let issue_text = filter
            .issue
            .as_ref()
            .and_then(|id| map.issue(id))
            .map_or("all issues", |issue| issue.label.as_str());
        egui::ComboBox::from_label("Issue")
            .selected_text(issue_text)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter.issue, None, "all issues");
                for issue in map.issues() {
                    ui.selectable_value(&mut filter.issue, Some(issue.id.clone()), &issue.label);
                }
            })
            .response
            .on_hover_text("Show only stances on one issue");
        ui.add(egui::Slider::new(&mut filter.min_confidence, 0.0..=1.0).text("Min confidence"))
            .on_hover_text("Hide edges less certain than this");
        if ui
            .button("Fit")
            .on_hover_text("Zoom so every node is visible (F)")
            .clicked()
        {
            actions.push(Command::FitView.into());
        }
    });
    actions
}
