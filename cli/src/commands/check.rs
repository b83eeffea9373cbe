//! `omixa validate` and `omixa estimate`: local checks that never touch the network.

use super::support::{invalid_request, print_json};
use crate::Outcome;
use crate::input::read_json;
use clap::Args;
use omixa::{Catalog, Estimate, ValidateOptions, ValidationError};
use serde_json::json;
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

pub fn validate(args: &ValidateArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    let options = ValidateOptions::default().with_lenient(args.lenient);
    match catalog.validate_with(request, &options) {
        Ok(validated) => {
            for warning in &validated.warnings {
                eprintln!("warning: {warning}");
            }
            if args.json {
                print_json(
                    &json!({"valid": true, "request": validated, "warnings": validated.warnings}),
                )?;
            } else {
                print_json(&validated)?;
            }
            Ok(Outcome::Success)
        }
        Err(error) => rejected(error, args.json),
    }
}

pub fn estimate(args: &EstimateArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    let estimate = match catalog.estimate(request) {
        Ok(estimate) => estimate,
        Err(error) => return rejected(error, args.json),
    };
    if args.json {
        print_json(&estimate)?;
        return Ok(Outcome::Success);
    }
    match estimate {
        Estimate::Priced(priced) => {
            let samples = if priced.sample_count == 1 {
                "sample"
            } else {
                "samples"
            };
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
fn rejected(error: ValidationError, as_json: bool) -> miette::Result<Outcome> {
    if as_json {
        print_json(&json!({"valid": false, "issues": error.issues}))?;
    } else {
        eprintln!("{:?}", invalid_request(error));
    }
    Ok(Outcome::Rejected)
}
