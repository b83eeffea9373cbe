//! The emitters: each turns the resolved catalog into files, and only prints.

mod rust;
mod schema;
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
    Ok(outputs)
}
