//! The index's side-by-side table: one row per fact (provider, endpoint type, price lines, each field), one
//! column per model, rows where the models differ marked.

use crate::ir::Model;

use super::view::{FieldRow, PriceView};

/// Every model's facts, aligned by row.
#[derive(Debug, Clone)]
pub struct Comparison {
    pub rows: Vec<ComparisonRow>,
}

#[derive(Debug, Clone)]
pub struct ComparisonRow {
    pub label: String,
    /// Whether the label is a field name (printed as code).
    pub is_field: bool,
    /// One cell per model, in model order.
    pub cells: Vec<String>,
    /// Whether the cells are not all equal.
    pub differs: bool,
}

impl Comparison {
    pub fn of(models: &[Model]) -> Self {
        let mut rows = Vec::new();
        let mut push = |label: &str, is_field: bool, cells: Vec<String>| {
            let differs = cells.windows(2).any(|pair| pair[0] != pair[1]);
            rows.push(ComparisonRow {
                label: label.to_owned(),
                is_field,
                cells,
                differs,
            });
        };
        let each = |cell: &dyn Fn(&Model) -> String| models.iter().map(cell).collect::<Vec<_>>();
        push("Provider", false, each(&|model| model.provider.clone()));
        push(
            "Endpoint type",
            false,
            each(&|model| model.endpoint.id.clone()),
        );
        let price_line = |line: &dyn Fn(&PriceView) -> String| {
            each(&|model| {
                PriceView::of(model)
                    .map_or_else(|| "no published price".to_owned(), |price| line(&price))
            })
        };
        push(
            "Price per second",
            false,
            price_line(&|price| format!("{} {}", price.currency, price.per_second)),
        );
        push(
            "Minimum hold",
            false,
            price_line(&|price| format!("{} {}", price.currency, price.minimum_hold)),
        );
        push(
            "Example request costs",
            false,
            price_line(&|price| {
                price.worked.as_ref().map_or_else(String::new, |worked| {
                    format!("{} {} (hold {})", price.currency, worked.cost, worked.hold)
                })
            }),
        );
        // Every field any model accepts or omits, in the order models first list them; not the one naming the
        // model, which differs by definition.
        let mut names: Vec<&str> = Vec::new();
        for model in models {
            let listed = model
                .fields
                .iter()
                .filter(|field| !field.names_model)
                .map(|field| field.name.as_str())
                .chain(model.omitted.iter().map(|field| field.name.as_str()));
            for name in listed {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        for name in names {
            push(
                name,
                true,
                each(&|model| {
                    model
                        .fields
                        .iter()
                        .find(|field| field.name == name)
                        .map_or_else(
                            || "not accepted".to_owned(),
                            |field| FieldRow::of(field).summary(),
                        )
                }),
            );
        }
        Self { rows }
    }
}
