//! The menu bar: File, Edit, View, Tools. Every item is an action with a tooltip.

use super::action::AppAction;
use super::app::StanceMapApp;
use super::command::{Command, Selection};
use super::file_dialog::PickPurpose;
use super::shortcuts;

/// One menu item: a button with an optional shortcut hint and a tooltip.
fn item(
    ui: &mut egui::Ui,
    enabled: bool,
    text: &str,
    shortcut: Option<&egui::KeyboardShortcut>,
    tip: &str,
) -> bool {
    let mut button = egui::Button::new(text);
    if let Some(shortcut) = shortcut {
        button = button.shortcut_text(shortcuts::label(ui.ctx(), shortcut));
    }
    ui.add_enabled(enabled, button).on_hover_text(tip).clicked()
}

pub fn menu_bar_ui(ui: &mut egui::Ui, app: &StanceMapApp) -> Vec<AppAction> {
    let mut actions = Vec::new();
    let has_document = app.document().is_some();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            let mut add = |action: AppAction, clicked: bool| {
                if clicked {
                    actions.push(action);
                }
            };
            add(
                AppAction::NewMap,
                item(ui, true, "New map", None, "Start an empty map"),
            );
            add(
                AppAction::Pick(PickPurpose::OpenArticle),
                item(
                    ui,
                    true,
                    "Open article…",
                    None,
                    "Read an article and extract its stances",
                ),
            );
            add(
                AppAction::Pick(PickPurpose::OpenMap),
                item(
                    ui,
                    true,
                    "Open map…",
                    Some(&shortcuts::OPEN),
                    "Open a .stancemap.ron file",
                ),
            );
            add(
                AppAction::OpenSample,
                item(
                    ui,
                    true,
                    "Open sample article",
                    None,
                    "Open the bundled example",
                ),
            );
            ui.separator();
            add(
                AppAction::Pick(PickPurpose::AddArticle),
                item(
                    ui,
                    has_document,
                    "Add article to map…",
                    None,
                    "Extract another article into this map",
                ),
            );
            add(
                AppAction::Reextract,
                item(
                    ui,
                    has_document,
                    "Re-extract",
                    None,
                    "Run extraction again; manual and locked stances stay",
                ),
            );
            ui.separator();
            add(
                AppAction::Save,
                item(
                    ui,
                    has_document,
                    "Save",
                    Some(&shortcuts::SAVE),
                    "Save the map",
                ),
            );
            add(
                AppAction::SaveAs,
                item(
                    ui,
                    has_document,
                    "Save as…",
                    Some(&shortcuts::SAVE_AS),
                    "Save the map to a new file",
                ),
            );
            if item(
                ui,
                has_document,
                "Export…",
                None,
                "GraphML, GEXF, CSV, DOT, JSON, SVG, PNG; copy image",
            ) {
                super::export_dialog::request_open(ui.ctx());
            }
            ui.separator();
            add(
                AppAction::Quit,
                item(ui, true, "Quit", None, "Close stancemap"),
            );
        });
        ui.menu_button("Edit", |ui| {
            let history = app.document().map(|document| &document.history);
            let can_undo = history.is_some_and(|history| history.can_undo());
            let can_redo = history.is_some_and(|history| history.can_redo());
            if item(
                ui,
                can_undo,
                "Undo",
                Some(&shortcuts::UNDO),
                "Undo the last change",
            ) {
                actions.push(Command::Undo.into());
            }
            if item(
                ui,
                can_redo,
                "Redo",
                Some(&shortcuts::REDO),
                "Redo the last undone change",
            ) {
                actions.push(Command::Redo.into());
            }
            let selected = app.selection() != &Selection::Nothing;
            if item(
                ui,
                selected,
                "Delete selection",
                None,
                "Delete what is selected (Delete)",
            ) {
                actions.push(Command::DeleteSelection.into());
            }
        });
        ui.menu_button("View", |ui| {
            if item(
                ui,
                has_document,
                "Fit to window",
                None,
                "Show every node (F)",
            ) {
                actions.push(Command::FitView.into());
            }
            if item(
                ui,
                has_document,
                "Relayout",
                None,
                "Run the layout again for unpinned nodes",
            ) {
                actions.push(Command::Relayout.into());
            }
            let theme = if app.preferences().dark_theme {
                "Light theme"
            } else {
                "Dark theme"
            };
            if item(ui, true, theme, None, "Switch between dark and light") {
                actions.push(AppAction::ToggleTheme);
            }
            ui.separator();
            analysis_view_items_ui(ui, app, has_document);
        });
        ui.menu_button("Tools", |ui| {
            if item(
                ui,
                has_document,
                "Lexicon editor…",
                None,
                "Add aliases to actors in your lexicon",
            ) {
                actions.push(AppAction::ShowLexiconEditor);
            }
            if item(
                ui,
                has_document,
                "Analysis…",
                None,
                "Coalitions, structural balance, contested issues, time",
            ) {
                super::analysis_panel::request_open(ui.ctx());
            }
            if item(
                ui,
                true,
                "Model extractor…",
                None,
                "Extract with a language model; every stance is checked against the article",
            ) {
                actions.push(AppAction::ShowLlmSettings);
            }
        });
    });
    actions
}

/// View menu switches from the analysis: coalition colours, frustrated ties, timeline.
fn analysis_view_items_ui(ui: &mut egui::Ui, app: &StanceMapApp, has_document: bool) {
    use super::analysis_view::{ViewToggle, request_toggle};
    let view = &app.analysis_panel.view;
    let items = [
        (
            view.colour_by_coalition,
            "Colour by coalition",
            "Fill actors by the two-coalition split (Tools > Analysis…)",
            ViewToggle::ColourByCoalition,
        ),
        (
            view.highlight_frustrated,
            "Highlight frustrated ties",
            "Glow on ties the two-coalition split frustrates; ring on their actors",
            ViewToggle::HighlightFrustrated,
        ),
        (
            view.timeline.shown,
            "Timeline",
            "Show the map as of a date range (a bar under the toolbar)",
            ViewToggle::Timeline,
        ),
    ];
    for (on, text, tip, toggle) in items {
        let mut checked = on;
        if ui
            .add_enabled(has_document, egui::Checkbox::new(&mut checked, text))
            .on_hover_text(tip)
            .clicked()
        {
            request_toggle(ui.ctx(), toggle);
        }
    }
}
