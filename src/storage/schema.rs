//! The on-disk schema of a map file, kept apart from the model so the file format
//! changes only on purpose: a format tag, a version, string ids and plain records.
//!
//! The same records serialize to RON (`*.stancemap.ron`) and to the JSON export, so
//! field names and order here are part of two public formats. Lists are written in
//! id/key order; see [`super::convert`].

use serde::{Deserialize, Serialize};

/// The value of the `format` field of every map file.
pub const FORMAT_TAG: &str = "stancemap";

/// The schema version this build writes.
///
/// - 1: the first version.
/// - 2: evidence records carry the stance the passage expresses (`stance`, optional)
///   and the extractor's reading of it (`explanation`, omitted when empty); JSON
///   exports add character offsets (`char_start`, `char_end`) beside the byte offsets.
pub const VERSION: u32 = 2;

/// The oldest schema version this build still reads; older files are migrated on
/// load (missing fields take their defaults) and written back as [`VERSION`].
pub const OLDEST_VERSION: u32 = 1;

/// A whole map file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapFile {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub sources: Vec<SourceRecord>,
    #[serde(default)]
    pub actors: Vec<ActorRecord>,
    #[serde(default)]
    pub issues: Vec<IssueRecord>,
    #[serde(default)]
    pub positions: Vec<PositionRecord>,
    #[serde(default)]
    pub relations: Vec<RelationRecord>,
    #[serde(default)]
    pub layout: Vec<LayoutRecord>,
}

/// Just the tag and version, read on its own to name an unknown version even when
/// the rest of the file has a shape this build does not know.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Header {
    pub format: String,
    pub version: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRecord {
    pub id: String,
    pub title: String,
    pub path: String,
    #[serde(default)]
    pub date: Option<String>,
    /// The full article text that evidence spans index into.
    #[serde(default)]
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    pub kind: KindRecord,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Display colour as RGB.
    #[serde(default)]
    pub color: Option<[u8; 3]>,
    #[serde(default)]
    pub notes: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KindRecord {
    State,
    Organization,
    Bloc,
    Movement,
    Person,
    Other,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IssueRecord {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub keywords: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StanceRecord {
    Support,
    Oppose,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OriginRecord {
    Extracted,
    Manual,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PositionRecord {
    pub actor: String,
    pub issue: String,
    pub stance: StanceRecord,
    /// 0.0..=1.0
    pub confidence: f32,
    pub origin: OriginRecord,
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    /// 0.0..=1.0
    #[serde(default = "full_strength")]
    pub strength: f32,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub source: String,
    pub target: String,
    pub polarity: StanceRecord,
    /// The issue the relation is scoped to; `None` for a general relation.
    #[serde(default)]
    pub issue: Option<String>,
    /// 0.0..=1.0
    pub confidence: f32,
    pub origin: OriginRecord,
    #[serde(default)]
    pub evidence: Vec<EvidenceRecord>,
    /// 0.0..=1.0
    #[serde(default = "full_strength")]
    pub strength: f32,
    #[serde(default)]
    pub locked: bool,
    #[serde(default)]
    pub note: String,
}

/// A quoted span: `start..end` are **byte** offsets (UTF-8) into the source's text and
/// `text` is that slice. On load the slice is checked against `text` and a moved span
/// is re-anchored on its text (see `convert::from_file_checked`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    pub source: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Character (Unicode scalar value) offsets of the same span, for consumers that
    /// index strings by character (Python `str`, JS code points). Written in the JSON
    /// export only; ignored on load, where the byte span and `text` decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub char_start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub char_end: Option<usize>,
    /// The stance this passage expresses; absent when unknown (manual, version 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stance: Option<StanceRecord>,
    /// Why the extractor read that stance here; absent when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub explanation: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKindRecord {
    Actor,
    Issue,
}

/// Where one node sits on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LayoutRecord {
    pub node: NodeKindRecord,
    pub id: String,
    pub x: f32,
    pub y: f32,
    #[serde(default)]
    pub pinned: bool,
}

fn full_strength() -> f32 {
    1.0
}
