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
//!                     storage: *.stancemap.ron (atomic) · export: json, summary,
//!                     graphml, gexf, csv, dot, svg, png; import: graphml, csv
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
//!   `encoding.rs` decodes bytes (BOM, HTML `<meta charset>`, UTF-8, else `chardetng`);
//!   `date.rs` reads a publication date (meta tags, `<time>`, dateline).
//! - [`extract`]: `Article` + `Lexicon` → `Extraction`. `lexicon.rs` loads the RON
//!   lexicons in `assets/lexicon/` (actors, issues, cues) plus a user file and builds
//!   Aho–Corasick automata; `mentions.rs` finds actor mentions and people;
//!   `issues.rs` finds issues, the article's named proposal and issues no lexicon
//!   lists; `tree.rs` reads stances on each sentence's parse (polarity composed along
//!   the UD path from target to holder; word classes in `predicates.ron`) and
//!   explains each one; `stance.rs` is the older word-order reader, whose findings
//!   fill in what the tree reader left unread (`mod.rs` combines them, keeps every
//!   sentence's stance as evidence, and finds quotation speakers); `merge.rs` folds an
//!   extraction into a map, never touching manual or locked stances.
//! - [`syntax`]: sentence → tokens (byte spans, EWT segmentation), UPOS, lemmas and a
//!   labelled UD v2 dependency tree. A perceptron tagger, a greedy arc-eager parser
//!   (dynamic oracle) and an arc labeller, trained in Rust by `stancemap
//!   train-parser` on UD EWT + GUM; the model in `assets/syntax/` is compiled in and
//!   decoded once (`Parser::english()`). `conllu.rs` reads treebanks, `train.rs`
//!   trains and scores.
//! - [`eval`]: the corpus scoring (`shared/corpus/README.md`): normalisation, actor
//!   and issue matching, micro P/R/F1 and an error list.
//! - [`analysis`]: pure questions over a map. `networks.rs` DNA-style congruence /
//!   conflict / subtract networks (none, Jaccard, cosine) and the two-mode matrix;
//!   `signed.rs` the signed actor graph, triads, frustration index (branch and bound
//!   ≤ 30 actors per component, labelled heuristic above) and signed clustering;
//!   `issues.rs` contested issues and pivotal actors; `time.rs` date ranges, a map as
//!   of a range, a stance over time; `diff.rs` and `merge.rs` compare and combine two
//!   maps; `report.rs` gathers it all for `analyze` and the Analysis window.
//! - [`llm`]: a language model as a second extractor. `protocol.rs` numbers the
//!   article's sentences in overlapping chunks and reads answers in the schema of
//!   `assets/llm/`; `client.rs` posts to an OpenAI-compatible endpoint (ureq, rustls;
//!   timeouts, backoff, cancel); `cache.rs` keeps answers on disk; `verify.rs` (pure)
//!   keeps only claims whose cited sentences name holder and target and read that
//!   way, listing the rest with reasons; `combine.rs` (pure) folds them into the
//!   built-in extraction; `args.rs` and `eval.rs` are the CLI face, and
//!   `gui/llm_settings.rs` the app's window (consent, progress, Cancel, banner).
//! - [`layout`]: deterministic, sign-aware force layout (Barnes–Hut above a few
//!   hundred nodes) and overlap removal; no egui types.
//! - [`storage`]: the on-disk schema of `*.stancemap.ron` (format tag, version,
//!   string ids, sorted), conversion to and from the model through `Edit`s, atomic
//!   save with `.bak`, size-capped loading of maps, articles and the user lexicon.
//!   `anchor.rs` checks evidence spans against their quotes on load and re-anchors
//!   moved ones; `fingerprint.rs` notices a map file changed on disk since it was
//!   opened (`save_map_checked` → `StorageError::Conflict`).
//! - [`export`]: one file per output: `json.rs` (the exchange schema, also read
//!   back) and `summary.rs` (the text `stancemap show` prints); `network.rs` is the
//!   node/edge view that `graphml.rs`, `gexf.rs` (quick-xml), `csv.rs` (csv crate)
//!   and `dot.rs` write; `svg.rs` draws the laid-out map and `png.rs` renders that SVG
//!   with resvg; `import.rs` reads GraphML and CSV edge lists into a map.
//! - [`cli`]: arguments → validated command → run; no egui. `cli/interop.rs` holds
//!   `analyze`, `export`, `import`, `diff` and `merge`.
//! - [`batch`]: extraction of many articles as JSON Lines: the pure one-article
//!   function the CLI and the Python package share (`extract_article_map`), and the
//!   rayon pipeline that streams results in input order with bounded memory.
//! - [`cli_batch`]: the shell of `extract --format jsonl` / `--stdin-jsonl`: output
//!   file replaced only on success, `indicatif` progress bar when stderr is a terminal.
//! - [`bench`]: `stancemap bench`: deterministic synthetic maps and news corpus
//!   (`synthetic.rs`), one run of timings, peak heap and RSS (`measure.rs`), and the
//!   headless canvas frame against a bare batched mesh (`frame.rs`, `gui` feature).
//! - `gui` (cargo feature `gui`, on by default): the only module that imports egui/eframe. `app.rs` owns the three kinds
//!   of state (document, preferences, transient UI); panels (`side_panel`,
//!   `inspector`, `article_panel`, `toolbar`, `menu`, `canvas/`, `matrix`) return
//!   [`gui::command::Command`]s that `app_actions.rs` applies after drawing; file
//!   dialogs sit behind a trait so tests use a fake, with `file_browser.rs` (plain egui
//!   widgets) when no system dialog answers. `canvas/labels.rs` places
//!   screen-sized node labels greedily so none overlap. `canvas/cache.rs` keeps the
//!   scene per map revision ([`stance_map::StanceMap::revision`]) and its tessellated
//!   picture per camera and selection, with a hover overlay and level of detail on
//!   big maps; `canvas/layout_job.rs` runs a big layout on its own thread, and
//!   `background_open.rs` opens the file named at launch while the window starts.
//! - `extract/cameo.rs` (+ `cameo/generate.rs`): the actor → actor relation cue
//!   table generated by `stancemap gen-cues` from PETRARCH2's CAMEO verb dictionary
//!   and the CAMEO→PLOVER table (`assets/lexicon/relation_cues.ron`), looked up by
//!   lemma (+ preposition, object noun); `eval/plover.rs` scores relations on PLOVER's
//!   gold records (`stancemap eval-plover`). `extract/discover.rs`: actors no lexicon
//!   lists, found by form (titles, acronyms, party/militia names; word lists in
//!   `assets/lexicon/discovery.ron`), which become the article's own actors
//!   (`Lexicon::with_article_actors`, indices after the lexicon's), surname licensing,
//!   country vs sub-national place names, date-bounded roles (`assets/lexicon/
//!   people.ron`, picked by the article's date: `extract::extract_on`), and the
//!   title-and-name runs the parser reads as one word (`Parser::parse_with_names`).
//!   The tree reader also carries the latest harmful act with its doer from sentence
//!   to sentence (`tree::HarmEvent`), so "condemned the attack" finds its doer.
//! - `gui/analysis_panel.rs` (Tools →
//!   Analysis…) and `export_dialog.rs` (File → Export…, Copy image) are windows that
//!   read the map and return no commands.
//! - `gui/analysis_view.rs`: the analysis choices that change the main views (colour
//!   by coalition, highlight frustrated ties, matrix rows by coalition, timeline),
//!   recomputed only when the document or a choice changes; it hands the canvas a
//!   `canvas/overlay.rs` value (fills, highlighted ties) consulted at paint time, and
//!   the canvas and matrix the map as of the timeline's range (`timeline.rs`, the bar
//!   under the toolbar). `sources_panel.rs` lists sources with editable dates
//!   (`Edit::UpdateSource`); `stance_chart.rs` is the stance-over-time chart the
//!   inspector and the Analysis window share.
//! - `gui/conflict_dialog.rs`: when saving finds the map file changed on disk since it
//!   was opened (`StorageError::Conflict`), the modal that asks Overwrite / Save as… /
//!   Show differences (`analysis::diff` as text) / Cancel; `gui/error_banner.rs`
//!   names a file that could not be opened above the map, keeping the open document.
//!
//! ## Invariants
//!
//! - `article`, `syntax`, `extract`, `stance_map`, `layout` and `analysis` do no IO and never
//!   fail on user input; they return findings plus diagnostics.
//! - Only `main`, `cli`, `cli_batch`, `batch`, `bench`, `storage`, `export` and
//!   `gui` touch files; only `main`
//!   chooses exit codes.
//! - A map never holds a dangling reference or a duplicate id; `StanceMap::apply`
//!   refuses an edit that would break that and leaves the map unchanged.
//! - Output is deterministic: everything is iterated and written in id order.
//! - Undo history and UI state are never written to a map file.
//! - `llm` is the only module that uses the network, and only when the user picks
//!   a model extractor; besides that it writes only its answer cache. API keys stay
//!   in memory (read from the environment or the OS keyring).

pub mod analysis;
pub mod article;
pub mod batch;
pub mod bench;
pub mod cli;
pub mod cli_batch;
pub mod eval;
pub mod export;
pub mod extract;
#[cfg(feature = "gui")]
pub mod gui;
pub mod history;
pub mod layout;
pub mod llm;
pub mod stance_map;
pub mod storage;
pub mod syntax;
