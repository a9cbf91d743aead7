//! What stancemap sends to a chat-completions endpoint and what it accepts back:
//! the versioned system prompt and JSON schema in `assets/llm/`, the article's
//! sentences numbered from 1 in chunks with overlap, and a strict reading of the
//! model's answer. Pure: no IO.

use serde::{Deserialize, Serialize};

use crate::article::Article;

/// The system prompt (annotation conventions in plain words), `assets/llm/system_prompt.md`.
pub const SYSTEM_PROMPT: &str = include_str!("../../assets/llm/system_prompt.md");
/// The JSON schema the answer must follow, `assets/llm/schema.json`.
pub const SCHEMA_JSON: &str = include_str!("../../assets/llm/schema.json");
const VERSION_FILE: &str = include_str!("../../assets/llm/VERSION");

/// Version of the prompt and schema together; part of the cache key, so changing the
/// prompt never serves answers given to an older one.
pub fn prompt_version() -> &'static str {
    VERSION_FILE.trim()
}

/// An actor as the model names it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelActor {
    pub name: String,
    /// "state", "organization", "bloc", "movement" or "other".
    pub kind: String,
    pub aliases: Vec<String>,
    /// What the actor wants in this article, one phrase.
    pub stands_for: String,
}

/// An issue as the model phrases it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModelIssue {
    pub id: String,
    pub label: String,
    pub keywords: Vec<String>,
}

/// A position (actor → issue) the model claims, citing 1-based sentence numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelPosition {
    pub actor: String,
    pub issue: String,
    pub stance: String,
    #[serde(default)]
    pub sentences: Vec<i64>,
    /// The model's own certainty, 0.0..=1.0; absent means unknown.
    #[serde(default)]
    pub confidence: Option<f64>,
}

/// A relation (actor → actor) the model claims, citing 1-based sentence numbers.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelRelation {
    pub source: String,
    pub target: String,
    pub stance: String,
    #[serde(default)]
    pub sentences: Vec<i64>,
    #[serde(default)]
    pub confidence: Option<f64>,
}

/// One answer of the model, as the schema defines it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelAnswer {
    pub actors: Vec<ModelActor>,
    pub issues: Vec<ModelIssue>,
    pub positions: Vec<ModelPosition>,
    pub relations: Vec<ModelRelation>,
}

/// Why a model's answer was refused before verification.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("the answer was cut off before it ended (the model ran out of tokens)")]
    Truncated,
    #[error("the answer is not valid JSON ({0})")]
    Malformed(String),
    #[error("the answer does not follow the schema ({0})")]
    Schema(String),
    #[error("the answer is empty")]
    Empty,
}

/// A run of consecutive sentences sent in one request: indexes into
/// [`Article::sentences`], `first..end` (0-based, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk {
    pub first: usize,
    pub end: usize,
}

impl Chunk {
    /// "sentences 1–12" (1-based, as the model sees them).
    pub fn describe(self) -> String {
        format!("sentences {}–{}", self.first + 1, self.end)
    }
}

/// Splits `n_sentences` into chunks of at most `size` sentences, each starting
/// `overlap` sentences before the previous one ended, so a stance stated across a
/// chunk boundary is seen whole once. `size` below 1 is read as 1 and `overlap` is
/// capped at `size - 1`; linear in the number of chunks.
pub fn chunks(n_sentences: usize, size: usize, overlap: usize) -> Vec<Chunk> {
    let size = size.max(1);
    let overlap = overlap.min(size - 1);
    let step = size - overlap;
    let mut out = Vec::new();
    let mut first = 0;
    while first < n_sentences {
        let end = (first + size).min(n_sentences);
        out.push(Chunk { first, end });
        if end == n_sentences {
            break;
        }
        first += step;
    }
    out
}

/// The user message for `chunk`: each sentence on its own line as `[n] text`, with
/// inner line breaks folded to spaces, numbered 1-based over the whole article.
pub fn numbered_sentences(article: &Article, chunk: Chunk) -> String {
    let mut message = String::from("Article sentences:\n");
    for (index, sentence) in article
        .sentences
        .iter()
        .enumerate()
        .take(chunk.end)
        .skip(chunk.first)
    {
        let text = article.sentence_text(*sentence);
        let folded: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        message.push_str(&format!("[{}] {folded}\n", index + 1));
    }
    message
}

/// How the request asks for JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseFormat {
    /// `{"type":"json_schema", ...}`: the server constrains decoding to the schema.
    JsonSchema,
    /// `{"type":"json_object"}`: any JSON object; stancemap validates it itself.
    JsonObject,
}

/// The chat-completions request body for one chunk. `max_tokens` caps the answer.
pub fn request_body(
    model: &str,
    user_message: &str,
    format: ResponseFormat,
    max_tokens: u32,
) -> serde_json::Value {
    let schema: serde_json::Value =
        serde_json::from_str(SCHEMA_JSON).unwrap_or(serde_json::Value::Null);
    let response_format = match format {
        ResponseFormat::JsonSchema => serde_json::json!({
            "type": "json_schema",
            "json_schema": {"name": "stance_map", "strict": true, "schema": schema}
        }),
        // llama-cpp-python reads "schema" here as a grammar; others ignore it.
        ResponseFormat::JsonObject => serde_json::json!({"type": "json_object", "schema": schema}),
    };
    let mut system = SYSTEM_PROMPT.to_owned();
    if format == ResponseFormat::JsonObject {
        // Without a server-side schema the model must see it to follow it.
        system.push_str("\nThe JSON schema of the answer:\n");
        system.push_str(SCHEMA_JSON);
    }
    serde_json::json!({
        "model": model,
        "temperature": 0,
        "max_tokens": max_tokens,
        "response_format": response_format,
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": user_message}
        ]
    })
}

/// The text of the first choice of a chat-completions response body, and whether
/// the server says it was cut off (`finish_reason: "length"`).
pub fn completion_content(body: &str) -> Result<(String, bool), AnswerError> {
    let value: serde_json::Value = serde_json::from_str(body)
        .map_err(|error| AnswerError::Malformed(format!("response body: {error}")))?;
    let choice = value
        .get("choices")
        .and_then(|choices| choices.get(0))
        .ok_or_else(|| AnswerError::Schema("the response has no choices".into()))?;
    let content = choice
        .get("message")
        .and_then(|message| message.get("content"))
        .and_then(serde_json::Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let truncated = choice
        .get("finish_reason")
        .and_then(serde_json::Value::as_str)
        == Some("length");
    Ok((content, truncated))
}

/// Reads and validates the model's answer text: a JSON object (optionally inside a
/// Markdown code fence) with the four lists of the schema, stances `support` or
/// `oppose`, confidences in 0..=1. `truncated` is the server's finish reason.
pub fn parse_answer(content: &str, truncated: bool) -> Result<ModelAnswer, AnswerError> {
    let text = strip_fence(content.trim());
    if text.is_empty() {
        return Err(if truncated {
            AnswerError::Truncated
        } else {
            AnswerError::Empty
        });
    }
    // Some grammar-constrained servers let raw line breaks into strings; as JSON
    // whitespace or inside a string they mean a space.
    let parsed = serde_json::from_str(text).or_else(|error| {
        if error.to_string().contains("control character") {
            let cleaned: String = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            serde_json::from_str(&cleaned)
        } else {
            Err(error)
        }
    });
    let value: serde_json::Value = match parsed {
        Ok(value) => value,
        Err(error) if truncated || error.is_eof() => return Err(AnswerError::Truncated),
        Err(error) => return Err(AnswerError::Malformed(error.to_string())),
    };
    let object = value
        .as_object()
        .ok_or_else(|| AnswerError::Schema("the answer is not a JSON object".into()))?;
    for field in ["actors", "issues", "positions", "relations"] {
        match object.get(field) {
            Some(serde_json::Value::Array(_)) => {}
            Some(_) => return Err(AnswerError::Schema(format!("\"{field}\" is not a list"))),
            None => return Err(AnswerError::Schema(format!("\"{field}\" is missing"))),
        }
    }
    let answer: ModelAnswer =
        serde_json::from_value(value).map_err(|error| AnswerError::Schema(error.to_string()))?;
    for (index, position) in answer.positions.iter().enumerate() {
        check_claim("positions", index, &position.stance, position.confidence)?;
    }
    for (index, relation) in answer.relations.iter().enumerate() {
        check_claim("relations", index, &relation.stance, relation.confidence)?;
    }
    Ok(answer)
}

fn check_claim(
    list: &str,
    index: usize,
    stance: &str,
    confidence: Option<f64>,
) -> Result<(), AnswerError> {
    if stance != "support" && stance != "oppose" {
        return Err(AnswerError::Schema(format!(
            "{list}[{index}].stance is {stance:?}, not support or oppose"
        )));
    }
    // A confidence outside 0..1 is read as unknown when the claim is verified.
    let _ = confidence;
    Ok(())
}

/// Some servers wrap JSON in a Markdown code fence even when asked not to.
fn strip_fence(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("```") else {
        return text;
    };
    let rest = rest.strip_prefix("json").unwrap_or(rest);
    rest.trim().strip_suffix("```").unwrap_or(rest).trim()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_overlap_and_cover_every_sentence() {
        assert_eq!(
            chunks(10, 4, 1),
            vec![
                Chunk { first: 0, end: 4 },
                Chunk { first: 3, end: 7 },
                Chunk { first: 6, end: 10 }
            ]
        );
        assert_eq!(chunks(3, 40, 3), vec![Chunk { first: 0, end: 3 }]);
        assert_eq!(chunks(0, 40, 3), Vec::<Chunk>::new());
        // An overlap as large as the chunk still advances.
        assert_eq!(chunks(3, 2, 5).len(), 2);
    }

    #[test]
    fn the_schema_and_version_are_valid() {
        let schema: serde_json::Value = serde_json::from_str(SCHEMA_JSON).unwrap_or_default();
        assert_eq!(schema["type"], "object");
        assert!(!prompt_version().is_empty());
    }

    #[test]
    fn answers_are_validated() {
        let good = r#"{"actors":[],"issues":[],"positions":[{"actor":"A","issue":"x","stance":"support","sentences":[1],"confidence":0.8}],"relations":[]}"#;
        assert_eq!(parse_answer(good, false).map(|a| a.positions.len()), Ok(1));
        let raw_newline = good.replace("\"A\"", "\"A\nB\"");
        assert_eq!(
            parse_answer(&raw_newline, false).map(|a| a.positions[0].actor.clone()),
            Ok("A B".to_owned())
        );
        let fenced = format!("```json\n{good}\n```");
        assert!(parse_answer(&fenced, false).is_ok());
        assert_eq!(
            parse_answer(r#"{"actors":[],"issues":["#, false),
            Err(AnswerError::Truncated)
        );
        assert!(matches!(
            parse_answer("{actors: nope}", false),
            Err(AnswerError::Malformed(_))
        ));
        assert!(matches!(
            parse_answer(r#"{"actors":[],"issues":[],"positions":[]}"#, false),
            Err(AnswerError::Schema(_))
        ));
        let bad_stance = good.replace("\"support\"", "\"maybe\"");
        assert!(matches!(
            parse_answer(&bad_stance, false),
            Err(AnswerError::Schema(_))
        ));
    }
}
