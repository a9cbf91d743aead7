//! Conversion between the model and the on-disk schema.
//!
//! Writing sorts every list by id or key (the model already iterates in that order).
//! Reading rebuilds the map through `StanceMap::apply`, so a file can never smuggle
//! in a map that breaks the model's invariants; each refusal names the item.

use std::collections::BTreeSet;

use super::schema::{
    ActorRecord, EvidenceRecord, FORMAT_TAG, IssueRecord, KindRecord, LayoutRecord, MapFile,
    NodeKindRecord, OLDEST_VERSION, OriginRecord, PositionRecord, RelationRecord, SourceRecord,
    StanceRecord, VERSION,
};
use crate::stance_map::{
    Actor, ActorId, ActorKind, Claim, Edit, EditError, Evidence, Issue, IssueId, NodeLayout,
    NodeRef, Origin, Position, Relation, Source, SourceId, Stance, StanceMap,
};

/// Why a well-formed file does not describe a valid map.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum SchemaError {
    #[error("not a stancemap map (format is {found:?}, expected {FORMAT_TAG:?})")]
    WrongFormat { found: String },
    #[error(
        "unsupported map version {found} (this build reads versions {OLDEST_VERSION} to {VERSION})"
    )]
    UnsupportedVersion { found: u32 },
    /// A duplicate id, a dangling reference, a bad span or value; the text names the item.
    #[error("{0}")]
    Invalid(String),
}

/// Checks the format tag and version, the first thing to know about any map file.
pub fn check_header(format: &str, version: u32) -> Result<(), SchemaError> {
    if format != FORMAT_TAG {
        return Err(SchemaError::WrongFormat {
            found: format.to_owned(),
        });
    }
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(SchemaError::UnsupportedVersion { found: version });
    }
    Ok(())
}

/// The file records for `map`, every list in id/key order.
pub fn to_file(map: &StanceMap) -> MapFile {
    MapFile {
        format: FORMAT_TAG.to_owned(),
        version: VERSION,
        sources: map.sources().map(source_record).collect(),
        actors: map.actors().map(actor_record).collect(),
        issues: map.issues().map(issue_record).collect(),
        positions: map.positions().map(position_record).collect(),
        relations: map.relations().map(relation_record).collect(),
        layout: map
            .layouts()
            .map(|(node, layout)| {
                let (node, id) = match node {
                    NodeRef::Actor(id) => (NodeKindRecord::Actor, id.to_string()),
                    NodeRef::Issue(id) => (NodeKindRecord::Issue, id.to_string()),
                };
                LayoutRecord {
                    node,
                    id,
                    x: layout.x,
                    y: layout.y,
                    pinned: layout.pinned,
                }
            })
            .collect(),
    }
}

/// Builds a map from file records, checking every invariant through `StanceMap::apply`.
/// Evidence that had to be re-anchored or could not be is reported by
/// [`from_file_checked`]; this drops those warnings.
pub fn from_file(file: MapFile) -> Result<StanceMap, SchemaError> {
    from_file_checked(file).map(|(map, _)| map)
}

/// Builds a map from file records like [`from_file`] and returns, beside it, one
/// warning per evidence span that did not cut its stored text out of its source
/// (a source text edited by hand, character offsets written as byte offsets).
///
/// Each such span is re-anchored on the occurrence of its text nearest to the stored
/// start; a text that no longer occurs keeps its quote but gets the empty span `0..0`,
/// so no wrong passage is ever highlighted. Linear in the size of the file plus, per
/// moved span, the length of its source.
pub fn from_file_checked(mut file: MapFile) -> Result<(StanceMap, Vec<String>), SchemaError> {
    check_header(&file.format, file.version)?;
    let mut warnings = Vec::new();
    let texts: std::collections::BTreeMap<&str, &str> = file
        .sources
        .iter()
        .map(|source| (source.id.as_str(), source.text.as_str()))
        .collect();
    for record in &mut file.positions {
        let item = format!("position {} → {}", record.actor, record.issue);
        for evidence in &mut record.evidence {
            super::anchor::check_evidence(&texts, &item, evidence, &mut warnings);
        }
    }
    for record in &mut file.relations {
        let item = format!("relation {} → {}", record.source, record.target);
        for evidence in &mut record.evidence {
            super::anchor::check_evidence(&texts, &item, evidence, &mut warnings);
        }
    }
    let map = build(file)?;
    Ok((map, warnings))
}

fn build(file: MapFile) -> Result<StanceMap, SchemaError> {
    let mut map = StanceMap::new();
    for record in file.sources {
        let item = format!("source {:?}", record.id);
        apply(&mut map, &item, Edit::AddSource(source_from(record)))?;
    }
    for record in file.actors {
        let item = format!("actor {:?}", record.id);
        apply(&mut map, &item, Edit::AddActor(actor_from(record)))?;
    }
    for record in file.issues {
        let item = format!("issue {:?}", record.id);
        apply(&mut map, &item, Edit::AddIssue(issue_from(record)))?;
    }
    // The model merges a second stance with the same key into the first; a file
    // holding two is corrupt, so say so instead of merging silently.
    let mut seen_positions = BTreeSet::new();
    for record in file.positions {
        let position = position_from(record);
        let item = format!("position {} → {}", position.actor, position.issue);
        if !seen_positions.insert(position.key()) {
            return Err(SchemaError::Invalid(format!("{item} appears twice")));
        }
        apply(&mut map, &item, Edit::AddPosition(position))?;
    }
    let mut seen_relations = BTreeSet::new();
    for record in file.relations {
        let relation = relation_from(record);
        let item = match &relation.issue {
            Some(issue) => format!(
                "relation {} → {} on {}",
                relation.source, relation.target, issue
            ),
            None => format!("relation {} → {}", relation.source, relation.target),
        };
        if !seen_relations.insert(relation.key()) {
            return Err(SchemaError::Invalid(format!("{item} appears twice")));
        }
        apply(&mut map, &item, Edit::AddRelation(relation))?;
    }
    let mut seen_nodes = BTreeSet::new();
    for record in file.layout {
        let node = match record.node {
            NodeKindRecord::Actor => NodeRef::Actor(ActorId::new(record.id)),
            NodeKindRecord::Issue => NodeRef::Issue(IssueId::new(record.id)),
        };
        let item = match &node {
            NodeRef::Actor(id) => format!("layout of actor {:?}", id.as_str()),
            NodeRef::Issue(id) => format!("layout of issue {:?}", id.as_str()),
        };
        if !seen_nodes.insert(node.clone()) {
            return Err(SchemaError::Invalid(format!("{item} appears twice")));
        }
        let layout = NodeLayout {
            x: record.x,
            y: record.y,
            pinned: record.pinned,
        };
        let edit = Edit::MoveNode {
            node,
            layout: Some(layout),
        };
        apply(&mut map, &item, edit)?;
    }
    Ok(map)
}

fn apply(map: &mut StanceMap, item: &str, edit: Edit) -> Result<(), SchemaError> {
    map.apply(edit)
        .map(drop)
        .map_err(|error| SchemaError::Invalid(describe(item, error)))
}

/// Phrases a refused edit as a problem with one item of the file.
fn describe(item: &str, error: EditError) -> String {
    match error {
        EditError::EmptyId => format!("{item} has an empty id"),
        EditError::DuplicateActor(id) => format!("duplicate actor id {:?}", id.as_str()),
        EditError::DuplicateIssue(id) => format!("duplicate issue id {:?}", id.as_str()),
        EditError::DuplicateSource(id) => format!("duplicate source id {:?}", id.as_str()),
        EditError::UnknownActor(id) => {
            format!("{item} refers to unknown actor {:?}", id.as_str())
        }
        EditError::UnknownIssue(id) => {
            format!("{item} refers to unknown issue {:?}", id.as_str())
        }
        EditError::UnknownSource(id) => {
            format!("{item} cites unknown source {:?}", id.as_str())
        }
        EditError::OutOfRange { what, value } if !value.is_finite() => {
            if what == "layout coordinate" {
                format!(
                    "{item} has a coordinate that is not a finite number ({value}); coordinates must be finite numbers"
                )
            } else {
                format!(
                    "{item} has a {what} that is not a finite number ({value}); it must be a number from 0.0 to 1.0"
                )
            }
        }
        EditError::OutOfRange { what, value } => {
            format!("{item} has {what} {value}; it must be a number from 0.0 to 1.0")
        }
        EditError::BadEvidence {
            source_id,
            start,
            end,
            reason,
        } => format!(
            "{item} has evidence {start}..{end} that does not fit source {:?}: {reason}",
            source_id.as_str()
        ),
        other => format!("{item}: {other}"),
    }
}

fn source_record(source: &Source) -> SourceRecord {
    SourceRecord {
        id: source.id.to_string(),
        title: source.title.clone(),
        path: source.path.clone(),
        date: source.date.clone(),
        text: source.text.clone(),
    }
}

fn source_from(record: SourceRecord) -> Source {
    Source {
        id: SourceId::new(record.id),
        title: record.title,
        path: record.path,
        date: record.date,
        text: record.text,
    }
}

fn actor_record(actor: &Actor) -> ActorRecord {
    ActorRecord {
        id: actor.id.to_string(),
        name: actor.name.clone(),
        kind: match actor.kind {
            ActorKind::State => KindRecord::State,
            ActorKind::Organization => KindRecord::Organization,
            ActorKind::Bloc => KindRecord::Bloc,
            ActorKind::Movement => KindRecord::Movement,
            ActorKind::Person => KindRecord::Person,
            ActorKind::Other => KindRecord::Other,
        },
        aliases: actor.aliases.clone(),
        color: actor.color,
        notes: actor.notes.clone(),
    }
}

fn actor_from(record: ActorRecord) -> Actor {
    Actor {
        id: ActorId::new(record.id),
        name: record.name,
        kind: match record.kind {
            KindRecord::State => ActorKind::State,
            KindRecord::Organization => ActorKind::Organization,
            KindRecord::Bloc => ActorKind::Bloc,
            KindRecord::Movement => ActorKind::Movement,
            KindRecord::Person => ActorKind::Person,
            KindRecord::Other => ActorKind::Other,
        },
        aliases: record.aliases,
        color: record.color,
        notes: record.notes,
    }
}

fn issue_record(issue: &Issue) -> IssueRecord {
    IssueRecord {
        id: issue.id.to_string(),
        label: issue.label.clone(),
        description: issue.description.clone(),
        keywords: issue.keywords.clone(),
    }
}

fn issue_from(record: IssueRecord) -> Issue {
    Issue {
        id: IssueId::new(record.id),
        label: record.label,
        description: record.description,
        keywords: record.keywords,
    }
}

fn position_record(position: &Position) -> PositionRecord {
    let claim = &position.claim;
    PositionRecord {
        actor: position.actor.to_string(),
        issue: position.issue.to_string(),
        stance: stance_record(claim.stance),
        confidence: claim.confidence,
        origin: origin_record(claim.origin),
        evidence: claim.evidence.iter().map(evidence_record).collect(),
        strength: claim.strength,
        locked: claim.locked,
        note: claim.note.clone(),
    }
}

fn position_from(record: PositionRecord) -> Position {
    Position {
        actor: ActorId::new(record.actor),
        issue: IssueId::new(record.issue),
        claim: Claim {
            stance: stance_from(record.stance),
            strength: record.strength,
            confidence: record.confidence,
            origin: origin_from(record.origin),
            locked: record.locked,
            evidence: record.evidence.into_iter().map(evidence_from).collect(),
            note: record.note,
        },
    }
}

fn relation_record(relation: &Relation) -> RelationRecord {
    let claim = &relation.claim;
    RelationRecord {
        source: relation.source.to_string(),
        target: relation.target.to_string(),
        polarity: stance_record(claim.stance),
        issue: relation.issue.as_ref().map(IssueId::to_string),
        confidence: claim.confidence,
        origin: origin_record(claim.origin),
        evidence: claim.evidence.iter().map(evidence_record).collect(),
        strength: claim.strength,
        locked: claim.locked,
        note: claim.note.clone(),
    }
}

fn relation_from(record: RelationRecord) -> Relation {
    Relation {
        source: ActorId::new(record.source),
        target: ActorId::new(record.target),
        issue: record.issue.map(IssueId::new),
        claim: Claim {
            stance: stance_from(record.polarity),
            strength: record.strength,
            confidence: record.confidence,
            origin: origin_from(record.origin),
            locked: record.locked,
            evidence: record.evidence.into_iter().map(evidence_from).collect(),
            note: record.note,
        },
    }
}

fn evidence_record(evidence: &Evidence) -> EvidenceRecord {
    EvidenceRecord {
        source: evidence.source.to_string(),
        start: evidence.start,
        end: evidence.end,
        text: evidence.text.clone(),
        char_start: None,
        char_end: None,
        stance: evidence.stance.map(stance_record),
        explanation: evidence.explanation.clone(),
    }
}

fn evidence_from(record: EvidenceRecord) -> Evidence {
    let mut evidence = Evidence::new(
        SourceId::new(record.source),
        record.start,
        record.end,
        record.text,
    );
    evidence.stance = record.stance.map(stance_from);
    evidence.explanation = record.explanation;
    evidence
}

fn stance_record(stance: Stance) -> StanceRecord {
    match stance {
        Stance::Support => StanceRecord::Support,
        Stance::Oppose => StanceRecord::Oppose,
    }
}

fn stance_from(record: StanceRecord) -> Stance {
    match record {
        StanceRecord::Support => Stance::Support,
        StanceRecord::Oppose => Stance::Oppose,
    }
}

fn origin_record(origin: Origin) -> OriginRecord {
    match origin {
        Origin::Extracted => OriginRecord::Extracted,
        Origin::Manual => OriginRecord::Manual,
    }
}

fn origin_from(record: OriginRecord) -> Origin {
    match record {
        OriginRecord::Extracted => Origin::Extracted,
        OriginRecord::Manual => Origin::Manual,
    }
}
