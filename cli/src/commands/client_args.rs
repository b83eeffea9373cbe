//! The client options of the job commands (`create`, `wait`, `status`, `download`), on top of `OMIXA_API_KEY`
//! and `OMIXA_BASE_URL`.

use super::support::report;
use clap::Args;
use omixa::Catalog;
use omixa::client::{Client, DEFAULT_REQUEST_TIMEOUT};
use std::time::Duration;

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// The longest one API request may take, in seconds; the retries of one call stop within twice this.
    #[arg(long, value_name = "SECONDS", default_value_t = DEFAULT_REQUEST_TIMEOUT.as_secs_f64(), value_parser = seconds)]
    request_timeout: f64,
}

impl ClientArgs {
    /// A client of `catalog`'s models, configured by the environment and these options.
    pub fn client(&self, catalog: &'static Catalog) -> miette::Result<Client> {
        Client::builder()
            .catalog(catalog)
            .request_timeout(Duration::from_secs_f64(self.request_timeout))
            .build()
            .map_err(|error| report(&error))
    }

    /// The options that differ from their defaults, as shell words, for the command that resumes a job.
    pub fn resume_words(&self) -> Vec<String> {
        if self.request_timeout == DEFAULT_REQUEST_TIMEOUT.as_secs_f64() {
            return Vec::new();
        }
        vec![
            "--request-timeout".to_owned(),
            self.request_timeout.to_string(),
        ]
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
