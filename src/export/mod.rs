//! Output formats for maps other than the native file, one file per format.

pub mod json;
pub mod summary;
