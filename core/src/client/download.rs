//! Downloading a job's result videos: each URL is streamed chunk by chunk into `<name>.part` and renamed
//! when complete, so a video is never held in memory and a half-written file never has the final name.
//!
//! File names come from the job, never from the URL: `<operation>-<index>.<extension>`, the operation's last
//! path segment reduced to `[A-Za-z0-9._-]`, the extension from the content type. A name is one plain path
//! component, so nothing the gateway sends can place a file outside the output folder.

use super::Client;
use super::builder::check_transport;
use super::error::{Error, JobHandle};
use super::job::{Job, JobStatus};
use super::retry::Resend;
use super::transport::connection_error;
use super::wait::job_failed;
use std::path::{Component, Path, PathBuf};
use tokio::io::AsyncWriteExt;
use url::Url;

/// Longest operation part of a file name.
const MAX_STEM_CHARS: usize = 96;

/// Extensions of the video types a result may have; anything else is saved as `.bin`.
const VIDEO_EXTENSIONS: &[(&str, &str)] = &[
    ("video/mp4", "mp4"),
    ("video/webm", "webm"),
    ("video/quicktime", "mov"),
    ("video/x-matroska", "mkv"),
    ("video/mpeg", "mpeg"),
];

/// Options of [`Client::download_with`].
#[derive(Clone, Debug, Default)]
pub struct DownloadOptions {
    /// Files are named `<file_stem>-<index>.<ext>`; default: the operation's last path segment.
    pub file_stem: Option<String>,
    /// Replace an existing file of the same name. Default false: an existing (complete) file is kept.
    pub overwrite: bool,
}

/// One file of [`Client::download_with`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloaded {
    pub path: PathBuf,
    pub bytes: u64,
    /// The file was there already (complete) and kept.
    pub already_there: bool,
}

impl Client {
    /// Downloads every result video of a succeeded job into `directory` (created if missing) and returns the
    /// files' paths, in the order of `job.data`. An existing file of the same name is replaced.
    ///
    /// Errors: [`Error::JobFailed`] or [`Error::NotReady`] for a job that has not succeeded; transport errors
    /// as for any call (each download is retried from the start) and [`Error::Io`] for local files, both
    /// wrapped in [`Error::WithJob`] so the caller can download again later.
    pub async fn download(&self, job: &Job, directory: &Path) -> Result<Vec<PathBuf>, Error> {
        self.download_results(job, directory)
            .await
            .map_err(|error| error.with_job(|| JobHandle::of(job)))
    }

    async fn download_results(&self, job: &Job, directory: &Path) -> Result<Vec<PathBuf>, Error> {
        match job.record.status {
            JobStatus::Succeeded => {}
            JobStatus::Failed => return Err(job_failed(job.clone())),
            JobStatus::Running | JobStatus::Other(_) => {
                return Err(Error::NotReady {
                    job: Box::new(job.clone()),
                });
            }
        }
        tokio::fs::create_dir_all(directory)
            .await
            .map_err(Error::io(directory))?;
        let mut written = Vec::with_capacity(job.record.data.len());
        for (index, output) in job.record.data.iter().enumerate() {
            let url = result_url(&output.url)?;
            let path = directory.join(file_name(
                &job.record.operation,
                index,
                output.content_type.as_deref(),
            ));
            let inner = &self.inner;
            inner
                .retry
                .run(inner.clock.as_ref(), &inner.pause, Resend::Safe, || {
                    self.download_once(&url, &path)
                })
                .await?;
            written.push(path);
        }
        Ok(written)
    }

    /// Downloads every result video of a succeeded job into `directory` (created if missing), named
    /// `<file_stem>-<index>.<ext>`, in the order of `job.data`. A file is only ever given its final name once
    /// complete, so an existing file of that name is complete: it is kept unless `overwrite` is set.
    ///
    /// Errors: as [`download`](Client::download).
    pub async fn download_with(
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
        tokio::fs::create_dir_all(directory)
            .await
            .map_err(Error::io(directory))?;
        let stem = options
            .file_stem
            .as_deref()
            .unwrap_or(&job.record.operation);
        let mut downloaded = Vec::with_capacity(job.record.data.len());
        for (index, output) in job.record.data.iter().enumerate() {
            let url = result_url(&output.url)?;
            let path = directory.join(file_name(stem, index, output.content_type.as_deref()));
            if !options.overwrite
                && let Ok(existing) = tokio::fs::metadata(&path).await
                && existing.is_file()
            {
                downloaded.push(Downloaded {
                    path,
                    bytes: existing.len(),
                    already_there: true,
                });
                continue;
            }
            let inner = &self.inner;
            inner
                .retry
                .run(inner.clock.as_ref(), &inner.pause, Resend::Safe, || {
                    self.download_once(&url, &path)
                })
                .await?;
            let bytes = tokio::fs::metadata(&path)
                .await
                .map_err(Error::io(&path))?
                .len();
            downloaded.push(Downloaded {
                path,
                bytes,
                already_there: false,
            });
        }
        Ok(downloaded)
    }

    async fn download_once(&self, url: &Url, path: &Path) -> Result<(), Error> {
        let mut response = self.get_result(url).await?;
        let mut partial = path.as_os_str().to_owned();
        partial.push(".part");
        let partial = PathBuf::from(partial);
        let result = async {
            let mut file = tokio::fs::File::create(&partial)
                .await
                .map_err(Error::io(&partial))?;
            while let Some(chunk) = response.chunk().await.map_err(connection_error)? {
                file.write_all(&chunk).await.map_err(Error::io(&partial))?;
            }
            file.flush().await.map_err(Error::io(&partial))?;
            tokio::fs::rename(&partial, path)
                .await
                .map_err(Error::io(path))
        }
        .await;
        if result.is_err() {
            // Best effort: the error being returned matters more than a leftover `.part` file.
            let _ = tokio::fs::remove_file(&partial).await;
        }
        result
    }
}

fn result_url(text: &str) -> Result<Url, Error> {
    let invalid = |message: String| Error::InvalidResponse {
        status: 200,
        message,
    };
    let url = Url::parse(text)
        .map_err(|error| invalid(format!("result URL {text:?} is not a URL: {error}")))?;
    check_transport(&url).map_err(invalid)?;
    Ok(url)
}

/// `<operation>-<index>.<extension>`: a single, plain path component whatever the inputs.
pub(crate) fn file_name(operation: &str, index: usize, content_type: Option<&str>) -> String {
    let last_segment = operation
        .rsplit('/')
        .find(|segment| !segment.is_empty())
        .unwrap_or_default();
    let sanitized: String = last_segment
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.') {
                ch
            } else {
                '_'
            }
        })
        .take(MAX_STEM_CHARS)
        .collect();
    // No leading dot (hidden files, `..`) or dash (read as an option by shell tools).
    let stem = sanitized.trim_start_matches(['.', '-']);
    let stem = if stem.is_empty() { "video" } else { stem };
    let name = format!("{stem}-{index}.{}", extension(content_type));
    debug_assert!(matches!(
        Path::new(&name).components().collect::<Vec<_>>()[..],
        [Component::Normal(_)]
    ));
    name
}

fn extension(content_type: Option<&str>) -> &'static str {
    let media_type = content_type
        .and_then(|value| value.split(';').next())
        .map(str::trim)
        .unwrap_or_default();
    VIDEO_EXTENSIONS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(media_type))
        .map_or("bin", |(_, extension)| extension)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_operation_and_content_type() {
        assert_eq!(file_name("op_1a2b", 0, Some("video/mp4")), "op_1a2b-0.mp4");
        assert_eq!(
            file_name(
                "projects/p/operations/abc-123",
                2,
                Some("video/webm; codecs=vp9")
            ),
            "abc-123-2.webm"
        );
        assert_eq!(
            file_name("op", 1, Some("application/octet-stream")),
            "op-1.bin"
        );
        assert_eq!(file_name("op", 1, None), "op-1.bin");
    }

    #[test]
    fn hostile_operations_cannot_leave_the_folder() {
        for hostile in [
            "../../escape",
            "..",
            "/",
            "",
            "..\\..\\escape",
            "-rf",
            ".bashrc",
            "a/../../b",
            "C:\\x",
            "x\0y",
        ] {
            let name = file_name(hostile, 0, Some("video/mp4"));
            let components: Vec<_> = Path::new(&name).components().collect();
            assert!(
                matches!(components[..], [Component::Normal(_)]),
                "{hostile:?} gave {name:?}"
            );
            assert!(
                !name.starts_with('.') && !name.starts_with('-'),
                "{hostile:?} gave {name:?}"
            );
        }
        assert_eq!(
            file_name("../../escape", 0, Some("video/mp4")),
            "escape-0.mp4"
        );
        assert_eq!(file_name("..", 0, Some("video/mp4")), "video-0.mp4");
    }

    #[test]
    fn result_urls_follow_the_transport_rule() {
        assert!(result_url("https://storage.example/v.mp4").is_ok());
        assert!(result_url("http://127.0.0.1:9/files/x").is_ok());
        assert_eq!(
            result_url("http://storage.example/v.mp4")
                .map_err(|error| error.kind())
                .err(),
            Some("invalid_response")
        );
        assert!(result_url("file:///etc/passwd").is_err());
    }
}
