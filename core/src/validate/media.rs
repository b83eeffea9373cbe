//! Inline images and videos: a base64 data URL string, or the object form
//! `{"type": tag, tag: {"url": ...}}`. Images are normalized to the object form; a video source is kept as
//! written (an operation id or URL string is not inline media and is passed through).

use super::At;
use super::input::{Input, ObjectInput, Shape};
use super::report::{invalid_type, issue};
use crate::catalog::FieldSpec;
use crate::issue::{Issue, IssueKind, ObjectFormProblem};
use crate::media::{self, MediaKind};
use serde_json::Value;

pub(super) fn check_image<I: Input>(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: I,
    media_types: &'static [&'static str],
) -> Result<Value, Issue> {
    match value.into_shape() {
        Shape::String(url) => match media::check_data_url(&url, media_types) {
            Ok(_) => Ok(media::image_object(url)),
            Err(problem) => Err(issue(
                at,
                IssueKind::InvalidMedia {
                    field: spec.name,
                    media: MediaKind::Image,
                    problem,
                    accepted: media_types,
                },
            )),
        },
        Shape::Object(object) => {
            check_object_form::<I>(spec, at, object, MediaKind::Image, media_types)
        }
        other => Err(invalid_type(spec, at, other)),
    }
}

pub(super) fn check_video<I: Input>(
    spec: &'static FieldSpec,
    at: At<'_>,
    value: I,
    media_types: &'static [&'static str],
) -> Result<Value, Issue> {
    match value.into_shape() {
        Shape::String(reference) if reference.is_empty() => {
            Err(issue(at, IssueKind::EmptyVideoSource { field: spec.name }))
        }
        Shape::String(reference)
            if reference
                .get(..5)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:")) =>
        {
            match media::check_data_url(&reference, media_types) {
                Ok(_) => Ok(Value::String(reference)),
                Err(problem) => Err(issue(
                    at,
                    IssueKind::InvalidMedia {
                        field: spec.name,
                        media: MediaKind::Video,
                        problem,
                        accepted: media_types,
                    },
                )),
            }
        }
        Shape::String(reference) => Ok(Value::String(reference)),
        Shape::Object(object) => {
            check_object_form::<I>(spec, at, object, MediaKind::Video, media_types)
        }
        other => Err(invalid_type(spec, at, other)),
    }
}

/// Checks the object form of inline media; kept as the caller wrote it when valid.
fn check_object_form<I: Input>(
    spec: &'static FieldSpec,
    at: At<'_>,
    object: I::Object,
    media: MediaKind,
    media_types: &'static [&'static str],
) -> Result<Value, Issue> {
    let url = match object_form_url::<I>(&object, media.tag()) {
        Ok(url) => url,
        Err(problem) => {
            let kind = IssueKind::MediaObject {
                field: spec.name,
                media,
                problem,
            };
            return Err(issue(at, kind));
        }
    };
    if let Err(problem) = media::check_data_url(url, media_types) {
        let kind = IssueKind::InvalidMedia {
            field: spec.name,
            media,
            problem,
            accepted: media_types,
        };
        return Err(issue(at.within(media.url_pointer()), kind));
    }
    // Every value of a well-formed object form is a string, which any input holds as JSON, so `None` (a
    // non-finite number inside) cannot happen here; were it to, it is a malformed object, not a panic.
    match object.into_json() {
        Some(object) => Ok(Value::Object(object)),
        None => Err(issue(
            at,
            IssueKind::MediaObject {
                field: spec.name,
                media,
                problem: ObjectFormProblem::MissingUrl,
            },
        )),
    }
}

/// The URL of `{"type": tag, tag: {"url": ...}}`, or what is wrong with the object.
fn object_form_url<'a, I: Input + 'a>(
    object: &'a I::Object,
    tag: &str,
) -> Result<&'a str, ObjectFormProblem> {
    if object.get("type").and_then(Input::as_str) != Some(tag) {
        return Err(ObjectFormProblem::WrongType);
    }
    if let Some(extra) = object.keys().find(|key| *key != "type" && *key != tag) {
        return Err(ObjectFormProblem::UnexpectedKey(extra.to_owned()));
    }
    let inner = object
        .get(tag)
        .and_then(Input::as_object)
        .ok_or(ObjectFormProblem::MissingInner)?;
    if let Some(extra) = inner.keys().find(|key| *key != "url") {
        return Err(ObjectFormProblem::UnexpectedInnerKey(extra.to_owned()));
    }
    inner
        .get("url")
        .and_then(Input::as_str)
        .ok_or(ObjectFormProblem::MissingUrl)
}
