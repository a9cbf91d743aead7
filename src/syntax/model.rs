//! The model file: a magic line, then one deflate stream holding the abbreviations,
//! the tag dictionary, the lemmatiser, the label list and the three weight tables
//! (tagger, transitions, labeller). Decoding checks every length against the bytes
//! left, so a damaged file is an error, never a panic or a huge allocation.

use std::collections::{HashMap, HashSet};

use super::labels::{DepRel, Upos};
use super::lemma::Lemmatizer;
use super::perceptron::{Reader, Weights, write_str, write_varint};
use super::tagger::Tagger;

/// The first bytes of every model file.
pub const MAGIC: &[u8] = b"stancemap-syntax-model 1\n";

/// Why a model could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ModelError {
    #[error("not a stancemap syntax model (wrong header)")]
    NotAModel,
    #[error("the model data is not valid deflate")]
    Compression,
    #[error("the model data is damaged ({0})")]
    Damaged(&'static str),
}

/// Everything a trained model holds.
#[derive(Clone, Debug, Default)]
pub struct ModelParts {
    pub abbreviations: HashSet<String>,
    pub tagger: Tagger,
    pub lemmatizer: Lemmatizer,
    pub transitions: Weights,
    /// Labeller class index → relation.
    pub labels: Vec<DepRel>,
    pub labeler: Weights,
}

pub fn encode(parts: &ModelParts) -> Vec<u8> {
    let mut payload = Vec::new();
    let mut abbreviations: Vec<&String> = parts.abbreviations.iter().collect();
    abbreviations.sort();
    write_varint(&mut payload, abbreviations.len() as u64);
    for abbreviation in abbreviations {
        write_str(&mut payload, abbreviation);
    }
    let mut dictionary: Vec<(&String, &Upos)> = parts.tagger.dictionary.iter().collect();
    dictionary.sort();
    write_varint(&mut payload, dictionary.len() as u64);
    for (form, tag) in dictionary {
        write_str(&mut payload, form);
        write_varint(&mut payload, tag.index() as u64);
    }
    parts.lemmatizer.write(&mut payload);
    write_varint(&mut payload, parts.labels.len() as u64);
    for label in &parts.labels {
        write_str(&mut payload, label.as_str());
    }
    parts.tagger.weights.write(&mut payload);
    parts.transitions.write(&mut payload);
    parts.labeler.write(&mut payload);
    let mut out = MAGIC.to_vec();
    out.extend(miniz_oxide::deflate::compress_to_vec(&payload, 9));
    out
}

/// The largest payload a model may inflate to (256 MiB).
const MAX_PAYLOAD: usize = 256 << 20;

pub fn decode(bytes: &[u8]) -> Result<ModelParts, ModelError> {
    let compressed = bytes.strip_prefix(MAGIC).ok_or(ModelError::NotAModel)?;
    let payload = miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, MAX_PAYLOAD)
        .map_err(|_| ModelError::Compression)?;
    let mut input = Reader::new(&payload);
    let damaged = ModelError::Damaged;
    let count = |input: &mut Reader<'_>, what: &'static str| -> Result<usize, ModelError> {
        let n = input
            .varint()
            .and_then(|n| usize::try_from(n).ok())
            .ok_or(damaged(what))?;
        if n > input.remaining() {
            return Err(damaged(what));
        }
        Ok(n)
    };
    let n = count(&mut input, "abbreviations")?;
    let mut abbreviations = HashSet::with_capacity(n);
    for _ in 0..n {
        abbreviations.insert(input.str().ok_or(damaged("abbreviations"))?.to_string());
    }
    let n = count(&mut input, "tag dictionary")?;
    let mut dictionary = HashMap::with_capacity(n);
    for _ in 0..n {
        let form = input.str().ok_or(damaged("tag dictionary"))?.to_string();
        let tag = input.varint().ok_or(damaged("tag dictionary"))?;
        dictionary.insert(
            form,
            Upos::from_index(usize::try_from(tag).unwrap_or(usize::MAX)),
        );
    }
    let lemmatizer = Lemmatizer::read(&mut input).ok_or(damaged("lemmas"))?;
    let n = count(&mut input, "labels")?;
    let mut labels = Vec::with_capacity(n);
    for _ in 0..n {
        labels.push(DepRel::from_label(input.str().ok_or(damaged("labels"))?));
    }
    let tagger_weights = Weights::read(&mut input).ok_or(damaged("tagger weights"))?;
    let transitions = Weights::read(&mut input).ok_or(damaged("parser weights"))?;
    let labeler = Weights::read(&mut input).ok_or(damaged("labeller weights"))?;
    if tagger_weights.n_classes() != Upos::ALL.len()
        || transitions.n_classes() != super::transition::N_ACTIONS
        || labeler.n_classes() != labels.len()
    {
        return Err(damaged("class counts"));
    }
    Ok(ModelParts {
        abbreviations,
        tagger: Tagger {
            weights: tagger_weights,
            dictionary,
        },
        lemmatizer,
        transitions,
        labels,
        labeler,
    })
}
