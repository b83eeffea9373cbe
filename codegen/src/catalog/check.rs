//! The rules a catalog file must follow on its own (names, aliases, media types, operation tables, prices,
//! endpoint calls; field constraints via `shape.rs`), and the ids that must be unique across files. Rules
//! that join files (includes, omissions, endpoints) are checked where they are resolved, in `ir`.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::files::Catalog;
use super::format::{
    DecimalText, EndpointFile, FieldDef, FieldRole, FieldSetFile, FieldType, HttpMethod, MediaDef,
    ModelFile, OperationIn, OperationsDef,
};
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

pub(super) fn check(catalog: &Catalog, out: &mut Diagnostics) {
    for set in &catalog.field_sets {
        check_field_set(&set.file, &set.doc, out);
    }
    for endpoint in &catalog.endpoints {
        check_endpoint(&endpoint.file, &endpoint.doc, out);
    }
    for model in &catalog.models {
        check_model(&model.file, &model.doc, out);
    }
    check_unique(
        "model id",
        catalog
            .models
            .iter()
            .map(|model| (&model.file, &model.doc.id)),
        out,
    );
    check_default_endpoint(catalog, out);
    check_unique(
        "endpoint type",
        catalog
            .endpoints
            .iter()
            .map(|endpoint| (&endpoint.file, &endpoint.doc.id)),
        out,
    );
}

fn check_field_set(file: &SourceFile, set: &FieldSetFile, out: &mut Diagnostics) {
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

/// Exactly one endpoint type is the default, when there are any.
fn check_default_endpoint(catalog: &Catalog, out: &mut Diagnostics) {
    let defaults: Vec<_> = catalog
        .endpoints
        .iter()
        .filter_map(|endpoint| {
            let default = endpoint.doc.default.as_ref()?;
            default.value.then_some((&endpoint.file, default.span))
        })
        .collect();
    match defaults.as_slice() {
        [] => {
            if let Some(first) = catalog.endpoints.first() {
                out.push(
                    Diagnostic::new(
                        &first.file,
                        first.doc.id.span,
                        "no endpoint type is the default",
                    )
                    .with_help(
                        "mark the one a status call for an unknown model goes through with `default: true`",
                    ),
                );
            }
        }
        [_] => {}
        [(first_file, first_span), rest @ ..] => {
            for (file, span) in rest {
                out.push(
                    Diagnostic::new(file, *span, "a second endpoint type is marked `default`")
                        .with_help(format!(
                            "the first is at {}",
                            Position::new(first_file, *first_span)
                        )),
                );
            }
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

fn check_endpoint(file: &SourceFile, endpoint: &EndpointFile, out: &mut Diagnostics) {
    if !is_snake_name(&endpoint.id) {
        out.error(
            file,
            endpoint.id.span,
            format!("endpoint type `{}` must be snake_case", endpoint.id.value),
        );
    }
    if endpoint.create.method.value != HttpMethod::Post {
        out.error(
            file,
            endpoint.create.method.span,
            "the create call is always POST",
        );
    }
    let status = &endpoint.status;
    match (status.method.value, status.operation_in.value) {
        (HttpMethod::Post, OperationIn::JsonBody) | (HttpMethod::Get, OperationIn::Query) => {}
        (HttpMethod::Post, OperationIn::Query) | (HttpMethod::Get, OperationIn::JsonBody) => out.error(
            file,
            status.operation_in.span,
            "the status call is either POST with `operation_in: json_body` or GET with `operation_in: query`",
        ),
    }
}

fn check_model(file: &SourceFile, model: &ModelFile, out: &mut Diagnostics) {
    if !is_model_id(&model.id) {
        out.error(
            file,
            model.id.span,
            format!(
                "model id `{}` must be lowercase letters, digits, `.`, `-` and `_`",
                model.id.value
            ),
        );
    }
    if model.include.is_empty() {
        out.error(
            file,
            model.include.span,
            "a model includes at least one field set",
        );
    }
    report_repeats("field set", &model.include, file, out);
    report_repeats("omitted field", &model.omit, file, out);
    for (name, field) in model.overrides.iter() {
        let empty = field.values.is_none()
            && field.range.is_none()
            && field.default.is_none()
            && field.description.is_none()
            && field.assumption.is_none();
        if empty {
            out.error(
                file,
                name.span,
                format!("override of `{}` changes nothing", name.value),
            );
        }
    }
    if let Some(price) = &model.price {
        let currency = &price.currency;
        if !(currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase())) {
            out.error(
                file,
                currency.span,
                format!(
                    "currency `{}` must be an ISO 4217 code such as `USD`",
                    currency.value
                ),
            );
        }
        for (key, amount) in [
            ("per_second", &price.per_second),
            ("minimum_hold", &price.minimum_hold),
        ] {
            if let Err(problem) = parse_amount(&amount.value) {
                out.push(Diagnostic::new(file, amount.span, format!("price `{key}`: {problem}")).with_help(
                    "prices are quoted decimal strings such as \"0.050000\", so no amount ever passes through a float",
                ));
            }
        }
    }
}

/// The exact amount of a price, or why it is not one.
pub fn parse_amount(text: &DecimalText) -> Result<Decimal, String> {
    match text {
        DecimalText::Bare => Err("a bare YAML number is not accepted; quote the amount".to_owned()),
        DecimalText::Quoted(text) => {
            let digits =
                |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
            let well_formed = match text.split_once('.') {
                Some((whole, fraction)) => digits(whole) && digits(fraction),
                None => digits(text),
            };
            match well_formed.then(|| Decimal::from_str(text)) {
                Some(Ok(amount)) => Ok(amount),
                _ => Err(format!("`{text}` is not a decimal amount")),
            }
        }
    }
}

fn check_unique<'a>(
    what: &str,
    ids: impl Iterator<Item = (&'a SourceFile, &'a Located<String>)>,
    out: &mut Diagnostics,
) {
    let mut seen: HashMap<&str, Position> = HashMap::new();
    for (file, id) in ids {
        match seen.get(id.as_str()) {
            Some(first) => out.push(
                Diagnostic::new(file, id.span, format!("duplicate {what} `{}`", id.value))
                    .with_help(format!("first defined at {first}")),
            ),
            None => {
                seen.insert(id, Position::new(file, id.span));
            }
        }
    }
}

fn report_repeats(what: &str, names: &[Located<String>], file: &SourceFile, out: &mut Diagnostics) {
    for (index, name) in names.iter().enumerate() {
        if names[..index]
            .iter()
            .any(|earlier| earlier.value == name.value)
        {
            out.error(
                file,
                name.span,
                format!("{what} `{}` is listed twice", name.value),
            );
        }
    }
}

/// `a-z` first, then `a-z`, `0-9`, `_`: the form of field names, set names and endpoint types.
fn is_snake_name(name: &str) -> bool {
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

fn is_model_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
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
