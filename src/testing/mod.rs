//! A stateful fake of the part of Stripe a portal integration touches, for your tests
//! (feature `testing`).
//!
//! [`FakeStripe::start`] serves it over real HTTP on `127.0.0.1` (a free port), so the code you
//! test talks to it exactly as to Stripe: point your client's base URL at
//! [`FakeStripe::base_url`] (or take [`FakeStripe::client`]). It keeps customers, products,
//! prices, subscriptions, payment methods, portal configurations and sessions, feedback options,
//! webhook endpoints and events; it enforces Stripe's rules and answers with Stripe's errors;
//! it plays the customer in the portal ([`FakeStripe::act`]) with the events the real portal
//! causes, in its order; and it delivers them, signed, to your webhook endpoint. It stops when
//! dropped.
//!
//! ```
//! use stripe_billing_portal::sessions::SessionCreateParams;
//! use stripe_billing_portal::testing::{Action, FakeStripe};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let fake = FakeStripe::start().await?;
//! let seeded = fake.seed_subscription()?; // a customer with a card, a price, a subscription
//! let secret = fake.register_webhook("http://127.0.0.1:3000/webhooks", &["*"])?;
//! let seeding = fake.event_types().len();
//!
//! // Your code creates the session, as in production…
//! let session = fake.client().sessions().create(
//!     SessionCreateParams::new(&seeded.customer).return_url("https://example.com/account"),
//! ).send().await?;
//!
//! // …the customer cancels in the portal…
//! fake.act(&session.url, Action::cancel_subscription(&seeded.subscription).reason("too_expensive"))?;
//!
//! // …and your test checks what happened.
//! assert_eq!(
//!     fake.event_types()[seeding..],
//!     ["billing_portal.session.created", "customer.subscription.updated", "customer.subscription.updated"],
//! );
//! # let _ = secret; Ok(()) }
//! ```
//!
//! | what | how |
//! |---|---|
//! | seed | [`FakeStripe::post`] any create call, or [`seed_subscription`](FakeStripe::seed_subscription) and [`seed_plan_change`](FakeStripe::seed_plan_change) |
//! | run the same code on Stripe or the fake | [`Backend`]: Stripe when `STRIPE_SECRET_KEY` is set, the fake otherwise |
//! | play the customer | [`FakeStripe::act`] with an [`Action`], or the HTML page at the session's `url` |
//! | move time | [`FakeStripe::advance`]: period ends, scheduled cancellations, pauses, session expiry |
//! | assert | [`requests`](FakeStripe::requests), [`events`](FakeStripe::events), [`deliveries`](FakeStripe::deliveries) |
//! | unit-test without a server | [`fixtures`]: every response type as JSON or decoded, and signed webhook payloads |
//!
//! What it does not model: payments and their failures (every invoice is paid at once), invoices
//! beyond the events the portal causes, proration amounts, tax, Connect, live mode.

mod backend;
mod clock;
mod error;
mod events;
pub mod fixtures;
mod params;
mod portal;
mod resources;
mod server;
mod store;

pub use backend::{Backend, DeepLinkIds};
pub use error::StripeError;
pub use events::Delivery;
pub use portal::Action;
pub use store::RecordedRequest;

use serde_json::Value;
use server::Core;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use store::State;

/// The secret key the fake hands to [`FakeStripe::client`]. Any `sk_test_…` key is accepted.
pub const SECRET_KEY: &str = "sk_test_fake_stripe";

/// How the portal pauses a subscription (no source says which mechanism Stripe's portal uses).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum PauseMechanism {
    /// `status=paused` (the pause endpoint's mechanism, API 2026-09-30): events
    /// `customer.subscription.updated` then `customer.subscription.paused`; resuming sends
    /// `customer.subscription.updated` then `customer.subscription.resumed`.
    #[default]
    Status,
    /// `pause_collection={behavior: void, resumes_at}`, `status` stays `active`: one
    /// `customer.subscription.updated` each way.
    PauseCollection,
}

/// How a fake was started.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    default_configuration: bool,
    pause_mechanism: PauseMechanism,
    webhook_attempts: u32,
    webhook_backoff: Duration,
}

/// Starts a [`FakeStripe`] with options; [`FakeStripe::builder`] makes one.
#[derive(Clone, Debug)]
#[must_use]
pub struct FakeStripeBuilder {
    options: Options,
    addr: SocketAddr,
    state_file: Option<PathBuf>,
}

impl FakeStripeBuilder {
    /// Start without the default portal configuration: sessions that name no `configuration`
    /// then fail as Stripe's do for an account whose portal was never saved.
    pub fn without_default_configuration(mut self) -> Self {
        self.options.default_configuration = false;
        self
    }

    /// Which mechanism a portal pause uses (default [`PauseMechanism::Status`]).
    pub fn pause_mechanism(mut self, mechanism: PauseMechanism) -> Self {
        self.options.pause_mechanism = mechanism;
        self
    }

    /// Webhook delivery: `attempts` tries in all, the first retry after `backoff`, each later
    /// one after twice the previous wait. Default: 4 attempts, 1 s.
    pub fn webhook_retries(mut self, attempts: u32, backoff: Duration) -> Self {
        self.options.webhook_attempts = attempts.max(1);
        self.options.webhook_backoff = backoff;
        self
    }

    /// The address to listen on (default `127.0.0.1:0`: a free port).
    pub fn addr(mut self, addr: SocketAddr) -> Self {
        self.addr = addr;
        self
    }

    /// Load the state from `path` if it exists, and save it there after every change.
    pub fn state_file(mut self, path: impl Into<PathBuf>) -> Self {
        self.state_file = Some(path.into());
        self
    }

    /// Binds the address and starts serving in the current Tokio runtime.
    ///
    /// Fails when the address cannot be bound or the state file cannot be read or parsed.
    pub async fn start(self) -> std::io::Result<FakeStripe> {
        let mut state = match &self.state_file {
            Some(path) if path.exists() => {
                // The errors name the file.
                let named = |err: &dyn std::fmt::Display| format!("{}: {err}", path.display());
                let bytes = std::fs::read(path).map_err(|err| std::io::Error::new(err.kind(), named(&err)))?;
                serde_json::from_slice::<State>(&bytes)
                    .map_err(|err| std::io::Error::new(std::io::ErrorKind::InvalidData, named(&err)))?
            }
            _ => State::default(),
        };
        let listener = tokio::net::TcpListener::bind(self.addr).await?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let now = clock::now(state.clock_offset);
        if self.options.default_configuration && state.all("billing_portal.configuration").is_empty() {
            state.put("billing_portal.configuration", resources::configurations::default_configuration(now));
        }
        let client = crate::Client::builder(SECRET_KEY).base_url(&base_url).build().map_err(std::io::Error::other)?;
        let core = Arc::new(Core::new(state, self.options, base_url.clone(), self.state_file));
        let app = server::router(Arc::clone(&core));
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeStripe { core, base_url, client, server })
    }
}

/// A running fake Stripe. Stops serving when dropped.
pub struct FakeStripe {
    core: Arc<Core>,
    base_url: String,
    client: crate::Client,
    server: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for FakeStripe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeStripe").field("base_url", &self.base_url).finish_non_exhaustive()
    }
}

impl Drop for FakeStripe {
    fn drop(&mut self) {
        self.server.abort();
    }
}

/// What [`FakeStripe::seed_subscription`] made.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Seeded {
    /// `cus_…`, with a Visa card as default payment method.
    pub customer: String,
    /// `pm_…`, the card.
    pub payment_method: String,
    /// `prod_…`.
    pub product: String,
    /// `price_…`, 10.00 USD a month.
    pub price: String,
    /// `sub_…`, active, flexible billing mode.
    pub subscription: String,
    /// `si_…`, the subscription's one item.
    pub item: String,
}

/// What [`FakeStripe::seed_plan_change`] made: a subscribed customer, and what the portal offers
/// them to change to.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SeededPlanChange {
    /// What [`FakeStripe::seed_subscription`] made: the customer with a card, and their
    /// subscription to Basic (10.00 USD a month).
    pub current: Seeded,
    /// `prod_…`, Gold.
    pub product: String,
    /// `price_…`, Gold's 25.00 USD a month, which the default configuration offers next to Basic.
    pub price: String,
    /// A coupon, 25 % off once: for a retention offer or a price change.
    pub coupon: String,
}

fn id_of(value: &Value) -> String {
    value["id"].as_str().unwrap_or_default().to_owned()
}

impl FakeStripe {
    /// Starts a fake with every default, on a free port of 127.0.0.1.
    pub async fn start() -> std::io::Result<FakeStripe> {
        Self::builder().start().await
    }

    /// A builder for a fake with options.
    pub fn builder() -> FakeStripeBuilder {
        FakeStripeBuilder {
            options: Options {
                default_configuration: true,
                pause_mechanism: PauseMechanism::Status,
                webhook_attempts: 4,
                webhook_backoff: Duration::from_secs(1),
            },
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            state_file: None,
        }
    }

    /// `http://127.0.0.1:PORT`: give it to your code as Stripe's API base.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A [`Client`](crate::Client) pointed at the fake, with the key [`SECRET_KEY`].
    pub fn client(&self) -> crate::Client {
        self.client.clone()
    }

    /// Calls the API in-process, as a `POST` with these form pairs would (same rules, same
    /// events, no request log entry). `path` is like `/v1/customers`.
    pub fn post(&self, path: &str, params: &[(&str, &str)]) -> Result<Value, StripeError> {
        self.call("POST", path, params)
    }

    /// Calls the API in-process, as a `GET` with these query pairs would.
    pub fn get(&self, path: &str, params: &[(&str, &str)]) -> Result<Value, StripeError> {
        self.call("GET", path, params)
    }

    fn call(&self, method: &str, path: &str, params: &[(&str, &str)]) -> Result<Value, StripeError> {
        let pairs: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let segments: Vec<&str> = path.trim_start_matches("/v1/").split('/').collect();
        self.core.transact(Some(store::new_id("req")), None, |ctx| {
            let request = resources::ApiRequest {
                method,
                segments: segments.clone(),
                pairs: &pairs,
                params: params::Params::decode(&pairs)?,
            };
            resources::dispatch(ctx, &request, path)
        })
    }

    /// Registers a webhook endpoint for `events` (`["*"]` for all) and gives its signing
    /// secret (`whsec_…`). Every later event it listens to is POSTed to `url`, signed.
    pub fn register_webhook(&self, url: &str, events: &[&str]) -> Result<String, StripeError> {
        let mut params = vec![("url", url)];
        let keys: Vec<String> = (0..events.len()).map(|i| format!("enabled_events[{i}]")).collect();
        params.extend(keys.iter().map(String::as_str).zip(events.iter().copied()));
        let endpoint = self.post("/v1/webhook_endpoints", &params)?;
        Ok(endpoint["secret"].as_str().unwrap_or_default().to_owned())
    }

    /// Seeds what most portal tests need: a customer (`jenny@example.com`) with a Visa card as
    /// default payment method, a product with a 10.00 USD monthly price (`tax_behavior`
    /// `exclusive`, so the portal can switch it), and an active subscription to it.
    pub fn seed_subscription(&self) -> Result<Seeded, StripeError> {
        let customer = self.post(
            "/v1/customers",
            &[
                ("email", "jenny@example.com"),
                ("name", "Jenny Rosen"),
                ("payment_method", "pm_card_visa"),
                ("invoice_settings[default_payment_method]", "pm_card_visa"),
            ],
        )?;
        let price = self.post(
            "/v1/prices",
            &[
                ("currency", "usd"),
                ("unit_amount", "1000"),
                ("recurring[interval]", "month"),
                ("tax_behavior", "exclusive"),
                ("product_data[name]", "Basic"),
            ],
        )?;
        let customer_id = id_of(&customer);
        let subscription = self.post(
            "/v1/subscriptions",
            &[("customer", &customer_id), ("items[0][price]", price["id"].as_str().unwrap_or_default())],
        )?;
        Ok(Seeded {
            payment_method: customer["invoice_settings"]["default_payment_method"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            customer: customer_id,
            product: price["product"].as_str().unwrap_or_default().to_owned(),
            price: id_of(&price),
            item: id_of(&subscription["items"]["data"][0]),
            subscription: id_of(&subscription),
        })
    }

    /// Seeds what the subscription deep links need (pick a new plan, confirm a price change,
    /// cancel with a retention offer): [`seed_subscription`](Self::seed_subscription)'s objects,
    /// a Gold product with a 25.00 USD monthly `exclusive` price that the default portal
    /// configuration offers next to Basic, and a coupon (25 % off, once). Needs the default
    /// configuration.
    pub fn seed_plan_change(&self) -> Result<SeededPlanChange, StripeError> {
        let configuration = self.default_configuration().ok_or_else(|| {
            StripeError::invalid(None, "The fake has no default portal configuration to offer the new price in.")
        })?;
        let current = self.seed_subscription()?;
        let gold = self.post(
            "/v1/prices",
            &[
                ("currency", "usd"),
                ("unit_amount", "2500"),
                ("recurring[interval]", "month"),
                ("tax_behavior", "exclusive"),
                ("product_data[name]", "Gold"),
            ],
        )?;
        let (product, price) = (gold["product"].as_str().unwrap_or_default().to_owned(), id_of(&gold));
        let products = "features[subscription_update][products]";
        self.post(
            &format!("/v1/billing_portal/configurations/{}", id_of(&configuration)),
            &[
                (&format!("{products}[0][product]"), current.product.as_str()),
                (&format!("{products}[0][prices][0]"), &current.price),
                (&format!("{products}[1][product]"), &product),
                (&format!("{products}[1][prices][0]"), &price),
            ],
        )?;
        let coupon = self.post("/v1/coupons", &[("percent_off", "25"), ("duration", "once")])?;
        Ok(SeededPlanChange { current, product, price, coupon: id_of(&coupon) })
    }

    /// The default portal configuration, if there is one.
    pub fn default_configuration(&self) -> Option<Value> {
        self.core.lock().all("billing_portal.configuration").into_iter().find(|c| c["is_default"] == true).cloned()
    }

    /// Performs a portal action as the customer of the session at `session_url` (or its token),
    /// under the same rules as the portal page. Gives the URL the portal redirects to.
    pub fn act(&self, session_url: &str, action: Action) -> Result<String, StripeError> {
        let token = session_url.rsplit('/').next().unwrap_or_default().to_owned();
        self.core.transact(Some(store::new_id("req")), None, |ctx| portal::perform(ctx, &token, action.fields()))
    }

    /// The fake clock's time, Unix seconds.
    pub fn now(&self) -> i64 {
        clock::now(self.core.lock().clock_offset)
    }

    /// Moves the clock forward by `by`, running what falls due on the way (see the `clock` rules
    /// in the crate README). The clock stops at the end of year 9999.
    pub fn advance(&self, by: Duration) {
        let seconds = i64::try_from(by.as_secs()).unwrap_or(i64::MAX);
        let _ = self.core.transact(None, None, |ctx| {
            let to = ctx.now.saturating_add(seconds);
            clock::advance(ctx, to);
            Ok(())
        });
    }

    /// Makes the next `times` HTTP requests whose method is `method` (`"*"` for any) and whose
    /// path starts with `path_prefix` fail with `status` (`api_error` for 5xx, `card_error` for
    /// 402, `invalid_request_error` otherwise), changing nothing. Remember that the crate's
    /// client retries 409 and 5xx answers.
    pub fn fail_next(&self, method: &str, path_prefix: &str, status: u16, times: usize) {
        self.core.add_fault(server::Fault {
            method: method.to_owned(),
            path_prefix: path_prefix.to_owned(),
            status,
            times,
        });
    }

    /// The requests received over HTTP, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.core.lock().requests.clone()
    }

    /// Every event, oldest first.
    pub fn events(&self) -> Vec<Value> {
        self.core.lock().all("event").into_iter().cloned().collect()
    }

    /// Every event's type, oldest first.
    pub fn event_types(&self) -> Vec<String> {
        self.events().iter().map(|event| event["type"].as_str().unwrap_or_default().to_owned()).collect()
    }

    /// Any object by id (`cus_…`, `sub_…`, a chosen product id, …), as the API returns it.
    pub fn object(&self, id: &str) -> Option<Value> {
        self.core.lock().find_any(id).cloned()
    }

    /// The webhook delivery attempts made so far.
    pub fn deliveries(&self) -> Vec<Delivery> {
        self.core.deliverer.log()
    }

    /// Waits until at least `count` delivery attempts were made (successful or not).
    pub async fn wait_for_deliveries(&self, count: usize) {
        self.core.deliverer.wait_for(count).await;
    }
}
