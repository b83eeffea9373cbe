//! `omixa validate` and `omixa estimate`: local checks that never touch the network.

use crate::Outcome;
use crate::input::read_json;
use clap::Args;
use miette::Diagnostic;
use omixa::{Estimate, Issue, ValidateOptions, ValidationError};
use serde_json::json;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// The request: a JSON file, or - for standard input.
    file: PathBuf,
    /// Drop fields the model omits (with a warning) instead of rejecting them.
    #[arg(long)]
    lenient: bool,
    /// Print `{"valid": true, "request": ...}` or `{"valid": false, "issues": [...]}` on standard output.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Args)]
pub struct EstimateArgs {
    /// The request: a JSON file, or - for standard input.
    file: PathBuf,
    /// Print the estimate as JSON, money as decimal strings.
    #[arg(long)]
    json: bool,
}

pub fn validate(args: &ValidateArgs) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    let options = ValidateOptions::default().with_lenient(args.lenient);
    match omixa::validate_with(request, &options) {
        Ok(validated) => {
            for warning in &validated.warnings {
                eprintln!("warning: {warning}");
            }
            if args.json {
                print_json(&json!({"valid": true, "request": validated, "warnings": validated.warnings}));
            } else {
                print_json(&validated);
            }
            Ok(Outcome::Success)
        }
        Err(error) => Ok(rejected(error, args.json)),
    }
}

pub fn estimate(args: &EstimateArgs) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    let estimate = match omixa::estimate(request) {
        Ok(estimate) => estimate,
        Err(error) => return Ok(rejected(error, args.json)),
    };
    if args.json {
        print_json(&estimate);
        return Ok(Outcome::Success);
    }
    match estimate {
        Estimate::Priced(priced) => {
            let samples = if priced.sample_count == 1 { "sample" } else { "samples" };
            println!(
                "{}: cost {} {} ({} s × {} {samples}), hold {} {}",
                priced.model,
                priced.cost,
                priced.currency,
                priced.duration_seconds,
                priced.sample_count,
                priced.hold,
                priced.currency
            );
            if !priced.assumed.is_empty() {
                println!("assumed defaults: {}", priced.assumed.join(", "));
            }
        }
        Estimate::Unpriced(unpriced) => println!("{}: {}", unpriced.model, unpriced.reason),
    }
    Ok(Outcome::Success)
}

/// Reports an invalid request: every issue, as JSON on stdout or as diagnostics on stderr.
fn rejected(error: ValidationError, as_json: bool) -> Outcome {
    if as_json {
        print_json(&json!({"valid": false, "issues": error.issues}));
    } else {
        let report = miette::Report::new(InvalidRequest::from(error));
        eprintln!("{report:?}");
    }
    Outcome::Rejected
}

fn print_json(value: &impl serde::Serialize) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        // Serializing plain JSON values and our own structs cannot fail; say so rather than panic if it did.
        Err(error) => eprintln!("error: cannot print the result as JSON: {error}"),
    }
}

/// Every issue of an invalid request, rendered as one diagnostic with one related entry per issue.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("the request is invalid ({} issue{})", issues.len(), if issues.len() == 1 { "" } else { "s" })]
#[diagnostic(code(omixa::invalid_request))]
struct InvalidRequest {
    #[related]
    issues: Vec<IssueDiagnostic>,
}

impl From<ValidationError> for InvalidRequest {
    fn from(error: ValidationError) -> Self {
        InvalidRequest { issues: error.issues.into_iter().map(IssueDiagnostic).collect() }
    }
}

/// One issue: its stable code as the diagnostic code, the suggestion as help.
#[derive(Debug)]
struct IssueDiagnostic(Issue);

impl fmt::Display for IssueDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Issue { path, message, .. } = &self.0;
        write!(f, "{}: {message}", if path.is_empty() { "/" } else { path })
    }
}

impl std::error::Error for IssueDiagnostic {}

impl Diagnostic for IssueDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.0.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.0.suggestion.as_ref().map(|suggestion| Box::new(suggestion) as Box<dyn fmt::Display>)
    }
}
