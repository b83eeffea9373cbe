//! The emulator's in-memory world: jobs and their schedule, provider accounts and failover, idempotency keys,
//! and the usage ledger. Everything random comes from one seeded generator, drawn in request order, so the
//! same `--seed` and the same sequence of requests give the same operations and outcomes.
//!
//! A job's fate is drawn when it is created: the route is tried on the provider accounts in turn, and when
//! one fails before output starts the next healthy account takes the job (as Omixa's model pages describe
//! for Vertex accounts; a failed account is tried last for the next few routings); then whether the generation
//! itself fails. The job stays
//! `running` for `--job-seconds` and is settled (charged or released) the first time anyone looks after that.
//!
//! Memory is bounded: a job keeps a SHA-256 digest of its normalized request (to tell a replay from another
//! request under the same idempotency key), never the request itself; past `--max-jobs` the oldest finished
//! jobs are forgotten (settled first, so their billing is complete), and while every remembered job is
//! still running, creates are refused.

use super::faults::Faults;
use super::ledger::{Billing, Ledger, Subject, UsageReport};
use omixa::catalog::FieldRole;
use omixa::{ModelSpec, Validated};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;
use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// For this many routings after its route failed, an account is tried last.
const BENCH_ROUTINGS: u32 = 3;
/// The longest `poll_after_seconds` the emulator suggests when the request gives no interval.
const MAX_POLL_AFTER_SECONDS: f64 = 5.0;
/// Jobs remembered unless configured otherwise.
pub const DEFAULT_MAX_JOBS: usize = 10_000;
/// How far into the oldest jobs a create looks for a finished one to forget, so a create stays cheap.
const EVICTION_SCAN: usize = 256;

/// SHA-256 of a normalized request.
type RequestDigest = [u8; 32];

/// How long jobs run, and on which accounts (the odds of failure are [`Faults`], which may change).
#[derive(Debug, Clone)]
pub struct Schedule {
    /// How long a job runs.
    pub job_duration: Duration,
    /// When set, each job runs a random time from `job_duration` to this.
    pub job_duration_max: Option<Duration>,
    /// Names of the simulated provider accounts, in failover order.
    pub accounts: Vec<String>,
}

#[derive(Debug)]
pub struct World {
    schedule: Schedule,
    rng: StdRng,
    jobs: HashMap<String, Job>,
    /// Operations, oldest first, for forgetting the oldest finished jobs.
    order: VecDeque<String>,
    max_jobs: usize,
    /// `Idempotency-Key` → operation.
    idempotency: HashMap<String, String>,
    /// Per account, how many more routings it sits out.
    benched: Vec<u32>,
    /// Where the next routing starts (round robin over the accounts).
    next_account: usize,
    ledger: Ledger,
    /// Creates that made a job, and creates answered from the idempotency cache with an earlier job.
    creates: u64,
    idempotent_replays: u64,
}

#[derive(Debug)]
struct Job {
    operation: String,
    model: &'static ModelSpec,
    /// The normalized request's digest, to tell a replay from a different request under the same
    /// idempotency key.
    request_digest: RequestDigest,
    /// The key it was created under, forgotten with the job.
    idempotency_key: Option<String>,
    sample_count: usize,
    wait_seconds: Option<f64>,
    poll_interval_seconds: Option<f64>,
    created_at: Instant,
    finishes_at: Instant,
    /// `Err(reason)` when the job is bound to fail.
    fate: Result<(), String>,
    status: Status,
    account: Option<String>,
    route_failures: Vec<RouteFailure>,
    billing: Billing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Running,
    Succeeded,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
pub struct RouteFailure {
    pub account: String,
    pub reason: &'static str,
}

/// A job as the API returns it: the model pages' response shape plus the routing it took.
#[derive(Debug, Serialize)]
pub struct JobView {
    pub provider: &'static str,
    pub model: &'static str,
    pub status: Status,
    pub operation: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_or_fractional"
    )]
    pub poll_after_seconds: Option<f64>,
    pub data: Vec<Output>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The provider account that took the job (none when every route failed).
    pub account: Option<String>,
    /// Accounts whose route failed before output started, in the order they were tried.
    pub route_failures: Vec<RouteFailure>,
}

/// Seconds as the pages show them: `5`, not `5.0`; fractions stay (`0.25`).
fn whole_or_fractional<S: serde::Serializer>(
    seconds: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match seconds {
        Some(seconds) if seconds.fract() == 0.0 && (0.0..=u32::MAX as f64).contains(seconds) => {
            serializer.serialize_u64(*seconds as u64)
        }
        Some(seconds) => serializer.serialize_f64(*seconds),
        None => serializer.serialize_none(),
    }
}

#[derive(Debug, Serialize)]
pub struct Output {
    pub url: String,
    pub content_type: &'static str,
}

/// Why a create was not accepted.
#[derive(Debug)]
pub enum CreateRefused {
    /// The idempotency key was used before with a different request.
    KeyReused { operation: String },
    /// Every remembered job is still running and there is no room for another.
    Full { max_jobs: usize },
}

/// Where a result file is, for the file route.
pub enum ResultFile {
    Ready,
    NotFound,
}

impl World {
    pub fn new(schedule: Schedule, seed: u64) -> Self {
        World {
            benched: vec![0; schedule.accounts.len()],
            schedule,
            rng: StdRng::seed_from_u64(seed),
            jobs: HashMap::new(),
            order: VecDeque::new(),
            max_jobs: DEFAULT_MAX_JOBS,
            idempotency: HashMap::new(),
            next_account: 0,
            ledger: Ledger::default(),
            creates: 0,
            idempotent_replays: 0,
        }
    }

    /// Remembers at most `max_jobs` jobs (at least 1), and as many usage records as their billing needs four
    /// times over.
    pub fn with_max_jobs(mut self, max_jobs: usize) -> Self {
        self.max_jobs = max_jobs.max(1);
        self.ledger = Ledger::with_max_records(self.max_jobs.saturating_mul(4));
        self
    }

    /// Creates a job (holding its cost), or returns the job an earlier create with the same idempotency key
    /// made, without a second hold. The job's route and fate are drawn with the odds of `faults`.
    pub fn create(
        &mut self,
        validated: &Validated,
        idempotency_key: Option<String>,
        now: Instant,
        files_url: &str,
        faults: &Faults,
    ) -> Result<JobView, CreateRefused> {
        let request_digest = digest(validated);
        if let Some(operation) = idempotency_key
            .as_ref()
            .and_then(|key| self.idempotency.get(key))
            .cloned()
        {
            return match self.jobs.get_mut(&operation) {
                Some(job) if job.request_digest == request_digest => {
                    self.idempotent_replays += 1;
                    job.settle(now, &mut self.ledger);
                    Ok(job.view(now, files_url, true))
                }
                _ => Err(CreateRefused::KeyReused { operation }),
            };
        }
        self.make_room(now);
        if self.jobs.len() >= self.max_jobs {
            return Err(CreateRefused::Full {
                max_jobs: self.max_jobs,
            });
        }
        let operation = self.new_operation();
        let (account, route_failures) = self.route(faults.route_failure_rate);
        let fate = match &account {
            None => Err(format!(
                "all {} provider accounts failed before output started",
                route_failures.len()
            )),
            Some(_) if self.chance(faults.job_failure_rate) => {
                Err("the provider could not generate this video (simulated failure)".to_owned())
            }
            Some(_) => Ok(()),
        };
        let duration = self.job_duration();
        let number = |role: FieldRole| validated.get_role(role).and_then(Value::as_f64);
        let job = Job {
            operation: operation.clone(),
            model: validated.model,
            sample_count: validated
                .get_role(FieldRole::SampleCount)
                .and_then(Value::as_u64)
                .map_or(1, |count| count as usize),
            wait_seconds: number(FieldRole::InitialWait),
            poll_interval_seconds: number(FieldRole::PollInterval),
            request_digest,
            idempotency_key: idempotency_key.clone(),
            created_at: now,
            finishes_at: now + duration,
            fate,
            status: Status::Running,
            account,
            route_failures,
            billing: Billing::from_estimate(&omixa::estimate_validated(validated)),
        };
        self.creates += 1;
        self.ledger.hold(job.subject(), &job.billing);
        let view = job.view(now, files_url, true);
        if let Some(key) = idempotency_key {
            self.idempotency.insert(key, operation.clone());
        }
        self.order.push_back(operation.clone());
        self.jobs.insert(operation, job);
        Ok(view)
    }

    /// Forgets the oldest finished jobs (settling those whose time has come) until there is room for one more.
    fn make_room(&mut self, now: Instant) {
        let mut position = 0;
        while self.jobs.len() >= self.max_jobs && position < self.order.len().min(EVICTION_SCAN) {
            let finished = match self
                .order
                .get(position)
                .and_then(|operation| self.jobs.get_mut(operation))
            {
                Some(job) => {
                    job.settle(now, &mut self.ledger);
                    job.status != Status::Running
                }
                // Not remembered any more: drop the stale entry.
                None => true,
            };
            if !finished {
                position += 1;
                continue;
            }
            if let Some(operation) = self.order.remove(position)
                && let Some(job) = self.jobs.remove(&operation)
                && let Some(key) = job.idempotency_key
            {
                self.idempotency.remove(&key);
            }
        }
    }

    /// The job's current state, settling it first if its time has come. `model`, when given, must match.
    pub fn status(
        &mut self,
        operation: &str,
        model: Option<&str>,
        now: Instant,
        files_url: &str,
    ) -> Option<JobView> {
        let job = self.jobs.get_mut(operation)?;
        if model.is_some_and(|model| model != job.model.id) {
            return None;
        }
        job.settle(now, &mut self.ledger);
        Some(job.view(now, files_url, false))
    }

    /// Whether output `index` of a job can be downloaded.
    pub fn result_file(&mut self, operation: &str, index: usize, now: Instant) -> ResultFile {
        match self.jobs.get_mut(operation) {
            Some(job) => {
                job.settle(now, &mut self.ledger);
                if job.status == Status::Succeeded && index < job.sample_count {
                    ResultFile::Ready
                } else {
                    ResultFile::NotFound
                }
            }
            None => ResultFile::NotFound,
        }
    }

    /// Every usage record, after settling every job whose time has come.
    pub fn usage(&mut self, now: Instant) -> UsageReport<'_> {
        for job in self.jobs.values_mut() {
            job.settle(now, &mut self.ledger);
        }
        let mut report = self.ledger.report();
        report.creates = self.creates;
        report.idempotent_replays = self.idempotent_replays;
        report
    }

    /// The most recent `limit` jobs, newest first, each with its age, settled first like every other look at
    /// a job. For the dashboard.
    pub fn recent_jobs(
        &mut self,
        now: Instant,
        limit: usize,
        files_url: &str,
    ) -> Vec<(JobView, Duration)> {
        let mut recent = Vec::with_capacity(limit.min(self.jobs.len()));
        for operation in self.order.iter().rev() {
            if recent.len() == limit {
                break;
            }
            if let Some(job) = self.jobs.get_mut(operation) {
                job.settle(now, &mut self.ledger);
                let age = now.saturating_duration_since(job.created_at);
                recent.push((job.view(now, files_url, false), age));
            }
        }
        recent
    }

    /// Jobs remembered now.
    pub fn job_count(&self) -> usize {
        self.jobs.len()
    }

    /// This job's running time: the schedule's, or a random one up to its maximum.
    fn job_duration(&mut self) -> Duration {
        let shortest = self.schedule.job_duration;
        match self.schedule.job_duration_max {
            Some(longest) if longest > shortest => {
                shortest + (longest - shortest).mul_f64(self.rng.random::<f64>())
            }
            _ => shortest,
        }
    }

    /// True with probability `probability` (never for NaN or ≤ 0).
    fn chance(&mut self, probability: f64) -> bool {
        self.rng.random::<f64>() < probability
    }

    fn new_operation(&mut self) -> String {
        loop {
            let operation = format!("op_{:016x}", self.rng.random::<u64>());
            if !self.jobs.contains_key(&operation) {
                return operation;
            }
        }
    }

    /// Tries the accounts from the round-robin position, healthy ones first, until a route holds (each fails
    /// with probability `failure_rate`). Returns the account that took the job (none if every route failed)
    /// and the failures on the way.
    fn route(&mut self, failure_rate: f64) -> (Option<String>, Vec<RouteFailure>) {
        let count = self.schedule.accounts.len();
        let start = self.next_account;
        self.next_account = (start + 1) % count.max(1);
        let order: Vec<usize> = (0..count).map(|offset| (start + offset) % count).collect();
        let (healthy, benched): (Vec<usize>, Vec<usize>) = order
            .into_iter()
            .partition(|&index| self.benched[index] == 0);
        for bench in &mut self.benched {
            *bench = bench.saturating_sub(1);
        }
        let mut failures = Vec::new();
        for index in healthy.into_iter().chain(benched) {
            let account = self.schedule.accounts[index].clone();
            if self.chance(failure_rate) {
                self.benched[index] = BENCH_ROUTINGS;
                failures.push(RouteFailure {
                    account,
                    reason: "route failed before output started (simulated)",
                });
            } else {
                return (Some(account), failures);
            }
        }
        (None, failures)
    }
}

/// The SHA-256 of the request's canonical JSON.
fn digest(validated: &Validated) -> RequestDigest {
    let canonical = validated.to_value().to_string();
    let mut digest = [0u8; 32];
    digest.copy_from_slice(
        ring::digest::digest(&ring::digest::SHA256, canonical.as_bytes()).as_ref(),
    );
    digest
}

impl Job {
    fn subject(&self) -> Subject<'_> {
        Subject {
            operation: &self.operation,
            model: self.model.id,
            account: self.account.as_deref(),
        }
    }

    /// Moves a running job whose time has come to its final status, charging or releasing its hold once.
    fn settle(&mut self, now: Instant, ledger: &mut Ledger) {
        if self.status != Status::Running || now < self.finishes_at {
            return;
        }
        if self.fate.is_ok() {
            self.status = Status::Succeeded;
            ledger.charge(self.subject(), &self.billing);
        } else {
            self.status = Status::Failed;
            ledger.release(self.subject(), &self.billing);
        }
    }

    /// `first` marks the create response, whose poll hint is the request's `wait_seconds`.
    fn view(&self, now: Instant, files_url: &str, first: bool) -> JobView {
        // The request's own pace if it gave one, else the time left (to the millisecond), at most 5 s.
        let poll_after_seconds = (self.status == Status::Running).then(|| {
            let requested = if first {
                self.wait_seconds.or(self.poll_interval_seconds)
            } else {
                self.poll_interval_seconds
            };
            requested.unwrap_or_else(|| {
                let remaining = self
                    .finishes_at
                    .saturating_duration_since(now)
                    .as_secs_f64();
                ((remaining * 1000.0).ceil() / 1000.0).min(MAX_POLL_AFTER_SECONDS)
            })
        });
        let data = if self.status == Status::Succeeded {
            (0..self.sample_count)
                .map(|index| Output {
                    url: format!("{files_url}/{}/{index}/video.mp4", self.operation),
                    content_type: "video/mp4",
                })
                .collect()
        } else {
            Vec::new()
        };
        JobView {
            provider: self.model.provider,
            model: self.model.id,
            status: self.status,
            operation: self.operation.clone(),
            poll_after_seconds,
            data,
            error: match (&self.status, &self.fate) {
                (Status::Failed, Err(reason)) => Some(reason.clone()),
                _ => None,
            },
            account: self.account.clone(),
            route_failures: self.route_failures.clone(),
        }
    }
}
