//! The HTTP side: one blocking POST to an OpenAI-compatible `/chat/completions`
//! endpoint per chunk, through `ureq` with rustls. Timeouts bound every call;
//! 429 and 5xx answers, timeouts and broken connections are retried with
//! exponential backoff (honouring `Retry-After`); a cancel flag is checked before
//! every attempt and during every wait.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use super::protocol::{self, ResponseFormat};
use super::secret::ApiKey;

/// Answers larger than this are refused (a runaway server).
const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;
/// The longest a single backoff wait lasts, whatever `Retry-After` says.
const MAX_BACKOFF: Duration = Duration::from_secs(30);

/// Where and how to reach a model. The API key is held apart and never printed.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The base URL (`http://127.0.0.1:8080/v1`) or the full `.../chat/completions` URL.
    pub url: String,
    pub model: String,
    /// Whole-request timeout (connect, send, generate, receive).
    pub timeout: Duration,
    /// Retries after the first attempt, for 429, 5xx, timeouts and broken connections.
    pub retries: u32,
    /// The first backoff wait; each retry doubles it.
    pub backoff: Duration,
    /// The cap on answer length, in tokens.
    pub max_tokens: u32,
}

impl Endpoint {
    /// An endpoint with the defaults: 120 s timeout, 3 retries from 1 s, 2048 tokens.
    pub fn new(url: impl Into<String>, model: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            model: model.into(),
            timeout: Duration::from_secs(120),
            retries: 3,
            backoff: Duration::from_secs(1),
            max_tokens: 2048,
        }
    }

    /// The full chat-completions URL.
    pub fn completions_url(&self) -> String {
        let base = self.url.trim().trim_end_matches('/');
        if base.ends_with("/chat/completions") {
            base.to_owned()
        } else {
            format!("{base}/chat/completions")
        }
    }

    /// Whether the endpoint is this machine (loopback): then no proxy is used.
    pub fn is_local(&self) -> bool {
        let url = self.url.trim();
        let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
        let host = rest.split(['/', '?']).next().unwrap_or_default();
        let host = host.rsplit_once('@').map_or(host, |(_, host)| host);
        let host = if host.starts_with('[') {
            host.split(']')
                .next()
                .unwrap_or_default()
                .trim_start_matches('[')
        } else {
            host.split(':').next().unwrap_or_default()
        };
        matches!(host, "localhost" | "127.0.0.1" | "::1") || host.starts_with("127.")
    }
}

/// Why a request failed for good.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("cancelled")]
    Cancelled,
    #[error("the endpoint did not answer within {seconds} s ({attempts} attempts): {url}")]
    Timeout {
        url: String,
        seconds: u64,
        attempts: u32,
    },
    #[error("the endpoint answered http {status} ({attempts} attempts){detail}: {url}")]
    Status {
        url: String,
        status: u16,
        attempts: u32,
        detail: String,
    },
    #[error("cannot reach the endpoint ({message}): {url}")]
    Connection { url: String, message: String },
}

/// A chat-completions client for one endpoint. It starts by asking for `json_schema`
/// output and falls back to `json_object` for good when the server refuses that.
pub struct Client {
    endpoint: Endpoint,
    api_key: Option<ApiKey>,
    agent: ureq::Agent,
    format: ResponseFormat,
    cancel: Arc<AtomicBool>,
}

/// One raw answer: the response body and how many attempts it took.
#[derive(Clone, Debug, PartialEq)]
pub struct RawAnswer {
    pub body: String,
    pub attempts: u32,
    pub format: ResponseFormat,
}

impl Client {
    /// A client for `endpoint`; `cancel` set to true stops it at the next check.
    pub fn new(endpoint: Endpoint, api_key: Option<ApiKey>, cancel: Arc<AtomicBool>) -> Self {
        let mut config = ureq::Agent::config_builder()
            .timeout_global(Some(endpoint.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("stancemap/", env!("CARGO_PKG_VERSION")));
        if endpoint.is_local() {
            config = config.proxy(None);
        }
        let agent = ureq::Agent::new_with_config(config.build());
        Self {
            endpoint,
            api_key,
            agent,
            format: ResponseFormat::JsonSchema,
            cancel,
        }
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// Sends one user message and returns the response body of the first successful
    /// attempt. Retries 429/5xx/timeouts/connection errors with backoff; a 400, 422
    /// or 500 that names `response_format` or `json_schema` switches to
    /// `json_object` once.
    pub fn complete(&mut self, user_message: &str) -> Result<RawAnswer, ClientError> {
        let url = self.endpoint.completions_url();
        let mut attempts = 0;
        let mut fell_back = false;
        loop {
            if self.cancelled() {
                return Err(ClientError::Cancelled);
            }
            attempts += 1;
            let body = protocol::request_body(
                &self.endpoint.model,
                user_message,
                self.format,
                self.endpoint.max_tokens,
            );
            let mut request = self
                .agent
                .post(&url)
                .header("Content-Type", "application/json");
            if let Some(key) = &self.api_key {
                request = request.header("Authorization", format!("Bearer {}", key.expose()));
            }
            let retryable = match request.send(body.to_string()) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let retry_after = response
                        .headers()
                        .get("retry-after")
                        .and_then(|value| value.to_str().ok())
                        .and_then(|value| value.trim().parse::<u64>().ok())
                        .map(Duration::from_secs);
                    let text = response
                        .body_mut()
                        .with_config()
                        .limit(MAX_RESPONSE_BYTES)
                        .read_to_string();
                    match (status, text) {
                        (200..=299, Ok(body)) => {
                            return Ok(RawAnswer {
                                body,
                                attempts,
                                format: self.format,
                            });
                        }
                        (200..=299, Err(error)) => Retry::Error(error, None),
                        // Some servers say so with a 500 (ik_llama.cpp), most with 400/422.
                        (400 | 422 | 500, Ok(body))
                            if !fell_back
                                && self.format == ResponseFormat::JsonSchema
                                && refuses_schema(&body) =>
                        {
                            fell_back = true;
                            self.format = ResponseFormat::JsonObject;
                            attempts -= 1;
                            continue;
                        }
                        (429 | 500..=599, text) => {
                            Retry::Status(status, detail(text.ok()), retry_after)
                        }
                        (_, text) => {
                            return Err(ClientError::Status {
                                url,
                                status,
                                attempts,
                                detail: detail(text.ok()),
                            });
                        }
                    }
                }
                Err(error) => Retry::Error(error, None),
            };
            if attempts > self.endpoint.retries {
                return Err(match retryable {
                    Retry::Status(status, detail, _) => ClientError::Status {
                        url,
                        status,
                        attempts,
                        detail,
                    },
                    Retry::Error(ureq::Error::Timeout(_), _) => ClientError::Timeout {
                        url,
                        seconds: self.endpoint.timeout.as_secs(),
                        attempts,
                    },
                    Retry::Error(error, _) => ClientError::Connection {
                        url,
                        message: error.to_string(),
                    },
                });
            }
            let wait = match &retryable {
                Retry::Status(_, _, Some(after)) | Retry::Error(_, Some(after)) => *after,
                _ => self
                    .endpoint
                    .backoff
                    .saturating_mul(1 << (attempts - 1).min(16)),
            };
            self.sleep(wait.min(MAX_BACKOFF))?;
        }
    }

    /// Waits in short slices so Cancel takes effect within 50 ms.
    fn sleep(&self, wait: Duration) -> Result<(), ClientError> {
        let slice = Duration::from_millis(50);
        let mut left = wait;
        while !left.is_zero() {
            if self.cancelled() {
                return Err(ClientError::Cancelled);
            }
            let step = left.min(slice);
            std::thread::sleep(step);
            left = left.saturating_sub(step);
        }
        Ok(())
    }
}

enum Retry {
    Status(u16, String, Option<Duration>),
    Error(ureq::Error, Option<Duration>),
}

/// Whether an error body says the server does not do `json_schema` output.
fn refuses_schema(body: &str) -> bool {
    let body = body.to_ascii_lowercase();
    body.contains("response_format") || body.contains("json_schema")
}

/// The start of an error body, for the message.
fn detail(body: Option<String>) -> String {
    let body = body.unwrap_or_default();
    let line: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.is_empty() {
        return String::new();
    }
    let short: String = line.chars().take(160).collect();
    format!(", \"{short}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_completed_and_loopback_is_recognised() {
        let endpoint = Endpoint::new("http://127.0.0.1:8080/v1/", "m");
        assert_eq!(
            endpoint.completions_url(),
            "http://127.0.0.1:8080/v1/chat/completions"
        );
        assert!(endpoint.is_local());
        let remote = Endpoint::new("https://api.openai.com/v1/chat/completions", "m");
        assert_eq!(
            remote.completions_url(),
            "https://api.openai.com/v1/chat/completions"
        );
        assert!(!remote.is_local());
        assert!(Endpoint::new("http://localhost:11434/v1", "m").is_local());
        assert!(Endpoint::new("http://[::1]:8080/v1", "m").is_local());
    }
}
