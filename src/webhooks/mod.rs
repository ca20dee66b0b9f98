//! Webhooks: verify Stripe's signature and decode the events the portal causes.
//!
//! After a customer uses the portal, your backend learns what changed only through webhooks. Each
//! request carries a `Stripe-Signature` header: an HMAC-SHA256 of the raw body, keyed with the
//! endpoint's signing secret (`whsec_…`). [`construct_event`] checks it, checks that it was made
//! within the last (or next) five minutes, and decodes the body into an [`Event`]:
//!
//! ```
//! use stripe_billing_portal::webhooks::{construct_event, signature_header, unix_now, EventData};
//!
//! # let body = br#"{"id":"evt_1","object":"event","type":"plan.created","created":1700000000,
//! #     "livemode":false,"data":{"object":{}}}"#;
//! # let header = signature_header(body, "whsec_test", unix_now());
//! // `body`: the raw request body; `header`: the `Stripe-Signature` header ("" if absent).
//! match construct_event(body, &header, "whsec_test") {
//!     Ok(event) => match &event.data {
//!         EventData::CustomerSubscriptionDeleted(subscription) => { /* revoke access */ }
//!         EventData::CustomerSubscriptionUpdated(subscription) => {
//!             let update = event.subscription_update().expect("an update");
//!             if update.price_changed() { /* grant the new plan */ }
//!             if update.cancellation_scheduled() { /* note the end date */ }
//!         }
//!         _ => { /* acknowledge what you do not handle */ }
//!     },
//!     Err(error) => { /* answer 400 */ }
//! }
//! ```
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
//! [`signature_header`]. `examples/webhook_server.rs` is a complete endpoint.

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
