//! The `omixa` command.
//!
//! Exit codes: 0 success; 1 the request is invalid (or, for job commands, the job failed); 2 a usage, I/O or
//! transport error.

mod catalog;
mod check;
mod input;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(name = "omixa", version, about = "Omixa video-generation gateway: catalog, validation, estimates, jobs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the models of the catalog, or show one model's fields.
    Models(catalog::ModelsArgs),
    /// Validate a request (a JSON file, or - for standard input) and print it normalized.
    Validate(check::ValidateArgs),
    /// Estimate the cost and hold of a request, in exact decimals.
    Estimate(check::EstimateArgs),
}

/// How a command ended, mapped onto the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// The request is invalid, or the job failed.
    Rejected,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Models(args) => catalog::run(&args),
        Command::Validate(args) => check::validate(&args),
        Command::Estimate(args) => check::estimate(&args),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::Rejected) => ExitCode::from(1),
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
