//! [`StripeEvent`]: an [axum](https://docs.rs/axum) extractor that verifies a webhook and yields its typed
//! [`Event`] (feature `axum`).
//!
//! Put a [`Verifier`] in the router's state (the state itself, or a field of it reachable with
//! [`FromRef`]) and take `StripeEvent` as the handler's last argument. The extractor reads the raw
//! body, checks the `Stripe-Signature` header against it and decodes the event; a missing, bad or
//! stale signature (or an undecodable body) is answered `400 Bad Request` with a one-line reason,
//! before the handler runs.
//!
//! ```
//! use axum::routing::post;
//! use axum::Router;
//! use stripe_billing_portal::webhooks::axum::StripeEvent;
//! use stripe_billing_portal::webhooks::{SubscriptionChange, Verifier};
//!
//! async fn webhook(StripeEvent(event): StripeEvent) -> &'static str {
//!     if let Some(changes) = event.subscription_changes() {
//!         if changes.contains(&SubscriptionChange::CancellationWithdrawn) { /* keep the renewal */ }
//!     }
//!     "ok" // 200 for every verified event, handled or not, so Stripe stops retrying it
//! }
//!
//! # fn app() -> Result<Router, stripe_billing_portal::webhooks::WebhookError> {
//! let verifier = Verifier::new("whsec_...")?; // fails at start-up on a wrong secret
//! let app: Router = Router::new().route("/webhooks/stripe", post(webhook)).with_state(verifier);
//! # Ok(app) }
//! ```
//!
//! With a larger state, implement `FromRef<AppState> for Verifier` (or derive it with axum's
//! `macros` feature). To log refusals, take `Result<StripeEvent, StripeEventRejection>` instead and
//! answer the rejection yourself: it is an [`IntoResponse`].

use super::{Event, Verifier, WebhookError};
use ::axum::body::Bytes;
use ::axum::extract::rejection::BytesRejection;
use ::axum::extract::{FromRef, FromRequest, Request};
use ::axum::http::StatusCode;
use ::axum::response::{IntoResponse, Response};
use std::fmt;

/// The header Stripe signs webhooks with.
const SIGNATURE_HEADER: &str = "stripe-signature";

/// A verified, decoded Stripe webhook event: an axum extractor. See the [module docs](self).
#[derive(Clone, Debug, PartialEq)]
pub struct StripeEvent(pub Event);

/// Why [`StripeEvent`] refused a request.
#[derive(Debug)]
#[non_exhaustive]
pub enum StripeEventRejection {
    /// The signature or the event was refused: answered `400 Bad Request` with the reason.
    Refused(WebhookError),
    /// The body could not be read (too large, connection lost): answered as axum answers it.
    Body(BytesRejection),
}

impl<S> FromRequest<S> for StripeEvent
where
    S: Send + Sync,
    Verifier: FromRef<S>,
{
    type Rejection = StripeEventRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let verifier = Verifier::from_ref(state);
        let signature = request.headers().get(SIGNATURE_HEADER).cloned();
        let body = Bytes::from_request(request, state).await.map_err(StripeEventRejection::Body)?;
        // No header is "", which the verifier refuses as missing.
        let signature = match &signature {
            None => "",
            Some(value) => value.to_str().map_err(|_| {
                StripeEventRejection::Refused(WebhookError::MalformedHeader { reason: "it is not visible ASCII" })
            })?,
        };
        verifier.construct_event(&body, signature).map(StripeEvent).map_err(StripeEventRejection::Refused)
    }
}

impl IntoResponse for StripeEventRejection {
    fn into_response(self) -> Response {
        match self {
            StripeEventRejection::Refused(error) => {
                (StatusCode::BAD_REQUEST, format!("webhook refused: {error}")).into_response()
            }
            StripeEventRejection::Body(rejection) => rejection.into_response(),
        }
    }
}

impl fmt::Display for StripeEventRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StripeEventRejection::Refused(error) => write!(f, "webhook refused: {error}"),
            StripeEventRejection::Body(rejection) => write!(f, "webhook body not read: {rejection}"),
        }
    }
}

impl std::error::Error for StripeEventRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StripeEventRejection::Refused(error) => Some(error),
            StripeEventRejection::Body(rejection) => Some(rejection),
        }
    }
}
