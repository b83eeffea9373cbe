//! Cost estimates in exact decimals: cost = price per second × duration × sample count, hold = the larger of
//! the cost and the minimum hold. Never floats: durations are read from their JSON text, prices were parsed
//! from the catalog's decimal strings at generation time. The duration and the sample count are the fields
//! the catalog gives those roles ([`FieldRole`]); pricing never names a field.

use crate::catalog::{DefaultValue, FieldRole, ModelSpec};
use crate::{Validated, ValidationError};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde_json::Value;
use std::str::FromStr;

/// The estimate for one request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Estimate {
    Priced(PricedEstimate),
    /// The model's page publishes no price, so none is invented.
    Unpriced(UnpricedEstimate),
}

impl Estimate {
    /// The priced estimate, if the model has a published price.
    pub fn priced(&self) -> Option<&PricedEstimate> {
        match self {
            Estimate::Priced(priced) => Some(priced),
            Estimate::Unpriced(_) => None,
        }
    }

    pub fn model(&self) -> &'static str {
        match self {
            Estimate::Priced(priced) => priced.model,
            Estimate::Unpriced(unpriced) => unpriced.model,
        }
    }
}

/// Cost and hold of a request for a model with a published price.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PricedEstimate {
    pub model: &'static str,
    /// ISO 4217 code, e.g. `USD`.
    pub currency: &'static str,
    /// Price per second × duration × sample count, with at least two decimal places (`0.40`).
    #[serde(with = "rust_decimal::serde::str")]
    pub cost: Decimal,
    /// What the gateway holds at create: the cost, but at least the model's minimum hold.
    #[serde(with = "rust_decimal::serde::str")]
    pub hold: Decimal,
    /// The seconds priced: the request's duration (the field with the duration role) or its assumed default.
    #[serde(serialize_with = "serialize_plain_number")]
    pub duration_seconds: Decimal,
    /// The videos priced: the request's sample count (the field with that role), its default, or 1.
    pub sample_count: i64,
    /// The fields whose assumed default was used because the request left them out.
    pub assumed: Vec<&'static str>,
}

/// The answer for a model without a published price.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct UnpricedEstimate {
    pub model: &'static str,
    /// Always `false`: tells the two shapes apart in JSON.
    pub priced: bool,
    pub reason: String,
}

/// Validates a request, then estimates it.
pub fn estimate(request: impl crate::validate::Input) -> Result<Estimate, ValidationError> {
    Ok(estimate_validated(&crate::validate(request)?))
}

/// Estimates an already validated request.
pub fn estimate_validated(validated: &Validated) -> Estimate {
    let model = validated.model;
    let Some(price) = model.price else {
        return Estimate::Unpriced(UnpricedEstimate {
            model: model.id,
            priced: false,
            reason: format!(
                "no published price: the model page of `{}` lists none, so the SDK does not estimate its cost",
                model.id
            ),
        });
    };
    let mut assumed = Vec::new();
    let duration = quantity(validated, model, FieldRole::Duration, &mut assumed);
    let samples = quantity(validated, model, FieldRole::SampleCount, &mut assumed);
    let cost = money(price.per_second * duration * samples);
    let hold = money(cost.max(price.minimum_hold));
    Estimate::Priced(PricedEstimate {
        model: model.id,
        currency: price.currency,
        cost,
        hold,
        duration_seconds: duration.normalize(),
        // Validation bounded the sample count to the catalog's integer range.
        sample_count: samples.to_i64().unwrap_or(1),
        assumed,
    })
}

/// A priced quantity: the value of the field holding `role`, else its assumed default (the field's name is
/// recorded in `assumed`), else 1 when no field of the model holds the role (a model without a sample count
/// makes one video).
fn quantity(
    validated: &Validated,
    model: &ModelSpec,
    role: FieldRole,
    assumed: &mut Vec<&'static str>,
) -> Decimal {
    let Some(field) = model.field_with_role(role) else {
        return Decimal::ONE;
    };
    if let Some(Value::Number(number)) = validated.get_role(role) {
        // serde_json prints the shortest text that reads back as the same number: 8.5 stays 8.5 exactly.
        if let Ok(value) = Decimal::from_str(&number.to_string()) {
            return value;
        }
    }
    match field.default {
        Some(default) => {
            assumed.push(field.name);
            match default.value {
                DefaultValue::Integer(value) => Decimal::from(value),
                DefaultValue::Number(value) => {
                    Decimal::from_str(&value.to_string()).unwrap_or(Decimal::ONE)
                }
                DefaultValue::String(_) | DefaultValue::Boolean(_) => Decimal::ONE,
            }
        }
        None => Decimal::ONE,
    }
}

/// Money as shown and sent: exact, trailing zeros dropped, but never fewer than two decimal places.
fn money(amount: Decimal) -> Decimal {
    let mut amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

fn serialize_plain_number<S: serde::Serializer>(
    value: &Decimal,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    use serde::Serialize;
    match serde_json::Number::from_str(&value.to_string()) {
        Ok(number) => number.serialize(serializer),
        Err(_) => serializer.serialize_str(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn priced(request: Value) -> PricedEstimate {
        match estimate(request) {
            Ok(Estimate::Priced(priced)) => priced,
            other => panic!("expected a priced estimate, got {other:?}"),
        }
    }

    #[test]
    fn lite_costs_five_cents_a_second_per_sample() {
        let base = json!({"model": "veo-3.1-lite-generate-001", "prompt": "x"});
        let mut eight = base.clone();
        eight["seconds"] = json!(8);
        let eight = priced(eight);
        assert_eq!(
            (eight.cost.to_string(), eight.hold.to_string()),
            ("0.40".into(), "0.40".into())
        );
        assert_eq!(eight.assumed, vec!["sample_count"]);

        let mut six_by_four = base.clone();
        six_by_four["duration_seconds"] = json!(6);
        six_by_four["n_variants"] = json!(4);
        assert_eq!(priced(six_by_four).cost.to_string(), "1.20");

        let defaults = priced(base);
        assert_eq!(defaults.cost.to_string(), "0.40");
        assert_eq!(defaults.assumed, vec!["duration_seconds", "sample_count"]);
    }

    #[test]
    fn fractional_durations_stay_exact() {
        let request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "x", "seconds": 1.1, "sample_count": 3});
        let estimate = priced(request);
        assert_eq!(estimate.cost.to_string(), "0.165");
        assert_eq!(estimate.hold.to_string(), "0.165");
    }

    #[test]
    fn money_keeps_two_places_and_drops_only_trailing_zeros() {
        assert_eq!(
            money(Decimal::from_str("0.400000").expect("decimal")).to_string(),
            "0.40"
        );
        assert_eq!(
            money(Decimal::from_str("1").expect("decimal")).to_string(),
            "1.00"
        );
        assert_eq!(
            money(Decimal::from_str("0.010000").expect("decimal")).to_string(),
            "0.01"
        );
        assert_eq!(
            money(Decimal::from_str("0.123450").expect("decimal")).to_string(),
            "0.12345"
        );
    }

    #[test]
    fn a_model_without_a_price_says_so() {
        let request = json!({"model": "veo-3.1-generate-preview", "prompt": "x"});
        match estimate(request).expect("valid") {
            Estimate::Unpriced(unpriced) => assert!(unpriced.reason.contains("no published price")),
            other => panic!("expected unpriced, got {other:?}"),
        }
    }
}
