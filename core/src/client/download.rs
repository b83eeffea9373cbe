//! Downloading a job's result videos, within limits a hostile or broken server cannot stretch: a maximum
//! size per file, a stall timeout (no bytes for that long), an overall deadline and a maximum number of
//! outputs ([`DownloadOptions`]).
//!
//! Each URL is streamed chunk by chunk into a partial file created exclusively in the output folder (a new
//! name that no symlink can pre-empt), then renamed to its final name when complete, so a video is never
//! held in memory and a half-written file never has the final name. An existing file of the final name is
//! a complete earlier download: it is kept and reported as already there, unless the caller asks to
//! overwrite it. File names come from the job, never from the URL (see [`naming`]).

mod naming;
mod transfer;

use super::Client;
use super::error::{DownloadLimit, Error, JobHandle};
use super::job::{Job, JobStatus};
use super::retry::Resend;
use super::wait::job_failed;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use naming::file_name;

/// The default [`DownloadOptions::max_bytes`]: 4 GiB.
pub const DEFAULT_MAX_DOWNLOAD_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// The default [`DownloadOptions::stall_timeout`].
pub const DEFAULT_STALL_TIMEOUT: Duration = Duration::from_secs(60);
/// The default [`DownloadOptions::deadline`].
pub const DEFAULT_DOWNLOAD_DEADLINE: Duration = Duration::from_secs(30 * 60);
/// The default [`DownloadOptions::max_outputs`].
pub const DEFAULT_MAX_OUTPUTS: usize = 64;

/// Called with each file's progress: once when its transfer starts, then after every chunk written.
pub type DownloadProgressCallback = Arc<dyn Fn(&DownloadProgress) + Send + Sync>;

/// Options of [`Client::download_with`].
#[derive(Clone)]
pub struct DownloadOptions {
    /// Files are named `<file_stem>-<index>.<ext>`; default: the operation's last path segment.
    pub file_stem: Option<String>,
    /// Replace an existing file of the same name. Default false: an existing (complete) file is kept.
    pub overwrite: bool,
    /// The largest file accepted, in bytes (default 4 GiB); a larger one stops the download.
    pub max_bytes: u64,
    /// The longest wait for the next bytes of a file (default 60 s); a stalled transfer is retried from the
    /// start within the retry budget.
    pub stall_timeout: Duration,
    /// The longest the whole download (every file, retries included) may take; default 30 minutes. `None`:
    /// no limit.
    pub deadline: Option<Duration>,
    /// The most outputs a job may list (default 64); a job with more is refused before anything is fetched.
    pub max_outputs: usize,
    /// Per-file progress, for a progress bar.
    pub on_progress: Option<DownloadProgressCallback>,
}

impl Default for DownloadOptions {
    fn default() -> Self {
        DownloadOptions {
            file_stem: None,
            overwrite: false,
            max_bytes: DEFAULT_MAX_DOWNLOAD_BYTES,
            stall_timeout: DEFAULT_STALL_TIMEOUT,
            deadline: Some(DEFAULT_DOWNLOAD_DEADLINE),
            max_outputs: DEFAULT_MAX_OUTPUTS,
            on_progress: None,
        }
    }
}

impl fmt::Debug for DownloadOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DownloadOptions")
            .field("file_stem", &self.file_stem)
            .field("overwrite", &self.overwrite)
            .field("max_bytes", &self.max_bytes)
            .field("stall_timeout", &self.stall_timeout)
            .field("deadline", &self.deadline)
            .field("max_outputs", &self.max_outputs)
            .field(
                "on_progress",
                &self.on_progress.as_ref().map(|_| "<callback>"),
            )
            .finish()
    }
}

/// Where one file's transfer stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadProgress {
    /// The output's position in the job's outputs (`data`), from 0.
    pub index: usize,
    /// How many outputs the job has.
    pub total: usize,
    /// The file's final path.
    pub path: PathBuf,
    /// Bytes written so far.
    pub bytes: u64,
    /// The size the server announced (`Content-Length`), if it did.
    pub expected: Option<u64>,
}

/// One saved result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Downloaded {
    pub path: PathBuf,
    /// The file's size.
    pub bytes: u64,
    /// The file was there before and was kept (nothing was fetched).
    pub already_there: bool,
}

impl Client {
    /// Downloads every result video of a succeeded job into `directory` (created if missing) with the default
    /// [`DownloadOptions`], and returns the files' paths in the order of the job's outputs (an existing file of
    /// the same name is kept, and its path returned). Errors: as [`download_with`](Client::download_with).
    pub async fn download(&self, job: &Job, directory: &Path) -> Result<Vec<PathBuf>, Error> {
        let downloaded = self
            .download_with(job, directory, &DownloadOptions::default())
            .await?;
        Ok(downloaded.into_iter().map(|file| file.path).collect())
    }

    /// Downloads every result video of a succeeded job into `directory` (created if missing), one after the
    /// other, and returns one [`Downloaded`] per output, in the order of the job's outputs.
    ///
    /// Errors: [`Error::JobFailed`] or [`Error::NotReady`] for a job that has not succeeded;
    /// [`Error::InvalidResponse`] for a result URL that is not HTTPS (or loopback HTTP);
    /// [`Error::Download`] when a limit of `options` is reached; transport errors as for any call (each file
    /// is retried from the start); [`Error::Io`] for local files, e.g. when `directory` is a file. Files
    /// completed before an error stay; the partial file of the one that failed is removed. Every error but
    /// the first two comes wrapped in [`Error::WithJob`] with the job's handle, so the caller can download
    /// again later.
    pub async fn download_with(
        &self,
        job: &Job,
        directory: &Path,
        options: &DownloadOptions,
    ) -> Result<Vec<Downloaded>, Error> {
        self.download_results(job, directory, options)
            .await
            .map_err(|error| error.with_job(|| JobHandle::of(job)))
    }

    async fn download_results(
        &self,
        job: &Job,
        directory: &Path,
        options: &DownloadOptions,
    ) -> Result<Vec<Downloaded>, Error> {
        match job.record.status {
            JobStatus::Succeeded => {}
            JobStatus::Failed => return Err(job_failed(job.clone())),
            JobStatus::Running | JobStatus::Other(_) => {
                return Err(Error::NotReady {
                    job: Box::new(job.clone()),
                });
            }
        }
        let total = job.record.data.len();
        if total > options.max_outputs {
            return Err(Error::Download {
                limit: DownloadLimit::TooManyOutputs,
                message: format!(
                    "job {} lists {total} outputs; at most {} are downloaded",
                    job.record.operation, options.max_outputs
                ),
            });
        }
        // Every URL is checked before anything is written.
        let urls = job
            .record
            .data
            .iter()
            .map(|output| naming::result_url(&output.url))
            .collect::<Result<Vec<_>, _>>()?;
        transfer::prepare_directory(directory).await?;
        let stem = options
            .file_stem
            .as_deref()
            .unwrap_or(&job.record.operation);
        let all = async {
            let mut saved = Vec::with_capacity(total);
            for (index, (url, output)) in urls.iter().zip(&job.record.data).enumerate() {
                let path = directory.join(file_name(stem, index, output.content_type.as_deref()));
                let target = transfer::Target {
                    url,
                    path: &path,
                    index,
                    total,
                };
                saved.push(self.download_output(&target, options).await?);
            }
            Ok(saved)
        };
        match options.deadline {
            None => all.await,
            Some(deadline) => tokio::time::timeout(deadline, all)
                .await
                .unwrap_or_else(|_| {
                    Err(Error::Download {
                        limit: DownloadLimit::Deadline,
                        message: format!(
                            "the download of job {} took longer than {deadline:?}",
                            job.record.operation
                        ),
                    })
                }),
        }
    }

    /// One output: kept if already there, else fetched with retries.
    async fn download_output(
        &self,
        target: &transfer::Target<'_>,
        options: &DownloadOptions,
    ) -> Result<Downloaded, Error> {
        if let Some(bytes) = transfer::existing_file(target.path, options.overwrite).await? {
            return Ok(Downloaded {
                path: target.path.to_owned(),
                bytes,
                already_there: true,
            });
        }
        let inner = &self.inner;
        inner
            .retry
            .run(inner.clock.as_ref(), &inner.pause, Resend::Safe, || {
                self.transfer(target, options)
            })
            .await
    }
}
