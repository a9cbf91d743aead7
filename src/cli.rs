//! TODO: module cli (being written).
