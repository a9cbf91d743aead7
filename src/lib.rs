//! # stancemap
//!
//! Diplomatic position mapping: read a news article, find the political actors, the
//! issues in dispute and who supports or opposes what, and keep it as a signed graph
//! that an analyst corrects, traces back to its evidence, saves, merges and exports.
//!
//! ## Bird's-eye view
//!
//! ```text
//! article ──► extract ──► stance_map ──► layout ──► gui (view, edits)
//!  (text)     (pure)      (petgraph)     (pure)      │
//!                              ▲                      ▼
//!                              └── Edit ◄── history ◄─┘
//!                   storage (save/load .stancemap.ron) · export (json)
//! ```
//!
//! ## Codemap
//!
//! - [`stance_map`]: the domain model. Actors and issues are nodes, positions
//!   (actor → issue) and relations (actor → actor) are signed edges of a petgraph
//!   `StableGraph` that never leaves the module. Sources keep the article text so
//!   evidence spans stay readable. Every change is an [`stance_map::Edit`] applied by
//!   `StanceMap::apply`, which checks the invariants and returns the inverse edit.
//! - [`history`]: undo/redo stacks of inverse edits.
//! - [`article`]: `Article { title, text, sentences }` from txt/md/html bytes, with
//!   sentence byte spans.
//! - [`extract`]: `Article` + `Lexicon` → `Extraction` (actors, issues, stances with
//!   evidence), and `merge_extraction` which folds it into a map as one `Edit`.
//! - [`storage`]: the on-disk schema of `*.stancemap.ron` (versioned, string ids,
//!   sorted), conversion to and from the model, atomic save, size-capped load.
//! - [`export`]: one file per output format (JSON).
//! - [`analysis`]: pure questions over a map: congruence network, structural balance.
//! - [`layout`]: node positions for the canvas; deterministic; no egui types.
//! - [`eval`]: scoring an extraction against gold annotations (the corpus README).
//! - [`cli`]: arguments → validated command → run; no egui.
//! - [`gui`]: the only module that imports egui/eframe; a thin shell over the rest.
//!
//! ## Invariants
//!
//! - `extract`, `stance_map`, `layout` and `article` do no IO and never fail on user
//!   input; they return findings plus diagnostics.
//! - Only `main`, `cli`, `storage`, `export` and `gui` touch files; only `main`
//!   chooses exit codes.
//! - A map never holds a dangling reference or a duplicate id; `StanceMap::apply`
//!   refuses an edit that would break that and leaves the map unchanged.
//! - Output is deterministic: everything is iterated in id order.

pub mod analysis;
pub mod article;
pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gui;
pub mod history;
pub mod layout;
pub mod stance_map;
pub mod storage;
