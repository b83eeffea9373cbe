//! `omixa models` and `omixa models show ID`: the catalog as tables or JSON, each model with where it comes
//! from (`built-in`, or the `--catalog` folder that added it).

use super::support::print_json;
use crate::Outcome;
use clap::{Args, Subcommand};
use omixa::ModelSpec;
use omixa::catalog::{Catalog, FieldKind, FieldSpec};
use serde_json::Value;

#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    show: Option<ShowCommand>,
    /// Print JSON instead of a table.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, Subcommand)]
enum ShowCommand {
    /// Show one model: its price, endpoint and field table.
    Show {
        /// The model id, e.g. veo-3.1-lite-generate-001.
        id: String,
    },
}

pub fn run(args: &ModelsArgs, catalog: &Catalog) -> miette::Result<Outcome> {
    match &args.show {
        None if args.json => {
            let models: Vec<Value> = catalog
                .models()
                .iter()
                .map(|model| info_json(catalog, model))
                .collect::<miette::Result<_>>()?;
            print_json(&models)?;
        }
        None => print_table(catalog),
        Some(ShowCommand::Show { id }) => {
            let model = catalog.model(id).ok_or_else(|| {
                let known: Vec<&str> = catalog.models().iter().map(|model| model.id).collect();
                miette::miette!(
                    code = "omixa::unknown_model",
                    help = format!("known models: {}", known.join(", ")),
                    "`{id}` is not a model of the catalog"
                )
            })?;
            if args.json {
                print_json(&info_json(catalog, model)?)?;
            } else {
                print_model(model, &origin(catalog, model));
            }
        }
    }
    Ok(Outcome::Success)
}

/// Where a model comes from, as printed: `built-in` or the folder.
fn origin(catalog: &Catalog, model: &ModelSpec) -> String {
    catalog
        .origin(model.id)
        .map_or_else(String::new, ToString::to_string)
}

/// The model as plain data, with `"origin"` added.
fn info_json(catalog: &Catalog, model: &ModelSpec) -> miette::Result<Value> {
    let mut info = serde_json::to_value(model.info())
        .map_err(|error| miette::miette!("cannot encode model `{}`: {error}", model.id))?;
    if let Value::Object(object) = &mut info {
        object.insert("origin".to_owned(), Value::from(origin(catalog, model)));
    }
    Ok(info)
}

fn print_table(catalog: &Catalog) {
    let rows: Vec<[String; 6]> = catalog
        .models()
        .iter()
        .map(|model| {
            let (per_second, hold) = match &model.price {
                Some(price) => (
                    format!("{} {}", price.per_second.normalize(), price.currency),
                    format!("{} {}", price.minimum_hold.normalize(), price.currency),
                ),
                None => ("no published price".to_owned(), "-".to_owned()),
            };
            [
                model.id.to_owned(),
                model.name.to_owned(),
                model.provider.to_owned(),
                per_second,
                hold,
                origin(catalog, model),
            ]
        })
        .collect();
    print_rows(
        &[
            "MODEL",
            "NAME",
            "PROVIDER",
            "PER SECOND",
            "MINIMUM HOLD",
            "FROM",
        ],
        &rows,
    );
}

fn print_model(model: &ModelSpec, origin: &str) {
    println!("{} ({})", model.name, model.id);
    println!("{}", model.description);
    println!();
    match &model.price {
        Some(price) => println!(
            "Price: {} {} per second of video, minimum hold {} {}",
            price.per_second, price.currency, price.minimum_hold, price.currency
        ),
        None => println!("Price: no published price"),
    }
    println!(
        "Provider: {}    Endpoint type: {}    Source: {}",
        model.provider, model.endpoint.id, model.source
    );
    println!("From: {origin}");
    println!();
    let rows: Vec<[String; 5]> = model
        .fields
        .iter()
        .map(|field| {
            let names = std::iter::once(field.name)
                .chain(field.aliases.iter().copied())
                .collect::<Vec<_>>();
            [
                names.join("|"),
                field.labels.kind_label.to_owned(),
                if field.required { "Yes" } else { "No" }.to_owned(),
                accepted_text(field),
                field.description.to_owned(),
            ]
        })
        .collect();
    print_rows(
        &[
            "FIELD",
            "TYPE",
            "REQUIRED",
            "ACCEPTED VALUES",
            "DESCRIPTION",
        ],
        &rows,
    );
    if !model.omitted.is_empty() {
        let omitted: Vec<&str> = model.omitted.iter().map(|field| field.name).collect();
        println!();
        println!("Not accepted by this model: {}", omitted.join(", "));
    }
}

/// The accepted-values column: the accepted values, the range or the media types, as the catalog's labels
/// say them.
fn accepted_text(field: &FieldSpec) -> String {
    match &field.kind {
        FieldKind::String { accepted } if !accepted.is_empty() => accepted.join(", "),
        FieldKind::InlineImage { media_types }
        | FieldKind::InlineImageList { media_types }
        | FieldKind::VideoSource { media_types } => media_types.join(", "),
        FieldKind::String { .. }
        | FieldKind::Number { .. }
        | FieldKind::Integer { .. }
        | FieldKind::Boolean => field.labels.range.unwrap_or("Any valid value").to_owned(),
    }
}

/// Prints left-aligned columns; the last column is not padded.
fn print_rows<const N: usize>(header: &[&str; N], rows: &[[String; N]]) {
    let mut widths = header.map(|title| title.chars().count());
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (index, cell) in cells.iter().enumerate() {
            if index + 1 == N {
                out.push_str(cell);
            } else {
                out.push_str(&format!("{cell:<width$}  ", width = widths[index]));
            }
        }
        println!("{}", out.trim_end());
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
}
