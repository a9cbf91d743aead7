//! The bottom panel: a source's text with actor mentions underlined and the focused
//! evidence span highlighted and scrolled into view.

use egui::text::{CCursor, LayoutJob, TextFormat};

use super::command::{Command, EvidenceFocus};
use crate::stance_map::{SourceId, StanceMap};

/// Which source is shown and which span is highlighted.
#[derive(Debug, Default)]
pub struct ArticlePanel {
    pub source: Option<SourceId>,
    pub focus: Option<EvidenceFocus>,
    /// Set when the focus changes, so the panel scrolls to it once.
    scroll_pending: bool,
}

impl ArticlePanel {
    pub fn focus(&mut self, focus: EvidenceFocus) {
        self.source = Some(focus.source.clone());
        self.focus = Some(focus);
        self.scroll_pending = true;
    }

    pub fn article_ui(&mut self, ui: &mut egui::Ui, map: &StanceMap) -> Vec<Command> {
        let sources: Vec<_> = map.sources().collect();
        let shown = self
            .source
            .as_ref()
            .and_then(|id| map.source(id))
            .or_else(|| sources.first().copied());
        let Some(source) = shown else {
            ui.weak("No article in this map");
            return Vec::new();
        };
        ui.horizontal(|ui| {
            ui.strong(format!("Article: {}", source.title));
            if sources.len() > 1 {
                let mut chosen = source.id.clone();
                ui.label("Source");
                egui::ComboBox::from_id_salt("article_source")
                    .width(260.0)
                    .truncate()
                    .selected_text(source.title.as_str())
                    .show_ui(ui, |ui| {
                        for other in &sources {
                            ui.selectable_value(
                                &mut chosen,
                                other.id.clone(),
                                other.title.as_str(),
                            );
                        }
                    })
                    .response
                    .on_hover_text("Which article of the map to show");
                if chosen != source.id {
                    self.source = Some(chosen);
                }
            }
        });
        let focus = self
            .focus
            .as_ref()
            .filter(|focus| focus.source == source.id);
        let job = highlighted_text(ui, &source.text, &mentions(map, &source.text), focus);
        egui::ScrollArea::vertical()
            .id_salt("article_text")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (pos, galley, _response) = egui::Label::new(job).layout_in_ui(ui);
                if self.scroll_pending
                    && let Some(focus) = focus
                {
                    let chars = |byte: usize| {
                        source
                            .text
                            .get(..byte)
                            .map_or(0, |head| head.chars().count())
                    };
                    let start = galley.pos_from_cursor(CCursor::new(chars(focus.start)));
                    let end = galley.pos_from_cursor(CCursor::new(chars(focus.end)));
                    ui.scroll_to_rect(
                        start.union(end).translate(pos.to_vec2()),
                        Some(egui::Align::Center),
                    );
                    self.scroll_pending = false;
                }
                ui.painter().galley(pos, galley, ui.visuals().text_color());
            });
        Vec::new()
    }
}

/// Byte spans in `text` where an actor's name or alias appears as a whole word,
/// sorted and without overlaps. ASCII case-insensitive, so byte offsets stay valid.
pub fn mentions(map: &StanceMap, text: &str) -> Vec<(usize, usize)> {
    let haystack = text.to_ascii_lowercase();
    let mut spans = Vec::new();
    for actor in map.actors() {
        for name in [actor.id.as_str(), actor.name.as_str()]
            .into_iter()
            .chain(actor.aliases.iter().map(String::as_str))
        {
            let needle = name.trim().to_ascii_lowercase();
            if needle.is_empty() {
                continue;
            }
            for (start, _) in haystack.match_indices(&needle) {
                let end = start + needle.len();
                let before = haystack[..start].chars().next_back();
                let after = haystack[end..].chars().next();
                let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
                if !is_word(before) && !is_word(after) {
                    spans.push((start, end));
                }
            }
        }
    }
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start < last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
}

/// The text as a layout job: mentions underlined, the focus span on a yellow background.
fn highlighted_text(
    ui: &egui::Ui,
    text: &str,
    mentions: &[(usize, usize)],
    focus: Option<&EvidenceFocus>,
) -> LayoutJob {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    let mention_color = ui.visuals().hyperlink_color;
    let mut cuts: Vec<usize> = vec![0, text.len()];
    cuts.extend(mentions.iter().flat_map(|&(start, end)| [start, end]));
    if let Some(focus) = focus {
        cuts.extend([focus.start, focus.end]);
    }
    cuts.retain(|&cut| cut <= text.len() && text.is_char_boundary(cut));
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = ui.available_width();
    for pair in cuts.windows(2) {
        let &[start, end] = pair else { continue };
        let Some(piece) = text.get(start..end) else {
            continue;
        };
        let mentioned = mentions.iter().any(|&(s, e)| s <= start && end <= e);
        let focused = focus.is_some_and(|f| f.start <= start && end <= f.end);
        let mut format =
            TextFormat::simple(font.clone(), if mentioned { mention_color } else { color });
        if mentioned {
            format.underline = egui::Stroke::new(1.0, mention_color);
        }
        if focused {
            format.background = egui::Color32::from_rgba_unmultiplied(255, 220, 60, 90);
        }
        job.append(piece, 0.0, format);
    }
    job
}
