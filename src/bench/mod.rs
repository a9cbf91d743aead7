//! `stancemap bench`: one run that measures what issue 12 sets targets for, on
//! deterministic synthetic inputs, and prints one table (or JSON) of medians and of
//! ratios taken in the same run, so a noisy shared machine still gives comparable
//! numbers.
//!
//! Measured: the canvas frame (a headless egui pass plus tessellation at 1920×1080,
//! `gui` feature) next to a bare batched mesh; times are this thread's CPU time
//! (so other processes' load does not count), except the parallel extraction (wall); force layout to rest; save and load;
//! peak heap (the counting allocator `main` installs) and RSS; extraction MB/s next
//! to the bare Aho–Corasick alias scan. This is a shell module: it reads the clock
//! and writes temporary map files.

#[cfg(feature = "gui")]
pub mod frame;
pub mod synthetic;

use std::time::{Duration, Instant};

use serde::Serialize;

use crate::article::{Article, ArticleFormat};
use crate::extract::{Lexicon, extract};
use crate::layout::{Anchoring, ForceLayout, LayoutGraph, LayoutGraphKind, iterations_for};
use crate::stance_map::SourceId;
use synthetic::{MapSize, news_corpus, synthetic_map};

/// What to run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BenchOptions {
    /// Only the 1k/5k map and a smaller corpus: a smoke run of a few seconds.
    pub quick: bool,
    /// Skip the extraction rows (the corpus takes most of a full run).
    pub maps_only: bool,
}

/// One line of the table: a median (or a ratio) with its target when there is one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub metric: String,
    /// Which input: `1k/5k`, `10k/100k`, or the corpus size.
    pub input: String,
    pub value: f64,
    /// `ms`, `MB`, `MB/s` or `x` (a ratio).
    pub unit: String,
    /// How many timed runs the median is over (1 for single measurements).
    pub samples: usize,
    /// The bound: at most this (for `MB/s`, at least).
    pub target: Option<f64>,
    pub met: Option<bool>,
}

/// Everything one `stancemap bench` run measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub rows: Vec<Row>,
    /// Threads in rayon's pool (the parallel extraction row uses them all).
    pub threads: usize,
    pub notes: Vec<String>,
}

impl Report {
    fn push(&mut self, metric: &str, input: &str, value: f64, unit: &str, samples: usize) {
        self.rows.push(Row {
            metric: metric.to_owned(),
            input: input.to_owned(),
            value,
            unit: unit.to_owned(),
            samples,
            target: None,
            met: None,
        });
    }

    /// Like `push`, with an upper bound the value should stay under.
    fn push_target(
        &mut self,
        metric: &str,
        input: &str,
        value: f64,
        unit: &str,
        samples: usize,
        target: f64,
    ) {
        self.push(metric, input, value, unit, samples);
        if let Some(row) = self.rows.last_mut() {
            row.target = Some(target);
            row.met = Some(value <= target);
        }
    }

    /// The report as indented JSON.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }

    /// The report as a plain-text table, one row per measurement.
    pub fn to_table(&self) -> String {
        let mut text = format!(
            "{:<44} {:>10} {:>12} {:>6} {:>12}  {}\n",
            "metric", "input", "median", "runs", "target", "met"
        );
        for row in &self.rows {
            let target = row
                .target
                .map(|t| format!("<= {} {}", trim(t), row.unit))
                .unwrap_or_default();
            let met = match row.met {
                Some(true) => "yes",
                Some(false) => "NO",
                None => "",
            };
            text.push_str(&format!(
                "{:<44} {:>10} {:>9} {:<2} {:>6} {:>12}  {}\n",
                row.metric,
                row.input,
                trim(row.value),
                row.unit,
                row.samples,
                target,
                met
            ));
        }
        text.push_str(&format!("rayon threads: {}\n", self.threads));
        for note in &self.notes {
            text.push_str(&format!("note: {note}\n"));
        }
        text
    }
}

fn trim(value: f64) -> String {
    if value >= 100.0 {
        format!("{value:.0}")
    } else if value >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.2}")
    }
}

/// The median of `times` in milliseconds (0 for none).
pub fn median_ms(times: &[Duration]) -> f64 {
    let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    match ms.len() {
        0 => 0.0,
        n if n % 2 == 1 => ms.get(n / 2).copied().unwrap_or(0.0),
        n => {
            (ms.get(n / 2 - 1).copied().unwrap_or(0.0) + ms.get(n / 2).copied().unwrap_or(0.0))
                / 2.0
        }
    }
}

/// Runs `f` once and returns its value and the CPU time of this thread it took, so
/// other processes on a shared machine do not count; wall time where the platform
/// has no thread clock.
pub fn timed<T>(f: impl FnOnce() -> T) -> (Duration, T) {
    match cpu_time::ThreadTime::try_now() {
        Ok(start) => {
            let value = f();
            (start.try_elapsed().unwrap_or_default(), value)
        }
        Err(_) => {
            let start = Instant::now();
            let value = f();
            (start.elapsed(), value)
        }
    }
}

/// `runs` thread-CPU timings of `f` (see [`timed`]) and its last value.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Vec<Duration>, Option<T>) {
    let mut times = Vec::with_capacity(runs);
    let mut last = None;
    for _ in 0..runs {
        let (elapsed, value) = timed(&mut f);
        times.push(elapsed);
        last = Some(std::hint::black_box(value));
    }
    (times, last)
}

/// `runs` wall-clock timings of `f`, for work spread over several threads.
fn time_wall<T>(runs: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect()
}

/// Runs the whole benchmark; takes about two minutes on a busy 2-core machine
/// (`quick`: a few seconds).
pub fn run(options: &BenchOptions) -> Report {
    let mut report = Report {
        rows: Vec::new(),
        threads: rayon::current_num_threads(),
        notes: Vec::new(),
    };
    if !options.maps_only {
        extraction(&mut report, options);
    }
    let sizes: &[(MapSize, f64)] = if options.quick {
        &[(MapSize::SMALL, 0.5)]
    } else {
        &[(MapSize::SMALL, 0.5), (MapSize::LARGE, 4.0)]
    };
    for &(size, frame_target) in sizes {
        map_size(&mut report, size, frame_target);
    }
    report.notes.push(
        "medians from one run; on a shared machine absolute times are noisy, ratios within the run less so"
            .into(),
    );
    if heap::current() == 0 {
        report
            .notes
            .push("heap counting is off (the counting allocator is installed only by the stancemap binary)".into());
    }
    report
}

fn extraction(report: &mut Report, options: &BenchOptions) {
    let lexicon = Lexicon::bundled();
    let target_bytes = if options.quick { 256 << 10 } else { 4 << 20 };
    let corpus = news_corpus(&lexicon, target_bytes);
    let bytes: usize = corpus.iter().map(String::len).sum();
    let megabytes = bytes as f64 / 1e6;
    let input = format!("{:.1} MB", megabytes);
    let source = SourceId::new("s1");
    let (times, _) = time(3, || {
        corpus
            .iter()
            .map(|text| {
                let article = Article::parse(text.as_bytes(), ArticleFormat::Text);
                extract(&article, &source, &lexicon).positions.len()
            })
            .sum::<usize>()
    });
    let single = megabytes / (median_ms(&times) / 1e3);
    report.push("extraction, 1 thread", &input, single, "MB/s", times.len());
    let times = time_wall(3, || {
        let jobs = corpus
            .iter()
            .enumerate()
            .map(|(i, text)| crate::batch::Job::Text {
                id: format!("doc{i}"),
                text: text.clone(),
                date: None,
            });
        let mut n = 0usize;
        let _ = crate::batch::extract_jsonl(jobs, &lexicon, |result| -> Result<(), ()> {
            n += result.line.map_or(0, |line| line.len());
            Ok(())
        });
        n
    });
    let parallel = megabytes / (median_ms(&times) / 1e3);
    report.push(
        "extraction to jsonl, all threads (wall)",
        &input,
        parallel,
        "MB/s",
        times.len(),
    );
    let (times, _) = time(5, || {
        corpus
            .iter()
            .map(|text| lexicon.alias_scan_count(text))
            .sum::<usize>()
    });
    let scan = megabytes / (median_ms(&times) / 1e3);
    report.push(
        "bare Aho-Corasick alias scan",
        &input,
        scan,
        "MB/s",
        times.len(),
    );
    report.push(
        "ratio: alias scan / extraction (1 thread)",
        &input,
        scan / single,
        "x",
        1,
    );
}

fn map_size(report: &mut Report, size: MapSize, frame_target: f64) {
    let name = size.name();
    let large = size.n_actors >= 10_000;
    let dir = std::env::temp_dir().join(format!("stancemap-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("synthetic.stancemap.ron");

    let map = synthetic_map(size, true);
    let runs = if large { 3 } else { 5 };
    let (times, _) = time(runs, || crate::storage::save_map(&path, &map).is_ok());
    report.push_target(
        "save (RON, atomic)",
        &name,
        median_ms(&times),
        "ms",
        runs,
        300.0,
    );
    let file_megabytes = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6);
    report.push("map file size", &name, file_megabytes, "MB", 1);
    drop(map);

    heap::reset_peak();
    let before = heap::current();
    let (times, loaded) = time(runs, || crate::storage::load_map(&path).ok());
    report.push_target(
        "load (RON, checked)",
        &name,
        median_ms(&times),
        "ms",
        runs,
        300.0,
    );
    let Some(Some(map)) = loaded else {
        report
            .notes
            .push(format!("the {name} map did not load back"));
        return;
    };
    let map_heap = heap::current().saturating_sub(before);

    #[cfg(feature = "gui")]
    {
        let n_frames = if large { 15 } else { 40 };
        let canvas = frame::canvas_frames(&map, n_frames, false);
        let zooming = frame::canvas_frames(&map, n_frames, true);
        let bare = frame::bare_mesh_frames(&map, n_frames);
        let (canvas, zooming, bare) = (median_ms(&canvas), median_ms(&zooming), median_ms(&bare));
        report.push_target(
            "canvas frame (egui pass + tessellate)",
            &name,
            canvas,
            "ms",
            n_frames,
            frame_target,
        );
        report.push(
            "canvas frame while zooming (picture rebuilt)",
            &name,
            zooming,
            "ms",
            n_frames,
        );
        report.push("bare batched mesh frame", &name, bare, "ms", n_frames);
        report.push_target(
            "ratio: canvas / bare mesh",
            &name,
            canvas / bare.max(1e-6),
            "x",
            1,
            2.5,
        );
    }
    #[cfg(not(feature = "gui"))]
    let _ = frame_target;

    if heap::current() > 0 {
        let peak = heap::peak().saturating_sub(before) as f64 / 1e6;
        report.push(
            "map in memory (heap)",
            &name,
            map_heap as f64 / 1e6,
            "MB",
            1,
        );
        if large {
            report.push_target("peak heap: load + frames", &name, peak, "MB", 1, 150.0);
        } else {
            report.push("peak heap: load + frames", &name, peak, "MB", 1);
        }
    }

    let graph = LayoutGraph::from_map(&map, &LayoutGraphKind::Positions);
    let iterations = iterations_for(graph.nodes.len());
    let layout_runs = if large { 1 } else { 3 };
    // Wall time: the force pass runs on rayon's threads, and "to rest" is what the
    // user waits for.
    let mut forces = Vec::new();
    let mut spread = Vec::new();
    let times = time_wall(layout_runs, || {
        let mut run =
            ForceLayout::from_graph(graph.clone(), iterations, Anchoring::PinnedOnly, |_| None);
        let start = Instant::now();
        while run.progress() < (iterations as f32) / (iterations + 1) as f32 {
            run.step();
        }
        forces.push(start.elapsed());
        let start = Instant::now();
        run.finish();
        spread.push(start.elapsed());
        run.n_nodes()
    });
    let target = if large { 1000.0 } else { 300.0 };
    report.push_target(
        "force layout to rest, from scratch (wall)",
        &name,
        median_ms(&times),
        "ms",
        layout_runs,
        target,
    );
    report.push(
        "  of which force iterations (wall)",
        &name,
        median_ms(&forces),
        "ms",
        layout_runs,
    );
    report.push(
        "  of which overlap removal (wall)",
        &name,
        median_ms(&spread),
        "ms",
        layout_runs,
    );
    drop(map);
    let _ = std::fs::remove_dir_all(&dir);
    if let Some((rss, peak_rss)) = rss_megabytes() {
        report.push("RSS now", &name, rss, "MB", 1);
        report.push("RSS high-water mark", &name, peak_rss, "MB", 1);
    }
}

/// The process's resident set size and its high-water mark, from /proc (Linux).
fn rss_megabytes() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|line| line.starts_with(name))?;
        let kilobytes: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kilobytes / 1e3)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// Heap counters of the `peak_alloc` allocator; all zero unless a binary installs it
/// as its global allocator (the `stancemap` binary does).
pub mod heap {
    use peak_alloc::PeakAlloc;

    /// Bytes allocated now.
    pub fn current() -> usize {
        PeakAlloc.current_usage()
    }

    /// Most bytes allocated at once since the last [`reset_peak`].
    pub fn peak() -> usize {
        PeakAlloc.peak_usage()
    }

    pub fn reset_peak() {
        PeakAlloc.reset_peak_usage();
    }
}
