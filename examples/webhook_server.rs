//! A Stripe webhook endpoint for the customer portal, with axum and the crate's `StripeEvent`
//! extractor (feature `axum`).
//!
//! The extractor verifies the `Stripe-Signature` header on the raw body and decodes the event; a
//! missing, bad or stale signature is answered 400 before the handler runs. The handler reads what
//! happened to the subscription with `Event::subscription_changes` (grants a new plan, notes a
//! scheduled cancellation and its feedback, revokes access when a subscription ends) and answers
//! 200, also for events it does not handle, so Stripe stops retrying them.
//!
//! ```sh
//! STRIPE_WEBHOOK_SECRET=whsec_... PORT=4242 cargo run --example webhook_server --features axum
//! stripe listen --forward-to localhost:4242/webhooks/stripe   # prints the whsec_ to use
//! ```
//!
//! Without `STRIPE_WEBHOOK_SECRET` it uses [`TEST_SECRET`], which only suits local tests. `PORT`
//! defaults to 4242. It listens on 127.0.0.1 only.

use axum::routing::post;
use axum::Router;
use stripe_billing_portal::webhooks::axum::StripeEvent;
use stripe_billing_portal::webhooks::{CancellationMode, Event, SubscriptionChange, Verifier, WebhookError};

/// The secret used when `STRIPE_WEBHOOK_SECRET` is not set: for local tests only.
pub const TEST_SECRET: &str = "whsec_local_test_secret_do_not_use_in_production";

/// The path Stripe posts to.
pub const PATH: &str = "/webhooks/stripe";

/// The endpoint's router, checking signatures with `secret` (refused unless it is a `whsec_…`).
pub fn app(secret: &str) -> Result<Router, WebhookError> {
    Ok(Router::new().route(PATH, post(receive)).with_state(Verifier::new(secret)?))
}

/// Runs only for verified events.
async fn receive(StripeEvent(event): StripeEvent) -> String {
    handle(&event)
}

/// What the endpoint did with an event, one line per change (sent back as the response body).
///
/// A real handler would first skip event ids it has already handled: Stripe may deliver an event
/// twice, and in any order.
pub fn handle(event: &Event) -> String {
    let Some(changes) = event.subscription_changes() else {
        return format!("acknowledged {} {}", event.event_type, event.id);
    };
    let id = changes.subscription_id();
    let lines: Vec<String> = changes
        .iter()
        .map(|change| match change {
            SubscriptionChange::PriceChanged => {
                let prices: Vec<&str> = changes
                    .subscription()
                    .map(|subscription| subscription.items.data.iter().map(|item| item.price.id.as_str()).collect())
                    .unwrap_or_default();
                format!("granted {} on {id}", prices.join("+"))
            }
            SubscriptionChange::QuantityChanged => format!("updated seats of {id}"),
            // Keep access until the end date: a `customer.subscription.deleted` follows then.
            SubscriptionChange::CancellationScheduled { mode, cancel_at, details } => {
                let when = match mode {
                    CancellationMode::AtPeriodEnd => "at period end".to_owned(),
                    CancellationMode::At(at) => format!("at {at}"),
                };
                let feedback = details.feedback.as_ref().map_or("none yet".to_owned(), ToString::to_string);
                format!("noted cancellation of {id} {when} ({cancel_at:?}), feedback: {feedback}")
            }
            SubscriptionChange::CancellationWithdrawn => format!("kept {id}: cancellation withdrawn"),
            SubscriptionChange::Canceled { .. } => format!("revoked access to {id}"),
            SubscriptionChange::PaymentFailed { .. } => format!("asked the customer of {id} to update their card"),
            other => format!("acknowledged {other:?} on {id}"),
        })
        .collect();
    lines.join("\n")
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("STRIPE_WEBHOOK_SECRET").unwrap_or_else(|_| {
        eprintln!("STRIPE_WEBHOOK_SECRET is not set: using the local test secret");
        TEST_SECRET.to_owned()
    });
    let port: u16 = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| format!("PORT is not a port number: {port:?}"))?,
        Err(_) => 4242,
    };
    let app = app(&secret)?;
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    eprintln!("listening on http://{}{PATH}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
