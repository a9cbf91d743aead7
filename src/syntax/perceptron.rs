//! The averaged perceptron (Collins 2002) shared by the tagger, the parser and the
//! labeller: hashed features (u32 keys) index dense rows of class weights. Training
//! keeps f32 weights plus the running sums for averaging; the shipped model keeps the
//! averaged weights quantised to i16, rows that quantise to all-zero dropped.

use std::hash::Hasher;

use rustc_hash::{FxHashMap, FxHasher};

/// A map keyed by already-hashed features.
pub type FeatureMap<V> = FxHashMap<u32, V>;

/// Hashes a string (a word form, a suffix) to a 64-bit id.
pub fn hash_str(text: &str) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.write_u8(0xff);
    hasher.finish()
}

/// Combines a feature template number with up to three values into a 32-bit feature.
#[inline]
pub fn feature(template: u64, a: u64, b: u64, c: u64) -> u32 {
    let mut h = template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for value in [a, b, c] {
        h = (h.rotate_left(23) ^ value).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    (h >> 32) as u32
}

/// Weights under training.
#[derive(Clone, Debug)]
pub struct Trainer {
    n_classes: usize,
    index: FeatureMap<u32>,
    weights: Vec<f32>,
    /// Sum of `step * update`, so that the average is `weights - sums / step`.
    sums: Vec<f32>,
    step: f32,
    /// Whether an update may add a feature not seen before.
    grow: bool,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            index: FeatureMap::default(),
            weights: Vec::new(),
            sums: Vec::new(),
            step: 1.0,
            grow: true,
        }
    }

    /// Restricts training to the features with at least `min_count` occurrences in
    /// `counts` (feature pruning; keeps memory and the model small).
    pub fn restrict_to(&mut self, counts: &FeatureMap<u32>, min_count: u32) {
        let mut keys: Vec<u32> = counts
            .iter()
            .filter(|&(_, &count)| count >= min_count)
            .map(|(&key, _)| key)
            .collect();
        keys.sort_unstable();
        for key in keys {
            self.row(key);
        }
        self.grow = false;
    }

    fn row(&mut self, key: u32) -> usize {
        let next = self.index.len() as u32;
        let row = *self.index.entry(key).or_insert(next);
        if row == next {
            self.weights
                .resize(self.weights.len() + self.n_classes, 0.0);
            self.sums.resize(self.sums.len() + self.n_classes, 0.0);
        }
        row as usize * self.n_classes
    }

    /// Adds the current (not averaged) weights of `features` to `scores` (`n_classes` long).
    pub fn score(&self, features: &[u32], scores: &mut [f32]) {
        scores.fill(0.0);
        for key in features {
            if let Some(&row) = self.index.get(key) {
                let at = row as usize * self.n_classes;
                if let Some(weights) = self.weights.get(at..at + self.n_classes) {
                    for (score, weight) in scores.iter_mut().zip(weights) {
                        *score += weight;
                    }
                }
            }
        }
    }

    /// One perceptron update: `truth` up, `guess` down (nothing when they agree).
    pub fn update(&mut self, features: &[u32], truth: usize, guess: usize) {
        if truth != guess {
            for &key in features {
                if !self.grow && !self.index.contains_key(&key) {
                    continue;
                }
                let at = self.row(key);
                for (class, delta) in [(truth, 1.0), (guess, -1.0)] {
                    if let (Some(weight), Some(sum)) = (
                        self.weights.get_mut(at + class),
                        self.sums.get_mut(at + class),
                    ) {
                        *weight += delta;
                        *sum += self.step * delta;
                    }
                }
            }
        }
    }

    /// Advances the averaging clock by one example.
    pub fn tick(&mut self) {
        self.step += 1.0;
    }

    /// The averaged weights, quantised.
    pub fn averaged(&self) -> Weights {
        let averaged: Vec<f32> = self
            .weights
            .iter()
            .zip(&self.sums)
            .map(|(weight, sum)| weight - sum / self.step)
            .collect();
        let max = averaged.iter().fold(0.0f32, |max, w| max.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let mut keys: Vec<(u32, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let mut weights = Weights {
            n_classes: self.n_classes,
            index: FeatureMap::default(),
            rows: Vec::new(),
        };
        for (key, row) in keys {
            let at = row as usize * self.n_classes;
            let Some(values) = averaged.get(at..at + self.n_classes) else {
                continue;
            };
            let quantised: Vec<i16> = values
                .iter()
                .map(|v| (v * scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect();
            if quantised.iter().any(|&q| q != 0) {
                weights
                    .index
                    .insert(key, (weights.rows.len() / self.n_classes) as u32);
                weights.rows.extend(quantised);
            }
        }
        weights
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }
}

/// Frozen, quantised weights for prediction.
#[derive(Clone, Debug, Default)]
pub struct Weights {
    n_classes: usize,
    index: FxHashMap<u32, u32>,
    rows: Vec<i16>,
}

impl Weights {
    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Sums the rows of `features` into `scores` (`n_classes` long).
    #[inline]
    pub fn score(&self, features: &[u32], scores: &mut [i32]) {
        scores.fill(0);
        for key in features {
            if let Some(&row) = self.index.get(key) {
                let at = row as usize * self.n_classes;
                if let Some(weights) = self.rows.get(at..at + self.n_classes) {
                    for (score, &weight) in scores.iter_mut().zip(weights) {
                        *score += i32::from(weight);
                    }
                }
            }
        }
    }

    /// Appends the weights: class count, row count, keys (sorted, delta-coded varints),
    /// then the rows as little-endian i16.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut keys: Vec<(u32, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        write_varint(out, self.n_classes as u64);
        write_varint(out, keys.len() as u64);
        let mut previous = 0u32;
        for &(key, _) in &keys {
            write_varint(out, u64::from(key - previous));
            previous = key;
        }
        for &(_, row) in &keys {
            let at = row as usize * self.n_classes;
            for weight in self.rows.get(at..at + self.n_classes).unwrap_or_default() {
                out.extend_from_slice(&weight.to_le_bytes());
            }
        }
    }

    /// Reads what [`Weights::write`] wrote.
    pub fn read(input: &mut Reader<'_>) -> Option<Weights> {
        let n_classes = usize::try_from(input.varint()?).ok()?;
        let n_rows = usize::try_from(input.varint()?).ok()?;
        if n_classes == 0 || n_classes > 4096 || n_rows > input.remaining() {
            return None;
        }
        let mut index = FxHashMap::with_capacity_and_hasher(n_rows, Default::default());
        let mut key = 0u32;
        for row in 0..n_rows {
            key = key.checked_add(u32::try_from(input.varint()?).ok()?)?;
            index.insert(key, row as u32);
        }
        let bytes = input.take(n_rows.checked_mul(n_classes)?.checked_mul(2)?)?;
        let rows = bytes
            .chunks_exact(2)
            .map(|pair| i16::from_le_bytes([pair[0], pair[1]]))
            .collect();
        Some(Weights {
            n_classes,
            index,
            rows,
        })
    }
}

/// Appends `value` as a LEB128 varint.
pub fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    loop {
        let byte = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// Appends a length-prefixed string.
pub fn write_str(out: &mut Vec<u8>, text: &str) {
    write_varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// A cursor over model bytes; every read returns `None` past the end.
pub struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes }
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, tail) = self.bytes.split_at(n);
        self.bytes = tail;
        Some(head)
    }

    pub fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let (&byte, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    pub fn str(&mut self) -> Option<&'a str> {
        let n = usize::try_from(self.varint()?).ok()?;
        std::str::from_utf8(self.take(n)?).ok()
    }
}
