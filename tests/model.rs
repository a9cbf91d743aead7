//! Tests for model.
