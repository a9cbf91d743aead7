//! The banner that says a file could not be opened or read: one line above the map,
//! naming the file and the place, until dismissed or the next file opens. The open
//! document stays as it was.

/// The latest load error, if one is showing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorBanner {
    /// The error as the storage layer words it (file and place named).
    pub message: Option<String>,
}

impl ErrorBanner {
    pub fn show(&mut self, message: String) {
        self.message = Some(message);
    }

    pub fn clear(&mut self) {
        self.message = None;
    }

    /// Draws the banner as a top panel; call before the central panel.
    pub fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let Some(message) = self.message.clone() else {
            return;
        };
        egui::Panel::top("load_error_banner").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.colored_label(ui.visuals().error_fg_color, "Error:");
                ui.label(message);
                if ui
                    .button("Dismiss")
                    .on_hover_text("Hide this message")
                    .clicked()
                {
                    self.message = None;
                }
            });
        });
    }
}
