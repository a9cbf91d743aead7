//! The model extractor against a real HTTP server on 127.0.0.1 (`tiny_http`, in
//! process) that replays recorded chat-completions responses: good answers, bad
//! citations, malformed and truncated JSON, 429 then success, timeouts, a 500
//! mid-article, a server refusing `json_schema`. No network beyond loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use egui_kittest::kittest::Queryable;
use serde_json::{Value, json};
use stancemap::article::{Article, ArticleFormat};
use stancemap::extract::Lexicon;
use stancemap::llm::{
    AnswerCache, AnswerError, ChunkProgress, Chunking, Client, ClientError, Endpoint,
    ExtractorMode, ModelError, ModelRun, extract_with_mode, run_model,
};
use stancemap::stance_map::{SourceId, Stance};

const ARTICLE: &str = include_str!("../assets/articles/ceasefire_talks.txt");

/// One recorded reply of the fake endpoint.
#[derive(Clone)]
enum Reply {
    /// HTTP status and body.
    Status(u16, String),
    /// Waits this long before answering 200 with the body (past the client timeout).
    Slow(Duration, String),
}

/// A chat-completions server on 127.0.0.1 that answers requests in order with its
/// script (the last reply repeats) and records every request body.
struct FakeServer {
    server: Arc<tiny_http::Server>,
    url: String,
    requests: Arc<Mutex<Vec<Value>>>,
}

impl FakeServer {
    fn start(script: Vec<Reply>) -> Self {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
        let port = server.server_addr().to_ip().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (thread_server, thread_requests) = (server.clone(), requests.clone());
        std::thread::spawn(move || {
            let mut index = 0;
            while let Ok(mut request) = thread_server.recv() {
                let mut body = String::new();
                let _ = request.as_reader().read_to_string(&mut body);
                thread_requests
                    .lock()
                    .unwrap()
                    .push(serde_json::from_str(&body).unwrap_or(Value::Null));
                let reply = script
                    .get(index)
                    .or(script.last())
                    .cloned()
                    .unwrap_or(Reply::Status(500, String::new()));
                index += 1;
                let respond = move |status: u16, body: String| {
                    let header =
                        tiny_http::Header::from_bytes("Content-Type", "application/json").unwrap();
                    let response = tiny_http::Response::from_string(body)
                        .with_status_code(status)
                        .with_header(header);
                    let _ = request.respond(response);
                };
                match reply {
                    Reply::Status(status, body) => respond(status, body),
                    Reply::Slow(wait, body) => {
                        std::thread::spawn(move || {
                            std::thread::sleep(wait);
                            respond(200, body);
                        });
                    }
                }
            }
        });
        Self {
            server,
            url: format!("http://127.0.0.1:{port}/v1"),
            requests,
        }
    }

    fn requests(&self) -> Vec<Value> {
        self.requests.lock().unwrap().clone()
    }
}

impl Drop for FakeServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn article() -> Article {
    Article::parse(ARTICLE.as_bytes(), ArticleFormat::Text)
}

/// The 1-based number of the sentence containing `needle`.
fn number_of(article: &Article, needle: &str) -> i64 {
    let index = article
        .sentences
        .iter()
        .position(|s| article.sentence_text(*s).contains(needle))
        .unwrap_or_else(|| panic!("no sentence contains {needle:?}"));
    index as i64 + 1
}

/// A chat-completions response body whose message content is `content`.
fn completion(content: &str, finish_reason: &str) -> String {
    json!({
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [{"index": 0, "finish_reason": finish_reason,
                     "message": {"role": "assistant", "content": content}}]
    })
    .to_string()
}

/// A recorded good answer about the bundled ceasefire article, plus three claims
/// verification must drop: a sentence that does not exist, a sentence that does not
/// name the holder, and a sentence that reads the other way.
fn recorded_answer(article: &Article) -> String {
    let sybiha = number_of(article, "Sybiha rejected the plan");
    let rubio = number_of(article, "Rubio defended the proposal");
    let eu_backed = number_of(article, "The European Union backed");
    let moscow = number_of(article, "Moscow welcomed");
    json!({
        "actors": [
            {"name": "Ukraine", "kind": "state", "aliases": ["Kyiv", "Andrii Sybiha"], "stands_for": "no territorial concessions"},
            {"name": "United States", "kind": "state", "aliases": ["Washington", "Marco Rubio", "White House"], "stands_for": "an immediate ceasefire"},
            {"name": "European Union", "kind": "bloc", "aliases": ["EU", "Kaja Kallas"], "stands_for": "backing Kyiv"},
            {"name": "Russia", "kind": "state", "aliases": ["Moscow", "Kremlin"], "stands_for": "keeping annexed regions"},
            {"name": "NATO", "kind": "organization", "aliases": ["Mark Rutte"], "stands_for": "more aid"}
        ],
        "issues": [
            {"id": "us_ceasefire_plan", "label": "US ceasefire proposal", "keywords": ["ceasefire", "plan", "proposal", "initiative"]}
        ],
        "positions": [
            {"actor": "Ukraine", "issue": "us_ceasefire_plan", "stance": "oppose", "sentences": [sybiha], "confidence": 0.9},
            {"actor": "United States", "issue": "us_ceasefire_plan", "stance": "support", "sentences": [rubio], "confidence": 0.9},
            {"actor": "Russia", "issue": "us_ceasefire_plan", "stance": "support", "sentences": [moscow], "confidence": 0.8},
            {"actor": "NATO", "issue": "us_ceasefire_plan", "stance": "oppose", "sentences": [999], "confidence": 0.5},
            {"actor": "European Union", "issue": "us_ceasefire_plan", "stance": "oppose", "sentences": [rubio], "confidence": 0.5}
        ],
        "relations": [
            {"source": "European Union", "target": "Ukraine", "stance": "support", "sentences": [eu_backed], "confidence": 0.9},
            {"source": "Ukraine", "target": "United States", "stance": "support", "sentences": [sybiha], "confidence": 0.4}
        ]
    })
    .to_string()
}

fn endpoint(url: &str) -> Endpoint {
    let mut endpoint = Endpoint::new(url, "recorded-model");
    endpoint.timeout = Duration::from_secs(5);
    endpoint.retries = 2;
    endpoint.backoff = Duration::from_millis(10);
    endpoint
}

fn client(endpoint: Endpoint) -> Client {
    Client::new(endpoint, None, Arc::new(AtomicBool::new(false)))
}

fn run(
    server_url: &str,
    cache: Option<&AnswerCache>,
    chunking: Chunking,
    configure: impl FnOnce(&mut Endpoint),
) -> (Result<ModelRun, ModelError>, Vec<ChunkProgress>) {
    let mut endpoint = endpoint(server_url);
    configure(&mut endpoint);
    let mut client = client(endpoint);
    let mut steps = Vec::new();
    let result = run_model(
        &article(),
        &SourceId::new("s1"),
        &Lexicon::bundled(),
        &mut client,
        cache,
        chunking,
        &mut |step| steps.push(step),
    );
    (result, steps)
}

fn whole() -> Chunking {
    Chunking::default()
}

#[test]
fn a_good_answer_is_verified_and_bad_citations_are_dropped_with_reasons() {
    let article = article();
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&recorded_answer(&article), "stop"),
    )]);
    let (result, steps) = run(&server.url, None, whole(), |_| {});
    let run = result.unwrap();
    eprintln!(
        "kept: {:#?}\ndropped: {:#?}",
        run.verified.extraction, run.verified.dropped
    );
    assert_eq!(steps.len(), 1);
    assert_eq!(run.n_requests, 1);
    assert_eq!(run.n_claimed, 7);
    let extraction = &run.verified.extraction;
    let positions: Vec<(String, String, Stance)> = extraction
        .positions
        .iter()
        .map(|p| (p.actor.to_string(), p.issue.to_string(), p.claim.stance))
        .collect();
    // Actor names resolve to lexicon ids where the lexicon knows them.
    let ukraine = positions
        .iter()
        .find(|(actor, _, _)| actor == "Ukraine")
        .expect("Ukraine's position survives");
    assert_eq!(ukraine.2, Stance::Oppose);
    assert_eq!(positions.len(), 3, "{positions:?}");
    assert_eq!(extraction.relations.len(), 1);
    for position in &extraction.positions {
        let evidence = &position.claim.evidence;
        assert!(!evidence.is_empty());
        for item in evidence {
            assert_eq!(item.text, &ARTICLE_TEXT()[item.start..item.end]);
            assert!(
                item.explanation.contains("verified"),
                "{}",
                item.explanation
            );
        }
        assert!(position.claim.confidence > 0.0 && position.claim.confidence <= 0.95);
    }
    let reasons: Vec<String> = run
        .verified
        .dropped
        .iter()
        .map(|d| format!("{} => {}", d.claim, d.reason))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:#?}");
    let n = article.sentences.len();
    assert!(
        reasons.iter().any(|r| r.contains(&format!(
            "cites sentence 999, but the article has {n} sentences"
        ))),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("European Union oppose")
                && r.contains("does not name European Union")),
        "{reasons:#?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("Ukraine support United States")
                && r.contains("does not name United States")),
        "{reasons:#?}"
    );
    // The request carried the numbered sentences and asked for the schema.
    let requests = server.requests();
    assert_eq!(requests[0]["response_format"]["type"], "json_schema");
    let user = requests[0]["messages"][1]["content"].as_str().unwrap();
    assert!(user.contains("[1] Allies split"), "{user}");
    assert_eq!(requests[0]["model"], "recorded-model");
}

#[allow(non_snake_case)]
fn ARTICLE_TEXT() -> String {
    article().text
}

#[test]
fn malformed_json_is_an_error_naming_the_chunk() {
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion("{\"actors\": [oops]}", "stop"),
    )]);
    let (result, _) = run(&server.url, None, whole(), |_| {});
    let error = result.unwrap_err();
    assert!(
        matches!(
            &error,
            ModelError::Answer {
                error: AnswerError::Malformed(_),
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().starts_with("sentences 1–"), "{error}");
}

#[test]
fn truncated_output_is_reported_as_cut_off() {
    let article = article();
    let answer = recorded_answer(&article);
    let cut = &answer[..answer.len() / 2];
    let server = FakeServer::start(vec![Reply::Status(200, completion(cut, "length"))]);
    let (result, _) = run(&server.url, None, whole(), |_| {});
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            ModelError::Answer {
                error: AnswerError::Truncated,
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn a_429_is_retried_and_then_succeeds() {
    let article = article();
    let server = FakeServer::start(vec![
        Reply::Status(429, "{\"error\":\"rate limited\"}".into()),
        Reply::Status(200, completion(&recorded_answer(&article), "stop")),
    ]);
    let (result, _) = run(&server.url, None, whole(), |_| {});
    let run = result.unwrap();
    assert_eq!(run.n_requests, 2);
    assert_eq!(server.requests().len(), 2);
    assert_eq!(run.verified.extraction.positions.len(), 3);
}

#[test]
fn a_server_that_never_answers_in_time_is_a_timeout() {
    let server = FakeServer::start(vec![Reply::Slow(
        Duration::from_secs(4),
        completion("{}", "stop"),
    )]);
    let (result, _) = run(&server.url, None, whole(), |endpoint| {
        endpoint.timeout = Duration::from_secs(1);
        endpoint.retries = 1;
    });
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            ModelError::Request {
                error: ClientError::Timeout { attempts: 2, .. },
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("did not answer within 1 s"),
        "{error}"
    );
}

#[test]
fn a_500_mid_article_fails_and_a_second_run_resumes_from_the_cache() {
    let article = article();
    let dir = tempfile::tempdir().unwrap();
    let cache = AnswerCache::new(dir.path());
    let empty = completion(
        r#"{"actors":[],"issues":[],"positions":[],"relations":[]}"#,
        "stop",
    );
    let small = Chunking {
        size: 4,
        overlap: 1,
    };
    let n_chunks = stancemap::llm::protocol::chunks(article.sentences.len(), 4, 1).len();
    assert!(n_chunks >= 3, "the article must need several chunks");
    let server = FakeServer::start(vec![
        Reply::Status(200, empty.clone()),
        Reply::Status(500, "{\"error\":\"internal\"}".into()),
        Reply::Status(500, "{\"error\":\"internal\"}".into()),
        Reply::Status(200, empty),
    ]);
    let (result, steps) = run(&server.url, Some(&cache), small, |endpoint| {
        endpoint.retries = 1;
    });
    let error = result.unwrap_err();
    assert!(
        matches!(
            &error,
            ModelError::Request {
                error: ClientError::Status {
                    status: 500,
                    attempts: 2,
                    ..
                },
                ..
            }
        ),
        "{error}"
    );
    assert!(error.to_string().starts_with("sentences 4–7"), "{error}");
    assert_eq!(steps.len(), 2);
    assert_eq!(server.requests().len(), 3);
    // The second run resumes: the first chunk comes from the cache.
    let (result, _) = run(&server.url, Some(&cache), small, |_| {});
    let resumed = result.unwrap();
    assert_eq!(resumed.n_chunks, n_chunks);
    assert_eq!(resumed.n_cached, 1);
    assert_eq!(server.requests().len(), 3 + n_chunks - 1);
    // A third run asks nothing at all.
    let (result, _) = run(&server.url, Some(&cache), small, |_| {});
    let cached = result.unwrap();
    assert_eq!(cached.n_cached, n_chunks);
    assert_eq!(cached.n_requests, 0);
    assert_eq!(server.requests().len(), 3 + n_chunks - 1);
}

#[test]
fn chunks_overlap_and_each_request_numbers_sentences_globally() {
    let article = article();
    let empty = completion(
        r#"{"actors":[],"issues":[],"positions":[],"relations":[]}"#,
        "stop",
    );
    let server = FakeServer::start(vec![Reply::Status(200, empty)]);
    let (result, steps) = run(
        &server.url,
        None,
        Chunking {
            size: 5,
            overlap: 2,
        },
        |_| {},
    );
    result.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), steps.len());
    let second = requests[1]["messages"][1]["content"].as_str().unwrap();
    // The second chunk starts two sentences before the first ended.
    assert!(second.contains("[4] "), "{second}");
    assert!(!second.contains("[3] "), "{second}");
    assert!(article.sentences.len() > 5);
}

#[test]
fn a_server_refusing_json_schema_gets_json_object_and_the_answer_is_validated() {
    let article = article();
    let server = FakeServer::start(vec![
        Reply::Status(
            400,
            "{\"error\":{\"message\":\"response_format type json_schema is not supported\"}}"
                .into(),
        ),
        Reply::Status(200, completion(&recorded_answer(&article), "stop")),
    ]);
    let (result, _) = run(&server.url, None, whole(), |_| {});
    let run = result.unwrap();
    assert!(run.fell_back_to_json_object);
    let requests = server.requests();
    assert_eq!(requests[0]["response_format"]["type"], "json_schema");
    assert_eq!(requests[1]["response_format"]["type"], "json_object");
    assert!(
        requests[1]["messages"][0]["content"]
            .as_str()
            .unwrap()
            .contains("\"positions\"")
    );
}

#[test]
fn both_mode_raises_agreement_and_keeps_conflicts_as_mixed() {
    let article = article();
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&recorded_answer(&article), "stop"),
    )]);
    let lexicon = Lexicon::bundled();
    let source = SourceId::new("s1");
    let builtin = stancemap::extract::extract(&article, &source, &lexicon);
    let mut client = client(endpoint(&server.url));
    let (both, run) = extract_with_mode(
        ExtractorMode::Both,
        &article,
        &source,
        &lexicon,
        Some(&mut client),
        None,
        whole(),
        &mut |_| {},
    )
    .unwrap();
    assert!(run.is_some());
    // Every built-in relation is still there, at least as confident.
    for relation in &builtin.relations {
        let kept = both
            .relations
            .iter()
            .find(|r| r.key() == relation.key())
            .expect("built-in relation kept");
        assert!(kept.claim.confidence >= relation.claim.confidence * 0.6 - 1e-6);
    }
    let eu_ukraine = both
        .relations
        .iter()
        .find(|r| r.source.as_str() == "EU" && r.target.as_str() == "Ukraine");
    if let Some(builtin_eu) = builtin
        .relations
        .iter()
        .find(|r| r.source.as_str() == "EU" && r.target.as_str() == "Ukraine")
    {
        let merged = eu_ukraine.unwrap();
        if builtin_eu.claim.stance == Stance::Support {
            assert!(merged.claim.confidence > builtin_eu.claim.confidence);
            assert!(merged.claim.note.contains("found by both"));
        } else {
            assert!(merged.claim.is_mixed());
        }
    }
}

#[test]
fn combine_marks_conflicts_as_mixed_and_agreement_as_more_confident() {
    use stancemap::extract::Extraction;
    use stancemap::stance_map::{Claim, Evidence, Origin, Position};
    let claim = |stance, confidence, start| {
        let mut claim = Claim::new(stance, Origin::Extracted);
        claim.confidence = confidence;
        claim
            .evidence
            .push(Evidence::new(SourceId::new("s1"), start, start + 4, "text"));
        claim
    };
    let builtin = Extraction {
        positions: vec![
            Position::new("A", "x", claim(Stance::Support, 0.6, 0)),
            Position::new("B", "x", claim(Stance::Support, 0.7, 10)),
        ],
        ..Extraction::default()
    };
    let model = Extraction {
        positions: vec![
            Position::new("A", "x", claim(Stance::Support, 0.5, 20)),
            Position::new("B", "x", claim(Stance::Oppose, 0.9, 30)),
        ],
        ..Extraction::default()
    };
    let both = stancemap::llm::combine::combine(builtin, model);
    let a = &both.positions[0].claim;
    assert!((a.confidence - 0.8).abs() < 1e-5, "{}", a.confidence);
    assert!(!a.is_mixed());
    let b = &both.positions[1].claim;
    assert!(b.is_mixed());
    assert_eq!(b.stance, Stance::Oppose);
    assert!(b.note.contains("disagree"), "{}", b.note);
}

/// Runs the binary with an empty config folder and the given cache folder.
fn stancemap_bin(cache: &Path, args: &[&str]) -> std::process::Output {
    let config = tempfile::tempdir().unwrap();
    std::process::Command::new(env!("CARGO_BIN_EXE_stancemap"))
        .args(args)
        .env("STANCEMAP_CONFIG_DIR", config.path())
        .env("STANCEMAP_CACHE_DIR", cache)
        .env_remove("STANCEMAP_LLM_API_KEY")
        .output()
        .unwrap()
}

fn article_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/articles/ceasefire_talks.txt")
        .display()
        .to_string()
}

#[test]
fn cli_extract_with_the_model_verifies_explains_and_caches() {
    let article = article();
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&recorded_answer(&article), "stop"),
    )]);
    let cache = tempfile::tempdir().unwrap();
    let path = article_path();
    let args = [
        "extract",
        path.as_str(),
        "--extractor",
        "llm",
        "--llm-url",
        server.url.as_str(),
        "--llm-model",
        "recorded-model",
        "--explain",
    ];
    let output = stancemap_bin(cache.path(), &args);
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let map: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(map["positions"].as_array().unwrap().len(), 3);
    for position in map["positions"].as_array().unwrap() {
        assert!(
            position["note"]
                .as_str()
                .unwrap()
                .starts_with("model recorded-model")
        );
    }
    assert_eq!(
        stderr.matches("dropped by verification:").count(),
        3,
        "{stderr}"
    );
    assert!(stderr.contains("7 claims, 4 stances kept"), "{stderr}");
    // The second run is answered from the cache: the server sees no new request.
    let again = stancemap_bin(cache.path(), &args);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(again.stdout, output.stdout);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn cli_model_mode_without_an_endpoint_is_a_usage_error() {
    let cache = tempfile::tempdir().unwrap();
    let path = article_path();
    let output = stancemap_bin(
        cache.path(),
        &["extract", path.as_str(), "--extractor", "llm"],
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--extractor llm needs --llm-url and --llm-model"),
        "{stderr}"
    );
}

#[test]
fn cli_both_mode_falls_back_to_the_builtin_result_when_the_server_fails() {
    let server = FakeServer::start(vec![Reply::Status(500, "{}".into())]);
    let cache = tempfile::tempdir().unwrap();
    let path = article_path();
    let output = stancemap_bin(
        cache.path(),
        &[
            "extract",
            path.as_str(),
            "--extractor",
            "both",
            "--llm-url",
            server.url.as_str(),
            "--llm-model",
            "m",
            "--llm-retries",
            "0",
        ],
    );
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("using the built-in result only"),
        "{stderr}"
    );
    assert!(stderr.contains("http 500"), "{stderr}");
    let map: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(!map["positions"].as_array().unwrap().is_empty());
}

#[test]
fn cli_eval_scores_the_model_on_a_gold_folder() {
    let article = article();
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&recorded_answer(&article), "stop"),
    )]);
    let dir = tempfile::tempdir().unwrap();
    let articles = dir.path().join("articles");
    let gold = dir.path().join("gold");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::write(articles.join("a.txt"), ARTICLE).unwrap();
    let sybiha = article
        .sentence_text(article.sentences[number_of(&article, "Sybiha rejected") as usize - 1]);
    std::fs::write(
        gold.join("a.json"),
        json!({
            "article": "a.txt",
            "actors": [{"id": "Ukraine", "aliases": ["Kyiv", "Sybiha"]}],
            "issues": [{"id": "plan", "label": "US ceasefire proposal", "keywords": ["ceasefire", "plan"]}],
            "positions": [{"actor": "Ukraine", "issue": "plan", "stance": "oppose", "explicit": true, "evidence": sybiha}],
            "relations": []
        })
        .to_string(),
    )
    .unwrap();
    let cache = tempfile::tempdir().unwrap();
    let output = stancemap_bin(
        cache.path(),
        &[
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            articles.to_str().unwrap(),
            "--extractor",
            "llm",
            "--llm-url",
            server.url.as_str(),
            "--llm-model",
            "recorded-model",
        ],
    );
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("TP/FP/FN"), "{stdout}");
    // The Ukraine position is a true positive; the US and Russia ones are false positives.
    let positions_cell = stdout
        .lines()
        .find(|line| line.starts_with("TP/FP/FN"))
        .unwrap()
        .split_whitespace()
        .nth(2)
        .unwrap()
        .to_owned();
    assert_eq!(positions_cell, "1/2/0", "{stdout}");
    assert!(stdout.contains("dropped by verification 3"), "{stdout}");
}

/// The app with the GUI tests' sample map open and the model extractor set to
/// `url`, its window open.
fn gui_app(url: &str) -> crate::gui::TestApp {
    use stancemap::gui::action::AppAction;
    use stancemap::gui::llm_settings::LlmPreferences;
    let dir = tempfile::tempdir().unwrap();
    let dialog = Arc::new(crate::gui::FakeDialog::default());
    let mut config = crate::gui::config(dir.path(), Arc::clone(&dialog));
    config.preferences.llm = LlmPreferences {
        mode: ExtractorMode::Llm,
        url: url.to_owned(),
        model: "gui-model".into(),
        key_variable: "STANCEMAP_TEST_NO_SUCH_KEY".into(),
    };
    let mut harness = crate::gui::harness_for(config);
    let path = dir.path().join("talks.stancemap.ron");
    harness
        .state_mut()
        .set_document(stancemap::gui::document::Document::from_file(
            crate::gui::sample_map(),
            path,
        ));
    // The answer cache goes to the test's temp folder, not the user's.
    harness.state_mut().llm_panel_mut().cache_dir = Some(dir.path().join("cache"));
    harness.state_mut().queue(AppAction::ShowLlmSettings);
    harness.run();
    crate::gui::TestApp {
        harness,
        dir,
        dialog,
    }
}

/// Agrees to send the text, starts the run and steps until it has finished.
fn gui_run(app: &mut crate::gui::TestApp, url: &str) {
    let receiving = format!("{url}/chat/completions");
    // The endpoint is named before anything is sent.
    app.harness
        .get_by_label_contains(&format!("will be sent to {receiving}"));
    app.harness
        .get_by_label(&format!("Send article text to {receiving}"))
        .click();
    app.harness.step();
    app.harness.step();
    app.harness.get_by_label("Extract with the model").click();
    app.harness.step();
    for _ in 0..400 {
        app.harness.step();
        if !app.harness.state().llm_panel().is_running() {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    app.harness.step();
    app.harness.step();
    assert!(!app.harness.state().llm_panel().is_running());
}

fn sample_answer() -> String {
    let article = Article::parse(crate::gui::SAMPLE_TEXT.as_bytes(), ArticleFormat::Text);
    let kyiv = number_of(&article, "Kyiv rejects");
    json!({
        "actors": [{"name": "Ukraine", "kind": "state", "aliases": ["Kyiv"], "stands_for": "Crimea is Ukrainian"}],
        "issues": [{"id": "crimea", "label": "Recognising Crimea as Russian", "keywords": ["Crimea"]}],
        "positions": [
            {"actor": "Ukraine", "issue": "crimea", "stance": "oppose", "sentences": [kyiv], "confidence": 0.9},
            {"actor": "Ukraine", "issue": "crimea", "stance": "support", "sentences": [42], "confidence": 0.9}
        ],
        "relations": []
    })
    .to_string()
}

#[test]
fn gui_runs_the_model_after_consent_and_lists_what_verification_dropped() {
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&sample_answer(), "stop"),
    )]);
    let mut app = gui_app(&server.url);
    gui_run(&mut app, &server.url);
    let panel = app.harness.state().llm_panel();
    assert_eq!(panel.banner, None);
    assert_eq!(panel.dropped.len(), 1, "{:?}", panel.dropped);
    assert!(panel.dropped[0].1.reason.contains("cites sentence 42"));
    let request = &server.requests()[0];
    assert_eq!(request["model"], "gui-model");
    let model_positions = app
        .map()
        .positions()
        .filter(|p| p.claim.note.starts_with("model gui-model"))
        .count();
    assert_eq!(model_positions, 1);
    app.harness
        .get_by_label_contains("Dropped by verification (1)");
}

#[test]
fn gui_falls_back_to_the_builtin_result_with_a_banner_when_the_model_fails() {
    let server = FakeServer::start(vec![Reply::Status(
        400,
        "{\"error\":\"model not found\"}".into(),
    )]);
    let mut app = gui_app(&server.url);
    let before = app.map().positions().count();
    gui_run(&mut app, &server.url);
    let banner = app.harness.state().llm_panel().banner.clone().unwrap();
    assert!(banner.contains("http 400"), "{banner}");
    assert!(banner.contains("showing the built-in result"), "{banner}");
    app.harness
        .get_by_label_contains("The model extractor failed");
    // The map holds the built-in result, not a model claim.
    assert!(app.map().positions().count() >= before.min(1));
    assert!(
        app.map()
            .positions()
            .all(|p| !p.claim.note.starts_with("model "))
    );
}

#[test]
fn gui_cancel_stops_a_run_and_leaves_the_map_unchanged() {
    let server = FakeServer::start(vec![Reply::Slow(
        Duration::from_secs(3),
        completion(&sample_answer(), "stop"),
    )]);
    let mut app = gui_app(&server.url);
    let before = app.map().clone();
    let receiving = format!("{}/chat/completions", server.url);
    app.harness
        .get_by_label(&format!("Send article text to {receiving}"))
        .click();
    app.harness.step();
    app.harness.step();
    app.harness.get_by_label("Extract with the model").click();
    app.harness.step();
    app.harness.step();
    assert!(app.harness.state().llm_panel().is_running());
    app.harness.get_by_label("Cancel").click();
    app.harness.step();
    app.harness.step();
    let panel = app.harness.state().llm_panel();
    assert!(!panel.is_running());
    assert!(
        panel.last_summary.starts_with("Cancelled"),
        "{}",
        panel.last_summary
    );
    assert_eq!(app.map(), &before);
}

/// Verifies one position claim on a one-paragraph article; returns the dropped reasons.
fn verify_one(text: &str, stance: &str, sentence: i64) -> (usize, Vec<String>) {
    use stancemap::llm::protocol::{ModelActor, ModelAnswer, ModelIssue, ModelPosition};
    let article = Article::parse(text.as_bytes(), ArticleFormat::Text);
    let answer = ModelAnswer {
        actors: vec![ModelActor {
            name: "Ukraine".into(),
            kind: "state".into(),
            aliases: vec!["Kyiv".into()],
            stands_for: String::new(),
        }],
        issues: vec![ModelIssue {
            id: "plan".into(),
            label: "The peace plan".into(),
            keywords: vec!["plan".into()],
        }],
        positions: vec![ModelPosition {
            actor: "Ukraine".into(),
            issue: "plan".into(),
            stance: stance.into(),
            sentences: vec![sentence],
            confidence: Some(0.8),
        }],
        relations: vec![],
    };
    let verified = stancemap::llm::verify(
        &article,
        &SourceId::new("s1"),
        &Lexicon::bundled(),
        &[answer],
        "m",
    );
    (
        verified.extraction.positions.len(),
        verified.dropped.into_iter().map(|d| d.reason).collect(),
    )
}

#[test]
fn verification_reads_negation_and_hedges_in_the_cited_sentence() {
    let text = "Talks\nKyiv rejected the plan. Kyiv did not reject the plan. Kyiv could reject the plan. Kyiv discussed the plan in May.";
    // A plain cue that agrees.
    assert_eq!(verify_one(text, "oppose", 2), (1, vec![]));
    // The model reads the cue the other way.
    let (kept, reasons) = verify_one(text, "support", 2);
    assert_eq!(kept, 0);
    assert!(reasons[0].contains("reads oppose"), "{reasons:?}");
    // A negated cue reads the other way.
    let (kept, reasons) = verify_one(text, "oppose", 3);
    assert_eq!(kept, 0);
    assert!(reasons[0].contains("negated by"), "{reasons:?}");
    assert_eq!(verify_one(text, "support", 3).0, 1);
    // A hedged stance is left out, as the annotation conventions say.
    let (kept, reasons) = verify_one(text, "oppose", 4);
    assert_eq!(kept, 0);
    assert!(reasons[0].contains("hedged"), "{reasons:?}");
    // No cue at all: kept as inferred, the month "May" is no hedge.
    assert_eq!(verify_one(text, "support", 5).0, 1);
}

#[test]
fn a_citation_outside_the_chunk_the_model_was_sent_is_dropped() {
    let article = article();
    let server = FakeServer::start(vec![Reply::Status(
        200,
        completion(&recorded_answer(&article), "stop"),
    )]);
    let small = Chunking {
        size: 4,
        overlap: 1,
    };
    let (result, _) = run(&server.url, None, small, |_| {});
    let run = result.unwrap();
    let sybiha = number_of(&article, "Sybiha rejected the plan");
    // The same answer came back for every chunk; only the chunk holding the cited
    // sentence keeps Ukraine's position.
    assert!(
        run.verified.dropped.iter().any(|d| d.reason
            == format!(
                "cites sentence {sybiha}, which was not among the sentences 1–4 it was sent"
            )),
        "{:#?}",
        run.verified.dropped
    );
    assert!(
        run.verified
            .extraction
            .positions
            .iter()
            .any(|p| p.actor.as_str() == "Ukraine")
    );
}
