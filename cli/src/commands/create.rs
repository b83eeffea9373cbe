//! `omixa create FILE|- [--wait] [--out DIR]`: validate locally, create the job, and optionally wait for it
//! (spinner on standard error) and download its videos.
//!
//! Standard output: the job as JSON (the final job with `--wait`), or with `--out` the saved files, one path
//! per line.

use super::client_args::ClientArgs;
use super::download::{DownloadLimitArgs, check_output_folder, save};
use super::support::{failure, print_json, wait_with_progress};
use crate::Outcome;
use crate::input::read_json;
use clap::Args;
use omixa::client::CreateOptions;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The request: a JSON file, or - for standard input.
    file: PathBuf,
    /// Wait until the job is final.
    #[arg(long)]
    wait: bool,
    /// Download the result videos into this folder (implies --wait).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Give up waiting after this many seconds (the job keeps running).
    #[arg(long, value_name = "SECONDS", default_value_t = 900)]
    timeout: u64,
    /// Drop fields the model omits (with a warning) instead of rejecting the request.
    #[arg(long)]
    lenient: bool,
    /// The Idempotency-Key to send (default: a new UUID), to make a create safe to repeat.
    #[arg(long, value_name = "KEY")]
    idempotency_key: Option<String>,
    #[command(flatten)]
    download: DownloadLimitArgs,
    #[command(flatten)]
    client: ClientArgs,
}

pub async fn run(args: CreateArgs) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    if let Some(directory) = &args.out {
        check_output_folder(directory)?;
    }
    let client = args.client.client()?;
    let options = CreateOptions {
        lenient: args.lenient,
        idempotency_key: args.idempotency_key,
    };
    let job = match client.create_with(request, &options).await {
        Ok(job) => job,
        Err(error) => return failure(error),
    };
    if !args.wait && args.out.is_none() {
        print_json(&job)?;
        return Ok(Outcome::Success);
    }
    let job = match wait_with_progress(&client, &job, Some(Duration::from_secs(args.timeout))).await
    {
        Ok(job) => job,
        Err(error) => return failure(error),
    };
    let Some(directory) = args.out else {
        print_json(&job)?;
        return Ok(Outcome::Success);
    };
    save(&client, &job, &directory, &args.download).await
}
