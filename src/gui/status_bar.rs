//! The status bar: what the map holds, whether it is saved, the latest message.

use super::app::StanceMapApp;

pub fn status_bar_ui(ui: &mut egui::Ui, app: &StanceMapApp) {
    ui.horizontal(|ui| {
        if let Some(document) = app.document() {
            let map = &document.map;
            let n_stances = map.n_positions() + map.n_relations();
            let n_manual = map
                .positions()
                .map(|position| &position.claim)
                .chain(map.relations().map(|relation| &relation.claim))
                .filter(|claim| claim.origin == crate::stance_map::Origin::Manual)
                .count();
            ui.label(format!(
                "{} actors · {} issues · {n_stances} stances (manual {n_manual})",
                map.n_actors(),
                map.n_issues()
            ));
            ui.separator();
            ui.label(if document.is_dirty() {
                "unsaved changes"
            } else {
                "saved"
            });
            ui.separator();
        }
        ui.label(app.status());
    });
}
