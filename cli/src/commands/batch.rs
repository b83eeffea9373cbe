//! `omixa batch REQUESTS.jsonl|- --out DIR [--concurrency N] [--budget AMOUNT] [--dry-run] [--timeout S]
//! [--json]`: many jobs from a JSON Lines file, through the core's batch engine (`omixa::batch`).
//!
//! Standard output: the summary (or with `--dry-run` the plan, or the input's problems), as text or with
//! `--json` as JSON. Standard error: one progress bar on a terminal, else a plain line at most once a second.
//! Exit codes: 0 every job succeeded; 1 a line is invalid or a job failed; 4 the budget skipped jobs; 2 usage,
//! I/O or transport errors, including jobs left unfinished (run the same command again to resume); 130
//! interrupted by Ctrl-C.

use super::support::{print_json, report};
use crate::Outcome;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use miette::{MietteDiagnostic, Report};
use omixa::Catalog;
use omixa::batch::{
    self, BatchError, BatchOptions, BatchPlan, BatchProgress, BatchSummary, DEFAULT_CONCURRENCY,
};
use omixa::client::Client;
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio_util::sync::CancellationToken;

/// Plain progress lines (when standard error is not a terminal) are at most this frequent.
const PLAIN_PROGRESS_INTERVAL: Duration = Duration::from_secs(1);
const RESUME_HINT: &str = "run the same command again to resume";

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// The requests, JSON Lines: one request per line, or {"id": "...", "request": {...}}; - for standard
    /// input. Blank lines and lines starting with # are skipped.
    input: PathBuf,
    /// The output folder: videos (<id>-<index>.mp4), batch-report.json, and the journal (.omixa/).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// At most this many jobs in flight.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_CONCURRENCY as u16,
          value_parser = clap::value_parser!(u16).range(1..=4096))]
    concurrency: u16,
    /// The most the batch may hold and spend, in the models' currency (e.g. 12.50).
    #[arg(long, value_name = "AMOUNT", value_parser = budget)]
    budget: Option<Decimal>,
    /// Check every line and print the totals (jobs, cost and hold per currency); send nothing.
    #[arg(long)]
    dry_run: bool,
    /// Give up waiting for a job after this many seconds (it keeps running; a rerun resumes it).
    #[arg(long, value_name = "SECONDS")]
    timeout: Option<u64>,
    /// Print problems, the plan or the summary as JSON.
    #[arg(long)]
    json: bool,
    /// Drop fields a model omits (with a warning) instead of rejecting the line.
    #[arg(long)]
    lenient: bool,
}

fn budget(text: &str) -> Result<Decimal, String> {
    let amount =
        Decimal::from_str(text.trim()).map_err(|_| format!("{text:?} is not a decimal amount"))?;
    if amount.is_sign_negative() {
        return Err("the budget cannot be negative".into());
    }
    Ok(amount)
}

pub async fn run(args: BatchArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let mut options = BatchOptions::new(&args.out);
    options.catalog = catalog;
    options.concurrency = usize::from(args.concurrency);
    options.budget = args.budget;
    options.wait_timeout = args.timeout.map(Duration::from_secs);
    options.lenient = args.lenient;
    let reader = open(&args.input)?;
    if args.dry_run {
        return match batch::plan(batch::lines(reader), &options) {
            Ok(plan) => {
                print_plan(&plan, args.json)?;
                Ok(Outcome::Success)
            }
            Err(error) => refused(error, args.json),
        };
    }
    let client = Client::builder()
        .catalog(catalog)
        .build()
        .map_err(|error| report(&error))?;
    let cancel = CancellationToken::new();
    stop_on_ctrl_c(cancel.clone());
    options.cancel = Some(cancel);
    let display = Display::new();
    options.on_progress = Some(display.callback());
    let result = batch::run(&client, batch::lines(reader), &options).await;
    display.finish();
    match result {
        Ok(summary) => finished(&summary, args.json),
        Err(error) => refused(error, args.json),
    }
}

fn open(input: &Path) -> miette::Result<Box<dyn BufRead>> {
    if input == Path::new("-") {
        return Ok(Box::new(BufReader::new(std::io::stdin())));
    }
    let file = std::fs::File::open(input).map_err(|error| {
        miette::miette!(
            code = "omixa::input::io",
            "cannot read {}: {error}",
            input.display()
        )
    })?;
    Ok(Box::new(BufReader::new(file)))
}

/// The first Ctrl-C stops starting jobs and ends waits (the journal stays consistent); a second one exits
/// at once with 130.
fn stop_on_ctrl_c(cancel: CancellationToken) {
    tokio::spawn(async move {
        while tokio::signal::ctrl_c().await.is_ok() {
            if cancel.is_cancelled() {
                std::process::exit(130);
            }
            eprintln!("stopping: no new jobs start; Ctrl-C again to quit at once");
            cancel.cancel();
        }
    });
}

/// The end of a run: the summary, and the exit code its jobs call for.
fn finished(summary: &BatchSummary, json: bool) -> miette::Result<Outcome> {
    if json {
        print_json(summary)?;
    } else {
        outln!(
            "{} of {} jobs succeeded, {} failed, {} skipped by the budget, {} invalid, {} unfinished; charged {}",
            summary.succeeded,
            summary.total,
            summary.failed,
            summary.skipped_budget,
            summary.invalid,
            summary.unfinished,
            amounts(&summary.charged)
        )?;
        outln!("report: {}", summary.report.display())?;
    }
    if summary.cancelled {
        eprintln!("interrupted: {RESUME_HINT}");
        return Ok(Outcome::Interrupted);
    }
    if summary.unfinished > 0 {
        eprintln!(
            "{} job{} did not finish in this run (see the report's errors): {RESUME_HINT}",
            summary.unfinished,
            if summary.unfinished == 1 { "" } else { "s" }
        );
        return Ok(Outcome::Incomplete);
    }
    Ok(if summary.failed > 0 || summary.invalid > 0 {
        Outcome::Rejected
    } else if summary.skipped_budget > 0 {
        Outcome::BudgetSkipped
    } else {
        Outcome::Success
    })
}

/// A batch that did not run: an invalid input is exit code 1 with every problem, the rest exit code 2.
fn refused(error: BatchError, json: bool) -> miette::Result<Outcome> {
    if let BatchError::Invalid { problems } = &error {
        if json {
            print_json(&serde_json::json!({ "problems": problems }))?;
        } else {
            for problem in problems {
                eprintln!("{problem}");
            }
        }
        eprintln!("{error}");
        return Ok(Outcome::Rejected);
    }
    let mut diagnostic =
        MietteDiagnostic::new(error.to_string()).with_code(format!("omixa::{}", error.kind()));
    // Failures of the moment (the disk, the database) leave a consistent journal to resume from; a refused
    // journal (another input, a newer version) does not get better by running again.
    if matches!(
        error.kind(),
        "journal" | "journal_claim_lost" | "io" | "internal"
    ) {
        diagnostic = diagnostic.with_help(RESUME_HINT);
    }
    Err(Report::new(diagnostic))
}

fn print_plan(plan: &BatchPlan, json: bool) -> miette::Result<()> {
    if json {
        return print_json(plan);
    }
    outln!("{} jobs", plan.jobs)?;
    for (currency, totals) in &plan.priced {
        outln!(
            "{} priced in {currency}: cost {} {currency}, hold {} {currency}",
            totals.jobs,
            totals.cost,
            totals.hold
        )?;
    }
    for (model, jobs) in &plan.unpriced {
        outln!("{jobs} of model {model}, which has no published price (not estimated)")?;
    }
    if let Some(budget) = plan.budget {
        outln!("budget: {budget}")?;
    }
    Ok(())
}

/// `0.80 USD, 1.00 EUR`, or `nothing`.
fn amounts(amounts: &BTreeMap<String, Decimal>) -> String {
    if amounts.is_empty() {
        return "nothing".into();
    }
    amounts
        .iter()
        .map(|(currency, amount)| format!("{amount} {currency}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Progress on standard error: a bar on a terminal, else plain lines at most once a second.
#[derive(Clone)]
struct Display {
    bar: Option<ProgressBar>,
    /// When the last plain line was printed, and what it said.
    last_line: Arc<Mutex<Option<(Instant, String)>>>,
}

impl Display {
    fn new() -> Display {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(0);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:30.cyan/blue} {pos}/{len} jobs · {msg} · ETA {eta} [{elapsed}]",
            ) {
                bar.set_style(style);
            }
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Display {
            bar,
            last_line: Arc::new(Mutex::new(None)),
        }
    }

    fn callback(&self) -> omixa::batch::BatchProgressCallback {
        let display = self.clone();
        Arc::new(move |progress: &BatchProgress| display.show(progress))
    }

    fn show(&self, progress: &BatchProgress) {
        let status = status_line(progress);
        if let Some(bar) = &self.bar {
            bar.set_length(progress.total as u64);
            bar.set_position(progress.done as u64);
            bar.set_message(status);
            return;
        }
        let line = format!("batch: {}/{} done, {status}", progress.done, progress.total);
        let mut last_line = self
            .last_line
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let repeated = last_line.as_ref().is_some_and(|(_, last)| *last == line);
        let final_line = progress.done == progress.total && progress.running == 0;
        let due = last_line
            .as_ref()
            .is_none_or(|(at, _)| at.elapsed() >= PLAIN_PROGRESS_INTERVAL);
        if !repeated && (final_line || due) {
            eprintln!("{line}");
            *last_line = Some((Instant::now(), line));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn status_line(progress: &BatchProgress) -> String {
    let spent = amounts(&progress.spent);
    let budget = progress
        .budget
        .map(|budget| format!(" of {budget}"))
        .unwrap_or_default();
    format!(
        "{} running, {} failed, {} skipped, spent {spent}{budget}",
        progress.running, progress.failed, progress.skipped_budget
    )
}
