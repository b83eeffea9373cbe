//! The emulator answers hostile or malformed requests with a JSON error and keeps serving: it never panics,
//! never hangs up, and a valid job still goes through afterwards.

mod common;

use common::{KEY, config, lite_request, start};
use serde_json::Value;

#[tokio::test]
async fn malformed_requests_get_json_errors_and_the_emulator_keeps_serving() {
    let harness = start(config()).await;
    let base = harness.emulator.base_url().to_owned();
    let http = reqwest::Client::new();
    let jobs = format!("{base}/api/v1/videos/jobs");
    let status = format!("{base}/api/v1/videos/jobs/status");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let invalid_utf8: Vec<u8> = vec![b'{', b'"', 0xFF, 0xFE, b'"', b':', b'1', b'}'];

    let cases: Vec<(&str, reqwest::RequestBuilder)> = vec![
        (
            "not JSON",
            http.post(&jobs).bearer_auth(KEY).body("model=veo"),
        ),
        (
            "a JSON array",
            http.post(&jobs).bearer_auth(KEY).body("[1, 2, 3]"),
        ),
        (
            "truncated JSON",
            http.post(&jobs)
                .bearer_auth(KEY)
                .body(r#"{"model": "veo-3.1-lite"#),
        ),
        (
            "deeply nested JSON",
            http.post(&jobs).bearer_auth(KEY).body(deep.clone()),
        ),
        (
            "invalid UTF-8",
            http.post(&jobs).bearer_auth(KEY).body(invalid_utf8),
        ),
        ("an empty body", http.post(&jobs).bearer_auth(KEY)),
        ("no key", http.post(&jobs).body(lite_request().to_string())),
        (
            "a malformed Authorization header",
            http.post(&jobs)
                .header("Authorization", "Bearer")
                .body("{}"),
        ),
        (
            "an unknown operation",
            http.post(&status)
                .bearer_auth(KEY)
                .body(r#"{"operation": "op_nope"}"#),
        ),
        (
            "a status body of the wrong shape",
            http.post(&status)
                .bearer_auth(KEY)
                .body(r#"{"operation": 7}"#),
        ),
        (
            "a status GET without an operation",
            http.get(&status).bearer_auth(KEY),
        ),
        (
            "a method the path does not take",
            http.delete(&jobs).bearer_auth(KEY),
        ),
        (
            "an unknown video",
            http.get(format!("{base}/videos/op_nope/0.mp4"))
                .bearer_auth(KEY),
        ),
    ];
    for (what, request) in cases {
        let response = request
            .send()
            .await
            .unwrap_or_else(|error| panic!("{what}: no response ({error})"));
        let code = response.status();
        assert!(code.is_client_error(), "{what}: expected a 4xx, got {code}");
        let body: Value = response
            .json()
            .await
            .unwrap_or_else(|error| panic!("{what}: body is not JSON ({error})"));
        assert!(body["error"]["message"].is_string(), "{what}: {body}");
    }

    let job = harness
        .client
        .create(lite_request())
        .await
        .expect("still serving");
    assert_eq!(job.record.status.as_str(), "running");
}
