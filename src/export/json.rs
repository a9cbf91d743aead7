//! The JSON export, the format other tools and the extraction evaluation read:
//!
//! ```text
//! {"format":"stancemap","version":1,
//!  "sources":[{"id","title","path","date", …}],
//!  "actors":[{"id","name","kind","aliases":[…], …}],
//!  "issues":[{"id","label","keywords":[…], …}],
//!  "positions":[{"actor","issue","stance","confidence","origin","evidence":[{"source","start","end","text"}], …}],
//!  "relations":[{"source","target","polarity","issue","confidence","origin","evidence":[…], …}]}
//! ```
//!
//! It is the storage schema written as JSON, so the extra fields (strength, locked,
//! note, source text, layout) make it lossless and it reads back with
//! [`from_json`]. Tests pin the keys above, since consumers depend on them.

use crate::stance_map::StanceMap;
use crate::storage::{MapSyntax, ParseError, convert, parse_map};

/// The map as indented JSON, lists in id/key order, ending in a newline.
pub fn to_json_pretty(map: &StanceMap) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&convert::to_file(map))?;
    text.push('\n');
    Ok(text)
}

/// The map as one line of JSON without a trailing newline, for JSON Lines output.
pub fn to_json_line(map: &StanceMap) -> Result<String, serde_json::Error> {
    serde_json::to_string(&convert::to_file(map))
}

/// Reads a JSON export back into a checked map.
pub fn from_json(text: &str) -> Result<StanceMap, ParseError> {
    parse_map(text, MapSyntax::Json)
}
