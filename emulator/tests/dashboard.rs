//! The dashboard's routes: off unless asked for, open to loopback peers without a key, closed to any other
//! peer without it (the key as a bearer header, or the cookie `?key=` sets), and a state that follows the
//! emulator (jobs, ledger, injected faults). The page itself is checked in a browser by the Node tests
//! (`bindings/node/test/dashboard.test.mjs`).

use axum::body::Body;
use axum::extract::connect_info::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use omixa_emulator::{Emulator, EmulatorConfig};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::num::NonZeroU64;
use tower::ServiceExt;

const KEY: &str = "omx_test_dashboard_3c9d";

/// Jobs finish at once and every random choice is seeded.
fn config() -> EmulatorConfig {
    EmulatorConfig {
        api_key: Some(KEY.to_owned()),
        job_seconds: 0.0,
        seed: Some(7),
        ..EmulatorConfig::default()
    }
}

fn with_dashboard() -> EmulatorConfig {
    EmulatorConfig {
        dashboard: true,
        ..config()
    }
}

async fn start(config: EmulatorConfig) -> Emulator {
    Emulator::start(config)
        .await
        .expect("the emulator starts on a free port")
}

async fn get(url: &str) -> reqwest::Response {
    reqwest::get(url).await.expect("the emulator answers")
}

async fn state(emulator: &Emulator) -> Value {
    let response = get(&format!("{}/dashboard/state", emulator.base_url())).await;
    assert_eq!(response.status(), 200);
    response.json().await.expect("the state is JSON")
}

async fn create(emulator: &Emulator) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/api/v1/videos/jobs", emulator.base_url()))
        .bearer_auth(KEY)
        .json(&json!({"model": "veo-3.1-lite-generate-001", "prompt": "A lighthouse at dawn", "seconds": 8}))
        .send()
        .await
        .expect("the emulator answers")
}

#[tokio::test]
async fn off_unless_asked_for() {
    let emulator = start(config()).await;
    let response = get(&format!("{}/", emulator.base_url())).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: Value = response.json().await.expect("a JSON error");
    assert_eq!(body["error"]["code"], "not_found");
    let response = get(&format!("{}/dashboard/state", emulator.base_url())).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn loopback_gets_the_page_and_its_assets_without_a_key() {
    let emulator = start(with_dashboard()).await;
    let page = get(&format!("{}/", emulator.base_url())).await;
    assert_eq!(page.status(), 200);
    let headers = page.headers().clone();
    assert_eq!(headers[header::CONTENT_TYPE], "text/html; charset=utf-8");
    assert!(
        headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("ASCII")
            .contains("script-src 'self'")
    );
    let html = page.text().await.expect("a body");
    assert!(html.contains(r#"data-state-url="/dashboard/state""#));
    // The settings are rendered into the page, escaped.
    assert!(html.contains(emulator.base_url()), "the address is shown");

    for (asset, content_type) in [
        ("dashboard.js", "text/javascript; charset=utf-8"),
        ("dashboard.css", "text/css; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
    ] {
        let response = get(&format!("{}/dashboard/assets/{asset}", emulator.base_url())).await;
        assert_eq!(response.status(), 200, "{asset}");
        assert_eq!(response.headers()[header::CONTENT_TYPE], content_type);
    }
    let missing = get(&format!(
        "{}/dashboard/assets/secret.txt",
        emulator.base_url()
    ))
    .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_still_needs_the_key() {
    let emulator = start(with_dashboard()).await;
    let usage = get(&format!("{}/api/v1/usage", emulator.base_url())).await;
    assert_eq!(usage.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_state_follows_jobs_and_the_ledger() {
    let emulator = start(with_dashboard()).await;
    let empty = state(&emulator).await;
    assert_eq!(empty["jobs"], Value::Array(vec![]));
    assert_eq!(empty["ledger"]["totals"]["holds"], 0);

    let first: Value = create(&emulator).await.json().await.expect("a job");
    let second: Value = create(&emulator).await.json().await.expect("a job");
    let state = state(&emulator).await;
    let operations: Vec<&Value> = state["jobs"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|job| &job["operation"])
        .collect();
    assert_eq!(
        operations,
        [&second["operation"], &first["operation"]],
        "newest first"
    );
    assert_eq!(state["jobs_remembered"], 2);
    let job = &state["jobs"][0];
    assert_eq!(job["status"], "succeeded", "jobs take no time here");
    assert_eq!(job["model"], second["model"]);
    assert!(job["age_seconds"].as_f64().is_some_and(|age| age >= 0.0));
    // Result URLs are paths, so the browser fetches them from the host it used.
    let url = job["data"][0]["url"].as_str().expect("a URL");
    assert_eq!(
        url,
        format!(
            "/files/{}/0/video.mp4",
            second["operation"].as_str().expect("text")
        )
    );
    let video = get(&format!("{}{url}", emulator.base_url())).await;
    assert_eq!(video.status(), 200);

    let ledger = &state["ledger"];
    assert_eq!(
        (
            ledger["totals"]["holds"].as_u64(),
            ledger["totals"]["charges"].as_u64()
        ),
        (Some(2), Some(2))
    );
    assert_eq!(ledger["creates"], 2);
    let kinds: Vec<&Value> = ledger["records"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|record| &record["kind"])
        .collect();
    assert_eq!(kinds.len(), 4);
    assert_eq!(ledger["records"][0]["seq"], 4, "newest first");
}

#[tokio::test]
async fn the_state_lists_injected_faults() {
    let emulator = start(EmulatorConfig {
        rate_limit_every: NonZeroU64::new(2),
        ..with_dashboard()
    })
    .await;
    assert_eq!(create(&emulator).await.status(), 200);
    assert_eq!(create(&emulator).await.status(), 429);
    let faults = state(&emulator).await["faults"].clone();
    assert_eq!(faults["job_requests"], 2);
    assert_eq!(faults["counts"]["rate_limit"], 1);
    let fault = &faults["recent"][0];
    assert_eq!(
        (
            &fault["request"],
            &fault["fault"],
            &fault["method"],
            &fault["path"]
        ),
        (
            &Value::from(2),
            &Value::from("rate_limit"),
            &Value::from("POST"),
            &Value::from("/api/v1/videos/jobs")
        )
    );
}

/// The router without a socket, so a request can claim any peer.
fn router() -> axum::Router {
    omixa_emulator::app(&with_dashboard(), "http://127.0.0.1:1")
}

fn request(path: &str, peer: Option<&str>) -> axum::http::request::Builder {
    let builder = Request::get(path);
    match peer {
        Some(peer) => {
            let peer: SocketAddr = peer.parse().expect("an address");
            builder.extension(ConnectInfo(peer))
        }
        None => builder,
    }
}

async fn status_of(builder: axum::http::request::Builder) -> axum::http::Response<Body> {
    router()
        .oneshot(builder.body(Body::empty()).expect("a request"))
        .await
        .expect("the router answers")
}

#[tokio::test]
async fn other_peers_need_the_key() {
    let loopbacks = ["127.0.0.1:5000", "[::1]:5000", "[::ffff:127.0.0.1]:5000"];
    for peer in loopbacks {
        let response = status_of(request("/dashboard/state", Some(peer))).await;
        assert_eq!(response.status(), 200, "{peer}");
    }
    for peer in [Some("192.0.2.7:5000"), Some("[2001:db8::1]:5000"), None] {
        for path in ["/", "/dashboard/state", "/dashboard/assets/dashboard.js"] {
            let response = status_of(request(path, peer)).await;
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{path} from {peer:?}"
            );
        }
        let bearer = request("/dashboard/state", peer)
            .header(header::AUTHORIZATION, format!("Bearer {KEY}"));
        assert_eq!(status_of(bearer).await.status(), 200, "{peer:?}");
        let wrong = request("/dashboard/state", peer).header(header::AUTHORIZATION, "Bearer nope");
        assert_eq!(status_of(wrong).await.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn the_key_in_the_address_becomes_a_cookie() {
    let peer = Some("192.0.2.7:5000");
    let wrong = status_of(request("/?key=nope", peer)).await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);

    let admitted = status_of(request(&format!("/?key={KEY}"), peer)).await;
    assert_eq!(admitted.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        admitted.headers()[header::LOCATION],
        "/",
        "the key leaves the address bar"
    );
    let cookie = admitted.headers()[header::SET_COOKIE]
        .to_str()
        .expect("ASCII")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    assert!(
        !cookie.contains(KEY),
        "the cookie holds a digest, not the key"
    );
    let pair = cookie.split(';').next().expect("name=value").to_owned();

    let page =
        status_of(request("/", peer).header(header::COOKIE, format!("theme=dark; {pair}"))).await;
    assert_eq!(page.status(), 200);
    let state =
        status_of(request("/dashboard/state", peer).header(header::COOKIE, pair.clone())).await;
    assert_eq!(state.status(), 200);
    let forged = status_of(request("/", peer).header(header::COOKIE, "omixa_dashboard=00")).await;
    assert_eq!(forged.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_settings_follow_faults_changed_while_running() {
    let emulator = start(with_dashboard()).await;
    let faults_setting = |state: &Value| {
        state["settings"]
            .as_array()
            .expect("a list")
            .iter()
            .find(|row| row[0] == "Faults")
            .map(|row| row[1].clone())
    };
    assert_eq!(
        faults_setting(&state(&emulator).await),
        Some(Value::from("none"))
    );
    emulator
        .set_faults(omixa_emulator::Faults {
            fail_every: NonZeroU64::new(2),
            ..emulator.faults()
        })
        .expect("valid faults");
    assert_eq!(
        faults_setting(&state(&emulator).await),
        Some(Value::from("--fail-every 2: 500"))
    );
}
