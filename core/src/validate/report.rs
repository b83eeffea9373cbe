//! How the checks report what they found: an issue at a place, a value of the wrong type and what a message
//! shows of it. A leaf module, so the value checks and the media checks share it without importing each
//! other.

use super::At;
use super::input::{Input, Shape};
use crate::catalog::FieldSpec;
use crate::issue::{Issue, IssueKind, Seen};

/// An issue at `at`.
pub(super) fn issue(at: At<'_>, kind: IssueKind) -> Issue {
    Issue::new(at.pointer(), kind)
}

/// `invalid_type` for a value of the wrong type.
pub(super) fn invalid_type<I: Input>(spec: &'static FieldSpec, at: At<'_>, got: Shape<I>) -> Issue {
    let kind = IssueKind::InvalidType {
        field: spec.name,
        expected: spec.labels.expected,
        seen: seen(got),
    };
    issue(at, kind)
}

/// What a message shows of a value (a short string is moved in, nothing is copied).
pub(super) fn seen<I: Input>(shape: Shape<I>) -> Seen {
    match shape {
        Shape::Null => Seen::Null,
        Shape::Bool(flag) => Seen::Bool(flag),
        Shape::Number(number) => Seen::Number(number),
        Shape::NonFinite(number) => Seen::NonFinite(number),
        Shape::String(text) => Seen::string(text),
        Shape::Array(_) => Seen::Array,
        Shape::Object(_) => Seen::Object,
    }
}
