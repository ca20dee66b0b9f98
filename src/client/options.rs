//! [`RequestOptions`]: what one request sets on top of the client's settings.

use std::time::Duration;

/// The longest `Idempotency-Key` Stripe accepts, in characters (keys are visible ASCII, so
/// characters and bytes agree).
pub const MAX_IDEMPOTENCY_KEY_LEN: usize = 255;

/// Settings for one request, on top of the client's.
///
/// Usually set through [`Call`](crate::Call)'s methods of the same names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestOptions {
    /// `Stripe-Account`: act on this connected account (Connect).
    pub stripe_account: Option<String>,
    /// `Idempotency-Key` for a POST. Generated (a UUID v4) when `None`; kept for every retry.
    /// Not sent on a GET or DELETE, where Stripe ignores it.
    pub idempotency_key: Option<String>,
    /// `Stripe-Version` for this request only.
    pub api_version: Option<String>,
    /// Retries for this request only (0 disables).
    pub max_retries: Option<u32>,
    /// Per-attempt timeout for this request only.
    pub timeout: Option<Duration>,
}

impl RequestOptions {
    /// No overrides: the client's settings apply.
    pub fn new() -> Self {
        Self::default()
    }
}
