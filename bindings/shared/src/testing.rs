//! The in-process emulator as both packages' `testing` modules hold it: started once, asked about while it
//! runs, stopped at most once. The settings themselves are the emulator's to check
//! ([`omixa_emulator::EmulatorConfig::check`]); what is shared here is the handle's life.

use omixa_emulator::Emulator;
use std::fmt;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// A started emulator, with its address and key kept for after it stops (a test may still print them).
#[derive(Debug)]
pub struct RunningEmulator {
    /// `None` once stopped.
    emulator: Mutex<Option<Emulator>>,
    base_url: String,
    api_key: String,
}

/// Asked about an emulator that was stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

impl fmt::Display for Stopped {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("the emulator was stopped")
    }
}

impl std::error::Error for Stopped {}

impl RunningEmulator {
    pub fn new(emulator: Emulator) -> Self {
        RunningEmulator {
            base_url: emulator.base_url().to_owned(),
            api_key: emulator.api_key().to_owned(),
            emulator: Mutex::new(Some(emulator)),
        }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The key clients must send.
    pub fn api_key(&self) -> &str {
        &self.api_key
    }

    /// `ask` of the emulator, or [`Stopped`] once it was stopped.
    pub fn with_running<T>(&self, ask: impl FnOnce(&Emulator) -> T) -> Result<T, Stopped> {
        self.slot().as_ref().map(ask).ok_or(Stopped)
    }

    /// The emulator to shut down, the first time only: stopping twice does nothing.
    pub fn take(&self) -> Option<Emulator> {
        self.slot().take()
    }

    /// A panic while the lock was held cannot leave the slot half-written, so a poisoned lock is still used.
    fn slot(&self) -> MutexGuard<'_, Option<Emulator>> {
        self.emulator.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use omixa_emulator::EmulatorConfig;

    #[tokio::test]
    async fn a_stopped_emulator_answers_stopped_and_is_taken_once() {
        let emulator = Emulator::start(EmulatorConfig::default()).await.unwrap();
        let running = RunningEmulator::new(emulator);
        assert!(running.base_url().starts_with("http://127.0.0.1:"));
        assert_eq!(
            running.with_running(|emulator| emulator.job_requests()),
            Ok(0)
        );
        running.take().unwrap().shutdown().await;
        assert!(running.take().is_none());
        assert_eq!(
            running.with_running(|emulator| emulator.job_requests()),
            Err(Stopped)
        );
        assert_eq!(Stopped.to_string(), "the emulator was stopped");
    }
}
