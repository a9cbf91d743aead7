//! `analyze`, `export` and `diff`: the analysis and interop subcommands.

use std::path::Path;

use anyhow::Context;
use clap::ValueEnum;

use crate::analysis::{Normalisation, analyze, diff_maps};
use crate::export::{csv, dot, gexf, graphml, json, png, svg};
use crate::storage;

use super::{emit, write_stdout};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum NormalisationArg {
    None,
    Jaccard,
    Cosine,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Graphml,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Graphml,
    Gexf,
    Csv,
    Dot,
    Json,
    Svg,
    Png,
}

/// `stancemap analyze MAP`.
pub fn analyze_command(
    map: &Path,
    format: ReportFormat,
    coalitions: usize,
    normalisation: NormalisationArg,
    range: &crate::analysis::DateRange,
) -> anyhow::Result<()> {
    let mut map = storage::load_map(map)?;
    if range.from.is_some() || range.to.is_some() {
        map = crate::analysis::map_as_of(&map, range);
    }
    let normalisation = match normalisation {
        NormalisationArg::None => Normalisation::None,
        NormalisationArg::Jaccard => Normalisation::Jaccard,
        NormalisationArg::Cosine => Normalisation::Cosine,
    };
    let analysis = analyze(&map, coalitions.max(1), normalisation);
    let text = match format {
        ReportFormat::Text => analysis.to_text(),
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&analysis.to_json())?;
            text.push('\n');
            text
        }
    };
    write_stdout(&text)
}

/// `stancemap export MAP --format F -o OUT`; `csv` writes a folder of three files.
pub fn export_command(
    map_path: &Path,
    format: ExportFormat,
    output: &Path,
    scale: f32,
    coalitions: bool,
) -> anyhow::Result<()> {
    let map = storage::load_map(map_path)?;
    let shown = output.display();
    let svg_options = || {
        let mut options = svg::SvgOptions {
            title: map_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            ..svg::SvgOptions::default()
        };
        if coalitions {
            let analysis = analyze(&map, 2, Normalisation::None);
            for (index, list) in [&analysis.coalition_a, &analysis.coalition_b]
                .iter()
                .enumerate()
            {
                for id in list.iter() {
                    options.coalitions.insert(id.clone(), index);
                }
            }
        }
        options
    };
    match format {
        ExportFormat::Graphml => emit(Some(output), &graphml::to_graphml(&map)?),
        ExportFormat::Gexf => emit(Some(output), &gexf::to_gexf(&map)?),
        ExportFormat::Dot => emit(Some(output), &dot::to_dot(&map)),
        ExportFormat::Json => emit(Some(output), &json::to_json_pretty(&map)?),
        ExportFormat::Svg => emit(Some(output), &svg::to_svg(&map, &svg_options())?),
        ExportFormat::Png => {
            let text = svg::to_svg(&map, &svg_options())?;
            let bytes =
                png::svg_to_png(&text, scale).with_context(|| format!("cannot render {shown}"))?;
            Ok(storage::write_atomically(output, &bytes)?)
        }
        ExportFormat::Csv => {
            std::fs::create_dir_all(output)
                .with_context(|| format!("cannot create the folder {shown}"))?;
            for (name, text) in csv::to_csv_files(&map)? {
                storage::write_atomically(&output.join(name), text.as_bytes())?;
            }
            Ok(())
        }
    }
}

/// `stancemap diff A B`; true when the maps differ.
pub fn diff_command(a: &Path, b: &Path, format: ReportFormat) -> anyhow::Result<bool> {
    let before = storage::load_map(a)?;
    let after = storage::load_map(b)?;
    let diff = diff_maps(&before, &after);
    let text = match format {
        ReportFormat::Text => diff.to_text(),
        ReportFormat::Json => {
            let mut text = serde_json::to_string_pretty(&diff.to_json())?;
            text.push('\n');
            text
        }
    };
    write_stdout(&text)?;
    Ok(!diff.is_empty())
}

/// The publication date of the article at `path` (first 64 KiB), if it states one.
pub(super) fn read_date(path: &Path) -> Option<String> {
    use std::io::Read;
    let mut head = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .ok()?;
    crate::article::date::detect_date(&String::from_utf8_lossy(&head))
}

/// `stancemap merge A B -o C`: reports unified actors and conflicts on stderr.
pub fn merge_command(a: &Path, b: &Path, output: &Path) -> anyhow::Result<()> {
    let first = storage::load_map(a)?;
    let second = storage::load_map(b)?;
    let merged = crate::analysis::merge_maps(&first, &second)
        .with_context(|| format!("cannot merge {} into {}", b.display(), a.display()))?;
    for (from, to) in &merged.unified {
        eprintln!("{}: actor {from} is {to}", b.display());
    }
    for conflict in &merged.conflicts {
        eprintln!("conflict: {conflict}");
    }
    storage::save_map(output, &merged.map)?;
    Ok(())
}

/// `stancemap import FILE -o MAP`: GraphML or a CSV edge list.
pub fn import_command(
    file: &Path,
    output: &Path,
    format: Option<ImportFormat>,
) -> anyhow::Result<()> {
    use crate::export::import::{import_csv_edges, import_graphml};
    let shown = file.display();
    let format = format.unwrap_or_else(|| {
        let csv = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if csv {
            ImportFormat::Csv
        } else {
            ImportFormat::Graphml
        }
    });
    const LIMIT: u64 = 256 * 1024 * 1024;
    let size = std::fs::metadata(file)
        .with_context(|| format!("cannot read {shown}"))?
        .len();
    if size > LIMIT {
        anyhow::bail!("{shown} is larger than 256 MiB; not imported");
    }
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read {shown}"))?;
    let imported = match format {
        ImportFormat::Graphml => import_graphml(&text),
        ImportFormat::Csv => import_csv_edges(&text),
    }
    .with_context(|| format!("cannot import {shown}"))?;
    for diagnostic in &imported.diagnostics {
        eprintln!("{shown}: {diagnostic}");
    }
    storage::save_map(output, &imported.map)?;
    Ok(())
}
