//! The rules a field set must follow on its own: snake_case names that are not reserved, aliases claimed once,
//! roles that fit their field and are held once, media types for its inline media fields, and an operation
//! table whose cases match the operation field's values.

use std::collections::HashMap;

use super::format::{FieldDef, FieldRole, FieldSetFile, FieldType, MediaDef, OperationsDef};
use super::located::Located;
use super::shape::{FieldShape, check_shape, kind_phrase};
use crate::diagnostic::{Diagnostic, Diagnostics, Position, SourceFile, Span};

/// Names a request field can never have: they cannot be Rust identifiers even as raw identifiers, or they are
/// Python keywords (the `.pyi` declares every field as a `TypedDict` key in class syntax).
const RESERVED_FIELD_NAMES: &[&str] = &[
    "self", "super", "crate", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
    "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield",
];

pub(super) fn check_field_set(file: &SourceFile, set: &FieldSetFile, out: &mut Diagnostics) {
    if !is_snake_name(file.stem()) {
        out.error(
            file,
            Span::FILE_START,
            format!(
                "field set name `{}` (the file stem) must be snake_case",
                file.stem()
            ),
        );
    }
    let mut claimed: HashMap<&str, (&str, Position)> = HashMap::new();
    let mut roles: HashMap<FieldRole, (&str, Position)> = HashMap::new();
    for (name, field) in set.fields.iter() {
        if let Some(role) = &field.role {
            check_role(file, name, field, role, &mut roles, out);
        }
        if !is_snake_name(name) {
            out.error(
                file,
                name.span,
                format!(
                    "field name `{}` must be snake_case (a-z, 0-9, _)",
                    name.value
                ),
            );
        } else if RESERVED_FIELD_NAMES.contains(&name.as_str()) {
            out.error(
                file,
                name.span,
                format!("field name `{}` is reserved in Rust or Python", name.value),
            );
        }
        for alias in &field.aliases {
            if !is_alias(alias) {
                out.error(
                    file,
                    alias.span,
                    format!("alias `{}` must be letters, digits and `_`", alias.value),
                );
            }
            if alias.value == name.value {
                out.error(
                    file,
                    alias.span,
                    format!("alias `{}` repeats the field's own name", alias.value),
                );
            } else if set.fields.get(alias).is_some() {
                out.error(
                    file,
                    alias.span,
                    format!(
                        "alias `{}` of `{}` is the name of another field",
                        alias.value, name.value
                    ),
                );
            } else if let Some((owner, first)) = claimed.get(alias.as_str()) {
                out.push(
                    Diagnostic::new(
                        file,
                        alias.span,
                        format!(
                            "alias `{}` is claimed by both `{owner}` and `{}`",
                            alias.value, name.value
                        ),
                    )
                    .with_help(format!("first claimed at {first}")),
                );
            } else {
                claimed.insert(alias, (name, Position::new(file, alias.span)));
            }
        }
        let shape = FieldShape {
            name,
            kind: field.kind.value,
            values: field.values.as_ref().map(|values| (file, values)),
            range: field.range.as_ref().map(|range| (file, range)),
            default: field.default.as_ref().map(|default| (file, default)),
        };
        check_shape(&shape, out);
    }
    check_media(file, set, out);
    if let Some(operations) = &set.operations {
        check_operations(file, set, operations, out);
    }
}

/// A role fits the field's type and is held by one field of the set (models check it again across sets).
fn check_role<'a>(
    file: &SourceFile,
    name: &'a Located<String>,
    field: &FieldDef,
    role: &Located<FieldRole>,
    roles: &mut HashMap<FieldRole, (&'a str, Position)>,
    out: &mut Diagnostics,
) {
    if !role.accepts(field.kind.value) {
        out.error(
            file,
            role.span,
            format!(
                "role `{}` does not fit `{}`, {}",
                role.as_str(),
                name.value,
                kind_phrase(field.kind.value)
            ),
        );
    }
    match roles.get(&role.value) {
        Some((holder, first)) => out.push(
            Diagnostic::new(
                file,
                role.span,
                format!(
                    "role `{}` is held by both `{holder}` and `{}`",
                    role.as_str(),
                    name.value
                ),
            )
            .with_help(format!("first held at {first}")),
        ),
        None => {
            roles.insert(role.value, (name, Position::new(file, role.span)));
        }
    }
}

fn check_media(file: &SourceFile, set: &FieldSetFile, out: &mut Diagnostics) {
    let media = set.media.as_ref();
    for (kinds, def, key) in [
        (
            &[FieldType::InlineImage, FieldType::InlineImageList][..],
            media.and_then(|media| media.inline_image.as_ref()),
            "inline_image",
        ),
        (
            &[FieldType::VideoSource][..],
            media.and_then(|media| media.video_source.as_ref()),
            "video_source",
        ),
    ] {
        match def {
            Some(MediaDef { media_types, .. }) => {
                if media_types.is_empty() {
                    out.error(
                        file,
                        media_types.span,
                        format!("empty media-type list for `{key}`"),
                    );
                }
                for media_type in media_types.iter() {
                    if !is_media_type(media_type) {
                        out.error(
                            file,
                            media_type.span,
                            format!(
                                "`{}` is not a media type such as `image/png`",
                                media_type.value
                            ),
                        );
                    }
                }
            }
            None => {
                if let Some((name, _)) = set
                    .fields
                    .iter()
                    .find(|(_, field)| kinds.contains(&field.kind.value))
                {
                    out.error(
                        file,
                        name.span,
                        format!(
                            "`{}` is inline media but the set has no `media.{key}` list",
                            name.value
                        ),
                    );
                }
            }
        }
    }
}

fn check_operations(
    file: &SourceFile,
    set: &FieldSetFile,
    operations: &Located<OperationsDef>,
    out: &mut Diagnostics,
) {
    let OperationsDef { field, cases } = &operations.value;
    let values: Vec<&str> = match set.fields.get(field) {
        Some(selector) => match &selector.values {
            Some(values) if selector.kind.value == FieldType::String => {
                values.iter().map(|value| value.as_str()).collect()
            }
            _ => {
                out.error(
                    file,
                    field.span,
                    format!(
                        "operations field `{}` must be a string field with `values`",
                        field.value
                    ),
                );
                return;
            }
        },
        None => {
            out.error(
                file,
                field.span,
                format!(
                    "operations field `{}` is not a field of this set",
                    field.value
                ),
            );
            return;
        }
    };
    for value in &values {
        if cases.get(value).is_none() {
            out.error(
                file,
                field.span,
                format!(
                    "accepted value `{value}` of `{}` has no operation case",
                    field.value
                ),
            );
        }
    }
    for (name, case) in cases.iter() {
        if !values.contains(&name.as_str()) {
            out.error(
                file,
                name.span,
                format!(
                    "operation `{}` is not an accepted value of `{}`",
                    name.value, field.value
                ),
            );
        }
        for input in case.requires.iter().chain(&case.accepts) {
            if set.fields.get(input).is_none() {
                out.error(
                    file,
                    input.span,
                    format!(
                        "operation `{}` names unknown field `{}`",
                        name.value, input.value
                    ),
                );
            }
        }
        for required in &case.requires {
            if !case
                .accepts
                .iter()
                .any(|accepted| accepted.value == required.value)
            {
                out.error(
                    file,
                    required.span,
                    format!(
                        "operation `{}` requires `{}` but does not accept it",
                        name.value, required.value
                    ),
                );
            }
        }
    }
}

/// `a-z` first, then `a-z`, `0-9`, `_`: the form of field names, set names and endpoint types.
pub(super) fn is_snake_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|first| first.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn is_alias(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_media_type(media_type: &str) -> bool {
    media_type.split_once('/').is_some_and(|(top, sub)| {
        !top.is_empty()
            && top.chars().all(|c| c.is_ascii_lowercase())
            && !sub.is_empty()
            && sub.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '+' | '-')
            })
    })
}
