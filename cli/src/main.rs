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
    if matches!(
        cli.command,
        Command::Models(_) | Command::Validate(_) | Command::Estimate(_)
    ) {
        end_quietly_on_a_closed_pipe();
    }
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

/// Rust ignores SIGPIPE, so printing to a pipe whose reader has gone (`omixa models | head -1`) fails, and
/// `println!` panics. A command that only reads and prints should end quietly there, as `cat` and `ls` do:
/// restore the default action. Not for the job commands and `serve`: a closed pipe must not kill a wait,
/// a batch or an emulator whose starter stopped reading its output.
#[allow(unsafe_code)] // the one `signal` call below
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    {
        use nix::sys::signal::{SigHandler, Signal, signal};
        // SAFETY: done first thing in `main`, before any other thread exists, and the handler is the
        // default action, not code of ours that would run in a signal context.
        if let Err(error) = unsafe { signal(Signal::SIGPIPE, SigHandler::SigDfl) } {
            eprintln!("warning: cannot restore the default SIGPIPE action: {error}");
        }
    }
}
