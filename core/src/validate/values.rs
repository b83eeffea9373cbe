//! One value against its field's kind: strings, numbers, booleans; inline media is in [`super::media`].

use super::At;
use super::input::{Input, Shape};
use super::media::{check_image, check_video};
use super::report::{invalid_type, issue};
use crate::catalog::{FieldKind, FieldSpec};
use crate::issue::{Issue, IssueKind};
use serde_json::{Number, Value};

/// The largest integer an `f64` holds exactly (2^53): whole floats below it are integers.
const EXACT_INTEGER_FLOAT: f64 = 9_007_199_254_740_992.0;

/// Checks one value against its field, returning it normalized.
pub(super) fn check_value<I: Input>(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: I,
) -> Result<Value, Issue> {
    let field = spec.name;
    match &spec.kind {
        FieldKind::String { accepted } => match value.into_shape() {
            Shape::String(text) if accepted.is_empty() || accepted.contains(&text.as_str()) => {
                Ok(Value::String(text))
            }
            Shape::String(given) => Err(issue(
                at,
                IssueKind::NotAccepted {
                    field,
                    given,
                    accepted,
                },
            )),
            other => Err(invalid_type(spec, at, other)),
        },
        FieldKind::Number { min, max } => match value.into_shape() {
            Shape::Number(given) => match given.as_f64() {
                Some(number) if in_range(number, *min, *max) => Ok(Value::Number(given)),
                _ => Err(issue(
                    at,
                    IssueKind::OutOfRange {
                        field,
                        given,
                        range: spec.labels.range,
                    },
                )),
            },
            Shape::NonFinite(given) => Err(issue(at, IssueKind::NotFinite { field, given })),
            other => Err(invalid_type(spec, at, other)),
        },
        FieldKind::Integer { min, max } => check_integer(spec, at, value.into_shape(), *min, *max),
        FieldKind::Boolean => match value.into_shape() {
            Shape::Bool(flag) => Ok(Value::Bool(flag)),
            other => Err(invalid_type(spec, at, other)),
        },
        FieldKind::InlineImage { media_types } => check_image(spec, at, value, media_types),
        FieldKind::InlineImageList { media_types } => match value.into_shape() {
            Shape::Array(items) if items.is_empty() => {
                Err(issue(at, IssueKind::EmptyImageList { field }))
            }
            Shape::Array(items) => {
                let mut checked = Vec::with_capacity(items.len());
                let mut first_issue = None;
                for (index, item) in items.into_iter().enumerate() {
                    match check_image(spec, at.item(index), item, media_types) {
                        Ok(item) => checked.push(item),
                        Err(issue) => {
                            first_issue.get_or_insert(issue);
                        }
                    }
                }
                first_issue.map_or(Ok(Value::Array(checked)), Err)
            }
            other => Err(invalid_type(spec, at, other)),
        },
        FieldKind::VideoSource { media_types } => check_video(spec, at, value, media_types),
    }
}

fn check_integer<I: Input>(
    spec: &'static FieldSpec,
    at: At<'_>,
    shape: Shape<I>,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<Value, Issue> {
    let field = spec.name;
    let given = match shape {
        Shape::Number(given) => given,
        Shape::NonFinite(given) => return Err(issue(at, IssueKind::NotFinite { field, given })),
        other => return Err(invalid_type(spec, at, other)),
    };
    let integer = if let Some(integer) = given.as_i64() {
        Some(integer)
    } else if given.is_u64() {
        None // above i64::MAX: out of any range we can express
    } else {
        let float = given.as_f64().unwrap_or(f64::NAN);
        if float.fract() != 0.0 {
            return Err(invalid_type::<I>(spec, at, Shape::Number(given)));
        }
        // 8.0 is the integer 8; 1e300 is whole but beyond any integer range.
        (float.abs() < EXACT_INTEGER_FLOAT).then_some(float as i64)
    };
    let range = spec.labels.range;
    match integer {
        Some(integer) if in_range(integer, min, max) => Ok(Value::from(integer)),
        Some(integer) => Err(issue(
            at,
            IssueKind::OutOfRange {
                field,
                given: Number::from(integer),
                range,
            },
        )),
        None => Err(issue(
            at,
            IssueKind::OutOfRange {
                field,
                given,
                range,
            },
        )),
    }
}

fn in_range<T: PartialOrd>(value: T, min: Option<T>, max: Option<T>) -> bool {
    min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
}
