//! The HTML reference site, `generated/site/`: `index.html` (every model, their differences side by side) and
//! one page per model (`<model-id>.html`), rendered by askama templates from `codegen/templates/site/` with
//! one stylesheet and no script. Links are relative, so the site reads from the file system as well as from a
//! server (`omixa serve` serves it at `/docs/`).
//!
//! Each page says what Omixa's page says (price lines, endpoint, fields with aliases and accepted values, the
//! example payload and response shape, examples in six languages) and what only the catalog knows: the
//! accepted values after this model's overrides, the workflow table, which values are the SDK's assumptions,
//! and the cost of the example request worked through. Every example printed is a file of
//! `generated/examples/`, run against the emulator by the tests.

mod compare;
mod cost;
mod view;

use askama::Template;

use crate::ir::{Catalog, Model, StatusRequest};
use crate::{Error, HEADER};

use super::examples::{self, Example, ExampleData};
pub use compare::{Comparison, ComparisonRow};
pub use cost::WorkedCost;
pub use view::{FieldRow, PriceView};

/// The list of the site's files and examples as Rust (`FILES`: path relative to `generated/`, text), for a server
/// to embed: `omixa serve` serves them at `/docs/` and `/examples/`.
pub const SERVED_FILES: &str = "site/files.rs";

/// The text of [`SERVED_FILES`] for `paths` (relative to `generated/`).
pub fn served_files(paths: &[&str]) -> String {
    let mut text = format!(
        "// {HEADER}\n// The reference site and the examples, embedded by `omixa serve` (path relative to generated/, text).\n\n"
    );
    text.push_str("pub const FILES: &[(&str, &str)] = &[\n");
    for path in paths {
        // `include_str!` paths are relative to this file, which sits in `site/`.
        text.push_str(&format!("    ({path:?}, include_str!(\"../{path}\")),\n"));
    }
    text.push_str("];\n");
    text
}

/// Where a model's page goes, relative to `generated/`.
pub fn page_path(model_id: &str) -> String {
    format!("site/{model_id}.html")
}

/// `(path, text)` of every file of the site.
pub(super) fn all(catalog: &Catalog) -> Result<Vec<(String, String)>, Error> {
    let mut outputs = vec![
        (
            "site/style.css".to_owned(),
            format!(
                "/* {HEADER} */\n{}",
                include_str!("../../../templates/site/style.css")
            ),
        ),
        (
            "site/index.html".to_owned(),
            render(
                "site/index.html.jinja",
                &IndexPage {
                    header: HEADER,
                    catalog,
                    comparison: Comparison::of(&catalog.models),
                    prices: catalog.models.iter().map(PriceView::of).collect(),
                },
            )?,
        ),
    ];
    for model in &catalog.models {
        outputs.push((
            page_path(&model.id),
            render("site/model.html.jinja", &ModelPage::of(model)?)?,
        ));
    }
    Ok(outputs)
}

fn render(name: &str, template: &impl Template) -> Result<String, Error> {
    template.render().map_err(|error| Error::Render {
        what: name.to_owned(),
        message: error.to_string(),
    })
}

/// `site/index.html`.
#[derive(Template)]
#[template(path = "site/index.html.jinja", escape = "html")]
struct IndexPage<'a> {
    header: &'a str,
    catalog: &'a Catalog,
    comparison: Comparison,
    /// In model order.
    prices: Vec<Option<PriceView>>,
}

/// `site/<model-id>.html`.
#[derive(Template)]
#[template(path = "site/model.html.jinja", escape = "html")]
struct ModelPage<'a> {
    header: &'a str,
    model: &'a Model,
    fields: Vec<FieldRow>,
    price: Option<PriceView>,
    /// The example request as pretty JSON.
    example_json: Option<String>,
    examples: Vec<Example>,
    notes: Vec<String>,
}

impl<'a> ModelPage<'a> {
    fn of(model: &'a Model) -> Result<Self, Error> {
        let data = model
            .example
            .as_ref()
            .map(|request| ExampleData::new(model, request));
        Ok(Self {
            header: HEADER,
            model,
            fields: model.fields.iter().map(FieldRow::of).collect(),
            price: PriceView::of(model),
            example_json: data.as_ref().map(|data| data.json.clone()),
            examples: match &data {
                Some(data) => examples::examples(data)?,
                None => Vec::new(),
            },
            notes: view::operational_notes(model),
        })
    }

    fn raw_examples(&self) -> impl Iterator<Item = &Example> {
        self.examples.iter().filter(|example| example.raw_http)
    }

    fn sdk_examples(&self) -> impl Iterator<Item = &Example> {
        self.examples.iter().filter(|example| !example.raw_http)
    }

    /// The example file, relative to the page.
    fn example_link(&self, example: &Example) -> String {
        format!(
            "../{}",
            examples::example_path(&self.model.id, example.file)
        )
    }
}
