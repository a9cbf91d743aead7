//! The timeline bar (View → Timeline): a date range under the toolbar that shows the
//! map as of that range. Stances none of whose evidence comes from a source dated in
//! the range are hidden from the canvas and the matrix; stances with undated (or no)
//! evidence are shown unless "Show undated" is off. The map itself is not changed.

use crate::analysis::{DateRange, Undated, parse_date};

/// The bar's state: transient UI state, never saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    /// Whether the bar is shown (and so filters).
    pub shown: bool,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; empty for an open end.
    pub from: String,
    pub to: String,
    pub include_undated: bool,
}

impl Default for Timeline {
    fn default() -> Self {
        Self {
            shown: false,
            from: String::new(),
            to: String::new(),
            include_undated: true,
        }
    }
}

impl Timeline {
    /// The filter in force: `None` when the bar is hidden or would hide nothing. A
    /// bound that is not a date is ignored (the bar says so).
    pub fn filter(&self) -> Option<(DateRange, Undated)> {
        if !self.shown {
            return None;
        }
        let range = DateRange {
            from: parse_date(&self.from).ok().flatten(),
            to: parse_date(&self.to).ok().flatten(),
        };
        let undated = if self.include_undated {
            Undated::Keep
        } else {
            Undated::Hide
        };
        let filters = range.from.is_some() || range.to.is_some() || undated == Undated::Hide;
        filters.then_some((range, undated))
    }
}

/// Draws the bar: the two bounds, "Show undated", how many stances are shown
/// (`counts`: shown, total) and a close button.
pub fn timeline_bar_ui(ui: &mut egui::Ui, timeline: &mut Timeline, counts: (usize, usize)) {
    ui.horizontal(|ui| {
        ui.strong("Timeline")
            .on_hover_text("Show the map as of a date range: stances whose evidence comes only from sources dated outside it are hidden. Source dates are edited in the left panel (Sources)");
        for (name, text) in [("From date", &mut timeline.from), ("To date", &mut timeline.to)] {
            let label = ui.label(name);
            let valid = parse_date(text).is_ok();
            let mut field = egui::TextEdit::singleline(text)
                .desired_width(90.0)
                .hint_text("YYYY-MM-DD");
            if !valid {
                field = field.text_color(ui.visuals().error_fg_color);
            }
            let response = ui.add(field).labelled_by(label.id);
            if let Err(reason) = parse_date(text) {
                response.on_hover_text(format!("{reason}; ignored"));
            }
        }
        ui.checkbox(&mut timeline.include_undated, "Show undated")
            .on_hover_text("Keep stances with evidence from undated sources, and stances without evidence (manual ones)");
        let (visible, total) = counts;
        ui.label(format!("{visible} of {total} stances shown"));
        if ui
            .small_button("Close")
            .on_hover_text("Hide the timeline and show every stance")
            .clicked()
        {
            timeline.shown = false;
        }
    });
}
