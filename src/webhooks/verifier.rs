//! [`Verifier`]: an endpoint secret and a tolerance, checking requests against them.

use super::{Event, SignatureHeader, WebhookError};
use crate::client::secret::masked;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// How far a signature's timestamp may be from now, either way, unless set otherwise: 300 s, as
/// Stripe's own libraries use.
pub const DEFAULT_TOLERANCE: Duration = Duration::from_secs(300);

/// What every webhook signing secret starts with.
const SECRET_PREFIX: &str = "whsec_";

/// Checks webhook requests against one endpoint's secret.
///
/// Build it once (it is cheap to clone and `Send + Sync`) and share it between requests. Its
/// `Debug` output masks the secret.
///
/// ```
/// use std::time::Duration;
/// use stripe_billing_portal::webhooks::{signature_header, Verifier, WebhookError};
///
/// let verifier = Verifier::new("whsec_test")?.tolerance(Duration::from_secs(60));
/// let body = br#"{"id":"evt_1","object":"event","type":"plan.created","created":1700000000,
///     "livemode":false,"data":{"object":{}}}"#;
/// let header = signature_header(body, "whsec_test", 1_700_000_000);
///
/// assert!(verifier.verify_at(body, &header, 1_700_000_059).is_ok());
/// assert!(matches!(
///     verifier.verify_at(body, &header, 1_700_000_061),
///     Err(WebhookError::TimestampOutsideTolerance { .. })
/// ));
/// assert_eq!(format!("{verifier:?}"), "Verifier { secret: \"whsec_********\", tolerance: 60s }");
///
/// // Anything but a signing secret is refused up front, without repeating it.
/// let error = Verifier::new("sk_test_123").unwrap_err();
/// assert!(error.is_configuration_error());
/// assert!(!error.to_string().contains("sk_test_123"));
/// # Ok::<(), WebhookError>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    secret: Arc<str>,
    tolerance: Duration,
}

impl Verifier {
    /// A verifier for the endpoint whose signing secret is `secret`, with the
    /// [default tolerance](DEFAULT_TOLERANCE).
    ///
    /// Fails with [`WebhookError::InvalidSecret`] unless `secret` looks like a signing secret:
    /// `whsec_` followed by at least one character, and no whitespace (a trailing newline read
    /// from a file is a common slip). An API key (`sk_…`, `rk_…`) or an empty value is refused
    /// here, at start-up, instead of failing every request later.
    pub fn new(secret: impl Into<String>) -> Result<Self, WebhookError> {
        let secret = secret.into();
        let reason = if secret.is_empty() {
            Some("it is empty")
        } else if secret.chars().any(char::is_whitespace) {
            Some("it contains whitespace")
        } else if !secret.starts_with(SECRET_PREFIX) {
            Some("it does not start with `whsec_`")
        } else if secret.len() == SECRET_PREFIX.len() {
            Some("nothing follows `whsec_`")
        } else {
            None
        };
        match reason {
            Some(reason) => Err(WebhookError::InvalidSecret { reason }),
            None => Ok(Verifier { secret: secret.into(), tolerance: DEFAULT_TOLERANCE }),
        }
    }

    /// How far the signature's timestamp may be from now, in the past or in the future.
    /// Whole seconds count; fractions are dropped.
    pub fn tolerance(mut self, tolerance: Duration) -> Self {
        self.tolerance = tolerance;
        self
    }

    /// Checks the `Stripe-Signature` header against the raw body, at the system clock's time.
    ///
    /// `payload` must be the body's bytes exactly as received: parsing and re-serialising the JSON
    /// changes them and breaks the signature. An empty `header` counts as a missing one.
    pub fn verify(&self, payload: &[u8], header: &str) -> Result<(), WebhookError> {
        self.verify_at(payload, header, unix_now())
    }

    /// [`verify`](Self::verify) at the time `now` (Unix seconds) instead of the system clock's.
    ///
    /// The checks run in this order: header well formed, some `v1` matching, timestamp within
    /// the tolerance. So a timestamp error is only ever reported for a signature that is genuine.
    pub fn verify_at(&self, payload: &[u8], header: &str, now: i64) -> Result<(), WebhookError> {
        let header = SignatureHeader::parse(header)?;
        if !header.matches(payload, &self.secret) {
            return Err(WebhookError::NoMatchingSignature);
        }
        let tolerance_secs = self.tolerance.as_secs();
        if header.timestamp.abs_diff(now) > tolerance_secs {
            return Err(WebhookError::TimestampOutsideTolerance { timestamp: header.timestamp, now, tolerance_secs });
        }
        Ok(())
    }

    /// Verifies the request, then decodes its body into an [`Event`].
    pub fn construct_event(&self, payload: &[u8], header: &str) -> Result<Event, WebhookError> {
        self.construct_event_at(payload, header, unix_now())
    }

    /// [`construct_event`](Self::construct_event) at the time `now` (Unix seconds).
    pub fn construct_event_at(&self, payload: &[u8], header: &str, now: i64) -> Result<Event, WebhookError> {
        self.verify_at(payload, header, now)?;
        Event::from_slice(payload)
    }
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier").field("secret", &masked(SECRET_PREFIX)).field("tolerance", &self.tolerance).finish()
    }
}

/// Verifies a webhook request with the [default tolerance](DEFAULT_TOLERANCE) and decodes its
/// event: the one call most endpoints need.
///
/// `payload` is the raw body, `header` the `Stripe-Signature` header's value (empty when the
/// request has none), `secret` the endpoint's signing secret (`whsec_…`; anything else is
/// [`WebhookError::InvalidSecret`], see [`Verifier::new`]).
pub fn construct_event(payload: &[u8], header: &str, secret: &str) -> Result<Event, WebhookError> {
    Verifier::new(secret)?.construct_event(payload, header)
}

/// The system clock's time, Unix seconds (negative before 1970).
pub fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(since) => i64::try_from(since.as_secs()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_secs()).map_or(i64::MIN, |secs| -secs),
    }
}
