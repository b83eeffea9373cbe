//! The emulator's HTTP handlers. Every error is `{"error": {"code", "message"}}` (a 400 of an invalid request
//! adds `issues`, the same issue objects local validation returns), and no input makes a handler panic.

use super::Shared;
use super::error_body::error_response;
use super::state::{CreateRefused, ResultFile};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Instant;
use subtle::ConstantTimeEq;

/// The result video's bytes, built once for the whole process.
fn video() -> Bytes {
    Bytes::from_static(super::mp4::sample_video())
}

/// Middleware of the API routes: `Authorization: Bearer <key>`.
pub async fn require_key(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let presented = request
        .headers()
        .get(AUTHORIZATION)
        .map_or(&[][..], HeaderValue::as_bytes);
    let expected = format!("Bearer {}", shared.api_key);
    // Constant time: how long the comparison takes says nothing about how much of the key was right.
    if bool::from(presented.ct_eq(expected.as_bytes())) {
        next.run(request).await
    } else {
        error_response(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or invalid API key (Authorization: Bearer <key>)",
        )
    }
}

/// `POST /api/v1/videos/jobs`.
pub async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request: Value = match serde_json::from_slice(&body) {
        Ok(request) => request,
        Err(error) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "invalid_json",
                &format!("the body is not JSON: {error}"),
            );
        }
    };
    let validated = match shared.catalog.validate(request) {
        Ok(validated) => validated,
        Err(error) => {
            let body = json!({"error": {"code": "invalid_request", "message": error.to_string(), "issues": error.issues}});
            return (StatusCode::BAD_REQUEST, Json(body)).into_response();
        }
    };
    let idempotency_key = match headers.get("idempotency-key").map(HeaderValue::to_str) {
        None => None,
        Some(Ok(key)) if !key.is_empty() && key.len() <= 255 => Some(key.to_owned()),
        Some(_) => {
            return error_response(
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "Idempotency-Key must be 1 to 255 visible ASCII characters",
            );
        }
    };
    let faults = shared.faults();
    let created = shared.world().create(
        &validated,
        idempotency_key,
        Instant::now(),
        &shared.files_url,
        &faults,
    );
    match created {
        Ok(job) => Json(job).into_response(),
        Err(CreateRefused::KeyReused { operation }) => error_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            "idempotency_key_reused",
            &format!("this Idempotency-Key created {operation} from a different request"),
        ),
        Err(CreateRefused::Full { max_jobs }) => {
            let mut response = error_response(
                StatusCode::SERVICE_UNAVAILABLE,
                "too_many_jobs",
                &format!(
                    "all {max_jobs} remembered jobs are still running (--max-jobs); retry shortly"
                ),
            );
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct StatusQuery {
    operation: Option<String>,
    model: Option<String>,
}

/// `POST /api/v1/videos/jobs/status` with `{"operation", "model"?}`.
pub async fn status_post(State(shared): State<Arc<Shared>>, body: Bytes) -> Response {
    match serde_json::from_slice::<StatusQuery>(&body) {
        Ok(query) => status(&shared, query),
        Err(error) => error_response(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            &format!("expected {{\"operation\": ..., \"model\": ...}}: {error}"),
        ),
    }
}

/// `GET /api/v1/videos/jobs/status?operation=...&model=...`.
pub async fn status_get(
    State(shared): State<Arc<Shared>>,
    query: Result<Query<StatusQuery>, QueryRejection>,
) -> Response {
    match query {
        Ok(Query(query)) => status(&shared, query),
        Err(rejection) => error_response(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            &rejection.body_text(),
        ),
    }
}

fn status(shared: &Shared, query: StatusQuery) -> Response {
    let Some(operation) = query.operation.filter(|operation| !operation.is_empty()) else {
        return error_response(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "`operation` is required",
        );
    };
    let model = query.model.as_deref().filter(|model| !model.is_empty());
    match shared
        .world()
        .status(&operation, model, Instant::now(), &shared.files_url)
    {
        Some(job) => Json(job).into_response(),
        None => error_response(
            StatusCode::NOT_FOUND,
            "not_found",
            &format!("no job {operation}{}", for_model(model)),
        ),
    }
}

fn for_model(model: Option<&str>) -> String {
    model
        .map(|model| format!(" for model {model}"))
        .unwrap_or_default()
}

/// `GET /api/v1/usage`.
pub async fn usage(State(shared): State<Arc<Shared>>) -> Response {
    let mut world = shared.world();
    Json(world.usage(Instant::now())).into_response()
}

/// `GET /files/{operation}/{index}/{name}`: a result video. Like a pre-signed storage URL it needs no key;
/// the trailing name is for people and ignored.
pub async fn result_file(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let not_found = || error_response(StatusCode::NOT_FOUND, "not_found", "no such result");
    let Ok(Path((operation, index, _name))) = path else {
        return not_found();
    };
    let Ok(index) = index.parse::<usize>() else {
        return not_found();
    };
    let file = shared
        .world()
        .result_file(&operation, index, Instant::now());
    match file {
        ResultFile::Ready => ([(CONTENT_TYPE, "video/mp4")], video()).into_response(),
        ResultFile::NotFound => not_found(),
    }
}

/// A route's path with a method it does not take (axum adds the `Allow` header).
pub async fn method_not_allowed() -> Response {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        "method_not_allowed",
        "this path does not take this method",
    )
}

pub async fn not_found() -> Response {
    error_response(StatusCode::NOT_FOUND, "not_found", "no such endpoint")
}
