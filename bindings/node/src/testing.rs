//! The local emulator (`omixa-emulator`) in-process, for tests of programs built on this package: the native
//! half of `omixa/testing` (`testing.js`). It runs on the tokio runtime napi-rs owns, so a test needs no
//! `omixa` binary and no second process. Only conversions live here: the emulator decides everything, and
//! checks every setting itself. A setting out of range is thrown with the code `InvalidArg` and a message
//! naming it; `testing.js` throws it as a `RangeError`.

use napi::bindgen_prelude::PromiseRaw;
use napi::{Env, Status};
use napi_derive::napi;
use omixa_bindings::testing::{RunningEmulator, Stopped};
use omixa_emulator::{Emulator, EmulatorConfig, Faults, InvalidSetting};
use std::num::NonZeroU64;
use std::time::Duration;

/// What goes wrong, and how often. Counts (`*Every`) number the job requests (creates and status polls)
/// from 1; request n gets the first fault whose count divides it. Each one left out (or null) is off.
#[napi(object)]
#[derive(Debug, Default)]
pub struct FaultOptions {
    /// Answer 429 with `Retry-After: retryAfterSeconds`; the request is not acted on.
    pub rate_limit_every: Option<i64>,
    /// The `Retry-After` of an injected 429, in seconds. Default: 1.
    pub retry_after_seconds: Option<i64>,
    /// Answer 500; not acted on.
    pub fail_every: Option<i64>,
    /// Act on the request (a create makes its job), then cut the connection halfway through the answer.
    pub drop_every: Option<i64>,
    /// Act on the request, then answer 200 with the JSON body cut in half.
    pub malformed_every: Option<i64>,
    /// Delay every request before it is handled, in milliseconds.
    pub latency_ms: Option<i64>,
    /// Delay every response after the request was handled, in milliseconds.
    pub answer_latency_ms: Option<i64>,
    /// Probability (0 to 1) that a job fails after it started; its hold is released.
    pub job_failure_rate: Option<f64>,
    /// Probability (0 to 1) that a provider account's route fails; the next account takes the job.
    pub route_failure_rate: Option<f64>,
}

/// Options of `Emulator.start`. Each one left out takes its default.
#[napi(object)]
#[derive(Debug, Default)]
pub struct EmulatorOptions {
    /// How long each job runs, in seconds. Default: 0 (final at the first poll).
    pub job_seconds: Option<f64>,
    /// When given, each job runs a random time from `jobSeconds` to this.
    pub job_seconds_max: Option<f64>,
    /// Fixes every random choice (operation ids, failed routes and jobs), so a run can be repeated.
    /// Default: random.
    pub seed: Option<i64>,
    /// The key clients must send. Default: a generated one.
    pub api_key: Option<String>,
    /// Simulated provider accounts, 1 to 64. Default: 3.
    pub accounts: Option<u32>,
    /// The faults it starts with. Default: none.
    pub faults: Option<FaultOptions>,
    /// Serve the live dashboard at `/` (jobs, ledger, faults, videos). Default: false.
    pub dashboard: Option<bool>,
    /// A catalog folder whose models it serves besides the built-in ones. Default: `OMIXA_CATALOG`'s.
    pub catalog: Option<String>,
}

/// One line of the ledger.
#[napi(object)]
#[derive(Debug)]
pub struct UsageRecord {
    /// Position in the ledger, from 1.
    pub seq: i64,
    /// `hold` at create; then `charge` when the job succeeded, or `release` when it failed.
    #[napi(ts_type = "'hold' | 'charge' | 'release'")]
    pub kind: String,
    pub operation: String,
    pub model: String,
    /// The simulated provider account that ran the job, if any did.
    pub account: Option<String>,
    /// An exact decimal, e.g. `"0.40"`.
    pub amount: String,
    /// Null for a model without a published price (held and charged 0).
    pub currency: Option<String>,
    pub note: Option<String>,
}

/// The ledger: every record, oldest first, and how many creates made a job.
#[napi(object)]
#[derive(Debug)]
pub struct Usage {
    pub records: Vec<UsageRecord>,
    /// Creates that made a job (a replay of an `Idempotency-Key` makes none).
    pub creates: i64,
    /// Creates answered with the job an earlier create of the same `Idempotency-Key` made.
    pub idempotent_replays: i64,
}

/// A running emulator (the native half of `Emulator` in `omixa/testing`).
#[napi(js_name = "NativeEmulator")]
#[derive(Debug)]
pub struct NativeEmulator(RunningEmulator);

/// Starts an emulator on a free loopback port.
#[napi(catch_unwind, ts_return_type = "Promise<NativeEmulator>")]
pub fn start_emulator<'env>(
    env: &'env Env,
    options: Option<EmulatorOptions>,
) -> napi::Result<PromiseRaw<'env, NativeEmulator>> {
    let options = options.unwrap_or_default();
    let config = EmulatorConfig {
        catalog: crate::error::native(env, || crate::runtime_catalog::load(options.catalog))?,
        port: 0,
        api_key: options.api_key,
        job_seconds: options.job_seconds.unwrap_or(0.0),
        job_seconds_max: options.job_seconds_max,
        seed: options
            .seed
            .map(|seed| whole("seed", seed, 0))
            .transpose()?,
        accounts: options
            .accounts
            .map_or(Ok(EmulatorConfig::default().accounts), |accounts| {
                u16::try_from(accounts)
                    .map_err(|_| invalid_arg(format!("accounts: expected 1 to 64, got {accounts}")))
            })?,
        dashboard: options.dashboard.unwrap_or(false),
        ..EmulatorConfig::default()
    }
    .with_faults(to_faults(options.faults.unwrap_or_default())?);
    config.check().map_err(invalid)?;
    env.spawn_future(async move {
        let emulator = Emulator::start(config).await.map_err(|error| {
            napi::Error::from_reason(format!("cannot start the emulator: {error}"))
        })?;
        Ok(NativeEmulator(RunningEmulator::new(emulator)))
    })
}

#[napi]
impl NativeEmulator {
    /// `http://127.0.0.1:<port>`.
    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.0.base_url().to_owned()
    }

    /// The key clients must send.
    #[napi(getter, catch_unwind)]
    pub fn api_key(&self) -> String {
        self.0.api_key().to_owned()
    }

    /// The faults in force, every field present (null for a fault that is off).
    #[napi(catch_unwind, ts_return_type = "Required<FaultOptions>")]
    pub fn faults(&self) -> napi::Result<FaultOptions> {
        let faults = self.with_running(Emulator::faults)?;
        let count = |every: Option<NonZeroU64>| every.map(|every| saturating(every.get()));
        Ok(FaultOptions {
            rate_limit_every: count(faults.rate_limit_every),
            retry_after_seconds: Some(saturating(faults.retry_after_seconds)),
            fail_every: count(faults.fail_every),
            drop_every: count(faults.drop_every),
            malformed_every: count(faults.malformed_every),
            latency_ms: Some(millis(faults.latency)),
            answer_latency_ms: Some(millis(faults.answer_latency)),
            job_failure_rate: Some(faults.job_failure_rate),
            route_failure_rate: Some(faults.route_failure_rate),
        })
    }

    /// Replaces the faults from the next request on (each one left out is off).
    #[napi(catch_unwind)]
    pub fn set_faults(&self, faults: FaultOptions) -> napi::Result<()> {
        let faults = to_faults(faults)?;
        self.with_running(|emulator| emulator.set_faults(faults))?
            .map_err(invalid)
    }

    /// The ledger (jobs whose time has come are settled first).
    #[napi(catch_unwind)]
    pub fn usage(&self) -> napi::Result<Usage> {
        let usage = self.with_running(Emulator::usage)?;
        Ok(Usage {
            records: usage
                .records
                .into_iter()
                .map(|record| UsageRecord {
                    seq: saturating(record.seq),
                    kind: record.kind.as_str().to_owned(),
                    operation: record.operation,
                    model: record.model.to_owned(),
                    account: record.account,
                    amount: record.amount.to_string(),
                    currency: record.currency.map(str::to_owned),
                    note: record.note,
                })
                .collect(),
            creates: saturating(usage.creates),
            idempotent_replays: saturating(usage.idempotent_replays),
        })
    }

    /// Job requests (creates and status calls) served so far, faulted ones included.
    #[napi(catch_unwind)]
    pub fn job_requests(&self) -> napi::Result<i64> {
        self.with_running(|emulator| saturating(emulator.job_requests()))
    }

    /// Stops accepting connections and resolves once open ones are done. Stopping twice does nothing.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn stop<'env>(&self, env: &'env Env) -> napi::Result<PromiseRaw<'env, ()>> {
        let emulator = self.0.take();
        env.spawn_future(async move {
            if let Some(emulator) = emulator {
                emulator.shutdown().await;
            }
            Ok(())
        })
    }
}

impl NativeEmulator {
    fn with_running<T>(&self, ask: impl FnOnce(&Emulator) -> T) -> napi::Result<T> {
        self.0
            .with_running(ask)
            .map_err(|stopped: Stopped| napi::Error::from_reason(stopped.to_string()))
    }
}

fn to_faults(faults: FaultOptions) -> napi::Result<Faults> {
    let defaults = Faults::default();
    let every = |field: &str, value: Option<i64>| {
        value
            .map(|value| whole(field, value, 1).map(NonZeroU64::new))
            .transpose()
            .map(Option::flatten)
    };
    let duration = |field: &str, value: Option<i64>| {
        value.map_or(Ok(Duration::ZERO), |value| {
            whole(field, value, 0).map(Duration::from_millis)
        })
    };
    Ok(Faults {
        rate_limit_every: every("rateLimitEvery", faults.rate_limit_every)?,
        retry_after_seconds: faults
            .retry_after_seconds
            .map_or(Ok(defaults.retry_after_seconds), |seconds| {
                whole("retryAfterSeconds", seconds, 0)
            })?,
        fail_every: every("failEvery", faults.fail_every)?,
        drop_every: every("dropEvery", faults.drop_every)?,
        malformed_every: every("malformedEvery", faults.malformed_every)?,
        latency: duration("latencyMs", faults.latency_ms)?,
        answer_latency: duration("answerLatencyMs", faults.answer_latency_ms)?,
        job_failure_rate: faults.job_failure_rate.unwrap_or(defaults.job_failure_rate),
        route_failure_rate: faults
            .route_failure_rate
            .unwrap_or(defaults.route_failure_rate),
    })
}

/// A whole number from `least`.
fn whole(field: &str, value: i64, least: u64) -> napi::Result<u64> {
    u64::try_from(value)
        .ok()
        .filter(|value| *value >= least)
        .ok_or_else(|| {
            invalid_arg(format!(
                "{field}: expected a whole number from {least}, got {value}"
            ))
        })
}

fn invalid_arg(message: String) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message)
}

/// The emulator's names are Rust's (`job_failure_rate`); JavaScript callers know them in camelCase.
fn invalid(error: InvalidSetting) -> napi::Error {
    invalid_arg(format!(
        "{}: expected {}",
        camel_case(error.field),
        error.expected
    ))
}

fn camel_case(name: &str) -> String {
    let mut words = name.split('_');
    let first = words.next().unwrap_or_default().to_owned();
    words.fold(first, |mut camel, word| {
        let mut letters = word.chars();
        if let Some(initial) = letters.next() {
            camel.extend(initial.to_uppercase());
            camel.push_str(letters.as_str());
        }
        camel
    })
}

fn saturating(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}
