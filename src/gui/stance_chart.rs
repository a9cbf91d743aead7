//! An actor's stance on an issue over time, as a small egui_plot chart: one point
//! per dated evidence span (+1 support, −1 oppose) against its source's date. Shown
//! in the inspector for a selected position and in the Analysis window.

use egui_plot::{Line, Plot, PlotPoints, Points};

use crate::analysis::{day_number, stance_over_time};
use crate::stance_map::{ActorId, IssueId, Stance, StanceMap};

/// The chart's points: (days since 1970-01-01, +1 support / −1 oppose), by date.
pub fn stance_points(map: &StanceMap, actor: &ActorId, issue: &IssueId) -> Vec<[f64; 2]> {
    stance_over_time(map, actor, issue)
        .iter()
        .filter_map(|point| {
            let y = match point.stance {
                Stance::Support => 1.0,
                Stance::Oppose => -1.0,
            };
            Some([day_number(&point.date)? as f64, y])
        })
        .collect()
}

/// Draws the chart, or a note when no evidence of the position is dated. `id`
/// tells charts apart when more than one is on screen.
pub fn stance_chart_ui(
    ui: &mut egui::Ui,
    id: &str,
    map: &StanceMap,
    actor: &ActorId,
    issue: &IssueId,
) {
    let points = stance_points(map, actor, issue);
    if points.is_empty() {
        ui.weak("No dated evidence for this stance (dates are set per source in the left panel)");
        return;
    }
    Plot::new(id)
        .height(120.0)
        .include_y(-1.2)
        .include_y(1.2)
        .allow_scroll(false)
        .x_axis_formatter(|mark, _range| date_of_day(mark.value as i64))
        .y_axis_formatter(|mark, _range| match mark.value {
            v if v > 0.5 => "support".to_owned(),
            v if v < -0.5 => "oppose".to_owned(),
            _ => String::new(),
        })
        .show(ui, |plot| {
            plot.line(Line::new("stance", PlotPoints::new(points.clone())));
            plot.points(Points::new("evidence", PlotPoints::new(points)).radius(4.0));
        });
}

/// `YYYY-MM-DD` of a day number (inverse of [`day_number`]; Hinnant's civil_from_days).
pub fn date_of_day(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}
