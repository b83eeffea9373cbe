//! How an emulator is configured: [`EmulatorConfig`], which is also the `omixa serve` command line, so every
//! flag is an option of the library too. Values a program passes are checked when the emulator starts
//! ([`EmulatorConfig::check`]), as clap checks the flags.

use crate::faults::{Faults, InvalidSetting, check_probability};
use crate::state::DEFAULT_MAX_JOBS;
use omixa::Catalog;
use std::net::{IpAddr, Ipv4Addr};
use std::num::NonZeroU64;
use std::time::Duration;

/// Defaults shared by the command line and [`EmulatorConfig::default`].
const DEFAULT_JOB_SECONDS: f64 = 5.0;
const DEFAULT_ACCOUNTS: u16 = 3;
const DEFAULT_RETRY_AFTER_SECONDS: u64 = 1;
/// The longest job, so that every deadline stays representable.
const MAX_JOB_SECONDS: f64 = 86_400.0;
const DEFAULT_MAX_CONNECTIONS: usize = 1_024;
const DEFAULT_HEADER_TIMEOUT_SECONDS: u64 = 10;
const DEFAULT_REQUEST_TIMEOUT_SECONDS: u64 = 30;
/// The largest values the command line takes.
const MAX_ACCOUNTS: u16 = 64;
const MAX_CONNECTIONS: u64 = 1_000_000;
const MAX_JOBS: u64 = 10_000_000;
const MAX_TIMEOUT_SECONDS: u64 = 3_600;

/// How the emulator runs. The same struct is the `omixa serve` command line.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorConfig {
    /// The models the emulator accepts and bills (`omixa --catalog` sets it). Default: the built-in ones.
    #[arg(skip = Catalog::builtin())]
    pub catalog: &'static Catalog,
    /// Address to listen on. Keep it on loopback: the emulator is for this machine only.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// The API key clients must send. Default: OMIXA_API_KEY, else a generated key (printed).
    #[arg(long = "key", env = "OMIXA_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// How long each job runs before it succeeds or fails, in seconds.
    #[arg(long, default_value_t = DEFAULT_JOB_SECONDS, value_parser = job_seconds)]
    pub job_seconds: f64,
    /// When given, each job runs a random time from --job-seconds to this many seconds (seeded like every
    /// random choice).
    #[arg(long, value_name = "SECONDS", value_parser = job_seconds)]
    pub job_seconds_max: Option<f64>,
    /// Probability (0 to 1) that a job fails after it started; its hold is released.
    #[arg(long, default_value_t = 0.0, value_parser = probability)]
    pub job_failure_rate: f64,
    /// Probability (0 to 1) that the route to one provider account fails before output starts; the next
    /// healthy account takes the job.
    #[arg(long, default_value_t = 0.0, value_parser = probability)]
    pub route_failure_rate: f64,
    /// Number of simulated provider accounts.
    #[arg(long, default_value_t = DEFAULT_ACCOUNTS, value_parser = clap::value_parser!(u16).range(1..=i64::from(MAX_ACCOUNTS)))]
    pub accounts: u16,
    /// Seed of every random choice (operations, failures), for reproducible runs. Default: random.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Answer every Nth job request with 429 and a Retry-After.
    #[arg(long, value_name = "N")]
    pub rate_limit_every: Option<NonZeroU64>,
    /// The Retry-After of injected 429s, in seconds.
    #[arg(long = "retry-after", value_name = "SECONDS", default_value_t = DEFAULT_RETRY_AFTER_SECONDS)]
    pub retry_after_seconds: u64,
    /// Answer every Nth job request with 500, without acting on it.
    #[arg(long, value_name = "N")]
    pub fail_every: Option<NonZeroU64>,
    /// Act on every Nth job request, then cut the connection halfway through the response.
    #[arg(long, value_name = "N")]
    pub drop_every: Option<NonZeroU64>,
    /// Act on every Nth job request, then send its JSON body cut in half.
    #[arg(long, value_name = "N")]
    pub malformed_every: Option<NonZeroU64>,
    /// Delay every response by this many milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub latency_ms: u64,
    /// Delay every response by this many milliseconds after the request was acted on (a create has made
    /// its job before the client hears of it).
    #[arg(long, value_name = "MS", default_value_t = 0)]
    pub answer_latency_ms: u64,
    /// Connections served at once; one more is answered 503 and closed. Keep it below the open-file limit
    /// (`ulimit -n`).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONNECTIONS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_CONNECTIONS))]
    pub max_connections: usize,
    /// Jobs remembered; past it the oldest finished jobs are forgotten (their status is then 404).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_JOBS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_JOBS))]
    pub max_jobs: usize,
    /// Seconds a client may take to send a request's headers, and a connection may stay idle between
    /// requests, before it is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_HEADER_TIMEOUT_SECONDS, value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECONDS))]
    pub header_timeout: u64,
    /// Seconds a request (its body included) may take before it is answered 408.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_REQUEST_TIMEOUT_SECONDS, value_parser = clap::value_parser!(u64).range(1..=MAX_TIMEOUT_SECONDS))]
    pub request_timeout: u64,
    /// Do not serve the dashboard, the live page of the jobs, ledger, faults and videos at `/`. (In-process
    /// emulators leave it off unless `dashboard` is set: `EmulatorConfig::default()` has it false.)
    #[arg(long = "no-dashboard", action = clap::ArgAction::SetFalse)]
    pub dashboard: bool,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            catalog: Catalog::builtin(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            api_key: None,
            job_seconds: DEFAULT_JOB_SECONDS,
            job_seconds_max: None,
            job_failure_rate: 0.0,
            route_failure_rate: 0.0,
            accounts: DEFAULT_ACCOUNTS,
            seed: None,
            rate_limit_every: None,
            retry_after_seconds: DEFAULT_RETRY_AFTER_SECONDS,
            fail_every: None,
            drop_every: None,
            malformed_every: None,
            latency_ms: 0,
            answer_latency_ms: 0,
            max_connections: DEFAULT_MAX_CONNECTIONS,
            max_jobs: DEFAULT_MAX_JOBS,
            header_timeout: DEFAULT_HEADER_TIMEOUT_SECONDS,
            request_timeout: DEFAULT_REQUEST_TIMEOUT_SECONDS,
            dashboard: false,
        }
    }
}

impl EmulatorConfig {
    /// Checks what clap checks for the command line, for a config a program built: each error names the
    /// field and what it expected.
    pub fn check(&self) -> Result<(), InvalidSetting> {
        check_job_seconds("job_seconds", self.job_seconds)?;
        if let Some(longest) = self.job_seconds_max {
            check_job_seconds("job_seconds_max", longest)?;
        }
        self.faults().check()?;
        check_range(
            "accounts",
            u64::from(self.accounts),
            u64::from(MAX_ACCOUNTS),
        )?;
        check_range(
            "max_connections",
            self.max_connections as u64,
            MAX_CONNECTIONS,
        )?;
        check_range("max_jobs", self.max_jobs as u64, MAX_JOBS)?;
        check_range("header_timeout", self.header_timeout, MAX_TIMEOUT_SECONDS)?;
        check_range("request_timeout", self.request_timeout, MAX_TIMEOUT_SECONDS)
    }

    /// This config starting with `faults` (latencies in whole milliseconds, as the command line takes them).
    pub fn with_faults(self, faults: Faults) -> Self {
        let millis = |duration: Duration| u64::try_from(duration.as_millis()).unwrap_or(u64::MAX);
        EmulatorConfig {
            rate_limit_every: faults.rate_limit_every,
            retry_after_seconds: faults.retry_after_seconds,
            fail_every: faults.fail_every,
            drop_every: faults.drop_every,
            malformed_every: faults.malformed_every,
            latency_ms: millis(faults.latency),
            answer_latency_ms: millis(faults.answer_latency),
            job_failure_rate: faults.job_failure_rate,
            route_failure_rate: faults.route_failure_rate,
            ..self
        }
    }

    /// The faults this config starts with.
    pub fn faults(&self) -> Faults {
        Faults {
            rate_limit_every: self.rate_limit_every,
            retry_after_seconds: self.retry_after_seconds,
            fail_every: self.fail_every,
            drop_every: self.drop_every,
            malformed_every: self.malformed_every,
            latency: Duration::from_millis(self.latency_ms),
            answer_latency: Duration::from_millis(self.answer_latency_ms),
            job_failure_rate: self.job_failure_rate,
            route_failure_rate: self.route_failure_rate,
        }
    }
}

fn check_job_seconds(field: &'static str, seconds: f64) -> Result<(), InvalidSetting> {
    if (0.0..=MAX_JOB_SECONDS).contains(&seconds) {
        Ok(())
    } else {
        Err(InvalidSetting {
            field,
            expected: format!("seconds from 0 to {MAX_JOB_SECONDS}, got {seconds}"),
        })
    }
}

fn check_range(field: &'static str, value: u64, most: u64) -> Result<(), InvalidSetting> {
    if (1..=most).contains(&value) {
        Ok(())
    } else {
        Err(InvalidSetting {
            field,
            expected: format!("1 to {most}, got {value}"),
        })
    }
}

/// Parses `--job-seconds` and `--job-seconds-max`.
fn job_seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    check_job_seconds("seconds", seconds)
        .map(|()| seconds)
        .map_err(|error| format!("expected {}", error.expected))
}

/// Parses the failure rates.
fn probability(text: &str) -> Result<f64, String> {
    let probability: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    check_probability("rate", probability)
        .map(|()| probability)
        .map_err(|error| format!("expected {}", error.expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_value_is_named() {
        let error = |config: EmulatorConfig| config.check().map_err(|error| error.to_string());
        assert_eq!(error(EmulatorConfig::default()), Ok(()));
        let faults = Faults {
            drop_every: NonZeroU64::new(4),
            latency: Duration::from_millis(30),
            route_failure_rate: 0.25,
            ..Faults::default()
        };
        assert_eq!(
            EmulatorConfig::default().with_faults(faults).faults(),
            faults
        );
        let rate = EmulatorConfig {
            job_failure_rate: 1.5,
            ..EmulatorConfig::default()
        };
        assert_eq!(
            error(rate),
            Err("job_failure_rate: expected a probability from 0 to 1, got 1.5".to_owned())
        );
        let seconds = EmulatorConfig {
            job_seconds: f64::NAN,
            ..EmulatorConfig::default()
        };
        assert!(error(seconds).is_err_and(|message| message.starts_with("job_seconds: ")));
        let accounts = EmulatorConfig {
            accounts: 0,
            ..EmulatorConfig::default()
        };
        assert_eq!(
            error(accounts),
            Err("accounts: expected 1 to 64, got 0".to_owned())
        );
    }
}
