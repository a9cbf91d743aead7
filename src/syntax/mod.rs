//! Syntax: a sentence becomes tokens with byte spans, UPOS tags, lemmas and a labelled
//! Universal Dependencies v2 tree, from a model trained by stancemap itself on UD
//! English EWT and the CC BY genres of GUM (see `assets/syntax/MODEL_CARD.md`).
//!
//! ## Design
//!
//! Four small learnt stages, each linear in the sentence:
//!
//! 1. `tokenize`: EWT's word segmentation by rule (clitics, punctuation, hyphens,
//!    "U.S.", "1,000"); the abbreviations that keep their period are learnt from the
//!    treebank and stored in the model.
//! 2. `tagger`: a greedy averaged-perceptron UPOS tagger (Collins 2002) with Honnibal's
//!    feature set and a tag dictionary for frequent unambiguous words.
//! 3. `transition`: a greedy arc-eager parser (root at the end) over Zhang & Nivre
//!    (2011) features, trained with Goldberg & Nivre's (2012) dynamic oracle on tags
//!    predicted by jackknifing, so it has seen the tagger's mistakes.
//! 4. `labeler`: the UD relation of each arc, from the finished tree around it.
//!
//! Why this and not a neural parser: it trains in minutes on two cores, needs no
//! tensor library, parses well above 50,000 tokens per second, and greedy
//! perceptron parsers of this kind reach about 85 UAS / 82 LAS on EWT, which is what
//! stance extraction needs (subjects, objects, agents, complements, appositions).
//! Every weight table is hashed features → i16 rows, deflated into one file.
//!
//! Pure: no IO. [`Parser::parse`] never fails or panics: empty, emoji, non-Latin or a
//! megabyte-long line yield tokens plus diagnostics; a sentence over [`MAX_WORDS`]
//! words is parsed in chunks.

mod conllu;
mod labeler;
mod labels;
mod lemma;
mod model;
mod perceptron;
mod tagger;
mod tokenize;
mod train;
mod transition;
mod words;

use std::collections::HashSet;
use std::sync::OnceLock;

pub use conllu::{GoldSentence, GoldWord, read_conllu};
pub use labels::{DepRel, Upos};
pub use model::ModelError;
pub use tokenize::{Span, tokenize};
pub use train::{Evaluation, TrainOptions, evaluate, train};

use model::ModelParts;
use words::WordFeatures;

/// Sentences longer than this many words are parsed in chunks of this size.
pub const MAX_WORDS: usize = 200;

/// The bundled English model.
static ENGLISH_MODEL: &[u8] = include_bytes!("../../assets/syntax/english.model");

/// A trained tagger, parser and lemmatiser.
#[derive(Clone, Debug, Default)]
pub struct Parser {
    parts: ModelParts,
    /// Why the bundled model could not be read, reported with every parse.
    load_error: Option<String>,
}

/// One syntactic word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the parsed text.
    pub start: usize,
    pub end: usize,
    /// The surface form, exactly as in the text.
    pub form: String,
    /// Lower-case lemma.
    pub lemma: String,
    pub upos: Upos,
    /// Index of the head token; `None` for the root.
    pub head: Option<usize>,
    pub rel: DepRel,
}

/// The analysis of one sentence: tokens in text order forming one tree (exactly one
/// root when there is any token), plus what went wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    pub tokens: Vec<Token>,
    pub diagnostics: Vec<String>,
}

impl Parser {
    /// The bundled English model (`assets/syntax/english.model`), decoded once on first
    /// use and shared across threads. Compiled into the binary: no files at run time.
    /// Should the bundled bytes be damaged, this is a parser that only tokenises and
    /// says so in every parse's diagnostics.
    pub fn english() -> &'static Parser {
        static ENGLISH: OnceLock<Parser> = OnceLock::new();
        ENGLISH.get_or_init(|| {
            Parser::from_bytes(ENGLISH_MODEL).unwrap_or_else(|error| Parser {
                parts: ModelParts::default(),
                load_error: Some(format!("the bundled syntax model is unusable: {error}")),
            })
        })
    }

    /// Decodes a model written by [`Parser::to_bytes`] (or `stancemap train-parser`).
    ///
    /// # Errors
    /// [`ModelError`] when the header is wrong or the data is damaged.
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser, ModelError> {
        Ok(Parser {
            parts: model::decode(bytes)?,
            load_error: None,
        })
    }

    /// The model as bytes (deflated), for `stancemap train-parser -o FILE`.
    pub fn to_bytes(&self) -> Vec<u8> {
        model::encode(&self.parts)
    }

    fn from_parts(parts: ModelParts) -> Parser {
        Parser {
            parts,
            load_error: None,
        }
    }

    /// Splits `text` into words as byte spans (UD EWT conventions).
    pub fn tokenize(&self, text: &str) -> Vec<Span> {
        tokenize(text, &self.parts.abbreviations)
    }

    /// Parses one sentence. Token spans are byte offsets into `text`. Never panics; a
    /// sentence over [`MAX_WORDS`] words is parsed in chunks whose roots attach to the
    /// first chunk's root as `parataxis`, with a diagnostic.
    pub fn parse(&self, text: &str) -> Parse {
        self.parse_with_names(text, &[])
    }

    /// Like [`Parser::parse`], but the words inside each of `names` (byte ranges of
    /// `text`, sorted, not overlapping) become one token, analysed as its last word:
    /// "UK Prime Minister Keir Starmer backed …" is parsed as "Starmer backed …". The
    /// token's `form` is the whole name as written, its lemma the last word's. Long
    /// title-and-name runs are where a parser trained on general English errs most in
    /// news; the caller knows the names.
    pub fn parse_with_names(&self, text: &str, names: &[std::ops::Range<usize>]) -> Parse {
        let mut spans = self.tokenize(text);
        // (merged span, the span of the word it is analysed as)
        let mut heads: Vec<Span> = spans.clone();
        if !names.is_empty() {
            let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
            let mut merged_heads: Vec<Span> = Vec::with_capacity(spans.len());
            let mut name = 0;
            for span in spans {
                while names.get(name).is_some_and(|n| n.end <= span.start) {
                    name += 1;
                }
                let inside = names
                    .get(name)
                    .is_some_and(|n| n.start <= span.start && span.end <= n.end);
                let joins = inside
                    && merged.last().is_some_and(|last: &Span| {
                        names
                            .get(name)
                            .is_some_and(|n| n.start <= last.start && last.end <= n.end)
                    });
                match (joins, merged.last_mut(), merged_heads.last_mut()) {
                    (true, Some(last), Some(head)) => {
                        last.end = span.end;
                        *head = span;
                    }
                    _ => {
                        merged.push(span);
                        merged_heads.push(span);
                    }
                }
            }
            spans = merged;
            heads = merged_heads;
        }
        let mut parse = Parse::default();
        if let Some(error) = &self.load_error {
            parse.diagnostics.push(error.clone());
        }
        if spans.len() > MAX_WORDS {
            parse.diagnostics.push(format!(
                "a sentence of {} words was parsed in chunks of {MAX_WORDS}",
                spans.len()
            ));
        }
        let mut first_root: Option<usize> = None;
        for (chunk, head_chunk) in spans.chunks(MAX_WORDS).zip(heads.chunks(MAX_WORDS)) {
            let offset = parse.tokens.len();
            let forms: Vec<&str> = head_chunk
                .iter()
                .map(|span| text.get(span.start..span.end).unwrap_or_default())
                .collect();
            let analysed = self.analyse(&forms);
            for (span, (form, (upos, (head, rel)))) in chunk.iter().zip(
                forms.iter().zip(
                    analysed
                        .tags
                        .iter()
                        .zip(analysed.heads.iter().zip(&analysed.rels)),
                ),
            ) {
                let (head, rel) = match (head, first_root) {
                    (Some(head), _) => (Some(head + offset), *rel),
                    (None, None) => {
                        first_root = Some(parse.tokens.len());
                        (None, *rel)
                    }
                    (None, Some(root)) => (Some(root), DepRel::Parataxis),
                };
                parse.tokens.push(Token {
                    start: span.start,
                    end: span.end,
                    form: text.get(span.start..span.end).unwrap_or(form).to_string(),
                    lemma: self.parts.lemmatizer.lemma(form, *upos),
                    upos: *upos,
                    head,
                    rel,
                });
            }
        }
        parse
    }

    /// Tags, parses and labels one chunk of word forms.
    fn analyse(&self, forms: &[&str]) -> Analysis {
        let words: Vec<WordFeatures> = forms.iter().map(|f| WordFeatures::of(f)).collect();
        let tags = self.parts.tagger.tag(forms);
        let heads = transition::parse(&self.parts.transitions, &words, &tags);
        let rels = labeler::label(
            &self.parts.labeler,
            &self.parts.labels,
            &words,
            &tags,
            &heads,
        );
        Analysis { tags, heads, rels }
    }

    /// Parses every sentence of an article, in order; token spans are byte offsets into
    /// [`Article::text`](crate::article::Article) (not into the sentence). This is the
    /// unit `stancemap bench` can time as its `syntax` row.
    pub fn parse_article(&self, article: &crate::article::Article) -> Vec<Parse> {
        article
            .sentences
            .iter()
            .map(|sentence| {
                let mut parse = self.parse(article.sentence_text(*sentence));
                for token in &mut parse.tokens {
                    token.start += sentence.start;
                    token.end += sentence.start;
                }
                parse
            })
            .collect()
    }

    /// Abbreviations that keep their period, lower case ("mr.").
    pub fn abbreviations(&self) -> &HashSet<String> {
        &self.parts.abbreviations
    }
}

struct Analysis {
    tags: Vec<Upos>,
    heads: Vec<Option<usize>>,
    rels: Vec<DepRel>,
}

impl Parse {
    /// The children of token `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, token)| token.head == Some(i))
            .map(|(child, _)| child)
    }

    /// The byte span `(start, end)` covering token `i` and all its descendants;
    /// `(0, 0)` when `i` is out of range. Linear in the sentence.
    pub fn subtree_span(&self, i: usize) -> (usize, usize) {
        let Some(token) = self.tokens.get(i) else {
            return (0, 0);
        };
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); self.tokens.len()];
        for (child, token) in self.tokens.iter().enumerate() {
            if let Some(list) = token.head.and_then(|h| children.get_mut(h)) {
                list.push(child);
            }
        }
        let (mut start, mut end) = (token.start, token.end);
        let mut seen = vec![false; self.tokens.len()];
        let mut todo = vec![i];
        while let Some(node) = todo.pop() {
            if std::mem::replace(seen.get_mut(node).unwrap_or(&mut true), true) {
                continue;
            }
            if let Some(token) = self.tokens.get(node) {
                start = start.min(token.start);
                end = end.max(token.end);
            }
            todo.extend(children.get(node).into_iter().flatten());
        }
        (start, end)
    }

    /// The root token, if the sentence has any token.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|token| token.head.is_none())
    }

    /// The parse as CoNLL-U lines (ID, FORM, LEMMA, UPOS, HEAD, DEPREL; XPOS, FEATS and
    /// DEPS are `_`; MISC gives `SpaceAfter=No` where the next token follows at once),
    /// ending with a blank line.
    pub fn to_conllu(&self) -> String {
        let mut out = String::new();
        for (i, token) in self.tokens.iter().enumerate() {
            let head = token.head.map_or(0, |h| h + 1);
            let glued = self
                .tokens
                .get(i + 1)
                .is_some_and(|next| next.start == token.end);
            let misc = if glued { "SpaceAfter=No" } else { "_" };
            // Tabs and newlines cannot occur in a token; spaces are kept as CoNLL-U allows.
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t_\t_\t{}\t{}\t_\t{}\n",
                i + 1,
                token.form,
                token.lemma,
                token.upos,
                head,
                token.rel,
                misc
            ));
        }
        out.push('\n');
        out
    }
}
