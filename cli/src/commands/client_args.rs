//! The client options of the job commands (`create`, `wait`, `status`, `download`), on top of `OMIXA_API_KEY`
//! and `OMIXA_BASE_URL`.

use super::support::report;
use clap::Args;
use omixa::client::Client;
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The longest one API request may take, in seconds; the retries of one call stop within twice this.
    #[arg(long, value_name = "SECONDS", default_value_t = 60.0, value_parser = seconds)]
    request_timeout: f64,
}

impl ClientArgs {
    /// A client configured by the environment and these options.
    pub fn client(&self) -> miette::Result<Client> {
        Client::builder()
            .request_timeout(Duration::from_secs_f64(self.request_timeout))
            .build()
            .map_err(|error| report(&error))
    }
}

/// A positive number of seconds, at most a day.
fn seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if seconds > 0.0 && seconds <= 86_400.0 {
        Ok(seconds)
    } else {
        Err("expected seconds, more than 0 and at most 86400".into())
    }
}
