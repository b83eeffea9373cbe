//! Request validation and normalization (the rules are in `docs/contract.md`), driven by the generated
//! [`ModelSpec`]s.
//!
//! One pass over the request's keys in the order the caller wrote them: each key is looked up in the model's
//! generated table, its value checked against the field's kind and moved (never copied) into the normalized
//! request under the canonical name. Cross-field rules (required fields, the operation's inputs) run once
//! after the pass. Every problem becomes an [`Issue`]; nothing stops at the first one. `values.rs` checks one
//! value against its field's kind; `issues.rs` builds the issues and their suggestions.

use crate::catalog::{FieldRole, Lookup, ModelSpec, OperationCase, OperationsSpec};
use crate::issue::{Issue, IssueCode, ValidationError, pointer, push_pointer};
use issues::{json_type, model_ids, single, unknown_field, unknown_model};
use serde_json::{Map, Value};
use values::check_value;

/// Options of [`validate_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Drop fields the model omits (with a warning) instead of rejecting them, like LiteLLM's `drop_params`.
    /// Keys the catalog does not know at all are still rejected: a typo is never dropped silently.
    pub lenient: bool,
}

impl ValidateOptions {
    pub fn with_lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }
}

/// A valid request, normalized: canonical names, object-form inline images, `video_operation` present.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    pub model: &'static ModelSpec,
    /// Canonical field names and values, in the order the caller wrote them (an inferred operation last).
    pub fields: Vec<(&'static str, Value)>,
    /// What lenient mode dropped, one `unknown_field` issue per dropped key.
    pub warnings: Vec<Issue>,
}

impl Validated {
    /// The value of a field, by canonical name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The value of the field the catalog gives `role`, if the model has one and the request gives it.
    pub fn get_role(&self, role: FieldRole) -> Option<&Value> {
        self.get(self.model.field_with_role(role)?.name)
    }

    /// The normalized request as a JSON object (what is sent to the gateway).
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.fields
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
        )
    }

    /// The normalized request as a JSON object, without copying the values.
    pub fn into_value(self) -> Value {
        Value::Object(
            self.fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    }
}

impl serde::Serialize for Validated {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.fields.iter().map(|(key, value)| (key, value)))
    }
}

/// Validates and normalizes a request in strict mode.
pub fn validate(request: Value) -> Result<Validated, ValidationError> {
    validate_with(request, &ValidateOptions::default())
}

/// Validates and normalizes a request, choosing the model by its `model` field.
pub fn validate_with(
    request: Value,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    let Value::Object(request) = request else {
        return Err(single(Issue {
            code: IssueCode::InvalidType,
            path: String::new(),
            field: None,
            message: format!(
                "the request must be a JSON object, got {}",
                json_type(&request)
            ),
            suggestion: None,
        }));
    };
    let model = match request.get("model") {
        None => {
            return Err(single(Issue {
                code: IssueCode::MissingField,
                path: pointer("model"),
                field: Some("model".to_owned()),
                message: "`model` is required".to_owned(),
                suggestion: Some(format!("known models: {}", model_ids().join(", "))),
            }));
        }
        Some(Value::String(id)) => match crate::model(id) {
            Some(model) => model,
            None => return Err(single(unknown_model(id))),
        },
        Some(other) => {
            return Err(single(Issue {
                code: IssueCode::InvalidType,
                path: pointer("model"),
                field: Some("model".to_owned()),
                message: format!("`model` must be a string, got {}", json_type(other)),
                suggestion: Some(format!("known models: {}", model_ids().join(", "))),
            }));
        }
    };
    validate_object(model, request, options)
}

/// Validates and normalizes a request for a known model (the generated per-model `validate` calls this).
pub fn validate_model(
    model: &'static ModelSpec,
    request: Value,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    match request {
        Value::Object(request) => validate_object(model, request, options),
        other => Err(single(Issue {
            code: IssueCode::InvalidType,
            path: String::new(),
            field: None,
            message: format!(
                "the request must be a JSON object, got {}",
                json_type(&other)
            ),
            suggestion: None,
        })),
    }
}

fn validate_object(
    model: &'static ModelSpec,
    request: Map<String, Value>,
    options: &ValidateOptions,
) -> Result<Validated, ValidationError> {
    let mut pass = Pass {
        model,
        fields: Vec::with_capacity(request.len() + 1),
        written_as: vec![NOT_GIVEN; model.fields.len()],
        issues: Vec::new(),
        warnings: Vec::new(),
    };
    for (key, value) in request {
        match (model.lookup)(&key) {
            Some(Lookup::Field(index)) => pass.field(index, &key, false, value),
            Some(Lookup::Alias(index)) => pass.field(index, &key, true, value),
            Some(Lookup::Omitted(index)) => pass.omitted(index, key, options),
            None => pass.issues.push(unknown_field(model, &key)),
        }
    }
    pass.required();
    if let Some(operations) = model.operations {
        pass.operation(operations);
    }
    if pass.issues.is_empty() {
        Ok(Validated {
            model,
            fields: pass.fields,
            warnings: pass.warnings,
        })
    } else {
        Err(ValidationError {
            issues: pass.issues,
        })
    }
}

/// Codes of `Pass::written_as`.
const NOT_GIVEN: u8 = 0;
const CANONICAL: u8 = 1;
const FIRST_ALIAS: u8 = 2;

/// The state of one validation pass over one request.
struct Pass {
    model: &'static ModelSpec,
    fields: Vec<(&'static str, Value)>,
    /// For each field of the model, the name it was given under: [`NOT_GIVEN`], [`CANONICAL`], or the index
    /// of the alias plus [`FIRST_ALIAS`] (so alias conflicts and paths name the key as written).
    written_as: Vec<u8>,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Pass {
    fn field(&mut self, index: usize, key: &str, is_alias: bool, value: Value) {
        let spec = &self.model.fields[index];
        if let Some(first) = self.written_name(index) {
            self.issues.push(Issue {
                code: IssueCode::AliasConflict,
                path: pointer(key),
                field: Some(spec.name.to_owned()),
                message: format!("`{key}` and `{first}` both set `{}`", spec.name),
                suggestion: Some(format!("give `{}` once", spec.name)),
            });
            return;
        }
        self.written_as[index] =
            match is_alias.then(|| spec.aliases.iter().position(|alias| *alias == key)) {
                Some(Some(alias)) => {
                    FIRST_ALIAS.saturating_add(u8::try_from(alias).unwrap_or(u8::MAX - FIRST_ALIAS))
                }
                _ => CANONICAL,
            };
        match check_value(spec, At::key(key), value) {
            Ok(value) => self.fields.push((spec.name, value)),
            Err(issue) => self.issues.push(issue),
        }
    }

    fn omitted(&mut self, index: usize, key: String, options: &ValidateOptions) {
        let omitted = &self.model.omitted[index];
        let given_as = if key == omitted.name {
            String::new()
        } else {
            format!(" (given as `{key}`)")
        };
        let issue = Issue {
            code: IssueCode::UnknownField,
            path: pointer(&key),
            field: Some(omitted.name.to_owned()),
            message: if options.lenient {
                format!(
                    "dropped `{}`{given_as}: model `{}` does not accept it",
                    omitted.name, self.model.id
                )
            } else {
                format!(
                    "model `{}` does not accept `{}`{given_as}",
                    self.model.id, omitted.name
                )
            },
            suggestion: (!options.lenient)
                .then(|| "remove it, or validate in lenient mode to drop it".to_owned()),
        };
        if options.lenient {
            self.warnings.push(issue)
        } else {
            self.issues.push(issue)
        }
    }

    fn required(&mut self) {
        for (index, spec) in self.model.fields.iter().enumerate() {
            if spec.required && self.written_as[index] == NOT_GIVEN {
                self.issues.push(Issue {
                    code: IssueCode::MissingField,
                    path: pointer(spec.name),
                    field: Some(spec.name.to_owned()),
                    message: format!("`{}` is required", spec.name),
                    suggestion: None,
                });
            }
        }
    }

    /// Whether a field was given (valid or not), by canonical name.
    fn given(&self, name: &str) -> Option<&str> {
        match (self.model.lookup)(name) {
            Some(Lookup::Field(index)) => self.written_name(index),
            _ => None,
        }
    }

    /// The name field `index` was given under, if it was given.
    fn written_name(&self, index: usize) -> Option<&'static str> {
        let spec = &self.model.fields[index];
        match self.written_as[index] {
            NOT_GIVEN => None,
            CANONICAL => Some(spec.name),
            alias => spec.aliases.get(usize::from(alias - FIRST_ALIAS)).copied(),
        }
    }

    fn operation(&mut self, operations: &'static OperationsSpec) {
        let case = match self.given(operations.field) {
            Some(_) => {
                // Explicit: it was checked against the accepted values; an invalid one already has its issue.
                let chosen = self
                    .fields
                    .iter()
                    .find(|(name, _)| *name == operations.field);
                let Some((_, Value::String(chosen))) = chosen else {
                    return;
                };
                match operations.cases.iter().find(|case| case.name == chosen) {
                    Some(case) => case,
                    None => return,
                }
            }
            None => {
                let Some(case) = operations.cases.iter().find(|case| {
                    case.requires
                        .iter()
                        .all(|input| self.given(input).is_some())
                }) else {
                    return;
                };
                self.fields
                    .push((operations.field, Value::String(case.name.to_owned())));
                case
            }
        };
        self.operation_inputs(operations, case);
    }

    fn operation_inputs(
        &mut self,
        operations: &'static OperationsSpec,
        case: &'static OperationCase,
    ) {
        for &input in case.requires {
            if self.given(input).is_none() {
                self.issues.push(Issue {
                    code: IssueCode::MissingForOperation,
                    path: pointer(input),
                    field: Some(input.to_owned()),
                    message: format!("`{}` `{}` needs `{input}`", operations.field, case.name),
                    suggestion: None,
                });
            }
        }
        for input in operations.inputs() {
            if case.accepts.contains(&input) {
                continue;
            }
            let Some(written_as) = self.given(input) else {
                continue;
            };
            let users: Vec<&str> = operations
                .cases
                .iter()
                .filter(|other| other.accepts.contains(&input))
                .map(|other| other.name)
                .collect();
            let issue = Issue {
                code: IssueCode::NotForOperation,
                path: pointer(written_as),
                field: Some(input.to_owned()),
                message: format!(
                    "`{}` `{}` cannot use `{input}`",
                    operations.field, case.name
                ),
                suggestion: Some(format!(
                    "remove `{written_as}`, or use `{}`: {}",
                    operations.field,
                    users.join(", ")
                )),
            };
            self.issues.push(issue);
        }
    }
}

/// Where a value sits in the request, turned into a JSON pointer only when an issue needs one (valid
/// requests, the common case, never build a path).
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    /// The top-level key as the caller wrote it.
    key: &'a str,
    /// The index within an array value.
    item: Option<usize>,
    /// A fixed tail inside the value, e.g. `/image_url/url`.
    within: &'static str,
}

impl<'a> At<'a> {
    fn key(key: &'a str) -> Self {
        At {
            key,
            item: None,
            within: "",
        }
    }

    fn item(self, index: usize) -> Self {
        At {
            item: Some(index),
            ..self
        }
    }

    fn within(self, within: &'static str) -> Self {
        At { within, ..self }
    }

    fn pointer(&self) -> String {
        let mut pointer = pointer(self.key);
        if let Some(index) = self.item {
            push_pointer(&mut pointer, &index.to_string());
        }
        pointer.push_str(self.within);
        pointer
    }
}

mod issues;
#[cfg(test)]
mod tests;
mod values;

pub use values::{non_finite_number, number_value};
