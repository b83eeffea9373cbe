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
//! | `GET /`, `GET /dashboard/...` | when [`EmulatorConfig::dashboard`] is on: a live page of the jobs, ledger, faults and videos (`dashboard/`) |
//! | `GET /docs/`, `/docs/<page>`, `/examples/<model-id>/<file>` | the generated model reference and its examples (`docs.rs`); no key needed |
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
//! In-process use (tests of Rust, Python and Node programs, `omixa demo`): every `omixa serve` flag is a field
//! of [`EmulatorConfig`], the faults can change while it runs ([`Emulator::set_faults`]), and the ledger is
//! data ([`Emulator::usage`]):
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use omixa_emulator::{Emulator, EmulatorConfig, Faults};
//! let config = EmulatorConfig { job_seconds: 0.0, seed: Some(7), ..Default::default() };
//! let emulator = Emulator::start(config).await?;
//! println!("{} {}", emulator.base_url(), emulator.api_key());
//! let every_other = std::num::NonZeroU64::new(2);
//! emulator.set_faults(Faults { rate_limit_every: every_other, ..emulator.faults() })?;
//! let records = emulator.usage().records;
//! emulator.shutdown().await;
//! # Ok(()) }
//! ```

mod config;
mod dashboard;
mod docs;
mod error_body;
mod faults;
mod guards;
mod handlers;
mod ledger;
pub mod mp4;
mod server;
mod state;

pub use config::EmulatorConfig;
pub use faults::{Faults, InvalidSetting};
pub use ledger::{Amounts, Totals, Usage, UsageKind, UsageRecord};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use faults::{FaultCounter, FaultLog};
use omixa::Catalog;
use rand::Rng;
use server::ConnectionLimits;
use state::{Schedule, World};
use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock};
use std::time::{Duration, Instant};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// The largest request body accepted (inline images are base64 in the JSON).
const MAX_REQUEST_BYTES: usize = 64 * 1024 * 1024;

/// What every handler shares.
#[derive(Debug)]
pub(crate) struct Shared {
    api_key: String,
    /// `http://host:port/files`, the prefix of result URLs.
    files_url: String,
    /// Read by every request, written by [`Emulator::set_faults`].
    faults: RwLock<Faults>,
    fault_counter: FaultCounter,
    fault_log: Mutex<FaultLog>,
    /// What the dashboard shows of the configuration; `None` when the dashboard is off.
    dashboard: Option<dashboard::Settings>,
    request_ids: AtomicU64,
    /// The longest a request may take to handle (body included).
    request_timeout: Duration,
    catalog: &'static Catalog,
    world: Mutex<World>,
}

impl Shared {
    fn world(&self) -> MutexGuard<'_, World> {
        // Handlers never panic while holding the lock, and a poisoned world is still consistent enough to serve.
        self.world.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The faults as they are now (a copy: the lock is not held while a request is handled).
    fn faults(&self) -> Faults {
        *self.faults.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn fault_log(&self) -> MutexGuard<'_, FaultLog> {
        self.fault_log
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// A running emulator. Dropping it stops the server too; [`Emulator::shutdown`] also waits for it.
#[derive(Debug)]
pub struct Emulator {
    base_url: String,
    api_key: String,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<std::io::Result<()>>>,
}

impl Emulator {
    /// Binds and starts serving on the current tokio runtime. A config out of range is an
    /// [`std::io::ErrorKind::InvalidInput`] error naming the field ([`EmulatorConfig::check`]).
    pub async fn start(config: EmulatorConfig) -> std::io::Result<Emulator> {
        config
            .check()
            .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidInput, error))?;
        let listener = TcpListener::bind(SocketAddr::new(config.host, config.port)).await?;
        let address = listener.local_addr()?;
        let base_url = format!("http://{}", display_address(address));
        let api_key = config.api_key.clone().unwrap_or_else(generate_key);
        let limits = ConnectionLimits {
            max_connections: config.max_connections,
            header_timeout: Duration::from_secs(config.header_timeout),
        };
        let shared = shared(&config, &base_url, api_key.clone());
        let app = router(shared.clone());
        // A dropped sender stops the server as well.
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(server::serve(listener, app, limits, stopped));
        Ok(Emulator {
            base_url,
            api_key,
            shared,
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

    /// The faults in force.
    pub fn faults(&self) -> Faults {
        self.shared.faults()
    }

    /// Changes the faults from the next request on (the count of job requests that `*_every` divides goes
    /// on). The rates apply to jobs created from then on.
    pub fn set_faults(&self, faults: Faults) -> Result<(), InvalidSetting> {
        faults.check()?;
        *self
            .shared
            .faults
            .write()
            .unwrap_or_else(PoisonError::into_inner) = faults;
        Ok(())
    }

    /// The usage ledger, as `GET /api/v1/usage` answers it (jobs whose time has come are settled first).
    pub fn usage(&self) -> Usage {
        self.shared.world().usage(Instant::now()).to_usage()
    }

    /// Job requests (creates and status calls with the right key) served so far, faulted ones included: the
    /// count the `*_every` faults divide. A test reads it to see that a client retried.
    pub fn job_requests(&self) -> u64 {
        self.shared.fault_counter.count()
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
    router(shared(config, base_url, api_key))
}

fn shared(config: &EmulatorConfig, base_url: &str, api_key: String) -> Arc<Shared> {
    Arc::new(Shared {
        catalog: config.catalog,
        files_url: format!("{base_url}/files"),
        api_key,
        faults: RwLock::new(config.faults()),
        fault_counter: FaultCounter::default(),
        fault_log: Mutex::default(),
        dashboard: config
            .dashboard
            .then(|| dashboard::Settings::new(config, base_url)),
        request_ids: AtomicU64::new(0),
        request_timeout: Duration::from_secs(config.request_timeout),
        world: Mutex::new(
            World::new(schedule(config), config.seed.unwrap_or_else(rand::random))
                .with_max_jobs(config.max_jobs),
        ),
    })
}

fn schedule(config: &EmulatorConfig) -> Schedule {
    Schedule {
        job_duration: Duration::try_from_secs_f64(config.job_seconds).unwrap_or_default(),
        job_duration_max: config
            .job_seconds_max
            .and_then(|seconds| Duration::try_from_secs_f64(seconds).ok()),
        accounts: (1..=config.accounts.max(1))
            .map(|n| format!("vertex-account-{n}"))
            .collect(),
    }
}

fn router(shared: Arc<Shared>) -> Router {
    // Each endpoint type of the catalog brings its create and status paths.
    let endpoints: BTreeSet<(&str, &str)> = shared
        .catalog
        .models()
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
    let dashboard = match shared.dashboard {
        Some(_) => dashboard::routes(shared.clone()),
        None => Router::new(),
    };
    // Outermost last: request id and latency, then JSON errors, then the bounds, then the routes.
    Router::new()
        .merge(api)
        .merge(dashboard)
        .merge(docs::routes())
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
