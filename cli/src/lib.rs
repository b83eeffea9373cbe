//! The library half of the `omixa` command: every subcommand and the local emulator, so that tests, benches
//! and `omixa demo` run them in-process. `main.rs` only parses the command line and maps the exit code.

pub mod input;
pub mod serve;

/// The subcommands. `models`, `validate` and `estimate` are local; the job commands (`create`, `status`,
/// `download`) read `OMIXA_API_KEY` and `OMIXA_BASE_URL`; `serve` and `demo` run their own emulator.
pub mod commands {
    pub mod check;
    mod client_args;
    pub mod create;
    pub mod demo;
    pub mod download;
    pub mod models;
    pub mod serve;
    pub mod status;
    mod support;

    use crate::Outcome;

    /// The job subcommands, flattened into the `omixa` command line.
    #[derive(Debug, clap::Subcommand)]
    pub enum JobCommand {
        /// Create a job from a request (a JSON file, or - for standard input); optionally wait and download.
        Create(create::CreateArgs),
        /// Print a job's current state as JSON.
        Status(status::StatusArgs),
        /// Download a succeeded job's result videos.
        Download(download::DownloadArgs),
        /// Run the local Omixa emulator (the jobs API on loopback, with billing and fault injection).
        Serve(serve::ServeArgs),
        /// Start an in-process emulator, submit the example request, wait, download and show the bill.
        Demo(demo::DemoArgs),
    }

    impl JobCommand {
        /// Runs the command to completion on its own tokio runtime.
        pub fn run(self) -> miette::Result<Outcome> {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|error| {
                    miette::miette!(
                        code = "omixa::runtime",
                        "cannot start the async runtime: {error}"
                    )
                })?;
            runtime.block_on(async move {
                match self {
                    JobCommand::Create(args) => create::run(args).await,
                    JobCommand::Status(args) => status::run(args).await,
                    JobCommand::Download(args) => download::run(args).await,
                    JobCommand::Serve(args) => serve::run(args).await,
                    JobCommand::Demo(args) => demo::run(args).await,
                }
            })
        }
    }
}

/// How a command ended, mapped onto the process exit code (errors are exit code 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit code 0.
    Success,
    /// Exit code 1: the request is invalid, or the job failed.
    Rejected,
}
