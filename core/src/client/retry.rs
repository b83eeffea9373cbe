//! When and how long to wait before sending a call again: the retry budget, capped exponential backoff with
//! jitter, and the server's `Retry-After` (delta seconds or an HTTP date).
//!
//! The rule itself (which errors are transient) lives on [`Error::is_retryable`]; this module adds the
//! budget, the delays, and the one extra condition of a call that must not be repeated once it may have been
//! processed (a create on an endpoint without idempotency keys).
//!
//! A 429 with `Retry-After` pauses the whole client, not only the call that got it ([`Pause`]): every call
//! of the client (and its clones) waits until that instant before its next attempt, so many concurrent
//! callers slow down together instead of each spending its budget on more 429s.

use super::clock::Clock;
use super::error::Error;
use std::future::Future;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime};

/// First backoff delay; doubled per retry.
const BACKOFF_BASE: Duration = Duration::from_millis(500);
/// The backoff never grows past this.
const BACKOFF_CAP: Duration = Duration::from_secs(8);
/// The longest `Retry-After` the client sleeps through; a longer one is returned to the caller at once.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// Retries per call unless configured otherwise.
pub const DEFAULT_MAX_RETRIES: u32 = 2;

/// The longest one attempt of an API call may take unless configured otherwise.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The retry budget of one call, and the loop that spends it.
///
/// An API call ([`run_call`](RetryPolicy::run_call)) also has a time budget: its attempts together get
/// twice the request timeout (real time, like the timeout itself), the last one cut short to fit. So a call
/// against a gateway that never answers ends after two attempts, within 2 × `request_timeout` plus the
/// backoff slept between them, whatever `max_retries` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RetryPolicy {
    pub max_retries: u32,
    /// The longest one attempt of an API call may take (the transport sets it on each request).
    pub request_timeout: Duration,
}

/// Whether a call may be sent again after the server may have acted on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resend {
    /// Reads, and creates on endpoints that honour `Idempotency-Key`.
    Safe,
    /// Only when the earlier attempt never reached the server.
    OnlyIfUnprocessed,
}

/// The instant before which no call of a client starts its next attempt: set by a 429's `Retry-After`,
/// shared by every call of the client.
#[derive(Debug, Default)]
pub(crate) struct Pause {
    not_before: Mutex<Option<Instant>>,
}

impl Pause {
    /// Sleeps on `clock` until the pause is over (again, if another 429 extended it meanwhile).
    pub async fn wait(&self, clock: &dyn Clock) {
        loop {
            let now = clock.now();
            match self.until() {
                Some(until) if until > now => clock.sleep(until - now).await,
                _ => return,
            }
        }
    }

    /// Pauses the client for the delay a 429 asked for, from `now`; an earlier end is never brought
    /// forward. A delay longer than the client would sleep itself ([`MAX_RETRY_AFTER`]) pauses that long.
    pub fn after_rate_limit(&self, error: &Error, now: Instant) {
        let Error::RateLimit {
            retry_after: Some(delay),
            ..
        } = error.root()
        else {
            return;
        };
        let until = now + (*delay).min(MAX_RETRY_AFTER);
        let mut not_before = self
            .not_before
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if not_before.is_none_or(|current| current < until) {
            *not_before = Some(until);
        }
    }

    fn until(&self) -> Option<Instant> {
        // A single `Option<Instant>` assignment cannot be left half-done by a panicking holder.
        *self
            .not_before
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl RetryPolicy {
    /// Runs `attempt` until it succeeds, fails for good, or the retry budget is spent; sleeps on `clock`
    /// between. Each attempt first waits out the client's `pause`, and a 429 with `Retry-After` extends it.
    /// No time budget: for transfers with limits of their own (downloads).
    pub async fn run<T, F, Fut>(
        &self,
        clock: &dyn Clock,
        pause: &Pause,
        resend: Resend,
        attempt: F,
    ) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        self.run_within(clock, pause, resend, None, attempt).await
    }

    /// [`run`](RetryPolicy::run) for an API call: its attempts together take at most twice the request
    /// timeout. Time spent waiting out the client's pause, like the backoff, is not an attempt's.
    pub async fn run_call<T, F, Fut>(
        &self,
        clock: &dyn Clock,
        pause: &Pause,
        resend: Resend,
        attempt: F,
    ) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let budget = self.request_timeout.saturating_mul(2);
        self.run_within(clock, pause, resend, Some(budget), attempt)
            .await
    }

    async fn run_within<T, F, Fut>(
        &self,
        clock: &dyn Clock,
        pause: &Pause,
        resend: Resend,
        budget: Option<Duration>,
        mut attempt: F,
    ) -> Result<T, Error>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<T, Error>>,
    {
        let mut retries = 0;
        let mut time_in_attempts = Duration::ZERO;
        loop {
            pause.wait(clock).await;
            let started = Instant::now();
            let outcome = match budget {
                None => attempt().await,
                // The transport bounds every attempt by the request timeout; a second timer is needed only
                // when less than that is left of the budget.
                Some(budget) if budget.saturating_sub(time_in_attempts) >= self.request_timeout => {
                    attempt().await
                }
                Some(budget) => {
                    let left = budget.saturating_sub(time_in_attempts);
                    tokio::time::timeout(left, attempt())
                        .await
                        .unwrap_or_else(|_| Err(out_of_time(budget)))
                }
            };
            time_in_attempts += started.elapsed();
            let error = match outcome {
                Ok(value) => return Ok(value),
                Err(error) => error,
            };
            pause.after_rate_limit(&error, clock.now());
            let Some(delay) = self.delay_before_retry(&error, retries, resend) else {
                return Err(error);
            };
            if budget.is_some_and(|budget| time_in_attempts >= budget) {
                return Err(error);
            }
            retries += 1;
            tracing::debug!(
                kind = error.kind(),
                retry = retries,
                delay_ms = delay.as_millis() as u64,
                "retrying"
            );
            clock.sleep(delay).await;
        }
    }

    /// The delay before retry number `retries_done + 1`, or `None` when the error is returned as it is.
    fn delay_before_retry(
        &self,
        error: &Error,
        retries_done: u32,
        resend: Resend,
    ) -> Option<Duration> {
        if retries_done >= self.max_retries || !error.is_retryable() {
            return None;
        }
        if resend == Resend::OnlyIfUnprocessed && error.may_have_been_processed() {
            return None;
        }
        match error.retry_after() {
            Some(delay) if delay > MAX_RETRY_AFTER => None,
            Some(delay) => Some(delay),
            None => Some(backoff(retries_done, rand::random::<f64>())),
        }
    }
}

/// The error of an attempt cut short by the call's time budget: like a request timeout, a connection error
/// after the request may have been sent.
fn out_of_time(budget: Duration) -> Error {
    Error::Connection {
        message: format!(
            "no answer within the call's time budget of {budget:?} (2 × the request timeout)"
        ),
        sent: true,
        source: None,
    }
}

/// The backoff before retry `retries_done + 1`: 0.5 s × 2ⁿ capped at 8 s, with "equal jitter": half of it
/// fixed, the other half scaled by `jitter` in `[0, 1)`, so concurrent clients spread out but never retry
/// at once.
pub(crate) fn backoff(retries_done: u32, jitter: f64) -> Duration {
    let ceiling = BACKOFF_BASE
        .saturating_mul(1u32.checked_shl(retries_done).unwrap_or(u32::MAX))
        .min(BACKOFF_CAP);
    ceiling / 2 + (ceiling / 2).mul_f64(jitter.clamp(0.0, 1.0))
}

/// Reads a `Retry-After` header: delta seconds (`120`) or an HTTP date, relative to `now`. A date in the past
/// means "now"; anything unreadable is ignored.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::clock::ManualClock;
    use std::sync::atomic::{AtomicU32, Ordering};

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_eight() {
        let ceilings: Vec<f64> = (0..7)
            .map(|retry| backoff(retry, 1.0).as_secs_f64())
            .collect();
        assert_eq!(ceilings, [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]);
        assert_eq!(backoff(2, 0.0), Duration::from_secs(1));
        assert_eq!(backoff(100, 0.5), Duration::from_secs(6));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = httpdate::parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:50:07 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-3", now), None);
    }

    fn server_error() -> Error {
        Error::Api {
            status: 503,
            message: String::new(),
            body: String::new(),
            request_id: None,
            retry_after: None,
        }
    }

    fn rate_limited(seconds: u64) -> Error {
        Error::RateLimit {
            retry_after: Some(Duration::from_secs(seconds)),
            message: String::new(),
            request_id: None,
        }
    }

    /// Runs a call whose attempts fail with `errors` in turn (then succeed); returns the result, the
    /// number of attempts, and the delays slept.
    async fn run_script(
        policy: RetryPolicy,
        resend: Resend,
        errors: Vec<Error>,
    ) -> (Result<(), Error>, u32, Vec<Duration>) {
        let clock = ManualClock::new();
        let attempts = AtomicU32::new(0);
        let errors = std::sync::Mutex::new(errors.into_iter());
        let result = policy
            .run(clock.as_ref(), &Pause::default(), resend, || {
                attempts.fetch_add(1, Ordering::SeqCst);
                let next = errors.lock().map(|mut errors| errors.next()).ok().flatten();
                async move { next.map_or(Ok(()), Err) }
            })
            .await;
        (result, attempts.load(Ordering::SeqCst), clock.sleeps())
    }

    #[tokio::test]
    async fn spends_the_budget_then_returns_the_last_error() {
        let policy = RetryPolicy {
            max_retries: 2,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        };
        let (result, attempts, sleeps) = run_script(
            policy,
            Resend::Safe,
            vec![server_error(), server_error(), server_error()],
        )
        .await;
        assert!(matches!(result, Err(Error::Api { status: 503, .. })));
        assert_eq!(attempts, 3);
        assert_eq!(sleeps.len(), 2);
        assert!(sleeps[0] >= Duration::from_millis(250) && sleeps[0] <= Duration::from_millis(500));
        assert!(sleeps[1] >= Duration::from_millis(500) && sleeps[1] <= Duration::from_secs(1));
    }

    #[tokio::test]
    async fn honours_retry_after_and_refuses_a_longer_one() {
        let policy = RetryPolicy {
            max_retries: 5,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        };
        let (result, _, sleeps) = run_script(policy, Resend::Safe, vec![rate_limited(3)]).await;
        assert!(result.is_ok());
        assert_eq!(sleeps, [Duration::from_secs(3)]);

        let (result, attempts, sleeps) =
            run_script(policy, Resend::Safe, vec![rate_limited(61)]).await;
        assert_eq!(
            result.err().and_then(|error| error.retry_after()),
            Some(Duration::from_secs(61))
        );
        assert_eq!((attempts, sleeps.len()), (1, 0));
    }

    #[tokio::test]
    async fn never_resends_a_processed_call_without_idempotency() {
        let policy = RetryPolicy {
            max_retries: 5,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        };
        let (result, attempts, _) =
            run_script(policy, Resend::OnlyIfUnprocessed, vec![server_error()]).await;
        assert!(result.is_err());
        assert_eq!(attempts, 1);

        let refused = Error::Connection {
            message: "refused".into(),
            sent: false,
            source: None,
        };
        let (result, attempts, _) = run_script(
            policy,
            Resend::OnlyIfUnprocessed,
            vec![refused, rate_limited(1)],
        )
        .await;
        assert!(result.is_ok());
        assert_eq!(attempts, 3);
    }

    #[tokio::test]
    async fn a_429_pauses_every_later_call_of_the_client() {
        let clock = ManualClock::new();
        let pause = Pause::default();
        let no_retries = RetryPolicy {
            max_retries: 0,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        };
        let first: Result<(), Error> = no_retries
            .run(clock.as_ref(), &pause, Resend::Safe, || async {
                Err(rate_limited(5))
            })
            .await;
        assert_eq!(first.err().map(|error| error.kind()), Some("rate_limit"));
        assert!(
            clock.sleeps().is_empty(),
            "the limited call itself returned at once"
        );

        // Another call of the same client (say, another worker) starts only once the pause is over.
        let started_at = std::sync::Mutex::new(None);
        let second = no_retries
            .run(clock.as_ref(), &pause, Resend::Safe, || {
                *started_at.lock().expect("not poisoned") = Some(clock.elapsed());
                async { Ok(()) }
            })
            .await;
        assert!(second.is_ok());
        assert_eq!(
            *started_at.lock().expect("not poisoned"),
            Some(Duration::from_secs(5))
        );

        // A shorter Retry-After never ends a longer pause early; a call with its own pause is unaffected.
        pause.after_rate_limit(&rate_limited(30), clock.now());
        pause.after_rate_limit(&rate_limited(1), clock.now());
        pause.wait(clock.as_ref()).await;
        assert_eq!(clock.elapsed(), Duration::from_secs(35));
        let (result, _, sleeps) = run_script(no_retries, Resend::Safe, vec![]).await;
        assert!(result.is_ok() && sleeps.is_empty());
    }

    #[tokio::test]
    async fn the_limited_call_and_the_others_resume_together_without_sleeping_twice() {
        let clock = ManualClock::new();
        let pause = Pause::default();
        let policy = RetryPolicy {
            max_retries: 1,
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
        };
        let attempts_at = std::sync::Mutex::new(Vec::new());
        // Worker 0's first attempt is limited for 3 s: it sleeps those 3 s once (its retry delay is the
        // pause), and worker 1, starting later, finds the pause over.
        let worker = |id: u32| {
            let (clock, pause, attempts_at) = (clock.as_ref(), &pause, &attempts_at);
            let tries = AtomicU32::new(0);
            async move {
                policy
                    .run_call(clock, pause, Resend::Safe, || {
                        let attempt = tries.fetch_add(1, Ordering::SeqCst);
                        attempts_at
                            .lock()
                            .expect("not poisoned")
                            .push((id, clock.elapsed()));
                        async move {
                            if id == 0 && attempt == 0 {
                                Err(rate_limited(3))
                            } else {
                                Ok(())
                            }
                        }
                    })
                    .await
            }
        };
        let first = worker(0).await;
        let second = worker(1).await;
        assert!(first.is_ok() && second.is_ok());
        let attempts_at = attempts_at.into_inner().expect("not poisoned");
        assert_eq!(
            attempts_at,
            [
                (0, Duration::ZERO),
                (0, Duration::from_secs(3)),
                (1, Duration::from_secs(3))
            ]
        );
        assert_eq!(
            clock.sleeps(),
            [Duration::from_secs(3)],
            "one sleep, not two"
        );
    }
}
