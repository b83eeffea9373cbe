//! `cargo run -p omixa-codegen [-- --check]`: regenerate `generated/` from `spec/`, or check it is up to date.
//!
//! Exit codes: 0 done (or up to date), 1 the catalog is invalid or `generated/` is out of date, 2 usage or I/O
//! error (or a generator bug).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use omixa_codegen::output::{Drift, Layout, RUST};

/// Regenerates generated/ (Rust, JSON Schema, .pyi, .d.ts, docs) from the YAML catalog in spec/.
#[derive(Debug, Parser)]
#[command(name = "omixa-codegen", version)]
struct Args {
    /// Render in memory and fail, naming each file, if generated/ is not exactly what spec/ produces.
    #[arg(long)]
    check: bool,
    /// The catalog directory [default: <workspace>/spec].
    #[arg(long, value_name = "DIR")]
    spec: Option<PathBuf>,
    /// The output directory [default: <workspace>/generated].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Where the generated Rust goes [default: <workspace>/core/generated, inside the crate that compiles it so
    /// that it is packaged with it; with --out: <out>/rust].
    #[arg(long, value_name = "DIR")]
    rust_out: Option<PathBuf>,
}

const INVALID: u8 = 1;
const FAILED: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse(); // usage errors exit with 2
    // Wide enough that `file:line:col: message` stays on one line.
    let _ = miette::set_hook(Box::new(|_| {
        Box::new(miette::MietteHandlerOpts::new().width(120).build())
    }));
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new(".."));
    let spec = args.spec.unwrap_or_else(|| workspace.join("spec"));
    let layout = match (args.out, args.rust_out) {
        (None, None) => Layout::repository(workspace),
        (None, Some(rust_out)) => Layout::repository(workspace).place(RUST, rust_out),
        (Some(out), rust_out) => {
            let rust_out = rust_out.unwrap_or_else(|| out.join(RUST));
            Layout::new(&out, &out).place(RUST, rust_out)
        }
    };

    let outputs = match omixa_codegen::generate(&spec) {
        Ok(outputs) => outputs,
        Err(omixa_codegen::Error::Catalog(problems)) => {
            for problem in problems.problems.iter().cloned() {
                eprintln!("{:?}", miette::Report::new(problem));
            }
            eprintln!("error: {problems}");
            return ExitCode::from(INVALID);
        }
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(FAILED);
        }
    };
    if args.check {
        check(&outputs, layout)
    } else {
        write(&outputs, layout)
    }
}

fn check(outputs: &omixa_codegen::Outputs, layout: Layout) -> ExitCode {
    match outputs.check(layout.clone()) {
        Ok(drifts) if drifts.is_empty() => {
            println!("{layout}: up to date ({} files)", outputs.iter().count());
            ExitCode::SUCCESS
        }
        Ok(drifts) => {
            for drift in &drifts {
                eprintln!("{drift}");
            }
            let extra = drifts
                .iter()
                .any(|drift| matches!(drift, Drift::Extra { .. }));
            eprintln!(
                "error: {layout}: {} files out of date; run `cargo run -p omixa-codegen`{}",
                drifts.len(),
                if extra {
                    " and remove extra files it does not delete"
                } else {
                    ""
                },
            );
            ExitCode::from(INVALID)
        }
        Err(error) => {
            eprintln!("error: cannot read {layout}: {error}");
            ExitCode::from(FAILED)
        }
    }
}

fn write(outputs: &omixa_codegen::Outputs, layout: Layout) -> ExitCode {
    match outputs.write(layout.clone()) {
        Ok(report) => {
            for path in &report.written {
                println!("wrote {path}");
            }
            for path in &report.deleted {
                println!("deleted {path} (no longer generated)");
            }
            for path in &report.foreign {
                eprintln!(
                    "warning: {path} is not generated from spec/ (left in place; --check will fail)"
                );
            }
            println!(
                "{layout}: {} written, {} unchanged",
                report.written.len(),
                report.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {layout}: {error}");
            ExitCode::from(FAILED)
        }
    }
}
