//! The emitters: each turns the resolved catalog into one kind of file, naming things with its language's namer
//! ([`crate::names`]) and escaping text for its format as it prints.

pub mod examples;
mod rust;
mod schema;
pub mod site;
mod text;

use crate::Error;
use crate::ir::Catalog;
use crate::output::Outputs;

/// Every generated file, by path relative to `generated/`.
pub fn all(catalog: &Catalog) -> Result<Outputs, Error> {
    let mut outputs = Outputs::default();
    outputs.insert("rust/models.rs", rust::models(catalog)?);
    for (path, text) in schema::request_schemas(catalog) {
        outputs.insert(path, text);
    }
    outputs.insert("schema/catalog.schema.json", schema::catalog_schema());
    for (path, text) in text::all(catalog)? {
        outputs.insert(path, text);
    }
    for (path, text) in examples::all(&catalog.models)? {
        outputs.insert(path, text);
    }
    for (path, text) in site::all(catalog)? {
        outputs.insert(path, text);
    }
    let served: Vec<&str> = outputs
        .iter()
        .map(|(path, _)| path)
        .filter(|path| path.starts_with("site/") || path.starts_with("examples/"))
        .collect();
    let files = site::served_files(&served);
    outputs.insert(site::SERVED_FILES, files);
    Ok(outputs)
}

/// Where a model's request schema goes, relative to `generated/`.
fn schema_path(model_id: &str) -> String {
    format!("schema/{model_id}.request.schema.json")
}

/// Where a model's docs page goes, relative to `generated/`.
fn docs_path(model_id: &str) -> String {
    format!("docs/models/{model_id}.md")
}
