//! The rules a catalog file must follow on its own: models (ids, includes, prices) and endpoint types (calls,
//! one default) here, field sets in `check_set.rs`, field constraints in `shape.rs`; and the ids that must be
//! unique across files. Rules that join files (includes, omissions, roles across sets) are checked where they
//! are resolved, in `crate::resolve`.

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;

use super::check_set::{check_field_set, is_snake_name};
use super::files::Catalog;
use super::format::{DecimalText, EndpointFile, HttpMethod, ModelFile, OperationIn};
use super::located::Located;
use crate::diagnostic::{Diagnostic, Diagnostics, Position, SourceFile, Span};

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
    check_unique_sets(catalog, out);
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

/// A field set is named by its file stem, so two folders merged into one catalog (a runtime catalog over the
/// built-in sets) must not both have one of a name.
fn check_unique_sets(catalog: &Catalog, out: &mut Diagnostics) {
    let mut seen: HashMap<&str, &SourceFile> = HashMap::new();
    for set in &catalog.field_sets {
        match seen.get(set.file.stem()) {
            Some(first) => out.push(
                Diagnostic::new(
                    &set.file,
                    Span::FILE_START,
                    format!("duplicate field set `{}`", set.file.stem()),
                )
                .with_help(format!("first defined in {}", first.path)),
            ),
            None => {
                seen.insert(set.file.stem(), &set.file);
            }
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

fn is_model_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_lowercase() || first.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_'))
}
