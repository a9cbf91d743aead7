//! Tests for extraction.
