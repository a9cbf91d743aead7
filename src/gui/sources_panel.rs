//! The Sources section of the left panel: each article the map was read from, with
//! its publication date editable. A date commits when its field loses focus (or on
//! Enter) as one `Edit::UpdateSource`, so undo restores the old date. The timeline
//! and the stance-over-time chart read these dates.

use super::command::Command;
use crate::analysis::parse_date;
use crate::stance_map::{Edit, Source, StanceMap};

/// Draws the sources with their date fields; returns the date edits committed.
pub fn sources_ui(ui: &mut egui::Ui, map: &StanceMap) -> Vec<Command> {
    let mut commands = Vec::new();
    let n_sources = map.sources().count();
    egui::CollapsingHeader::new(format!("Sources ({n_sources})"))
        .id_salt("side_sources")
        .default_open(true)
        .show(ui, |ui| {
            for source in map.sources() {
                ui.push_id(source.id.as_str(), |ui| {
                    if let Some(command) = source_ui(ui, source) {
                        commands.push(command);
                    }
                });
            }
        });
    commands
}

/// One source: its title and a date field. Drafts live in egui's memory while the
/// field has focus, so an undo shows the map's date again once the field is left.
fn source_ui(ui: &mut egui::Ui, source: &Source) -> Option<Command> {
    let title = if source.title.trim().is_empty() {
        source.id.as_str()
    } else {
        source.title.as_str()
    };
    ui.label(title)
        .on_hover_text(format!("{}\n{}", source.id, source.path));
    let current = source.date.clone().unwrap_or_default();
    let id = ui.make_persistent_id("source_date");
    let focused = ui.memory(|memory| memory.has_focus(id));
    let mut text = if focused {
        ui.data(|data| data.get_temp::<String>(id))
            .unwrap_or_else(|| current.clone())
    } else {
        current.clone()
    };
    let parsed = parse_date(&text);
    let response = ui
        .horizontal(|ui| {
            let label = ui.label("Date");
            let mut field = egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(100.0)
                .hint_text("YYYY-MM-DD");
            if parsed.is_err() {
                field = field.text_color(ui.visuals().error_fg_color);
            }
            ui.add(field).labelled_by(label.id).on_hover_text(
                "Publication date (YYYY, YYYY-MM or YYYY-MM-DD), read from the article when it states one; Enter to apply, empty for none",
            )
        })
        .inner;
    if response.has_focus() {
        ui.data_mut(|data| data.insert_temp(id, text.clone()));
    }
    if !response.lost_focus() {
        return None;
    }
    ui.data_mut(|data| data.remove::<String>(id));
    // A text that is not a date is dropped: the field shows the map's date again.
    let date = parse_date(&text).ok()?;
    (date != source.date).then(|| {
        Command::Edit(Edit::UpdateSource(Source {
            date,
            ..source.clone()
        }))
    })
}
