//! The copy-ready examples of each model, built from the one example request of its catalog entry: raw HTTP in
//! six languages and the four SDK front ends. Each is written to `generated/examples/<model-id>/` (so tests run
//! every one against the emulator) and printed on the model's page.
//!
//! Every example reads the gateway's address and key from `OMIXA_BASE_URL` and `OMIXA_API_KEY`, as the SDK
//! does, so the text a reader copies is the text the tests run.

use askama::Template;
use serde_json::{Map, Value};

use crate::ir::{Model, StatusRequest};
use crate::{Error, HEADER};

/// The gateway's public address, the examples' default when `OMIXA_BASE_URL` is unset (the SDK's default too).
const DEFAULT_BASE_URL: &str = "https://www.omixa.cloud";

/// What every example template prints: the request and where it goes.
#[derive(Debug)]
pub struct ExampleData {
    pub model_id: String,
    pub default_base_url: &'static str,
    pub create_path: String,
    pub status_path: String,
    /// The status call is `POST` with a JSON body (else `GET` with a query).
    pub status_by_post: bool,
    /// The example request as pretty JSON (two-space indent), also valid JavaScript and Rust `json!` input.
    pub json: String,
    /// The example request as a Python literal.
    pub python: String,
}

impl ExampleData {
    pub fn new(model: &Model, example: &Map<String, Value>) -> Self {
        let request = Value::Object(example.clone());
        Self {
            model_id: model.id.clone(),
            default_base_url: DEFAULT_BASE_URL,
            create_path: model.endpoint.create_path.clone(),
            status_path: model.endpoint.status_path.clone(),
            status_by_post: model.endpoint.status_request == StatusRequest::PostJson,
            json: serde_json::to_string_pretty(&request).unwrap_or_default(),
            python: python_literal(&request, 0),
        }
    }
}

/// One copy-ready example: which language, in which file, and its text.
#[derive(Debug, Clone)]
pub struct Example {
    /// Short key, also the file stem, e.g. `curl`.
    pub key: &'static str,
    /// For the reader, e.g. `cURL`.
    pub label: &'static str,
    /// The file name under `examples/<model-id>/`; never a module name a script imports (`requests.py` would
    /// shadow the package).
    pub file: &'static str,
    /// Whether it calls the HTTP API directly (else one of the SDK's front ends).
    pub raw_http: bool,
    /// The highlight language of a code block.
    pub syntax: &'static str,
    pub text: String,
}

macro_rules! example_templates {
    ($($ty:ident: $key:literal, $label:literal, $file:literal, $raw:literal, $syntax:literal, $template:literal;)*) => {
        $(
            #[derive(Template)]
            #[template(path = $template, escape = "none")]
            struct $ty<'a> {
                header: &'a str,
                e: &'a ExampleData,
            }
        )*

        /// Every example of one model, raw HTTP first, in a stable order.
        pub fn examples(data: &ExampleData) -> Result<Vec<Example>, Error> {
            Ok(vec![$(
                Example {
                    key: $key,
                    label: $label,
                    file: $file,
                    raw_http: $raw,
                    syntax: $syntax,
                    text: $ty { header: HEADER, e: data }.render().map_err(|error| Error::Render {
                        what: $template.to_owned(),
                        message: error.to_string(),
                    })?,
                },
            )*])
        }
    };
}

example_templates! {
    Curl: "curl", "cURL", "curl.sh", true, "sh", "examples/curl.sh.jinja";
    Fetch: "fetch", "JavaScript fetch", "fetch.mjs", true, "js", "examples/fetch.mjs.jinja";
    Requests: "requests", "Python requests", "python-requests.py", true, "python", "examples/requests.py.jinja";
    Php: "php", "PHP cURL", "php-curl.php", true, "php", "examples/php.php.jinja";
    CSharp: "csharp", "C# HttpClient", "csharp-httpclient.cs", true, "csharp", "examples/csharp.cs.jinja";
    Go: "go", "Go net/http", "go-nethttp.go", true, "go", "examples/go.go.jinja";
    PythonSdk: "python", "Python SDK", "sdk-python.py", false, "python", "examples/python.py.jinja";
    NodeSdk: "node", "Node SDK", "sdk-node.mjs", false, "js", "examples/node.mjs.jinja";
    RustSdk: "rust", "Rust SDK", "sdk-rust.rs", false, "rust", "examples/rust.rs.jinja";
    Cli: "cli", "Command line", "cli.sh", false, "sh", "examples/cli.sh.jinja";
}

/// Where a model's example goes, relative to `generated/`.
pub fn example_path(model_id: &str, file: &str) -> String {
    format!("examples/{model_id}/{file}")
}

/// `(path, text)` of every example file of every model that has an example request, and the index of the Rust
/// examples (`examples/rust_examples.rs`).
pub(super) fn all(models: &[Model]) -> Result<Vec<(String, String)>, Error> {
    let mut outputs = Vec::new();
    let mut rust_modules = Vec::new();
    for model in models {
        let Some(request) = &model.example else {
            continue;
        };
        for example in examples(&ExampleData::new(model, request))? {
            if example.key == "rust" {
                rust_modules.push((
                    model.id.as_str(),
                    crate::names::rust::module(&model.id),
                    example.file,
                ));
            }
            outputs.push((example_path(&model.id, example.file), example.text));
        }
    }
    outputs.push((
        "examples/rust_examples.rs".to_owned(),
        rust_index(&rust_modules),
    ));
    Ok(outputs)
}

/// Every model's Rust example as a module with a public `run` (its `main` stays as copied), and `ALL` (model
/// id, `run`), so one test binary compiles and
/// runs them all: one program per model would cost a link each.
fn rust_index(modules: &[(&str, String, &str)]) -> String {
    let mut text = format!(
        "// {HEADER}\n// Every model's Rust SDK example as a module; `ALL` lists each one's `run` (its `main`) by model id.\n\n"
    );
    for (id, module, file) in modules {
        // `include!` paths are relative to this file, which sits in `examples/`.
        text.push_str(&format!(
            "pub mod {module} {{\n    include!(\"{id}/{file}\");\n\n    pub fn run() -> Result<(), Box<dyn std::error::Error>> {{\n        main()\n    }}\n}}\n\n"
        ));
    }
    text.push_str("/// Runs one Rust example (its `main`).\n");
    text.push_str("pub type ExampleMain = fn() -> Result<(), Box<dyn std::error::Error>>;\n\n");
    text.push_str("pub const ALL: &[(&str, ExampleMain)] = &[\n");
    for (id, module, _) in modules {
        text.push_str(&format!("    ({id:?}, {module}::run),\n"));
    }
    text.push_str("];\n");
    text
}

/// A JSON value as a Python literal (`True`, `None`, dicts and lists), four-space indented from `depth`.
fn python_literal(value: &Value, depth: usize) -> String {
    let inner = "    ".repeat(depth + 1);
    let outer = "    ".repeat(depth);
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        // A JSON string or number is also a Python one.
        Value::Number(_) | Value::String(_) => value.to_string(),
        Value::Array(items) if items.is_empty() => "[]".to_owned(),
        Value::Array(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|item| format!("{inner}{},\n", python_literal(item, depth + 1)))
                .collect();
            format!("[\n{}{outer}]", items.concat())
        }
        Value::Object(members) if members.is_empty() => "{}".to_owned(),
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(key, item)| {
                    let key = Value::from(key.as_str());
                    format!("{inner}{key}: {},\n", python_literal(item, depth + 1))
                })
                .collect();
            format!("{{\n{}{outer}}}", members.concat())
        }
    }
}
