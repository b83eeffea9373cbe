//! `cargo run -p omixa-codegen [-- --check]`: regenerate `generated/` from `spec/`, or check it is up to date.
//!
//! Exit codes: 0 done (or up to date), 1 the catalog is invalid or `generated/` is out of date, 2 usage or I/O
//! error (or a generator bug).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use omixa_codegen::output::Drift;

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
    let out = args.out.unwrap_or_else(|| workspace.join("generated"));

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
        check(&outputs, &out)
    } else {
        write(&outputs, &out)
    }
}

fn check(outputs: &omixa_codegen::Outputs, out: &Path) -> ExitCode {
    match outputs.check(out) {
        Ok(drifts) if drifts.is_empty() => {
            println!(
                "{} is up to date ({} files)",
                out.display(),
                outputs.iter().count()
            );
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
                "error: {} is out of date ({} files); run `cargo run -p omixa-codegen`{}",
                out.display(),
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
            eprintln!("error: cannot read {}: {error}", out.display());
            ExitCode::from(FAILED)
        }
    }
}

fn write(outputs: &omixa_codegen::Outputs, out: &Path) -> ExitCode {
    match outputs.write(out) {
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
                "{}: {} written, {} unchanged",
                out.display(),
                report.written.len(),
                report.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: cannot write {}: {error}", out.display());
            ExitCode::from(FAILED)
        }
    }
}
