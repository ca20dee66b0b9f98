//! Webhooks: verify Stripe's signature and decode the events the portal causes.
//!
//! After a customer uses the portal, your backend learns what changed only through webhooks. Each
//! request carries a `Stripe-Signature` header: an HMAC-SHA256 of the raw body, keyed with the
//! endpoint's signing secret (`whsec_…`). [`construct_event`] checks it, checks that it was made
//! within the last (or next) five minutes, and decodes the body into an [`Event`]:
//!
//! ```
//! use stripe_billing_portal::webhooks::{construct_event, signature_header, unix_now, EventData, SubscriptionChange};
//!
//! # let body = br#"{"id":"evt_1","object":"event","type":"plan.created","created":1700000000,
//! #     "livemode":false,"data":{"object":{}}}"#;
//! # let header = signature_header(body, "whsec_test", unix_now());
//! // `body`: the raw request body; `header`: the `Stripe-Signature` header ("" if absent).
//! match construct_event(body, &header, "whsec_test") {
//!     Ok(event) => {
//!         if let Some(changes) = event.subscription_changes() {
//!             for change in changes.iter() {
//!                 match change {
//!                     SubscriptionChange::PriceChanged => { /* grant the new plan */ }
//!                     SubscriptionChange::CancellationScheduled { cancel_at, details, .. } => { /* note the end date and feedback */ }
//!                     SubscriptionChange::Canceled { .. } => { /* revoke access */ }
//!                     _ => {}
//!                 }
//!             }
//!         } else if let EventData::CustomerUpdated(customer) = &event.data {
//!             /* sync the customer's details */
//!         }
//!     }
//!     Err(error) => { /* answer 400 */ }
//! }
//! ```
//!
//! [`Event::subscription_changes`] turns any subscription, subscription-discount or
//! subscription-invoice event into [`SubscriptionChange`]s, including the portal's two-event
//! cancellation (see [`SubscriptionChanges`] for it and for an idempotent handler). With the
//! `axum` feature, `webhooks::axum::StripeEvent` is an extractor doing all of the above.
//!
//! | step | rule |
//! |---|---|
//! | header | `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`, parts in any order, whitespace and other schemes (`v0`) ignored |
//! | signature | HMAC-SHA256 of `"<t>.<raw body>"`, compared in constant time; **any** `v1` matching is enough (Stripe sends two while a secret is rolled) |
//! | timestamp | at most [`DEFAULT_TOLERANCE`] (300 s) from now, in the past **or** the future; see [`Verifier::tolerance`] |
//! | body | an event envelope; a known type's object must decode as that type ([`WebhookError::ObjectNotDecoded`]), any other type is [`EventData::Other`] |
//!
//! Verify the body exactly as received (`axum::body::Bytes`, `&[u8]`): a JSON body parsed and
//! serialised again is no longer what Stripe signed. To test your own handler, sign a body with
//! [`signature_header`]. `examples/webhook_server.rs` is a complete endpoint (feature `axum`).

#[cfg(feature = "axum")]
pub mod axum;
mod error;
mod event;
mod signature;
mod subscription_changes;
mod verifier;

pub use error::WebhookError;
pub use event::{Event, EventData, EventRequest, EventType};
pub use signature::{compute_signature, signature_header, SignatureHeader};
pub use subscription_changes::{CancellationMode, PreviousItem, SubscriptionChange, SubscriptionChanges};
pub use verifier::{construct_event, unix_now, Verifier, DEFAULT_TOLERANCE};
