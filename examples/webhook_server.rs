//! A Stripe webhook endpoint for the customer portal, with axum.
//!
//! It verifies the `Stripe-Signature` header on the raw body, then reacts to the events the portal
//! causes: grants access on an upgrade, revokes it when a subscription ends, notes a scheduled
//! cancellation. It answers 400 when the signature (or the body) is refused, 200 otherwise (also
//! for events it does not handle, so Stripe stops retrying them).
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... PORT=4242 cargo run --example webhook_server
//! stripe listen --forward-to localhost:4242/webhooks/stripe   # prints the whsec_ to use
//! ```
//!
//! Without `STRIPE_WEBHOOK_SECRET` it uses [`TEST_SECRET`], which only suits local tests. `PORT`
//! defaults to 4242. It listens on 127.0.0.1 only.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use std::sync::Arc;
use stripe_billing_portal::webhooks::{Event, EventData, Verifier};

/// The secret used when `STRIPE_WEBHOOK_SECRET` is not set: for local tests only.
pub const TEST_SECRET: &str = "whsec_local_test_secret_do_not_use_in_production";

/// The path Stripe posts to.
pub const PATH: &str = "/webhooks/stripe";

/// The endpoint's router, checking signatures with `secret`.
pub fn app(secret: &str) -> Router {
    Router::new().route(PATH, post(receive)).with_state(Arc::new(Verifier::new(secret)))
}

/// Verifies the request on its raw bytes, then handles the event.
async fn receive(State(verifier): State<Arc<Verifier>>, headers: HeaderMap, body: Bytes) -> (StatusCode, String) {
    // A missing or non-text header is passed on as "", which the verifier refuses as missing.
    let signature = headers.get("stripe-signature").and_then(|value| value.to_str().ok()).unwrap_or_default();
    match verifier.construct_event(&body, signature) {
        Ok(event) => (StatusCode::OK, handle(&event)),
        Err(error) => {
            eprintln!("refused webhook: {error}");
            (StatusCode::BAD_REQUEST, format!("refused: {error}"))
        }
    }
}

/// What the endpoint did with an event, as a line of text (sent back as the response body).
pub fn handle(event: &Event) -> String {
    match &event.data {
        EventData::CustomerSubscriptionUpdated(subscription) => {
            let customer = subscription.customer.as_deref().unwrap_or("unknown customer");
            let Some(update) = event.subscription_update() else { return format!("ignored {}", event.id) };
            if update.cancellation_scheduled() {
                // Keep access until the end date: a `customer.subscription.deleted` event follows then.
                format!("noted cancellation of {} for {customer} at {:?}", subscription.id, subscription.cancel_at)
            } else if update.price_changed() {
                let prices: Vec<&str> = subscription.items.data.iter().map(|item| item.price.id.as_str()).collect();
                format!("granted {} to {customer}", prices.join("+"))
            } else if update.quantity_changed() {
                format!("updated seats of {} for {customer}", subscription.id)
            } else {
                format!("acknowledged update of {}", subscription.id)
            }
        }
        EventData::CustomerSubscriptionDeleted(subscription) => {
            format!(
                "revoked access of {} to {}",
                subscription.customer.as_deref().unwrap_or("unknown customer"),
                subscription.id
            )
        }
        EventData::CustomerUpdated(customer) => {
            format!("synced customer {} (default payment method {:?})", customer.id, customer.default_payment_method())
        }
        other => format!("acknowledged {} {}", other.event_type(), event.id),
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_else(|_| {
        eprintln!("STRIPE_WEBHOOK_SECRET is not set: using the local test secret");
        TEST_SECRET.to_owned()
    });
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| std::io::Error::other(format!("PORT is not a port number: {port:?}")))?,
        Err(_) => 4242,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("listening on http://{}{PATH}", listener.local_addr()?);
    axum::serve(listener, app(&secret)).await
}
