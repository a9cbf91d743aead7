//! Time: sources carry dates (ISO `YYYY-MM-DD`, or any prefix such as `YYYY-MM`), so
//! a map can be seen as of a date range and an actor's stance traced over time.
//!
//! Dates compare as strings, which orders ISO dates correctly. Undated sources and
//! claims without evidence (typically manual ones) are timeless: always kept.

use crate::stance_map::{ActorId, Claim, Edit, IssueId, SourceId, Stance, StanceMap};

/// An inclusive date range; an open end is `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateRange {
    pub from: Option<String>,
    pub to: Option<String>,
}

impl DateRange {
    /// Whether `date` lies in the range; comparing only as many characters as the
    /// bound has, so `to: "2025-11"` includes `2025-11-30`.
    pub fn contains(&self, date: &str) -> bool {
        let after = self
            .from
            .as_deref()
            .is_none_or(|from| date.get(..from.len().min(date.len())).unwrap_or(date) >= from);
        let before = self
            .to
            .as_deref()
            .is_none_or(|to| date.get(..to.len().min(date.len())).unwrap_or(date) <= to);
        after && before
    }
}

/// The date of a source, if it has one.
fn source_date<'m>(map: &'m StanceMap, source: &SourceId) -> Option<&'m str> {
    map.source(source)?
        .date
        .as_deref()
        .filter(|d| !d.is_empty())
}

/// What the timeline does with a claim that no dated source backs: evidence from an
/// undated source, or no evidence at all (typically a manual stance).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Undated {
    /// Timeless: always shown (the default, and what `analyze --from/--to` does).
    #[default]
    Keep,
    /// Shown only when some evidence comes from a source dated within the range.
    Hide,
}

/// Whether a claim shows in `range`: some evidence comes from a source dated within
/// the range, or (with [`Undated::Keep`]) it has no evidence or some from an undated
/// source.
fn claim_in_range(map: &StanceMap, claim: &Claim, range: &DateRange, undated: Undated) -> bool {
    let keep_undated = undated == Undated::Keep;
    (keep_undated && claim.evidence.is_empty())
        || claim
            .evidence
            .iter()
            .any(|e| match source_date(map, &e.source) {
                Some(date) => range.contains(date),
                None => keep_undated,
            })
}

/// The edit that turns `map` into its view as of `range`: removes positions and
/// relations none of whose evidence falls in the range; undated claims are kept.
/// Apply it to a clone; the map itself is not changed. Cost: O(evidence · log sources).
pub fn timeline_filter(map: &StanceMap, range: &DateRange) -> Edit {
    timeline_filter_with(map, range, Undated::Keep)
}

/// [`timeline_filter`], with the choice of what happens to undated claims.
pub fn timeline_filter_with(map: &StanceMap, range: &DateRange, undated: Undated) -> Edit {
    let mut removals = Vec::new();
    for position in map.positions() {
        if !claim_in_range(map, &position.claim, range, undated) {
            removals.push(Edit::RemovePosition(position.key()));
        }
    }
    for relation in map.relations() {
        if !claim_in_range(map, &relation.claim, range, undated) {
            removals.push(Edit::RemoveRelation(relation.key()));
        }
    }
    Edit::Batch(removals)
}

/// A copy of `map` as of `range`, undated claims kept (see [`timeline_filter`]).
pub fn map_as_of(map: &StanceMap, range: &DateRange) -> StanceMap {
    map_as_of_with(map, range, Undated::Keep)
}

/// A copy of `map` as of `range`, with the choice of what happens to undated claims.
/// Actors, issues, sources and layout stay; only positions and relations go.
pub fn map_as_of_with(map: &StanceMap, range: &DateRange, undated: Undated) -> StanceMap {
    let mut view = map.clone();
    // The removals only name keys that exist, so this cannot fail; on the
    // impossible error the unfiltered copy is returned.
    let _ = view.apply(timeline_filter_with(map, range, undated));
    view
}

/// One dated observation of a stance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StancePoint {
    pub date: String,
    pub stance: Stance,
    pub source: SourceId,
}

/// An actor's stance on an issue over time: one point per evidence span whose source
/// is dated and which records a stance, sorted by date then source. Empty when the
/// position does not exist.
pub fn stance_over_time(map: &StanceMap, actor: &ActorId, issue: &IssueId) -> Vec<StancePoint> {
    let key = crate::stance_map::PositionKey {
        actor: actor.clone(),
        issue: issue.clone(),
    };
    let Some(position) = map.position(&key) else {
        return Vec::new();
    };
    let mut points: Vec<StancePoint> = position
        .claim
        .evidence
        .iter()
        .filter_map(|e| {
            Some(StancePoint {
                date: source_date(map, &e.source)?.to_owned(),
                stance: e.stance?,
                source: e.source.clone(),
            })
        })
        .collect();
    points.sort_by(|a, b| a.date.cmp(&b.date).then(a.source.cmp(&b.source)));
    points.dedup();
    points
}

/// Days since 1970-01-01 for an ISO date prefix (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`),
/// for plotting; `None` when it does not parse. Proleptic Gregorian calendar.
pub fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.get(..10.min(date.len()))?.split('-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: i64 = parts.next().map_or(Some(1), |d| d.parse().ok())?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// A date as typed by a user, checked: `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (digits,
/// month 1..=12, day 1..=31), surrounding spaces dropped. `Ok(None)` for an empty
/// text (no date); `Err` with a lowercase reason otherwise.
pub fn parse_date(text: &str) -> Result<Option<String>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let widths_ok = matches!(parts.as_slice(), [y] | [y, _] | [y, _, _] if y.len() == 4)
        && parts.iter().skip(1).all(|part| part.len() == 2)
        && parts
            .iter()
            .all(|part| part.chars().all(|c| c.is_ascii_digit()));
    if !widths_ok || day_number(text).is_none() {
        return Err(format!("not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text}"));
    }
    Ok(Some(text.to_owned()))
}
