//! The desktop app: the only module that imports egui/eframe. (Being written.)

pub mod command;
