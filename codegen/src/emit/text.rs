//! The text outputs, rendered by askama templates from `codegen/templates/`: Python stubs, TypeScript
//! declarations and the Markdown model pages. The templates only print what the resolver computed.

use askama::Template;

use crate::ir::{Catalog, Model, StatusRequest};
use crate::{Error, HEADER};

/// `(path, text)` of every text output.
pub(super) fn all(catalog: &Catalog) -> Result<Vec<(String, String)>, Error> {
    let mut outputs = vec![
        (
            "python/_models.pyi".to_owned(),
            render(&PythonStubs {
                header: HEADER,
                catalog,
            })?,
        ),
        (
            "node/models.d.ts".to_owned(),
            render(&TypeScriptDeclarations {
                header: HEADER,
                catalog,
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
            model.names.docs_file.clone(),
            render(&ModelPage {
                header: HEADER,
                model,
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

/// `python/_models.pyi`: `Literal` aliases, one `TypedDict` per model request, `ModelId` and `VideoRequest`.
#[derive(Template)]
#[template(path = "models.pyi.jinja", escape = "none")]
struct PythonStubs<'a> {
    header: &'a str,
    catalog: &'a Catalog,
}

/// `node/models.d.ts`: string-literal unions, one interface per model request, `ModelId` and `VideoRequest`.
#[derive(Template)]
#[template(path = "models.d.ts.jinja", escape = "none")]
struct TypeScriptDeclarations<'a> {
    header: &'a str,
    catalog: &'a Catalog,
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
