//! The one integration test binary; one module per feature, fixtures in `tests/data`.

mod analysis;
mod article;
mod batch;
mod cli;
mod cues;
mod eval;
mod extraction;
#[cfg(feature = "gui")]
mod gui;
#[cfg(feature = "gui")]
mod gui_canvas;
mod llm;
mod model;
mod reliability;
mod storage;
mod syntax;
