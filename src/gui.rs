//! TODO: module gui (being written).
