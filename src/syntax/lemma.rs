//! Lemmas: a table learnt from the treebanks ((lower-case form, UPOS) → lemma, the
//! most frequent one), then suffix rules learnt from the same data for unseen words
//! (for UPOS + the longest known ending: strip k characters, append a string, e.g.
//! NOUN "-ies" → strip 3, add "y").

use std::collections::HashMap;

use super::labels::Upos;
use super::perceptron::{Reader, write_str, write_varint};

/// A learnt lemmatiser.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    table: HashMap<(String, Upos), String>,
    /// (UPOS, ending of 1–4 characters) → (characters to strip, text to append).
    rules: HashMap<(Upos, String), (usize, String)>,
}

const MAX_ENDING: usize = 4;

fn ending(chars: &[char], n: usize) -> String {
    chars
        .get(chars.len().saturating_sub(n)..)
        .unwrap_or_default()
        .iter()
        .collect()
}

/// The rule turning `form` into `lemma`: characters to strip from the end of `form`,
/// then the text to append.
fn rule_for(form: &[char], lemma: &[char]) -> (usize, String) {
    let common = form.iter().zip(lemma).take_while(|(a, b)| a == b).count();
    (
        form.len() - common,
        lemma.get(common..).unwrap_or_default().iter().collect(),
    )
}

impl Lemmatizer {
    /// Learns from (form, UPOS, lemma) triples.
    pub fn learn<'a>(examples: impl Iterator<Item = (&'a str, Upos, &'a str)>) -> Lemmatizer {
        let mut table_counts: HashMap<(String, Upos), HashMap<String, u32>> = HashMap::new();
        let mut rule_counts: HashMap<(Upos, String), HashMap<(usize, String), u32>> =
            HashMap::new();
        for (form, upos, lemma) in examples {
            if lemma == "_" || lemma.is_empty() {
                continue;
            }
            let lower = form.to_lowercase();
            let lemma = lemma.to_lowercase();
            *table_counts
                .entry((lower.clone(), upos))
                .or_default()
                .entry(lemma.clone())
                .or_insert(0) += 1;
            let form_chars: Vec<char> = lower.chars().collect();
            let lemma_chars: Vec<char> = lemma.chars().collect();
            if form_chars.len() < 3 || !form_chars.iter().all(|c| c.is_alphabetic()) {
                continue;
            }
            let rule = rule_for(&form_chars, &lemma_chars);
            for n in 1..=MAX_ENDING.min(form_chars.len() - 1) {
                *rule_counts
                    .entry((upos, ending(&form_chars, n)))
                    .or_default()
                    .entry(rule.clone())
                    .or_insert(0) += 1;
            }
        }
        let pick = |counts: HashMap<String, u32>| {
            let mut counts: Vec<(String, u32)> = counts.into_iter().collect();
            counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            counts.into_iter().next().map(|(lemma, _)| lemma)
        };
        let table = table_counts
            .into_iter()
            .filter_map(|(key, counts)| {
                let lemma = pick(counts)?;
                // Identity lemmas need no entry.
                (lemma != key.0).then_some((key, lemma))
            })
            .collect();
        let rules = rule_counts
            .into_iter()
            .filter_map(|(key, counts)| {
                let total: u32 = counts.values().sum();
                let mut counts: Vec<((usize, String), u32)> = counts.into_iter().collect();
                counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let (rule, count) = counts.into_iter().next()?;
                // Keep confident, non-identity rules seen a few times.
                (total >= 5 && f64::from(count) / f64::from(total) >= 0.7 && rule.0 > 0)
                    .then_some((key, rule))
            })
            .collect();
        Lemmatizer { table, rules }
    }

    /// The lower-case lemma of `form` tagged `upos`.
    pub fn lemma(&self, form: &str, upos: Upos) -> String {
        let lower = super::words::fold_typography(form).to_lowercase();
        if let Some(lemma) = self.table.get(&(lower.clone(), upos)) {
            return lemma.clone();
        }
        if matches!(
            upos,
            Upos::Noun | Upos::Verb | Upos::Adj | Upos::Adv | Upos::Aux
        ) {
            let chars: Vec<char> = lower.chars().collect();
            if chars.len() >= 3 {
                for n in (1..=MAX_ENDING.min(chars.len() - 1)).rev() {
                    if let Some((strip, append)) = self.rules.get(&(upos, ending(&chars, n)))
                        && *strip < chars.len()
                    {
                        let mut lemma: String = chars
                            .get(..chars.len() - strip)
                            .unwrap_or_default()
                            .iter()
                            .collect();
                        lemma.push_str(append);
                        return lemma;
                    }
                }
            }
        }
        lower
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let mut table: Vec<_> = self.table.iter().collect();
        table.sort();
        write_varint(out, table.len() as u64);
        for ((form, upos), lemma) in table {
            write_str(out, form);
            write_varint(out, upos.index() as u64);
            write_str(out, lemma);
        }
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort();
        write_varint(out, rules.len() as u64);
        for ((upos, ending), (strip, append)) in rules {
            write_varint(out, upos.index() as u64);
            write_str(out, ending);
            write_varint(out, *strip as u64);
            write_str(out, append);
        }
    }

    pub fn read(input: &mut Reader<'_>) -> Option<Lemmatizer> {
        let n = usize::try_from(input.varint()?)
            .ok()?
            .min(input.remaining());
        let mut table = HashMap::with_capacity(n);
        for _ in 0..n {
            let form = input.str()?.to_string();
            let upos = Upos::from_index(usize::try_from(input.varint()?).ok()?);
            table.insert((form, upos), input.str()?.to_string());
        }
        let n = usize::try_from(input.varint()?)
            .ok()?
            .min(input.remaining());
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let upos = Upos::from_index(usize::try_from(input.varint()?).ok()?);
            let ending = input.str()?.to_string();
            let strip = usize::try_from(input.varint()?).ok()?;
            rules.insert((upos, ending), (strip, input.str()?.to_string()));
        }
        Some(Lemmatizer { table, rules })
    }
}
