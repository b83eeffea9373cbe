//! Every copy-ready example of `generated/examples/` runs against the emulator: the text a reader copies from a
//! model page is the text tested here, so a page cannot advertise an example that stopped working.
//!
//! One emulator, started in-process on a free loopback port, serves every example; each example reads its
//! address and key from `OMIXA_BASE_URL` and `OMIXA_API_KEY`, must exit 0 and must print the final job with
//! status `succeeded`. An example whose tool is not installed (PHP, .NET, Go...) is skipped with a message on
//! standard error. The Python and Node SDK examples and Python requests run in those packages' test suites,
//! where the packages are built.
//!
//! The Rust examples are compiled into this test binary (one link for all models) and each runs in a child
//! process of it, so that it reads the environment variables as a user's program would.

use omixa_emulator::{Emulator, EmulatorConfig};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[allow(
    dead_code,
    unused_imports,
    reason = "each generated example is a complete program; only its `run` is called here"
)]
mod rust_examples {
    include!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../generated/examples/rust_examples.rs"
    ));
}

const KEY: &str = "omx_examples_test_key";
/// Set in a child process of this binary: the model whose Rust example it runs.
const CHILD_MODEL: &str = "OMIXA_EXAMPLES_TEST_RUST_MODEL";

fn examples_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/examples")
}

/// Every model directory under `generated/examples/`, by model id.
fn model_dirs() -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> = std::fs::read_dir(examples_dir())
        .expect("generated/examples exists (run `cargo run -p omixa-codegen`)")
        .map(|entry| entry.expect("a readable directory entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let id = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            (id, path)
        })
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no examples were generated");
    dirs
}

/// The emulator on a free loopback port, jobs final at once, on a runtime of its own that outlives the test's
/// blocking child processes.
fn start_emulator() -> (tokio::runtime::Runtime, Emulator) {
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    let emulator = runtime
        .block_on(Emulator::start(EmulatorConfig {
            api_key: Some(KEY.to_owned()),
            port: 0,
            job_seconds: 0.0,
            seed: Some(11),
            ..EmulatorConfig::default()
        }))
        .expect("the emulator starts on a free port");
    (runtime, emulator)
}

/// Whether `program` runs at all (`program --version` or the like).
fn installed(program: &str, probe: &[&str]) -> bool {
    Command::new(program)
        .args(probe)
        .output()
        .is_ok_and(|output| output.status.success())
}

/// Runs one example with the emulator's address and key, and checks it printed a succeeded job.
fn run_example(emulator: &Emulator, what: &str, command: &mut Command) {
    let output: Output = command
        .env("OMIXA_BASE_URL", emulator.base_url())
        .env("OMIXA_API_KEY", KEY)
        .env("PATH", path_with_omixa())
        .output()
        .unwrap_or_else(|error| panic!("{what}: cannot start: {error}"));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "{what} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        output.status
    );
    assert!(
        stdout.contains("\"succeeded\""),
        "{what} did not print a succeeded job:\n{stdout}\n--- stderr\n{stderr}"
    );
    eprintln!("ran {what}");
}

/// `PATH` with the `omixa` binary of this build first, for the command-line examples.
fn path_with_omixa() -> std::ffi::OsString {
    let binary = Path::new(env!("CARGO_BIN_EXE_omixa"));
    let mut paths = vec![binary.parent().unwrap_or(Path::new(".")).to_owned()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).expect("PATH entries without separators")
}

/// The raw HTTP and command-line examples: (file, program and arguments before the file, tool to probe).
type Scripted = (
    &'static str,
    &'static [&'static str],
    (&'static str, &'static [&'static str]),
);
const SCRIPTED: &[Scripted] = &[
    ("curl.sh", &["sh"], ("curl", &["--version"])),
    ("fetch.mjs", &["node"], ("node", &["--version"])),
    ("go-nethttp.go", &["go", "run"], ("go", &["version"])),
    ("php-curl.php", &["php"], ("php", &["--version"])),
    (
        "csharp-httpclient.cs",
        &["dotnet", "run"],
        ("dotnet", &["--version"]),
    ),
    ("cli.sh", &["sh"], ("sh", &["-c", "true"])),
];

#[test]
fn every_scripted_example_runs_against_the_emulator() {
    let (_runtime, emulator) = start_emulator();
    let mut ran = 0;
    for (model, dir) in model_dirs() {
        for (file, program, (tool, probe)) in SCRIPTED {
            let path = dir.join(file);
            assert!(path.is_file(), "{model}: {file} was not generated");
            if !installed(tool, probe) {
                eprintln!("skipped {model}/{file}: `{tool}` is not installed");
                continue;
            }
            let mut command = Command::new(program[0]);
            command.args(&program[1..]).arg(&path).current_dir(&dir);
            if *tool == "go" {
                // `go run` of one file needs no module, only a writable build cache.
                command.env("GO111MODULE", "off");
            }
            run_example(&emulator, &format!("{model}/{file}"), &mut command);
            ran += 1;
        }
    }
    assert!(ran > 0, "no example ran");
}

#[test]
fn every_rust_example_runs_against_the_emulator() {
    if let Ok(model) = std::env::var(CHILD_MODEL) {
        // In the child process: run the one example, as its own program would.
        let (_, run) = rust_examples::ALL
            .iter()
            .find(|(id, _)| *id == model)
            .unwrap_or_else(|| panic!("no Rust example for {model}"));
        run().unwrap_or_else(|error| panic!("the Rust example of {model} failed: {error}"));
        return;
    }
    let (_runtime, emulator) = start_emulator();
    let generated: Vec<String> = model_dirs().into_iter().map(|(id, _)| id).collect();
    let compiled: Vec<String> = rust_examples::ALL
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .collect();
    assert_eq!(
        compiled, generated,
        "every model's Rust example is compiled into this test"
    );
    let this_test = std::env::current_exe().expect("the test binary's path");
    for model in compiled {
        let mut command = Command::new(&this_test);
        command
            .args([
                "every_rust_example_runs_against_the_emulator",
                "--exact",
                "--nocapture",
            ])
            .env(CHILD_MODEL, &model);
        run_example(&emulator, &format!("{model}/sdk-rust.rs"), &mut command);
    }
}

/// Every `href` of an HTML page.
fn links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|link| link.replace("&amp;", "&").replace("&#38;", "&"))
        .collect()
}

/// `omixa serve` serves the reference site at `/docs/`: the index, every model page, and every link of every
/// page leads somewhere (pages, the stylesheet, the examples; `#anchors` to an element of the page).
#[test]
fn the_emulator_serves_the_site_without_broken_links() {
    let (runtime, emulator) = start_emulator();
    let base = emulator.base_url().to_owned();
    runtime.block_on(async {
        let http = reqwest::Client::new();
        let get = |path: String| {
            let http = http.clone();
            let url = format!("{base}{path}");
            async move {
                let response = http.get(&url).send().await.expect("the emulator answers");
                let status = response.status();
                let content_type = response
                    .headers()
                    .get("content-type")
                    .and_then(|value| value.to_str().ok())
                    .unwrap_or_default()
                    .to_owned();
                (
                    status,
                    content_type,
                    response.text().await.unwrap_or_default(),
                )
            }
        };
        let (status, content_type, index) = get("/docs/".to_owned()).await;
        assert_eq!(status, 200);
        assert!(content_type.starts_with("text/html"), "{content_type}");
        let mut pages = vec![("/docs/".to_owned(), index)];
        for (model, _) in model_dirs() {
            let path = format!("/docs/{model}.html");
            let (status, _, page) = get(path.clone()).await;
            assert_eq!(status, 200, "{path}");
            pages.push((path, page));
        }
        for (path, page) in &pages {
            for link in links(page) {
                if link.contains(':') {
                    continue; // not a link into the site (the icon is `data:,`)
                }
                if let Some(anchor) = link.strip_prefix('#') {
                    assert!(
                        page.contains(&format!("id=\"{anchor}\"")),
                        "{path}: no #{anchor}"
                    );
                    continue;
                }
                let target = url_join(path, link.split('#').next().unwrap_or_default());
                let (status, _, _) = get(target.clone()).await;
                assert_eq!(status, 200, "{path} links {link} ({target})");
            }
        }
        let (status, _, _) = get("/docs/../Cargo.toml".to_owned()).await;
        assert_eq!(status, 404);
    });
}

/// A relative link resolved against the page's path, as a browser would (`..` steps up a folder).
fn url_join(page: &str, link: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own name
    for part in link.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." => {}
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// The example request of a model, as its cURL example sends it (the heredoc between `<<'JSON'` and `JSON`).
fn example_request(dir: &Path) -> serde_json::Value {
    let script = std::fs::read_to_string(dir.join("curl.sh")).expect("curl.sh is readable");
    let body = script
        .split_once("<<'JSON'\n")
        .and_then(|(_, rest)| rest.split_once("\nJSON\n"))
        .map(|(body, _)| body)
        .expect("curl.sh sends its request as a heredoc");
    serde_json::from_str(body).expect("the example request is JSON")
}

/// The cost each page works through at generation time is the core's estimate of the same request.
#[test]
fn every_worked_cost_on_a_page_is_the_core_estimate() {
    let site = examples_dir().join("../site");
    for (model, dir) in model_dirs() {
        let page =
            std::fs::read_to_string(site.join(format!("{model}.html"))).expect("the model page");
        let estimate =
            omixa::estimate(example_request(&dir)).expect("the example request is valid");
        match estimate.priced() {
            Some(priced) => {
                let stated = format!(
                    "<strong>{} {}</strong>; hold {} {}.",
                    priced.currency, priced.cost, priced.currency, priced.hold
                );
                assert!(
                    page.contains(&stated),
                    "{model}.html does not state {stated}"
                );
            }
            None => assert!(page.contains("No published price"), "{model}.html"),
        }
    }
}
