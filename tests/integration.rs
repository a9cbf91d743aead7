//! The one integration test binary; one module per feature, fixtures in `tests/data`.

mod article;
mod cli;
mod eval;
mod extraction;
mod gui;
mod gui_canvas;
mod model;
mod reliability;
mod storage;
