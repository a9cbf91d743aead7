//! The one integration test binary; one module per feature, fixtures in `tests/data`.

mod article;
mod batch;
mod cli;
mod eval;
mod extraction;
#[cfg(feature = "gui")]
mod gui;
#[cfg(feature = "gui")]
mod gui_canvas;
mod model;
mod storage;
