//! The catalog as plain JSON data for `models()`: the core's `ModelInfo`, the same shape as Python's
//! `ModelInfo` and `omixa models --json`, money as decimal strings.

use omixa::catalog::ModelSpec;
use serde_json::Value;

/// One model of the catalog.
pub(crate) fn model(spec: &ModelSpec) -> Value {
    // Serializing plain data (strings, numbers, lists) cannot fail.
    serde_json::to_value(spec.info()).unwrap_or(Value::Null)
}
