//! Training and scoring on CoNLL-U treebanks. Pure and deterministic (fixed seed):
//! progress goes to a callback, files are read by the caller.

use std::collections::{HashMap, HashSet};

use super::Parser;
use super::conllu::GoldSentence;
use super::labeler::{LabelExample, train_labeler};
use super::labels::{DepRel, Upos};
use super::lemma::Lemmatizer;
use super::model::ModelParts;
use super::perceptron::Trainer;
use super::perceptron::Weights;
use super::tagger::{Rng, Tagger, train_tagger};
use super::transition::{N_ACTIONS, is_projective, train_sentence};
use super::words::WordFeatures;

/// Knobs of [`train`]; the defaults are what trained the bundled model.
#[derive(Clone, Copy, Debug)]
pub struct TrainOptions {
    /// Passes of the parser over the training data (the best on dev is kept).
    pub epochs: usize,
    pub tagger_epochs: usize,
    pub labeler_epochs: usize,
    /// Folds for jackknifed tags (the parser trains on tags predicted by a tagger that
    /// did not see the sentence); 1 trains on gold tags.
    pub folds: usize,
    pub seed: u64,
    /// Tagger and labeller features seen fewer times than this in training are
    /// dropped (smaller model, less overfitting); 1 keeps all.
    pub min_feature_count: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            tagger_epochs: 6,
            labeler_epochs: 6,
            folds: 4,
            seed: 20_251_130,
            min_feature_count: 2,
        }
    }
}

/// Word-level scores on gold segmentation (punctuation included, as in the CoNLL 2018
/// shared task's UPOS/UAS/LAS).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evaluation {
    pub words: usize,
    pub upos_correct: usize,
    pub heads_correct: usize,
    pub labelled_correct: usize,
}

impl Evaluation {
    fn percent(part: usize, whole: usize) -> f64 {
        if whole == 0 {
            0.0
        } else {
            100.0 * part as f64 / whole as f64
        }
    }
    /// Percent of words with the gold UPOS.
    pub fn upos(&self) -> f64 {
        Self::percent(self.upos_correct, self.words)
    }
    /// Unlabelled attachment score, percent.
    pub fn uas(&self) -> f64 {
        Self::percent(self.heads_correct, self.words)
    }
    /// Labelled attachment score (full label with subtype), percent.
    pub fn las(&self) -> f64 {
        Self::percent(self.labelled_correct, self.words)
    }
}

impl std::fmt::Display for Evaluation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "words {}  UPOS {:.2}%  UAS {:.2}%  LAS {:.2}%",
            self.words,
            self.upos(),
            self.uas(),
            self.las()
        )
    }
}

/// Scores `parser` on gold-segmented sentences.
pub fn evaluate(parser: &Parser, sentences: &[GoldSentence]) -> Evaluation {
    let mut evaluation = Evaluation::default();
    for sentence in sentences {
        let forms: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let Some(gold_heads) = sentence.heads() else {
            continue;
        };
        let analysis = parser.analyse(&forms);
        for (i, word) in sentence.words.iter().enumerate() {
            evaluation.words += 1;
            evaluation.upos_correct += usize::from(analysis.tags.get(i) == Some(&word.upos));
            let head_ok = analysis.heads.get(i) == gold_heads.get(i);
            evaluation.heads_correct += usize::from(head_ok);
            evaluation.labelled_correct +=
                usize::from(head_ok && analysis.rels.get(i) == Some(&word.rel));
        }
    }
    evaluation
}

fn forms_and_tags(sentence: &GoldSentence) -> (Vec<&str>, Vec<Upos>) {
    (
        sentence.words.iter().map(|w| w.form.as_str()).collect(),
        sentence.words.iter().map(|w| w.upos).collect(),
    )
}

/// Abbreviations that keep their period: treebank tokens like "Mr." or "Inc." seen at
/// least twice.
fn learn_abbreviations(sentences: &[GoldSentence]) -> HashSet<String> {
    let mut counts: HashMap<String, u32> = HashMap::new();
    for word in sentences.iter().flat_map(|s| &s.words) {
        let Some(stem) = word.form.strip_suffix('.') else {
            continue;
        };
        if !stem.is_empty()
            && stem.chars().all(|c| c.is_alphabetic() || c == '.')
            && stem.chars().any(char::is_alphabetic)
        {
            *counts.entry(word.form.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(form, _)| form)
        .collect()
}

/// Trains a full model on `train` (dev is used only to pick the best parser epoch).
/// `progress` receives one line per step.
pub fn train(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    options: TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Parser {
    let abbreviations = learn_abbreviations(train);
    let lemmatizer = Lemmatizer::learn(
        train
            .iter()
            .flat_map(|s| &s.words)
            .map(|w| (w.form.as_str(), w.upos, w.lemma.as_str())),
    );
    progress(&format!(
        "{} training sentences, {} abbreviations",
        train.len(),
        abbreviations.len()
    ));
    let tagged: Vec<(Vec<&str>, Vec<Upos>)> = train.iter().map(forms_and_tags).collect();

    // Jackknifing: tags for fold k come from a tagger trained on the other folds.
    let folds = options.folds.max(1);
    let mut predicted: Vec<Vec<Upos>> = tagged.iter().map(|(_, tags)| tags.clone()).collect();
    if folds > 1 {
        let fold_taggers: Vec<Tagger> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..folds)
                .map(|fold| {
                    let tagged = &tagged;
                    scope.spawn(move || {
                        let rest: Vec<(Vec<&str>, Vec<Upos>)> = tagged
                            .iter()
                            .enumerate()
                            .filter(|(i, _)| i % folds != fold)
                            .map(|(_, s)| s.clone())
                            .collect();
                        train_tagger(
                            &rest,
                            options.tagger_epochs,
                            options.seed + fold as u64,
                            options.min_feature_count,
                        )
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_default())
                .collect()
        });
        for (i, (forms, _)) in tagged.iter().enumerate() {
            if let (Some(tagger), Some(slot)) = (fold_taggers.get(i % folds), predicted.get_mut(i))
            {
                *slot = tagger.tag(forms);
            }
        }
        let (right, total) = predicted
            .iter()
            .zip(&tagged)
            .flat_map(|(p, (_, g))| p.iter().zip(g))
            .fold((0usize, 0usize), |(r, t), (p, g)| {
                (r + usize::from(p == g), t + 1)
            });
        progress(&format!(
            "jackknifed tags ({folds} folds): UPOS {:.2}% on train",
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    let tagger = train_tagger(
        &tagged,
        options.tagger_epochs,
        options.seed,
        options.min_feature_count,
    );
    progress(&format!(
        "tagger: {} features, {} dictionary words",
        tagger.weights.n_features(),
        tagger.dictionary.len()
    ));

    let words: Vec<Vec<WordFeatures>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| WordFeatures::of(&w.form)).collect())
        .collect();
    let gold_heads: Vec<Vec<Option<usize>>> = train
        .iter()
        .map(|s| s.heads().unwrap_or_default())
        .collect();
    let gold_labels: Vec<Vec<DepRel>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| w.rel).collect())
        .collect();

    // Labeller: gold trees, predicted tags.
    let examples: Vec<LabelExample<'_>> = (0..train.len())
        .filter_map(|i| {
            Some(LabelExample {
                words: words.get(i)?,
                tags: predicted.get(i)?,
                heads: gold_heads.get(i)?,
                labels: gold_labels.get(i)?,
            })
        })
        .collect();
    let labeler = train_labeler(
        &examples,
        options.labeler_epochs,
        options.seed,
        options.min_feature_count,
    );
    progress(&format!("labeller: {} features", labeler.n_features()));

    let mut parts = ModelParts {
        abbreviations,
        tagger,
        lemmatizer,
        transitions: Default::default(),
        labels: DepRel::ALL.to_vec(),
        labeler,
    };

    // Parser: dynamic oracle on projective sentences.
    let projective: Vec<usize> = (0..train.len())
        .filter(|&i| {
            gold_heads
                .get(i)
                .is_some_and(|h| !h.is_empty() && is_projective(h))
        })
        .collect();
    progress(&format!(
        "parser: {} of {} sentences are projective",
        projective.len(),
        train.len()
    ));
    let mut trainer = Trainer::new(N_ACTIONS);
    let mut rng = Rng::new(options.seed);
    let mut order = projective;
    let mut best: Option<(f64, usize, Weights)> = None;
    for epoch in 1..=options.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut steps, mut correct) = (0, 0);
        for &i in &order {
            let (Some(w), Some(t), Some(g)) = (words.get(i), predicted.get(i), gold_heads.get(i))
            else {
                continue;
            };
            let (s, c) = train_sentence(&mut trainer, w, t, g, epoch > 1, &mut rng);
            steps += s;
            correct += c;
        }
        parts.transitions = trainer.averaged();
        let candidate = Parser::from_parts(parts.clone());
        let line = if dev.is_empty() {
            format!(
                "epoch {epoch}: {:.2}% zero-cost transitions, {} features",
                100.0 * correct as f64 / steps.max(1) as f64,
                trainer.n_features()
            )
        } else {
            let score = evaluate(&candidate, dev);
            if best.as_ref().is_none_or(|(las, _, _)| score.las() > *las) {
                best = Some((score.las(), epoch, parts.transitions.clone()));
            }
            format!(
                "epoch {epoch}: {:.2}% zero-cost transitions; dev {score}",
                100.0 * correct as f64 / steps.max(1) as f64
            )
        };
        progress(&line);
    }
    if let Some((las, epoch, weights)) = best {
        progress(&format!("kept epoch {epoch} (dev LAS {las:.2}%)"));
        parts.transitions = weights;
    }
    Parser::from_parts(parts)
}
