//! File → Export…: writes the open map as GraphML, GEXF, CSV (a folder), DOT, JSON,
//! SVG or PNG to a path the user types, and "Copy image" puts the PNG rendering on
//! the clipboard. SVG and PNG colour actors by their two-coalition split when asked.

use std::path::{Path, PathBuf};

use crate::analysis::{Normalisation, analyze};
use crate::export::{csv, dot, gexf, graphml, json, png, svg};
use crate::stance_map::StanceMap;
use crate::storage;

const OPEN_ID: &str = "stancemap_export_open";

/// The formats offered, with their file extension.
pub const FORMATS: [(&str, &str); 7] = [
    ("GraphML", "graphml"),
    ("GEXF 1.3", "gexf"),
    ("CSV (folder)", "csv"),
    ("Graphviz DOT", "dot"),
    ("JSON", "json"),
    ("SVG", "svg"),
    ("PNG", "png"),
];

/// Asks the dialog to open on the next frame (from the File menu).
pub fn request_open(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(egui::Id::unique(OPEN_ID), true));
}

#[derive(Default)]
pub struct ExportDialog {
    pub open: bool,
    /// Index into [`FORMATS`].
    pub format: usize,
    pub path: String,
    pub coalitions: bool,
    /// The outcome of the last export, shown under the buttons.
    pub message: String,
}

/// SVG options for the map: coalition colours when asked.
fn svg_options(map: &StanceMap, coalitions: bool) -> svg::SvgOptions {
    let mut options = svg::SvgOptions::default();
    if coalitions {
        let analysis = analyze(map, 2, Normalisation::None);
        for (index, list) in [&analysis.coalition_a, &analysis.coalition_b]
            .into_iter()
            .enumerate()
        {
            for id in list {
                options.coalitions.insert(id.clone(), index);
            }
        }
    }
    options
}

/// Writes `map` in format `extension` to `path`; a message for the user either way.
pub fn export_to(
    map: &StanceMap,
    extension: &str,
    path: &Path,
    coalitions: bool,
) -> Result<String, String> {
    let shown = path.display();
    let fail = |e: &dyn std::fmt::Display| format!("cannot export to {shown}: {e}");
    let text = match extension {
        "graphml" => graphml::to_graphml(map).map_err(|e| fail(&e))?,
        "gexf" => gexf::to_gexf(map).map_err(|e| fail(&e))?,
        "dot" => dot::to_dot(map),
        "json" => json::to_json_pretty(map).map_err(|e| fail(&e))?,
        "svg" => svg::to_svg(map, &svg_options(map, coalitions)).map_err(|e| fail(&e))?,
        "png" => {
            let text = svg::to_svg(map, &svg_options(map, coalitions)).map_err(|e| fail(&e))?;
            let bytes = png::svg_to_png(&text, 1.0).map_err(|e| fail(&e))?;
            storage::write_atomically(path, &bytes).map_err(|e| fail(&e))?;
            return Ok(format!("exported {shown}"));
        }
        "csv" => {
            std::fs::create_dir_all(path).map_err(|e| fail(&e))?;
            for (name, text) in csv::to_csv_files(map).map_err(|e| fail(&e))? {
                storage::write_atomically(&path.join(name), text.as_bytes())
                    .map_err(|e| fail(&e))?;
            }
            return Ok(format!(
                "exported nodes.csv, edges.csv and matrix.csv to {shown}"
            ));
        }
        other => return Err(format!("unknown export format {other}")),
    };
    storage::write_atomically(path, text.as_bytes()).map_err(|e| fail(&e))?;
    Ok(format!("exported {shown}"))
}

/// The map's PNG rendering as an egui image, for the clipboard.
pub fn map_image(map: &StanceMap, coalitions: bool) -> Result<egui::ColorImage, String> {
    let text = svg::to_svg(map, &svg_options(map, coalitions)).map_err(|e| e.to_string())?;
    let pixmap = png::render(&text, 1.0).map_err(|e| e.to_string())?;
    let size = [pixmap.width() as usize, pixmap.height() as usize];
    // tiny-skia keeps premultiplied RGBA; egui takes it as is.
    Ok(egui::ColorImage::from_rgba_premultiplied(
        size,
        pixmap.data(),
    ))
}

impl ExportDialog {
    pub fn window_ui(&mut self, ctx: &egui::Context, map: &StanceMap) {
        if ctx.data_mut(|data| data.remove_temp::<bool>(egui::Id::unique(OPEN_ID))) == Some(true) {
            self.open = true;
        }
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Export map")
            .open(&mut open)
            .show(ctx, |ui| {
                let (name, extension) = FORMATS.get(self.format).copied().unwrap_or(FORMATS[0]);
                egui::ComboBox::from_label("Format")
                    .selected_text(name)
                    .show_ui(ui, |ui| {
                        for (index, (label, _)) in FORMATS.iter().enumerate() {
                            ui.selectable_value(&mut self.format, index, *label);
                        }
                    });
                ui.horizontal(|ui| {
                    let label = ui.label("Path");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.path)
                            .hint_text(format!("map.{extension}")),
                    )
                    .labelled_by(label.id);
                });
                ui.checkbox(
                    &mut self.coalitions,
                    "Colour actors by coalition (SVG, PNG)",
                );
                ui.horizontal(|ui| {
                    if ui
                        .button("Export")
                        .on_hover_text("Write the file (a folder for CSV)")
                        .clicked()
                    {
                        let path = PathBuf::from(self.path.trim());
                        self.message = if self.path.trim().is_empty() {
                            "type a path first".to_owned()
                        } else {
                            export_to(map, extension, &path, self.coalitions).unwrap_or_else(|e| e)
                        };
                    }
                    if ui
                        .button("Copy image")
                        .on_hover_text("Put the PNG of the map on the clipboard")
                        .clicked()
                    {
                        self.message = match map_image(map, self.coalitions) {
                            Ok(image) => {
                                ui.ctx().copy_image(image);
                                "image copied".to_owned()
                            }
                            Err(error) => format!("cannot render the image: {error}"),
                        };
                    }
                });
                if !self.message.is_empty() {
                    ui.label(&self.message);
                }
            });
        self.open = open;
    }
}
