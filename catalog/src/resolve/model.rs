//! Resolving one model: its included sets merged (a name or alias may name one field only), omissions and
//! overrides applied and checked, the operation table narrowed to what the model accepts.

mod field;
mod operations;

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Diagnostic, Diagnostics, Position, SourceFile};
use crate::ir::{
    Amount, Assumption, Endpoint, Field, LookupArm, LookupTarget, Model, ModelWritten,
    OmittedField, Price,
};
use crate::load::format::{
    self, FieldDef, FieldOverride, FieldSetFile, FieldType, ModelFile, PriceDef,
};
use crate::load::{self, Loaded, Located, labels};

/// The field every request names its model with; its only accepted value is the model's id.
const DISCRIMINATOR: &str = "model";

/// A field offered by an included set.
#[derive(Debug, Clone, Copy)]
struct Offered<'a> {
    set: &'a Loaded<FieldSetFile>,
    name: &'a Located<String>,
    def: &'a FieldDef,
}

/// Resolves one model file against the field sets and endpoint types; `None` (with the problems in `out`)
/// when it cannot be.
pub(super) fn resolve_model<'a>(
    model: &'a Loaded<ModelFile>,
    sets: &BTreeMap<&'a str, &'a Loaded<FieldSetFile>>,
    endpoints: &[Endpoint],
    out: &mut Diagnostics,
) -> Option<Model> {
    ModelResolver {
        model,
        sets,
        endpoints,
        out,
    }
    .resolve()
}

struct ModelResolver<'a, 'o> {
    model: &'a Loaded<ModelFile>,
    sets: &'o BTreeMap<&'a str, &'a Loaded<FieldSetFile>>,
    endpoints: &'o [Endpoint],
    out: &'o mut Diagnostics,
}

impl<'a> ModelResolver<'a, '_> {
    fn resolve(mut self) -> Option<Model> {
        let problems_before = self.out.len();
        let Loaded { file, doc } = self.model;
        let ModelFile {
            id,
            name,
            description,
            source,
            provider,
            endpoint,
            endpoint_assumption,
            include,
            omit,
            overrides,
            price,
            example,
        } = doc;

        let included = self.included_sets(include);
        let offered = self.offered_fields(&included);
        self.check_omissions(omit, &offered);
        self.check_overrides(overrides, omit, &offered);
        self.check_discriminator(&offered);
        let endpoint = self.endpoint(endpoint);

        let kept: Vec<Offered<'a>> = offered
            .iter()
            .copied()
            .filter(|field| !omit.iter().any(|omitted| omitted.value == field.name.value))
            .collect();
        let fields: Vec<Field> = kept
            .iter()
            .map(|field| self.field(*field, overrides.get(field.name)))
            .collect();
        self.check_roles(&kept);
        let operations = self.operations(&included, &fields, omit);

        let mut assumptions = Vec::new();
        if let Some(text) = endpoint_assumption {
            assumptions.push(Assumption {
                subject: format!("endpoint type `{}`", doc.endpoint.value),
                text: text.clone(),
            });
        }
        for field in &fields {
            if let Some(text) = &field.assumption {
                assumptions.push(Assumption {
                    subject: format!("`{}`", field.name),
                    text: text.clone(),
                });
            }
            if let Some(default) = &field.default {
                let subject = format!(
                    "`{}` default {}",
                    field.name,
                    labels::scalar_text(&default.value)
                );
                assumptions.push(Assumption {
                    subject,
                    text: default.assumption.clone(),
                });
            }
        }

        let omitted: Vec<OmittedField> = offered
            .iter()
            .filter(|field| omit.iter().any(|omitted| omitted.value == field.name.value))
            .map(|field| OmittedField {
                name: field.name.value.clone(),
                aliases: field
                    .def
                    .aliases
                    .iter()
                    .map(|alias| alias.value.clone())
                    .collect(),
            })
            .collect();
        let lookup = lookup_arms(&fields, &omitted);
        if let Some(example) = example {
            self.check_example(example, &id.value, &fields);
        }

        let endpoint = endpoint?;
        if self.out.len() > problems_before {
            return None;
        }
        Some(Model {
            id: id.value.clone(),
            name: name.clone(),
            description: description.clone(),
            provider: provider.clone(),
            source: source.clone(),
            endpoint,
            fields,
            omitted,
            lookup,
            operations,
            price: price.as_ref().and_then(price_of),
            assumptions,
            example: example.as_ref().map(|example| example.value.clone()),
            written: ModelWritten {
                file: file.clone(),
                id: id.span,
            },
        })
    }

    /// The example request names only this model's fields (or their aliases) and names the model itself. Its
    /// values are checked where they can be: by the tests that send it to the emulator.
    fn check_example(
        &mut self,
        example: &Located<serde_json::Map<String, serde_json::Value>>,
        model_id: &str,
        fields: &[Field],
    ) {
        for key in example.keys() {
            let known = fields
                .iter()
                .any(|field| field.name == *key || field.aliases.iter().any(|alias| alias == key));
            if !known {
                self.out.push(
                    Diagnostic::new(
                        self.file(),
                        example.span,
                        format!("the example names `{key}`, which this model does not accept"),
                    )
                    .with_help("use the model's field names or their aliases"),
                );
            }
        }
        let names_model = fields.iter().find(|field| field.names_model);
        let given = names_model.and_then(|field| example.get(&field.name));
        if given.and_then(serde_json::Value::as_str) != Some(model_id) {
            self.out.push(Diagnostic::new(
                self.file(),
                example.span,
                format!("the example must name this model: `model: {model_id}`"),
            ));
        }
    }

    fn file(&self) -> &'a SourceFile {
        &self.model.file
    }

    fn included_sets(
        &mut self,
        include: &'a Located<Vec<Located<String>>>,
    ) -> Vec<(&'a Located<String>, &'a Loaded<FieldSetFile>)> {
        let mut included = Vec::new();
        for set_name in include.iter() {
            match self.sets.get(set_name.as_str()) {
                Some(set) => included.push((set_name, *set)),
                None => {
                    let known = self.sets.keys().copied().collect::<Vec<_>>().join(", ");
                    self.out.push(
                        Diagnostic::new(
                            self.file(),
                            set_name.span,
                            format!("unknown field set `{}`", set_name.value),
                        )
                        .with_help(format!(
                            "field sets are the files of the catalog's fields/: {known}"
                        )),
                    );
                }
            }
        }
        included
    }

    /// The fields of the included sets in include order. A name or alias used by fields of two sets is an error.
    fn offered_fields(
        &mut self,
        included: &[(&'a Located<String>, &'a Loaded<FieldSetFile>)],
    ) -> Vec<Offered<'a>> {
        let mut offered: Vec<Offered<'a>> = Vec::new();
        let mut owners: HashMap<&str, Offered<'a>> = HashMap::new();
        for (set_name, set) in included {
            for (name, def) in set.doc.fields.iter() {
                let field = Offered { set, name, def };
                for key in std::iter::once(name).chain(&def.aliases) {
                    match owners.get(key.as_str()) {
                        Some(owner) if owner.set.file.stem() != set.file.stem() => self.out.push(
                            Diagnostic::new(
                                self.file(),
                                set_name.span,
                                format!(
                                    "`{}` names both `{}` of set `{}` and `{}` of set `{}`",
                                    key.value,
                                    owner.name.value,
                                    owner.set.file.stem(),
                                    name.value,
                                    set.file.stem(),
                                ),
                            )
                            .with_help(format!(
                                "the other is at {}",
                                Position::new(&owner.set.file, owner.name.span)
                            )),
                        ),
                        _ => {
                            owners.insert(key, field);
                        }
                    }
                }
                offered.push(field);
            }
        }
        offered
    }

    fn check_omissions(&mut self, omit: &[Located<String>], offered: &[Offered<'a>]) {
        for name in omit {
            if name.value == DISCRIMINATOR {
                self.out.error(
                    self.file(),
                    name.span,
                    "`model` cannot be omitted: it names the model",
                );
            } else if !offered.iter().any(|field| field.name.value == name.value) {
                self.out.push(
                    Diagnostic::new(
                        self.file(),
                        name.span,
                        format!("cannot omit `{}`: no included set defines it", name.value),
                    )
                    .with_help(field_list(offered)),
                );
            }
        }
    }

    fn check_overrides(
        &mut self,
        overrides: &load::OrderedMap<FieldOverride>,
        omit: &[Located<String>],
        offered: &[Offered<'a>],
    ) {
        for name in overrides.keys() {
            if name.value == DISCRIMINATOR {
                self.out.error(
                    self.file(),
                    name.span,
                    "`model` cannot be overridden: its only value is the model id",
                );
            } else if omit.iter().any(|omitted| omitted.value == name.value) {
                self.out.error(
                    self.file(),
                    name.span,
                    format!("`{}` is omitted, so it cannot be overridden", name.value),
                );
            } else if !offered.iter().any(|field| field.name.value == name.value) {
                self.out.push(
                    Diagnostic::new(
                        self.file(),
                        name.span,
                        format!(
                            "cannot override `{}`: no included set defines it",
                            name.value
                        ),
                    )
                    .with_help(field_list(offered)),
                );
            }
        }
    }

    /// A role names one field of the model; two fields of one set holding it were reported by the checker.
    fn check_roles(&mut self, kept: &[Offered<'a>]) {
        for (index, field) in kept.iter().enumerate() {
            let Some(role) = &field.def.role else {
                continue;
            };
            let earlier = kept[..index].iter().find(|earlier| {
                earlier.set.file.stem() != field.set.file.stem()
                    && earlier.def.role.as_ref().map(|role| role.value) == Some(role.value)
            });
            if let Some(earlier) = earlier {
                self.out.push(
                    Diagnostic::new(
                        self.file(),
                        self.model.doc.id.span,
                        format!(
                            "role `{}` is held by both `{}` and `{}`",
                            role.as_str(),
                            earlier.name.value,
                            field.name.value
                        ),
                    )
                    .with_help(format!(
                        "omit one of them; the other is at {}",
                        Position::new(&field.set.file, role.span)
                    )),
                );
            }
        }
    }

    /// Every model needs a `model` field: a required string whose only value is filled in per model.
    fn check_discriminator(&mut self, offered: &[Offered<'a>]) {
        match offered
            .iter()
            .find(|field| field.name.value == DISCRIMINATOR)
        {
            None => {
                let id = &self.model.doc.id;
                self.out.error(
                    self.file(),
                    id.span,
                    "the model has no `model` field; include the set that defines it",
                );
            }
            Some(field) => {
                let FieldDef {
                    kind,
                    required,
                    values,
                    ..
                } = field.def;
                if kind.value != FieldType::String || !required || values.is_some() {
                    self.out.error(
                        &field.set.file,
                        field.name.span,
                        "`model` must be a required string field without `values` (its accepted value is each model's id)",
                    );
                }
            }
        }
    }

    fn endpoint(&mut self, endpoint: &Located<String>) -> Option<Endpoint> {
        let found = self
            .endpoints
            .iter()
            .find(|known| known.id == endpoint.value)
            .cloned();
        if found.is_none() {
            let known = self
                .endpoints
                .iter()
                .map(|known| known.id.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            self.out.push(
                Diagnostic::new(
                    self.file(),
                    endpoint.span,
                    format!("unknown endpoint type `{}`", endpoint.value),
                )
                .with_help(format!(
                    "endpoint types are the ids of the catalog's endpoints/: {known}"
                )),
            );
        }
        found
    }
}

/// The price with exact amounts; unparsable amounts were reported by the checker.
fn price_of(price: &Located<PriceDef>) -> Option<Price> {
    let PriceDef {
        currency,
        per_second,
        minimum_hold,
    } = &price.value;
    Some(Price {
        currency: currency.value.clone(),
        per_second: amount(&per_second.value)?,
        minimum_hold: amount(&minimum_hold.value)?,
    })
}

fn amount(text: &format::DecimalText) -> Option<Amount> {
    let decimal = load::parse_amount(text).ok()?;
    let mantissa = decimal.mantissa().unsigned_abs();
    let word =
        |shift: u32| u32::try_from((mantissa >> shift) & u128::from(u32::MAX)).unwrap_or_default();
    let format::DecimalText::Quoted(text) = text else {
        return None;
    };
    Some(Amount {
        text: text.clone(),
        lo: word(0),
        mid: word(32),
        hi: word(64),
        negative: decimal.is_sign_negative(),
        scale: decimal.scale(),
    })
}

/// Canonical names, then aliases, then omitted names, each answering what they name.
fn lookup_arms(fields: &[Field], omitted: &[OmittedField]) -> Vec<LookupArm> {
    let mut arms = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        arms.push(LookupArm {
            keys: vec![field.name.clone()],
            target: LookupTarget::Field(index),
        });
        if !field.aliases.is_empty() {
            arms.push(LookupArm {
                keys: field.aliases.clone(),
                target: LookupTarget::Alias(index),
            });
        }
    }
    for (index, field) in omitted.iter().enumerate() {
        let keys = std::iter::once(&field.name)
            .chain(&field.aliases)
            .cloned()
            .collect();
        arms.push(LookupArm {
            keys,
            target: LookupTarget::Omitted(index),
        });
    }
    arms
}

fn field_list(offered: &[Offered<'_>]) -> String {
    let names: Vec<&str> = offered.iter().map(|field| field.name.as_str()).collect();
    format!("the included sets define: {}", names.join(", "))
}
