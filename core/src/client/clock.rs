//! Time, injectable: every delay the client takes (retry backoff, `Retry-After`, poll intervals) and every
//! deadline it checks (the wait's timeout) goes through a [`Clock`], so tests swap in a [`ManualClock`] and
//! assert the delays the client asked for instead of measuring wall time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// A boxed future that completes after a delay.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The time source of a [`Client`](super::Client).
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant, for deadlines.
    fn now(&self) -> Instant;
    /// Completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// Real time, on the tokio timer. The default.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// A clock for tests: `sleep` records the delay, moves virtual time forward by it and returns at once
/// (after yielding to the scheduler, so concurrent tasks still interleave).
#[derive(Debug)]
pub struct ManualClock {
    start: Instant,
    state: Mutex<ManualState>,
}

#[derive(Debug, Default)]
struct ManualState {
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl ManualClock {
    pub fn new() -> Arc<Self> {
        Arc::new(ManualClock {
            start: Instant::now(),
            state: Mutex::default(),
        })
    }

    /// Every delay asked for so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    /// The virtual time that has passed: the sum of all delays.
    pub fn elapsed(&self) -> Duration {
        self.state().elapsed
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        // The state stays consistent even if a holder panicked: both updates are single assignments.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.start + self.state().elapsed
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.state();
        state.elapsed += duration;
        state.sleeps.push(duration);
        Box::pin(tokio::task::yield_now())
    }
}
