//! Imports for users coming from Gephi, Kumu or Discourse Network Analyzer: a GraphML
//! file or a CSV edge list becomes a map.
//!
//! - Nodes named `issue:ID`, or with a `kind`/`type` attribute of `issue`/`concept`,
//!   become issues; all others actors (`actor:` prefixes are dropped).
//! - An edge to an issue is a position, between actors a relation.
//! - The sign comes from a `sign`/`polarity`/`type`/`qualifier` value (`-1`, `oppose`,
//!   `negative`, `conflict`, `false`, `0` for DNA's disagree qualifier…) or a negative
//!   `weight`; otherwise support.
//!
//! Imported stances are manual (the analyst's data). Rows or edges that cannot be used
//! are skipped with a diagnostic naming them.

use std::collections::BTreeMap;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::stance_map::{
    Actor, ActorKind, Claim, Edit, Issue, Origin, Position, Relation, Stance, StanceMap,
};

/// An imported map and what was skipped.
#[derive(Clone, Debug)]
pub struct Imported {
    pub map: StanceMap,
    pub diagnostics: Vec<String>,
}

/// Why an import failed outright.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("not well-formed xml at byte {position}: {message}")]
    Xml { position: u64, message: String },
    #[error("csv: {0}")]
    Csv(String),
    #[error("the edge list has no {0} column")]
    MissingColumn(&'static str),
}

/// Reads the sign of a value; `None` when it says nothing about a sign.
fn sign_of(value: &str) -> Option<Stance> {
    let v = value.trim().to_ascii_lowercase();
    match v.as_str() {
        "-1" | "-" | "oppose" | "opposes" | "negative" | "conflict" | "false" | "no" | "0"
        | "disagree" | "hostile" => Some(Stance::Oppose),
        "1" | "+1" | "+" | "support" | "supports" | "positive" | "true" | "yes" | "agree"
        | "congruence" | "friendly" => Some(Stance::Support),
        _ => None,
    }
}

#[derive(Default)]
struct Builder {
    /// node id → (is issue, label)
    nodes: BTreeMap<String, (bool, String)>,
    /// (source, target, stance)
    edges: Vec<(String, String, Stance)>,
    diagnostics: Vec<String>,
}

impl Builder {
    fn node(&mut self, id: &str, issue_hint: bool, label: Option<&str>) {
        let issue = issue_hint || id.starts_with("issue:");
        let entry = self
            .nodes
            .entry(id.to_owned())
            .or_insert_with(|| (issue, String::new()));
        entry.0 |= issue;
        if let Some(label) = label.filter(|l| !l.trim().is_empty()) {
            entry.1 = label.trim().to_owned();
        }
    }

    fn finish(mut self) -> Imported {
        let bare = |id: &str| {
            id.strip_prefix("actor:")
                .or_else(|| id.strip_prefix("issue:"))
                .unwrap_or(id)
                .trim()
                .to_owned()
        };
        let mut edits = Vec::new();
        let mut actors = BTreeMap::new();
        let mut issues = BTreeMap::new();
        for (id, (issue, label)) in &self.nodes {
            let short = bare(id);
            if short.is_empty() {
                self.diagnostics
                    .push(format!("node {id:?} has an empty id; skipped"));
                continue;
            }
            let label = if label.is_empty() {
                short.clone()
            } else {
                label.clone()
            };
            if *issue {
                if issues.insert(id.clone(), short.clone()).is_none() {
                    edits.push(Edit::AddIssue(Issue::new(short, label)));
                }
            } else if actors.insert(id.clone(), short.clone()).is_none() {
                edits.push(Edit::AddActor(Actor::new(
                    short,
                    label,
                    ActorKind::default(),
                )));
            }
        }
        let mut map = StanceMap::new();
        if let Err(error) = map.apply(Edit::Batch(edits)) {
            self.diagnostics
                .push(format!("nodes could not be added: {error}"));
        }
        for (source, target, stance) in &self.edges {
            let claim = Claim::new(*stance, Origin::Manual);
            let edit = match (actors.get(source), actors.get(target), issues.get(target)) {
                (Some(a), _, Some(i)) => {
                    Edit::AddPosition(Position::new(a.as_str(), i.as_str(), claim))
                }
                (Some(a), Some(b), None) if a != b => {
                    Edit::AddRelation(Relation::new(a.as_str(), b.as_str(), claim))
                }
                _ => {
                    self.diagnostics.push(format!(
                        "edge {source} → {target} joins no actor to an actor or issue; skipped"
                    ));
                    continue;
                }
            };
            if let Err(error) = map.apply(edit) {
                self.diagnostics
                    .push(format!("edge {source} → {target}: {error}; skipped"));
            }
        }
        Imported {
            map,
            diagnostics: self.diagnostics,
        }
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// Reads a GraphML document (as Gephi, yEd, networkx or DNA write it).
pub fn import_graphml(text: &str) -> Result<Imported, ImportError> {
    let mut reader = Reader::from_str(text);
    let mut keys: BTreeMap<String, String> = BTreeMap::new();
    let mut builder = Builder::default();
    // The element being read: node id or edge (source, target), and its data.
    let mut node: Option<String> = None;
    let mut edge: Option<(String, String)> = None;
    let mut data: BTreeMap<String, String> = BTreeMap::new();
    let mut key: Option<String> = None;
    loop {
        let event = reader.read_event().map_err(|e| ImportError::Xml {
            position: reader.buffer_position(),
            message: e.to_string(),
        })?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                b"key" => {
                    if let (Some(id), Some(name)) = (attr(&e, b"id"), attr(&e, b"attr.name")) {
                        keys.insert(id, name.to_ascii_lowercase());
                    }
                }
                b"node" => {
                    node = attr(&e, b"id");
                    data.clear();
                    if empty && let Some(id) = node.take() {
                        builder.node(&id, false, None);
                    }
                }
                b"edge" => {
                    edge = attr(&e, b"source").zip(attr(&e, b"target"));
                    data.clear();
                    if empty && let Some((source, target)) = edge.take() {
                        builder.edges.push((source, target, Stance::Support));
                    }
                }
                b"data" => key = attr(&e, b"key").map(|k| keys.get(&k).cloned().unwrap_or(k)),
                _ => {}
            },
            Event::Text(t) => {
                if let Some(k) = &key {
                    let value = t.decode().map(|v| v.into_owned()).unwrap_or_default();
                    data.entry(k.clone()).or_default().push_str(&value);
                }
            }
            Event::GeneralRef(r) => {
                if let Some(k) = &key {
                    let name = r.decode().map(|v| v.into_owned()).unwrap_or_default();
                    let ch = match name.as_str() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => r.resolve_char_ref().ok().flatten(),
                    };
                    if let Some(ch) = ch {
                        data.entry(k.clone()).or_default().push(ch);
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"data" => key = None,
                b"node" => {
                    if let Some(id) = node.take() {
                        let kind = data
                            .get("kind")
                            .or_else(|| data.get("type"))
                            .map(|k| k.to_ascii_lowercase());
                        let issue = matches!(kind.as_deref(), Some("issue" | "concept"));
                        let label = data.get("label").or_else(|| data.get("name")).cloned();
                        builder.node(&id, issue, label.as_deref());
                    }
                }
                b"edge" => {
                    if let Some((source, target)) = edge.take() {
                        builder.edges.push((source, target, stance_from(&data)));
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    let ends: Vec<String> = builder
        .edges
        .iter()
        .flat_map(|(source, target, _)| [source.clone(), target.clone()])
        .collect();
    for id in ends {
        builder.node(&id, false, None);
    }
    Ok(builder.finish())
}

fn stance_from(data: &BTreeMap<String, String>) -> Stance {
    for field in ["sign", "polarity", "qualifier", "stance", "type"] {
        if let Some(stance) = data.get(field).and_then(|v| sign_of(v)) {
            return stance;
        }
    }
    match data
        .get("weight")
        .and_then(|w| w.trim().parse::<f64>().ok())
    {
        Some(w) if w < 0.0 => Stance::Oppose,
        _ => Stance::Support,
    }
}

/// Reads a CSV edge list with From/To (or Source/Target) columns and an optional
/// Sign, Polarity, Qualifier, Type or Weight column (case-insensitive headers).
pub fn import_csv_edges(text: &str) -> Result<Imported, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::Csv(e.to_string()))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let from = column(&["from", "source"]).ok_or(ImportError::MissingColumn("From"))?;
    let to = column(&["to", "target"]).ok_or(ImportError::MissingColumn("To"))?;
    let mut builder = Builder::default();
    for (line, record) in reader.records().enumerate() {
        let record = match record {
            Ok(record) => record,
            Err(error) => {
                builder
                    .diagnostics
                    .push(format!("row {}: {error}; skipped", line + 2));
                continue;
            }
        };
        let (Some(source), Some(target)) = (record.get(from), record.get(to)) else {
            builder
                .diagnostics
                .push(format!("row {}: missing From or To; skipped", line + 2));
            continue;
        };
        if source.trim().is_empty() || target.trim().is_empty() {
            builder
                .diagnostics
                .push(format!("row {}: empty From or To; skipped", line + 2));
            continue;
        }
        let data: BTreeMap<String, String> = headers
            .iter()
            .zip(record.iter())
            .map(|(h, v)| (h.clone(), v.to_owned()))
            .collect();
        builder.node(source.trim(), false, None);
        builder.node(target.trim(), false, None);
        builder.edges.push((
            source.trim().to_owned(),
            target.trim().to_owned(),
            stance_from(&data),
        ));
    }
    Ok(builder.finish())
}
