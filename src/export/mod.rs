//! Output formats for maps other than the native file, one file per format.

pub mod csv;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod import;
pub mod json;
pub mod network;
pub mod png;
pub mod summary;
pub mod svg;
