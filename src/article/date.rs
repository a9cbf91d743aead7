//! An article's publication date, read from the raw file: HTML metadata first
//! (`<meta property="article:published_time">`, `name="date"`, `itemprop=
//! "datePublished"`, …), then `<time datetime>`, then a date in the first lines of
//! text (ISO `2025-11-23`, `November 23, 2025`, `23 November 2025`, `Nov. 23, 2025`).
//! Month names come from `assets/dates.ron`.
//!
//! The result is ISO `YYYY-MM-DD`; a dateline without a year (`BRUSSELS, March 14`)
//! gives no date, since guessing the year would be wrong as often as right.
//! Pure and linear: it looks at the first 64 KiB of the raw text only.

use std::sync::OnceLock;

/// How much of the file is searched.
const SCAN_LIMIT: usize = 64 * 1024;
/// How much of the text (after markup) a dateline may be in.
const DATELINE_LIMIT: usize = 600;

/// Meta tag names and properties that hold a publication date, in order of trust.
const META_KEYS: [&str; 7] = [
    "article:published_time",
    "datepublished",
    "og:published_time",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
];

fn months() -> &'static [Vec<String>] {
    static MONTHS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    MONTHS.get_or_init(|| ron::from_str(include_str!("../../assets/dates.ron")).unwrap_or_default())
}

/// The publication date of an article given as raw text (HTML, Markdown or plain),
/// as `YYYY-MM-DD`, or `None` when no full date is found.
pub fn detect_date(raw: &str) -> Option<String> {
    let end = floor_boundary(raw, SCAN_LIMIT);
    let head = raw.get(..end).unwrap_or_default();
    let lower = head.to_ascii_lowercase();
    meta_date(head, &lower)
        .or_else(|| time_date(head, &lower))
        .or_else(|| text_date(head))
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    end
}

/// The value of attribute `name` inside one tag (`tag` is the tag's text).
fn attribute<'t>(tag: &'t str, tag_lower: &str, name: &str) -> Option<&'t str> {
    let mut from = 0;
    while let Some(found) = tag_lower.get(from..)?.find(name) {
        let at = from + found;
        let rest = tag.get(at + name.len()..)?.trim_start();
        if let Some(value) = rest.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next()?;
            if quote == '"' || quote == '\'' {
                let inner = value.get(1..)?;
                return inner.find(quote).and_then(|close| inner.get(..close));
            }
            let stop = value
                .find(|c: char| c.is_whitespace() || c == '>')
                .unwrap_or(value.len());
            return value.get(..stop);
        }
        from = at + name.len();
    }
    None
}

/// Tags named `tag` (as (text, lowercase text)) in order.
fn tags<'t>(head: &'t str, lower: &'t str, tag: &str) -> impl Iterator<Item = (&'t str, &'t str)> {
    let open = format!("<{tag}");
    let mut from = 0;
    std::iter::from_fn(move || {
        let at = from + lower.get(from..)?.find(&open)?;
        let close = at + lower.get(at..)?.find('>').unwrap_or(lower.len() - at);
        from = close.max(at + 1);
        Some((head.get(at..close)?, lower.get(at..close)?))
    })
}

fn meta_date(head: &str, lower: &str) -> Option<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for (tag, tag_lower) in tags(head, lower, "meta") {
        let key = attribute(tag, tag_lower, "property")
            .or_else(|| attribute(tag, tag_lower, "name"))
            .or_else(|| attribute(tag, tag_lower, "itemprop"))
            .map(str::to_ascii_lowercase);
        let Some(rank) = key.and_then(|k| META_KEYS.iter().position(|m| *m == k)) else {
            continue;
        };
        if let Some(date) = attribute(tag, tag_lower, "content").and_then(iso_prefix) {
            found.push((rank, date));
        }
    }
    found.sort();
    found.into_iter().next().map(|(_, date)| date)
}

fn time_date(head: &str, lower: &str) -> Option<String> {
    tags(head, lower, "time")
        .find_map(|(tag, tag_lower)| attribute(tag, tag_lower, "datetime").and_then(iso_prefix))
}

/// `YYYY-MM-DD` at the start of `value` (as in `2025-11-23T10:00:00Z`), checked.
fn iso_prefix(value: &str) -> Option<String> {
    let value = value.trim();
    let date = value.get(..10)?;
    let bytes = date.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    let month: u32 = date.get(5..7)?.parse().ok()?;
    let day: u32 = date.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then(|| date.to_owned())
}

/// A date in the first lines of text: ISO, `Month D, YYYY` or `D Month YYYY`.
fn text_date(head: &str) -> Option<String> {
    let text = strip_tags(head);
    let end = floor_boundary(&text, DATELINE_LIMIT);
    let text = text.get(..end)?;
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    for (i, word) in words.iter().enumerate() {
        if let Some(date) = iso_prefix(word) {
            return Some(date);
        }
        let Some(month) = month_number(word) else {
            continue;
        };
        let next = words.get(i + 1).copied();
        let after = words.get(i + 2).copied();
        let before = i.checked_sub(1).and_then(|j| words.get(j)).copied();
        // Month D, YYYY
        if let (Some(day), Some(year)) = (next.and_then(day_number), after.and_then(year_number)) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
        // D Month YYYY
        if let (Some(day), Some(year)) = (before.and_then(day_number), next.and_then(year_number)) {
            return Some(format!("{year:04}-{month:02}-{day:02}"));
        }
    }
    None
}

fn strip_tags(head: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut inside = false;
    for c in head.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => {
                inside = false;
                out.push(' ');
            }
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_lowercase();
    months()
        .iter()
        .position(|names| names.contains(&word))
        .and_then(|i| u32::try_from(i + 1).ok())
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
    let day: u32 = digits.parse().ok()?;
    (1..=31).contains(&day).then_some(day)
}

fn year_number(word: &str) -> Option<u32> {
    let year: u32 = word.trim_end_matches('.').parse().ok()?;
    (1900..=2200).contains(&year).then_some(year)
}
