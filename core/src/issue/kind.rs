//! Every kind of issue validation reports, each with the typed context its sentences are made of.

use super::IssueCode;
use super::context::{ObjectFormProblem, Seen};
use crate::catalog::{Catalog, ModelSpec, OperationsSpec};
use crate::media::{DataUrlProblem, MediaKind};
use serde_json::Number;

/// What is wrong, as data. Field names are the catalog's canonical names (`&'static`, never copied); what the
/// caller wrote (a key, a string) is moved in from the request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum IssueKind {
    /// The request is not a JSON object.
    RequestNotObject { seen: Seen },
    /// The request has no `model`. `catalog` is the one the request was checked against (its ids are suggested).
    ModelMissing { catalog: &'static Catalog },
    /// `model` is not a string.
    ModelNotString {
        seen: Seen,
        catalog: &'static Catalog,
    },
    /// `model` names no model of the catalog.
    UnknownModel {
        id: String,
        catalog: &'static Catalog,
    },
    /// A key that is neither a field nor an alias of the model.
    UnknownField {
        model: &'static ModelSpec,
        key: String,
    },
    /// A field the catalog defines but this model omits, given as `key`: rejected, or `dropped` in lenient
    /// mode (then it is a warning).
    OmittedField {
        model: &'static ModelSpec,
        field: &'static str,
        key: String,
        dropped: bool,
    },
    /// `field` given as `key` after it was already given as `first`.
    AliasConflict {
        field: &'static str,
        key: String,
        first: &'static str,
    },
    /// A required field is absent.
    MissingField { field: &'static str },
    /// A value of the wrong JSON type; `expected` completes "must be ..." (the field's label, e.g.
    /// `a whole number`).
    InvalidType {
        field: &'static str,
        expected: &'static str,
        seen: Seen,
    },
    /// An empty string where a source video is needed.
    EmptyVideoSource { field: &'static str },
    /// A string outside the field's accepted values.
    NotAccepted {
        field: &'static str,
        given: String,
        accepted: &'static [&'static str],
    },
    /// A number outside the field's range; `range` completes "must be ..." (the field's label, e.g.
    /// `from 1 to 30`), `None` for a field without bounds (then only a number beyond 64 bits is out of range).
    OutOfRange {
        field: &'static str,
        given: Number,
        range: Option<&'static str>,
    },
    /// NaN or an infinity for a numeric field.
    NotFinite { field: &'static str, given: f64 },
    /// An empty array where at least one image is needed.
    EmptyImageList { field: &'static str },
    /// Inline media in object form whose shape is wrong.
    MediaObject {
        field: &'static str,
        media: MediaKind,
        problem: ObjectFormProblem,
    },
    /// Inline media whose data URL is not acceptable.
    InvalidMedia {
        field: &'static str,
        media: MediaKind,
        problem: DataUrlProblem,
        accepted: &'static [&'static str],
    },
    /// The chosen (or inferred) operation `case` needs `input`, which is absent.
    MissingForOperation {
        operations: &'static OperationsSpec,
        case: &'static str,
        input: &'static str,
    },
    /// The operation `case` cannot use `input`, given as `written_as`.
    NotForOperation {
        operations: &'static OperationsSpec,
        case: &'static str,
        input: &'static str,
        written_as: &'static str,
    },
    /// An issue read back from its serialized form (the gateway's 400 body): the sentences as they came.
    Rendered {
        code: IssueCode,
        field: Option<String>,
        message: String,
        suggestion: Option<String>,
    },
}

impl IssueKind {
    /// The stable code of this kind.
    pub fn code(&self) -> IssueCode {
        match self {
            IssueKind::RequestNotObject { .. }
            | IssueKind::ModelNotString { .. }
            | IssueKind::InvalidType { .. }
            | IssueKind::EmptyVideoSource { .. } => IssueCode::InvalidType,
            IssueKind::ModelMissing { .. } | IssueKind::MissingField { .. } => {
                IssueCode::MissingField
            }
            IssueKind::UnknownModel { .. } => IssueCode::UnknownModel,
            IssueKind::UnknownField { .. } | IssueKind::OmittedField { .. } => {
                IssueCode::UnknownField
            }
            IssueKind::AliasConflict { .. } => IssueCode::AliasConflict,
            IssueKind::NotAccepted { .. } => IssueCode::NotAccepted,
            IssueKind::OutOfRange { .. }
            | IssueKind::NotFinite { .. }
            | IssueKind::EmptyImageList { .. } => IssueCode::OutOfRange,
            IssueKind::MediaObject { .. } | IssueKind::InvalidMedia { .. } => {
                IssueCode::InvalidMedia
            }
            IssueKind::MissingForOperation { .. } => IssueCode::MissingForOperation,
            IssueKind::NotForOperation { .. } => IssueCode::NotForOperation,
            IssueKind::Rendered { code, .. } => *code,
        }
    }

    /// The canonical field the issue is about, if it is about a known field.
    pub fn field(&self) -> Option<&str> {
        match self {
            IssueKind::RequestNotObject { .. } | IssueKind::UnknownField { .. } => None,
            IssueKind::ModelMissing { .. }
            | IssueKind::ModelNotString { .. }
            | IssueKind::UnknownModel { .. } => Some(MODEL),
            IssueKind::OmittedField { field, .. }
            | IssueKind::AliasConflict { field, .. }
            | IssueKind::MissingField { field }
            | IssueKind::InvalidType { field, .. }
            | IssueKind::EmptyVideoSource { field }
            | IssueKind::NotAccepted { field, .. }
            | IssueKind::OutOfRange { field, .. }
            | IssueKind::NotFinite { field, .. }
            | IssueKind::EmptyImageList { field }
            | IssueKind::MediaObject { field, .. }
            | IssueKind::InvalidMedia { field, .. } => Some(field),
            IssueKind::MissingForOperation { input, .. }
            | IssueKind::NotForOperation { input, .. } => Some(input),
            IssueKind::Rendered { field, .. } => field.as_deref(),
        }
    }
}

/// The field every request names its model with. The one field name the runtime knows: it picks the model
/// before the catalog can say anything about the request.
pub(crate) const MODEL: &str = "model";
