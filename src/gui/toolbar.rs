//! The toolbar above the canvas: which view (the active one always highlighted), the
//! one search box (it filters the canvas and the side lists), the issue and
//! confidence filters, and fit. It never wraps: below [`WIDE_TOOLBAR`] points the
//! filters move into a "Filters" menu.

use super::action::AppAction;
use super::canvas::{CanvasFilter, View};
use super::command::Command;
use crate::stance_map::{IssueId, StanceMap};

/// Width of the issue combo boxes; longer issue names end in "…" (full name on hover).
const COMBO_WIDTH: f32 = 170.0;
/// Below this toolbar width the issue and confidence filters go into a menu.
pub const WIDE_TOOLBAR: f32 = 1100.0;

/// Draws the toolbar; `focus_filter` (Ctrl+F) moves the keyboard focus to the search box.
pub fn toolbar_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    view: &mut View,
    filter: &mut CanvasFilter,
    focus_filter: bool,
) -> Vec<AppAction> {
    let mut actions = Vec::new();
    let wide = ui.available_width() >= WIDE_TOOLBAR;
    ui.horizontal(|ui| {
        ui.selectable_value(view, View::Positions, "Positions")
            .on_hover_text("Actors and the issues they support or oppose");
        ui.selectable_value(view, View::Relations, "Relations")
            .on_hover_text("Actors backing or acting against each other");
        lens_ui(ui, map, view);
        ui.selectable_value(view, View::Matrix, "Matrix")
            .on_hover_text("Actors × issues table");
        ui.separator();

        let label = ui.label("Search");
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut filter.text)
                    .desired_width(130.0)
                    .hint_text("actor or issue…"),
            )
            .labelled_by(label.id)
            .on_hover_text("Dim nodes and shorten the lists to names containing this (Ctrl+F)");
        if focus_filter {
            field.request_focus();
        }
        if wide {
            filters_ui(ui, map, filter);
        } else {
            let active = filter.issue.is_some() || filter.min_confidence > 0.0;
            let title = if active { "Filters (on)" } else { "Filters" };
            ui.menu_button(title, |ui| filters_ui(ui, map, filter))
                .response
                .on_hover_text("Only one issue's stances; hide unsure edges");
        }
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

/// The issue lens: a view button (highlighted while the lens is on) and a
/// fixed-width issue picker next to it.
fn lens_ui(ui: &mut egui::Ui, map: &StanceMap, view: &mut View) {
    let lens_issue = match view {
        View::IssueLens(issue) => Some(issue.clone()),
        _ => None,
    };
    let remembered = egui::Id::unique("toolbar_last_lens_issue");
    if let Some(issue) = &lens_issue {
        ui.data_mut(|data| data.insert_temp(remembered, issue.clone()));
    }
    let fallback: Option<IssueId> = ui
        .data(|data| data.get_temp::<IssueId>(remembered))
        .filter(|id| map.issue(id).is_some())
        .or_else(|| map.issues().next().map(|issue| issue.id.clone()));
    let button = ui
        .selectable_label(lens_issue.is_some(), "Issue lens")
        .on_hover_text("Colour actors by their stance on one issue");
    if button.clicked()
        && lens_issue.is_none()
        && let Some(issue) = fallback.clone()
    {
        *view = View::IssueLens(issue);
    }
    let shown = lens_issue.or(fallback);
    let text = shown
        .as_ref()
        .and_then(|id| map.issue(id))
        .map_or("no issues", |issue| issue.label.as_str());
    let combo = egui::ComboBox::from_id_salt("lens_issue")
        .selected_text(text)
        .width(COMBO_WIDTH)
        .truncate()
        .show_ui(ui, |ui| {
            for issue in map.issues() {
                ui.selectable_value(view, View::IssueLens(issue.id.clone()), &issue.label);
            }
        })
        .response;
    combo
        .labelled_by(button.id)
        .on_hover_text(format!("Issue lens on: {text}"));
}

fn filters_ui(ui: &mut egui::Ui, map: &StanceMap, filter: &mut CanvasFilter) {
    let issue_text = filter
        .issue
        .as_ref()
        .and_then(|id| map.issue(id))
        .map_or("all issues", |issue| issue.label.as_str())
        .to_owned();
    let label = ui.label("Issue");
    egui::ComboBox::from_id_salt("filter_issue")
        .selected_text(issue_text.as_str())
        .width(COMBO_WIDTH)
        .truncate()
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut filter.issue, None, "all issues");
            for issue in map.issues() {
                ui.selectable_value(&mut filter.issue, Some(issue.id.clone()), &issue.label);
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(format!("Show only stances on one issue: {issue_text}"));
    let label = ui.label("Min confidence");
    ui.add(egui::Slider::new(&mut filter.min_confidence, 0.0..=1.0))
        .labelled_by(label.id)
        .on_hover_text("Hide edges less certain than this");
}
