//! The matrix view: actors × issues, each cell coloured by the actor's stance on the
//! issue. Clicking a cell cycles none → support → oppose → none through `Edit`s;
//! clicking a header selects the actor or issue. Rows can be sorted by coalition
//! (the two-coalition split of the signed actor graph), each marked with its colour.

use std::collections::BTreeMap;

use egui::text::{LayoutJob, TextWrapping};
use egui::{
    Align2, CornerRadius, FontId, Pos2, Rect, Role, ScrollArea, Sense, Stroke, StrokeKind, Vec2,
    WidgetInfo,
};

use crate::gui::canvas::CanvasFilter;
use crate::gui::command::{Command, Selection};
use crate::gui::theme;
use crate::stance_map::{
    Actor, ActorId, Claim, Edit, Issue, Origin, Position, PositionKey, Stance, StanceMap,
};

const ROW_HEADER_WIDTH: f32 = 150.0;
const COLUMN_HEADER_HEIGHT: f32 = 64.0;
const CELL_WIDTH: f32 = 120.0;
const CELL_HEIGHT: f32 = 28.0;

/// How the matrix orders its actor rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum MatrixSort {
    /// Map order (by actor id).
    #[default]
    ById,
    /// Coalition A, then B, then actors in neither (no signed tie); map order within.
    ByCoalition,
}

/// Draws the matrix and returns the edits and selections the user asked for.
pub fn matrix_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    filter: &CanvasFilter,
    selection: &Selection,
) -> Vec<Command> {
    matrix_body_ui(ui, map, filter, selection, None)
}

/// The matrix with a "Rows" choice above it; `coalition_of` gives each aligned
/// actor's coalition (0 = A, 1 = B), used when `sort` is [`MatrixSort::ByCoalition`].
pub fn matrix_sorted_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    filter: &CanvasFilter,
    selection: &Selection,
    sort: &mut MatrixSort,
    coalition_of: &BTreeMap<ActorId, usize>,
) -> Vec<Command> {
    ui.horizontal(|ui| {
        ui.label("Rows:");
        ui.selectable_value(sort, MatrixSort::ById, "by id")
            .on_hover_text("Actors in id order");
        ui.selectable_value(sort, MatrixSort::ByCoalition, "by coalition")
            .on_hover_text("Coalition A, then B, then actors without a signed tie: the two-coalition split that attains the frustration index (Tools > Analysis…)");
    });
    let coalitions = (*sort == MatrixSort::ByCoalition).then_some(coalition_of);
    matrix_body_ui(ui, map, filter, selection, coalitions)
}

/// The rows in coalition order (A, B, then the rest), stable within each group.
/// Public so tests can check the order without drawing.
pub fn coalition_order<'a>(
    actors: Vec<&'a Actor>,
    coalition_of: &BTreeMap<ActorId, usize>,
) -> Vec<&'a Actor> {
    let mut actors = actors;
    actors.sort_by_key(|actor| coalition_of.get(&actor.id).copied().unwrap_or(usize::MAX));
    actors
}

fn matrix_body_ui(
    ui: &mut egui::Ui,
    map: &StanceMap,
    filter: &CanvasFilter,
    selection: &Selection,
    coalitions: Option<&BTreeMap<ActorId, usize>>,
) -> Vec<Command> {
    let dark = ui.visuals().dark_mode;
    let (actors, issues) = rows_and_columns(map, filter);
    let actors = match coalitions {
        Some(coalition_of) => coalition_order(actors, coalition_of),
        None => actors,
    };
    let mut commands = Vec::new();
    if actors.is_empty() || issues.is_empty() {
        ui.label("The matrix needs at least one actor and one issue");
        return commands;
    }
    let total = Vec2::new(
        ROW_HEADER_WIDTH + CELL_WIDTH * issues.len() as f32,
        COLUMN_HEADER_HEIGHT + CELL_HEIGHT * actors.len() as f32,
    );
    ScrollArea::both()
        .id_salt("stance_matrix")
        .auto_shrink([false, false])
        .show_viewport(ui, |ui, viewport| {
            let (area, _) = ui.allocate_exact_size(total, Sense::hover());
            let origin = area.min;
            let painter = ui.painter();
            // Only the rows and columns in view are laid out: big maps stay fast.
            let first_row = ((viewport.top() - COLUMN_HEADER_HEIGHT) / CELL_HEIGHT)
                .floor()
                .max(0.0) as usize;
            let last_row = (((viewport.bottom() - COLUMN_HEADER_HEIGHT) / CELL_HEIGHT)
                .ceil()
                .max(0.0) as usize)
                .min(actors.len());
            let first_column = ((viewport.left() - ROW_HEADER_WIDTH) / CELL_WIDTH)
                .floor()
                .max(0.0) as usize;
            let last_column = (((viewport.right() - ROW_HEADER_WIDTH) / CELL_WIDTH)
                .ceil()
                .max(0.0) as usize)
                .min(issues.len());

            for (column, issue) in issues
                .iter()
                .enumerate()
                .take(last_column)
                .skip(first_column)
            {
                let rect = Rect::from_min_size(
                    origin + Vec2::new(ROW_HEADER_WIDTH + CELL_WIDTH * column as f32, 0.0),
                    Vec2::new(CELL_WIDTH, COLUMN_HEADER_HEIGHT),
                );
                let selection_here = Selection::Issue(issue.id.clone());
                let header = HeaderCell {
                    label: &issue.label,
                    noun: "issue",
                    vertical: true,
                };
                if header_cell_ui(
                    ui,
                    painter,
                    rect,
                    &header,
                    *selection == selection_here,
                    dark,
                ) {
                    commands.push(Command::Select(selection_here));
                }
            }
            for (row, actor) in actors.iter().enumerate().take(last_row).skip(first_row) {
                let y = COLUMN_HEADER_HEIGHT + CELL_HEIGHT * row as f32;
                let rect = Rect::from_min_size(
                    origin + Vec2::new(0.0, y),
                    Vec2::new(ROW_HEADER_WIDTH, CELL_HEIGHT),
                );
                let selection_here = Selection::Actor(actor.id.clone());
                let header = HeaderCell {
                    label: &actor.name,
                    noun: "actor",
                    vertical: false,
                };
                if header_cell_ui(
                    ui,
                    painter,
                    rect,
                    &header,
                    *selection == selection_here,
                    dark,
                ) {
                    commands.push(Command::Select(selection_here));
                }
                if let Some(coalition_of) = coalitions {
                    coalition_marker(ui, rect, coalition_of.get(&actor.id).copied());
                }
                for (column, issue) in issues
                    .iter()
                    .enumerate()
                    .take(last_column)
                    .skip(first_column)
                {
                    let rect = Rect::from_min_size(
                        origin + Vec2::new(ROW_HEADER_WIDTH + CELL_WIDTH * column as f32, y),
                        Vec2::new(CELL_WIDTH, CELL_HEIGHT),
                    );
                    if let Some(command) =
                        cell_ui(ui, rect, map, actor, issue, filter, selection, dark)
                    {
                        commands.push(command);
                    }
                }
            }
        });
    commands
}

/// The actors (rows) and issues (columns) the filter keeps. A text that matches no
/// actor (or no issue) leaves that axis whole, so "Crimea" shows every actor's stance
/// on the Crimea issue.
fn rows_and_columns<'a>(
    map: &'a StanceMap,
    filter: &CanvasFilter,
) -> (Vec<&'a Actor>, Vec<&'a Issue>) {
    let text = filter.text.trim().to_lowercase();
    let actor_matches = |actor: &Actor| {
        actor.name.to_lowercase().contains(&text)
            || actor.id.as_str().to_lowercase().contains(&text)
            || actor
                .aliases
                .iter()
                .any(|alias| alias.to_lowercase().contains(&text))
    };
    let mut actors: Vec<&Actor> = map.actors().filter(|actor| actor_matches(actor)).collect();
    if actors.is_empty() {
        actors = map.actors().collect();
    }
    let in_scope = |issue: &Issue| filter.issue.as_ref().is_none_or(|only| only == &issue.id);
    let mut issues: Vec<&Issue> = map
        .issues()
        .filter(|issue| in_scope(issue) && issue.label.to_lowercase().contains(&text))
        .collect();
    if issues.is_empty() {
        issues = map.issues().filter(|issue| in_scope(issue)).collect();
    }
    (actors, issues)
}

fn header(
    painter: &egui::Painter,
    rect: Rect,
    text: &str,
    highlighted: bool,
    dark: bool,
    wrap: bool,
) {
    if highlighted {
        painter.rect_filled(
            rect.shrink(1.0),
            CornerRadius::same(3),
            theme::faded(theme::selection_color(dark), 0.25),
        );
    }
    let color = theme::label_color(dark);
    let width = rect.width() - 8.0;
    let mut job = LayoutJob::simple(text.to_owned(), FontId::proportional(13.0), color, width);
    job.wrap = TextWrapping {
        max_width: width,
        max_rows: if wrap { 3 } else { 1 },
        break_anywhere: false,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    let pos = if wrap {
        // Column headers sit on the cells, centred.
        Pos2::new(
            rect.center().x - galley.size().x / 2.0,
            rect.bottom() - galley.size().y - 4.0,
        )
    } else {
        Pos2::new(rect.left() + 6.0, rect.center().y - galley.size().y / 2.0)
    };
    painter.galley(pos, galley, color);
}

/// One cell: paint it, explain it on hover, cycle it on click.
#[allow(clippy::too_many_arguments)]
fn cell_ui(
    ui: &egui::Ui,
    rect: Rect,
    map: &StanceMap,
    actor: &Actor,
    issue: &Issue,
    filter: &CanvasFilter,
    selection: &Selection,
    dark: bool,
) -> Option<Command> {
    let key = PositionKey {
        actor: actor.id.clone(),
        issue: issue.id.clone(),
    };
    let position = map.position(&key);
    let stance_name = position.map_or("no stance", |p| p.claim.stance.as_str());
    let response = ui.interact(
        rect,
        ui.make_persistent_id(("matrix_cell", &key)),
        Sense::click(),
    );
    let label = format!("{} on {}: {stance_name}", actor.name, issue.label);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
    let painter = ui.painter();
    let cell = rect.shrink(2.0);
    let background = if dark {
        egui::Color32::from_gray(40)
    } else {
        egui::Color32::from_gray(235)
    };
    painter.rect_filled(cell, CornerRadius::same(3), background);
    if let Some(position) = position {
        let claim = &position.claim;
        let mut opacity = if claim.origin == Origin::Extracted {
            0.35 + 0.65 * claim.confidence.clamp(0.0, 1.0)
        } else {
            1.0
        };
        if claim.confidence < filter.min_confidence {
            opacity *= 0.3;
        }
        painter.rect_filled(
            cell,
            CornerRadius::same(3),
            theme::faded(theme::stance_color(claim.stance, dark), opacity),
        );
        let mut text = claim.stance.as_str().to_owned();
        if claim.origin == Origin::Manual {
            text.push_str(" · manual");
        }
        if claim.locked {
            text.push_str(" · locked");
        }
        painter.text(
            cell.center(),
            Align2::CENTER_CENTER,
            text,
            FontId::proportional(12.0),
            egui::Color32::WHITE,
        );
    }
    let selected = matches!(selection, Selection::Position(selected) if selected == &key);
    if selected || response.hovered() {
        let stroke = Stroke::new(
            if selected { 2.5 } else { 1.5 },
            theme::selection_color(dark),
        );
        painter.rect_stroke(cell, CornerRadius::same(3), stroke, StrokeKind::Outside);
    }
    let evidence = position.map_or(0, |p| p.claim.evidence.len());
    let response = response.on_hover_text(format!(
        "{label}\n{evidence} evidence sentence{}\nClick to cycle: none, support, oppose, none again",
        if evidence == 1 { "" } else { "s" }
    ));
    response
        .clicked()
        .then(|| Command::Edit(cycle_edit(map, &key)))
}

/// A coloured dot at the right of a row header: the actor's coalition, grey for none.
fn coalition_marker(ui: &egui::Ui, row: Rect, coalition: Option<usize>) {
    let color = coalition.map_or(egui::Color32::GRAY, super::analysis_panel::coalition_color);
    let centre = Pos2::new(row.right() - 10.0, row.center().y);
    ui.painter().circle_filled(centre, 5.0, color);
}

/// The edit one click on a cell makes: none → support → oppose → none. What the
/// analyst sets by hand is manual.
pub fn cycle_edit(map: &StanceMap, key: &PositionKey) -> Edit {
    match map.position(key) {
        None => Edit::AddPosition(Position {
            actor: key.actor.clone(),
            issue: key.issue.clone(),
            claim: Claim::new(Stance::Support, Origin::Manual),
        }),
        Some(position) if position.claim.stance == Stance::Support => {
            let mut flipped = position.clone();
            flipped.claim.stance = Stance::Oppose;
            flipped.claim.origin = Origin::Manual;
            Edit::UpdatePosition(flipped)
        }
        Some(_) => Edit::RemovePosition(key.clone()),
    }
}

/// A row or column header of the matrix: its label, what it names, and its direction.
struct HeaderCell<'a> {
    label: &'a str,
    /// "actor" or "issue", for the tooltip.
    noun: &'static str,
    vertical: bool,
}

/// Draws one clickable header cell; returns whether it was clicked.
fn header_cell_ui(
    ui: &egui::Ui,
    painter: &egui::Painter,
    rect: Rect,
    cell: &HeaderCell<'_>,
    selected: bool,
    dark: bool,
) -> bool {
    let response = ui
        .interact(
            rect,
            ui.make_persistent_id(("matrix_header", cell.noun, cell.label)),
            Sense::click(),
        )
        .on_hover_text(format!(
            "{}\nClick to select this {}",
            cell.label, cell.noun
        ));
    response.widget_info(|| WidgetInfo::labeled(Role::Button, true, cell.label));
    header(
        painter,
        rect,
        cell.label,
        selected || response.hovered(),
        dark,
        cell.vertical,
    );
    response.clicked()
}
