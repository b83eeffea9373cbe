//! One field of a model: its set's definition with the model's override applied and checked again, its kind
//! with constraints and media types, its labels, and where it is written (for checks made by its readers).

use super::{DISCRIMINATOR, ModelResolver, Offered};
use crate::diagnostic::SourceFile;
use crate::ir::{DefaultValue, Field, FieldWritten, Kind, Labels};
use crate::load::format::{
    self, DefaultDef, FieldDef, FieldOverride, FieldSetFile, FieldType, MediaDef, RangeDef,
};
use crate::load::{FieldShape, Loaded, Located, check_shape, labels};

impl<'a> ModelResolver<'a, '_> {
    /// One accepted field with this model's override applied.
    pub(super) fn field(
        &mut self,
        field: Offered<'a>,
        changes: Option<&'a FieldOverride>,
    ) -> Field {
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
            written: FieldWritten {
                file: set.file.clone(),
                name: name.span,
                values: values.map(|(file, values)| {
                    let spans = values.iter().map(|value| value.span).collect();
                    (file.clone(), spans)
                }),
            },
        }
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

fn default_value(default: &Located<DefaultDef>) -> DefaultValue {
    let DefaultDef { value, assumption } = &default.value;
    DefaultValue {
        value: value.value.clone(),
        assumption: assumption.clone(),
    }
}
