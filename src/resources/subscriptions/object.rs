//! [`Subscription`]: the fields of the `subscription` object a portal integration reads.
//!
//! Subscriptions carry dozens of fields; these types keep the ones needed to build deep links and
//! to react to portal webhooks, and ignore the rest.

use crate::client::list::List;
use crate::wire::expandable::Object;
use serde::Deserialize;
use std::collections::HashMap;

crate::open_enum! {
    /// A subscription's `status`.
    pub enum SubscriptionStatus {
        /// In good standing.
        Active = "active",
        /// Ended.
        Canceled = "canceled",
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

/// A subscription, as far as the portal is concerned.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Subscription {
    /// `sub_…`.
    pub id: String,
    /// The customer (`cus_…`).
    pub customer: Option<String>,
    /// Its status.
    pub status: SubscriptionStatus,
    /// Whether it ends at the end of the current period (a scheduled cancellation).
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// When it will end, if a cancellation is scheduled (Unix seconds).
    pub cancel_at: Option<i64>,
    /// When it was cancelled (Unix seconds).
    pub canceled_at: Option<i64>,
    /// When it ended (Unix seconds).
    pub ended_at: Option<i64>,
    /// The items: one per price subscribed to.
    pub items: List<SubscriptionItem>,
    /// The default payment method, if set on the subscription.
    pub default_payment_method: Option<String>,
    /// Your key-value data.
    pub metadata: Option<HashMap<String, String>>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Object for Subscription {
    fn id(&self) -> &str {
        &self.id
    }
}

/// One item of a subscription: a price and a quantity.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionItem {
    /// `si_…`: what a `subscription_update_confirm` flow names in `items[N][id]`.
    pub id: String,
    /// The price subscribed to.
    pub price: Price,
    /// How many.
    pub quantity: Option<u64>,
    /// The current period's start, Unix seconds.
    pub current_period_start: Option<i64>,
    /// The current period's end, Unix seconds.
    pub current_period_end: Option<i64>,
}

impl Object for SubscriptionItem {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A price, as embedded in a subscription item.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Price {
    /// `price_…`.
    pub id: String,
    /// The product (`prod_…`).
    pub product: Option<String>,
    /// Whether it can be used for new purchases.
    #[serde(default)]
    pub active: bool,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// The amount in the currency's smallest unit.
    pub unit_amount: Option<i64>,
    /// Your lookup key for it.
    pub lookup_key: Option<String>,
    /// Its internal nickname.
    pub nickname: Option<String>,
    /// The billing interval, for recurring prices.
    pub recurring: Option<PriceRecurring>,
}

/// How often a recurring price bills.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PriceRecurring {
    /// `day`, `week`, `month` or `year`.
    pub interval: String,
    /// How many intervals between bills.
    pub interval_count: u32,
}
