//! `omixa serve`: run the local emulator until Ctrl-C. The first line of standard output is
//! `omixa emulator listening on <url>`, then the `export` lines that point the SDK at it, and where the
//! dashboard is (unless `--no-dashboard`).

use crate::Outcome;
use clap::Args;
use omixa::Catalog;
use omixa_emulator::{Emulator, EmulatorConfig};
use std::io::Write;

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    config: EmulatorConfig,
}

pub async fn run(mut args: ServeArgs, catalog: &'static Catalog) -> miette::Result<Outcome> {
    let key_was_given = args.config.api_key.is_some();
    let dashboard = args.config.dashboard;
    args.config.catalog = catalog;
    let emulator = Emulator::start(args.config).await.map_err(|error| {
        miette::miette!(code = "omixa::serve", "cannot start the emulator: {error}")
    })?;
    announce(&emulator, key_was_given, dashboard);
    emulator
        .run_until_ctrl_c()
        .await
        .map_err(|error| miette::miette!(code = "omixa::serve", "the emulator stopped: {error}"))?;
    Ok(Outcome::Success)
}

/// Prints where the emulator listens. A closed standard output (a parent that read the first line and went
/// away) must not stop the server, so write errors are ignored rather than panicking as `println!` would.
fn announce(emulator: &Emulator, key_was_given: bool, dashboard: bool) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "omixa emulator listening on {}", emulator.base_url());
    let _ = writeln!(out, "  export OMIXA_BASE_URL={}", emulator.base_url());
    // A key from the command line or the environment is the user's; only a generated one is shown.
    if !key_was_given {
        let _ = writeln!(out, "  export OMIXA_API_KEY={}", emulator.api_key());
    }
    if dashboard {
        let _ = writeln!(out, "Dashboard: {}/ (in a browser)", emulator.base_url());
    }
    let _ = writeln!(out, "Ctrl-C stops it.");
    let _ = out.flush();
}
