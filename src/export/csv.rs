//! CSV for spreadsheet-style tools, written with the `csv` crate:
//!
//! - `nodes.csv`: `Id,Label,Type,Kind` (Type `actor`/`issue`, Kind the actor kind);
//! - `edges.csv`: `From,To,Type,Sign,Weight,Issue,Confidence,Origin` (Type
//!   `position`/`relation`, Sign +1/−1): Kumu imports From/To/Type as is; in Gephi's
//!   spreadsheet import map From/To to Source/Target;
//! - `matrix.csv`: the actor × issue matrix, first column `actor`, then one column
//!   per issue id, cells 1 (support), -1 (oppose) or empty.

use crate::analysis::two_mode;
use crate::stance_map::StanceMap;

use super::network::ExportGraph;

/// The three CSV files of a map, as (file name, contents).
pub fn to_csv_files(map: &StanceMap) -> Result<Vec<(&'static str, String)>, csv::Error> {
    Ok(vec![
        ("nodes.csv", nodes_csv(map)?),
        ("edges.csv", edges_csv(map)?),
        ("matrix.csv", matrix_csv(map)?),
    ])
}

fn finish(writer: csv::Writer<Vec<u8>>) -> Result<String, csv::Error> {
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| csv::Error::from(std::io::Error::other(e)))
}

pub fn nodes_csv(map: &StanceMap) -> Result<String, csv::Error> {
    let graph = ExportGraph::from_map(map);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["Id", "Label", "Type", "Kind"])?;
    for node in &graph.nodes {
        w.write_record([
            node.id.as_str(),
            node.label.as_str(),
            node.kind,
            node.actor_kind.as_str(),
        ])?;
    }
    finish(w)
}

pub fn edges_csv(map: &StanceMap) -> Result<String, csv::Error> {
    let graph = ExportGraph::from_map(map);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "From",
        "To",
        "Type",
        "Sign",
        "Weight",
        "Issue",
        "Confidence",
        "Origin",
    ])?;
    for edge in &graph.edges {
        w.write_record([
            edge.source.as_str(),
            edge.target.as_str(),
            edge.kind,
            edge.sign.to_string().as_str(),
            edge.weight.to_string().as_str(),
            edge.issue.as_str(),
            edge.confidence.to_string().as_str(),
            edge.origin,
        ])?;
    }
    finish(w)
}

pub fn matrix_csv(map: &StanceMap) -> Result<String, csv::Error> {
    let matrix = two_mode(map);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["actor".to_owned()];
    header.extend(matrix.issues.iter().map(ToString::to_string));
    w.write_record(&header)?;
    for (actor, row) in matrix.actors.iter().zip(&matrix.cells) {
        let mut record = vec![actor.to_string()];
        record.extend(row.iter().map(|cell| match cell {
            0 => String::new(),
            value => value.to_string(),
        }));
        w.write_record(&record)?;
    }
    finish(w)
}
