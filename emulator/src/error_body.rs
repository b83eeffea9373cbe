//! The one shape of every error the emulator answers, whoever answers it (a handler, a guard, an injected
//! fault, the dashboard): `{"error": {"code", "message"}}`, as the gateway does. A leaf module, so the
//! modules that answer errors need not import one another.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

pub fn error_response(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"code": code, "message": message}})),
    )
        .into_response()
}
