//! What the examples talk to, chosen from the environment, and the demo ids they use.
//!
//! | variable | effect |
//! |---|---|
//! | none | an embedded mock on `127.0.0.1` ([`MockStripe`]); no key, no network |
//! | `STRIPE_SECRET_KEY` | Stripe itself, with that key (use a test-mode `sk_test_…` key) |
//! | `STRIPE_API_BASE` | another Stripe-compatible server, e.g. stripe-mock at `http://127.0.0.1:12111` (with no key, `sk_test_123` is sent) |
//! | `STRIPE_CUSTOMER_ID`, `STRIPE_SUBSCRIPTION_ID`, `STRIPE_SUBSCRIPTION_ITEM_ID`, `STRIPE_PRICE_ID`, `STRIPE_COUPON_ID` | the test-mode objects to use against Stripe (the mock accepts the defaults) |

use super::mock_stripe::MockStripe;
use stripe_billing_portal::Client;

/// Where requests go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The embedded [`MockStripe`].
    EmbeddedMock,
    /// Stripe, or the Stripe-compatible server at `base_url`.
    Stripe {
        /// The secret key.
        secret_key: String,
        /// `None` for `https://api.stripe.com`.
        base_url: Option<String>,
    },
}

impl Target {
    /// From `STRIPE_SECRET_KEY` and `STRIPE_API_BASE`.
    pub fn from_env() -> Self {
        Self::from_vars(var("STRIPE_SECRET_KEY"), var("STRIPE_API_BASE"))
    }

    /// From a secret key and a base URL, either of which may be absent.
    pub fn from_vars(secret_key: Option<String>, base_url: Option<String>) -> Self {
        match (secret_key, base_url) {
            (None, None) => Target::EmbeddedMock,
            (Some(secret_key), base_url) => Target::Stripe { secret_key, base_url },
            (None, Some(base_url)) => Target::Stripe { secret_key: "sk_test_123".into(), base_url: Some(base_url) },
        }
    }

    /// One line saying which mode this is, for the first line of output.
    pub fn describe(&self) -> String {
        match self {
            Target::EmbeddedMock => {
                "Mode: embedded mock Stripe on 127.0.0.1 (no key needed; set STRIPE_SECRET_KEY to use Stripe)".into()
            }
            Target::Stripe { base_url: None, .. } => "Mode: Stripe (https://api.stripe.com, STRIPE_SECRET_KEY)".into(),
            Target::Stripe { base_url: Some(url), .. } => format!("Mode: Stripe-compatible server at {url}"),
        }
    }

    /// A client for this target, and the mock when it is the embedded one (keep it alive).
    pub async fn connect(&self) -> Result<(Client, Option<MockStripe>), Box<dyn std::error::Error + Send + Sync>> {
        match self {
            Target::EmbeddedMock => {
                let mock = MockStripe::start().await?;
                let client = Client::builder("sk_test_embedded_mock").base_url(mock.base_url()).build()?;
                Ok((client, Some(mock)))
            }
            Target::Stripe { secret_key, base_url } => {
                let mut builder = Client::builder(secret_key.as_str());
                if let Some(url) = base_url {
                    builder = builder.base_url(url.as_str());
                }
                Ok((builder.build()?, None))
            }
        }
    }
}

/// The Stripe objects the examples open the portal for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoIds {
    /// The signed-in customer (`cus_…`).
    pub customer: String,
    /// One of their subscriptions (`sub_…`).
    pub subscription: String,
    /// That subscription's item (`si_…`), for a price change.
    pub subscription_item: String,
    /// A price the portal configuration offers (`price_…`).
    pub price: String,
    /// A coupon to offer (retention) or apply (price change).
    pub coupon: String,
}

impl Default for DemoIds {
    fn default() -> Self {
        Self {
            customer: "cus_demo_newcomer".into(),
            subscription: "sub_demo_newcomer".into(),
            subscription_item: "si_demo_newcomer".into(),
            price: "price_demo_gold".into(),
            coupon: "STAY25".into(),
        }
    }
}

impl DemoIds {
    /// The defaults, each overridden by its `STRIPE_*_ID` variable when set.
    pub fn from_env() -> Self {
        let defaults = Self::default();
        Self {
            customer: var("STRIPE_CUSTOMER_ID").unwrap_or(defaults.customer),
            subscription: var("STRIPE_SUBSCRIPTION_ID").unwrap_or(defaults.subscription),
            subscription_item: var("STRIPE_SUBSCRIPTION_ITEM_ID").unwrap_or(defaults.subscription_item),
            price: var("STRIPE_PRICE_ID").unwrap_or(defaults.price),
            coupon: var("STRIPE_COUPON_ID").unwrap_or(defaults.coupon),
        }
    }
}

/// An environment variable, when set and not empty.
pub fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.trim().is_empty())
}
