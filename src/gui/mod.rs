//! The desktop app: the only module that imports egui/eframe. (Being written.)

pub mod canvas;
pub mod command;
pub mod matrix;
pub mod theme;
