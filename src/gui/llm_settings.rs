//! The model extractor window (Tools → Model extractor…): choose builtin, llm or
//! both, the endpoint and model; see which endpoint will receive the article text
//! before anything is sent; run on the open map with progress per chunk and Cancel;
//! read what verification dropped. A failed run falls back to the built-in result
//! and says so in a banner. The API key is typed here only to go to the OS keyring.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::action::AppAction;
use super::command::Command;
use crate::article::{Article, ArticleFormat};
use crate::extract::{Extraction, Lexicon, merge_extraction};
use crate::llm::secret::{ApiKey, DEFAULT_KEY_VARIABLE, api_key_for, store_in_keyring};
use crate::llm::{
    AnswerCache, ChunkProgress, Chunking, Client, Dropped, Endpoint, ExtractorMode,
    extract_with_mode,
};
use crate::stance_map::{Edit, Source, StanceMap};

/// What the window remembers between runs (in the preferences). Never the key.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct LlmPreferences {
    pub mode: ExtractorMode,
    /// Base URL of an OpenAI-compatible endpoint.
    pub url: String,
    pub model: String,
    /// The environment variable read for the API key (else the keyring).
    pub key_variable: String,
}

impl Default for LlmPreferences {
    fn default() -> Self {
        Self {
            mode: ExtractorMode::Builtin,
            url: "http://127.0.0.1:8080/v1".into(),
            model: String::new(),
            key_variable: DEFAULT_KEY_VARIABLE.into(),
        }
    }
}

enum JobMessage {
    Progress {
        source: usize,
        n_sources: usize,
        chunk: ChunkProgress,
    },
    Finished(Result<JobResult, String>),
}

struct JobResult {
    extractions: Vec<(Source, Extraction)>,
    dropped: Vec<(String, Dropped)>,
    summary: String,
}

struct Job {
    receiver: Receiver<JobMessage>,
    cancel: Arc<AtomicBool>,
    progress: String,
}

/// The window's transient state; `open` shows it.
#[derive(Default)]
pub struct LlmPanel {
    pub open: bool,
    pub settings: LlmPreferences,
    /// The endpoint the analyst agreed to send article text to, this session only.
    consented: Option<String>,
    key_input: String,
    job: Option<Job>,
    /// Shown above the map after a failed run; cleared by its close button.
    pub banner: Option<String>,
    /// Claims verification refused in the last run: (source title, claim and reason).
    pub dropped: Vec<(String, Dropped)>,
    pub last_summary: String,
    /// Where answers are cached; `None` turns the cache off.
    pub cache_dir: Option<std::path::PathBuf>,
}

impl LlmPanel {
    /// A panel with the remembered settings.
    pub fn new(settings: LlmPreferences) -> Self {
        Self {
            settings,
            cache_dir: crate::llm::cache::default_cache_dir(),
            ..Self::default()
        }
    }

    /// Whether a run is in progress.
    pub fn is_running(&self) -> bool {
        self.job.is_some()
    }

    /// The full URL that receives the article text.
    pub fn receiving_url(&self) -> String {
        Endpoint::new(self.settings.url.clone(), self.settings.model.clone()).completions_url()
    }

    /// Polls a running job and draws the window when open. Returns the edit of a
    /// finished run (or the built-in re-extraction after a failure).
    pub fn llm_ui(
        &mut self,
        ctx: &egui::Context,
        map: Option<&StanceMap>,
        lexicon: &Lexicon,
    ) -> Vec<AppAction> {
        let actions = self.poll(ctx, map);
        if self.open {
            let mut open = true;
            egui::Window::new("Model extractor")
                .open(&mut open)
                .default_width(460.0)
                .show(ctx, |ui| {
                    self.window_contents_ui(ui, map, lexicon);
                });
            self.open = open;
        }
        actions
    }

    /// The failure banner, one line above the map; call before the central panel.
    pub fn banner_ui(&mut self, ui: &mut egui::Ui) {
        let Some(banner) = self.banner.clone() else {
            return;
        };
        egui::Panel::top("llm_banner").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, "Warning:");
                ui.label(banner);
                if ui.button("Dismiss").clicked() {
                    self.banner = None;
                }
            });
        });
    }

    fn poll(&mut self, ctx: &egui::Context, map: Option<&StanceMap>) -> Vec<AppAction> {
        let Some(job) = &mut self.job else {
            return Vec::new();
        };
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
        let mut finished = None;
        loop {
            match job.receiver.try_recv() {
                Ok(JobMessage::Progress {
                    source,
                    n_sources,
                    chunk,
                }) => {
                    job.progress = format!(
                        "Article {}/{n_sources}: chunk {}/{} ({})",
                        source + 1,
                        chunk.index + 1,
                        chunk.n_chunks,
                        chunk.chunk.describe()
                    );
                }
                Ok(JobMessage::Finished(result)) => {
                    finished = Some(result);
                    break;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    finished = Some(Err("the model extractor stopped unexpectedly".into()));
                    break;
                }
            }
        }
        let Some(result) = finished else {
            return Vec::new();
        };
        self.job = None;
        match result {
            Ok(result) => {
                self.dropped = result.dropped;
                self.last_summary = result.summary;
                self.banner = None;
                let Some(map) = map else {
                    return Vec::new();
                };
                let edits = result
                    .extractions
                    .into_iter()
                    .map(|(source, extraction)| merge_extraction(map, source, extraction))
                    .collect();
                vec![AppAction::Command(Command::Edit(Edit::Batch(edits)))]
            }
            Err(error) => {
                self.banner = Some(format!(
                    "The model extractor failed ({error}); showing the built-in result"
                ));
                self.last_summary = String::new();
                vec![AppAction::Reextract]
            }
        }
    }

    fn window_contents_ui(
        &mut self,
        ui: &mut egui::Ui,
        map: Option<&StanceMap>,
        lexicon: &Lexicon,
    ) {
        ui.horizontal(|ui| {
            ui.label("Extractor");
            for mode in ExtractorMode::ALL {
                let label = match mode {
                    ExtractorMode::Builtin => "Built-in",
                    ExtractorMode::Llm => "Model",
                    ExtractorMode::Both => "Both",
                };
                ui.radio_value(&mut self.settings.mode, mode, label);
            }
        });
        egui::Grid::new("llm_settings_grid")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Endpoint URL");
                ui.text_edit_singleline(&mut self.settings.url)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Model");
                ui.text_edit_singleline(&mut self.settings.model)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Key variable");
                ui.text_edit_singleline(&mut self.settings.key_variable)
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("API key");
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut self.key_input).password(true))
                        .labelled_by(label.id);
                    if ui.button("Store in keyring").clicked() {
                        self.last_summary = match ApiKey::new(std::mem::take(&mut self.key_input)) {
                            Some(key) => match store_in_keyring(&self.settings.url, &key) {
                                Ok(()) => "The key is in the OS keyring".into(),
                                Err(error) => error,
                            },
                            None => "Type a key first".into(),
                        };
                    }
                });
                ui.end_row();
            });
        if !self.settings.mode.uses_model() {
            ui.label("The built-in extractor runs offline; nothing is sent anywhere.");
            return;
        }
        let url = self.receiving_url();
        ui.separator();
        ui.label(format!(
            "The article text of every source in the map will be sent to {url}"
        ));
        let mut agreed = self.consented.as_deref() == Some(url.as_str());
        if ui
            .checkbox(&mut agreed, format!("Send article text to {url}"))
            .changed()
        {
            self.consented = agreed.then(|| url.clone());
        }
        if let Some(job) = &self.job {
            ui.horizontal(|ui| {
                ui.spinner();
                // Before the progress text, so the button does not move as it changes.
                if ui.button("Cancel").clicked() {
                    job.cancel.store(true, Ordering::Relaxed);
                }
                ui.label(job.progress.clone());
            });
            if job.cancel.load(Ordering::Relaxed) {
                self.job = None;
                self.last_summary = "Cancelled; the map is unchanged".into();
            }
        } else {
            let ready = agreed && !self.settings.model.trim().is_empty() && map.is_some();
            if ui
                .add_enabled(ready, egui::Button::new("Extract with the model"))
                .clicked()
                && let Some(map) = map
            {
                self.start(map, lexicon);
            }
        }
        if !self.last_summary.is_empty() {
            ui.label(self.last_summary.clone());
        }
        ui.collapsing(
            format!("Dropped by verification ({})", self.dropped.len()),
            |ui| {
                egui::ScrollArea::vertical()
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for (source, dropped) in &self.dropped {
                            ui.label(format!("{source}: {} — {}", dropped.claim, dropped.reason));
                        }
                    });
            },
        );
    }

    /// Starts a run on every source of `map` in a worker thread.
    pub fn start(&mut self, map: &StanceMap, lexicon: &Lexicon) {
        let sources: Vec<Source> = map.sources().cloned().collect();
        let endpoint = Endpoint::new(self.settings.url.trim(), self.settings.model.trim());
        let key = api_key_for(&self.settings.url, &self.settings.key_variable).map(|(key, _)| key);
        let mode = self.settings.mode;
        let lexicon = lexicon.clone();
        let cache = self.cache_dir.clone().map(AnswerCache::new);
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, receiver) = channel();
        let worker_cancel = cancel.clone();
        std::thread::spawn(move || {
            let mut client = Client::new(endpoint, key, worker_cancel);
            let n_sources = sources.len();
            let mut result = JobResult {
                extractions: Vec::new(),
                dropped: Vec::new(),
                summary: String::new(),
            };
            let (mut claimed, mut kept) = (0, 0);
            for (index, source) in sources.into_iter().enumerate() {
                let parsed = Article::parse(source.text.as_bytes(), ArticleFormat::Text);
                // The source's text is kept verbatim, so spans from re-reading it fit it.
                let article = Article {
                    text: source.text.clone(),
                    ..parsed
                };
                let progress_sender = sender.clone();
                let mut progress = |chunk: ChunkProgress| {
                    let _ = progress_sender.send(JobMessage::Progress {
                        source: index,
                        n_sources,
                        chunk,
                    });
                };
                let outcome = extract_with_mode(
                    mode,
                    &article,
                    &source.id,
                    &lexicon,
                    Some(&mut client),
                    cache.as_ref(),
                    Chunking::default(),
                    &mut progress,
                );
                match outcome {
                    Ok((extraction, run)) => {
                        if let Some(run) = run {
                            claimed += run.n_claimed;
                            kept += run.verified.extraction.positions.len()
                                + run.verified.extraction.relations.len();
                            for dropped in run.verified.dropped {
                                result.dropped.push((source.title.clone(), dropped));
                            }
                        }
                        result.extractions.push((source, extraction));
                    }
                    Err(error) if error.is_cancelled() => return,
                    Err(error) => {
                        let _ = sender.send(JobMessage::Finished(Err(error.to_string())));
                        return;
                    }
                }
            }
            result.summary = format!(
                "The model claimed {claimed} stances; {kept} passed verification, {} were dropped",
                result.dropped.len()
            );
            let _ = sender.send(JobMessage::Finished(Ok(result)));
        });
        self.job = Some(Job {
            receiver,
            cancel,
            progress: "Starting…".into(),
        });
    }
}
