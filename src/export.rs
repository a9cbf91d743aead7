//! TODO: module export (being written).
