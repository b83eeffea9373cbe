//! Many requests in one native call: an array (`validateMany`) or JSON Lines text (`validateLines`), each
//! request answered by its own result (valid and normalized, or its issues) instead of a throw at the first
//! invalid one. One call for the whole set saves the per-call cost of crossing into Rust, which for small
//! requests is most of the cost of `validate`.

use crate::convert::{Js, Made, Originals};
use crate::data::{Issue, ValidateOptions};
use crate::error::{Thrown, native};
use crate::runtime_catalog;
use napi::bindgen_prelude::Unknown;
use napi::{Env, JsValue};
use napi_derive::napi;
use omixa::{ValidationError, validate::Validated};
use serde_json::Value;

/// The outcome of one request of many.
#[napi(object, object_from_js = false, use_nullable = true)]
#[derive(Debug)]
pub struct Validation {
    /// Whether the request is valid.
    pub valid: bool,
    /// The request as `validate` returns it (canonical names, inline images in object form), when valid.
    #[napi(ts_type = "NormalizedRequest")]
    pub request: Option<Made>,
    /// Every issue of an invalid request, all at once; empty when it is valid.
    pub issues: Vec<Issue>,
    /// The fields a lenient validation dropped, in the request's order; empty otherwise.
    pub dropped: Vec<Issue>,
}

/// The outcome of one line of JSON Lines text. Blank lines have none.
#[napi(object, object_from_js = false, use_nullable = true)]
#[derive(Debug)]
pub struct LineValidation {
    /// The line's number, from 1 (blank lines are counted).
    pub line: u32,
    /// Why the line is not JSON, when it is not (the request is then invalid, with no issues).
    pub syntax_error: Option<String>,
    /// Whether the line holds a valid request.
    pub valid: bool,
    /// The request as `validate` returns it, when valid.
    #[napi(ts_type = "NormalizedRequest")]
    pub request: Option<Made>,
    /// Every issue of an invalid request; empty when it is valid or not JSON.
    pub issues: Vec<Issue>,
    /// The fields a lenient validation dropped; empty otherwise.
    pub dropped: Vec<Issue>,
}

/// Validates every request of an array, in order: one result per request. A non-object request is an
/// invalid one (its issue says what was expected). Throws an error of kind `type` for a value JSON cannot
/// carry, naming the request's index and where in it.
#[napi(catch_unwind)]
pub fn validate_many(
    env: &Env,
    #[napi(ts_arg_type = "unknown[]")] requests: Vec<Unknown<'_>>,
    options: Option<ValidateOptions>,
) -> napi::Result<Vec<Validation>> {
    native(env, || {
        let js = Js::new(env);
        let options = core_options(options);
        let catalog = runtime_catalog::or_env(None)?;
        requests
            .iter()
            .enumerate()
            .map(|(index, request)| {
                let mut originals = Originals::default();
                let request = js
                    .read(request.raw(), &mut originals)
                    .map_err(|thrown| thrown.within(&format!("requests[{index}]")))?;
                validation(js, catalog.validate_with(request, &options), &originals)
            })
            .collect()
    })
}

/// Validates JSON Lines text: one request per line, blank lines skipped (a leading byte order mark too), a
/// line that is not JSON answered with its `syntaxError` (the other lines are still validated).
#[napi(catch_unwind)]
pub fn validate_lines(
    env: &Env,
    text: String,
    options: Option<ValidateOptions>,
) -> napi::Result<Vec<LineValidation>> {
    native(env, || {
        let js = Js::new(env);
        let options = core_options(options);
        let catalog = runtime_catalog::or_env(None)?;
        let none = Originals::default();
        let mut results = Vec::new();
        for (line, text) in lines(&text) {
            let line = line?;
            results.push(match serde_json::from_str::<Value>(text) {
                Ok(request) => {
                    let outcome = validation(js, catalog.validate_with(request, &options), &none)?;
                    LineValidation {
                        line,
                        syntax_error: None,
                        valid: outcome.valid,
                        request: outcome.request,
                        issues: outcome.issues,
                        dropped: outcome.dropped,
                    }
                }
                Err(error) => LineValidation {
                    line,
                    syntax_error: Some(syntax_error(&error)),
                    valid: false,
                    request: None,
                    issues: Vec::new(),
                    dropped: Vec::new(),
                },
            });
        }
        Ok(results)
    })
}

/// The non-blank lines of JSON Lines text, each with its number from 1 (blank lines are counted). A byte order
/// mark, which editors on Windows put first in a saved file, is not part of line 1.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (Result<u32, Thrown>, &str)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.lines()
        .enumerate()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(index, text)| {
            let line = u32::try_from(index + 1)
                .map_err(|_| Thrown::type_error("the text has more than 2^32 lines"));
            (line, text)
        })
}

pub(crate) fn core_options(options: Option<ValidateOptions>) -> omixa::ValidateOptions {
    omixa::ValidateOptions {
        lenient: options.and_then(|options| options.lenient).unwrap_or(false),
    }
}

/// The result of one validation, its normalized request written as `validate` writes it.
fn validation(
    js: Js,
    answer: Result<Validated, ValidationError>,
    originals: &Originals,
) -> Result<Validation, Thrown> {
    Ok(match answer {
        Ok(validated) => {
            let object = js.object_value()?;
            for (name, value) in &validated.fields {
                js.set(object, name, js.write(value, originals)?)?;
            }
            Validation {
                valid: true,
                request: Some(Made::new(object)),
                issues: Vec::new(),
                dropped: validated.warnings.iter().map(Issue::from).collect(),
            }
        }
        Err(error) => Validation {
            valid: false,
            request: None,
            issues: error.issues.iter().map(Issue::from).collect(),
            dropped: Vec::new(),
        },
    })
}

/// serde_json's message for one line, with the column but without its "line 1" (the line is the result's).
pub(crate) fn syntax_error(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let reason = message.strip_suffix(&position).unwrap_or(&message);
    format!("{reason} at column {}", error.column())
}
