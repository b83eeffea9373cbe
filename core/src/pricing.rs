//! Cost estimates in exact decimals.
use crate::{ValidationError, Validated};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq)]
pub enum Estimate {
    Priced(PricedEstimate),
    Unpriced { model: &'static str, reason: String },
}

impl Estimate {
    pub fn priced(&self) -> Option<&PricedEstimate> {
        match self {
            Estimate::Priced(priced) => Some(priced),
            Estimate::Unpriced { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PricedEstimate {
    pub model: &'static str,
    pub currency: &'static str,
    pub cost: Decimal,
    pub hold: Decimal,
    pub duration_seconds: Decimal,
    pub sample_count: i64,
    pub assumed: Vec<&'static str>,
}

pub fn estimate(request: serde_json::Value) -> Result<Estimate, ValidationError> {
    Ok(estimate_validated(&crate::validate(request)?))
}

pub fn estimate_validated(validated: &Validated) -> Estimate {
    Estimate::Unpriced { model: validated.model.id, reason: String::new() }
}
