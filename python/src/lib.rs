//! The `stancemap._native` Python module: stancemap's extraction and map files as
//! plain functions over strings, for batch engines (Dask, Spark, Ray). The Python
//! wrapper in `stancemap/__init__.py` turns the JSON into dicts.
//!
//! The bundled lexicon is built once per process (worker) and shared; extraction
//! releases the GIL, so threads of one worker extract in parallel.

use std::sync::OnceLock;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use stancemap::extract::Lexicon;
use stancemap::storage::StorageError;

static LEXICON: OnceLock<Lexicon> = OnceLock::new();

fn lexicon() -> &'static Lexicon {
    LEXICON.get_or_init(Lexicon::bundled)
}

/// `StorageError`s about the file system become `OSError`, the rest `ValueError`.
fn storage_error(error: StorageError) -> PyErr {
    match error {
        StorageError::Io { .. } => PyOSError::new_err(error.to_string()),
        other => PyValueError::new_err(other.to_string()),
    }
}

#[pymodule]
mod _native {
    use super::*;

    /// extract_json(text, date=None, id="text") -> str: one article's map as a JSON
    /// line in the exchange schema; `id` becomes the source's path.
    #[pyfunction]
    #[pyo3(signature = (text, date=None, id=String::from("text")))]
    fn extract_json(
        py: Python<'_>,
        text: String,
        date: Option<String>,
        id: String,
    ) -> PyResult<String> {
        py.detach(|| stancemap::batch::extract_text_line(&id, &text, date, lexicon()))
            .map_err(|error| PyValueError::new_err(format!("cannot encode the map, {error}")))
    }

    /// load_map_json(path) -> str: a map file (RON, or JSON by extension) as JSON.
    #[pyfunction]
    fn load_map_json(py: Python<'_>, path: String) -> PyResult<String> {
        let map = py
            .detach(|| stancemap::storage::load_map(std::path::Path::new(&path)))
            .map_err(storage_error)?;
        stancemap::export::json::to_json_line(&map)
            .map_err(|error| PyValueError::new_err(format!("cannot encode the map, {error}")))
    }

    /// save_map_json(path, json) -> None: checks the JSON map and saves it as RON,
    /// atomically; nothing is written when the map is invalid.
    #[pyfunction]
    fn save_map_json(py: Python<'_>, path: String, json: String) -> PyResult<()> {
        let map = stancemap::export::json::from_json(&json)
            .map_err(|error| PyValueError::new_err(format!("not a valid map, {error}")))?;
        py.detach(|| stancemap::storage::save_map(std::path::Path::new(&path), &map))
            .map_err(storage_error)
    }
}
