//! A force layout in progress for the canvas: small graphs step on the UI thread
//! within a frame budget; big ones run to rest on their own thread, so the UI stays
//! responsive, shows progress, and repaints only to poll while the run lasts.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::layout::ForceLayout;
use crate::stance_map::NodeRef;

/// Positions a finished run computed, in layout units.
pub type Positions = BTreeMap<NodeRef, (f32, f32)>;

/// Above this much estimated work ([`ForceLayout::step_cost`] units over the whole
/// run) a layout leaves the UI thread.
pub const BACKGROUND_MIN_COST: usize = 4_000_000;

pub enum LayoutRun {
    /// Stepped by the canvas a frame budget at a time.
    Inline(ForceLayout),
    /// Running on its own thread.
    Background(BackgroundLayout),
}

/// What polling a background run found.
pub enum Poll {
    Running,
    Done(Positions),
    /// The thread ended without an answer; positions stay as they were.
    Lost,
}

/// A layout thread, its progress and its answer. Dropping it asks the thread to stop.
pub struct BackgroundLayout {
    /// Progress in thousandths (`0..=1000`).
    progress: Arc<AtomicU32>,
    cancel: Arc<AtomicBool>,
    result: Receiver<Positions>,
}

impl LayoutRun {
    /// Total work of `run` to rest, in [`ForceLayout::step_cost`] units.
    pub fn estimated_cost(run: &ForceLayout) -> usize {
        run.step_cost().saturating_mul(run.steps_left())
    }

    /// How far the run is, `0.0..=1.0`.
    pub fn progress(&self) -> f32 {
        match self {
            LayoutRun::Inline(run) => run.progress(),
            LayoutRun::Background(job) => job.progress.load(Ordering::Relaxed) as f32 / 1000.0,
        }
    }
}

impl BackgroundLayout {
    /// Starts `run` on a new thread; `None` when the system refuses a thread.
    pub fn spawn(mut run: ForceLayout) -> Option<Self> {
        let progress = Arc::new(AtomicU32::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, result) = mpsc::channel();
        let (thread_progress, thread_cancel) = (progress.clone(), cancel.clone());
        std::thread::Builder::new()
            .name("stancemap-layout".into())
            .spawn(move || {
                while run.step() {
                    if thread_cancel.load(Ordering::Relaxed) {
                        return;
                    }
                    let thousandths = (run.progress() * 1000.0) as u32;
                    thread_progress.store(thousandths.min(1000), Ordering::Relaxed);
                }
                thread_progress.store(1000, Ordering::Relaxed);
                // The canvas may have moved on and dropped the receiver: nothing to do.
                let _ = sender.send(run.positions());
            })
            .ok()?;
        Some(Self {
            progress,
            cancel,
            result,
        })
    }

    pub fn poll(&self) -> Poll {
        match self.result.try_recv() {
            Ok(positions) => Poll::Done(positions),
            Err(TryRecvError::Empty) => Poll::Running,
            Err(TryRecvError::Disconnected) => Poll::Lost,
        }
    }
}

impl Drop for BackgroundLayout {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
