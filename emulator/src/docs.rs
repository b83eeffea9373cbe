//! The generated model reference, served read-only: `GET /docs/` (the index), `/docs/<page>` (a model page
//! or the stylesheet) and `/examples/<model-id>/<file>` (the examples the pages link to, as plain text). The
//! files are embedded at build time from `generated/site/` and `generated/examples/`, so the emulator serves
//! the reference of the catalog it was built with. No key needed: the pages are public documentation.

use axum::Router;
use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

#[cfg(omixa_reference_site)]
mod embedded {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/site/files.rs"
    ));
}

/// Built from the published crate, without the repository's `generated/` (see `build.rs`): nothing to serve.
#[cfg(not(omixa_reference_site))]
mod embedded {
    pub const FILES: &[(&str, &str)] = &[];
}

/// The routes, for any router state.
pub fn routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route("/docs", get(|| async { Redirect::permanent("/docs/") }))
        .route("/docs/", get(|| async { serve("site/index.html") }))
        .route(
            "/docs/{page}",
            get(|Path(page): Path<String>| async move { serve(&format!("site/{page}")) }),
        )
        .route(
            "/examples/{model}/{file}",
            get(|Path((model, file)): Path<(String, String)>| async move {
                serve(&format!("examples/{model}/{file}"))
            }),
        )
}

/// One embedded file with its content type, or 404. Only the listed files exist: a path with `..` names none.
fn serve(path: &str) -> Response {
    let Some((_, text)) = embedded::FILES.iter().find(|(name, _)| *name == path) else {
        return crate::error_body::error_response(
            StatusCode::NOT_FOUND,
            "not_found",
            &format!("no such documentation file: {path}"),
        );
    };
    let content_type = match path.rsplit_once('.').map(|(_, extension)| extension) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        _ => "text/plain; charset=utf-8",
    };
    ([(header::CONTENT_TYPE, content_type)], *text).into_response()
}
