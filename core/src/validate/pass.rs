//! The key pass over one request, then the cross-field rules: required fields and the operation's inputs.

use super::input::{Input, ObjectInput};
use super::values::check_value;
use super::{At, ValidateOptions, Validated};
use crate::catalog::{FieldSpec, Lookup, ModelSpec, OperationCase, OperationsSpec};
use crate::issue::{Issue, IssueKind, ValidationError, pointer};
use serde_json::Value;

/// How a field of the model was written in the request, so that alias conflicts and paths name the key as the
/// caller wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    Absent,
    Canonical,
    Alias(&'static str),
}

impl Written {
    /// The name the field was given under, if it was given.
    fn name(self, field: &'static FieldSpec) -> Option<&'static str> {
        match self {
            Written::Absent => None,
            Written::Canonical => Some(field.name),
            Written::Alias(alias) => Some(alias),
        }
    }
}

/// The state of one validation pass over one request.
pub(super) struct Pass {
    model: &'static ModelSpec,
    fields: Vec<(&'static str, Value)>,
    /// For each field of the model, how it was written.
    written: Vec<Written>,
    issues: Vec<Issue>,
    warnings: Vec<Issue>,
}

impl Pass {
    /// Validates the entries of `request` against `model`.
    pub(super) fn run<I: Input>(
        model: &'static ModelSpec,
        request: I::Object,
        options: &ValidateOptions,
    ) -> Result<Validated, ValidationError> {
        let mut pass = Pass {
            model,
            fields: Vec::with_capacity(request.len() + 1),
            written: vec![Written::Absent; model.fields.len()],
            issues: Vec::new(),
            warnings: Vec::new(),
        };
        for (key, value) in request {
            match model.lookup(&key) {
                Some(Lookup::Field(index)) => pass.field(index, &key, Written::Canonical, value),
                Some(Lookup::Alias(index)) => {
                    let aliases = model.fields[index].aliases;
                    // The generated lookup only answers `Alias` for a key in the field's aliases.
                    let written = aliases
                        .iter()
                        .find(|alias| **alias == key)
                        .map_or(Written::Canonical, |alias| Written::Alias(alias));
                    pass.field(index, &key, written, value)
                }
                Some(Lookup::Omitted(index)) => pass.omitted(index, key, options),
                None => pass.issues.push(Issue::new(
                    pointer(&key),
                    IssueKind::UnknownField { model, key },
                )),
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

    fn field<I: Input>(&mut self, index: usize, key: &str, written: Written, value: I) {
        let spec = &self.model.fields[index];
        if let Some(first) = self.written[index].name(spec) {
            let kind = IssueKind::AliasConflict {
                field: spec.name,
                key: key.to_owned(),
                first,
            };
            self.issues.push(Issue::new(pointer(key), kind));
            return;
        }
        self.written[index] = written;
        match check_value(spec, At::key(key), value) {
            Ok(value) => self.fields.push((spec.name, value)),
            Err(issue) => self.issues.push(issue),
        }
    }

    fn omitted(&mut self, index: usize, key: String, options: &ValidateOptions) {
        let issue = Issue::new(
            pointer(&key),
            IssueKind::OmittedField {
                model: self.model,
                field: self.model.omitted[index].name,
                key,
                dropped: options.lenient,
            },
        );
        if options.lenient {
            self.warnings.push(issue)
        } else {
            self.issues.push(issue)
        }
    }

    fn required(&mut self) {
        for (spec, written) in self.model.fields.iter().zip(&self.written) {
            if spec.required && *written == Written::Absent {
                let kind = IssueKind::MissingField { field: spec.name };
                self.issues.push(Issue::new(pointer(spec.name), kind));
            }
        }
    }

    /// The name a field was given under (valid or not), by canonical name.
    fn given(&self, name: &str) -> Option<&'static str> {
        match self.model.lookup(name) {
            Some(Lookup::Field(index)) => self.written[index].name(&self.model.fields[index]),
            _ => None,
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
                let kind = IssueKind::MissingForOperation {
                    operations,
                    case: case.name,
                    input,
                };
                self.issues.push(Issue::new(pointer(input), kind));
            }
        }
        for &input in operations.inputs {
            if case.accepts.contains(&input) {
                continue;
            }
            let Some(written_as) = self.given(input) else {
                continue;
            };
            let kind = IssueKind::NotForOperation {
                operations,
                case: case.name,
                input,
                written_as,
            };
            self.issues.push(Issue::new(pointer(written_as), kind));
        }
    }
}
