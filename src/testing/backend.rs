//! [`Backend`]: the same code against Stripe's test mode or against the fake.

use super::{FakeStripe, StripeError};
use crate::Client;
use std::fmt;

/// Any error of [`Backend`]: a client setting, a fake that could not start, a missing variable.
type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Where a smoke test, a demo or an example runs: Stripe when `STRIPE_SECRET_KEY` is set, a
/// [`FakeStripe`] started in this process otherwise. Code written against
/// [`client`](Backend::client) runs unchanged on both; the objects it works on come from the
/// environment with Stripe and are seeded in the fake ([`object_id`](Backend::object_id),
/// [`deep_link_ids`](Backend::deep_link_ids)).
///
/// ```no_run
/// use stripe_billing_portal::sessions::SessionCreateParams;
/// use stripe_billing_portal::testing::Backend;
///
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
/// let backend = Backend::from_env().await?;
/// println!("Mode: {backend}"); // "Stripe at https://api.stripe.com", or "a fake Stripe on http://127.0.0.1:…"
/// let customer = backend.object_id("STRIPE_CUSTOMER_ID", |fake| Ok(fake.seed_subscription()?.customer))?;
/// let params = SessionCreateParams::new(customer).return_url("https://example.com/account");
/// let session = backend.client().sessions().create(params).send().await?;
/// println!("{}", session.url);
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Backend {
    /// Stripe, through [`Client::from_env`] (`STRIPE_SECRET_KEY`, and `STRIPE_API_BASE` when set).
    Stripe(Client),
    /// A fake Stripe on 127.0.0.1, with its default portal configuration; it stops when the
    /// backend is dropped.
    Fake(FakeStripe),
}

impl Backend {
    /// Stripe when `STRIPE_SECRET_KEY` is set, otherwise a newly started fake.
    pub async fn from_env() -> Result<Backend, BoxError> {
        if std::env::var_os("STRIPE_SECRET_KEY").is_some() {
            return Ok(Backend::Stripe(Client::from_env()?));
        }
        Ok(Backend::Fake(FakeStripe::start().await?))
    }

    /// A client of this backend.
    pub fn client(&self) -> Client {
        match self {
            Backend::Stripe(client) => client.clone(),
            Backend::Fake(fake) => fake.client(),
        }
    }

    /// The fake, when this backend is one: to seed it, play the customer, or look at what it received.
    pub fn fake(&self) -> Option<&FakeStripe> {
        match self {
            Backend::Stripe(_) => None,
            Backend::Fake(fake) => Some(fake),
        }
    }

    /// The id of an object to work on: with Stripe, the value of the environment variable `var`
    /// (an error naming it when it is not set); with the fake, the id `seed` makes in it.
    pub fn object_id(
        &self,
        var: &str,
        seed: impl FnOnce(&FakeStripe) -> Result<String, StripeError>,
    ) -> Result<String, BoxError> {
        match self {
            Backend::Stripe(_) => env_id(var),
            Backend::Fake(fake) => Ok(seed(fake)?),
        }
    }

    /// The objects the subscription deep links work on: with Stripe, from `STRIPE_CUSTOMER_ID`,
    /// `STRIPE_SUBSCRIPTION_ID`, `STRIPE_SUBSCRIPTION_ITEM_ID`, `STRIPE_PRICE_ID` and
    /// `STRIPE_COUPON_ID` (an error naming the first one not set); with the fake, the objects
    /// [`FakeStripe::seed_plan_change`] makes in it (each call seeds new ones).
    ///
    /// ```
    /// use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
    /// use stripe_billing_portal::testing::{Backend, FakeStripe};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    /// let backend = Backend::Fake(FakeStripe::start().await?); // or Backend::from_env().await?
    /// let ids = backend.deep_link_ids()?;
    /// let params = SessionCreateParams::new(ids.customer.as_str())
    ///     .return_url("https://example.com/account")
    ///     .flow_data(FlowData::subscription_pause(ids.subscription.as_str()));
    /// let session = backend.client().sessions().create(params).send().await?;
    /// assert!(session.flow.is_some());
    /// # Ok(()) }
    /// ```
    pub fn deep_link_ids(&self) -> Result<DeepLinkIds, BoxError> {
        match self {
            Backend::Stripe(_) => Ok(DeepLinkIds {
                customer: env_id("STRIPE_CUSTOMER_ID")?,
                subscription: env_id("STRIPE_SUBSCRIPTION_ID")?,
                subscription_item: env_id("STRIPE_SUBSCRIPTION_ITEM_ID")?,
                price: env_id("STRIPE_PRICE_ID")?,
                coupon: env_id("STRIPE_COUPON_ID")?,
            }),
            Backend::Fake(fake) => {
                let seeded = fake.seed_plan_change()?;
                Ok(DeepLinkIds {
                    customer: seeded.current.customer,
                    subscription: seeded.current.subscription,
                    subscription_item: seeded.current.item,
                    price: seeded.price,
                    coupon: seeded.coupon,
                })
            }
        }
    }
}

/// The value of the environment variable `var`, naming it when it is not set.
fn env_id(var: &str) -> Result<String, BoxError> {
    std::env::var(var).map_err(|_| format!("set {var} to one of your test-mode objects").into())
}

/// What [`Backend::deep_link_ids`] gives: a customer with a subscription, and what the portal can
/// offer them, for every subscription deep link (cancel with a retention coupon, pause, pick a
/// new plan, confirm a price change).
///
/// ```
/// use stripe_billing_portal::sessions::{SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem};
/// use stripe_billing_portal::testing::DeepLinkIds;
///
/// fn price_change(ids: &DeepLinkIds) -> SubscriptionUpdateConfirm {
///     let item = SubscriptionUpdateConfirmItem::new_price(ids.subscription_item.as_str(), ids.price.as_str());
///     SubscriptionUpdateConfirm::new(ids.subscription.as_str(), item.quantity(1)).coupon(ids.coupon.as_str())
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct DeepLinkIds {
    /// The customer (`cus_…`).
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

/// `Stripe at https://api.stripe.com` (or `STRIPE_API_BASE`), or
/// `a fake Stripe on http://127.0.0.1:PORT (set STRIPE_SECRET_KEY to use Stripe)`.
impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Backend::Stripe(client) => write!(f, "Stripe at {}", client.base_url()),
            Backend::Fake(fake) => {
                write!(f, "a fake Stripe on {} (set STRIPE_SECRET_KEY to use Stripe)", fake.base_url())
            }
        }
    }
}
