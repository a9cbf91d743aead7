//! Tests for gui.
