//! Waiting for a job from the command line: a spinner on standard error that says how the job is doing
//! (and when the gateway cannot be reached), Ctrl-C that stops the wait rather than the job, and the end of
//! `create --wait` and `wait`: the final job as JSON, or its downloaded videos.

use super::download::{DownloadLimitArgs, save};
use super::resume::Resume;
use super::support::{failure, print_json};
use crate::Outcome;
use indicatif::{ProgressBar, ProgressStyle};
use omixa::client::{Client, Error, Job, JobHandle, WaitOptions, WaitProgress};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Ctrl-C during a job command. The first one cancels the wait (the job keeps running, and the command
/// says how to resume it); once the wait is over, or at the second one, the process ends with exit code 130.
#[derive(Debug)]
pub struct Interrupt {
    waiting: CancellationToken,
    /// Printed before exiting on a Ctrl-C after the wait (e.g. during a download).
    resume_on_exit: Arc<Mutex<Option<String>>>,
}

impl Interrupt {
    /// Takes Ctrl-C over from now on. The handler is installed before this returns, so a Ctrl-C right
    /// after it (say, as soon as `created` is printed) is never the default exit that names no job.
    pub fn listen() -> miette::Result<Interrupt> {
        let mut interrupts = ctrl_c_signals().map_err(|error| {
            miette::miette!(code = "omixa::runtime", "cannot listen for Ctrl-C: {error}")
        })?;
        let waiting = CancellationToken::new();
        let resume_on_exit = Arc::new(Mutex::new(None::<String>));
        let (cancel, resume) = (waiting.clone(), Arc::clone(&resume_on_exit));
        tokio::spawn(async move {
            while interrupts.recv().await.is_some() {
                if cancel.is_cancelled() {
                    let resume = resume.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(command) = resume.as_deref() {
                        eprintln!("\ninterrupted; resume it with:\n  {command}");
                    }
                    std::process::exit(130);
                }
                cancel.cancel();
            }
        });
        Ok(Interrupt {
            waiting,
            resume_on_exit,
        })
    }

    /// Completes at the first Ctrl-C.
    pub async fn interrupted(&self) {
        self.waiting.cancelled().await;
    }

    /// Waits for `job` with a spinner on standard error until it is final, `timeout` (default 15 minutes)
    /// passes, or Ctrl-C. After the wait, a Ctrl-C ends the process, printing what `resume_after` makes of
    /// the finished job first.
    pub async fn wait(
        &self,
        client: &Client,
        job: &Job,
        timeout: Option<Duration>,
        resume_after: impl FnOnce(&Job) -> Option<String>,
    ) -> Result<Job, Error> {
        let waited = wait_with_progress(client, job, timeout, &self.waiting).await;
        let resume = waited.as_ref().ok().and_then(resume_after);
        *self
            .resume_on_exit
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = resume;
        self.waiting.cancel();
        waited
    }
}

#[cfg(unix)]
fn ctrl_c_signals() -> std::io::Result<tokio::signal::unix::Signal> {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
}

#[cfg(windows)]
fn ctrl_c_signals() -> std::io::Result<tokio::signal::windows::CtrlC> {
    tokio::signal::windows::ctrl_c()
}

/// Waits for `job` with a spinner, then prints it as JSON, or with `out` downloads its videos within
/// `limits` and prints their paths. A failure is reported with the command that resumes the job.
pub async fn wait_and_deliver(
    client: &Client,
    job: &Job,
    timeout: Duration,
    out: Option<&Path>,
    limits: &DownloadLimitArgs,
    interrupt: &Interrupt,
    resume: &Resume,
) -> miette::Result<Outcome> {
    // A Ctrl-C during the download ends the process; the same command downloads again.
    let waited = interrupt
        .wait(client, job, Some(timeout), |job| {
            out.and_then(|_| resume.command(&JobHandle::of(job)))
        })
        .await;
    let job = match waited {
        Ok(job) => job,
        Err(error) => return failure(error, Some(resume)),
    };
    let Some(directory) = out else {
        print_json(&job)?;
        return Ok(Outcome::Success);
    };
    save(client, &job, directory, limits, resume).await
}

/// Waits for `job` with a spinner on standard error (hidden when it is not a terminal) until it is final,
/// `timeout` passes or `cancel` fires.
async fn wait_with_progress(
    client: &Client,
    job: &Job,
    timeout: Option<Duration>,
    cancel: &CancellationToken,
) -> Result<Job, Error> {
    let bar = ProgressBar::new_spinner()
        .with_message(format!("{} {}", job.record.operation, job.record.status));
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    let polls = AtomicU32::new(0);
    let progress_bar = bar.clone();
    let on_progress = Arc::new(move |progress: &WaitProgress<'_>| {
        let poll = polls.fetch_add(1, Ordering::Relaxed) + 1;
        progress_bar.set_message(describe(progress, poll));
    });
    let options = WaitOptions {
        timeout,
        on_progress: Some(on_progress),
        cancel: Some(cancel.clone()),
    };
    let result = client.wait(job, options).await;
    bar.finish_and_clear();
    result
}

/// The spinner's message after poll number `poll`.
fn describe(progress: &WaitProgress<'_>, poll: u32) -> String {
    let job = progress.job;
    match progress.last_error {
        Some(error) if progress.poll_failures > 0 => {
            let failures = progress.poll_failures;
            format!(
                "{} {}: {}, retrying ({failures} failed poll{})",
                job.record.operation,
                job.record.status,
                trouble(error),
                if failures == 1 { "" } else { "s" }
            )
        }
        _ => format!(
            "{} {} (poll {poll})",
            job.record.operation, job.record.status
        ),
    }
}

/// What went wrong with a poll, in the words of someone watching a spinner.
fn trouble(error: &Error) -> &'static str {
    match error.root() {
        Error::Connection { .. } => "gateway unreachable",
        Error::RateLimit { .. } => "rate limited",
        Error::InvalidResponse { .. } => "garbled answer from the gateway",
        _ => "gateway error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spinner_says_when_polls_fail() {
        let job = Job::pending("op_1", "");
        let unreachable = Error::Connection {
            message: "refused".into(),
            sent: false,
            source: None,
        };
        let failing = WaitProgress {
            job: &job,
            poll_failures: 3,
            last_error: Some(&unreachable),
        };
        assert_eq!(
            describe(&failing, 7),
            "op_1 running: gateway unreachable, retrying (3 failed polls)"
        );
        let fine = WaitProgress {
            job: &job,
            poll_failures: 0,
            last_error: None,
        };
        assert_eq!(describe(&fine, 8), "op_1 running (poll 8)");
    }
}
