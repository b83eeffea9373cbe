//! Waiting for a job: poll its status until it is final, at the pace the gateway asks for, within an overall
//! timeout, reporting each state and stopping when the caller cancels.

use super::Client;
use super::error::Error;
use super::job::{Job, JobStatus};
use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How long [`Client::wait`] waits unless told otherwise.
pub const DEFAULT_WAIT_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// First poll interval when neither the gateway nor the request gives one.
const DEFAULT_POLL_START: Duration = Duration::from_secs(2);
/// Growth of the default interval per poll.
const DEFAULT_POLL_GROWTH: f64 = 1.5;
/// The default interval never grows past this.
const DEFAULT_POLL_CAP: Duration = Duration::from_secs(20);

/// Called with each state the wait observes.
pub type ProgressCallback = Arc<dyn Fn(&Job) + Send + Sync>;

/// Options of [`Client::wait`].
#[derive(Clone, Default)]
pub struct WaitOptions {
    /// The overall limit, from the start of the wait. Default: 15 minutes.
    pub timeout: Option<Duration>,
    /// Called after every status call with the job as the gateway reported it.
    pub on_progress: Option<ProgressCallback>,
    /// Cancelling it ends the wait with [`Error::Cancelled`], also in the middle of a status call.
    pub cancel: Option<CancellationToken>,
}

impl fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WaitOptions")
            .field("timeout", &self.timeout)
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "Fn(&Job)"),
            )
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl Client {
    /// Polls the job until it is final and returns it.
    ///
    /// The delay before each poll is the gateway's `poll_after_seconds`, else the creating request's
    /// `poll_interval_seconds`, else 2 s growing ×1.5 per poll up to 20 s. The timeout is checked between
    /// polls (a status call in flight at the deadline finishes first; its own timeouts bound it), and one
    /// last poll is made at the deadline.
    ///
    /// Errors: [`Error::JobFailed`] when the job fails, [`Error::Timeout`], [`Error::Cancelled`], or the
    /// error of a status call whose retries were spent.
    pub async fn wait(&self, job: &Job, options: WaitOptions) -> Result<Job, Error> {
        let clock = self.inner.clock.as_ref();
        let timeout = options.timeout.unwrap_or(DEFAULT_WAIT_TIMEOUT);
        let deadline = clock.now() + timeout;
        let mut schedule = PollSchedule::new(job.poll_interval_seconds);
        let mut current = job.clone();
        while !current.status.is_final() {
            let now = clock.now();
            if now >= deadline {
                return Err(Error::Timeout {
                    after: timeout,
                    job: Box::new(current),
                });
            }
            let delay = schedule
                .next_delay(current.poll_after_seconds)
                .min(deadline - now);
            if !delay.is_zero() {
                cancellable(options.cancel.as_ref(), clock.sleep(delay)).await?;
            }
            let mut polled = cancellable(
                options.cancel.as_ref(),
                self.status(&current.operation, &current.model),
            )
            .await??;
            polled.poll_interval_seconds = current.poll_interval_seconds;
            current = polled;
            if let Some(on_progress) = &options.on_progress {
                on_progress(&current);
            }
        }
        finished(current)
    }
}

/// A final job as the caller's result: itself when it succeeded, [`Error::JobFailed`] when not.
fn finished(job: Job) -> Result<Job, Error> {
    match job.status {
        JobStatus::Failed => Err(job_failed(job)),
        _ => Ok(job),
    }
}

pub(crate) fn job_failed(job: Job) -> Error {
    let message = job
        .error
        .clone()
        .unwrap_or_else(|| "the gateway gave no reason".to_owned());
    Error::JobFailed {
        message,
        job: Box::new(job),
    }
}

/// Runs `future` unless `cancel` fires first.
async fn cancellable<F: Future>(
    cancel: Option<&CancellationToken>,
    future: F,
) -> Result<F::Output, Error> {
    match cancel {
        None => Ok(future.await),
        Some(cancel) => tokio::select! {
            biased;
            () = cancel.cancelled() => Err(Error::Cancelled),
            output = future => Ok(output),
        },
    }
}

/// The delays between polls of one wait.
#[derive(Debug)]
struct PollSchedule {
    /// The creating request's `poll_interval_seconds`.
    request_interval: Option<Duration>,
    /// The next default delay, grown each time it is used.
    next_default: Duration,
}

impl PollSchedule {
    fn new(request_interval_seconds: Option<f64>) -> Self {
        PollSchedule {
            request_interval: request_interval_seconds.and_then(seconds),
            next_default: DEFAULT_POLL_START,
        }
    }

    fn next_delay(&mut self, server_hint_seconds: Option<f64>) -> Duration {
        if let Some(delay) = server_hint_seconds
            .and_then(seconds)
            .or(self.request_interval)
        {
            return delay;
        }
        let delay = self.next_default;
        self.next_default = delay.mul_f64(DEFAULT_POLL_GROWTH).min(DEFAULT_POLL_CAP);
        delay
    }
}

/// A duration from a JSON number of seconds; negative, non-finite or absurd values count as absent.
fn seconds(value: f64) -> Option<Duration> {
    Duration::try_from_secs_f64(value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_interval_grows_to_twenty_seconds() {
        let mut schedule = PollSchedule::new(None);
        let delays: Vec<f64> = (0..9)
            .map(|_| schedule.next_delay(None).as_secs_f64())
            .collect();
        assert_eq!(
            delays,
            [2.0, 3.0, 4.5, 6.75, 10.125, 15.1875, 20.0, 20.0, 20.0]
        );
    }

    #[test]
    fn the_server_hint_wins_then_the_request_interval() {
        let mut schedule = PollSchedule::new(Some(4.0));
        assert_eq!(schedule.next_delay(Some(0.5)), Duration::from_millis(500));
        assert_eq!(schedule.next_delay(None), Duration::from_secs(4));
        assert_eq!(schedule.next_delay(Some(f64::NAN)), Duration::from_secs(4));
        assert_eq!(schedule.next_delay(Some(-1.0)), Duration::from_secs(4));
        assert_eq!(
            PollSchedule::new(None).next_delay(Some(0.0)),
            Duration::ZERO
        );
    }
}
