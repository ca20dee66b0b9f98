//! The params of `GET /v1/subscriptions`.

use super::SubscriptionStatus;
use crate::leaf::{CustomerId, Id};
use crate::resources::builders::list_params;
use serde::{Serialize, Serializer};

/// The `status` filter of a subscription list: one [`SubscriptionStatus`], or `all` / `ended`.
///
/// A status converts into it, so `.status(SubscriptionStatus::PastDue)` and
/// `.status(SubscriptionListStatus::All)` both work.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SubscriptionListStatus {
    /// Subscriptions in this status.
    Is(SubscriptionStatus),
    /// Every status, cancelled ones included (without a filter, Stripe leaves cancelled ones out).
    All,
    /// Cancelled or `incomplete_expired`.
    Ended,
}

impl SubscriptionListStatus {
    /// The value as Stripe spells it on the wire.
    pub fn as_str(&self) -> &str {
        match self {
            SubscriptionListStatus::Is(status) => status.as_str(),
            SubscriptionListStatus::All => "all",
            SubscriptionListStatus::Ended => "ended",
        }
    }
}

impl From<SubscriptionStatus> for SubscriptionListStatus {
    fn from(status: SubscriptionStatus) -> Self {
        SubscriptionListStatus::Is(status)
    }
}

/// A status goes through its own `Serialize`, which refuses an empty `Other("")`.
impl Serialize for SubscriptionListStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            SubscriptionListStatus::Is(status) => status.serialize(serializer),
            other => serializer.serialize_str(other.as_str()),
        }
    }
}

list_params! {
    /// The params of `GET /v1/subscriptions`, sent in the query string.
    ///
    /// ```
    /// use stripe_billing_portal::subscriptions::{SubscriptionListParams, SubscriptionListStatus};
    ///
    /// let params = SubscriptionListParams::new().customer("cus_123").status(SubscriptionListStatus::All);
    /// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "customer=cus_123&status=all");
    /// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
    /// ```
    pub struct SubscriptionListParams for "subscriptions" {
        customer: Option<CustomerId>,
        price: Option<Id>,
        status: Option<SubscriptionListStatus>,
    }

    /// Every subscription that is not cancelled (Stripe's default filter).
    fn new() { Self::default() }

    /// `customer`: only this customer's subscriptions (`cus_…`).
    fn customer(customer: impl Into<CustomerId>) { customer = Some(customer.into()) }

    /// `price`: only subscriptions with an item on this price (any id: legacy plan ids too).
    fn price(price: impl Into<Id>) { price = Some(price.into()) }

    /// `status`: only subscriptions in this [`SubscriptionStatus`], or
    /// [`All`](SubscriptionListStatus::All) / [`Ended`](SubscriptionListStatus::Ended).
    fn status(status: impl Into<SubscriptionListStatus>) { status = Some(status.into()) }
}
