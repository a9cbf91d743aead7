//! The part-of-speech tagger: a greedy left-to-right averaged perceptron with the
//! feature set of Honnibal's "A good part-of-speech tagger in about 200 lines of
//! Python" (words, affixes, shape and the two previous tags), plus a tag dictionary
//! for frequent unambiguous words.

use std::collections::HashMap;

use super::labels::Upos;
use super::perceptron::{FeatureMap, Trainer, Weights, feature};
use super::words::{WordFeatures, normalise};

pub const N_TAGS: usize = Upos::ALL.len();

/// Trained tagger.
#[derive(Clone, Debug, Default)]
pub struct Tagger {
    pub weights: Weights,
    /// Normalised form → its only tag (seen often, one tag ≥ 97% of the time).
    pub dictionary: HashMap<String, Upos>,
}

const START: u64 = 0x5157;

/// Collects the features of word `i`.
fn features(words: &[WordFeatures], i: usize, prev: u64, prev2: u64, out: &mut Vec<u32>) {
    out.clear();
    let at = |offset: isize| -> WordFeatures {
        let j = i as isize + offset;
        if j < 0 {
            WordFeatures::boundary("-START-")
        } else {
            words
                .get(j as usize)
                .copied()
                .unwrap_or_else(|| WordFeatures::boundary("-END-"))
        }
    };
    let w = at(0);
    let (w1, w2, n1, n2) = (at(-1), at(-2), at(1), at(2));
    let first = u64::from(i == 0);
    out.extend([
        feature(1, 0, 0, 0),
        feature(2, w.norm, 0, 0),
        feature(3, w.suffix3, 0, 0),
        feature(4, w.suffix2, 0, 0),
        feature(5, w.suffix4, 0, 0),
        feature(6, w.prefix1, 0, 0),
        feature(7, w.shape, first, 0),
        feature(8, prev, 0, 0),
        feature(9, prev2, prev, 0),
        feature(10, prev, w.norm, 0),
        feature(11, w1.norm, 0, 0),
        feature(12, w1.suffix3, 0, 0),
        feature(13, w2.norm, 0, 0),
        feature(14, n1.norm, 0, 0),
        feature(15, n1.suffix3, 0, 0),
        feature(16, n2.norm, 0, 0),
        feature(17, w1.norm, w.norm, 0),
        feature(18, w.norm, n1.norm, 0),
        feature(19, prev, n1.norm, 0),
        feature(20, w.shape, n1.shape, 0),
        feature(21, w1.shape, w.shape, 0),
        feature(22, prev, w.suffix3, 0),
    ]);
}

fn tag_id(tag: Option<Upos>) -> u64 {
    tag.map_or(START, |t| t.index() as u64 + 1)
}

impl Tagger {
    /// Tags one sentence of word forms.
    pub fn tag(&self, forms: &[&str]) -> Vec<Upos> {
        let words: Vec<WordFeatures> = forms.iter().map(|f| WordFeatures::of(f)).collect();
        let mut tags: Vec<Upos> = Vec::with_capacity(forms.len());
        let mut buffer = Vec::new();
        let mut scores = [0i32; N_TAGS];
        for (i, form) in forms.iter().enumerate() {
            let prev = tag_id(i.checked_sub(1).and_then(|j| tags.get(j).copied()));
            let prev2 = tag_id(i.checked_sub(2).and_then(|j| tags.get(j).copied()));
            let tag = match self.dictionary.get(&normalise(form)) {
                Some(&tag) => tag,
                None => {
                    features(&words, i, prev, prev2, &mut buffer);
                    self.weights.score(&buffer, &mut scores);
                    Upos::from_index(argmax_i32(&scores))
                }
            };
            tags.push(tag);
        }
        tags
    }
}

pub fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if scores.get(best).is_some_and(|&b| s > b) {
            best = i;
        }
    }
    best
}

pub fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if scores.get(best).is_some_and(|&b| s > b) {
            best = i;
        }
    }
    best
}

/// A tiny deterministic random generator (xorshift64*) for reproducible shuffles.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A uniform float in `0.0..1.0`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Builds the tag dictionary from (form, tag) pairs.
pub fn build_dictionary<'a>(pairs: impl Iterator<Item = (&'a str, Upos)>) -> HashMap<String, Upos> {
    let mut counts: HashMap<String, [u32; N_TAGS]> = HashMap::new();
    for (form, tag) in pairs {
        if let Some(count) = counts
            .entry(normalise(form))
            .or_insert([0; N_TAGS])
            .get_mut(tag.index())
        {
            *count += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(form, counts)| {
            let total: u32 = counts.iter().sum();
            let best = argmax_i32(&counts.map(|c| c as i32));
            let top = counts.get(best).copied().unwrap_or(0);
            (total >= 20 && f64::from(top) / f64::from(total) >= 0.97)
                .then(|| (form, Upos::from_index(best)))
        })
        .collect()
}

/// Trains a tagger on tagged sentences for `epochs` passes (shuffled with `seed`).
pub fn train_tagger(
    sentences: &[(Vec<&str>, Vec<Upos>)],
    epochs: usize,
    seed: u64,
    min_count: u32,
) -> Tagger {
    let dictionary = build_dictionary(
        sentences
            .iter()
            .flat_map(|(forms, tags)| forms.iter().copied().zip(tags.iter().copied())),
    );
    let prepared: Vec<Vec<WordFeatures>> = sentences
        .iter()
        .map(|(forms, _)| forms.iter().map(|f| WordFeatures::of(f)).collect())
        .collect();
    let mut trainer = Trainer::new(N_TAGS);
    // Count features along the gold tag history; keep those seen twice.
    let mut counts: FeatureMap<u32> = FeatureMap::default();
    let mut buffer = Vec::new();
    for ((_, tags), words) in sentences.iter().zip(&prepared) {
        for i in 0..words.len() {
            let prev = tag_id(i.checked_sub(1).and_then(|j| tags.get(j).copied()));
            let prev2 = tag_id(i.checked_sub(2).and_then(|j| tags.get(j).copied()));
            features(words, i, prev, prev2, &mut buffer);
            for &key in &buffer {
                *counts.entry(key).or_insert(0) += 1;
            }
        }
    }
    trainer.restrict_to(&counts, min_count);
    drop(counts);
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = [0f32; N_TAGS];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let (Some((forms, gold)), Some(words)) = (sentences.get(s), prepared.get(s)) else {
                continue;
            };
            let mut predicted: Vec<Upos> = Vec::with_capacity(words.len());
            for (i, (form, &truth)) in forms.iter().zip(gold).enumerate() {
                let prev = tag_id(i.checked_sub(1).and_then(|j| predicted.get(j).copied()));
                let prev2 = tag_id(i.checked_sub(2).and_then(|j| predicted.get(j).copied()));
                let guess = match dictionary.get(&normalise(form)) {
                    Some(&tag) => tag,
                    None => {
                        features(words, i, prev, prev2, &mut buffer);
                        trainer.score(&buffer, &mut scores);
                        let guess = Upos::from_index(argmax_f32(&scores));
                        trainer.update(&buffer, truth.index(), guess.index());
                        trainer.tick();
                        guess
                    }
                };
                predicted.push(guess);
            }
        }
    }
    Tagger {
        weights: trainer.averaged(),
        dictionary,
    }
}
