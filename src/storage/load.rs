//! Loading map files: size cap, RON or JSON by extension, header check, then
//! conversion through the model so every invariant holds.

use std::path::Path;

use super::convert::{self, SchemaError};
use super::read::{FileKind, read_text_capped};
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

/// Loads a map file, checking the format tag, version and every reference.
pub fn load_map(path: &Path) -> Result<StanceMap, StorageError> {
    let text = read_text_capped(path, MAP_SIZE_CAP, FileKind::Map)?;
    parse_map(&text, MapSyntax::from_path(path)).map_err(|error| error.at(path))
}

/// Parses map text in either syntax into a checked map.
pub fn parse_map(text: &str, syntax: MapSyntax) -> Result<StanceMap, ParseError> {
    let file = match syntax {
        MapSyntax::Ron => parse_ron(text)?,
        MapSyntax::Json => parse_json(text)?,
    };
    Ok(convert::from_file(file)?)
}

fn parse_ron(text: &str) -> Result<MapFile, ParseError> {
    let options = ron::Options::default();
    options.from_str::<MapFile>(text).map_err(|error| {
        // A file of another version may not fit this schema; name the version instead.
        if let Ok(header) = options.from_str::<Header>(text)
            && let Err(schema) = convert::check_header(&header.format, header.version)
        {
            return ParseError::Schema(schema);
        }
        // The schema's struct names end in "Record"; users know them without it.
        let mut message = lowercase_first(&error.code.to_string())
            .replace("Record`", "`")
            .replace("`MapFile`", "`Map`");
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
        ParseError::Syntax {
            line,
            column,
            message: lowercase_first(message),
        }
    })
}
