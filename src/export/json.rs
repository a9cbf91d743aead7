//! The JSON export, the format other tools and the extraction evaluation read:
//!
//! ```text
//! {"format":"stancemap","version":1,
//!  "sources":[{"id","title","path","date", …}],
//!  "actors":[{"id","name","kind","aliases":[…], …}],
//!  "issues":[{"id","label","keywords":[…], …}],
//!  "positions":[{"actor","issue","stance","confidence","origin","evidence":[{"source","start","end","text","char_start","char_end","stance"?,"explanation"?}], …}],
//!  "relations":[{"source","target","polarity","issue","confidence","origin","evidence":[…], …}]}
//! ```
//!
//! Evidence offsets: `start..end` are **byte** offsets into the UTF-8 source text
//! (Rust `&str`, Go `string`); `char_start..char_end` are the same span in Unicode
//! scalar values (Python `str` indices; JavaScript `Array.from(text)` indices). On
//! reading, the byte span and `text` decide: a span that does not cut out `text` is
//! re-anchored on it, so an exchange file edited with character offsets still loads
//! correctly. Per-evidence `stance` (`"support"`/`"oppose"`, absent when unknown) and
//! `explanation` (absent when empty) arrived in version 2; version 1 files still read.
//!
//! It is the storage schema written as JSON, so the extra fields (strength, locked,
//! note, source text, layout) make it lossless and it reads back with
//! [`from_json`]. Tests pin the keys above, since consumers depend on them.

use std::collections::BTreeMap;

use crate::stance_map::StanceMap;
use crate::storage::schema::{EvidenceRecord, MapFile};
use crate::storage::{MapSyntax, ParseError, convert, parse_map};

/// The map as indented JSON, lists in id/key order, ending in a newline.
pub fn to_json_pretty(map: &StanceMap) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&exchange_file(map))?;
    text.push('\n');
    Ok(text)
}

/// The map as one line of JSON without a trailing newline, for JSON Lines output.
pub fn to_json_line(map: &StanceMap) -> Result<String, serde_json::Error> {
    serde_json::to_string(&exchange_file(map))
}

/// The storage records with character offsets added to every evidence span.
/// One pass over each source text plus a sort of its offsets.
fn exchange_file(map: &StanceMap) -> MapFile {
    let mut file = convert::to_file(map);
    let mut wanted: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for evidence in all_evidence(&mut file) {
        let offsets = wanted.entry(evidence.source.clone()).or_default();
        offsets.push(evidence.start);
        offsets.push(evidence.end);
    }
    let mut char_offsets: BTreeMap<String, BTreeMap<usize, usize>> = BTreeMap::new();
    for source in &file.sources {
        let Some(offsets) = wanted.get_mut(&source.id) else {
            continue;
        };
        offsets.sort_unstable();
        offsets.dedup();
        let mut found = BTreeMap::new();
        let mut chars = source
            .text
            .char_indices()
            .map(|(byte, _)| byte)
            .enumerate()
            .peekable();
        for &offset in offsets.iter() {
            while chars.next_if(|&(_, byte)| byte < offset).is_some() {}
            let index = match chars.peek() {
                Some(&(index, _)) => index,
                None => source.text.chars().count(),
            };
            found.insert(offset, index);
        }
        char_offsets.insert(source.id.clone(), found);
    }
    for evidence in all_evidence(&mut file) {
        let offsets = char_offsets.get(&evidence.source);
        let char_at = |byte| offsets.and_then(|offsets| offsets.get(&byte)).copied();
        evidence.char_start = char_at(evidence.start);
        evidence.char_end = char_at(evidence.end);
    }
    file
}

fn all_evidence(file: &mut MapFile) -> impl Iterator<Item = &mut EvidenceRecord> {
    let positions = file
        .positions
        .iter_mut()
        .flat_map(|position| position.evidence.iter_mut());
    let relations = file
        .relations
        .iter_mut()
        .flat_map(|relation| relation.evidence.iter_mut());
    positions.chain(relations)
}

/// Reads a JSON export back into a checked map.
pub fn from_json(text: &str) -> Result<StanceMap, ParseError> {
    parse_map(text, MapSyntax::Json)
}
