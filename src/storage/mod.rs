//! TODO: storage (being written).
