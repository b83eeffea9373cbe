//! Flat requests (every value a short string, a finite number, a boolean or null) cross as JSON text: one
//! `JSON.stringify` in JavaScript and one parse in Rust cost less than the N-API calls of a property walk
//! (README § Performance). The answer crosses back as little as possible:
//!
//! - a valid request as the number of its [`plan`], from which JavaScript builds the normalized request out
//!   of the caller's own object (no JSON text to write and parse again);
//! - an invalid one as its message and its issues' JSON text, each issue's sentences rendered once for both;
//! - anything else (no plan fits) as the normalized request's JSON text.
//!
//! `index.js` chooses which requests are flat (`isFlat`); the vector tests check that both paths answer alike.

mod parse;
mod plan;

use crate::convert::{Js, JsonValue};
use crate::data::ValidateOptions;
use crate::error::native;
use crate::many::{core_options, lines, syntax_error};
use crate::{report_dropped, runtime_catalog};
use napi::bindgen_prelude::{Either3, Function, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use omixa::issue::IssueKind;
use omixa::validate::{HostValue, Validated};
use omixa::{Issue, ValidationError};
use serde_json::Value;

/// `validate` for a flat request given as JSON text (`JSON.stringify` of it), answering with the number of
/// the plan that builds the normalized request from the caller's object (`validationPlan`), or the normalized
/// request's JSON text when no plan fits, or `[message, issues as JSON text]` when the request is invalid
/// (the message, which lists every issue, crosses as a string of its own rather than inside JSON text, which
/// would escape and scan it twice more). `null` when the text is not JSON `serde_json` reads (a lone
/// surrogate, which `JSON.stringify` escapes as `\ud800`), and the caller then uses `validate`.
#[napi(catch_unwind)]
pub fn validate_text(
    env: &Env,
    #[napi(ts_arg_type = "string")] text: Unknown<'_>,
    lenient: Option<bool>,
    #[napi(ts_arg_type = "(issue: Issue) => void")] on_dropped: Option<Function<'_, JsonValue, ()>>,
) -> napi::Result<Option<Either3<u32, String, Vec<String>>>> {
    let text = native(env, || {
        Js::new(env).text(text.raw(), "the request's JSON text")
    })?;
    let Ok(parsed) = parse::request(&text) else {
        return Ok(None);
    };
    let options = omixa::ValidateOptions {
        lenient: lenient.unwrap_or(false),
    };
    let catalog = native(env, || runtime_catalog::or_env(None))?;
    match catalog.validate_with(parsed.request, &options) {
        Ok(validated) => {
            native(env, || report_dropped(on_dropped, &validated.warnings))?;
            Ok(Some(match plan::of(&validated, &parsed.members) {
                Some(number) => Either3::A(number),
                None => Either3::B(json_text(&validated)?),
            }))
        }
        Err(error) => {
            let (message, issues) = rendered(error);
            Ok(Some(Either3::C(vec![message, json_text(&issues)?])))
        }
    }
}

/// The plan numbered `number` (from `validateText` or `validateManyText` on this thread) as JSON text:
/// `{ names, keys, texts }`, one entry per normalized field, in order: its name, then the caller's key whose
/// value it takes, or else the string to set.
#[napi(catch_unwind)]
pub fn validation_plan(number: u32) -> napi::Result<String> {
    plan::text(number)
        .ok_or_else(|| napi::Error::from_reason(format!("no validation plan {number}")))
}

/// `validateMany` for flat requests given as JSON text (`JSON.stringify` of their array), answering in JSON
/// text with one entry per request: a valid request with nothing dropped as its plan's number (see
/// `validateText`), any other as its result (`{ valid, request, issues, dropped }`). `null` when the text is
/// not an array `serde_json` reads (a lone surrogate), and the caller then uses `validateMany`.
#[napi(catch_unwind)]
pub fn validate_many_text(
    env: &Env,
    #[napi(ts_arg_type = "string")] text: Unknown<'_>,
    options: Option<ValidateOptions>,
) -> napi::Result<Option<String>> {
    let text = native(env, || {
        Js::new(env).text(text.raw(), "the requests' JSON text")
    })?;
    let Ok(requests) = parse::requests(&text) else {
        return Ok(None);
    };
    let options = core_options(options);
    let catalog = native(env, || runtime_catalog::or_env(None))?;
    let mut answer = String::with_capacity(text.len());
    answer.push('[');
    for (index, request) in requests.into_iter().enumerate() {
        if index > 0 {
            answer.push(',');
        }
        let outcome = catalog.validate_with(request.request, &options);
        let planned = match &outcome {
            Ok(validated) if validated.warnings.is_empty() => plan::of(validated, &request.members),
            _ => None,
        };
        let result = match (planned, outcome) {
            (Some(number), _) => number.to_string(),
            (None, Ok(mut validated)) => {
                let dropped = rendered_issues(std::mem::take(&mut validated.warnings));
                json_text(&ResultText {
                    valid: true,
                    request: Some(&validated),
                    issues: &[],
                    dropped: &dropped,
                })?
            }
            (None, Err(error)) => json_text(&ResultText {
                valid: false,
                request: None,
                issues: &rendered_issues(error.issues),
                dropped: &[],
            })?,
        };
        answer.push_str(&result);
    }
    answer.push(']');
    Ok(Some(answer))
}

/// `validateLines` answering in JSON text: its results (`LineValidation`'s fields) as one array, which
/// `JSON.parse` builds faster than N-API calls build them one property at a time. `null` when a normalized
/// request holds an integer a JavaScript number cannot hold exactly (past 2^53), which only `validateLines`
/// returns exactly (as a `BigInt`), and the caller then uses it.
#[napi(catch_unwind)]
pub fn validate_lines_text(
    env: &Env,
    #[napi(ts_arg_type = "string")] text: Unknown<'_>,
    options: Option<ValidateOptions>,
) -> napi::Result<Option<String>> {
    let text = native(env, || Js::new(env).text(text.raw(), "JSON Lines text"))?;
    let options = core_options(options);
    let catalog = native(env, || runtime_catalog::or_env(None))?;
    let mut answer = String::with_capacity(text.len());
    answer.push('[');
    for (line, request) in lines(&text) {
        let line = native(env, || line)?;
        if answer.len() > 1 {
            answer.push(',');
        }
        let result = match serde_json::from_str::<HostValue>(request) {
            Err(error) => LineText {
                line,
                syntax_error: Some(syntax_error(&error)),
                valid: false,
                request: None,
                issues: &[],
                dropped: &[],
            }
            .json()?,
            Ok(request) => match catalog.validate_with(request, &options) {
                Ok(mut validated) => {
                    if validated.fields.iter().any(|(_, value)| beyond_2_53(value)) {
                        return Ok(None);
                    }
                    let dropped = rendered_issues(std::mem::take(&mut validated.warnings));
                    LineText {
                        line,
                        syntax_error: None,
                        valid: true,
                        request: Some(&validated),
                        issues: &[],
                        dropped: &dropped,
                    }
                    .json()?
                }
                Err(error) => LineText {
                    line,
                    syntax_error: None,
                    valid: false,
                    request: None,
                    issues: &rendered_issues(error.issues),
                    dropped: &[],
                }
                .json()?,
            },
        };
        answer.push_str(&result);
    }
    answer.push(']');
    Ok(Some(answer))
}

/// One result of `validateLines`, as JSON text (the fields of `LineValidation`; a test compares both paths).
#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct LineText<'a> {
    line: u32,
    syntax_error: Option<String>,
    valid: bool,
    request: Option<&'a Validated>,
    issues: &'a [Issue],
    dropped: &'a [Issue],
}

impl LineText<'_> {
    fn json(&self) -> napi::Result<String> {
        json_text(self)
    }
}

/// Whether a value holds an integer past 2^53, which `JSON.parse` would round.
fn beyond_2_53(value: &Value) -> bool {
    const EXACT: u64 = 1 << 53;
    match value {
        Value::Number(number) => {
            number
                .as_i64()
                .is_some_and(|integer| integer.unsigned_abs() > EXACT)
                || number.as_u64().is_some_and(|integer| integer > EXACT)
        }
        Value::Array(items) => items.iter().any(beyond_2_53),
        Value::Object(members) => members.values().any(beyond_2_53),
        Value::Null | Value::Bool(_) | Value::String(_) => false,
    }
}

/// One result of `validateMany`, as JSON text (the fields of `Validation`; a test compares both paths).
#[derive(serde::Serialize)]
struct ResultText<'a> {
    valid: bool,
    request: Option<&'a Validated>,
    issues: &'a [Issue],
    dropped: &'a [Issue],
}

/// The error's message and issues, each issue's message and suggestion rendered once (the error's message
/// lists them all, and the issues carry them again).
fn rendered(error: ValidationError) -> (String, Vec<Issue>) {
    let error = ValidationError {
        issues: rendered_issues(error.issues),
    };
    (error.to_string(), error.issues)
}

/// The issues with their sentences rendered, ready to be written more than once.
fn rendered_issues(issues: Vec<Issue>) -> Vec<Issue> {
    issues
        .into_iter()
        .map(|issue| {
            let kind = IssueKind::Rendered {
                code: issue.code(),
                field: issue.field().map(str::to_owned),
                message: issue.message(),
                suggestion: issue.suggestion(),
            };
            Issue::new(issue.path, kind)
        })
        .collect()
}

/// JSON text of plain data (strings, numbers, lists, maps with string keys), which always serializes.
fn json_text(value: &impl serde::Serialize) -> napi::Result<String> {
    serde_json::to_string(value).map_err(|error| napi::Error::from_reason(error.to_string()))
}
