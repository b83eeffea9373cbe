//! Checking one value against its field's kind: strings and their accepted values, numbers and their range,
//! inline images and videos (data URL or object form). Each check returns the value normalized, or the issue.

use super::At;
use super::issues::{invalid_media, invalid_type, non_finite, not_accepted, out_of_range};
use crate::catalog::{FieldKind, FieldSpec};
use crate::issue::{Issue, IssueCode};
use crate::media;
use serde_json::{Map, Value};

/// Checks one value against its field, returning it normalized.
pub(super) fn check_value(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
) -> Result<Value, Issue> {
    let numeric = matches!(
        spec.kind,
        FieldKind::Number { .. } | FieldKind::Integer { .. }
    );
    if !numeric && matches!(&value, Value::String(text) if text.starts_with(NON_FINITE_MARKER)) {
        return Err(invalid_type(spec, at, spec.labels.expected, &value));
    }
    match &spec.kind {
        FieldKind::String { accepted } => match value {
            Value::String(text) if accepted.is_empty() || accepted.contains(&text.as_str()) => {
                Ok(Value::String(text))
            }
            Value::String(text) => Err(not_accepted(spec, at, &text, accepted)),
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::Number { min, max } => match number(&value) {
            Some(Number::Finite(number)) if in_range(number, *min, *max) => Ok(value),
            Some(Number::Finite(_)) => Err(out_of_range(spec, at, &value.to_string())),
            Some(Number::NonFinite(text)) => Err(non_finite(spec, at, text)),
            None => Err(invalid_type(spec, at, spec.labels.expected, &value)),
        },
        FieldKind::Integer { min, max } => check_integer(spec, at, value, *min, *max),
        FieldKind::Boolean => match value {
            Value::Bool(_) => Ok(value),
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::InlineImage { media_types } => check_image(spec, at, value, media_types),
        FieldKind::InlineImageList { media_types } => match value {
            Value::Array(items) if items.is_empty() => Err(Issue {
                code: IssueCode::OutOfRange,
                path: at.pointer(),
                field: Some(spec.name.to_owned()),
                message: format!("`{}` must hold at least one image", spec.name),
                suggestion: Some(format!(
                    "leave `{}` out, or give one or more inline images",
                    spec.name
                )),
            }),
            Value::Array(items) => {
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
            other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
        },
        FieldKind::VideoSource { media_types } => check_video(spec, at, value, media_types),
    }
}

pub(super) fn check_integer(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    min: Option<i64>,
    max: Option<i64>,
) -> Result<Value, Issue> {
    let expected = spec.labels.expected;
    let integer = match &value {
        Value::Number(number) => {
            if let Some(integer) = number.as_i64() {
                Some(integer)
            } else if number.is_u64() {
                None // above i64::MAX: out of any range we can express
            } else {
                let float = number.as_f64().unwrap_or(f64::NAN);
                if float.fract() != 0.0 {
                    return Err(invalid_type(spec, at, expected, &value));
                }
                // 8.0 is the integer 8; 1e300 is whole but beyond any integer range.
                (float.abs() < 9.007_199_254_740_992e15).then_some(float as i64)
            }
        }
        _ => match number(&value) {
            Some(Number::NonFinite(text)) => return Err(non_finite(spec, at, text)),
            _ => return Err(invalid_type(spec, at, expected, &value)),
        },
    };
    match integer {
        Some(integer) if in_range(integer, min, max) => Ok(Value::from(integer)),
        Some(integer) => Err(out_of_range(spec, at, &integer.to_string())),
        None => Err(out_of_range(spec, at, &value.to_string())),
    }
}

/// The two kinds of inline media, and how each is written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Media {
    Image,
    Video,
}

impl Media {
    /// The tag of the object form: `{"type": tag, tag: {"url": ...}}`.
    fn tag(self) -> &'static str {
        match self {
            Media::Image => "image_url",
            Media::Video => "video_url",
        }
    }

    /// What it is called in messages.
    fn noun(self) -> &'static str {
        match self {
            Media::Image => "the image",
            Media::Video => "the video",
        }
    }

    /// The pointer from the object to its URL.
    fn url_pointer(self) -> &'static str {
        match self {
            Media::Image => "/image_url/url",
            Media::Video => "/video_url/url",
        }
    }

    /// How to write it right, for a malformed object.
    fn object_example(self) -> &'static str {
        match self {
            Media::Image => {
                "use {\"type\": \"image_url\", \"image_url\": {\"url\": \"data:image/png;base64,...\"}} or the data URL alone"
            }
            Media::Video => {
                "use an operation id, or {\"type\": \"video_url\", \"video_url\": {\"url\": \"data:video/mp4;base64,...\"}}"
            }
        }
    }
}

pub(super) fn check_image(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    media_types: &[&str],
) -> Result<Value, Issue> {
    match value {
        Value::String(url) => match media::check_data_url(&url, media_types) {
            Ok(_) => Ok(media::image_object(url)),
            Err(problem) => Err(invalid_media(
                spec,
                at,
                Media::Image.noun(),
                &problem,
                media_types,
            )),
        },
        Value::Object(object) => check_object_form(spec, at, object, Media::Image, media_types),
        other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
    }
}

pub(super) fn check_video(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: Value,
    media_types: &[&str],
) -> Result<Value, Issue> {
    match value {
        Value::String(reference) if reference.is_empty() => Err(Issue {
            code: IssueCode::InvalidType,
            path: at.pointer(),
            field: Some(spec.name.to_owned()),
            message: format!("`{}` must not be empty", spec.name),
            suggestion: Some(
                "give an operation id, a video URL or an inline video data URL".to_owned(),
            ),
        }),
        Value::String(reference)
            if reference
                .get(..5)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:")) =>
        {
            match media::check_data_url(&reference, media_types) {
                Ok(_) => Ok(Value::String(reference)),
                Err(problem) => Err(invalid_media(
                    spec,
                    at,
                    Media::Video.noun(),
                    &problem,
                    media_types,
                )),
            }
        }
        Value::String(reference) => Ok(Value::String(reference)),
        Value::Object(object) => check_object_form(spec, at, object, Media::Video, media_types),
        other => Err(invalid_type(spec, at, spec.labels.expected, &other)),
    }
}

/// Checks the object form of inline media; kept as the caller wrote it when valid.
pub(super) fn check_object_form(
    spec: &'static FieldSpec,
    at: At<'_>,
    object: Map<String, Value>,
    media: Media,
    media_types: &[&str],
) -> Result<Value, Issue> {
    let problem = match object_form_url(&object, media.tag()) {
        Ok(url) => match media::check_data_url(url, media_types) {
            Ok(_) => return Ok(Value::Object(object)),
            Err(problem) => problem,
        },
        Err(message) => {
            return Err(Issue {
                code: IssueCode::InvalidMedia,
                path: at.pointer(),
                field: Some(spec.name.to_owned()),
                message: format!("`{}` {message}", spec.name),
                suggestion: Some(media.object_example().to_owned()),
            });
        }
    };
    let at = at.within(media.url_pointer());
    Err(invalid_media(spec, at, media.noun(), &problem, media_types))
}

/// The URL of `{"type": tag, tag: {"url": ...}}`, or what is wrong with the object.
pub(super) fn object_form_url<'a>(
    object: &'a Map<String, Value>,
    tag: &str,
) -> Result<&'a str, String> {
    if object.get("type").and_then(Value::as_str) != Some(tag) {
        return Err(format!("must have \"type\": \"{tag}\""));
    }
    if let Some(extra) = object.keys().find(|key| *key != "type" && *key != tag) {
        return Err(format!(
            "has an unexpected key `{extra}` (expected only `type` and `{tag}`)"
        ));
    }
    let inner = object
        .get(tag)
        .and_then(Value::as_object)
        .ok_or_else(|| format!("must have a `{tag}` object"))?;
    if let Some(extra) = inner.keys().find(|key| *key != "url") {
        return Err(format!(
            "has an unexpected key `{tag}.{extra}` (expected only `url`)"
        ));
    }
    inner
        .get("url")
        .and_then(Value::as_str)
        .ok_or_else(|| format!("must have a string `{tag}.url`"))
}

// ---- numbers

/// `serde_json::Value` cannot hold NaN or infinities, so bindings whose host languages can (Python, JavaScript)
/// pass them as this marked string (see [`non_finite_number`]); validation reports them as `out_of_range`.
pub(super) const NON_FINITE_MARKER: &str = "\u{0}omixa:non-finite:";

/// The JSON stand-in for a host float: a number when finite, else a marker validation reports as not finite.
pub fn number_value(value: f64) -> Value {
    match serde_json::Number::from_f64(value) {
        Some(number) => Value::Number(number),
        None => non_finite_number(value),
    }
}

/// The marker for a NaN or infinite host float (see [`number_value`]).
pub fn non_finite_number(value: f64) -> Value {
    Value::String(format!("{NON_FINITE_MARKER}{value}"))
}

pub(super) enum Number<'a> {
    Finite(f64),
    NonFinite(&'a str),
}

pub(super) fn number(value: &Value) -> Option<Number<'_>> {
    match value {
        Value::Number(number) => number.as_f64().map(Number::Finite),
        Value::String(text) => text.strip_prefix(NON_FINITE_MARKER).map(Number::NonFinite),
        _ => None,
    }
}

pub(super) fn in_range<T: PartialOrd>(value: T, min: Option<T>, max: Option<T>) -> bool {
    min.is_none_or(|min| value >= min) && max.is_none_or(|max| value <= max)
}
