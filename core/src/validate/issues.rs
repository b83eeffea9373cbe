//! The issues validation reports, with their messages and suggestions (typo suggestions by Jaro-Winkler).

use super::At;
use super::values::NON_FINITE_MARKER;
use crate::catalog::{FieldSpec, Lookup, ModelSpec};
use crate::issue::{Issue, IssueCode, ValidationError, pointer};
use crate::media::DataUrlProblem;
use rapidfuzz::distance::jaro_winkler;
use serde_json::Value;

pub(super) fn single(issue: Issue) -> ValidationError {
    ValidationError {
        issues: vec![issue],
    }
}

pub(super) fn model_ids() -> Vec<&'static str> {
    crate::models().iter().map(|model| model.id).collect()
}

pub(super) fn unknown_model(id: &str) -> Issue {
    let ids = model_ids();
    let suggestion = match closest(id, ids.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? known models: {}", ids.join(", ")),
        None => format!("known models: {}", ids.join(", ")),
    };
    Issue {
        code: IssueCode::UnknownModel,
        path: pointer("model"),
        field: Some("model".to_owned()),
        message: format!("`{id}` is not a model of the catalog"),
        suggestion: Some(suggestion),
    }
}

pub(super) fn unknown_field(model: &ModelSpec, key: &str) -> Issue {
    let names = model
        .fields
        .iter()
        .flat_map(|field| std::iter::once(field.name).chain(field.aliases.iter().copied()));
    let suggestion = closest(key, names).map(|name| {
        let canonical = match (model.lookup)(name) {
            Some(Lookup::Field(index) | Lookup::Alias(index)) => model.fields[index].name,
            _ => name,
        };
        format!("did you mean `{canonical}`?")
    });
    Issue {
        code: IssueCode::UnknownField,
        path: pointer(key),
        field: None,
        message: format!("`{key}` is not a field of model `{}`", model.id),
        suggestion,
    }
}

/// The candidate most like `given` (Jaro-Winkler, case-insensitive), if any is alike enough to be a typo.
///
/// Catalog names and ids are lower-case, so only `given` is folded; the comparator is built once for all
/// candidates (bit-parallel, no allocation per candidate).
pub(super) fn closest<'a>(
    given: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    const ALIKE: f64 = 0.8;
    let given = given.to_ascii_lowercase();
    let comparator = jaro_winkler::BatchComparator::new(given.bytes());
    // With a cutoff, candidates that cannot reach it are dismissed early (most of them, for a typo).
    let args = jaro_winkler::Args::default().score_cutoff(ALIKE);
    candidates
        .filter_map(|candidate| {
            let score = comparator.normalized_similarity_with_args(candidate.bytes(), &args)?;
            Some((score, candidate))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

pub(super) fn invalid_type(spec: &FieldSpec, at: At<'_>, expected: &str, got: &Value) -> Issue {
    Issue {
        code: IssueCode::InvalidType,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be {expected}, got {}", spec.name, json_type(got)),
        suggestion: None,
    }
}

pub(super) fn not_accepted(spec: &FieldSpec, at: At<'_>, given: &str, accepted: &[&str]) -> Issue {
    let listed = accepted.join(", ");
    let suggestion = match accepted
        .iter()
        .find(|value| value.eq_ignore_ascii_case(given))
    {
        Some(value) => format!("did you mean `{value}`? accepted: {listed}"),
        None => format!("accepted: {listed}"),
    };
    Issue {
        code: IssueCode::NotAccepted,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` does not accept `{given}`", spec.name),
        suggestion: Some(suggestion),
    }
}

pub(super) fn out_of_range(spec: &FieldSpec, at: At<'_>, given: &str) -> Issue {
    // Without bounds, only an integer too large for 64 bits is out of range.
    let range = spec.labels.range.unwrap_or("a number that fits in 64 bits");
    Issue {
        code: IssueCode::OutOfRange,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be {range}, got {given}", spec.name),
        suggestion: Some(format!("accepted: {range}")),
    }
}

pub(super) fn non_finite(spec: &FieldSpec, at: At<'_>, given: &str) -> Issue {
    Issue {
        code: IssueCode::OutOfRange,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}` must be a finite number, got {given}", spec.name),
        suggestion: None,
    }
}

pub(super) fn invalid_media(
    spec: &FieldSpec,
    at: At<'_>,
    what: &str,
    problem: &DataUrlProblem,
    accepted: &[&str],
) -> Issue {
    let suggestion = match problem {
        DataUrlProblem::MalformedBase64 | DataUrlProblem::EmptyData => {
            "encode the file's bytes as standard base64 (omixa's Image helpers do this)".to_owned()
        }
        _ => format!("accepted media types: {}", accepted.join(", ")),
    };
    Issue {
        code: IssueCode::InvalidMedia,
        path: at.pointer(),
        field: Some(spec.name.to_owned()),
        message: format!("`{}`: {what} {problem}", spec.name),
        suggestion: Some(suggestion),
    }
}

/// The JSON type of a value, for messages (`8.5` and `"8"` are shown, other values only by type).
pub(super) fn json_type(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(flag) => format!("the boolean {flag}"),
        Value::Number(number) => format!("the number {number}"),
        Value::String(text) if text.starts_with(NON_FINITE_MARKER) => {
            format!("the number {}", &text[NON_FINITE_MARKER.len()..])
        }
        Value::String(text) if text.chars().count() <= 32 => format!("the string {text:?}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
