//! The one integration test binary; one module per feature, fixtures in `tests/data`.

mod article;
mod cli;
mod eval;
mod extraction;
mod gui;
mod model;
mod storage;
