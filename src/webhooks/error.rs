//! [`WebhookError`]: why a webhook request was refused.

/// Why a webhook request was refused, or its event could not be decoded.
///
/// | variant | meaning | signature checked |
/// |---|---|---|
/// | [`MissingHeader`](WebhookError::MissingHeader) | no `Stripe-Signature` header (or an empty one) | no |
/// | [`MalformedHeader`](WebhookError::MalformedHeader) | no usable `t=` timestamp, or not ASCII | no |
/// | [`NoV1Signature`](WebhookError::NoV1Signature) | the header carries no `v1=` signature | no |
/// | [`InvalidSecret`](WebhookError::InvalidSecret) | the endpoint secret is not a `whsec_…` signing secret: a configuration error, from [`Verifier::new`](super::Verifier::new) | no |
/// | [`NoMatchingSignature`](WebhookError::NoMatchingSignature) | no `v1` matches the body and the secret | failed |
/// | [`TimestampOutsideTolerance`](WebhookError::TimestampOutsideTolerance) | signed too long ago, or too far in the future | passed |
/// | [`NotAnEvent`](WebhookError::NotAnEvent) | the body is not a Stripe event | passed |
/// | [`ObjectNotDecoded`](WebhookError::ObjectNotDecoded) | a known event type whose `data.object` has an unexpected shape | passed |
///
/// Answer all of them but `InvalidSecret` with a 4xx status; `InvalidSecret` is your
/// configuration, found when the verifier is built (fail at start-up). None of them contains the endpoint secret, nor any
/// signature from the header.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// The request has no `Stripe-Signature` header, or it is empty.
    #[error("the request has no Stripe-Signature header")]
    MissingHeader,

    /// The `Stripe-Signature` header has no usable timestamp, or is not ASCII text.
    #[error("malformed Stripe-Signature header: {reason}")]
    MalformedHeader {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// The `Stripe-Signature` header has no `v1` signature (only other schemes, or none).
    #[error("the Stripe-Signature header has no v1 signature")]
    NoV1Signature,

    /// The endpoint secret given to [`Verifier::new`](super::Verifier::new) is not a webhook
    /// signing secret: empty, not starting with `whsec_`, or with whitespace in it. The message
    /// never repeats the value (it might be an API key pasted by mistake).
    #[error("invalid webhook signing secret: {reason}; use the endpoint's signing secret (`whsec_…`), from the Dashboard or `stripe listen`")]
    InvalidSecret {
        /// What is wrong with it.
        reason: &'static str,
    },

    /// No `v1` signature matches the body and the endpoint secret: the body was altered, the
    /// secret is not this endpoint's, or the request does not come from Stripe.
    #[error("no v1 signature in the Stripe-Signature header matches the body and the endpoint secret")]
    NoMatchingSignature,

    /// The signature is valid but its timestamp is further from now than the tolerance allows,
    /// in the past (a replay, or a delivery held too long) or in the future (a skewed clock).
    #[error(
        "the signature's timestamp {timestamp} is {} s {} now ({now}), beyond the tolerance of {tolerance_secs} s",
        timestamp.abs_diff(*now),
        if timestamp < now { "before" } else { "after" }
    )]
    TimestampOutsideTolerance {
        /// The header's `t`, Unix seconds.
        timestamp: i64,
        /// The time it was checked against, Unix seconds.
        now: i64,
        /// The tolerance, in seconds.
        tolerance_secs: u64,
    },

    /// The signature is valid but the body is not a Stripe event (not JSON, or no `id`, `type`,
    /// `created`, `livemode` or `data.object`).
    #[error("the webhook body is not a Stripe event: {0}")]
    NotAnEvent(#[source] serde_json::Error),

    /// The event has a type this crate decodes, but its `data.object` does not have the shape of
    /// that type's object. This is an error rather than a fall back to
    /// [`EventData::Other`](super::EventData::Other), so that a handler never silently skips an
    /// event it is written to act on (Stripe retries a refused event, and reports failing
    /// endpoints).
    #[error("could not decode the object of {event_type} event {event_id}: {source}")]
    ObjectNotDecoded {
        /// The event's `id`.
        event_id: String,
        /// The event's `type`.
        event_type: String,
        /// What the JSON decoder said.
        #[source]
        source: serde_json::Error,
    },
}

impl WebhookError {
    /// Whether the request was refused by the signature check (header, signature or timestamp),
    /// before its body was read. `false` for errors decoding a verified body, and for
    /// [`InvalidSecret`](WebhookError::InvalidSecret).
    pub fn is_signature_error(&self) -> bool {
        matches!(
            self,
            WebhookError::MissingHeader
                | WebhookError::MalformedHeader { .. }
                | WebhookError::NoV1Signature
                | WebhookError::NoMatchingSignature
                | WebhookError::TimestampOutsideTolerance { .. }
        )
    }

    /// Whether this is a configuration error of yours ([`InvalidSecret`](WebhookError::InvalidSecret))
    /// rather than a refused request.
    pub fn is_configuration_error(&self) -> bool {
        matches!(self, WebhookError::InvalidSecret { .. })
    }
}
