//! Reading and writing CoNLL-U (<https://universaldependencies.org/format.html>), the
//! format of the Universal Dependencies treebanks the model is trained and scored on.
//! Pure: text in, sentences out; malformed lines become diagnostics, never errors.

use super::labels::{DepRel, Upos};

/// One syntactic word of a treebank sentence (multiword-token ranges and empty nodes
/// are skipped; their words are kept).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldWord {
    pub form: String,
    pub lemma: String,
    pub upos: Upos,
    /// 1-based index of the head word; 0 is the root.
    pub head: usize,
    pub rel: DepRel,
}

/// One treebank sentence.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoldSentence {
    pub words: Vec<GoldWord>,
    /// The `# newdoc id = …` in force for this sentence, if any.
    pub doc_id: Option<String>,
    /// The `# text = …` comment, if any.
    pub text: Option<String>,
}

impl GoldSentence {
    /// Heads as 0-based word indices (`None` for the root), or `None` when a head is out
    /// of range.
    pub fn heads(&self) -> Option<Vec<Option<usize>>> {
        let n = self.words.len();
        self.words
            .iter()
            .map(|word| match word.head {
                0 => Some(None),
                head if head <= n => Some(Some(head - 1)),
                _ => None,
            })
            .collect()
    }
}

/// Reads every sentence of a CoNLL-U text. Returns the sentences and one diagnostic per
/// skipped line or sentence (`line N: …`).
pub fn read_conllu(text: &str) -> (Vec<GoldSentence>, Vec<String>) {
    let mut sentences = Vec::new();
    let mut diagnostics = Vec::new();
    let mut current = GoldSentence::default();
    let mut doc_id: Option<String> = None;
    let mut bad = false;
    let mut finish =
        |current: &mut GoldSentence, bad: &mut bool, line: usize, diagnostics: &mut Vec<String>| {
            let sentence = std::mem::take(current);
            if *bad {
                diagnostics.push(format!(
                    "line {line}: skipped a sentence with a malformed word line"
                ));
            } else if !sentence.words.is_empty() {
                if sentence.heads().is_some() {
                    sentences.push(sentence);
                } else {
                    diagnostics.push(format!(
                        "line {line}: skipped a sentence with a head out of range"
                    ));
                }
            }
            *bad = false;
        };
    for (number, line) in text.lines().enumerate() {
        let line_number = number + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            finish(&mut current, &mut bad, line_number, &mut diagnostics);
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim();
            if let Some(id) = comment.strip_prefix("newdoc id =") {
                doc_id = Some(id.trim().to_string());
            } else if let Some(sentence_text) = comment.strip_prefix("text =") {
                current.text = Some(sentence_text.trim().to_string());
            }
            current.doc_id.clone_from(&doc_id);
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, form, lemma, upos, _xpos, _feats, head, rel, ..] = fields.as_slice() else {
            bad = true;
            continue;
        };
        if id.contains('-') || id.contains('.') {
            continue;
        }
        let (Some(upos), Ok(head)) = (Upos::from_label(upos), head.parse::<usize>()) else {
            bad = true;
            continue;
        };
        current.doc_id.clone_from(&doc_id);
        current.words.push(GoldWord {
            form: (*form).to_string(),
            lemma: (*lemma).to_string(),
            upos,
            head,
            rel: DepRel::from_label(rel),
        });
    }
    finish(
        &mut current,
        &mut bad,
        text.lines().count() + 1,
        &mut diagnostics,
    );
    (sentences, diagnostics)
}
