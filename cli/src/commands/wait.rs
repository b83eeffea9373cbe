//! `omixa wait OPERATION [--model ID] [--out DIR] [--timeout S]`: wait for a job that already exists (made
//! by an earlier `omixa create`, or left behind by a failure or Ctrl-C) until it is final, and with `--out`
//! download its videos. The output is that of `create --wait`: the final job as JSON, or one saved path per
//! line.

use super::catalog_args;
use super::client_args::ClientArgs;
use super::download::{DownloadLimitArgs, check_output_folder};
use super::progress::{Interrupt, wait_and_deliver};
use super::resume::Resume;
use crate::Outcome;
use clap::Args;
use omixa::Catalog;
use omixa::client::Job;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The job's operation, as printed by `omixa create`.
    operation: String,
    /// The job's model; it decides how the status call is made (default: POST JSON without a model).
    #[arg(long)]
    model: Option<String>,
    /// Download the result videos into this folder.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Give up waiting after this many seconds (the job keeps running).
    #[arg(long, value_name = "SECONDS", default_value_t = 900)]
    timeout: u64,
    #[command(flatten)]
    download: DownloadLimitArgs,
    #[command(flatten)]
    client: ClientArgs,
}

pub async fn run(args: WaitArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    if let Some(directory) = &args.out {
        check_output_folder(directory)?;
    }
    let client = args.client.client(catalog)?;
    let interrupt = Interrupt::listen()?;
    let job = Job::pending(args.operation, args.model.unwrap_or_default());
    let mut options = args.client.resume_words();
    options.extend(catalog_args::resume_words(catalog, &job.record.model));
    if args.out.is_some() {
        options.extend(args.download.resume_words());
    }
    let resume = Resume {
        create: None,
        out: args.out,
        options,
    };
    wait_and_deliver(
        &client,
        &job,
        Duration::from_secs(args.timeout),
        resume.out.as_deref(),
        &args.download,
        &interrupt,
        &resume,
    )
    .await
}
