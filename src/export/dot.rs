//! Graphviz DOT: actors as ellipses, issues as boxes; support edges green and solid,
//! oppose edges red and dashed; relations bold. Labels are quoted and escaped.

use std::fmt::Write;

use super::network::ExportGraph;
use crate::stance_map::StanceMap;

/// Quotes a DOT ID: backslashes and quotes escaped, newlines as `\n`.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The map as a DOT digraph, ending in a newline.
pub fn to_dot(map: &StanceMap) -> String {
    let graph = ExportGraph::from_map(map);
    let mut out = String::from("digraph stancemap {\n  graph [overlap=false, splines=true];\n");
    let _ = writeln!(out, "  node [fontname=\"Helvetica\"];");
    for node in &graph.nodes {
        let (shape, fill) = if node.kind == "actor" {
            ("ellipse", "#dbe7f5")
        } else {
            ("box", "#f3ecd7")
        };
        let _ = writeln!(
            out,
            "  {} [label={}, shape={shape}, style=filled, fillcolor=\"{fill}\"];",
            quote(&node.id),
            quote(&node.label)
        );
    }
    for edge in &graph.edges {
        let (color, style) = if edge.sign > 0 {
            ("#2e7d32", "solid")
        } else {
            ("#c62828", "dashed")
        };
        let pen = if edge.kind == "relation" { 2.0 } else { 1.2 };
        let _ = writeln!(
            out,
            "  {} -> {} [color=\"{color}\", style={style}, penwidth={pen}, label={}];",
            quote(&edge.source),
            quote(&edge.target),
            quote(if edge.sign > 0 { "+" } else { "-" })
        );
    }
    out.push_str("}\n");
    out
}
