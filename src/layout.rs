//! Node positions for the canvas: a deterministic, sign-aware force layout. (Being written.)
