//! A typed, retry-safe Rust client for Stripe's customer (billing) portal.
//!
//! Create portal sessions (plain, or deep-linked into one action), decide where customers land
//! when they finish, manage portal configurations, and verify and decode the webhooks the portal
//! causes. Requests are Rust types that encode to exactly the form body Stripe's own SDKs send;
//! responses decode into types that survive the fields and enum values Stripe adds over time.
//!
//! # A guided tour
//!
//! ## The client
//!
//! One [`Client`] per process: it holds the secret key (never printed: `Debug` shows
//! `sk_test_********`), one connection pool, the pinned API version and the retry policy. It is
//! cheap to clone and `Send + Sync`.
//!
//! ```
//! use std::time::Duration;
//! use stripe_billing_portal::Client;
//!
//! let client = Client::new("sk_test_123")?; // every default
//! let tuned = Client::builder("sk_test_123")
//!     .timeout(Duration::from_secs(20)) // per attempt
//!     .max_retries(3)
//!     .build()?;
//! assert_eq!(client.api_version(), "2026-10-28.endive");
//! # let _ = tuned;
//! # Ok::<(), stripe_billing_portal::Error>(())
//! ```
//!
//! Each API area is a method returning a handler, and each handler method returns a [`Call`]:
//! set per-request options on it ([`Call::stripe_account`], [`Call::idempotency_key`],
//! [`Call::api_version`], [`Call::timeout`]), [`preview`](Call::preview) it, or
//! [`send`](Call::send) it.
//!
//! ## Sessions and deep links
//!
//! [`Client::sessions`] creates portal sessions from [`sessions::SessionCreateParams`]. A
//! [`sessions::FlowData`] opens the portal on one action; its [`sessions::Flow`] enum carries
//! exactly what each flow needs, and `flow_data[type]` is written from the variant.
//!
//! ```no_run
//! use stripe_billing_portal::sessions::{
//!     AfterCompletion, FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
//! };
//!
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! // Home page.
//! let home = SessionCreateParams::new("cus_123").return_url("https://example.com/account");
//!
//! // Straight to "update payment method", back to the app when done.
//! let card = SessionCreateParams::new("cus_123").flow_data(
//!     FlowData::payment_method_update().after_completion(AfterCompletion::redirect("https://example.com/account")),
//! );
//!
//! // Cancel, pause, pick a plan.
//! let cancel = SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_cancel("sub_123"));
//! let pause = SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_pause("sub_123"));
//! let update = SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_update("sub_123"));
//!
//! // Confirm a prepared change: item si_123 moves to a new price, with a coupon.
//! let confirm = SessionCreateParams::new("cus_123").flow_data(FlowData::new(
//!     SubscriptionUpdateConfirm::new("sub_123", SubscriptionUpdateConfirmItem::new_price("si_123", "price_gold"))
//!         .coupon("UPGRADE10"),
//! ));
//!
//! for params in [home, card, cancel, pause, update, confirm] {
//!     let session = client.sessions().create(params).send().await?;
//!     println!("{}", session.url);
//! }
//! # Ok(()) }
//! ```
//!
//! ## After completion
//!
//! [`sessions::AfterCompletion`] chooses what the customer sees once a flow is done: a redirect
//! to your site, Stripe's confirmation page (optionally with your message), or the portal's home.
//!
//! To confirm a price change you need the subscription item's id: [`Client::subscriptions`]
//! retrieves the subscription, and [`subscriptions::Subscription::update_confirm`] builds the flow
//! from its single item.
//!
//! ## Configurations
//!
//! [`Client::configurations`] creates, updates, retrieves and lists portal configurations: what
//! the portal lets customers do ([`configurations::Features`]), how it is branded, and where it
//! sends them back to. Fields Stripe lets you clear take an [`Emptyable`] (leave, clear, set);
//! metadata takes set, delete-one and clear-all. Lists page on their own:
//! [`Call::paginate`] is a `Stream` that follows `starting_after`, and
//! [`Call::collect_at_most`] gathers the first `n` items.
//!
//! ```no_run
//! use stripe_billing_portal::configurations::{
//!     ConfigurationCreateParams, ConfigurationListParams, Features, PaymentMethodUpdateFeature,
//! };
//!
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! let features = Features::new().invoice_history(true).payment_method_update(PaymentMethodUpdateFeature::new(true));
//! let created = client.configurations().create(ConfigurationCreateParams::new(features).name("Basic")).send().await?;
//! let all = client.configurations().list(ConfigurationListParams::new()).collect_at_most(100).await?;
//! # let _ = (created, all); Ok(()) }
//! ```
//!
//! ## Errors and retries
//!
//! Every call returns [`Error`]. Bad input is caught before sending and names the parameter by
//! its bracketed path ([`Error::InvalidParam`]); Stripe's answers become [`ApiError`] with the
//! status, [`ApiErrorKind`], `code`, `param`, `message` and `Request-Id`. Connection failures,
//! timeouts, 409 and 5xx are retried (twice by default, with exponential backoff and jitter)
//! carrying the same `Idempotency-Key`, so Stripe acts at most once; see [Retries](client#retries).
//! Every error raised after sending carries the same [`RequestFacts`] (attempts, idempotency
//! key, `Request-Id`, status, `Stripe-Should-Retry`).
//!
//! ```no_run
//! use stripe_billing_portal::{sessions::SessionCreateParams, ApiErrorKind, Error};
//!
//! # async fn run(client: stripe_billing_portal::Client) {
//! match client.sessions().create(SessionCreateParams::new("cus_123")).send().await {
//!     Ok(session) => println!("{}", session.url),
//!     Err(Error::InvalidParam { param, reason }) => eprintln!("fix `{param}`: {reason}"),
//!     Err(Error::Api(api)) if api.kind == ApiErrorKind::InvalidRequest => eprintln!("Stripe refused: {api}"),
//!     Err(err) if err.is_retryable() => eprintln!("try again later: {err}"),
//!     Err(err) => eprintln!("{err}"),
//! }
//! # }
//! ```
//!
//! ## Webhooks
//!
//! [`webhooks`] verifies the `Stripe-Signature` header on the raw body (HMAC-SHA256, constant-time
//! comparison, any of several `v1` signatures, a tolerance both ways) and decodes the events a
//! portal integration listens to into [`webhooks::EventData`]; any other event type decodes to
//! `Other`, never to an error. [`webhooks::Event::subscription_changes`] tells what an event means
//! for a subscription (including the portal's two-event cancellation); the `axum` feature adds an
//! extractor that verifies and decodes in one step.
//!
//! ```
//! use stripe_billing_portal::webhooks::{self, EventData};
//!
//! # fn handle(body: &[u8], signature: &str) -> Result<(), webhooks::WebhookError> {
//! let event = webhooks::construct_event(body, signature, "whsec_...")?;
//! match &event.data {
//!     EventData::CustomerSubscriptionDeleted(subscription) => println!("revoke access for {}", subscription.id),
//!     _ => {}
//! }
//! # Ok(()) }
//! ```
//!
//! ## Escape hatches
//!
//! For what Stripe adds before this crate types it: [`Call::extra_param`] sends one more
//! bracketed pair after the typed params (a collision with a typed field is an error, never a
//! double), and [`Client::request`] calls any endpoint with any `Serialize` params through the
//! same [`Call`]: retries, idempotency, headers, errors, preview and pagination.
//!
//! ```no_run
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::{sessions::SessionCreateParams, Method};
//!
//! let session = client.sessions().create(SessionCreateParams::new("cus_123")).extra_param("locale", "fr").send().await?;
//! let coupon: serde_json::Value = client.request(Method::GET, "/v1/coupons/SPRING", &()).send().await?;
//! # let _ = (session, coupon); Ok(()) }
//! ```
//!
//! ## Testing your own code
//!
//! Point the client at a mock server with [`ClientBuilder::base_url`] (plain `http` is accepted
//! for loopback hosts only), or inspect requests without sending them with [`Call::preview`],
//! which gives the exact body and a `curl` command with the key masked. [`webhooks::signature_header`]
//! signs test payloads for your webhook handler.
//!
//! With the `testing` feature, `testing::FakeStripe` is a stateful fake Stripe for your tests
//! (portal sessions, the customer's portal actions, the webhooks that follow, a test clock), and
//! `testing::fixtures` builds every response type; the `cli` feature serves the same fake as
//! `stripe-portal fake`. See the README's "Testing your integration".
//!
//! ## Module map
//!
//! | module | holds |
//! |---|---|
//! | [`client`] | the [`Client`], its builder, the retry rules and the raw [`Client::request`] |
//! | [`form`] | the bracketed form encoder |
//! | [`sessions`] | portal sessions, flows, after-completion |
//! | [`configurations`] | portal configurations |
//! | [`subscriptions`], [`customers`] (with [`customers::payment_methods`] and [`customers::tax_ids`]) | the objects the portal changes |
//! | [`feedback_options`] | billing feedback options for the cancellation survey |
//! | [`list`] (in [`client`]) | list pages and auto-pagination |
//! | [`leaf`] | validated ids, URLs, text, quantities and timestamps that params are built from |
//! | [`invoices`], [`discounts`] | objects events and subscriptions carry |
//! | [`webhooks`] | signature verification, typed events, what happened to a subscription |
//! | `config_as_code` (feature `config-as-code`) | portal configurations as code: load a file, plan, apply, export |
//! | `testing` (feature `testing`) | a stateful fake Stripe for your tests, response fixtures and signed webhook payloads |

#![warn(missing_docs)]
#![forbid(unsafe_code)]

// Machinery: the client and its request pipeline, the wire format, errors.
pub mod client;
mod error;
mod wire;

// Resources: one module per Stripe API resource.
mod resources;

pub mod webhooks;

// Test support and the command line.
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod cli;
#[cfg(feature = "testing")]
pub mod testing;
// Whole-or-nothing file writes, for the fake's state file and the CLI (which enables `testing`).
#[cfg(feature = "testing")]
mod atomic_file;

#[cfg(feature = "config-as-code")]
pub mod config_as_code;

pub use client::RawParams;
pub use client::{list, ApiResponse, Call, Client, ClientBuilder, Preview, RequestOptions, MAX_IDEMPOTENCY_KEY_LEN};
pub use error::RequestFacts;
pub use error::{ApiError, ApiErrorKind, Error, ErrorType, TransportErrorKind};
/// The HTTP method of a raw [`Client::request`] (re-exported from `reqwest`).
pub use reqwest::Method;
pub use resources::feedback_options;
pub use resources::retrieve::RetrieveParams;
pub use resources::{configurations, customers, sessions, subscriptions};
pub use resources::{discounts, invoices};
pub(crate) use wire::decode::object;
pub use wire::emptyable::{EmptyValue, Emptyable, MetadataUpdate};
pub use wire::expandable::{Expandable, Object};
pub use wire::form;
pub use wire::leaf;
pub(crate) use wire::open_enum::open_enum;
pub use wire::tagged::Unknown;

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
