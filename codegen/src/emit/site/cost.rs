//! The cost formula worked through for a model's example request, at generation time from the catalog's
//! numbers: cost = price per second × duration × sample count; hold = the larger of the cost and the minimum
//! hold. Exact decimals, at least two places, as the core's pricing prints them.

use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

use crate::ir::{FieldRole, Model, Price, Scalar};

/// One request's cost, each input with where it came from.
#[derive(Debug, Clone)]
pub struct WorkedCost {
    pub duration: String,
    /// Whether the duration is the catalog's assumed default (the example does not give one).
    pub duration_assumed: bool,
    pub samples: String,
    pub samples_assumed: bool,
    pub cost: String,
    pub hold: String,
}

impl WorkedCost {
    /// `None` without an example request, or when a number cannot be read (the tests price the example
    /// through the core as well).
    pub fn of(model: &Model, price: &Price) -> Option<Self> {
        let example = model.example.as_ref()?;
        let (duration, duration_assumed) = role_value(model, example, FieldRole::Duration)?;
        let (samples, samples_assumed) = role_value(model, example, FieldRole::SampleCount)?;
        let per_second = Decimal::from_str(&price.per_second.text).ok()?;
        let minimum_hold = Decimal::from_str(&price.minimum_hold.text).ok()?;
        let cost = per_second.checked_mul(duration)?.checked_mul(samples)?;
        Some(Self {
            duration: duration.normalize().to_string(),
            duration_assumed,
            samples: samples.normalize().to_string(),
            samples_assumed,
            cost: money(cost),
            hold: money(cost.max(minimum_hold)),
        })
    }
}

/// The value of the field with `role` in the example (under its name or an alias), else its assumed default,
/// else 1; and whether it was assumed.
fn role_value(
    model: &Model,
    example: &serde_json::Map<String, Value>,
    role: FieldRole,
) -> Option<(Decimal, bool)> {
    let Some(field) = model.fields.iter().find(|field| field.role == Some(role)) else {
        return Some((Decimal::ONE, true));
    };
    let given = std::iter::once(&field.name)
        .chain(&field.aliases)
        .find_map(|name| example.get(name));
    match (given, &field.default) {
        (Some(value), _) => Some((Decimal::from_str(&value.to_string()).ok()?, false)),
        (None, Some(default)) => match &default.value {
            Scalar::Integer(value) => Some((Decimal::from(*value), true)),
            Scalar::Number(value) => Some((Decimal::try_from(*value).ok()?, true)),
            Scalar::String(_) | Scalar::Boolean(_) => None,
        },
        (None, None) => Some((Decimal::ONE, true)),
    }
}

/// At least two decimal places, no trailing zeros beyond them: `0.4` → `0.40`, `0.4125` → `0.4125`.
fn money(amount: Decimal) -> String {
    let mut amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount.to_string()
}
