//! The shell of `stancemap extract --format jsonl` and `--stdin-jsonl`: where lines
//! go (standard output, or a file replaced only once the run succeeded), the
//! progress bar on a terminal, and diagnostics. The work is in [`crate::batch`].

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::batch::{self, Job};
use crate::cli::{ExtractFormat, LexiconArgs, Outcome, load_lexicon};

/// `stancemap extract --format jsonl FILES…`: one line per file, in the order given.
pub fn files_command(
    articles: &[PathBuf],
    output: Option<&Path>,
    lexicon: &LexiconArgs,
) -> anyhow::Result<Outcome> {
    let lexicon = load_lexicon(lexicon)?;
    let bar = progress_bar(Some(articles.len() as u64));
    let jobs = articles.iter().cloned().map(Job::File);
    run(jobs, output, &lexicon, &bar)
}

/// `stancemap extract --stdin-jsonl`: `{"id", "text", "date"?}` lines in, one map
/// line out per record, in input order.
pub fn stdin_command(
    output: Option<&Path>,
    format: ExtractFormat,
    lexicon: &LexiconArgs,
) -> anyhow::Result<Outcome> {
    if format != ExtractFormat::Jsonl {
        anyhow::bail!("--stdin-jsonl writes one map per record; use --format jsonl");
    }
    let lexicon = load_lexicon(lexicon)?;
    let bar = progress_bar(None);
    let stdin = std::io::stdin().lock();
    let jobs = batch::jobs_from_jsonl(stdin, "standard input");
    run(jobs, output, &lexicon, &bar)
}

fn run(
    jobs: impl IntoIterator<Item = Job>,
    output: Option<&Path>,
    lexicon: &crate::extract::Lexicon,
    bar: &ProgressBar,
) -> anyhow::Result<Outcome> {
    let mut sink = Sink::open(output)?;
    let mut found = false;
    let mut n_failed = 0usize;
    let result = batch::extract_jsonl(jobs, lexicon, |result| -> anyhow::Result<()> {
        bar.inc(1);
        found |= result.found;
        bar.suspend(|| {
            for diagnostic in &result.diagnostics {
                eprintln!("{diagnostic}");
            }
        });
        match result.line {
            Ok(line) => sink.line(&line),
            Err(error) => {
                n_failed += 1;
                bar.suspend(|| eprintln!("stancemap: {error}"));
                Ok(())
            }
        }
    });
    bar.finish_and_clear();
    result?;
    if n_failed > 0 {
        // Keep a partial output out of the user's file: the temp file is dropped.
        sink.abandon();
        anyhow::bail!("{n_failed} article(s) could not be extracted; see the messages above");
    }
    sink.finish()?;
    Ok(if found {
        Outcome::Done
    } else {
        Outcome::NothingFound
    })
}

/// A bar on standard error when it is a terminal; hidden otherwise (pipes, CI).
fn progress_bar(length: Option<u64>) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = match length {
        Some(length) => ProgressBar::with_draw_target(Some(length), ProgressDrawTarget::stderr()),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
    };
    let template = if length.is_some() {
        "{bar:40} {pos}/{len} articles, {per_sec}, eta {eta}"
    } else {
        "{spinner} {pos} articles, {per_sec}"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar
}

/// Where lines go. A file output is written next to its target and renamed over
/// it only when every article succeeded, so a failed run never leaves half a file.
enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    File {
        writer: BufWriter<File>,
        temp: PathBuf,
        target: PathBuf,
    },
}

impl Sink {
    fn open(output: Option<&Path>) -> anyhow::Result<Self> {
        let Some(target) = output else {
            return Ok(Sink::Stdout(BufWriter::new(std::io::stdout())));
        };
        let mut name = target
            .file_name()
            .map(|name| name.to_os_string())
            .unwrap_or_default();
        name.push(format!(".partial-{}", std::process::id()));
        let temp = target.with_file_name(name);
        let file = File::create(&temp)
            .with_context(|| format!("cannot write the output: {}", temp.display()))?;
        Ok(Sink::File {
            writer: BufWriter::new(file),
            temp,
            target: target.to_owned(),
        })
    }

    fn line(&mut self, line: &str) -> anyhow::Result<()> {
        let (writer, place): (&mut dyn Write, String) = match self {
            Sink::Stdout(writer) => (writer, "standard output".into()),
            Sink::File { writer, temp, .. } => (writer, temp.display().to_string()),
        };
        writer
            .write_all(line.as_bytes())
            .and_then(|()| writer.write_all(b"\n"))
            .with_context(|| format!("cannot write the output: {place}"))
    }

    fn abandon(self) {
        if let Sink::File { writer, temp, .. } = self {
            drop(writer);
            let _ = std::fs::remove_file(&temp);
        }
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut writer) => Ok(writer.flush()?),
            Sink::File {
                writer,
                temp,
                target,
            } => {
                let result = writer
                    .into_inner()
                    .map_err(|error| error.into_error())
                    .and_then(|file| file.sync_all())
                    .and_then(|()| std::fs::rename(&temp, &target));
                if result.is_err() {
                    let _ = std::fs::remove_file(&temp);
                }
                result.with_context(|| format!("cannot save the output: {}", target.display()))
            }
        }
    }
}
