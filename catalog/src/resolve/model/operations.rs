//! A model's workflow table: its field set's, narrowed to the workflows and inputs the model accepts. A
//! workflow cannot require a field the model omits.

use super::{Loaded, ModelResolver};
use crate::diagnostic::Diagnostic;
use crate::ir::{Field, Kind, ModelOperations, OperationCase, Operations};
use crate::load::Located;
use crate::load::format::FieldSetFile;

impl<'a> ModelResolver<'a, '_> {
    /// The model's workflow table: the set's, narrowed to the workflows this model accepts.
    pub(super) fn operations(
        &mut self,
        included: &[(&'a Located<String>, &'a Loaded<FieldSetFile>)],
        fields: &[Field],
        omit: &[Located<String>],
    ) -> Option<ModelOperations> {
        let with_operations: Vec<_> = included
            .iter()
            .filter_map(|(set_name, set)| {
                set.doc
                    .operations
                    .as_ref()
                    .map(|ops| (*set_name, *set, ops))
            })
            .collect();
        if let [_, (second, _, _), ..] = with_operations.as_slice() {
            self.out.error(
                self.file(),
                second.span,
                "two included sets define operations; a model has one operation field",
            );
        }
        let (_, set, operations) = with_operations.first()?;
        let selector = fields
            .iter()
            .find(|field| field.name == operations.field.value);
        let Some(Field {
            kind: Kind::String { accepted },
            ..
        }) = selector
        else {
            return None; // the operation field is omitted, or was reported by the checker
        };
        let full = Operations {
            field: operations.field.value.clone(),
            cases: operations
                .cases
                .iter()
                .map(|(name, case)| OperationCase {
                    name: name.value.clone(),
                    requires: case
                        .requires
                        .iter()
                        .map(|input| input.value.clone())
                        .collect(),
                    accepts: case
                        .accepts
                        .iter()
                        .map(|input| input.value.clone())
                        .collect(),
                })
                .collect(),
        };
        let is_omitted = |name: &str| omit.iter().find(|omitted| omitted.value == name);
        let mut narrowed = full.clone();
        narrowed.cases.retain(|case| accepted.contains(&case.name));
        for case in &mut narrowed.cases {
            for required in &case.requires {
                if let Some(omitted) = is_omitted(required) {
                    self.out.push(
                        Diagnostic::new(
                            self.file(),
                            omitted.span,
                            format!(
                                "cannot omit `{required}`: workflow `{}` requires it",
                                case.name
                            ),
                        )
                        .with_help(format!(
                            "override `{}` values to leave out `{}` as well",
                            full.field, case.name
                        )),
                    );
                }
            }
            case.accepts.retain(|input| is_omitted(input).is_none());
        }
        let shared_from = (narrowed == full).then(|| set.file.stem().to_owned());
        Some(ModelOperations {
            operations: narrowed,
            shared_from,
        })
    }
}
