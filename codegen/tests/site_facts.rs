//! The facts test: every model page of the HTML site, and its Markdown page, states every fact the catalog
//! records from Omixa's page for that model — each field with its aliases, accepted values, range, media
//! types and assumed default, the price lines, the endpoint paths, provider and endpoint type, the workflows,
//! the omitted fields — each in its own row, so a fact printed elsewhere on the page does not count. And each
//! example the page prints is the file of `generated/examples/` the tests run.
#![allow(clippy::unwrap_used, reason = "tests fail loudly")]

use std::path::{Path, PathBuf};

use omixa_codegen::ir::{Kind, Model};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_owned()
}

/// The page's text with askama's HTML escapes undone.
fn unescape(html: &str) -> String {
    html.replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// The `<tr id="...">` row of `page` (unescaped), or an empty string when there is none.
fn row(page: &str, id: &str) -> String {
    let open = format!("<tr id=\"{id}\">");
    let Some(start) = page.find(&open) else {
        return String::new();
    };
    let end = page[start..]
        .find("</tr>")
        .map_or(page.len(), |end| start + end);
    unescape(&page[start..end])
}

/// Every catalog fact of `model` that `page` (its HTML page) does not state where it belongs.
fn missing_facts(model: &Model, page: &str) -> Vec<String> {
    let mut missing = Vec::new();
    let mut expect = |place: &str, text: &str, fact: String| {
        if !text.contains(&fact) {
            missing.push(format!("{place}: {fact}"));
        }
    };
    for field in &model.fields {
        let place = format!("field-{}", field.name);
        let text = row(page, &place);
        expect(&place, &text, format!("<code>{}</code>", field.name));
        expect(&place, &text, field.labels.kind_label.to_owned());
        expect(
            &place,
            &text,
            if field.required {
                "<strong>yes</strong>"
            } else {
                "<td>no</td>"
            }
            .to_owned(),
        );
        for alias in &field.aliases {
            expect(
                &place,
                &text,
                format!("<code class=\"alias\">{alias}</code>"),
            );
        }
        for value in field.accepted() {
            expect(
                &place,
                &text,
                format!("<code class=\"value\">{value}</code>"),
            );
        }
        if let Some(range) = &field.labels.range {
            expect(&place, &text, range.clone());
        }
        if let Kind::InlineImage { media_types }
        | Kind::InlineImageList { media_types }
        | Kind::VideoSource { media_types } = &field.kind
        {
            for media in media_types {
                expect(
                    &place,
                    &text,
                    format!("<code class=\"media\">{media}</code>"),
                );
            }
        }
        if let Some(default) = &field.default {
            let value = omixa_codegen::catalog::labels::scalar_text(&default.value);
            expect(
                &place,
                &text,
                format!("<code>{value}</code> <span class=\"assumed\">assumed</span>"),
            );
        }
        expect(&place, &text, field.description.clone());
    }
    if let Some(price) = &model.price {
        let per_second = row(page, "price-per-second");
        expect(
            "price-per-second",
            &per_second,
            format!("{} {}", price.currency, price.per_second.text),
        );
        let hold = row(page, "price-minimum-hold");
        expect(
            "price-minimum-hold",
            &hold,
            format!("{} {}", price.currency, price.minimum_hold.text),
        );
    } else {
        expect("price", page, "No published price".to_owned());
    }
    let endpoint = &model.endpoint;
    expect(
        "connect-create",
        &row(page, "connect-create"),
        endpoint.create_path.clone(),
    );
    expect(
        "connect-status",
        &row(page, "connect-status"),
        endpoint.status_path.clone(),
    );
    expect(
        "connect-provider",
        &row(page, "connect-provider"),
        model.provider.clone(),
    );
    expect(
        "connect-endpoint-type",
        &row(page, "connect-endpoint-type"),
        endpoint.id.clone(),
    );
    if let Some(table) = &model.operations {
        for case in &table.operations.cases {
            let place = format!("workflow-{}", case.name);
            let text = row(page, &place);
            expect(&place, &text, format!("<code>{}</code>", case.name));
            for input in case.requires.iter().chain(&case.accepts) {
                expect(&place, &text, format!("<code>{input}</code>"));
            }
        }
    }
    for omitted in &model.omitted {
        expect("omitted", page, format!("<code>{}</code>", omitted.name));
    }
    missing
}

#[test]
fn every_html_page_states_every_fact_of_its_model() {
    let spec = workspace().join("spec");
    let catalog = omixa_codegen::resolve(&spec).unwrap();
    let outputs = omixa_codegen::generate(&spec).unwrap();
    let index = outputs.get("site/index.html").unwrap();
    for model in &catalog.models {
        let page = outputs.get(&format!("site/{}.html", model.id)).unwrap();
        let missing = missing_facts(model, page);
        assert!(missing.is_empty(), "{}.html misses: {missing:#?}", model.id);
        assert!(
            index.contains(&format!("href=\"{}.html\"", model.id)),
            "the index links {}",
            model.id
        );
    }
}

#[test]
fn every_markdown_page_states_every_fact_of_its_model() {
    let spec = workspace().join("spec");
    let catalog = omixa_codegen::resolve(&spec).unwrap();
    let outputs = omixa_codegen::generate(&spec).unwrap();
    for model in &catalog.models {
        let page = outputs
            .get(&format!("docs/models/{}.md", model.id))
            .unwrap();
        for field in &model.fields {
            let line = page
                .lines()
                .find(|line| line.starts_with(&format!("| `{}` |", field.name)))
                .unwrap_or_else(|| panic!("{}.md has no row for {}", model.id, field.name));
            let facts = field
                .aliases
                .iter()
                .chain(field.accepted())
                .map(|name| format!("`{name}`"));
            for fact in facts.chain(field.labels.range.clone()) {
                assert!(
                    line.contains(&fact),
                    "{}.md, row {}: no {fact}",
                    model.id,
                    field.name
                );
            }
        }
        if let Some(price) = &model.price {
            assert!(
                page.contains(&price.per_second.text) && page.contains(&price.minimum_hold.text)
            );
        }
        assert!(
            page.contains(&model.endpoint.create_path)
                && page.contains(&model.endpoint.status_path)
        );
    }
}

#[test]
fn a_page_missing_a_fact_is_caught() {
    let spec = workspace().join("spec");
    let catalog = omixa_codegen::resolve(&spec).unwrap();
    let outputs = omixa_codegen::generate(&spec).unwrap();
    let model = &catalog.models[0];
    let page = outputs.get(&format!("site/{}.html", model.id)).unwrap();
    let field = model
        .fields
        .iter()
        .find(|field| !field.aliases.is_empty())
        .unwrap();
    let alias = format!("<code class=\"alias\">{}</code>", field.aliases[0]);
    let damaged = page.replacen(&alias, "", 1);
    let missing = missing_facts(model, &damaged);
    assert_eq!(missing, [format!("field-{}: {alias}", field.name)]);
}

#[test]
fn every_printed_example_is_the_file_the_tests_run() {
    let spec = workspace().join("spec");
    let catalog = omixa_codegen::resolve(&spec).unwrap();
    let outputs = omixa_codegen::generate(&spec).unwrap();
    for model in catalog
        .models
        .iter()
        .filter(|model| model.example.is_some())
    {
        let page = unescape(outputs.get(&format!("site/{}.html", model.id)).unwrap());
        let files: Vec<(&str, &str)> = outputs
            .iter()
            .filter(|(path, _)| path.starts_with(&format!("examples/{}/", model.id)))
            .collect();
        assert!(
            files.len() >= 10,
            "{}: every language has an example",
            model.id
        );
        for (path, text) in files {
            assert!(
                page.contains(text.trim_end()),
                "{}.html does not print {path} as generated",
                model.id
            );
        }
    }
}
