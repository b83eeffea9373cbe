//! `omixa download OPERATION --out DIR [--model M]`: fetch a succeeded job's result videos; prints each saved
//! file's path on its own line. Also the download options and output that `create --out` and `wait --out` share: the
//! limits, `--overwrite`, a progress bar per file and the "already there" notes on standard error.

use super::catalog_args;
use super::client_args::ClientArgs;
use super::resume::Resume;
use super::support::{failure, thousands};
use crate::Outcome;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use omixa::Catalog;
use omixa::client::{
    Client, DEFAULT_DOWNLOAD_DEADLINE, DEFAULT_MAX_DOWNLOAD_BYTES, DEFAULT_MAX_OUTPUTS,
    DEFAULT_STALL_TIMEOUT, DownloadOptions, DownloadProgress, Downloaded, Error, Job,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

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
    #[command(flatten)]
    limits: DownloadLimitArgs,
    #[command(flatten)]
    client: ClientArgs,
}

/// How results are saved, shared by `download`, `create --out` and `wait --out`.
#[derive(Debug, Args)]
pub struct DownloadLimitArgs {
    /// Replace files that are already there (default: keep them, they are complete earlier downloads).
    #[arg(long)]
    overwrite: bool,
    /// The largest video accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_DOWNLOAD_BYTES)]
    max_bytes: u64,
    /// Give up a video when no bytes arrive for this many seconds (retried from the start, then an error).
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_STALL_TIMEOUT.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    stall_timeout: u64,
    /// Give up the whole download after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_DOWNLOAD_DEADLINE.as_secs(), value_parser = clap::value_parser!(u64).range(1..))]
    download_timeout: u64,
    /// Refuse a job that lists more result videos than this.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_OUTPUTS)]
    max_outputs: usize,
}

impl DownloadLimitArgs {
    /// The limits that differ from their defaults, as shell words, for the command that resumes a job.
    /// `--overwrite` is left out: what this run saved is complete, and the resumed download keeps it.
    pub fn resume_words(&self) -> Vec<String> {
        let limits = [
            ("--max-bytes", self.max_bytes, DEFAULT_MAX_DOWNLOAD_BYTES),
            (
                "--stall-timeout",
                self.stall_timeout,
                DEFAULT_STALL_TIMEOUT.as_secs(),
            ),
            (
                "--download-timeout",
                self.download_timeout,
                DEFAULT_DOWNLOAD_DEADLINE.as_secs(),
            ),
            (
                "--max-outputs",
                self.max_outputs as u64,
                DEFAULT_MAX_OUTPUTS as u64,
            ),
        ];
        limits
            .into_iter()
            .filter(|(_, value, default)| value != default)
            .flat_map(|(flag, value, _)| [flag.to_owned(), value.to_string()])
            .collect()
    }
}

pub async fn run(args: DownloadArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    check_output_folder(&args.out)?;
    let client = args.client.client(catalog)?;
    let resume = Resume {
        create: None,
        out: Some(args.out.clone()),
        options: [
            args.client.resume_words(),
            catalog_args::resume_words(catalog, args.model.as_deref().unwrap_or_default()),
            args.limits.resume_words(),
        ]
        .concat(),
    };
    let job = match client
        .status(&args.operation, args.model.as_deref().unwrap_or_default())
        .await
    {
        Ok(job) => job,
        Err(error) => return failure(error, Some(&resume)),
    };
    save(&client, &job, &args.out, &args.limits, &resume).await
}

/// Downloads `job`'s videos into `directory` with a progress bar per file; prints each path on standard
/// output and a note on standard error for each file kept from before. A failure is reported with the
/// command that `resume` makes of it.
pub async fn save(
    client: &Client,
    job: &Job,
    directory: &Path,
    limits: &DownloadLimitArgs,
    resume: &Resume,
) -> miette::Result<Outcome> {
    let bars = ProgressBars::default();
    let options = DownloadOptions {
        overwrite: limits.overwrite,
        max_bytes: limits.max_bytes,
        stall_timeout: Duration::from_secs(limits.stall_timeout),
        deadline: Some(Duration::from_secs(limits.download_timeout)),
        max_outputs: limits.max_outputs,
        on_progress: Some(bars.callback()),
        ..DownloadOptions::default()
    };
    let result: Result<Vec<Downloaded>, Error> =
        client.download_with(job, directory, &options).await;
    bars.finish();
    match result {
        Ok(files) => {
            for file in &files {
                if file.already_there {
                    eprintln!(
                        "{} is already there ({} bytes): kept (--overwrite replaces it)",
                        file.path.display(),
                        thousands(file.bytes)
                    );
                }
                outln!("{}", file.path.display())?;
            }
            Ok(Outcome::Success)
        }
        Err(error) => failure(error, Some(resume)),
    }
}

/// Refuses an output folder that is a file before anything is sent (no job is created for nothing).
pub fn check_output_folder(directory: &Path) -> miette::Result<()> {
    match std::fs::metadata(directory) {
        Ok(metadata) if !metadata.is_dir() => Err(miette::miette!(
            code = "omixa::io",
            help = "--out names the folder the videos are saved in; it is created if missing",
            "{} is a file, not a folder",
            directory.display()
        )),
        _ => Ok(()),
    }
}

/// One progress bar on standard error for the file being fetched (hidden when it is not a terminal).
#[derive(Clone, Default)]
struct ProgressBars {
    current: Arc<Mutex<Option<(usize, ProgressBar)>>>,
}

impl ProgressBars {
    fn callback(&self) -> omixa::client::DownloadProgressCallback {
        let bars = self.clone();
        Arc::new(move |progress: &DownloadProgress| bars.update(progress))
    }

    fn update(&self, progress: &DownloadProgress) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if current.as_ref().map(|(index, _)| *index) != Some(progress.index) {
            if let Some((_, done)) = current.take() {
                done.finish();
            }
            *current = Some((progress.index, new_bar(progress)));
        }
        if let Some((_, bar)) = current.as_ref() {
            bar.set_position(progress.bytes);
        }
    }

    fn finish(&self) {
        let mut current = self.current.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, bar)) = current.take() {
            bar.finish();
        }
    }
}

fn new_bar(progress: &DownloadProgress) -> ProgressBar {
    let name = progress
        .path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let prefix = format!("[{}/{}] {name}", progress.index + 1, progress.total);
    let (bar, template) = match progress.expected {
        Some(size) => (
            ProgressBar::new(size),
            "{prefix} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}",
        ),
        None => (
            ProgressBar::new_spinner(),
            "{prefix} {spinner} {bytes} {bytes_per_sec}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style);
    }
    bar.with_prefix(prefix)
}
