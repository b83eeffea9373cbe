//! `omixa download OPERATION --out DIR [--model M]`: fetch a succeeded job's result videos; prints each saved
//! file's path on its own line.

use super::resume::Resume;
use super::support::{client_from_env, failure};
use crate::Outcome;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// The job's operation, as returned by `omixa create`.
    operation: String,
    /// The folder to save the videos in (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The job's model; it decides how the status call is made.
    #[arg(long)]
    model: Option<String>,
}

pub async fn run(args: DownloadArgs) -> miette::Result<Outcome> {
    let client = client_from_env()?;
    let result = async {
        let job = client
            .status(&args.operation, args.model.as_deref().unwrap_or_default())
            .await?;
        client.download(&job, &args.out).await
    };
    match result.await {
        Ok(paths) => {
            paths.iter().for_each(|path| println!("{}", path.display()));
            Ok(Outcome::Success)
        }
        Err(error) => {
            let resume = Resume {
                create: None,
                out: Some(args.out),
            };
            failure(error, Some(&resume))
        }
    }
}
