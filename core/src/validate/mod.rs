//! Request validation and normalization (the rules are in `docs/contract.md`), driven by the generated
//! [`ModelSpec`]s.
//!
//! One pass over the request's keys in the order the caller wrote them: each key is looked up in the model's
//! generated table, its value checked against the field's kind and moved (never copied) into the normalized
//! request under the canonical name. Cross-field rules (required fields, the operation's inputs) run once
//! after the pass. Every problem becomes an [`Issue`](crate::Issue) holding its context as data; nothing
//! stops at the first one, and no sentence is written until someone reads it.
//!
//! - [`entry`]: the entry points (the request must be an object, `model` picks the model);
//! - [`pass`]: the key pass and the cross-field rules;
//! - [`values`]: one value against its field's kind;
//! - [`media`]: inline images and videos;
//! - [`report`]: how both report what they found (an issue at a place, the wrong type seen);
//! - [`input`]: how values are read, JSON or a host language's ([`Input`], [`HostValue`]);
//! - [`json_text`]: JSON text read straight into a [`HostValue`] (cheaper than a `serde_json::Value`).

mod entry;
mod input;
mod json_text;
mod media;
mod pass;
mod report;
mod values;

#[cfg(test)]
mod tests;

pub(crate) use entry::validate_in;
pub use entry::{validate, validate_model, validate_with};
pub use input::{HostValue, Input, ObjectInput, Shape};
pub use json_text::{has_repeated_key, merge_repeated_keys};

use crate::catalog::{FieldRole, ModelSpec};
use crate::issue::{Issue, pointer, push_pointer};
use serde_json::Value;

/// Options of [`validate_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidateOptions {
    /// Drop fields the model omits (with a warning) instead of rejecting them, like LiteLLM's `drop_params`.
    /// Keys the catalog does not know at all are still rejected: a typo is never dropped silently.
    pub lenient: bool,
}

impl ValidateOptions {
    pub fn with_lenient(mut self, lenient: bool) -> Self {
        self.lenient = lenient;
        self
    }
}

/// A valid request, normalized: canonical names, object-form inline images, `video_operation` present.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    pub model: &'static ModelSpec,
    /// Canonical field names and values, in the order the caller wrote them (an inferred operation last).
    pub fields: Vec<(&'static str, Value)>,
    /// What lenient mode dropped, one `unknown_field` issue per dropped key.
    pub warnings: Vec<Issue>,
}

impl Validated {
    /// The value of a field, by canonical name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.fields
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }

    /// The value of the field the catalog gives `role`, if the model has one and the request gives it.
    pub fn get_role(&self, role: FieldRole) -> Option<&Value> {
        self.get(self.model.field_with_role(role)?.name)
    }

    /// The normalized request as a JSON object (what is sent to the gateway).
    pub fn to_value(&self) -> Value {
        Value::Object(
            self.fields
                .iter()
                .map(|(key, value)| ((*key).to_owned(), value.clone()))
                .collect(),
        )
    }

    /// The normalized request as a JSON object, without copying the values.
    pub fn into_value(self) -> Value {
        Value::Object(
            self.fields
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect(),
        )
    }
}

impl serde::Serialize for Validated {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.fields.iter().map(|(key, value)| (key, value)))
    }
}

/// Where a value sits in the request, turned into a JSON pointer only when an issue needs one (valid
/// requests, the common case, never build a path).
#[derive(Debug, Clone, Copy)]
struct At<'a> {
    /// The top-level key as the caller wrote it.
    key: &'a str,
    /// The index within an array value.
    item: Option<usize>,
    /// A fixed tail inside the value, e.g. `/image_url/url`.
    within: &'static str,
}

impl<'a> At<'a> {
    fn key(key: &'a str) -> Self {
        At {
            key,
            item: None,
            within: "",
        }
    }

    fn item(self, index: usize) -> Self {
        At {
            item: Some(index),
            ..self
        }
    }

    fn within(self, within: &'static str) -> Self {
        At { within, ..self }
    }

    fn pointer(&self) -> String {
        let mut pointer = pointer(self.key);
        if let Some(index) = self.item {
            push_pointer(&mut pointer, &index.to_string());
        }
        pointer.push_str(self.within);
        pointer
    }
}
