//! The text outputs, rendered by askama templates from `codegen/templates/`: Python stubs, TypeScript
//! declarations and the Markdown model pages. Each template's struct names types with the host namer
//! ([`HostNames`]) and escapes text for its format; the templates only lay it out.

use askama::Template;

use crate::catalog::labels;
use crate::ir::{Catalog, Field, Kind, Model, StatusRequest};
use crate::names::host::{self, HostNames};
use crate::names::value_fields;
use crate::{Error, HEADER};

/// `(path, text)` of every text output.
pub(super) fn all(catalog: &Catalog) -> Result<Vec<(String, String)>, Error> {
    let names = HostNames::new(value_fields(&catalog.models));
    let mut outputs = vec![
        (
            "python/_models.pyi".to_owned(),
            render(&PythonStubs {
                header: HEADER,
                catalog,
                names: &names,
            })?,
        ),
        (
            "node/models.d.ts".to_owned(),
            render(&TypeScriptDeclarations {
                header: HEADER,
                catalog,
                names: &names,
            })?,
        ),
        (
            "README.md".to_owned(),
            render(&GeneratedReadme {
                header: HEADER,
                catalog,
            })?,
        ),
        (
            "docs/models/README.md".to_owned(),
            render(&ModelIndex {
                header: HEADER,
                catalog,
            })?,
        ),
    ];
    for model in &catalog.models {
        outputs.push((
            super::docs_path(&model.id),
            render(&ModelPage {
                header: HEADER,
                model,
                schema_link: format!("../../{}", super::schema_path(&model.id)),
            })?,
        ));
    }
    Ok(outputs)
}

fn render(template: &(impl Template + TemplateName)) -> Result<String, Error> {
    template.render().map_err(|error| Error::Render {
        what: template.name().to_owned(),
        message: error.to_string(),
    })
}

/// Which template failed, for the error message.
trait TemplateName {
    fn name(&self) -> &'static str;
}

/// A JSON string literal, also a valid Python and TypeScript one.
fn string_literal(text: &str) -> String {
    serde_json::Value::from(text).to_string()
}

/// Every model id as a string literal, joined by `separator` (`, ` inside Python's `Literal[...]`, ` | ` in a
/// TypeScript union).
fn model_id_literals(catalog: &Catalog, separator: &str) -> String {
    let ids: Vec<String> = catalog
        .models
        .iter()
        .map(|model| model.id.clone())
        .collect();
    literal_list(&ids, separator)
}

/// A field's type in a host language: `model_literal` of the model's id for the field naming the model, the
/// field's literal type where it has accepted values, else `kind_type` of its kind. The one rule both stub
/// files follow; only the spellings differ.
fn host_field_type(
    names: &HostNames,
    model: &Model,
    field: &Field,
    model_literal: impl FnOnce(&str) -> String,
    kind_type: impl FnOnce(&Kind) -> &'static str,
) -> String {
    if field.names_model {
        return model_literal(&model.id);
    }
    if let Some(literal) = names.literal_type(&model.id, &field.name) {
        return literal.to_owned();
    }
    kind_type(&field.kind).to_owned()
}

/// `"a", "b"`-style lists of string literals.
fn literal_list(values: &[String], separator: &str) -> String {
    values
        .iter()
        .map(|value| string_literal(value))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `python/_models.pyi`: `Literal` aliases, one `TypedDict` per model request, `ModelId` and `VideoRequest`.
#[derive(Template)]
#[template(path = "models.pyi.jinja", escape = "none")]
struct PythonStubs<'a> {
    header: &'a str,
    catalog: &'a Catalog,
    names: &'a HostNames,
}

impl PythonStubs<'_> {
    fn model_ids(&self) -> String {
        model_id_literals(self.catalog, ", ")
    }

    fn literal(&self, values: &[String]) -> String {
        literal_list(values, ", ")
    }

    fn request_type(&self, model: &Model) -> String {
        host::request_type(&model.id)
    }

    /// A field's type: its literal type, `Literal["<id>"]` for the field naming the model, else the kind's.
    fn field_type(&self, model: &Model, field: &Field) -> String {
        host_field_type(
            self.names,
            model,
            field,
            |id| format!("Literal[{}]", string_literal(id)),
            |kind| match kind {
                Kind::String { .. } | Kind::VideoSource { .. } => "str",
                Kind::Number { .. } => "float",
                Kind::Integer { .. } => "int",
                Kind::Boolean => "bool",
                Kind::InlineImage { .. } => "InlineImage",
                Kind::InlineImageList { .. } => "list[InlineImage]",
            },
        )
    }

    /// Text safe inside a `"""docstring"""`: backslashes, triple quotes, and a final quote that would run into
    /// the closing ones escaped.
    fn doc(&self, text: &str) -> String {
        let escaped = text.replace('\\', "\\\\").replace("\"\"\"", "\\\"\\\"\\\"");
        match escaped.strip_suffix('"') {
            Some(body) => format!("{body}\\\""),
            None => escaped,
        }
    }
}

/// `node/models.d.ts`: string-literal unions, one interface per model request, `ModelId` and `VideoRequest`.
#[derive(Template)]
#[template(path = "models.d.ts.jinja", escape = "none")]
struct TypeScriptDeclarations<'a> {
    header: &'a str,
    catalog: &'a Catalog,
    names: &'a HostNames,
}

impl TypeScriptDeclarations<'_> {
    fn model_ids(&self) -> String {
        model_id_literals(self.catalog, " | ")
    }

    fn literal(&self, values: &[String]) -> String {
        literal_list(values, " | ")
    }

    fn request_type(&self, model: &Model) -> String {
        host::request_type(&model.id)
    }

    /// A field's type: its literal type, the model's id for the field naming the model, else the kind's.
    fn field_type(&self, model: &Model, field: &Field) -> String {
        host_field_type(
            self.names,
            model,
            field,
            string_literal,
            |kind| match kind {
                Kind::String { .. } | Kind::VideoSource { .. } => "string",
                Kind::Number { .. } | Kind::Integer { .. } => "number",
                Kind::Boolean => "boolean",
                Kind::InlineImage { .. } => "InlineImage",
                Kind::InlineImageList { .. } => "InlineImage[]",
            },
        )
    }

    /// Text safe inside a `/** JSDoc */` comment.
    fn doc(&self, text: &str) -> String {
        text.replace("*/", "*\\/")
    }
}

/// `README.md`: what `generated/` holds and who uses each file.
#[derive(Template)]
#[template(path = "generated_readme.md.jinja", escape = "none")]
struct GeneratedReadme<'a> {
    header: &'a str,
    catalog: &'a Catalog,
}

/// `docs/models/README.md`: the index of model pages.
#[derive(Template)]
#[template(path = "models_index.md.jinja", escape = "none")]
struct ModelIndex<'a> {
    header: &'a str,
    catalog: &'a Catalog,
}

/// `docs/models/<model-id>.md`: one model's reference page.
#[derive(Template)]
#[template(path = "model.md.jinja", escape = "none")]
struct ModelPage<'a> {
    header: &'a str,
    model: &'a Model,
    /// The request schema, relative to the page.
    schema_link: String,
}

/// One field's row in the Markdown field table; every cell escaped.
#[derive(Debug)]
struct DocsRow {
    field: String,
    aliases: String,
    type_label: String,
    required: String,
    accepted: String,
    default: String,
    description: String,
}

impl ModelPage<'_> {
    fn row(&self, field: &Field) -> DocsRow {
        let accepted = match &field.kind {
            Kind::String { accepted } if !accepted.is_empty() => code_list(accepted),
            Kind::InlineImage { media_types } | Kind::InlineImageList { media_types } => {
                format!("data URL or image object: {}", media_types.join(", "))
            }
            Kind::VideoSource { media_types } => {
                format!("operation id, URL, or data URL: {}", media_types.join(", "))
            }
            Kind::String { .. } | Kind::Number { .. } | Kind::Integer { .. } | Kind::Boolean => {
                field
                    .labels
                    .range
                    .clone()
                    .unwrap_or_else(|| "Any valid value".to_owned())
            }
        };
        DocsRow {
            field: format!("`{}`", field.name),
            aliases: code_list(&field.aliases),
            type_label: field.labels.kind_label.to_owned(),
            required: if field.required { "Yes" } else { "No" }.to_owned(),
            accepted: markdown_cell(&accepted),
            default: field
                .default
                .as_ref()
                .map(|default| format!("{} (assumed)", labels::scalar_text(&default.value)))
                .unwrap_or_default(),
            description: markdown_cell(&field.description),
        }
    }
}

/// Escapes text for one Markdown table cell: pipes escaped, line breaks folded.
fn markdown_cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\r', '\n'], " ")
}

fn code_list(names: &[String]) -> String {
    names
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl TemplateName for PythonStubs<'_> {
    fn name(&self) -> &'static str {
        "models.pyi.jinja"
    }
}

impl TemplateName for TypeScriptDeclarations<'_> {
    fn name(&self) -> &'static str {
        "models.d.ts.jinja"
    }
}

impl TemplateName for GeneratedReadme<'_> {
    fn name(&self) -> &'static str {
        "generated_readme.md.jinja"
    }
}

impl TemplateName for ModelIndex<'_> {
    fn name(&self) -> &'static str {
        "models_index.md.jinja"
    }
}

impl TemplateName for ModelPage<'_> {
    fn name(&self) -> &'static str {
        "model.md.jinja"
    }
}
