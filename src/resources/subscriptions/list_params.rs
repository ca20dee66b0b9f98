//! The params of `GET /v1/subscriptions`.

use crate::client::call::Params;
use crate::leaf::{CustomerId, Id};
use crate::resources::list_params::list_params;
use crate::Error;
use serde::Serialize;

crate::open_enum! {
    /// The `status` filter of a subscription list: a status, or `all` / `ended`.
    pub enum SubscriptionListStatus {
        /// In good standing.
        Active = "active",
        /// Every status, cancelled ones included (without a filter, Stripe leaves cancelled ones out).
        All = "all",
        /// Cancelled.
        Canceled = "canceled",
        /// Cancelled or `incomplete_expired`.
        Ended = "ended",
        /// Its first payment has not succeeded yet.
        Incomplete = "incomplete",
        /// Its first payment never succeeded.
        IncompleteExpired = "incomplete_expired",
        /// A renewal payment failed and is being retried.
        PastDue = "past_due",
        /// Paused.
        Paused = "paused",
        /// In a trial.
        Trialing = "trialing",
        /// A renewal payment failed for good.
        Unpaid = "unpaid",
    }
}

/// The params of `GET /v1/subscriptions`, sent in the query string.
///
/// ```
/// use stripe_billing_portal::subscriptions::{SubscriptionListParams, SubscriptionListStatus};
///
/// let params = SubscriptionListParams::new().customer("cus_123").status(SubscriptionListStatus::All);
/// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "customer=cus_123&status=all");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubscriptionListParams {
    customer: Option<CustomerId>,
    price: Option<Id>,
    status: Option<SubscriptionListStatus>,
    limit: Option<u8>,
    starting_after: Option<String>,
    ending_before: Option<String>,
    expand: Vec<String>,
}

impl SubscriptionListParams {
    /// Every subscription that is not cancelled (Stripe's default filter).
    pub fn new() -> Self {
        Self::default()
    }

    /// `customer`: only this customer's subscriptions (`cus_…`).
    pub fn customer(mut self, customer: impl Into<CustomerId>) -> Self {
        self.customer = Some(customer.into());
        self
    }

    /// `price`: only subscriptions with an item on this price (any id: legacy plan ids too).
    pub fn price(mut self, price: impl Into<Id>) -> Self {
        self.price = Some(price.into());
        self
    }

    /// `status`: only subscriptions in this status, or [`All`](SubscriptionListStatus::All).
    pub fn status(mut self, status: SubscriptionListStatus) -> Self {
        self.status = Some(status);
        self
    }
}

list_params!(SubscriptionListParams, "subscriptions");

impl Params for SubscriptionListParams {
    fn validate(&self) -> Result<(), Error> {
        self.validate_page()
    }
}
