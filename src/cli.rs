//! The command line: arguments become a validated [`Cli`], and [`run`] executes it
//! without egui. `main` turns the returned [`Outcome`] or error into an exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::article::Article;
use crate::export::{json, summary::summary};
use crate::extract::{Lexicon, merge_extraction};
use crate::stance_map::{Source, StanceMap};
use crate::storage;

mod syntax_commands;
pub use syntax_commands::ParseFormat;
mod interop;
pub use interop::{ExportFormat, ImportFormat, NormalisationArg, ReportFormat};

/// Diplomatic position mapping: who supports or opposes what, from news articles.
#[derive(Debug, Parser)]
#[command(
    name = "stancemap",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A map (*.stancemap.ron) or an article to open in the app
    pub file: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract actors, issues and stances from articles into a map
    Extract {
        /// Article files (txt, md, html) or folders of them
        #[arg(required_unless_present = "stdin_jsonl")]
        articles: Vec<PathBuf>,
        /// Read articles from standard input as JSON Lines `{"id", "text", "date"?}`
        /// (writes jsonl unless --format says otherwise)
        #[arg(long, conflicts_with = "articles")]
        stdin_jsonl: bool,
        /// Write the map to this file instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// ron and json give one map from all articles; jsonl one line per article.
        /// Default: from the output file's extension, else json
        #[arg(long, value_enum)]
        format: Option<ExtractFormat>,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        llm: crate::llm::args::LlmArgs,
    },
    /// Print a readable summary of a map (.ron or .json)
    Show { map: PathBuf },
    /// Convert a map between RON and JSON
    Convert {
        map: PathBuf,
        #[arg(long, value_enum)]
        format: MapFormat,
        /// Write to this file instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Measure frame time, layout, save/load, memory and extraction speed on
    /// synthetic maps and a synthetic news corpus; prints one table
    Bench {
        /// Print the results as JSON instead of a table
        #[arg(long)]
        json: bool,
        /// Only the small map and a shorter corpus (a quick smoke run)
        #[arg(long)]
        quick: bool,
        /// Only the map rows (frame, layout, save/load, heap): no extraction corpus
        #[arg(long)]
        maps_only: bool,
    },
    /// Score extraction against gold annotations
    Eval {
        /// Folder of gold annotation files
        #[arg(long)]
        gold: PathBuf,
        /// Folder of the articles the gold files describe
        articles: PathBuf,
        /// Also list every false positive and false negative, per article
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
        #[command(flatten)]
        llm: crate::llm::args::LlmArgs,
    },
    /// Train the tagger and dependency parser on UD CoNLL-U treebanks (fixed seed)
    TrainParser {
        /// CoNLL-U files, or folders whose *train*.conllu files are used
        #[arg(long, required = true, num_args = 1..)]
        ud: Vec<PathBuf>,
        /// Where to write the model
        #[arg(short, long)]
        output: PathBuf,
        /// Development CoNLL-U files (or folders: their *dev*.conllu) to pick the best epoch
        #[arg(long, num_args = 1..)]
        dev: Vec<PathBuf>,
        /// Parser training epochs
        #[arg(long)]
        epochs: Option<usize>,
    },
    /// Score the tagger and parser on a CoNLL-U file: UPOS, UAS, LAS (gold tokens,
    /// punctuation included)
    EvalParser {
        /// A CoNLL-U file (or a folder: its *test*.conllu files)
        #[arg(long)]
        ud: PathBuf,
        /// A model file instead of the bundled one
        #[arg(long)]
        model: Option<PathBuf>,
        /// Only documents whose `newdoc id` starts with this (e.g. GUM_news)
        #[arg(long)]
        doc: Option<String>,
    },
    /// Print each sentence's tokens, tags, lemmas and dependency tree
    Parse {
        /// An article file (txt, md, html)
        article: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ParseFormat,
    },
    /// Generate the relation cue table from PETRARCH2's CAMEO verb dictionary and
    /// the CAMEO→PLOVER table
    GenCues {
        /// PETRARCH2's verb dictionary (CAMEO.2.0.txt)
        #[arg(long)]
        cameo: PathBuf,
        /// PLOVER's CAMEO→PLOVER table (CAMEO2PLOVER-2021.txt)
        #[arg(long)]
        plover: PathBuf,
        /// Write the table here instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Relation coverage and sign accuracy on PLOVER's gold records
    /// (PLOVER_GSR_CAMEO.json)
    EvalPlover {
        file: PathBuf,
        /// Also list every missed record and every wrong sign
        #[arg(short, long)]
        verbose: bool,
        #[command(flatten)]
        lexicon: LexiconArgs,
    },
    /// Coalitions, structural balance, contested issues and DNA networks of a map
    Analyze {
        map: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Number of coalitions for signed clustering
        #[arg(long, default_value_t = 2)]
        coalitions: usize,
        /// Normalisation of the congruence and conflict networks
        #[arg(long, value_enum, default_value = "none")]
        normalisation: NormalisationArg,
        /// Only stances with evidence dated on or after this ISO date (YYYY[-MM[-DD]])
        #[arg(long)]
        from: Option<String>,
        /// Only stances with evidence dated on or before this ISO date
        #[arg(long)]
        to: Option<String>,
    },
    /// Export a map for other tools (csv writes a folder: nodes, edges, matrix)
    Export {
        map: PathBuf,
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The output file (a folder for csv)
        #[arg(short, long)]
        output: PathBuf,
        /// Pixels per layout unit for png
        #[arg(long, default_value_t = 1.0)]
        scale: f32,
        /// Colour actors by their two-coalition split (svg, png)
        #[arg(long)]
        coalitions: bool,
    },
    /// Added, removed and flipped stances from map A to map B (exit 1 when equal)
    Diff {
        a: PathBuf,
        b: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// Merge map B into map A: actors unified by id and alias, conflicts kept as mixed
    Merge {
        a: PathBuf,
        b: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Import a GraphML file or a CSV edge list (From, To, Sign) as a map
    Import {
        file: PathBuf,
        #[arg(short, long)]
        output: PathBuf,
        /// Default: from the file's extension (.graphml or .csv)
        #[arg(long, value_enum)]
        format: Option<ImportFormat>,
    },
}

/// Which lexicon extraction uses: bundled, plus the user's, plus one given.
#[derive(Debug, clap::Args)]
pub struct LexiconArgs {
    /// A lexicon file (RON) extending the bundled one
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Skip the user lexicon in the stancemap config folder
    #[arg(long)]
    pub no_user_lexicon: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Ron,
    Json,
    Jsonl,
}

impl ExtractFormat {
    /// `-o x.stancemap.ron` means RON and `-o x.jsonl` JSON Lines; anything else is JSON.
    fn for_output(output: Option<&Path>) -> Self {
        let extension = output
            .and_then(Path::extension)
            .map(|extension| extension.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("ron") => ExtractFormat::Ron,
            Some("jsonl") => ExtractFormat::Jsonl,
            _ => ExtractFormat::Json,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    Ron,
    Json,
}

/// How a successful run ended; `main` maps it to exit code 0 or 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The command worked but found nothing (no stance in any article).
    NothingFound,
}

/// Runs one command line.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        None => open_app(cli.file),
        Some(Command::Extract {
            articles,
            stdin_jsonl,
            output,
            format,
            lexicon,
            llm,
        }) => {
            let format = format.unwrap_or_else(|| {
                if stdin_jsonl && output.is_none() {
                    ExtractFormat::Jsonl
                } else {
                    ExtractFormat::for_output(output.as_deref())
                }
            });
            if stdin_jsonl {
                return crate::cli_batch::stdin_command(output.as_deref(), format, &lexicon);
            }
            let articles = crate::batch::expand_paths(&articles)
                .context("cannot list the articles of a folder")?;
            if format == ExtractFormat::Jsonl {
                return crate::cli_batch::files_command(&articles, output.as_deref(), &lexicon);
            }
            EXPLAIN.store(llm.explain, std::sync::atomic::Ordering::Relaxed);
            let mut session = llm.session()?;
            extract_command(&articles, output.as_deref(), format, &lexicon, &mut session)
        }
        Some(Command::Bench {
            json,
            quick,
            maps_only,
        }) => {
            let report = crate::bench::run(&crate::bench::BenchOptions { quick, maps_only });
            let text = if json {
                report.to_json()?
            } else {
                report.to_table()
            };
            write_stdout(&text)?;
            Ok(Outcome::Done)
        }
        Some(Command::Show { map }) => {
            let map = open_and_warn(&map)?;
            write_stdout(&summary(&map))?;
            Ok(Outcome::Done)
        }
        Some(Command::Convert {
            map,
            format,
            output,
        }) => {
            let map = open_and_warn(&map)?;
            let text = match format {
                MapFormat::Ron => ron_text(&map)?,
                MapFormat::Json => json::to_json_pretty(&map)?,
            };
            emit(output.as_deref(), &text)?;
            Ok(Outcome::Done)
        }
        Some(Command::Eval {
            gold,
            articles,
            verbose,
            lexicon,
            llm,
        }) => {
            let lexicon = load_lexicon(&lexicon)?;
            if llm.extractor.uses_model() {
                let mut session = llm.session()?;
                let options = crate::eval::EvalOptions {
                    show_errors: verbose,
                };
                let (report, totals) = crate::llm::eval::evaluate_dirs_with_session(
                    &gold,
                    &articles,
                    &lexicon,
                    &mut session,
                    &options,
                )?;
                write_stdout(&format!(
                    "{report}\nmodel claims {}, dropped by verification {}, requests {}, cached chunks {}\n",
                    totals.claimed, totals.dropped, totals.requests, totals.cached_chunks
                ))?;
                return Ok(Outcome::Done);
            }
            let report = if verbose {
                crate::eval::evaluate_dirs_verbose(&gold, &articles, &lexicon)?
            } else {
                crate::eval::evaluate_dirs(&gold, &articles, &lexicon)?
            };
            write_stdout(&format!("{report}\n"))?;
            Ok(Outcome::Done)
        }
        Some(Command::TrainParser {
            ud,
            output,
            dev,
            epochs,
        }) => {
            syntax_commands::train_parser(&ud, &output, &dev, epochs)?;
            Ok(Outcome::Done)
        }
        Some(Command::EvalParser { ud, model, doc }) => {
            let report = syntax_commands::eval_parser(&ud, model.as_deref(), doc.as_deref())?;
            write_stdout(&report)?;
            Ok(Outcome::Done)
        }
        Some(Command::Parse { article, format }) => {
            write_stdout(&syntax_commands::parse_article(&article, format)?)?;
            Ok(Outcome::Done)
        }
        Some(Command::GenCues {
            cameo,
            plover,
            output,
        }) => gen_cues_command(&cameo, &plover, output.as_deref()),
        Some(Command::EvalPlover {
            file,
            verbose,
            lexicon,
        }) => eval_plover_command(&file, verbose, &lexicon),
        Some(Command::Analyze {
            map,
            format,
            coalitions,
            normalisation,
            from,
            to,
        }) => {
            let range = crate::analysis::DateRange { from, to };
            interop::analyze_command(&map, format, coalitions, normalisation, &range)?;
            Ok(Outcome::Done)
        }
        Some(Command::Export {
            map,
            format,
            output,
            scale,
            coalitions,
        }) => {
            interop::export_command(&map, format, &output, scale, coalitions)?;
            Ok(Outcome::Done)
        }
        Some(Command::Merge { a, b, output }) => {
            interop::merge_command(&a, &b, &output)?;
            Ok(Outcome::Done)
        }
        Some(Command::Import {
            file,
            output,
            format,
        }) => {
            interop::import_command(&file, &output, format)?;
            Ok(Outcome::Done)
        }
        Some(Command::Diff { a, b, format }) => Ok(if interop::diff_command(&a, &b, format)? {
            Outcome::Done
        } else {
            Outcome::NothingFound
        }),
    }
}

#[cfg(feature = "gui")]
fn open_app(file: Option<PathBuf>) -> anyhow::Result<Outcome> {
    crate::gui::run(file)?;
    Ok(Outcome::Done)
}

#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<PathBuf>) -> anyhow::Result<Outcome> {
    anyhow::bail!("this build has no desktop app (built without the gui feature); use a subcommand")
}

fn extract_command(
    articles: &[PathBuf],
    output: Option<&Path>,
    format: ExtractFormat,
    lexicon_args: &LexiconArgs,
    session: &mut crate::llm::args::LlmSession,
) -> anyhow::Result<Outcome> {
    let lexicon = load_lexicon(lexicon_args)?;
    let mut merged = |articles: &[PathBuf]| -> anyhow::Result<StanceMap> {
        let mut map = StanceMap::new();
        for path in articles {
            extract_into(&mut map, path, &lexicon, session)?;
        }
        Ok(map)
    };
    let (text, found) = match format {
        ExtractFormat::Ron => {
            let map = merged(articles)?;
            (ron_text(&map)?, has_stances(&map))
        }
        ExtractFormat::Json => {
            let map = merged(articles)?;
            (json::to_json_pretty(&map)?, has_stances(&map))
        }
        // `run` sends JSON Lines to the parallel batch pipeline before it gets here.
        ExtractFormat::Jsonl => {
            return crate::cli_batch::files_command(articles, output, lexicon_args);
        }
    };
    emit(output, &text)?;
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// Whether `extract --explain` was given (read where each article is extracted).
static EXPLAIN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// One line per stance and evidence sentence: what was found and why.
pub fn explanation(shown: &str, extraction: &crate::extract::Extraction) -> String {
    let mut out = String::new();
    let edges = extraction
        .positions
        .iter()
        .map(|p| (p.actor.as_str(), p.issue.as_str(), &p.claim))
        .chain(
            extraction
                .relations
                .iter()
                .map(|r| (r.source.as_str(), r.target.as_str(), &r.claim)),
        );
    for (from, to, claim) in edges {
        let mixed = if claim.is_mixed() { " (changed)" } else { "" };
        out.push_str(&format!(
            "{shown}: {from} {} {to}{mixed}\n",
            claim.stance.as_str()
        ));
        for evidence in &claim.evidence {
            let stance = evidence.stance.map_or("?", |s| s.as_str());
            out.push_str(&format!(
                "    {stance} @{}..{}: {}\n      why: {}\n",
                evidence.start, evidence.end, evidence.text, evidence.explanation
            ));
        }
    }
    out
}

/// Reads one article, extracts from it and merges the result into `map` as a new source.
fn extract_into(
    map: &mut StanceMap,
    path: &Path,
    lexicon: &Lexicon,
    session: &mut crate::llm::args::LlmSession,
) -> anyhow::Result<()> {
    let article = storage::read_article(path)?;
    let shown = path.to_string_lossy();
    for diagnostic in &article.diagnostics {
        eprintln!("{shown}: {diagnostic}");
    }
    let source = source_for(map, path, &article);
    let (extraction, _) = session.extract(&article, &source.id, lexicon, &shown)?;
    for diagnostic in &extraction.diagnostics {
        eprintln!("{shown}: {diagnostic}");
    }
    if EXPLAIN.load(std::sync::atomic::Ordering::Relaxed) {
        eprint!("{}", explanation(&shown, &extraction));
    }
    let edit = merge_extraction(map, source, extraction);
    map.apply(edit)
        .with_context(|| format!("cannot add the findings of {shown} to the map"))?;
    Ok(())
}

fn source_for(map: &StanceMap, path: &Path, article: &Article) -> Source {
    Source {
        id: map.fresh_source_id(),
        title: article.title.clone(),
        // Exactly as given on the command line, so tools can match it back.
        path: path.to_string_lossy().into_owned(),
        date: interop::read_date(path),
        text: article.text.clone(),
    }
}

fn has_stances(map: &StanceMap) -> bool {
    map.n_positions() > 0 || map.n_relations() > 0
}

/// The bundled lexicon, extended by the user's lexicon file and then by `--lexicon`.
pub(crate) fn load_lexicon(args: &LexiconArgs) -> anyhow::Result<Lexicon> {
    let mut lexicon = Lexicon::bundled();
    let user = if args.no_user_lexicon {
        None
    } else {
        storage::user_lexicon_path()
    };
    for path in user.iter().chain(&args.lexicon) {
        let text = storage::read_lexicon(path)?;
        lexicon = lexicon
            .with_user_ron(&text)
            .map_err(|error| anyhow::anyhow!("invalid lexicon, {error}: {}", path.display()))?;
    }
    Ok(lexicon)
}

/// Loads a map, printing on stderr what loading had to repair (re-anchored evidence).
fn open_and_warn(path: &Path) -> anyhow::Result<StanceMap> {
    let opened = storage::open_map(path)?;
    for warning in &opened.warnings {
        eprintln!("warning: {warning}: {}", path.display());
    }
    Ok(opened.map)
}

fn ron_text(map: &StanceMap) -> anyhow::Result<String> {
    storage::to_ron_string(map).context("cannot encode the map as RON")
}

/// Writes `text` to `output` atomically, or to standard output.
fn emit(output: Option<&Path>, text: &str) -> anyhow::Result<()> {
    match output {
        Some(path) => Ok(storage::write_atomically(path, text.as_bytes())?),
        None => write_stdout(text),
    }
}

pub(crate) fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}

/// `gen-cues`: reads both dictionaries, writes the generated table, notes to stderr.
fn gen_cues_command(cameo: &Path, plover: &Path, output: Option<&Path>) -> anyhow::Result<Outcome> {
    let read = |path: &Path| {
        std::fs::read(path)
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
            .with_context(|| format!("cannot read dictionary: {}", path.display()))
    };
    let generated = crate::extract::cameo::generate::generate(&read(cameo)?, &read(plover)?);
    if generated.table.verbs.is_empty() {
        anyhow::bail!(
            "no verb block found in the CAMEO dictionary: {}",
            cameo.display()
        );
    }
    for note in &generated.notes {
        eprintln!("gen-cues: {note}");
    }
    emit(output, &generated.ron)?;
    Ok(Outcome::Done)
}

/// `eval-plover`: an absent gold file is skipped with a note (exit 1, nothing scored).
fn eval_plover_command(
    file: &Path,
    verbose: bool,
    lexicon: &LexiconArgs,
) -> anyhow::Result<Outcome> {
    if !file.exists() {
        eprintln!(
            "stancemap: no PLOVER gold file here, nothing evaluated: {}",
            file.display()
        );
        return Ok(Outcome::NothingFound);
    }
    let lexicon = load_lexicon(lexicon)?;
    let text = std::fs::read_to_string(file)
        .with_context(|| format!("cannot read PLOVER gold file: {}", file.display()))?;
    let records = crate::eval::plover::parse_records(&text).map_err(|error| {
        anyhow::anyhow!(
            "malformed PLOVER gold file at line {} column {} ({error}): {}",
            error.line(),
            error.column(),
            file.display()
        )
    })?;
    let report = crate::eval::plover::evaluate_records(&records, &lexicon, verbose);
    write_stdout(&format!("{report}"))?;
    Ok(Outcome::Done)
}
