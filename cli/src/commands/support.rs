//! What the job commands share: the client from the environment, waiting with a progress bar and Ctrl-C,
//! and how a client error becomes an exit code and a diagnostic (never a `Debug` dump).

use crate::Outcome;
use indicatif::{ProgressBar, ProgressStyle};
use miette::{Diagnostic, MietteDiagnostic, Report};
use omixa::client::{Client, Error, Job, WaitOptions};
use omixa::{Issue, ValidationError};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Waits for `job` with a spinner on standard error (hidden when it is not a terminal). Ctrl-C cancels the
/// wait, not the job; after the wait, Ctrl-C ends the process with exit code 130.
pub async fn wait_with_progress(
    client: &Client,
    job: &Job,
    timeout: Option<Duration>,
) -> Result<Job, Error> {
    let bar = ProgressBar::new_spinner().with_message(format!("{} {}", job.operation, job.status));
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{elapsed}]") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    let polls = std::sync::atomic::AtomicU32::new(0);
    let progress_bar = bar.clone();
    let on_progress = Arc::new(move |job: &Job| {
        let poll = polls.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        progress_bar.set_message(format!("{} {} (poll {poll})", job.operation, job.status));
    });
    let cancel = CancellationToken::new();
    // Once tokio listens for Ctrl-C the default (exit) is gone for good, so the listener restores it: the
    // first Ctrl-C during the wait cancels the wait, any later one exits at once with 130.
    let waiting = cancel.clone();
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if waiting.is_cancelled() {
                std::process::exit(130);
            }
            waiting.cancel();
        }
    });
    let options = WaitOptions {
        timeout,
        on_progress: Some(on_progress),
        cancel: Some(cancel.clone()),
    };
    let result = client.wait(job, options).await;
    cancel.cancel();
    bar.finish_and_clear();
    result
}

/// The end of a command that failed with `error`: an invalid request or a failed job is exit code 1 (its
/// reasons on standard error), anything else an error report (exit code 2).
pub fn failure(error: Error) -> miette::Result<Outcome> {
    match error {
        Error::Validation(error) => {
            eprintln!("{:?}", invalid_request(error));
            Ok(Outcome::Rejected)
        }
        Error::JobFailed { .. } => {
            eprintln!("{:?}", report(error));
            Ok(Outcome::Rejected)
        }
        other => Err(report(other)),
    }
}

/// A diagnostic for a client error: its message, the stable kind as the code, and a hint where one helps.
pub fn report(error: Error) -> Report {
    let hint = match &error {
        Error::Authentication { .. } => Some("check OMIXA_API_KEY: the gateway rejected it"),
        Error::Connection { .. } => {
            Some("check OMIXA_BASE_URL and the network; `omixa serve` runs a local emulator")
        }
        Error::Timeout { .. } => {
            Some("the job may still finish: check it later with `omixa status <operation>`")
        }
        Error::Cancelled => Some("the job keeps running: check it with `omixa status <operation>`"),
        Error::NotReady { .. } => {
            Some("wait until it has succeeded, e.g. `omixa status <operation>`")
        }
        Error::Download { .. } => Some(
            "--max-bytes, --stall-timeout, --download-timeout and --max-outputs set the download's limits",
        ),
        _ => None,
    };
    let help = match (hint, error.request_id()) {
        (Some(hint), Some(request_id)) => Some(format!("{hint} (request id {request_id})")),
        (None, Some(request_id)) => Some(format!("request id {request_id}")),
        (hint, None) => hint.map(str::to_owned),
    };
    let mut diagnostic =
        MietteDiagnostic::new(error.to_string()).with_code(format!("omixa::{}", error.kind()));
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    Report::new(diagnostic)
}

/// Prints a value as pretty JSON on standard output.
pub fn print_json(value: &impl serde::Serialize) -> miette::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(|error| {
        miette::miette!(
            code = "omixa::output",
            "cannot print the result as JSON: {error}"
        )
    })?;
    println!("{text}");
    Ok(())
}

/// The most issues printed for people; `--json` output always has every one.
const MAX_SHOWN_ISSUES: usize = 50;

/// The issues of an invalid request as one diagnostic, with one related entry for each of the first
/// [`MAX_SHOWN_ISSUES`], then a count of the rest.
pub fn invalid_request(error: ValidationError) -> Report {
    let total = error.issues.len();
    let omitted = total.saturating_sub(MAX_SHOWN_ISSUES);
    let mut related: Vec<IssueDiagnostic> = error
        .issues
        .into_iter()
        .take(MAX_SHOWN_ISSUES)
        .map(IssueDiagnostic::Issue)
        .collect();
    if omitted > 0 {
        related.push(IssueDiagnostic::Omitted(omitted));
    }
    Report::new(InvalidRequest {
        total,
        issues: related,
    })
}

/// `99950` as `99,950`.
pub fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("the request is invalid ({} issue{})", thousands(*total as u64), if *total == 1 { "" } else { "s" })]
#[diagnostic(code(omixa::invalid_request))]
struct InvalidRequest {
    total: usize,
    #[related]
    issues: Vec<IssueDiagnostic>,
}

/// One issue (its stable code as the diagnostic code, the suggestion as help), or how many were left out.
#[derive(Debug)]
enum IssueDiagnostic {
    Issue(Issue),
    Omitted(usize),
}

impl fmt::Display for IssueDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            IssueDiagnostic::Issue(Issue { path, message, .. }) => {
                write!(f, "{}: {message}", if path.is_empty() { "/" } else { path })
            }
            IssueDiagnostic::Omitted(count) => write!(f, "and {} more", thousands(*count as u64)),
        }
    }
}

impl std::error::Error for IssueDiagnostic {}

impl Diagnostic for IssueDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            IssueDiagnostic::Issue(issue) => Some(Box::new(issue.code)),
            IssueDiagnostic::Omitted(_) => None,
        }
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            IssueDiagnostic::Issue(issue) => issue
                .suggestion
                .as_ref()
                .map(|suggestion| Box::new(suggestion) as Box<dyn fmt::Display>),
            IssueDiagnostic::Omitted(_) => Some(Box::new("--json prints every issue")),
        }
    }
}
