//! The syntax subcommands: `train-parser`, `eval-parser` and `parse`. File reading
//! happens here; training, scoring and parsing are pure functions of `syntax`.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::storage;
use crate::syntax::{self, GoldSentence, Parse, Parser, TrainOptions};

/// Output of `stancemap parse`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ParseFormat {
    Conllu,
    Text,
}

/// Reads CoNLL-U files; a folder contributes its `*train*.conllu` files (so the test
/// split is never picked up by accident).
fn read_treebanks(paths: &[PathBuf], folder_filter: &str) -> anyhow::Result<Vec<GoldSentence>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| format!("cannot read folder {}", path.display()))?
                .flatten()
                .map(|entry| entry.path())
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    name.ends_with(".conllu") && name.contains(folder_filter)
                })
                .collect();
            found.sort();
            if found.is_empty() {
                anyhow::bail!("no *{folder_filter}*.conllu file in {}", path.display());
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let mut sentences = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .with_context(|| format!("cannot read treebank {}", file.display()))?;
        let (found, diagnostics) = syntax::read_conllu(&text);
        for diagnostic in diagnostics.iter().take(5) {
            eprintln!("{}: {diagnostic}", file.display());
        }
        eprintln!("{}: {} sentences", file.display(), found.len());
        sentences.extend(found);
    }
    Ok(sentences)
}

/// `stancemap train-parser`.
pub fn train_parser(
    ud: &[PathBuf],
    output: &Path,
    dev: &[PathBuf],
    epochs: Option<usize>,
) -> anyhow::Result<()> {
    let train = read_treebanks(ud, "train")?;
    if train.is_empty() {
        anyhow::bail!("no training sentences found");
    }
    let dev = read_treebanks(dev, "dev")?;
    let mut options = TrainOptions::default();
    if let Some(epochs) = epochs {
        options.epochs = epochs;
    }
    let started = std::time::Instant::now();
    let parser = syntax::train(&train, &dev, options, &mut |line| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    });
    let bytes = parser.to_bytes();
    storage::write_atomically(output, &bytes)?;
    eprintln!(
        "wrote {} ({:.1} MB)",
        output.display(),
        bytes.len() as f64 / 1e6
    );
    Ok(())
}

fn load_parser(model: Option<&Path>) -> anyhow::Result<Parser> {
    match model {
        None => Ok(Parser::english().clone()),
        Some(path) => {
            let bytes = std::fs::read(path)
                .with_context(|| format!("cannot read model {}", path.display()))?;
            Parser::from_bytes(&bytes)
                .map_err(|error| anyhow::anyhow!("{error}: {}", path.display()))
        }
    }
}

/// `stancemap eval-parser`: UPOS, UAS and LAS on gold tokens, punctuation included.
pub fn eval_parser(
    ud: &Path,
    model: Option<&Path>,
    doc_prefix: Option<&str>,
) -> anyhow::Result<String> {
    let parser = load_parser(model)?;
    let mut sentences = read_treebanks(&[ud.to_path_buf()], "test")?;
    if let Some(prefix) = doc_prefix {
        sentences.retain(|s| s.doc_id.as_deref().is_some_and(|id| id.starts_with(prefix)));
    }
    let started = std::time::Instant::now();
    let evaluation = syntax::evaluate(&parser, &sentences);
    let seconds = started.elapsed().as_secs_f64();
    Ok(format!(
        "{}: {} sentences, {evaluation} (gold tokens, punctuation included; {:.0} words/s)\n",
        ud.display(),
        sentences.len(),
        evaluation.words as f64 / seconds.max(1e-9)
    ))
}

/// `stancemap parse`: every sentence of an article, as CoNLL-U or an indented tree.
pub fn parse_article(path: &Path, format: ParseFormat) -> anyhow::Result<String> {
    let article = storage::read_article(path)?;
    let parser = Parser::english();
    let mut out = String::new();
    for (number, sentence) in article.sentences.iter().enumerate() {
        let text = article.sentence_text(*sentence);
        let parse = parser.parse(text);
        for diagnostic in &parse.diagnostics {
            eprintln!("{}: sentence {}: {diagnostic}", path.display(), number + 1);
        }
        let one_line = text.replace(['\n', '\r'], " ");
        match format {
            ParseFormat::Conllu => {
                out.push_str(&format!(
                    "# sent_id = {}\n# text = {}\n",
                    number + 1,
                    one_line
                ));
                out.push_str(&parse.to_conllu());
            }
            ParseFormat::Text => {
                out.push_str(&format!("# {}: {}\n", number + 1, one_line));
                out.push_str(&tree_text(&parse));
                out.push('\n');
            }
        }
    }
    Ok(out)
}

/// An indented tree, one token a line: `form  UPOS  relation`, children below their
/// head in text order.
pub fn tree_text(parse: &Parse) -> String {
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); parse.tokens.len()];
    let mut roots = Vec::new();
    for (i, token) in parse.tokens.iter().enumerate() {
        match token.head.and_then(|h| children.get_mut(h)) {
            Some(list) => list.push(i),
            None => roots.push(i),
        }
    }
    let mut out = String::new();
    let mut todo: Vec<(usize, usize)> = roots.into_iter().rev().map(|r| (r, 0)).collect();
    let mut seen = vec![false; parse.tokens.len()];
    while let Some((node, depth)) = todo.pop() {
        let (Some(token), Some(flag)) = (parse.tokens.get(node), seen.get_mut(node)) else {
            continue;
        };
        if std::mem::replace(flag, true) {
            continue;
        }
        out.push_str(&format!(
            "{}{}  {}  {}  ({})\n",
            "  ".repeat(depth),
            token.form,
            token.upos,
            token.rel,
            token.lemma
        ));
        if let Some(list) = children.get(node) {
            todo.extend(list.iter().rev().map(|&c| (c, depth + 1)));
        }
    }
    out
}
