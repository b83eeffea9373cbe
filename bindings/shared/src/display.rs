//! Texts both packages show the same way.

use omixa::{Estimate, Issue};

/// An estimate in one line: `"0.40 USD (hold 0.40 USD)"`, or why there is no price.
pub fn estimate(estimate: &Estimate) -> String {
    match estimate {
        Estimate::Priced(priced) => format!(
            "{} {} (hold {} {})",
            priced.cost, priced.currency, priced.hold, priced.currency
        ),
        Estimate::Unpriced(unpriced) => unpriced.reason.clone(),
    }
}

/// A field lenient validation dropped, as each host warns about it (`DroppedFieldWarning`).
#[derive(Debug, Clone, PartialEq)]
pub struct DroppedField<'a> {
    /// The warning's text.
    pub message: String,
    /// The JSON pointer of the dropped key.
    pub path: &'a str,
    /// The `unknown_field` issue it comes from.
    pub issue: &'a Issue,
}

/// One warning per field lenient validation dropped, in the request's order.
pub fn dropped_fields(warnings: &[Issue]) -> impl Iterator<Item = DroppedField<'_>> {
    warnings.iter().map(|issue| DroppedField {
        message: issue.message(),
        path: &issue.path,
        issue,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_priced_estimate_names_cost_and_hold() {
        let request = json!({"model": "veo-3.1-lite-generate-001", "prompt": "x", "seconds": 8});
        let priced = omixa::estimate(request).expect("valid");
        assert_eq!(estimate(&priced), "0.40 USD (hold 0.40 USD)");
    }

    #[test]
    fn each_dropped_field_is_one_warning() {
        let request =
            json!({"model": "veo-3.1-lite-generate-001", "prompt": "x", "sample_count": 2});
        let options = omixa::ValidateOptions { lenient: true };
        let validated = omixa::validate_with(request, &options).expect("lenient");
        let dropped: Vec<_> = dropped_fields(&validated.warnings).collect();
        assert_eq!(dropped.len(), validated.warnings.len());
        assert!(dropped.iter().all(|warning| !warning.message.is_empty()));
    }
}
