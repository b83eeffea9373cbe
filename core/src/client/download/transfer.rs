//! One file's transfer: the response streamed into an exclusively created partial file next to the final
//! name, within the size and stall limits, then renamed into place.
//!
//! The partial file is a [`tempfile::NamedTempFile`]: created with `O_EXCL` under a random name, so a
//! symlink planted at a predictable name (`<name>.part`) can neither redirect nor truncate anything, and
//! removed when dropped, so an error, a timeout or a cancelled future leaves nothing behind.

use super::{DownloadLimit, DownloadOptions, DownloadProgress, Downloaded};
use crate::client::Client;
use crate::client::error::Error;
use crate::client::transport::connection_error;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;
use tokio::io::AsyncWriteExt;
use url::Url;

/// One output to fetch.
pub(super) struct Target<'a> {
    pub url: &'a Url,
    /// The final path.
    pub path: &'a Path,
    pub index: usize,
    pub total: usize,
}

/// Creates `directory` if missing. A file in its place is the operating system's error (its `errno` is what
/// the bindings' file errors carry); the command line explains it in a sentence before getting here.
pub(super) async fn prepare_directory(directory: &Path) -> Result<(), Error> {
    tokio::fs::create_dir_all(directory)
        .await
        .map_err(Error::io(directory))
}

/// The size of a complete earlier download at `path`, when it is to be kept. `None`: nothing there, or it is
/// to be replaced. Something other than a regular file (a symlink, a folder) is never kept silently.
pub(super) async fn existing_file(path: &Path, overwrite: bool) -> Result<Option<u64>, Error> {
    let metadata = match tokio::fs::symlink_metadata(path).await {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(Error::io(path)(error)),
    };
    if metadata.is_file() {
        return Ok((!overwrite).then_some(metadata.len()));
    }
    if overwrite && metadata.is_symlink() {
        // The rename into place replaces the link itself, never what it points to.
        return Ok(None);
    }
    Err(Error::Io {
        path: path.to_owned(),
        source: std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            if metadata.is_symlink() {
                "a symbolic link is in the way of the video (remove it, or overwrite to replace the link)"
            } else {
                "something other than a file is in the way of the video"
            },
        ),
    })
}

impl Client {
    /// Fetches `target` once: a new partial file, every chunk within the limits, then the rename.
    pub(super) async fn transfer(
        &self,
        target: &Target<'_>,
        options: &DownloadOptions,
    ) -> Result<Downloaded, Error> {
        let too_large = |size: u64| Error::Download {
            limit: DownloadLimit::TooLarge,
            message: format!(
                "{} is larger than {} bytes ({size} bytes or more)",
                target.url, options.max_bytes
            ),
        };
        let stalled = || Error::Download {
            limit: DownloadLimit::Stalled,
            message: format!(
                "no data from {} for {:?}",
                target.url, options.stall_timeout
            ),
        };
        let mut response = tokio::time::timeout(options.stall_timeout, self.get_result(target.url))
            .await
            .map_err(|_| stalled())??;
        let expected = response.content_length();
        if let Some(size) = expected.filter(|size| *size > options.max_bytes) {
            return Err(too_large(size));
        }
        let partial = create_partial(target.path).await?;
        let mut file = partial
            .as_file()
            .try_clone()
            .map(tokio::fs::File::from_std)
            .map_err(Error::io(partial.path()))?;
        let mut progress = DownloadProgress {
            index: target.index,
            total: target.total,
            path: target.path.to_owned(),
            bytes: 0,
            expected,
        };
        let report = |progress: &DownloadProgress| {
            if let Some(on_progress) = &options.on_progress {
                on_progress(progress);
            }
        };
        report(&progress);
        loop {
            let chunk = tokio::time::timeout(options.stall_timeout, response.chunk())
                .await
                .map_err(|_| stalled())?
                .map_err(connection_error)?;
            let Some(chunk) = chunk else { break };
            progress.bytes += chunk.len() as u64;
            if progress.bytes > options.max_bytes {
                return Err(too_large(progress.bytes));
            }
            file.write_all(&chunk)
                .await
                .map_err(Error::io(partial.path()))?;
            report(&progress);
        }
        file.flush().await.map_err(Error::io(partial.path()))?;
        drop(file);
        let already_there = persist(partial, target.path, options.overwrite).await?;
        Ok(Downloaded {
            path: target.path.to_owned(),
            bytes: progress.bytes,
            already_there,
        })
    }
}

/// A new, empty partial file beside `path` (same folder, so the final rename stays on one file system).
async fn create_partial(path: &Path) -> Result<NamedTempFile, Error> {
    let directory = path.parent().unwrap_or(Path::new(".")).to_owned();
    let prefix = format!(
        ".{}.",
        path.file_name().unwrap_or_default().to_string_lossy()
    );
    let created = tokio::task::spawn_blocking(move || {
        tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".part")
            .tempfile_in(&directory)
            .map_err(Error::io(directory))
    })
    .await;
    created.unwrap_or_else(|error| Err(Error::io(path)(std::io::Error::other(error))))
}

/// Renames the partial file to `path`. Without `overwrite` a file that appeared there meanwhile wins (and the
/// partial one is removed): returns whether that happened.
async fn persist(partial: NamedTempFile, path: &Path, overwrite: bool) -> Result<bool, Error> {
    let target: PathBuf = path.to_owned();
    let renamed = tokio::task::spawn_blocking(move || {
        let result = if overwrite {
            partial.persist(&target)
        } else {
            partial.persist_noclobber(&target)
        };
        match result {
            Ok(_) => Ok(false),
            Err(error) if !overwrite && error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Ok(true)
            }
            Err(error) => Err(Error::io(target)(error.error)),
        }
    })
    .await;
    renamed.unwrap_or_else(|error| Err(Error::io(path)(std::io::Error::other(error))))
}
