//! The library half of the `omixa` command: every subcommand, so that tests and benches run them in-process.
//! The emulator behind `omixa serve` and `omixa demo` is the `omixa-emulator` crate. `main.rs` only parses the
//! command line and maps the exit code.

pub mod input;

/// `println!` for a command's result, as an expression of `miette::Result<()>`: a reader that has gone away is
/// an error to report, not a panic (see `commands::support::print_line`).
macro_rules! outln {
    ($($argument:tt)*) => {
        $crate::commands::support::print_line(format_args!($($argument)*))
    };
}

/// The subcommands. `models`, `validate` and `estimate` are local; the job commands (`create`, `wait`,
/// `status`, `download`, `batch`) read `OMIXA_API_KEY` and `OMIXA_BASE_URL`; `serve` and `demo` run their own
/// emulator.
pub mod commands {
    pub mod batch;
    mod catalog_args;
    pub mod check;
    mod client_args;
    pub mod create;
    pub mod demo;
    pub mod download;
    pub mod models;
    mod progress;
    mod resume;
    pub mod serve;
    pub mod status;
    mod support;
    pub mod wait;

    pub use catalog_args::CatalogArgs;

    use crate::Outcome;
    use omixa::Catalog;

    /// The job subcommands, flattened into the `omixa` command line.
    #[derive(Debug, clap::Subcommand)]
    pub enum JobCommand {
        /// Create a job from a request (a JSON file, or - for standard input); optionally wait and download.
        Create(create::CreateArgs),
        /// Wait for an existing job until it is final (and download its videos with --out), e.g. to resume
        /// after a failure or Ctrl-C.
        Wait(wait::WaitArgs),
        /// Print a job's current state as JSON.
        Status(status::StatusArgs),
        /// Download a succeeded job's result videos.
        Download(download::DownloadArgs),
        /// Run many jobs from a JSON Lines file, within a budget, resumable after any crash.
        Batch(batch::BatchArgs),
        /// Run the local Omixa emulator (the jobs API on loopback, with billing and fault injection).
        Serve(serve::ServeArgs),
        /// Start an in-process emulator, submit the example request, wait, download and show the bill.
        Demo(demo::DemoArgs),
    }

    impl JobCommand {
        /// Runs the command to completion on its own tokio runtime, with the models of `catalog`.
        pub fn run(self, catalog: &'static Catalog) -> miette::Result<Outcome> {
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
                    JobCommand::Create(args) => create::run(args, catalog).await,
                    JobCommand::Wait(args) => wait::run(args, catalog).await,
                    JobCommand::Status(args) => status::run(args, catalog).await,
                    JobCommand::Download(args) => download::run(args, catalog).await,
                    JobCommand::Batch(args) => batch::run(args, catalog).await,
                    JobCommand::Serve(args) => serve::run(args, catalog).await,
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
    /// Exit code 2: the command failed, and has said why (and how to resume) on standard error.
    Failed,
    /// Exit code 4: the budget left jobs of a batch unstarted.
    BudgetSkipped,
    /// Exit code 2: jobs of a batch did not finish; running the same command again resumes them.
    Incomplete,
    /// Exit code 130: stopped by Ctrl-C.
    Interrupted,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::Rejected => 1,
            Outcome::Failed | Outcome::Incomplete => 2,
            Outcome::BudgetSkipped => 4,
            Outcome::Interrupted => 130,
        }
    }
}
