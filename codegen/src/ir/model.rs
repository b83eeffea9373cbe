//! Resolving one model: its included sets merged (a name or alias may name one field only), omissions and
//! overrides applied and checked, the operation table narrowed to what the model accepts, and each field's
//! names given.

use std::collections::{BTreeMap, HashMap};

use super::naming::{module_name, pascal_case, screaming_snake_case, variant_name};
use super::targets::{self, FieldCore, FieldNaming};
use super::{
    AcceptedValue, Amount, Assumption, DefaultValue, Endpoint, Kind, LookupArm, LookupTarget,
    Model, ModelNames, ModelOperations, OmittedField, OperationCase, Operations, Price, Scalar,
    Text,
};
use crate::catalog::format::{
    self, DefaultDef, FieldDef, FieldOverride, FieldSetFile, FieldType, MediaDef, ModelFile,
    PriceDef, RangeDef,
};
use crate::catalog::{self, FieldShape, Loaded, Located, check_shape};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, SourceFile, Span};

/// The field every request names its model with; its only accepted value is the model's id.
const DISCRIMINATOR: &str = "model";

/// A field offered by an included set.
#[derive(Debug, Clone, Copy)]
struct Offered<'a> {
    set: &'a Loaded<FieldSetFile>,
    name: &'a Located<String>,
    def: &'a FieldDef,
}

/// A model resolved except for the names that depend on the other models.
#[derive(Debug)]
pub(super) struct ModelDraft<'a> {
    pub file: &'a SourceFile,
    pub id_span: Span,
    pub model: Model,
    /// Field cores and namings, finished once literal types are named.
    pub fields: Vec<(FieldCore, FieldNaming)>,
    /// The operation table's field set, when the table is shared unchanged.
    pub shared_operations_of: Option<(&'a str, Operations)>,
}

impl ModelDraft<'_> {
    /// The model with its fields named, given the literal type of each `(model id, field)` that has one.
    pub(super) fn finish(mut self, literal_types: &HashMap<(String, String), String>) -> Model {
        self.model.fields = self
            .fields
            .into_iter()
            .map(|(core, mut naming)| {
                naming.literal_type = literal_types
                    .get(&(self.model.id.clone(), core.name.clone()))
                    .cloned();
                targets::finish(core, &naming)
            })
            .collect();
        self.model
    }
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

        let names = model_names(id);
        let kept: Vec<Offered<'a>> = offered
            .iter()
            .copied()
            .filter(|field| !omit.iter().any(|omitted| omitted.value == field.name.value))
            .collect();
        let fields: Vec<(FieldCore, FieldNaming)> = kept
            .iter()
            .map(|field| self.field(*field, overrides.get(field.name), &names))
            .collect();
        let (operations, shared_operations_of) = self.operations(&included, &fields, omit);

        let mut assumptions = Vec::new();
        if let Some(text) = endpoint_assumption {
            assumptions.push(Assumption {
                subject: format!("endpoint type `{}`", doc.endpoint.value),
                text: text.clone(),
            });
        }
        for (core, _) in &fields {
            if let Some(text) = &core.assumption {
                assumptions.push(Assumption {
                    subject: format!("`{}`", core.name),
                    text: text.clone(),
                });
            }
            if let Some(default) = &core.default {
                let subject = format!(
                    "`{}` default {}",
                    core.name,
                    targets::scalar_label(&default.value)
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
        let request_derives_default = fields
            .iter()
            .all(|(core, naming)| !core.required || has_default(core, naming));

        let endpoint = endpoint?;
        if self.out.len() > problems_before {
            return None;
        }
        Some(ModelDraft {
            file,
            id_span: id.span,
            model: Model {
                id: id.value.clone(),
                id_literal: json_literal(id),
                name: name.clone(),
                description: Text::new(description),
                provider: provider.clone(),
                source: source.clone(),
                names,
                endpoint,
                fields: Vec::new(),
                omitted,
                lookup,
                operations,
                price: price.as_ref().and_then(price_of),
                assumptions,
                request_derives_default,
            },
            fields,
            shared_operations_of,
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
    fn field(
        &mut self,
        field: Offered<'a>,
        changes: Option<&'a FieldOverride>,
        names: &ModelNames,
    ) -> (FieldCore, FieldNaming) {
        let Offered { set, name, def } = field;
        let FieldDef {
            kind,
            required,
            aliases,
            values,
            range,
            default,
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

        let is_discriminator = name.value == DISCRIMINATOR;
        let accepted: Vec<AcceptedValue> = if is_discriminator {
            vec![accepted_value(&self.model.doc.id)]
        } else {
            values
                .map(|(_, values)| values.iter().map(accepted_value).collect())
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

        let enum_name = match &kind {
            Kind::String { .. } if is_discriminator => Some("Model".to_owned()),
            Kind::String { accepted } if !accepted.is_empty() => Some(pascal_case(name)),
            _ => None,
        };
        if let Some(enum_name) = &enum_name {
            self.check_enum(&set.file, name, enum_name, values);
        }
        let core = FieldCore {
            name: name.value.clone(),
            aliases: aliases.iter().map(|alias| alias.value.clone()).collect(),
            required: *required,
            description: changes
                .and_then(|changes| changes.description.clone())
                .unwrap_or_else(|| description.clone()),
            kind,
            default: default.map(|(_, default)| default_value(default)),
            assumption,
        };
        let naming = FieldNaming {
            discriminator_variant: is_discriminator.then(|| names.type_name.clone()),
            enum_name,
            literal_type: None,
        };
        (core, naming)
    }

    /// An enum's name must not collide with the module's other types, nor two values' variants.
    fn check_enum(
        &mut self,
        set_file: &SourceFile,
        name: &Located<String>,
        enum_name: &str,
        values: Option<(&SourceFile, &Located<Vec<Located<String>>>)>,
    ) {
        if name.value != DISCRIMINATOR && matches!(enum_name, "Model" | "Request") {
            let message = format!(
                "field `{}` would generate the enum `{enum_name}`, a name the model module uses",
                name.value
            );
            self.out.error(set_file, name.span, message);
        }
        let Some((file, values)) = values else { return };
        let mut variants: HashMap<String, &str> = HashMap::new();
        for value in values.iter() {
            let variant = variant_name(value);
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
        fields: &[(FieldCore, FieldNaming)],
        omit: &[Located<String>],
    ) -> (Option<ModelOperations>, Option<(&'a str, Operations)>) {
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
        let Some((_, set, operations)) = with_operations.first() else {
            return (None, None);
        };
        let selector = fields
            .iter()
            .find(|(core, _)| core.name == operations.field.value);
        let Some((
            FieldCore {
                kind: Kind::String { accepted },
                ..
            },
            _,
        )) = selector
        else {
            return (None, None); // the operation field is omitted, or was reported by the checker
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
        narrowed
            .cases
            .retain(|case| accepted.iter().any(|value| value.wire == case.name));
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
        if narrowed == full {
            let shared_static = Some(format!(
                "OPERATIONS_{}",
                screaming_snake_case(set.file.stem())
            ));
            (
                Some(ModelOperations {
                    operations: full.clone(),
                    shared_static,
                }),
                Some((set.file.stem(), full)),
            )
        } else {
            (
                Some(ModelOperations {
                    operations: narrowed,
                    shared_static: None,
                }),
                None,
            )
        }
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

fn accepted_value(value: &Located<String>) -> AcceptedValue {
    AcceptedValue {
        wire: value.value.clone(),
        literal: json_literal(value),
    }
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
    accepted: Vec<AcceptedValue>,
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

fn model_names(id: &str) -> ModelNames {
    let type_name = pascal_case(id);
    ModelNames {
        module: module_name(id),
        request_type: format!("{type_name}Request"),
        type_name,
        schema_file: format!("schema/{id}.request.schema.json"),
        docs_file: format!("docs/models/{id}.md"),
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
    let value = match &value.value {
        format::Scalar::Integer(value) => Scalar::Integer(*value),
        format::Scalar::Number(value) => Scalar::Number(*value),
        format::Scalar::String(value) => Scalar::String(value.clone()),
        format::Scalar::Boolean(value) => Scalar::Boolean(*value),
    };
    DefaultValue {
        value,
        assumption: assumption.clone(),
    }
}

/// Canonical names, then aliases, then omitted names, each answering what they name.
fn lookup_arms(fields: &[(FieldCore, FieldNaming)], omitted: &[OmittedField]) -> Vec<LookupArm> {
    let mut arms = Vec::new();
    for (index, (core, _)) in fields.iter().enumerate() {
        arms.push(LookupArm {
            keys: vec![core.name.clone()],
            target: LookupTarget::Field(index),
        });
        if !core.aliases.is_empty() {
            arms.push(LookupArm {
                keys: core.aliases.clone(),
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

/// Whether the Rust type of a required field has a `Default` (media types do not; nor do value enums, except
/// the single-variant `Model`).
fn has_default(core: &FieldCore, naming: &FieldNaming) -> bool {
    match core.kind {
        Kind::String { .. } => naming.enum_name.is_none() || naming.discriminator_variant.is_some(),
        Kind::Number { .. }
        | Kind::Integer { .. }
        | Kind::Boolean
        | Kind::InlineImageList { .. } => true,
        Kind::InlineImage { .. } | Kind::VideoSource { .. } => false,
    }
}

fn json_literal(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

fn field_list(offered: &[Offered<'_>]) -> String {
    let names: Vec<&str> = offered.iter().map(|field| field.name.as_str()).collect();
    format!("the included sets define: {}", names.join(", "))
}
