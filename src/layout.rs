//! TODO: module layout (being written).
