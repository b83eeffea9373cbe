//! The emulator's request handling, in-process: its router is called through `tower::ServiceExt::oneshot`
//! with a sequence of arbitrary requests (method, path, query, headers, body), no socket.
//!
//! Requests are structure-aware: mostly the emulator's own routes, with the key, and with bodies that are
//! generated requests or status queries naming the operation the previous answer created.

use crate::generate;
use arbitrary::{Arbitrary, Unstructured};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use omixa_emulator::EmulatorConfig;
use serde_json::{Value, json};
use std::num::NonZeroU64;
use std::sync::OnceLock;
use tower::ServiceExt;

const API_KEY: &str = "omx_fuzz_key";
/// Result URLs point here; nothing listens, nothing is fetched.
const BASE_URL: &str = "http://127.0.0.1:9";
/// The most requests of one input, so one input stays quick.
const MAX_EXCHANGES: usize = 8;

/// Sends the requests the bytes describe to a fresh emulator, one after another.
///
/// Invariants: no request makes a handler panic; without injected faults nothing answers 5xx; every 4xx or
/// 5xx is the JSON error shape `{"error": {"code", "message"}}`; every 200 of a job route is a job the
/// client can read (unless truncated bodies are being injected).
pub fn emulator(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(session) = Session::arbitrary(&mut u) else {
        return;
    };
    runtime().block_on(session.run());
}

fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime")
    })
}

#[derive(Debug, Arbitrary)]
struct Session {
    faults: Faults,
    exchanges: Vec<Exchange>,
}

/// The emulator's fault flags, as small numbers (0 is off).
#[derive(Debug, Arbitrary)]
struct Faults {
    rate_limit_every: u8,
    fail_every: u8,
    drop_every: u8,
    malformed_every: u8,
    job_failure_percent: u8,
    route_failure_percent: u8,
    accounts: u8,
    retry_after_seconds: u8,
}

#[derive(Debug, Arbitrary)]
struct Exchange {
    method: MethodChoice,
    route: Route,
    query: Option<Query>,
    auth: Auth,
    idempotency_key: Option<String>,
    json_content_type: bool,
    headers: Vec<(String, String)>,
    body: BodyChoice,
}

#[derive(Debug, Arbitrary)]
enum MethodChoice {
    Get,
    Post,
    Put,
    Delete,
    Head,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum Route {
    /// The create path of the n-th model's endpoint.
    Create(u8),
    /// The status path of the n-th model's endpoint.
    Status(u8),
    Usage,
    /// The first result file of the last job answered.
    LastResult,
    File {
        operation: Operation,
        index: String,
        name: String,
    },
    Any(String),
}

#[derive(Debug, Arbitrary)]
enum Query {
    Status { operation: Operation, model: u8 },
    Raw(String),
}

#[derive(Debug, Arbitrary)]
enum Operation {
    /// The operation of the last job answered.
    Last,
    Named(String),
}

#[derive(Debug, Arbitrary)]
enum Auth {
    Key,
    None,
    Other(String),
}

#[derive(Debug, Arbitrary)]
enum BodyChoice {
    Empty,
    Raw(Vec<u8>),
    Request(GeneratedRequest),
    Status {
        operation: Operation,
        model: Option<u8>,
    },
}

/// A request built by [`generate::request`].
#[derive(Debug)]
struct GeneratedRequest(Value);

impl<'a> Arbitrary<'a> for GeneratedRequest {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        generate::request(u).map(GeneratedRequest)
    }
}

/// What earlier answers told: the last job's operation and first result URL.
#[derive(Debug, Default)]
struct Memory {
    operation: String,
    result_url: String,
}

impl Memory {
    fn operation(&self, operation: &Operation) -> String {
        match operation {
            Operation::Last => self.operation.clone(),
            Operation::Named(name) => name.clone(),
        }
    }
}

fn every(n: u8) -> Option<NonZeroU64> {
    NonZeroU64::new(u64::from(n))
}

fn model_id(n: u8) -> &'static str {
    let models = omixa::models();
    models[usize::from(n) % models.len()].id
}

impl Session {
    async fn run(self) {
        let faults = &self.faults;
        let config = EmulatorConfig {
            api_key: Some(API_KEY.to_owned()),
            job_seconds: 0.0,
            job_failure_rate: f64::from(faults.job_failure_percent.min(100)) / 100.0,
            route_failure_rate: f64::from(faults.route_failure_percent.min(100)) / 100.0,
            accounts: u16::from(faults.accounts % 4 + 1),
            seed: Some(0),
            rate_limit_every: every(faults.rate_limit_every),
            retry_after_seconds: u64::from(faults.retry_after_seconds),
            fail_every: every(faults.fail_every),
            drop_every: every(faults.drop_every),
            malformed_every: every(faults.malformed_every),
            ..EmulatorConfig::default()
        };
        let allowed = Allowed {
            server_errors: faults.fail_every != 0 || faults.drop_every != 0,
            cut_bodies: faults.malformed_every != 0,
        };
        let app = omixa_emulator::app(&config, BASE_URL);
        let mut memory = Memory::default();
        for exchange in self.exchanges.into_iter().take(MAX_EXCHANGES) {
            let is_job_route = matches!(exchange.route, Route::Create(_) | Route::Status(_));
            let Some(request) = exchange.request(&memory) else {
                continue;
            };
            let sent = format!("{} {}", request.method(), request.uri());
            // A HEAD answer has no body by definition (axum drops it), so only its status can be checked.
            let head = request.method() == Method::HEAD;
            let response = match app.clone().oneshot(request).await {
                Ok(response) => response,
                Err(infallible) => match infallible {},
            };
            let status = response.status();
            let Ok(body) = axum::body::to_bytes(response.into_body(), usize::MAX).await else {
                continue; // an injected dropped connection
            };
            if head {
                check_status(&sent, status, allowed, &body);
                continue;
            }
            check_response(&sent, status, &body, allowed, is_job_route, &mut memory);
        }
    }
}

impl Exchange {
    /// The HTTP request, or `None` when the fuzzed parts cannot form one (the emulator never sees those).
    fn request(&self, memory: &Memory) -> Option<Request<Body>> {
        let models = omixa::models();
        let endpoint = |n: u8| models[usize::from(n) % models.len()].endpoint;
        let path = match &self.route {
            Route::Create(n) => endpoint(*n).create_path.to_owned(),
            Route::Status(n) => endpoint(*n).status_path.to_owned(),
            Route::Usage => "/api/v1/usage".to_owned(),
            Route::LastResult => memory.result_url.trim_start_matches(BASE_URL).to_owned(),
            Route::File {
                operation,
                index,
                name,
            } => format!("/files/{}/{index}/{name}", memory.operation(operation)),
            Route::Any(path) => path.clone(),
        };
        let query = match &self.query {
            None => String::new(),
            Some(Query::Status { operation, model }) => {
                let pairs = [
                    ("operation", memory.operation(operation)),
                    ("model", model_id(*model).to_owned()),
                ];
                let encoded = pairs
                    .iter()
                    .map(|(key, value)| format!("{key}={}", percent_encode(value)))
                    .collect::<Vec<_>>()
                    .join("&");
                format!("?{encoded}")
            }
            Some(Query::Raw(raw)) => format!("?{raw}"),
        };
        let method = match &self.method {
            MethodChoice::Get => Method::GET,
            MethodChoice::Post => Method::POST,
            MethodChoice::Put => Method::PUT,
            MethodChoice::Delete => Method::DELETE,
            MethodChoice::Head => Method::HEAD,
            MethodChoice::Other(name) => Method::from_bytes(name.as_bytes()).ok()?,
        };
        let mut builder = Request::builder()
            .method(method)
            .uri(format!("{path}{query}"));
        match &self.auth {
            Auth::Key => {
                builder = builder.header(header::AUTHORIZATION, format!("Bearer {API_KEY}"))
            }
            Auth::None => {}
            Auth::Other(value) => builder = builder.header(header::AUTHORIZATION, value),
        }
        if self.json_content_type {
            builder = builder.header(header::CONTENT_TYPE, "application/json");
        }
        if let Some(key) = &self.idempotency_key {
            builder = builder.header("idempotency-key", key);
        }
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let body = match &self.body {
            BodyChoice::Empty => Body::empty(),
            BodyChoice::Raw(bytes) => Body::from(bytes.clone()),
            BodyChoice::Request(GeneratedRequest(request)) => Body::from(request.to_string()),
            BodyChoice::Status { operation, model } => {
                let mut query = json!({"operation": memory.operation(operation)});
                if let Some(model) = model {
                    query["model"] = json!(model_id(*model));
                }
                Body::from(query.to_string())
            }
        };
        builder.body(body).ok()
    }
}

/// What the injected faults of a session allow the emulator to answer.
#[derive(Debug, Clone, Copy)]
struct Allowed {
    /// `--fail-every` answers 500; `--drop-every` answers 500 when a body is too large to cut.
    server_errors: bool,
    /// `--malformed-every` sends any answer's body cut in half, with its status.
    cut_bodies: bool,
}

/// Without injected faults, nothing is a server error.
fn check_status(sent: &str, status: StatusCode, allowed: Allowed, body: &[u8]) {
    assert!(
        allowed.server_errors || !status.is_server_error(),
        "{sent}: {status} without an injected fault: {}",
        String::from_utf8_lossy(body)
    );
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                char::from(byte).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Checks the answer to `sent` (method and URI, for messages).
fn check_response(
    sent: &str,
    status: StatusCode,
    body: &[u8],
    allowed: Allowed,
    is_job_route: bool,
    memory: &mut Memory,
) {
    check_status(sent, status, allowed, body);
    if status.is_client_error() || status.is_server_error() {
        let parsed = serde_json::from_slice::<Value>(body);
        if parsed.is_err() && allowed.cut_bodies {
            return;
        }
        let error: Value = parsed.unwrap_or_else(|_| {
            panic!(
                "{sent}: {status} with a body that is not JSON: {:?}",
                String::from_utf8_lossy(body)
            )
        });
        assert!(
            error["error"]["code"].is_string() && error["error"]["message"].is_string(),
            "{sent}: {status} without the error shape: {error}"
        );
        return;
    }
    if status != StatusCode::OK || !is_job_route {
        return;
    }
    match serde_json::from_slice::<omixa::client::Job>(body) {
        Ok(job) => {
            assert!(
                !job.record.operation.is_empty(),
                "{sent}: a job without an operation"
            );
            memory.operation = job.record.operation;
            if let Some(video) = job.record.data.first() {
                memory.result_url = video.url.clone();
            }
        }
        // A cut body is an injected fault; the client reports it as an invalid response.
        Err(_) if allowed.cut_bodies => {}
        Err(error) => panic!(
            "{sent}: a 200 the client cannot read as a job ({error}): {}",
            String::from_utf8_lossy(body)
        ),
    }
}
