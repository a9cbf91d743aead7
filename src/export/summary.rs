//! A readable plain-text summary of a map, for `stancemap show`: sources, actors,
//! issues, a positions table and a relations table, all in id order.

use std::fmt::Write;

use crate::stance_map::{Claim, Origin, Stance, StanceMap};

/// The whole summary, ending in a newline.
pub fn summary(map: &StanceMap) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} · {} · {} · {} · {}",
        count(map.sources().count(), "source"),
        count(map.n_actors(), "actor"),
        count(map.n_issues(), "issue"),
        count(map.n_positions(), "position"),
        count(map.n_relations(), "relation"),
    );

    let sources: Vec<Vec<String>> = map
        .sources()
        .map(|source| {
            vec![
                source.id.to_string(),
                source.title.clone(),
                source.path.clone(),
                source.date.clone().unwrap_or_default(),
            ]
        })
        .collect();
    section(
        &mut out,
        "Sources",
        &["id", "title", "path", "date"],
        &sources,
    );

    let actors: Vec<Vec<String>> = map
        .actors()
        .map(|actor| {
            vec![
                actor.id.to_string(),
                actor.name.clone(),
                actor.kind.as_str().to_owned(),
                actor.aliases.join(", "),
            ]
        })
        .collect();
    section(
        &mut out,
        "Actors",
        &["id", "name", "kind", "aliases"],
        &actors,
    );

    let issues: Vec<Vec<String>> = map
        .issues()
        .map(|issue| vec![issue.id.to_string(), issue.label.clone()])
        .collect();
    section(&mut out, "Issues", &["id", "label"], &issues);

    let positions: Vec<Vec<String>> = map
        .positions()
        .map(|position| {
            let mut row = vec![position.actor.to_string(), position.issue.to_string()];
            row.extend(claim_cells(&position.claim));
            row
        })
        .collect();
    section(
        &mut out,
        "Positions",
        &[
            "actor",
            "issue",
            "stance",
            "confidence",
            "evidence",
            "origin",
        ],
        &positions,
    );
    mixed_section(&mut out, map);

    let relations: Vec<Vec<String>> = map
        .relations()
        .map(|relation| {
            let mut row = vec![
                relation.source.to_string(),
                relation.target.to_string(),
                relation
                    .issue
                    .as_ref()
                    .map_or_else(|| "(any)".to_owned(), ToString::to_string),
            ];
            row.extend(claim_cells(&relation.claim));
            row
        })
        .collect();
    section(
        &mut out,
        "Relations",
        &[
            "source",
            "target",
            "issue",
            "polarity",
            "confidence",
            "evidence",
            "origin",
        ],
        &relations,
    );
    out
}

/// Positions whose evidence holds both stances, each with its evidence in stored
/// (reading) order and the stance of every passage: a reversal or a mixed position.
fn mixed_section(out: &mut String, map: &StanceMap) {
    let mixed: Vec<_> = map
        .positions()
        .filter(|position| position.claim.is_mixed())
        .collect();
    if mixed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nChanged or mixed positions");
    for position in mixed {
        let claim = &position.claim;
        let stances: Vec<&str> = claim
            .evidence
            .iter()
            .filter_map(|evidence| evidence.stance.map(Stance::as_str))
            .collect();
        let changed = stances
            .windows(2)
            .filter(|pair| pair.first() != pair.get(1))
            .count();
        let kind = if changed == 1 { "changed" } else { "mixed" };
        let _ = writeln!(
            out,
            "  {} → {}: {kind}, now {} (the latest evidence)",
            one_line(position.actor.as_str()),
            one_line(position.issue.as_str()),
            claim.stance.as_str()
        );
        for (number, evidence) in claim.evidence.iter().enumerate() {
            let stance = evidence.stance.map_or("unknown", Stance::as_str);
            let _ = writeln!(
                out,
                "    {}. {stance:<7} {} {}..{} \"{}\"",
                number + 1,
                one_line(evidence.source.as_str()),
                evidence.start,
                evidence.end,
                one_line(&evidence.text)
            );
        }
    }
}

fn one_line(text: &str) -> String {
    text.replace(char::is_control, " ")
}

fn claim_cells(claim: &Claim) -> [String; 4] {
    let mut origin = match claim.origin {
        Origin::Extracted => "extracted".to_owned(),
        Origin::Manual => "manual".to_owned(),
    };
    if claim.locked {
        origin.push_str(", locked");
    }
    let stance = if claim.is_mixed() {
        format!("{} (mixed)", claim.stance.as_str())
    } else {
        claim.stance.as_str().to_owned()
    };
    [
        stance,
        format!("{:.2}", claim.confidence),
        claim.evidence.len().to_string(),
        origin,
    ]
}

fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A titled table with columns padded to their widest cell, or "(none)".
fn section(out: &mut String, title: &str, header: &[&str], rows: &[Vec<String>]) {
    let _ = writeln!(out, "\n{title}");
    if rows.is_empty() {
        let _ = writeln!(out, "  (none)");
        return;
    }
    let mut widths: Vec<usize> = header.iter().map(|cell| cell.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let header: Vec<String> = header.iter().map(|cell| (*cell).to_owned()).collect();
    write_row(out, &widths, &header);
    let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
    write_row(out, &widths, &rule);
    for row in rows {
        write_row(out, &widths, row);
    }
}

fn write_row(out: &mut String, widths: &[usize], cells: &[String]) {
    let padded: Vec<String> = widths
        .iter()
        .zip(cells)
        // A newline in a title would break the table; each control character becomes one space.
        .map(|(width, cell)| {
            let cell = cell.replace(char::is_control, " ");
            format!("{cell:<width$}")
        })
        .collect();
    let _ = writeln!(out, "  {}", padded.join(" | ").trim_end());
}
