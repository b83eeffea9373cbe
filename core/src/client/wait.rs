//! Waiting for a job: poll its status until it is final, at the pace the gateway asks for, within an overall
//! timeout, reporting each poll and stopping when the caller cancels.
//!
//! A poll that fails for a transient reason (see [`Error::is_retryable`]) is a missed poll, not the end of
//! the wait: the job keeps running on the gateway whether or not this client can see it, so giving up would
//! only lose a job the caller is paying for.

use super::Client;
use super::clock::Clock;
use super::error::{Error, JobHandle};
use super::job::{Job, JobStatus};
use super::retry::backoff;
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
/// The default interval, and the backoff after failed polls, never grow past this.
const DEFAULT_POLL_CAP: Duration = Duration::from_secs(20);

/// Called after every poll of a wait, whether it succeeded or failed.
pub type ProgressCallback = Arc<dyn Fn(&WaitProgress<'_>) + Send + Sync>;

/// What a wait knows after one poll.
#[derive(Debug, Clone, Copy)]
pub struct WaitProgress<'a> {
    /// The job's last known state.
    pub job: &'a Job,
    /// Failed polls in a row (0 after a successful one).
    pub poll_failures: u32,
    /// Why the last poll failed, when it did.
    pub last_error: Option<&'a Error>,
}

/// Options of [`Client::wait`].
#[derive(Clone, Default)]
pub struct WaitOptions {
    /// The overall limit, from the start of the wait. Default: 15 minutes.
    pub timeout: Option<Duration>,
    /// Called after every poll (see [`WaitProgress`]).
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
                &self.on_progress.as_ref().map(|_| "Fn(&WaitProgress)"),
            )
            .field("cancel", &self.cancel)
            .finish()
    }
}

impl Client {
    /// Polls the job until it is final and returns it.
    ///
    /// The delay before each poll is the gateway's `poll_after_seconds`, else the poll interval the creating
    /// request asked for ([`Job::poll_interval_seconds`]), else 2 s growing ×1.5 per poll up to 20 s. A poll that fails with a retryable
    /// error (after the status call's own retries) is reported to `on_progress` and tried again after the
    /// error's `Retry-After`, else a backoff growing with the failures in a row (at most 20 s). The timeout
    /// is checked between polls (a status call in flight at the deadline finishes first; its own timeouts
    /// bound it), no delay runs past it, and one last poll is made at the deadline.
    ///
    /// Errors: [`Error::JobFailed`] when the job fails, [`Error::Timeout`] with the last known state, and,
    /// wrapped in [`Error::WithJob`] so the job can be found again: [`Error::Cancelled`], or the error of a
    /// poll that cannot succeed by trying again (401, 404 unknown operation, 400...).
    pub async fn wait(&self, job: &Job, options: WaitOptions) -> Result<Job, Error> {
        let client = self;
        wait_with(
            self.inner.clock.as_ref(),
            job,
            &options,
            |operation, model| async move { client.status(&operation, &model).await },
        )
        .await
    }
}

/// The wait of [`Client::wait`], polling with `poll(operation, model)`.
async fn wait_with<F, Fut>(
    clock: &dyn Clock,
    job: &Job,
    options: &WaitOptions,
    poll: F,
) -> Result<Job, Error>
where
    F: FnMut(String, String) -> Fut,
    Fut: Future<Output = Result<Job, Error>>,
{
    poll_until_final(clock, job, options, poll)
        .await
        .map_err(|error| error.with_job(|| JobHandle::of(job)))
}

async fn poll_until_final<F, Fut>(
    clock: &dyn Clock,
    job: &Job,
    options: &WaitOptions,
    mut poll: F,
) -> Result<Job, Error>
where
    F: FnMut(String, String) -> Fut,
    Fut: Future<Output = Result<Job, Error>>,
{
    let timeout = options.timeout.unwrap_or(DEFAULT_WAIT_TIMEOUT);
    let deadline = clock.now() + timeout;
    let mut schedule = PollSchedule::new(job.poll_interval_seconds);
    let mut current = job.clone();
    let mut poll_failures = 0;
    let mut last_error: Option<Error> = None;
    while !current.record.status.is_final() {
        let now = clock.now();
        if now >= deadline {
            return Err(Error::Timeout {
                after: timeout,
                job: Box::new(current),
            });
        }
        let delay = match &last_error {
            None => schedule.next_delay(current.record.poll_after_seconds),
            Some(error) => delay_after_failure(error, poll_failures),
        }
        .min(deadline - now);
        if !delay.is_zero() {
            cancellable(options.cancel.as_ref(), clock.sleep(delay)).await?;
        }
        let polled = poll(
            current.record.operation.clone(),
            current.record.model.clone(),
        );
        match cancellable(options.cancel.as_ref(), polled).await? {
            Ok(polled) => {
                // The gateway's new record; the SDK's own state about the job is kept.
                current.record = polled.record;
                poll_failures = 0;
                last_error = None;
            }
            Err(error) if error.is_retryable() => {
                poll_failures += 1;
                tracing::debug!(
                    operation = %current.record.operation,
                    kind = error.kind(),
                    poll_failures,
                    "poll failed; the wait goes on"
                );
                last_error = Some(error);
            }
            Err(error) => return Err(error),
        }
        if let Some(on_progress) = &options.on_progress {
            on_progress(&WaitProgress {
                job: &current,
                poll_failures,
                last_error: last_error.as_ref(),
            });
        }
    }
    finished(current)
}

/// The delay after `failures` failed polls in a row, the last with `error`: what the server asked for, else
/// the retry backoff, at most the longest poll interval.
fn delay_after_failure(error: &Error, failures: u32) -> Duration {
    error
        .retry_after()
        .unwrap_or_else(|| backoff(failures, rand::random::<f64>()).min(DEFAULT_POLL_CAP))
}

/// A final job as the caller's result: itself when it succeeded, [`Error::JobFailed`] when not.
fn finished(job: Job) -> Result<Job, Error> {
    match job.record.status {
        JobStatus::Failed => Err(job_failed(job)),
        _ => Ok(job),
    }
}

pub(crate) fn job_failed(job: Job) -> Error {
    let message = job
        .record
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

/// The delays between successful polls of one wait.
#[derive(Debug)]
struct PollSchedule {
    /// The poll interval the creating request asked for.
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
#[path = "wait_tests.rs"]
mod tests;
