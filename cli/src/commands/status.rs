//! `omixa status OPERATION [--model M]`: print a job's current state as JSON. Exit code 1 when the job has
//! failed, so scripts can branch on it.

use super::client_args::ClientArgs;
use super::support::{failure, print_json};
use crate::Outcome;
use clap::Args;
use omixa::Catalog;
use omixa::client::JobStatus;

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// The job's operation, as returned by `omixa create`.
    operation: String,
    /// The job's model; it decides how the status call is made (default: POST JSON without a model).
    #[arg(long)]
    model: Option<String>,
    #[command(flatten)]
    client: ClientArgs,
}

pub async fn run(args: StatusArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let client = args.client.client(catalog)?;
    let job = match client
        .status(&args.operation, args.model.as_deref().unwrap_or_default())
        .await
    {
        Ok(job) => job,
        Err(error) => return failure(error, None),
    };
    print_json(&job)?;
    Ok(if job.record.status == JobStatus::Failed {
        Outcome::Rejected
    } else {
        Outcome::Success
    })
}
