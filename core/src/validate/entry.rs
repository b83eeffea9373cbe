//! The entry points: the request must be an object, and its `model` picks the model it is checked against.

use super::input::{Input, ObjectInput, Shape};
use super::pass::Pass;
use super::report::seen;
use super::{ValidateOptions, Validated};
use crate::catalog::{Catalog, ModelSpec};
use crate::issue::{Issue, IssueKind, MODEL, Seen, ValidationError, pointer};

/// Validates and normalizes a request in strict mode.
pub fn validate(request: impl Input) -> Result<Validated, ValidationError> {
    validate_with(request, &ValidateOptions::default())
}

/// Validates and normalizes a request, choosing the model by its `model` field among the built-in models. The
/// request is JSON (`serde_json::Value`) or a host language's value ([`HostValue`](super::HostValue)). For a
/// catalog with models loaded at run time, see [`Catalog::validate_with`].
pub fn validate_with<I: Input>(
    request: I,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    validate_in(Catalog::builtin(), request, options)
}

/// Validates and normalizes a request, choosing the model by its `model` field among `catalog`'s models.
pub(crate) fn validate_in<I: Input>(
    catalog: &'static Catalog,
    request: I,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    let request = object(request)?;
    let model = match request.get(MODEL) {
        None => return Err(model_issue(IssueKind::ModelMissing { catalog })),
        Some(id) => match id.as_str() {
            Some(id) => match catalog.model(id) {
                Some(model) => model,
                None => {
                    let id = id.to_owned();
                    return Err(model_issue(IssueKind::UnknownModel { id, catalog }));
                }
            },
            None => {
                let value = request.into_iter().find(|(key, _)| key == MODEL);
                let seen = value.map_or(Seen::Null, |(_, value)| seen(value.into_shape()));
                return Err(model_issue(IssueKind::ModelNotString { seen, catalog }));
            }
        },
    };
    Pass::run::<I>(model, request, options)
}

/// Validates and normalizes a request for a known model (the generated per-model `validate` calls this).
pub fn validate_model<I: Input>(
    model: &'static ModelSpec,
    request: I,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    Pass::run::<I>(model, object(request)?, options)
}

/// The request's object, or the one issue of a request that is not one.
fn object<I: Input>(request: I) -> Result<I::Object, ValidationError> {
    match request.into_shape() {
        Shape::Object(object) => Ok(object),
        other => Err(ValidationError::single(Issue::new(
            String::new(),
            IssueKind::RequestNotObject { seen: seen(other) },
        ))),
    }
}

fn model_issue(kind: IssueKind) -> ValidationError {
    ValidationError::single(Issue::new(pointer(MODEL), kind))
}
