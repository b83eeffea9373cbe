//! Resolving one model: its included sets merged (a name or alias may name one field only), omissions and
//! overrides applied and checked, the operation table narrowed to what the model accepts. The Rust names a
//! field's values will get are checked here (two values must not make one variant); they are not kept.

use std::collections::{BTreeMap, HashMap};

use crate::catalog::format::{
    self, DefaultDef, FieldDef, FieldOverride, FieldSetFile, FieldType, MediaDef, ModelFile,
    PriceDef, RangeDef,
};
use crate::catalog::{self, FieldShape, Loaded, Located, check_shape, labels};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, SourceFile, Span};
use crate::ir::{
    Amount, Assumption, DefaultValue, Endpoint, Field, Kind, Labels, LookupArm, LookupTarget,
    Model, ModelOperations, OmittedField, OperationCase, Operations, Price,
};
use crate::names;

/// The field every request names its model with; its only accepted value is the model's id.
const DISCRIMINATOR: &str = "model";

/// A field offered by an included set.
#[derive(Debug, Clone, Copy)]
struct Offered<'a> {
    set: &'a Loaded<FieldSetFile>,
    name: &'a Located<String>,
    def: &'a FieldDef,
}

/// A resolved model with where its id is written, for problems found once all models are known.
#[derive(Debug)]
pub(super) struct ModelDraft<'a> {
    pub file: &'a SourceFile,
    pub id_span: Span,
    pub model: Model,
}

/// Resolves one model file against the field sets and endpoint types; `None` (with the problems in `out`)
/// when it cannot be.
pub(super) fn resolve_model<'a>(
    model: &'a Loaded<ModelFile>,
    sets: &BTreeMap<&'a str, &'a Loaded<FieldSetFile>>,
    endpoints: &[Endpoint],
    out: &mut Diagnostics,
) -> Option<ModelDraft<'a>> {
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
    fn resolve(mut self) -> Option<ModelDraft<'a>> {
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

        let endpoint = endpoint?;
        if self.out.len() > problems_before {
            return None;
        }
        Some(ModelDraft {
            file,
            id_span: id.span,
            model: Model {
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
            },
        })
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
                        .with_help(format!("field sets are the files of spec/fields/: {known}")),
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
        overrides: &catalog::OrderedMap<FieldOverride>,
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
                    "endpoint types are the ids of spec/endpoints/: {known}"
                )),
            );
        }
        found
    }

    /// One accepted field with this model's override applied.
    fn field(&mut self, field: Offered<'a>, changes: Option<&'a FieldOverride>) -> Field {
        let Offered { set, name, def } = field;
        let FieldDef {
            kind,
            required,
            aliases,
            values,
            range,
            default,
            role,
            assumption,
            description,
        } = def;
        let model_file = self.file();
        let values = overridden(
            model_file,
            changes.and_then(|c| c.values.as_ref()),
            &set.file,
            values.as_ref(),
        );
        let range = overridden(
            model_file,
            changes.and_then(|c| c.range.as_ref()),
            &set.file,
            range.as_ref(),
        );
        let default = overridden(
            model_file,
            changes.and_then(|c| c.default.as_ref()),
            &set.file,
            default.as_ref(),
        );
        if changes.is_some() {
            check_shape(
                &FieldShape {
                    name,
                    kind: kind.value,
                    values,
                    range,
                    default,
                },
                self.out,
            );
        }

        let names_model = name.value == DISCRIMINATOR;
        let accepted: Vec<String> = if names_model {
            vec![self.model.doc.id.value.clone()]
        } else {
            values
                .map(|(_, values)| values.iter().map(|value| value.value.clone()).collect())
                .unwrap_or_default()
        };
        let media = media_def(set, kind.value);
        let kind = resolved_kind(
            kind.value,
            accepted,
            range.map(|(_, range)| &range.value),
            media,
        );

        // An override's own assumption replaces the field's; the media types' assumption always applies.
        let own_assumption = changes
            .and_then(|changes| changes.assumption.clone())
            .or_else(|| assumption.clone());
        let media_assumption = media.and_then(|media| media.assumption.clone());
        let assumption = [own_assumption, media_assumption]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a} {b}"));

        if let Kind::String { accepted } = &kind
            && let Some(enum_name) =
                names::rust::value_enum(name, names_model, !accepted.is_empty())
        {
            self.check_enum(&set.file, name, &enum_name, values);
        }
        Field {
            name: name.value.clone(),
            aliases: aliases.iter().map(|alias| alias.value.clone()).collect(),
            required: *required,
            names_model,
            description: changes
                .and_then(|changes| changes.description.clone())
                .unwrap_or_else(|| description.clone()),
            labels: field_labels(&kind),
            kind,
            role: role.as_ref().map(|role| role.value),
            default: default.map(|(_, default)| default_value(default)),
            assumption,
        }
    }

    /// An enum's name must not collide with the module's other types, nor two values' variants.
    fn check_enum(
        &mut self,
        set_file: &SourceFile,
        name: &Located<String>,
        enum_name: &str,
        values: Option<(&SourceFile, &Located<Vec<Located<String>>>)>,
    ) {
        if name.value != DISCRIMINATOR
            && [names::rust::MODEL_ENUM, names::rust::REQUEST_STRUCT].contains(&enum_name)
        {
            let message = format!(
                "field `{}` would generate the enum `{enum_name}`, a name the model module uses",
                name.value
            );
            self.out.error(set_file, name.span, message);
        }
        let Some((file, values)) = values else { return };
        let mut variants: HashMap<String, &str> = HashMap::new();
        for value in values.iter() {
            let variant = names::rust::variant(value);
            if variant.is_empty() {
                self.out.error(
                    file,
                    value.span,
                    format!(
                        "value `{}` has no letter or digit to name a Rust variant",
                        value.value
                    ),
                );
            } else if let Some(first) = variants.get(&variant) {
                let message = format!(
                    "values `{first}` and `{}` both become the Rust variant `{variant}`",
                    value.value
                );
                self.out.error(file, value.span, message);
            } else {
                variants.insert(variant, value);
            }
        }
    }

    /// The model's workflow table: the set's, narrowed to the workflows this model accepts.
    fn operations(
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

/// The media types that apply to a field of this type in its set.
fn media_def(set: &Loaded<FieldSetFile>, kind: FieldType) -> Option<&MediaDef> {
    let media = set.doc.media.as_ref()?;
    match kind {
        FieldType::InlineImage | FieldType::InlineImageList => media.inline_image.as_ref(),
        FieldType::VideoSource => media.video_source.as_ref(),
        FieldType::String | FieldType::Number | FieldType::Integer | FieldType::Boolean => None,
    }
}

/// The field's kind with its constraints; bounds of the wrong type were reported by the checker.
fn resolved_kind(
    kind: FieldType,
    accepted: Vec<String>,
    range: Option<&RangeDef>,
    media: Option<&MediaDef>,
) -> Kind {
    let (min, max) = range.map_or((None, None), |RangeDef { min, max }| {
        (min.as_ref(), max.as_ref())
    });
    let integer = |bound: Option<&Located<format::Scalar>>| match bound.map(|bound| &bound.value) {
        Some(format::Scalar::Integer(value)) => Some(*value),
        _ => None,
    };
    let number = |bound: Option<&Located<format::Scalar>>| bound.and_then(|bound| bound.as_f64());
    let media_types = || -> Vec<String> {
        media
            .map(|media| {
                media
                    .media_types
                    .iter()
                    .map(|media_type| media_type.value.clone())
                    .collect()
            })
            .unwrap_or_default()
    };
    match kind {
        FieldType::String => Kind::String { accepted },
        FieldType::Number => Kind::Number {
            min: number(min),
            max: number(max),
        },
        FieldType::Integer => Kind::Integer {
            min: integer(min),
            max: integer(max),
        },
        FieldType::Boolean => Kind::Boolean,
        FieldType::InlineImage => Kind::InlineImage {
            media_types: media_types(),
        },
        FieldType::InlineImageList => Kind::InlineImageList {
            media_types: media_types(),
        },
        FieldType::VideoSource => Kind::VideoSource {
            media_types: media_types(),
        },
    }
}

/// The model's value if it overrides one, else the set's, each with the file it is written in.
fn overridden<'a, T>(
    model_file: &'a SourceFile,
    changed: Option<&'a T>,
    set_file: &'a SourceFile,
    base: Option<&'a T>,
) -> Option<(&'a SourceFile, &'a T)> {
    changed
        .map(|value| (model_file, value))
        .or(base.map(|value| (set_file, value)))
}

/// The field's type and range in words.
fn field_labels(kind: &Kind) -> Labels {
    let field_type = kind.field_type();
    let (min, max) = match *kind {
        Kind::Number { min, max } => (min.map(labels::number_text), max.map(labels::number_text)),
        Kind::Integer { min, max } => (
            min.map(|min| min.to_string()),
            max.map(|max| max.to_string()),
        ),
        _ => (None, None),
    };
    Labels {
        kind_name: labels::kind_name(field_type),
        kind_label: labels::kind_label(field_type),
        expected: labels::kind_expected(field_type),
        range: labels::range_text(min.as_deref(), max.as_deref()),
    }
}

fn amount(text: &format::DecimalText) -> Option<Amount> {
    let decimal = catalog::parse_amount(text).ok()?;
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

fn default_value(default: &Located<DefaultDef>) -> DefaultValue {
    let DefaultDef { value, assumption } = &default.value;
    DefaultValue {
        value: value.value.clone(),
        assumption: assumption.clone(),
    }
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
