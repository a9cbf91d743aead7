//! # stancemap
//!
//! Diplomatic position mapping: read a news article, find the political actors, the
//! issues in dispute and who supports or opposes what, and keep it as a signed graph
//! that an analyst corrects, traces back to its evidence, saves, merges and exports.
//!
//! ## Bird's-eye view
//!
//! ```text
//! bytes ─► article ─► extract ─► Edit ─► stance_map ─► layout / analysis ─► gui
//!          (text,     (pure,      ▲      (petgraph)     (pure)               │
//!          sentences)  lexicon)   └──── history ◄──── Command::Edit ◄───────┘
//!                     storage: *.stancemap.ron (atomic) · export: json, summary
//! ```
//!
//! A map's life: an article file is read by `storage::read_article` into an
//! [`article::Article`]; [`extract::extract`] turns it into an `Extraction`;
//! [`extract::merge_extraction`] makes that one [`stance_map::Edit`]; the GUI or CLI
//! applies it through [`history::History`]; `storage::save_map` writes the map.
//!
//! ## Codemap
//!
//! - [`stance_map`]: the domain model. Actors and issues are nodes, positions
//!   (actor → issue) and relations (actor → actor) are signed edges of a petgraph
//!   `StableGraph` that never leaves the module. Sources keep the article text so
//!   evidence spans stay readable. `edit.rs` holds [`stance_map::Edit`] and
//!   `StanceMap::apply`, which checks the invariants and returns the inverse edit;
//!   composite edits (remove with cascade, merge actors) expand into batches.
//! - [`history`]: undo/redo stacks of inverse edits.
//! - [`article`]: `Article { title, text, sentences }` from txt/md/html bytes;
//!   `sentences.rs` is a one-pass splitter that keeps byte spans, `html.rs` a
//!   readability-style main-text pick on `scraper`, `markdown.rs` strips markup,
//!   `encoding.rs` decodes bytes (BOM, HTML `<meta charset>`, UTF-8, else `chardetng`).
//! - [`extract`]: `Article` + `Lexicon` → `Extraction`. `lexicon.rs` loads the RON
//!   lexicons in `assets/lexicon/` (actors, issues, cues) plus a user file and builds
//!   Aho–Corasick automata; `mentions.rs` finds actor mentions and people;
//!   `issues.rs` finds issues and the article's named proposal; `stance.rs` reads
//!   cues, negation, attribution and relations clause by clause; `merge.rs` folds an
//!   extraction into a map, never touching manual or locked stances.
//! - [`eval`]: the corpus scoring (`shared/corpus/README.md`): normalisation, actor
//!   and issue matching, micro P/R/F1 and an error list.
//! - [`analysis`]: pure questions over a map: congruence network, structural balance.
//! - [`layout`]: deterministic, sign-aware force layout (Barnes–Hut above a few
//!   hundred nodes) and overlap removal; no egui types.
//! - [`storage`]: the on-disk schema of `*.stancemap.ron` (format tag, version,
//!   string ids, sorted), conversion to and from the model through `Edit`s, atomic
//!   save with `.bak`, size-capped loading of maps, articles and the user lexicon.
//!   `anchor.rs` checks evidence spans against their quotes on load and re-anchors
//!   moved ones; `fingerprint.rs` notices a map file changed on disk since it was
//!   opened (`save_map_checked` → `StorageError::Conflict`).
//! - [`export`]: one file per output: `json.rs` (the exchange schema, also read
//!   back) and `summary.rs` (the text `stancemap show` prints).
//! - [`cli`]: arguments → validated command → run; no egui.
//! - [`gui`]: the only module that imports egui/eframe. `app.rs` owns the three kinds
//!   of state (document, preferences, transient UI); panels (`side_panel`,
//!   `inspector`, `article_panel`, `toolbar`, `menu`, `canvas/`, `matrix`) return
//!   [`gui::command::Command`]s that `app_actions.rs` applies after drawing; file
//!   dialogs sit behind a trait so tests use a fake.
//!
//! ## Invariants
//!
//! - `article`, `extract`, `stance_map`, `layout` and `analysis` do no IO and never
//!   fail on user input; they return findings plus diagnostics.
//! - Only `main`, `cli`, `storage`, `export` and `gui` touch files; only `main`
//!   chooses exit codes.
//! - A map never holds a dangling reference or a duplicate id; `StanceMap::apply`
//!   refuses an edit that would break that and leaves the map unchanged.
//! - Output is deterministic: everything is iterated and written in id order.
//! - Undo history and UI state are never written to a map file.

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
