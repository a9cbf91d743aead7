//! A readable plain-text summary of a map, for `stancemap show`: sources, actors,
//! issues, a positions table and a relations table, all in id order.

use std::fmt::Write;

use crate::stance_map::{Claim, Origin, StanceMap};

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

fn claim_cells(claim: &Claim) -> [String; 4] {
    let mut origin = match claim.origin {
        Origin::Extracted => "extracted".to_owned(),
        Origin::Manual => "manual".to_owned(),
    };
    if claim.locked {
        origin.push_str(", locked");
    }
    [
        claim.stance.as_str().to_owned(),
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
