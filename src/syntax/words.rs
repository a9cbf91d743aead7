//! What the classifiers see of a word: its normalised form (curly quotes and dashes
//! folded to ASCII, digits to a class, lower case), affixes and shape, hashed once per
//! sentence.

use super::perceptron::hash_str;

/// Hashed views of one word.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordFeatures {
    /// Normalised lower-case form.
    pub norm: u64,
    pub suffix2: u64,
    pub suffix3: u64,
    pub suffix4: u64,
    pub prefix1: u64,
    pub shape: u64,
}

/// Folds typographic variants to the ASCII form the treebanks mostly use.
pub fn fold_typography(form: &str) -> String {
    form.chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | 'ʼ' | '‚' => '\'',
            '–' | '—' | '―' => '-',
            '…' => '.',
            c => c,
        })
        .collect()
}

/// The normalised form: lower case, typography folded, numbers reduced to a class.
pub fn normalise(form: &str) -> String {
    let folded = fold_typography(form);
    let has_digit = folded.chars().any(|c| c.is_ascii_digit());
    if has_digit {
        let n = folded.chars().count();
        if n == 4 && folded.chars().all(|c| c.is_ascii_digit()) {
            return "!year".to_string();
        }
        if folded
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ':' | '/' | '-'))
        {
            return "!number".to_string();
        }
        return folded
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_digit() { '0' } else { c })
            .collect();
    }
    folded.to_lowercase()
}

/// A coarse shape: character classes with repeats collapsed, at most 5 symbols ("Xx", "X.X.", "d,d").
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let mut last = None;
    for c in form.chars() {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if last != Some(class) {
            out.push(class);
            last = Some(class);
            if out.chars().count() >= 5 {
                break;
            }
        }
    }
    out
}

fn suffix(text: &str, n: usize) -> &str {
    let count = text.chars().count();
    if count <= n {
        return text;
    }
    text.char_indices()
        .nth(count - n)
        .map_or(text, |(at, _)| &text[at..])
}

fn prefix(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

impl WordFeatures {
    pub fn of(form: &str) -> WordFeatures {
        let norm = normalise(form);
        let lower = fold_typography(form).to_lowercase();
        WordFeatures {
            norm: hash_str(&norm),
            suffix2: hash_str(suffix(&lower, 2)),
            suffix3: hash_str(suffix(&lower, 3)),
            suffix4: hash_str(suffix(&lower, 4)),
            prefix1: hash_str(prefix(form, 1)),
            shape: hash_str(&shape(form)),
        }
    }

    /// The stand-in for positions before the first or after the last word.
    pub fn boundary(name: &str) -> WordFeatures {
        let h = hash_str(name);
        WordFeatures {
            norm: h,
            suffix2: h,
            suffix3: h,
            suffix4: h,
            prefix1: h,
            shape: h,
        }
    }
}
