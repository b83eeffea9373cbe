//! The rules that tie a field's constraints to its kind: `values` only on strings and never empty, `range` only
//! on numbers with `min <= max`, a default of the right type inside them. Applied to every field of a set, and
//! again to a field a model overrides (whose constraints then come from two files).

use super::format::{DefaultDef, FieldType, RangeDef, Scalar};
use super::located::Located;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceFile};

/// A field's kind with the constraints that apply to it, each with the file it was written in (a model's
/// override can replace some of them).
#[derive(Debug)]
pub struct FieldShape<'a> {
    pub name: &'a str,
    pub kind: FieldType,
    pub values: Option<(&'a SourceFile, &'a Located<Vec<Located<String>>>)>,
    pub range: Option<(&'a SourceFile, &'a Located<RangeDef>)>,
    pub default: Option<(&'a SourceFile, &'a Located<DefaultDef>)>,
}

/// Checks that the constraints fit the kind and each other: values only on strings and never empty, ranges only
/// on numbers with `min <= max`, a default of the field's type within its values or range.
pub fn check_shape(shape: &FieldShape<'_>, out: &mut Diagnostics) {
    let FieldShape {
        name,
        kind,
        values,
        range,
        default,
    } = *shape;
    if let Some((file, values)) = values {
        if kind != FieldType::String {
            out.error(
                file,
                values.span,
                format!(
                    "`values` applies to string fields; `{name}` is {}",
                    kind_phrase(kind)
                ),
            );
        } else if values.is_empty() {
            out.push(
                Diagnostic::new(
                    file,
                    values.span,
                    format!("empty accepted-value list for `{name}`"),
                )
                .with_help("list the accepted values, or remove `values` to accept any string"),
            );
        }
        for (index, value) in values.iter().enumerate() {
            if value.is_empty() {
                out.error(
                    file,
                    value.span,
                    format!("empty accepted value for `{name}`"),
                );
            } else if values[..index]
                .iter()
                .any(|earlier| earlier.value == value.value)
            {
                out.error(
                    file,
                    value.span,
                    format!(
                        "accepted value `{}` of `{name}` is listed twice",
                        value.value
                    ),
                );
            }
        }
    }
    if let Some((file, range)) = range {
        check_range(file, name, kind, range, out);
    }
    if let Some((file, default)) = default {
        let values = values.map(|(_, values)| {
            values
                .iter()
                .map(|value| value.as_str())
                .collect::<Vec<_>>()
        });
        let range = range.map(|(_, range)| &range.value);
        let value = &default.value.value;
        if let Some(problem) = default_problem(kind, value, values.as_deref(), range) {
            out.error(file, value.span, format!("default of `{name}`: {problem}"));
        }
    }
}

fn check_range(
    file: &SourceFile,
    name: &str,
    kind: FieldType,
    range: &Located<RangeDef>,
    out: &mut Diagnostics,
) {
    if !matches!(kind, FieldType::Number | FieldType::Integer) {
        out.error(
            file,
            range.span,
            format!(
                "`range` applies to number and integer fields; `{name}` is {}",
                kind_phrase(kind)
            ),
        );
        return;
    }
    let RangeDef { min, max } = &range.value;
    if min.is_none() && max.is_none() {
        out.error(
            file,
            range.span,
            format!("range of `{name}` needs `min`, `max` or both"),
        );
    }
    for bound in [min, max].into_iter().flatten() {
        let fits = match (&bound.value, kind) {
            (Scalar::Integer(_), _) => true,
            (Scalar::Number(value), FieldType::Number) => value.is_finite(),
            _ => false,
        };
        if !fits {
            let expected = if kind == FieldType::Integer {
                "an integer"
            } else {
                "a finite number"
            };
            out.error(
                file,
                bound.span,
                format!("bound {} of `{name}` must be {expected}", bound.value),
            );
        }
    }
    if let (Some(min), Some(max)) = (min, max)
        && let (Some(low), Some(high)) = (min.as_f64(), max.as_f64())
        && low > high
    {
        out.error(
            file,
            range.span,
            format!(
                "range of `{name}` has min {} greater than max {}",
                min.value, max.value
            ),
        );
    }
}

/// Why `value` cannot be the default of a field of this shape, if it cannot.
fn default_problem(
    kind: FieldType,
    value: &Scalar,
    values: Option<&[&str]>,
    range: Option<&RangeDef>,
) -> Option<String> {
    let type_fits = matches!(
        (kind, value),
        (FieldType::String, Scalar::String(_))
            | (FieldType::Number, Scalar::Integer(_) | Scalar::Number(_))
            | (FieldType::Integer, Scalar::Integer(_))
            | (FieldType::Boolean, Scalar::Boolean(_))
    );
    if !type_fits {
        return Some(format!(
            "{value} is not a valid default for {}",
            kind_phrase(kind)
        ));
    }
    if let (Scalar::String(text), Some(values)) = (value, values)
        && !values.contains(&text.as_str())
    {
        return Some(format!("{value} is not one of the accepted values"));
    }
    if let (Some(number), Some(RangeDef { min, max })) = (value.as_f64(), range) {
        let below = min
            .as_ref()
            .and_then(|min| min.as_f64())
            .is_some_and(|min| number < min);
        let above = max
            .as_ref()
            .and_then(|max| max.as_f64())
            .is_some_and(|max| number > max);
        if below || above {
            return Some(format!("{value} is outside the range"));
        }
    }
    None
}

/// The field's type in a sentence, for catalog diagnostics: "a `string` field".
pub(super) fn kind_phrase(kind: FieldType) -> String {
    format!("a `{}` field", super::labels::kind_name(kind))
}
