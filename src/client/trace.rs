//! The optional `tracing` feature: one span per HTTP attempt.
//!
//! Each attempt [`Client::execute`](super::Client::execute) makes runs inside a span named
//! `stripe_billing_portal.request` at `INFO` level, with the fields
//!
//! | field | value |
//! |---|---|
//! | `method` | `POST`, `GET`, … |
//! | `path` | the API path, `/v1/billing_portal/sessions` (no query string) |
//! | `attempt` | 1 for the first try, 2 for the first retry, … |
//! | `status` | the HTTP status, when a response arrived |
//! | `request_id` | Stripe's `Request-Id` header, when present |
//! | `error` | `connect`, `timeout` or `connection`, when no response arrived |
//! | `duration_ms` | from sending to the last byte of the response |
//!
//! The secret key, the headers and the body (form params or response) are never recorded.
//! Without the feature, [`attempt`] hands the future back untouched: no code, no cost.

use super::Exchange;
use reqwest::Method;
use std::future::Future;

/// Runs one attempt's `exchange` inside its span and records its outcome.
#[cfg(feature = "tracing")]
pub(super) async fn attempt(
    method: &Method,
    path: &str,
    attempt: u32,
    exchange: impl Future<Output = Result<Exchange, reqwest::Error>>,
) -> Result<Exchange, reqwest::Error> {
    use tracing::field::Empty;
    use tracing::Instrument;

    let span = tracing::info_span!(
        "stripe_billing_portal.request",
        method = %method,
        path,
        attempt,
        status = Empty,
        request_id = Empty,
        error = Empty,
        duration_ms = Empty,
    );
    let started = std::time::Instant::now();
    let outcome = exchange.instrument(span.clone()).await;
    span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    match &outcome {
        Ok(exchange) => {
            span.record("status", exchange.status);
            if let Some(id) = exchange.request_id() {
                span.record("request_id", id);
            }
        }
        Err(err) => {
            span.record("error", tracing::field::display(crate::TransportErrorKind::of(err)));
        }
    }
    outcome
}

/// Without the `tracing` feature: the attempt itself, unchanged.
#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(super) fn attempt<F>(_method: &Method, _path: &str, _attempt: u32, exchange: F) -> F
where
    F: Future<Output = Result<Exchange, reqwest::Error>>,
{
    exchange
}
