//! `omixa create FILE|- [--wait] [--out DIR]`: validate locally, create the job, and optionally wait for it
//! (spinner on standard error) and download its videos.
//!
//! `--unchecked` sends the request as written, for a model no catalog knows yet: nothing is validated and no
//! estimate exists (a warning on standard error says so). Never the default.
//!
//! Standard error always gets `created <operation> (idempotency key <key>)` as soon as the gateway answers,
//! so the job can be found again whatever happens next. Standard output: the job as JSON (the final job with
//! `--wait`), or with `--out` the saved files, one path per line.

use super::catalog_args;
use super::client_args::ClientArgs;
use super::download::{DownloadLimitArgs, check_output_folder};
use super::progress::{Interrupt, wait_and_deliver};
use super::resume::{CreateCommand, Resume};
use super::support::{failure, print_json};
use crate::Outcome;
use crate::input::read_json;
use clap::Args;
use omixa::Catalog;
use omixa::client::{CreateOptions, Error, JobHandle, UNCHECKED_WARNING};
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
    /// Send the request as written, for a model no catalog knows: nothing is validated, no estimate exists.
    #[arg(long, conflicts_with = "lenient")]
    unchecked: bool,
    /// The Idempotency-Key to send (default: a new UUID), to make a create safe to repeat.
    #[arg(long, value_name = "KEY")]
    idempotency_key: Option<String>,
    #[command(flatten)]
    download: DownloadLimitArgs,
    #[command(flatten)]
    client: ClientArgs,
}

pub async fn run(args: CreateArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let request = read_json(&args.file)?;
    if let Some(directory) = &args.out {
        check_output_folder(directory)?;
    }
    let client = args.client.client(catalog)?;
    let waits = args.wait || args.out.is_some();
    // Chosen here rather than by the client, so that even a create stopped by Ctrl-C can say which key to
    // send it again with.
    let idempotency_key = args
        .idempotency_key
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    let handle = JobHandle {
        model: request
            .get("model")
            .and_then(|model| model.as_str())
            .unwrap_or_default()
            .to_owned(),
        operation: None,
        idempotency_key: Some(idempotency_key.clone()),
    };
    let mut resume_options = args.client.resume_words();
    resume_options.extend(catalog_args::resume_words(catalog, &handle.model));
    if args.out.is_some() {
        resume_options.extend(args.download.resume_words());
    }
    let resume = Resume {
        create: Some(CreateCommand {
            file: args.file,
            lenient: args.lenient,
            unchecked: args.unchecked,
            wait: waits,
        }),
        out: args.out,
        options: resume_options,
    };
    let options = CreateOptions {
        lenient: args.lenient,
        idempotency_key: Some(idempotency_key),
    };
    // Listening before the create: a Ctrl-C during it names the key, and from the `created` line on it stops
    // the wait, not the job.
    let interrupt = Interrupt::listen()?;
    if args.unchecked {
        eprintln!("warning: {UNCHECKED_WARNING}");
    }
    let create = async {
        if args.unchecked {
            client.create_unchecked(&request, &options).await
        } else {
            client.create_with(request, &options).await
        }
    };
    let created = tokio::select! {
        created = create => created,
        () = interrupt.interrupted() => Err(Error::WithJob {
            job: Box::new(handle),
            error: Box::new(Error::Cancelled),
        }),
    };
    let job = match created {
        Ok(job) => job,
        Err(error) => return failure(error, Some(&resume)),
    };
    match &job.idempotency_key {
        Some(key) => eprintln!("created {} (idempotency key {key})", job.record.operation),
        None => eprintln!("created {}", job.record.operation),
    }
    if !waits {
        print_json(&job)?;
        return Ok(Outcome::Success);
    }
    let timeout = Duration::from_secs(args.timeout);
    wait_and_deliver(
        &client,
        &job,
        timeout,
        resume.out.as_deref(),
        &args.download,
        &interrupt,
        &resume,
    )
    .await
}
