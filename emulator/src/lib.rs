//! The local Omixa emulator (its contract is in `docs/contract.md`): the jobs API on loopback, for trying the SDK without spending money
//! and for every language's tests.
//!
//! | route | what |
//! | --- | --- |
//! | `POST /api/v1/videos/jobs` | create: validated with the core's validators (400 with the same issues), `Idempotency-Key` honoured, cost held |
//! | `POST /api/v1/videos/jobs/status` `{"operation","model"?}` | status |
//! | `GET /api/v1/videos/jobs/status?operation=&model=` | status |
//! | `GET /api/v1/usage` | the usage ledger: holds, charges, releases |
//! | `GET /files/{operation}/{index}/{name}` | a result video (a small real MP4, see [`mp4`]); no key needed, like a pre-signed URL |
//!
//! The job routes come from the catalog's endpoint types, so a new endpoint type is served without code
//! here. The API routes need `Authorization: Bearer <key>`. Faults (`faults.rs`) apply to the job routes;
//! jobs, failover and idempotency live in `state.rs`, billing in `ledger.rs`. State is in memory and lost on
//! exit. No input makes a handler panic.
//!
//! Nothing a client sends can exhaust it: connections are limited and timed out (`server.rs`), request heads
//! and times are bounded and every error is JSON (`guards.rs`), jobs keep a digest of their request rather
//! than the request, and the job history and usage list are bounded (`state.rs`, `ledger.rs`).
//!
//! In-process use (tests, `omixa demo`):
//!
//! ```no_run
//! # async fn run() -> std::io::Result<()> {
//! let emulator = omixa_emulator::Emulator::start(omixa_emulator::EmulatorConfig::default()).await?;
//! println!("{} {}", emulator.base_url(), emulator.api_key());
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```

mod faults;
mod guards;
mod handlers;
mod ledger;
pub mod mp4;
mod server;
mod state;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use faults::{FaultCounter, FaultPlan};
use rand::Rng;
use server::ConnectionLimits;
use state::{DEFAULT_MAX_JOBS, Schedule, World};
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::num::NonZeroU64;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The largest request body accepted (inline images are base64 in the JSON).
const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;
/// Defaults shared by the command line and [`EmulatorConfig::default`].
const DEFAULT_JOB_SECONDS: f64 = 5.0;
const DEFAULT_ACCOUNTS: u16 = 3;
const DEFAULT_RETRY_AFTER_SECONDS: u64 = 1;
/// The longest job, so that every deadline stays representable.
const MAX_JOB_SECONDS: f64 = 86_400.0;
const DEFAULT_MAX_CONNECTIONS: usize = 1_024;
const DEFAULT_HEADER_TIMEOUT_SECONDS: u64 = 10;
const DEFAULT_REQUEST_TIMEOUT_SECONDS: u64 = 30;

/// How the emulator runs. The same struct is the `omixa serve` command line.
#[derive(Debug, Clone, clap::Args)]
pub struct EmulatorConfig {
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
    #[arg(long, default_value_t = DEFAULT_ACCOUNTS, value_parser = clap::value_parser!(u16).range(1..=64))]
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
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_CONNECTIONS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    pub max_connections: usize,
    /// Jobs remembered; past it the oldest finished jobs are forgotten (their status is then 404).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_JOBS, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=10_000_000))]
    pub max_jobs: usize,
    /// Seconds a client may take to send a request's headers, and a connection may stay idle between
    /// requests, before it is closed.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_HEADER_TIMEOUT_SECONDS, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub header_timeout: u64,
    /// Seconds a request (its body included) may take before it is answered 408.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_REQUEST_TIMEOUT_SECONDS, value_parser = clap::value_parser!(u64).range(1..=3_600))]
    pub request_timeout: u64,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
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
        }
    }
}

fn job_seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=MAX_JOB_SECONDS).contains(&seconds) {
        Ok(seconds)
    } else {
        Err(format!("expected seconds from 0 to {MAX_JOB_SECONDS}"))
    }
}

fn probability(text: &str) -> Result<f64, String> {
    let probability: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if (0.0..=1.0).contains(&probability) {
        Ok(probability)
    } else {
        Err("expected a probability from 0 to 1".into())
    }
}

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct Shared {
    api_key: String,
    /// `http://host:port/files`, the prefix of result URLs.
    files_url: String,
    faults: FaultPlan,
    fault_counter: FaultCounter,
    request_ids: AtomicU64,
    /// The longest a request may take to handle (body included).
    request_timeout: Duration,
    world: Mutex<World>,
}

impl Shared {
    fn world(&self) -> MutexGuard<'_, World> {
        // Handlers never panic while holding the lock, and a poisoned world is still consistent enough to serve.
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running emulator. Dropping it stops the server too; [`Emulator::shutdown`] also waits for it.
#[derive(Debug)]
pub struct Emulator {
    base_url: String,
    api_key: String,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Emulator {
    /// Binds and starts serving on the current tokio runtime.
    pub async fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        let listener = TcpListener::bind(SocketAddr::new(config.host, config.port)).await?;
        let address = listener.local_addr()?;
        let base_url = format!("http://{}", display_address(address));
        let api_key = config.api_key.clone().unwrap_or_else(generate_key);
        let limits = ConnectionLimits {
            max_connections: config.max_connections,
            header_timeout: Duration::from_secs(config.header_timeout),
        };
        let app = app_with_key(&config, &base_url, api_key.clone());
        // A dropped sender stops the server as well.
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, app, limits, stopped));
        Ok(Emulator {
            base_url,
            api_key,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The key clients must send.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// Stops accepting connections and waits until open ones are done.
    pub async fn shutdown(mut self) {
        self.stop.take();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    /// Serves until the process gets Ctrl-C (or the server fails).
    pub async fn run_until_ctrl_c(mut self) -> std::io::Result<()> {
        let Some(mut task) = self.task.take() else {
            return Ok(());
        };
        tokio::select! {
            finished = &mut task => return finished.map_err(std::io::Error::other)?,
            interrupted = tokio::signal::ctrl_c() => interrupted?,
        }
        self.stop.take();
        task.await.map_err(std::io::Error::other)?
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The emulator's routes as a service without a socket, for driving it in-process with
/// `tower::ServiceExt::oneshot` (the fuzz targets do). Result URLs start with `base_url`; the API key is
/// `config.api_key` (a generated one if absent). Not a supported API: [`Emulator::start`] is.
#[doc(hidden)]
pub fn app(config: &EmulatorConfig, base_url: &str) -> Router {
    let api_key = config.api_key.clone().unwrap_or_else(generate_key);
    app_with_key(config, base_url, api_key)
}

fn app_with_key(config: &EmulatorConfig, base_url: &str, api_key: String) -> Router {
    let shared = Arc::new(Shared {
        files_url: format!("{base_url}/files"),
        api_key,
        faults: FaultPlan {
            rate_limit_every: config.rate_limit_every,
            retry_after_seconds: config.retry_after_seconds,
            fail_every: config.fail_every,
            drop_every: config.drop_every,
            malformed_every: config.malformed_every,
            latency: Duration::from_millis(config.latency_ms),
            answer_latency: Duration::from_millis(config.answer_latency_ms),
        },
        fault_counter: FaultCounter::default(),
        request_ids: AtomicU64::new(0),
        request_timeout: Duration::from_secs(config.request_timeout),
        world: Mutex::new(
            World::new(schedule(config), config.seed.unwrap_or_else(rand::random))
                .with_max_jobs(config.max_jobs),
        ),
    });
    router(shared)
}

fn schedule(config: &EmulatorConfig) -> Schedule {
    Schedule {
        job_duration: Duration::try_from_secs_f64(config.job_seconds).unwrap_or_default(),
        job_duration_max: config
            .job_seconds_max
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok()),
        job_failure_rate: config.job_failure_rate,
        route_failure_rate: config.route_failure_rate,
        accounts: (1..=config.accounts.max(1))
            .map(|n| format!("vertex-account-{n}"))
            .collect(),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    // Each endpoint type of the catalog brings its create and status paths.
    let endpoints: BTreeSet<(&str, &str)> = omixa::models()
        .iter()
        .map(|model| (model.endpoint.create_path, model.endpoint.status_path))
        .collect();
    let mut jobs = Router::new();
    // A known path with a method it does not take answers the JSON error shape too (with `Allow`).
    let wrong_method = handlers::method_not_allowed;
    for (create_path, status_path) in endpoints {
        jobs = jobs
            .route(create_path, post(handlers::create).fallback(wrong_method))
            .route(
                status_path,
                post(handlers::status_post)
                    .get(handlers::status_get)
                    .fallback(wrong_method),
            );
    }
    let jobs = jobs.layer(axum::middleware::from_fn_with_state(
        shared.clone(),
        faults::inject,
    ));
    let api = Router::new()
        .merge(jobs)
        .route("/api/v1/usage", get(handlers::usage).fallback(wrong_method))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            handlers::require_key,
        ));
    // Outermost last: request id and latency, then JSON errors, then the bounds, then the routes.
    Router::new()
        .merge(api)
        .route(
            "/files/{operation}/{index}/{name}",
            get(handlers::result_file).fallback(wrong_method),
        )
        .fallback(handlers::not_found)
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            guards::limit_request_time,
        ))
        .layer(axum::middleware::from_fn(guards::limit_request_head))
        .layer(axum::middleware::from_fn(guards::json_errors))
        .layer(axum::middleware::from_fn_with_state(
            shared.clone(),
            faults::latency_and_request_id,
        ))
        .with_state(shared)
}

/// An address as it goes in a URL; an unspecified bind address is reached through loopback.
fn display_address(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V4(ip) if ip.is_unspecified() => format!("127.0.0.1:{}", address.port()),
        IpAddr::V6(ip) if ip.is_unspecified() => format!("[::1]:{}", address.port()),
        _ => address.to_string(),
    }
}

/// A fresh test key, e.g. `omx_test_3f9a…`.
fn generate_key() -> String {
    format!("omx_test_{:032x}", rand::rng().random::<u128>())
}
