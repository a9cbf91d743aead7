//! The Analysis window (Tools → Analysis…): the two-coalition split with its
//! frustration index, frustrated triads, k coalitions, contested issues, isolated
//! actors, a timeline filter summary and an actor's stance on an issue over time
//! (egui_plot). Every number explains itself in a tooltip. It never changes the map:
//! its switches (colour by coalition, highlight frustrated ties, matrix by
//! coalition, timeline) are view choices kept in [`AnalysisView`]. Stances are each
//! claim's current stance (mixed claims: the latest).

use std::hash::{DefaultHasher, Hash, Hasher};

use egui::{Color32, RichText};

use super::analysis_view::AnalysisView;
use super::matrix::MatrixSort;
use crate::analysis::{Analysis, DateRange, Normalisation, analyze, map_as_of};
use crate::export::svg::COALITION_COLORS;
use crate::stance_map::{ActorId, IssueId, StanceMap};

const OPEN_ID: &str = "stancemap_analysis_open";

/// Asks the window to open on the next frame (from a menu item).
pub fn request_open(ctx: &egui::Context) {
    ctx.data_mut(|data| data.insert_temp(egui::Id::unique(OPEN_ID), true));
}

/// The window's state: the cached analysis and the user's choices.
#[derive(Default)]
pub struct AnalysisPanel {
    pub open: bool,
    cache: Option<(u64, usize, Analysis)>,
    /// Number of coalitions for signed clustering.
    pub k: usize,
    pub from: String,
    pub to: String,
    pub actor: Option<ActorId>,
    pub issue: Option<IssueId>,
    /// The choices that change the canvas and matrix (also in the View menu).
    pub view: AnalysisView,
}

/// A fingerprint of what the analysis reads: every stance and relation.
fn signature(map: &StanceMap) -> u64 {
    let mut hasher = DefaultHasher::new();
    for p in map.positions() {
        (&p.actor, &p.issue, p.claim.stance).hash(&mut hasher);
    }
    for r in map.relations() {
        (&r.source, &r.target, &r.issue, r.claim.stance).hash(&mut hasher);
    }
    map.n_actors().hash(&mut hasher);
    hasher.finish()
}

/// The fill colour of coalition `index` (same palette as the SVG export).
pub fn coalition_color(index: usize) -> Color32 {
    let hex = COALITION_COLORS[index % COALITION_COLORS.len()];
    Color32::from_hex(hex).unwrap_or(Color32::GRAY)
}

impl AnalysisPanel {
    /// The analysis of `map`, recomputed only when its stances changed.
    pub fn analysis(&mut self, map: &StanceMap) -> &Analysis {
        let k = self.k.max(2);
        let signature = signature(map);
        let stale = self
            .cache
            .as_ref()
            .is_none_or(|(s, cached_k, _)| *s != signature || *cached_k != k);
        if stale {
            self.cache = Some((signature, k, analyze(map, k, Normalisation::None)));
        }
        match &self.cache {
            Some((_, _, analysis)) => analysis,
            None => unreachable_analysis(),
        }
    }

    /// Shows the window when open.
    pub fn window_ui(&mut self, ctx: &egui::Context, map: &StanceMap) {
        if ctx.data_mut(|data| data.remove_temp::<bool>(egui::Id::unique(OPEN_ID))) == Some(true) {
            self.open = true;
        }
        if !self.open {
            return;
        }
        let mut open = self.open;
        egui::Window::new("Analysis")
            .open(&mut open)
            .default_width(420.0)
            .vscroll(true)
            .show(ctx, |ui| self.contents_ui(ui, map));
        self.open = open;
    }

    fn contents_ui(&mut self, ui: &mut egui::Ui, map: &StanceMap) {
        if self.k < 2 {
            self.k = 2;
        }
        let mut k = self.k;
        self.view_choices_ui(ui);
        ui.separator();
        let analysis = self.analysis(map).clone();
        ui.label(format!(
            "{} actors · {} signed ties ({} positive)",
            analysis.actors, analysis.signed_ties, analysis.positive_ties
        ))
        .on_hover_text(
            "Ties are explicit relations, or else the sign of agreements minus disagreements across issues (DNA subtract network).",
        );
        ui.label(format!(
            "Triads: {} balanced, {} frustrated",
            analysis.triads.balanced, analysis.triads.frustrated
        ))
        .on_hover_text("A triad is frustrated when it has an odd number of negative ties (the enemy of my enemy is my enemy).");
        let how = if analysis.frustration.exact {
            "exact"
        } else {
            "heuristic upper bound"
        };
        ui.label(RichText::new(format!("Frustration index: {} ({how})", analysis.frustration.index)).strong())
            .on_hover_text("The fewest ties whose removal makes the graph perfectly balanced (Aref & Wilson). Exact by branch and bound up to 30 actors per component.");
        for (index, (name, members)) in [("A", &analysis.coalition_a), ("B", &analysis.coalition_b)]
            .into_iter()
            .enumerate()
        {
            ui.horizontal_wrapped(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                ui.painter()
                    .circle_filled(rect.center(), 5.0, coalition_color(index));
                ui.label(format!("Coalition {name}:"))
                    .on_hover_text("The two-coalition split that attains the frustration index.");
                ui.label(join(members));
            });
        }
        if !analysis.frustrated_ties.is_empty() {
            ui.collapsing(
                format!("{} frustrated ties", analysis.frustrated_ties.len()),
                |ui| {
                    for (a, b, sign) in &analysis.frustrated_ties {
                        ui.label(format!("{a} {sign} {b}"));
                    }
                },
            );
        }
        if !analysis.triads.frustrated_list.is_empty() {
            ui.collapsing("Frustrated triads", |ui| {
                for [a, b, c] in analysis.triads.frustrated_list.iter().take(200) {
                    ui.label(
                        RichText::new(format!("{a} · {b} · {c}"))
                            .color(Color32::from_rgb(198, 40, 40)),
                    );
                }
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            let label = ui.label("Coalitions (signed clustering):")
                .on_hover_text("Doreian & Mrvar: minimise negative ties inside plus positive ties between coalitions (α = ½).");
            ui.add(egui::DragValue::new(&mut k).range(2..=8))
                .labelled_by(label.id);
        });
        ui.label(format!(
            "error {} ({} negative inside, {} positive between)",
            analysis.clusters.error,
            analysis.clusters.negative_inside,
            analysis.clusters.positive_between
        ));
        ui.separator();
        ui.label(RichText::new("Contested issues").strong())
            .on_hover_text("Split = 1 − |support − oppose| / (support + oppose): 1 is an even split. Pivotal actors' flip alone changes the majority.");
        egui::Grid::new("contested").striped(true).show(ui, |ui| {
            for contest in analysis.contested.iter().take(30) {
                ui.label(contest.issue.as_str());
                ui.label(format!("{}–{}", contest.support, contest.oppose));
                ui.label(format!("{:.2}", contest.split));
                ui.label(join(&contest.pivotal));
                ui.end_row();
            }
        });
        ui.label(format!("Isolated actors: {}", join(&analysis.isolated)))
            .on_hover_text("Actors with no signed tie to anyone.");
        ui.separator();
        self.time_ui(ui, map);
        self.k = k;
    }

    /// The switches that change the main views.
    fn view_choices_ui(&mut self, ui: &mut egui::Ui) {
        let view = &mut self.view;
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut view.colour_by_coalition, "Colour by coalition")
                .on_hover_text("Fill actors on the canvas by the two-coalition split below (A, B); actors without a signed tie keep their colour");
            ui.checkbox(&mut view.highlight_frustrated, "Highlight frustrated ties")
                .on_hover_text("Glow on ties the split frustrates (negative inside a coalition, positive across) and a ring on their actors");
            let mut by_coalition = view.matrix_sort == MatrixSort::ByCoalition;
            if ui
                .checkbox(&mut by_coalition, "Sort matrix by coalition")
                .on_hover_text("Matrix rows: coalition A, then B, then actors without a signed tie")
                .changed()
            {
                view.matrix_sort = if by_coalition {
                    MatrixSort::ByCoalition
                } else {
                    MatrixSort::ById
                };
            }
            ui.checkbox(&mut view.timeline.shown, "Timeline")
                .on_hover_text("Show the timeline bar under the toolbar: the map as of a date range");
        });
        if view.timeline.filter().is_some() {
            ui.weak("The timeline filters the canvas, the matrix and their coalition colours; the numbers below are for the whole map (see Time for a range)");
        }
    }

    fn time_ui(&mut self, ui: &mut egui::Ui, map: &StanceMap) {
        ui.label(RichText::new("Time").strong());
        ui.horizontal(|ui| {
            ui.label("From");
            ui.add(
                egui::TextEdit::singleline(&mut self.from)
                    .desired_width(90.0)
                    .hint_text("YYYY-MM-DD"),
            );
            ui.label("to");
            ui.add(
                egui::TextEdit::singleline(&mut self.to)
                    .desired_width(90.0)
                    .hint_text("YYYY-MM-DD"),
            );
        });
        let range = DateRange {
            from: Some(self.from.trim().to_owned()).filter(|s| !s.is_empty()),
            to: Some(self.to.trim().to_owned()).filter(|s| !s.is_empty()),
        };
        if range.from.is_some() || range.to.is_some() {
            let view = map_as_of(map, &range);
            ui.label(format!(
                "As of this range: {} of {} positions, {} of {} relations",
                view.n_positions(),
                map.n_positions(),
                view.n_relations(),
                map.n_relations()
            ))
            .on_hover_text("Stances with evidence from sources dated in the range; undated sources and manual stances always count.");
        }
        ui.horizontal(|ui| {
            egui::ComboBox::from_label("Actor")
                .selected_text(self.actor.as_ref().map_or("actor", ActorId::as_str))
                .show_ui(ui, |ui| {
                    for actor in map.actors() {
                        ui.selectable_value(
                            &mut self.actor,
                            Some(actor.id.clone()),
                            actor.name.as_str(),
                        );
                    }
                });
            egui::ComboBox::from_label("Issue")
                .selected_text(self.issue.as_ref().map_or("issue", IssueId::as_str))
                .show_ui(ui, |ui| {
                    for issue in map.issues() {
                        ui.selectable_value(
                            &mut self.issue,
                            Some(issue.id.clone()),
                            issue.label.as_str(),
                        );
                    }
                });
        });
        let (Some(actor), Some(issue)) = (&self.actor, &self.issue) else {
            return;
        };
        super::stance_chart::stance_chart_ui(ui, "stance_over_time", map, actor, issue);
    }
}

fn join(ids: &[ActorId]) -> String {
    if ids.is_empty() {
        return "(none)".to_owned();
    }
    ids.iter()
        .map(ActorId::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Never reached: the cache is filled just before. Returns a static empty analysis.
fn unreachable_analysis() -> &'static Analysis {
    static EMPTY: std::sync::OnceLock<Analysis> = std::sync::OnceLock::new();
    EMPTY.get_or_init(|| analyze(&StanceMap::new(), 2, Normalisation::None))
}
