//! When to try a request again, and how long to wait first: the rules documented under
//! "Retries" in the [`client`](crate::client) module, as code. Crate-private: users set
//! `max_retries` and read [`Error::is_retryable`](crate::Error::is_retryable), nothing more.
//!
//! The waiting goes through a [`Sleeper`], which tests replace to record the waits instead of
//! sleeping through them.

use std::future::Future;
use std::hash::{BuildHasher, Hasher};
use std::pin::Pin;
use std::time::Duration;

/// The default number of retries after the first attempt.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// The first retry's base wait.
const INITIAL_DELAY: Duration = Duration::from_millis(500);
/// The longest base wait.
const MAX_DELAY: Duration = Duration::from_secs(5);

/// Waits between attempts. The default uses `tokio::time::sleep`; tests record the delays
/// instead of sleeping through them.
///
/// Hidden from the docs, not private: the crate's integration tests (`tests/faults.rs`) are
/// outside the crate and assert the backoff through it. It is not part of the supported API.
///
/// ```
/// use std::{future::Future, pin::Pin, sync::{Arc, Mutex}, time::Duration};
/// use stripe_billing_portal::client::Sleeper;
///
/// #[derive(Default)]
/// struct Recorder(Mutex<Vec<Duration>>);
///
/// impl Sleeper for Recorder {
///     fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
///         self.0.lock().unwrap().push(delay);
///         Box::pin(async {})
///     }
/// }
///
/// let recorder = Arc::new(Recorder::default());
/// let client = stripe_billing_portal::Client::builder("sk_test_123")
///     .sleeper(recorder.clone())
///     .build()?;
/// # Ok::<(), stripe_billing_portal::Error>(())
/// ```
pub trait Sleeper: Send + Sync + 'static {
    /// Returns a future that completes after `delay`.
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>>;
}

/// Sleeps on the tokio timer.
#[derive(Debug, Default)]
pub(crate) struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(tokio::time::sleep(delay))
    }
}

/// The retry rule lives with the errors, which answer `is_retryable` by it.
pub(crate) use crate::error::should_retry;

/// The `Stripe-Should-Retry` header's value, if it is `true` or `false`.
pub(crate) fn stripe_should_retry(headers: &reqwest::header::HeaderMap) -> Option<bool> {
    match headers.get(&super::headers::STRIPE_SHOULD_RETRY)?.to_str().ok()?.trim() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// The wait before retry number `retry` (1 for the first retry), for a jitter factor in [0, 1).
pub(crate) fn backoff(retry: u32, jitter: f64) -> Duration {
    let exponent = retry.saturating_sub(1).min(16);
    let base = INITIAL_DELAY.saturating_mul(1 << exponent).min(MAX_DELAY);
    let factor = 0.5 + jitter.clamp(0.0, 1.0) / 2.0;
    base.mul_f64(factor).max(INITIAL_DELAY)
}

/// A uniformly distributed number in [0, 1), from the standard library's randomly keyed hasher.
/// Jitter only spreads retries out; it needs no cryptographic quality.
pub(crate) fn jitter() -> f64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(std::time::SystemTime::UNIX_EPOCH.elapsed().map(|d| d.as_nanos()).unwrap_or_default());
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_half_a_second_up_to_five() {
        let ms = |retry, jitter| backoff(retry, jitter).as_millis();
        // Bases 0.5, 1, 2, 4, 5, 5 s times a factor just under 1; the first is floored at 0.5 s.
        assert_eq!([1, 2, 3, 4, 5, 6].map(|n| ms(n, 0.999_999)), [500, 999, 1999, 3999, 4999, 4999]);
        // Halved by the smallest jitter factor, but never under 0.5 s.
        assert_eq!([1, 2, 3, 4, 5, 40].map(|n| ms(n, 0.0)), [500, 500, 1000, 2000, 2500, 2500]);
    }

    #[test]
    fn retry_rules() {
        assert!(should_retry(None, None), "no response");
        assert!(should_retry(Some(409), None));
        assert!(should_retry(Some(503), None));
        assert!(!should_retry(Some(429), None));
        assert!(should_retry(Some(429), Some(true)));
        assert!(should_retry(Some(400), Some(true)));
        assert!(!should_retry(Some(500), Some(false)));
        assert!(!should_retry(Some(404), None));
    }

    #[test]
    fn jitter_is_in_range() {
        for _ in 0..1000 {
            let j = jitter();
            assert!((0.0..1.0).contains(&j), "{j}");
        }
    }
}
