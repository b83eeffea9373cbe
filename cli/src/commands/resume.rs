//! The command that picks a job up again after a failure, printed so it can be pasted as is: `omixa wait
//! <operation>` once the gateway has named the job, or the same create again under its idempotency key when
//! the create's answer was lost (the gateway then returns the job it made, or makes it once). Either way
//! nobody pays twice.

use omixa::client::{Error, JobHandle};
use std::path::{Path, PathBuf};

/// What the failed command was doing: enough to rebuild the command that resumes it.
#[derive(Debug, Clone, Default)]
pub struct Resume {
    /// The create that was running, if one was.
    pub create: Option<CreateCommand>,
    /// The folder the videos were going to (`--out`).
    pub out: Option<PathBuf>,
    /// Options given on the command line that the resuming command must repeat to fetch the job the same
    /// way (a request timeout, download limits), as shell words.
    pub options: Vec<String>,
}

/// The arguments of a create that decide which job it makes and what it prints.
#[derive(Debug, Clone)]
pub struct CreateCommand {
    /// The request file, `-` for standard input.
    pub file: PathBuf,
    pub lenient: bool,
    /// Sent as written, without validation (`--unchecked`).
    pub unchecked: bool,
    pub wait: bool,
}

impl Resume {
    /// The command resuming the job `error` concerns, quoted for a POSIX shell; `None` when no job can
    /// exist or it is final (a failed job). A create the gateway refused outright (a 4xx such as a reused
    /// key) made no job, and sending it again would only be refused again, so it gets no command either.
    pub fn command_for(&self, error: &Error) -> Option<String> {
        if matches!(error.root(), Error::JobFailed { .. }) {
            return None;
        }
        let handle = error.job_handle()?;
        let refused_create = handle.operation.is_none()
            && !error.is_retryable()
            && !matches!(error.root(), Error::Cancelled);
        if refused_create {
            return None;
        }
        self.command(&handle)
    }

    /// The command resuming the job `handle` names.
    pub fn command(&self, handle: &JobHandle) -> Option<String> {
        let mut words = vec!["omixa".to_owned()];
        if let Some(operation) = &handle.operation {
            words.extend(["wait".to_owned(), operation.clone()]);
            if !handle.model.is_empty() {
                words.extend(["--model".to_owned(), handle.model.clone()]);
            }
        } else {
            let key = handle.idempotency_key.as_ref()?;
            let create = self.create.as_ref()?;
            words.extend([
                "create".to_owned(),
                "--idempotency-key".to_owned(),
                key.clone(),
                path_word(&create.file),
            ]);
            if create.lenient {
                words.push("--lenient".to_owned());
            }
            if create.unchecked {
                words.push("--unchecked".to_owned());
            }
            if create.wait {
                words.push("--wait".to_owned());
            }
        }
        if let Some(out) = &self.out {
            words.extend(["--out".to_owned(), path_word(out)]);
        }
        words.extend(self.options.iter().cloned());
        // Only a NUL byte cannot be quoted, and none can reach here from a command line or the gateway's JSON.
        shlex::try_join(words.iter().map(String::as_str)).ok()
    }

    /// Prints how to resume after `error` on standard error, when a job may exist.
    pub fn print_for(&self, error: &Error) {
        let Some(command) = self.command_for(error) else {
            return;
        };
        let reading_stdin = self
            .create
            .as_ref()
            .is_some_and(|create| create.file == Path::new("-"));
        if reading_stdin
            && error
                .job_handle()
                .is_some_and(|job| job.operation.is_none())
        {
            eprintln!("resume it with (the same request on standard input):\n  {command}");
        } else {
            eprintln!("resume it with:\n  {command}");
        }
    }
}

/// A path as one shell word; a path that is not UTF-8 is shown as close to it as Rust can print.
fn path_word(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn create(file: &str) -> Resume {
        Resume {
            create: Some(CreateCommand {
                file: file.into(),
                lenient: true,
                unchecked: false,
                wait: true,
            }),
            out: Some("my videos".into()),
            options: Vec::new(),
        }
    }

    #[test]
    fn a_lost_create_is_sent_again_under_its_key() {
        let handle = JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: None,
            idempotency_key: Some("5f0c-key".into()),
        };
        let command = create("req's $HOME.json")
            .command(&handle)
            .expect("a command");
        // What a POSIX shell reads back is exactly the words meant.
        assert_eq!(
            shlex::split(&command).expect("valid shell words"),
            [
                "omixa",
                "create",
                "--idempotency-key",
                "5f0c-key",
                "req's $HOME.json",
                "--lenient",
                "--wait",
                "--out",
                "my videos"
            ]
        );
        assert_eq!(Resume::default().command(&handle), None);
    }

    #[test]
    fn a_create_the_gateway_refused_gets_no_command() {
        let handle = JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: None,
            idempotency_key: Some("reused".into()),
        };
        let wrap = |error: Error| Error::WithJob {
            job: Box::new(handle.clone()),
            error: Box::new(error),
        };
        let api = |status| Error::Api {
            status,
            message: String::new(),
            body: String::new(),
            request_id: None,
            retry_after: None,
        };
        assert_eq!(create("r.json").command_for(&wrap(api(422))), None);
        assert!(create("r.json").command_for(&wrap(api(503))).is_some());
        assert!(
            create("r.json")
                .command_for(&wrap(Error::Cancelled))
                .is_some()
        );
    }

    #[test]
    fn a_named_job_is_waited_for() {
        let handle = JobHandle {
            model: "veo-3.1-lite-generate-001".into(),
            operation: Some("op_1".into()),
            idempotency_key: Some("5f0c-key".into()),
        };
        assert_eq!(
            create("r.json").command(&handle).as_deref(),
            Some("omixa wait op_1 --model veo-3.1-lite-generate-001 --out 'my videos'")
        );
        let limited = Resume {
            options: vec!["--max-bytes".into(), "10".into()],
            ..create("r.json")
        };
        assert_eq!(
            limited.command(&handle).as_deref(),
            Some(
                "omixa wait op_1 --model veo-3.1-lite-generate-001 --out 'my videos' --max-bytes 10"
            )
        );
        let unknown_model = JobHandle {
            model: String::new(),
            ..handle
        };
        assert_eq!(
            Resume::default().command(&unknown_model).as_deref(),
            Some("omixa wait op_1")
        );
    }
}
