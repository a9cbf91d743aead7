//! The command-line face of the model extractor: `--extractor builtin|llm|both`,
//! `--llm-url`, `--llm-model` and friends, shared by `extract` and `eval`, and the
//! session that runs one article with them.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

use anyhow::bail;

use super::secret::{DEFAULT_KEY_VARIABLE, api_key_for};
use super::{AnswerCache, Chunking, Client, Endpoint, ExtractorMode, ModelRun};
use crate::article::Article;
use crate::extract::{Extraction, Lexicon};
use crate::stance_map::SourceId;

/// Which extractor runs, and how to reach a model.
#[derive(Clone, Debug, clap::Args)]
pub struct LlmArgs {
    /// builtin (offline, default), llm (a language model; every stance is verified
    /// against the article) or both (agreement raises confidence, conflicts stay mixed)
    #[arg(long, value_enum, default_value = "builtin")]
    pub extractor: ExtractorMode,
    /// The OpenAI-compatible endpoint that receives the article text, e.g.
    /// http://127.0.0.1:8080/v1 (llama.cpp) or http://localhost:11434/v1 (Ollama)
    #[arg(long, value_name = "URL")]
    pub llm_url: Option<String>,
    /// The model name the endpoint knows, e.g. qwen2.5:7b
    #[arg(long, value_name = "NAME")]
    pub llm_model: Option<String>,
    /// The environment variable holding the API key; without it, the OS keyring
    /// entry (service "stancemap", user: the URL) is used, else no key
    #[arg(long, value_name = "VARIABLE", default_value = DEFAULT_KEY_VARIABLE)]
    pub llm_key_env: String,
    /// Seconds one request may take
    #[arg(long, value_name = "SECONDS", default_value_t = 120)]
    pub llm_timeout: u64,
    /// Retries on 429, 5xx, timeouts and broken connections
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub llm_retries: u32,
    /// The first backoff wait in milliseconds; it doubles with each retry
    #[arg(long, value_name = "MS", default_value_t = 1000)]
    pub llm_backoff_ms: u64,
    /// Sentences per request; long articles are cut with an overlap of 3
    #[arg(long, value_name = "N", default_value_t = 40)]
    pub llm_chunk: usize,
    /// The cap on the length of each answer, in tokens
    #[arg(long, value_name = "N", default_value_t = 2048)]
    pub llm_max_tokens: u32,
    /// Ask the model again even when its answer is cached
    #[arg(long)]
    pub llm_no_cache: bool,
    /// Print why each stance was found (cue, holder path, polarity steps) and every
    /// model claim dropped by verification, with the reason, on standard error
    #[arg(long)]
    pub explain: bool,
}

/// A validated extractor choice, ready to run article after article.
pub struct LlmSession {
    pub mode: ExtractorMode,
    client: Option<Client>,
    cache: Option<AnswerCache>,
    chunking: Chunking,
    explain: bool,
}

impl LlmArgs {
    /// Checks the flags: a model mode needs `--llm-url` and `--llm-model`.
    pub fn session(&self) -> anyhow::Result<LlmSession> {
        let mut session = LlmSession {
            mode: self.extractor,
            client: None,
            cache: None,
            chunking: Chunking {
                size: self.llm_chunk.max(1),
                ..Chunking::default()
            },
            explain: self.explain,
        };
        if !self.extractor.uses_model() {
            return Ok(session);
        }
        let (Some(url), Some(model)) = (&self.llm_url, &self.llm_model) else {
            bail!(
                "--extractor {} needs --llm-url and --llm-model",
                self.extractor.as_str()
            );
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            bail!("--llm-url must start with http:// or https://: {url}");
        }
        let mut endpoint = Endpoint::new(url.clone(), model.clone());
        endpoint.timeout = Duration::from_secs(self.llm_timeout.max(1));
        endpoint.retries = self.llm_retries;
        endpoint.backoff = Duration::from_millis(self.llm_backoff_ms);
        endpoint.max_tokens = self.llm_max_tokens.max(1);
        let key = api_key_for(url, &self.llm_key_env).map(|(key, _)| key);
        session.client = Some(Client::new(endpoint, key, Arc::new(AtomicBool::new(false))));
        if !self.llm_no_cache {
            session.cache = super::cache::default_cache_dir().map(AnswerCache::new);
        }
        Ok(session)
    }
}

impl LlmSession {
    /// The built-in-only session (no model, no network).
    pub fn builtin() -> Self {
        Self {
            mode: ExtractorMode::Builtin,
            client: None,
            cache: None,
            chunking: Chunking::default(),
            explain: false,
        }
    }

    /// Extracts one article with the chosen extractor(s). `shown` names the article
    /// in messages on standard error (progress of multi-chunk articles, `--explain`).
    /// In mode llm a failed model run is an error; in mode both it is reported and
    /// the built-in extraction is used.
    pub fn extract(
        &mut self,
        article: &Article,
        source: &SourceId,
        lexicon: &Lexicon,
        shown: &str,
    ) -> anyhow::Result<(Extraction, Option<ModelRun>)> {
        let mode = self.mode;
        let mut progress = |step: super::ChunkProgress| {
            if step.n_chunks > 1 {
                eprintln!(
                    "{shown}: model: chunk {}/{} ({})",
                    step.index + 1,
                    step.n_chunks,
                    step.chunk.describe()
                );
            }
        };
        let result = super::extract_with_mode(
            mode,
            article,
            source,
            lexicon,
            self.client.as_mut(),
            self.cache.as_ref(),
            self.chunking,
            &mut progress,
        );
        match result {
            Ok((extraction, run)) => {
                if self.explain
                    && let Some(run) = &run
                {
                    explain(shown, run);
                }
                Ok((extraction, run))
            }
            Err(error) if mode == ExtractorMode::Both => {
                eprintln!(
                    "{shown}: the model extractor failed, using the built-in result only: {error}"
                );
                Ok((crate::extract::extract(article, source, lexicon), None))
            }
            Err(error) => Err(anyhow::anyhow!(
                "the model extractor failed: {error}: {shown}"
            )),
        }
    }
}

/// `--explain`: every claim verification dropped, and why.
fn explain(shown: &str, run: &ModelRun) {
    if run.verified.dropped.is_empty() {
        eprintln!("{shown}: dropped by verification: none");
    }
    for dropped in &run.verified.dropped {
        eprintln!(
            "{shown}: dropped by verification: {}: {}",
            dropped.claim, dropped.reason
        );
    }
}
