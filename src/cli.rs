//! The command line: arguments become a validated [`Cli`], and [`run`] executes it
//! without egui. `main` turns the returned [`Outcome`] or error into an exit code.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};

use crate::article::Article;
use crate::export::{json, summary::summary};
use crate::extract::{Lexicon, extract, merge_extraction};
use crate::stance_map::{Source, StanceMap};
use crate::storage;

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
        /// Article files (txt, md, html)
        #[arg(required = true)]
        articles: Vec<PathBuf>,
        /// Write the map to this file instead of standard output
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// ron and json give one map from all articles; jsonl one line per article.
        /// Default: from the output file's extension, else json
        #[arg(long, value_enum)]
        format: Option<ExtractFormat>,
        #[command(flatten)]
        lexicon: LexiconArgs,
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
        None => {
            crate::gui::run(cli.file)?;
            Ok(Outcome::Done)
        }
        Some(Command::Extract {
            articles,
            output,
            format,
            lexicon,
        }) => {
            let format = format.unwrap_or_else(|| ExtractFormat::for_output(output.as_deref()));
            extract_command(&articles, output.as_deref(), format, &lexicon)
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
        }) => {
            let lexicon = load_lexicon(&lexicon)?;
            let report = if verbose {
                crate::eval::evaluate_dirs_verbose(&gold, &articles, &lexicon)?
            } else {
                crate::eval::evaluate_dirs(&gold, &articles, &lexicon)?
            };
            write_stdout(&format!("{report}\n"))?;
            Ok(Outcome::Done)
        }
    }
}

fn extract_command(
    articles: &[PathBuf],
    output: Option<&Path>,
    format: ExtractFormat,
    lexicon: &LexiconArgs,
) -> anyhow::Result<Outcome> {
    let lexicon = load_lexicon(lexicon)?;
    let merged = |articles: &[PathBuf]| -> anyhow::Result<StanceMap> {
        let mut map = StanceMap::new();
        for path in articles {
            extract_into(&mut map, path, &lexicon)?;
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
        ExtractFormat::Jsonl => {
            let mut text = String::new();
            let mut found = false;
            for path in articles {
                let mut map = StanceMap::new();
                extract_into(&mut map, path, &lexicon)?;
                text.push_str(&json::to_json_line(&map)?);
                text.push('\n');
                found |= has_stances(&map);
            }
            (text, found)
        }
    };
    emit(output, &text)?;
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// Reads one article, extracts from it and merges the result into `map` as a new source.
fn extract_into(map: &mut StanceMap, path: &Path, lexicon: &Lexicon) -> anyhow::Result<()> {
    let article = storage::read_article(path)?;
    let shown = path.to_string_lossy();
    for diagnostic in &article.diagnostics {
        eprintln!("{shown}: {diagnostic}");
    }
    let source = source_for(map, path, &article);
    let extraction = extract(&article, &source.id, lexicon);
    for diagnostic in &extraction.diagnostics {
        eprintln!("{shown}: {diagnostic}");
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
        date: None,
        text: article.text.clone(),
    }
}

fn has_stances(map: &StanceMap) -> bool {
    map.n_positions() > 0 || map.n_relations() > 0
}

/// The bundled lexicon, extended by the user's lexicon file and then by `--lexicon`.
fn load_lexicon(args: &LexiconArgs) -> anyhow::Result<Lexicon> {
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

fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes())?;
    stdout.flush()?;
    Ok(())
}
