//! Loading map files: size cap, RON or JSON by extension, header check, then
//! conversion through the model so every invariant holds.

use std::path::Path;

use super::convert::{self, SchemaError};
use super::fingerprint::Fingerprint;
use super::read::{FileKind, read_capped, utf8_text};
use super::schema::{Header, MapFile};
use super::{StorageError, error::lowercase_first};
use crate::stance_map::StanceMap;

/// Map files larger than this are refused before they are read.
pub const MAP_SIZE_CAP: u64 = 256 * 1024 * 1024;

/// The two text forms of a map: `*.stancemap.ron` files and the JSON export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MapSyntax {
    Ron,
    Json,
}

impl MapSyntax {
    /// `.json` files are JSON; everything else is read as RON.
    pub fn from_path(path: &Path) -> Self {
        let is_json = path
            .extension()
            .is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
        if is_json {
            MapSyntax::Json
        } else {
            MapSyntax::Ron
        }
    }
}

/// Why map text could not be turned into a map; [`load_map`] adds the path.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ParseError {
    #[error("cannot parse map at {line}:{column}, {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(transparent)]
    Schema(#[from] SchemaError),
}

impl ParseError {
    fn at(self, path: &Path) -> StorageError {
        let path = path.to_owned();
        match self {
            ParseError::Syntax {
                line,
                column,
                message,
            } => StorageError::Syntax {
                path,
                line,
                column,
                message,
            },
            ParseError::Schema(error) => StorageError::Schema { path, error },
        }
    }
}

/// How deep a map file may nest; the schema needs 6 levels, so this only stops
/// hostile or broken files before they exhaust the stack.
pub const NESTING_LIMIT: usize = 32;

/// A map as opened from disk: the map, what loading had to repair (see
/// [`convert::from_file_checked`]) and the file's fingerprint for [`super::save_map_checked`].
#[derive(Clone, Debug)]
pub struct OpenedMap {
    pub map: StanceMap,
    /// One line per evidence span that was re-anchored or could not be.
    pub warnings: Vec<String>,
    pub fingerprint: Fingerprint,
}

/// Loads a map file, checking the format tag, version and every reference.
///
/// A byte-order mark and CRLF line ends are accepted. Evidence spans that do not cut
/// out their stored text are repaired silently; [`open_map`] reports them.
pub fn load_map(path: &Path) -> Result<StanceMap, StorageError> {
    open_map(path).map(|opened| opened.map)
}

/// Loads a map file like [`load_map`], keeping the repair warnings and the
/// fingerprint (length + content hash + mtime) of the bytes that were read.
pub fn open_map(path: &Path) -> Result<OpenedMap, StorageError> {
    let bytes = read_capped(path, MAP_SIZE_CAP, FileKind::Map)?;
    let fingerprint = Fingerprint::of_bytes(&bytes, modified(path));
    let text = utf8_text(path, bytes, FileKind::Map)?;
    let file = parse_file(&text, MapSyntax::from_path(path)).map_err(|error| error.at(path))?;
    // The records own copies of everything; the text need not share the peak with the map.
    drop(text);
    let (map, warnings) =
        convert::from_file_checked(file).map_err(|error| ParseError::Schema(error).at(path))?;
    Ok(OpenedMap {
        map,
        warnings,
        fingerprint,
    })
}

/// Parses map text in either syntax into a checked map.
pub fn parse_map(text: &str, syntax: MapSyntax) -> Result<StanceMap, ParseError> {
    parse_map_checked(text, syntax).map(|(map, _)| map)
}

/// Parses map text like [`parse_map`] and returns the evidence repair warnings too.
pub fn parse_map_checked(
    text: &str,
    syntax: MapSyntax,
) -> Result<(StanceMap, Vec<String>), ParseError> {
    let file = parse_file(text, syntax)?;
    Ok(convert::from_file_checked(file)?)
}

/// Map text as file records, not yet checked against the model.
fn parse_file(text: &str, syntax: MapSyntax) -> Result<MapFile, ParseError> {
    // Notepad and PowerShell write a byte-order mark; it is not part of the text.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match syntax {
        MapSyntax::Ron => parse_ron(text),
        MapSyntax::Json => parse_json(text),
    }
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path)
        .and_then(|metadata| metadata.modified())
        .ok()
}

fn parse_ron(text: &str) -> Result<MapFile, ParseError> {
    let options = ron::Options::default().with_recursion_limit(NESTING_LIMIT);
    options.from_str::<MapFile>(text).map_err(|error| {
        // A file of another version may not fit this schema; name the version instead.
        if let Ok(header) = options.from_str::<Header>(text)
            && let Err(schema) = convert::check_header(&header.format, header.version)
        {
            return ParseError::Schema(schema);
        }
        // The schema's struct names end in "Record"; users know them without it.
        let mut message = plain_ron_message(&error.code);
        if only_blank_after(text, error.span.end) {
            message = format!("the file ends too early ({message})");
        }
        ParseError::Syntax {
            line: error.span.start.line,
            column: error.span.start.col,
            message,
        }
    })
}

/// Whether nothing but whitespace follows `position` (1-based line and column).
fn only_blank_after(text: &str, position: ron::error::Position) -> bool {
    let mut lines = text
        .split_inclusive('\n')
        .skip(position.line.saturating_sub(1));
    let Some(line) = lines.next() else {
        return true;
    };
    let rest_of_line: String = line.chars().skip(position.col.saturating_sub(1)).collect();
    rest_of_line.trim().is_empty() && lines.all(|line| line.trim().is_empty())
}

/// A RON error in the user's words: no Rust type or option names.
pub(crate) fn plain_ron_message(code: &ron::Error) -> String {
    match code {
        ron::Error::ExceededRecursionLimit => {
            format!("the file nests deeper than {NESTING_LIMIT} levels")
        }
        other => plain_type_names(&lowercase_first(&other.to_string())),
    }
}

/// The schema's Rust type names, longest first, and what users call them.
const TYPE_NAMES: &[(&str, &str)] = &[
    ("NodeKindRecord", "node kind"),
    ("EvidenceRecord", "evidence"),
    ("PositionRecord", "position"),
    ("RelationRecord", "relation"),
    ("LayoutRecord", "layout"),
    ("SourceRecord", "source"),
    ("ActorRecord", "actor"),
    ("IssueRecord", "issue"),
    ("StanceRecord", "stance"),
    ("OriginRecord", "origin"),
    ("KindRecord", "kind"),
    ("MapFile", "map"),
    ("Header", "map"),
];

/// `message` with every schema type name replaced by the user's word for it.
pub(crate) fn plain_type_names(message: &str) -> String {
    let mut plain = message.to_owned();
    for (rust, user) in TYPE_NAMES {
        plain = plain.replace(rust, user);
    }
    plain
}

fn parse_json(text: &str) -> Result<MapFile, ParseError> {
    serde_json::from_str::<MapFile>(text).map_err(|error| {
        if let Ok(header) = serde_json::from_str::<Header>(text)
            && let Err(schema) = convert::check_header(&header.format, header.version)
        {
            return ParseError::Schema(schema);
        }
        let (line, column) = (error.line(), error.column());
        let full = error.to_string();
        let suffix = format!(" at line {line} column {column}");
        let message = full.strip_suffix(&suffix).unwrap_or(&full);
        let message = if message.contains("recursion limit") {
            "the file nests too deeply".to_owned()
        } else {
            plain_type_names(&lowercase_first(message))
        };
        ParseError::Syntax {
            line,
            column,
            message,
        }
    })
}
