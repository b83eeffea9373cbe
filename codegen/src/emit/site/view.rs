//! What the site's templates print of one model, in display terms: field rows and price lines. Text is plain
//! here; the templates escape it for HTML.

use crate::catalog::labels;
use crate::ir::{Field, FieldRole, Kind, Model};

use super::cost::WorkedCost;

/// One row of a model's request fields table.
#[derive(Debug, Clone)]
pub struct FieldRow {
    /// The canonical name, the one the SDK sends.
    pub name: String,
    /// Other names a request may use for it.
    pub aliases: Vec<String>,
    pub type_label: String,
    pub required: bool,
    /// Accepted string values after this model's overrides (empty: see `range` and `media_types`).
    pub accepted: Vec<String>,
    /// The range in words, e.g. `from 1 to 30`.
    pub range: Option<String>,
    /// Accepted media types of an inline image or video.
    pub media_types: Vec<String>,
    /// What forms the media may take, e.g. `data URL or image object` (empty for other kinds).
    pub media_forms: &'static str,
    /// The SDK's assumed default, never sent: it is what pricing assumes when the field is absent.
    pub assumed_default: Option<String>,
    /// What the SDK assumes about the field that the page does not say.
    pub assumption: Option<String>,
    pub description: String,
}

impl FieldRow {
    pub fn of(field: &Field) -> Self {
        let (media_types, media_forms) = match &field.kind {
            Kind::InlineImage { media_types } | Kind::InlineImageList { media_types } => {
                (media_types.clone(), "data URL or image object")
            }
            Kind::VideoSource { media_types } => {
                (media_types.clone(), "operation id, URL, or data URL")
            }
            Kind::String { .. } | Kind::Number { .. } | Kind::Integer { .. } | Kind::Boolean => {
                (Vec::new(), "")
            }
        };
        Self {
            name: field.name.clone(),
            aliases: field.aliases.clone(),
            type_label: field.labels.kind_label.to_owned(),
            required: field.required,
            accepted: field.accepted().to_vec(),
            range: field.labels.range.clone(),
            media_types,
            media_forms,
            assumed_default: field
                .default
                .as_ref()
                .map(|default| labels::scalar_text(&default.value)),
            assumption: field.assumption.clone(),
            description: field.description.clone(),
        }
    }

    /// What the field accepts in one phrase, for the index's side-by-side table.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.accepted.is_empty() {
            parts.push(self.accepted.join(", "));
        }
        if let Some(range) = &self.range {
            parts.push(range.clone());
        }
        if !self.media_types.is_empty() {
            parts.push(self.media_types.join(", "));
        }
        if parts.is_empty() {
            parts.push(format!("any {}", self.type_label));
        }
        if let Some(default) = &self.assumed_default {
            parts.push(format!("default {default} (assumed)"));
        }
        parts.join("; ")
    }
}

/// A model's published price lines and its example request's cost.
#[derive(Debug, Clone)]
pub struct PriceView {
    pub currency: String,
    pub per_second: String,
    pub minimum_hold: String,
    /// The example request priced step by step (absent without an example).
    pub worked: Option<WorkedCost>,
}

impl PriceView {
    /// `None` when the model page publishes no price.
    pub fn of(model: &Model) -> Option<Self> {
        let price = model.price.as_ref()?;
        Some(Self {
            currency: price.currency.clone(),
            per_second: price.per_second.text.clone(),
            minimum_hold: price.minimum_hold.text.clone(),
            worked: WorkedCost::of(model, price),
        })
    }
}

/// How a client should treat the model's jobs, from the catalog's roles and the endpoint type.
pub fn operational_notes(model: &Model) -> Vec<String> {
    let mut notes = vec![
        "Jobs are long-running: the create call answers at once with an operation and status `running`; \
         poll the status call until `status` is `succeeded` (the videos are in `data`) or `failed` (`error` \
         says why). The SDK's `wait` does this."
            .to_owned(),
    ];
    let by_role = |role: FieldRole| {
        model
            .fields
            .iter()
            .find(|field| field.role == Some(role))
            .map(|field| field.name.clone())
    };
    if let Some(field) = by_role(FieldRole::InitialWait) {
        notes.push(format!(
            "`{field}` asks for a delay before the first status poll; the SDK's `wait` honours it."
        ));
    }
    if let Some(field) = by_role(FieldRole::PollInterval) {
        notes.push(format!(
            "Between polls, wait `poll_after_seconds` when the answer gives it, else `{field}` of the request \
             (the SDK's `wait` does both)."
        ));
    }
    if model.endpoint.honours_idempotency_key {
        notes.push(
            "Send an `Idempotency-Key` header with each create (the examples do): a retried create with the \
             same key returns the same job, so a lost answer never bills a second job."
                .to_owned(),
        );
    }
    notes.push(
        "Inline images travel as base64 data URLs inside the JSON body; the SDK validates their media type \
         before sending."
            .to_owned(),
    );
    notes
}
