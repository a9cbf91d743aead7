//! What the window shows with no map open: ways to start, and recent files.

use super::action::AppAction;
use super::file_dialog::PickPurpose;
use super::preferences::Preferences;

pub fn start_screen_ui(ui: &mut egui::Ui, preferences: &Preferences) -> Vec<AppAction> {
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("stancemap");
        ui.label("Who supports or opposes what, read from diplomatic news");
        ui.add_space(20.0);
        if ui
            .button("Open article…")
            .on_hover_text("Read an article (txt, md, html) and extract its stances")
            .clicked()
        {
            actions.push(AppAction::Pick(PickPurpose::OpenArticle));
        }
        if ui
            .button("Open map…")
            .on_hover_text("Open a saved .stancemap.ron file")
            .clicked()
        {
            actions.push(AppAction::Pick(PickPurpose::OpenMap));
        }
        if ui
            .button("Open sample article")
            .on_hover_text("Open the bundled example article")
            .clicked()
        {
            actions.push(AppAction::OpenSample);
        }
        if ui
            .button("New map")
            .on_hover_text("Start an empty map")
            .clicked()
        {
            actions.push(AppAction::NewMap);
        }
        ui.add_space(20.0);
        ui.label("Recent files");
        if preferences.recent_files.is_empty() {
            ui.weak("none yet");
        }
        for path in &preferences.recent_files {
            let name = path
                .file_name()
                .map_or_else(|| path.to_string_lossy(), |name| name.to_string_lossy());
            if ui
                .link(name.as_ref())
                .on_hover_text(path.to_string_lossy())
                .clicked()
            {
                actions.push(AppAction::Open(path.clone()));
            }
        }
        ui.add_space(20.0);
        ui.weak("Or drop a file on this window");
    });
    actions
}
