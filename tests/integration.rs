//! The one integration test binary; one module per feature, fixtures in `tests/data`.

mod cli;
mod extraction;
mod gui;
mod model;
mod storage;
