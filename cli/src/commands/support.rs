//! What the job commands share: how a client error becomes an exit code and a diagnostic (never a `Debug`
//! dump), followed by the command that resumes the job.

use super::resume::Resume;
use crate::Outcome;
use miette::{Diagnostic, MietteDiagnostic, Report};
use omixa::client::Error;
use omixa::{Issue, ValidationError};
use std::fmt;
use std::io::Write;

/// The end of a command that failed with `error`: an invalid request or a failed job is exit code 1 (its
/// reasons on standard error), anything else exit code 2 with a diagnostic and, when a job may exist, the
/// command that resumes it (see [`Resume`]; `None` where resuming makes no sense, as with `omixa demo`'s
/// in-process emulator).
pub fn failure(error: Error, resume: Option<&Resume>) -> miette::Result<Outcome> {
    if let Error::Validation(error) = error {
        eprintln!("{:?}", invalid_request(error));
        return Ok(Outcome::Rejected);
    }
    if matches!(error.root(), Error::JobFailed { .. }) {
        eprintln!("{:?}", report(&error));
        return Ok(Outcome::Rejected);
    }
    eprintln!("{:?}", report(&error));
    if let Some(resume) = resume {
        resume.print_for(&error);
    }
    Ok(Outcome::Failed)
}

/// A diagnostic for a client error: its message, the stable kind as the code, and a hint where one helps.
pub fn report(error: &Error) -> Report {
    let operation = error.job_handle().and_then(|job| job.operation);
    let hint = match error.root() {
        Error::Authentication { .. } => Some("check OMIXA_API_KEY: the gateway rejected it"),
        Error::Connection { .. } => {
            Some("check OMIXA_BASE_URL and the network; `omixa serve` runs a local emulator")
        }
        Error::Timeout { .. } => Some("the job may still finish"),
        Error::Cancelled if operation.is_some() => Some("the job keeps running"),
        Error::Cancelled => Some("the job may have been created"),
        Error::NotReady { .. } => Some("the job has not succeeded yet"),
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
    let message = match (error.root(), operation) {
        (Error::Cancelled, Some(operation)) => format!("stopped waiting for job {operation}"),
        (Error::Cancelled, None) => "stopped before the gateway answered the create".to_owned(),
        _ => error.to_string(),
    };
    let mut diagnostic =
        MietteDiagnostic::new(message).with_code(format!("omixa::{}", error.kind()));
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
    print_line(format_args!("{text}"))
}

/// Writes one line of a command's result on standard output. The job commands keep SIGPIPE ignored (a closed
/// pipe must not kill a wait or a batch), so a reader that has gone away is reported as an error, where
/// `println!` would panic. Use it through `outln!`.
pub fn print_line(line: fmt::Arguments<'_>) -> miette::Result<()> {
    writeln!(std::io::stdout().lock(), "{line}").map_err(|error| {
        miette::miette!(
            code = "omixa::output",
            "cannot write the result to standard output: {error}"
        )
    })
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
            IssueDiagnostic::Issue(Issue { path, kind }) => {
                let at = if path.is_empty() { "/" } else { path };
                write!(f, "{at}: {}", kind.message())
            }
            IssueDiagnostic::Omitted(count) => write!(f, "and {} more", thousands(*count as u64)),
        }
    }
}

impl std::error::Error for IssueDiagnostic {}

impl Diagnostic for IssueDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            IssueDiagnostic::Issue(issue) => Some(Box::new(issue.code())),
            IssueDiagnostic::Omitted(_) => None,
        }
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match self {
            IssueDiagnostic::Issue(issue) => issue
                .suggestion()
                .map(|suggestion| Box::new(suggestion) as Box<dyn fmt::Display>),
            IssueDiagnostic::Omitted(_) => Some(Box::new("--json prints every issue")),
        }
    }
}
