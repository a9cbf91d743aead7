//! A language model as a second extractor, held to the article's evidence.
//!
//! The article's own sentences (from [`crate::article`]'s splitter) go numbered, in
//! chunks with overlap, to an OpenAI-compatible chat-completions endpoint
//! (`client.rs`), which answers in the JSON schema of `assets/llm/` (`protocol.rs`).
//! Answers are cached on disk (`cache.rs`). Every claim is then verified against the
//! cited sentences (`verify.rs`, pure); what fails is listed with its reason. In
//! mode "both" the verified claims are folded into the built-in extraction
//! (`combine.rs`, pure). The result is an ordinary [`Extraction`], merged into a map
//! by [`crate::extract::merge_extraction`] like the built-in one.
//!
//! This module is an edge: it talks to the network and reads and writes its cache
//! folder. The API key (`secret.rs`) lives in memory only.

pub mod args;
pub mod cache;
pub mod client;
pub mod combine;
pub mod eval;
pub mod protocol;
pub mod secret;
pub mod verify;

pub use cache::AnswerCache;
pub use client::{Client, ClientError, Endpoint};
pub use protocol::{AnswerError, Chunk, ModelAnswer};
pub use verify::{Dropped, Verified, verify, verify_chunks};

use crate::article::Article;
use crate::extract::{Extraction, Lexicon, extract};
use crate::stance_map::SourceId;

/// Which extractor(s) run.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    serde::Serialize,
    serde::Deserialize,
    clap::ValueEnum,
)]
pub enum ExtractorMode {
    /// The built-in rules only; no network (the default).
    #[default]
    Builtin,
    /// The model only, every claim verified.
    Llm,
    /// Both, folded: agreement raises confidence, conflicts stay as mixed claims.
    Both,
}

impl ExtractorMode {
    pub const ALL: [ExtractorMode; 3] = [
        ExtractorMode::Builtin,
        ExtractorMode::Llm,
        ExtractorMode::Both,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ExtractorMode::Builtin => "builtin",
            ExtractorMode::Llm => "llm",
            ExtractorMode::Both => "both",
        }
    }

    /// Whether the article text leaves the machine (to the endpoint).
    pub fn uses_model(self) -> bool {
        self != ExtractorMode::Builtin
    }
}

/// How the article is cut into requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunking {
    /// Sentences per request, at least 1.
    pub size: usize,
    /// Sentences repeated from the end of the previous chunk.
    pub overlap: usize,
}

impl Default for Chunking {
    /// 40 sentences with an overlap of 3: a typical news article is one request.
    fn default() -> Self {
        Self {
            size: 40,
            overlap: 3,
        }
    }
}

/// Reported before each chunk is sent (or read from the cache).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkProgress {
    /// 0-based index of this chunk.
    pub index: usize,
    pub n_chunks: usize,
    pub chunk: Chunk,
}

/// What a model run produced, with its bookkeeping.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ModelRun {
    /// Verified claims (extraction) and the dropped ones with reasons.
    pub verified: Verified,
    pub n_chunks: usize,
    /// Chunks answered from the cache, without a request.
    pub n_cached: usize,
    /// HTTP requests made, retries included.
    pub n_requests: u32,
    /// Positions plus relations the model claimed, before verification.
    pub n_claimed: usize,
    /// Whether the server had to fall back from `json_schema` to `json_object`.
    pub fell_back_to_json_object: bool,
}

/// Why a model run failed; the caller falls back to the built-in extractor or stops.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{chunk}: {error}")]
    Request { chunk: String, error: ClientError },
    #[error("{chunk}: {error}")]
    Answer { chunk: String, error: AnswerError },
}

impl ModelError {
    pub fn is_cancelled(&self) -> bool {
        matches!(
            self,
            ModelError::Request {
                error: ClientError::Cancelled,
                ..
            }
        )
    }
}

/// Asks the model about every chunk of `article` (cache first), validates each
/// answer, then verifies all claims against the article. `progress` is called
/// before each chunk. Fails on the first chunk that cannot be answered; chunks
/// already answered stay cached, so a second run resumes there.
pub fn run_model(
    article: &Article,
    source: &SourceId,
    lexicon: &Lexicon,
    client: &mut Client,
    cache: Option<&AnswerCache>,
    chunking: Chunking,
    progress: &mut dyn FnMut(ChunkProgress),
) -> Result<ModelRun, ModelError> {
    let chunks = protocol::chunks(article.sentences.len(), chunking.size, chunking.overlap);
    let mut run = ModelRun {
        n_chunks: chunks.len(),
        ..ModelRun::default()
    };
    let mut answers = Vec::with_capacity(chunks.len());
    let mut diagnostics = Vec::new();
    let endpoint = client.endpoint().completions_url();
    let model = client.endpoint().model.clone();
    for (index, &chunk) in chunks.iter().enumerate() {
        progress(ChunkProgress {
            index,
            n_chunks: chunks.len(),
            chunk,
        });
        let key = cache::CacheKey::new(
            &endpoint,
            &model,
            protocol::prompt_version(),
            &article.text,
            chunk,
        );
        let cached = cache
            .and_then(|cache| cache.get(&key))
            .and_then(|text| protocol::parse_answer(&text, false).ok());
        if let Some(answer) = cached {
            run.n_cached += 1;
            answers.push((chunk, answer));
            continue;
        }
        let message = protocol::numbered_sentences(article, chunk);
        let raw = client
            .complete(&message)
            .map_err(|error| ModelError::Request {
                chunk: chunk.describe(),
                error,
            })?;
        run.n_requests += raw.attempts;
        run.fell_back_to_json_object |= raw.format == protocol::ResponseFormat::JsonObject;
        let answer = protocol::completion_content(&raw.body)
            .and_then(|(content, truncated)| {
                protocol::parse_answer(&content, truncated).map(|answer| (content, answer))
            })
            .map_err(|error| ModelError::Answer {
                chunk: chunk.describe(),
                error,
            })?;
        if let Some(cache) = cache
            && let Err(error) = cache.put(&key, &answer.0)
        {
            diagnostics.push(error);
        }
        answers.push((chunk, answer.1));
    }
    run.n_claimed = answers
        .iter()
        .map(|(_, answer)| answer.positions.len() + answer.relations.len())
        .sum();
    run.verified = verify_chunks(article, source, lexicon, &answers, &model);
    let kept = run.verified.extraction.positions.len() + run.verified.extraction.relations.len();
    diagnostics.push(format!(
        "model {model}: {} claims, {kept} stances kept after verification, {} dropped",
        run.n_claimed,
        run.verified.dropped.len()
    ));
    run.verified.extraction.diagnostics.extend(diagnostics);
    Ok(run)
}

/// The built-in extraction, the model's, or both folded, for one article.
/// In [`ExtractorMode::Builtin`] no request is made and `client` is not used.
#[allow(clippy::too_many_arguments)]
pub fn extract_with_mode(
    mode: ExtractorMode,
    article: &Article,
    source: &SourceId,
    lexicon: &Lexicon,
    client: Option<&mut Client>,
    cache: Option<&AnswerCache>,
    chunking: Chunking,
    progress: &mut dyn FnMut(ChunkProgress),
) -> Result<(Extraction, Option<ModelRun>), ModelError> {
    let builtin = || extract(article, source, lexicon);
    let Some(client) = client.filter(|_| mode.uses_model()) else {
        return Ok((builtin(), None));
    };
    let run = run_model(article, source, lexicon, client, cache, chunking, progress)?;
    let extraction = match mode {
        ExtractorMode::Both => combine::combine(builtin(), run.verified.extraction.clone()),
        _ => run.verified.extraction.clone(),
    };
    Ok((extraction, Some(run)))
}
