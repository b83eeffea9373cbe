//! The `omixa` command.
//!
//! Exit codes: 0 success; 1 the request is invalid (or, for job commands, the job failed); 2 a usage, I/O or
//! transport error (or batch jobs left unfinished); 4 a batch's budget skipped jobs; 130 Ctrl-C.

use clap::{Parser, Subcommand};
use omixa_cli::commands::{CatalogArgs, JobCommand, check, models};
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "omixa",
    version,
    about = "Omixa video-generation gateway: catalog, validation, estimates, jobs"
)]
struct Cli {
    #[command(flatten)]
    catalog: CatalogArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List the models of the catalog, or show one model's fields.
    Models(models::ModelsArgs),
    /// Validate a request (a JSON file, or - for standard input) and print it normalized.
    Validate(check::ValidateArgs),
    /// Estimate the cost and hold of a request, in exact decimals.
    Estimate(check::EstimateArgs),
    #[command(flatten)]
    Jobs(JobCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = cli.catalog.load().and_then(|catalog| match cli.command {
        Command::Models(args) => models::run(&args, catalog),
        Command::Validate(args) => check::validate(&args, catalog),
        Command::Estimate(args) => check::estimate(&args, catalog),
        Command::Jobs(command) => command.run(catalog),
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(report) => {
            eprintln!("{report:?}");
            ExitCode::from(2)
        }
    }
}
