//! [`Subscription`]: the fields of the `subscription` object a portal integration reads.
//!
//! Subscriptions carry dozens of fields; these types keep every field the customer portal changes
//! (status, items and their periods, cancellation, pause, discounts, payment method, trial) and the
//! ones needed to build deep links, and ignore the rest.

use super::PauseCollectionBehavior;
use crate::client::list::List;
use crate::customers::payment_methods::PaymentMethod;
use crate::customers::Customer;
use crate::discounts::Discount;
use crate::feedback_options::FeedbackOption;
use crate::invoices::{Invoice, InvoiceSubscriptionDetails};
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Expandable, Object};
use serde::Deserialize;
use std::collections::HashMap;

crate::open_enum! {
    /// A subscription's `status`.
    pub enum SubscriptionStatus {
        Active = "active": "In good standing.",
        Canceled = "canceled": "Ended.",
        Incomplete = "incomplete": "Its first payment has not succeeded yet.",
        IncompleteExpired = "incomplete_expired": "Its first payment never succeeded.",
        PastDue = "past_due": "A renewal payment failed and is being retried.",
        Paused = "paused": "Paused.",
        Trialing = "trialing": "In a trial.",
        Unpaid = "unpaid": "A renewal payment failed for good.",
    }
}

crate::open_enum! {
    /// Why a subscription was (or will be) cancelled: `cancellation_details.reason`.
    pub enum CancellationReason {
        CanceledByRetentionPolicy = "canceled_by_retention_policy":
            "Ended by the retention policy (an unpaid subscription, for example).",
        CancellationRequested = "cancellation_requested":
            "The customer or you asked for it (the portal's cancel button).",
        PaymentDisputed = "payment_disputed": "A payment was disputed.",
        PaymentFailed = "payment_failed": "Payment failed for good.",
    }
}

/// The customer's answer to the portal's cancellation survey: `cancellation_details.feedback`.
/// Its values are the survey options a configuration offers, so it is the same type.
pub type CancellationFeedback = crate::configurations::CancellationReasonOption;

crate::open_enum! {
    /// A subscription's `billing_mode.type`.
    pub enum BillingModeType {
        Classic = "classic":
            "The mode of subscriptions created before `2025-09-30.clover`: a portal cancellation sets \
             `cancel_at_period_end`.",
        Flexible = "flexible":
            "The default since `2025-09-30.clover`: a portal cancellation sets `cancel_at` and leaves \
             `cancel_at_period_end` false.",
    }
}

/// A subscription, with every field the customer portal changes.
///
/// Fields Stripe can expand (`customer`, `default_payment_method`, `latest_invoice`, `discounts`,
/// `cancellation_details.feedback_option`) decode both as an id and as the expanded object.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Subscription {
    /// `sub_…`.
    pub id: String,
    /// The customer: the id (`cus_…`), or the object with `expand[]=customer`.
    pub customer: Expandable<Customer>,
    /// Its status.
    pub status: SubscriptionStatus,
    /// The items: one per price subscribed to, each with its current period.
    pub items: List<SubscriptionItem>,
    /// `true` when it ends at the end of the current period (classic billing mode's portal
    /// cancellation). In flexible billing mode the portal sets [`cancel_at`](Self::cancel_at) instead.
    #[serde(default)]
    pub cancel_at_period_end: bool,
    /// When it will end, if a cancellation is scheduled (Unix seconds).
    pub cancel_at: Option<i64>,
    /// When it was cancelled, or the cancellation requested (Unix seconds).
    pub canceled_at: Option<i64>,
    /// When it ended (Unix seconds).
    pub ended_at: Option<i64>,
    /// Why it was cancelled, and the customer's feedback.
    pub cancellation_details: Option<SubscriptionCancellationDetails>,
    /// Set while payment collection is paused.
    pub pause_collection: Option<SubscriptionPauseCollection>,
    /// The discounts applied to it: ids, or the objects when expanded (`null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub discounts: Vec<Expandable<Discount>>,
    /// The default payment method, if set on the subscription: the id, or the object when expanded.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// The latest invoice: the id, or the object when expanded.
    pub latest_invoice: Option<Expandable<Invoice>>,
    /// When the trial started, Unix seconds.
    pub trial_start: Option<i64>,
    /// When the trial ends (or ended), Unix seconds.
    pub trial_end: Option<i64>,
    /// Changes that apply once the pending invoice is paid.
    pub pending_update: Option<PendingUpdate>,
    /// Its billing mode, which decides how a portal cancellation is written.
    pub billing_mode: Option<BillingMode>,
    /// Your key-value data (always present; `null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Three-letter ISO currency code, lower case.
    pub currency: Option<String>,
    /// When it started, Unix seconds.
    pub start_date: Option<i64>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Subscription {
    /// The customer's id (`cus_…`), expanded or not.
    pub fn customer_id(&self) -> &str {
        self.customer.id()
    }

    /// Whether a cancellation is scheduled and the subscription has not ended yet: either
    /// `cancel_at_period_end` (classic billing mode) or a `cancel_at` date (flexible mode, or a
    /// date chosen through the API).
    pub fn cancellation_scheduled(&self) -> bool {
        self.status != SubscriptionStatus::Canceled && (self.cancel_at_period_end || self.cancel_at.is_some())
    }

    /// The end of the current period: the latest `current_period_end` of its items (since
    /// `2025-03-31.basil` periods live on the items).
    pub fn current_period_end(&self) -> Option<i64> {
        self.items.data.iter().filter_map(|item| item.current_period_end).max()
    }
}

impl Object for Subscription {
    fn id(&self) -> &str {
        &self.id
    }
}

// The typed views of the back references lower modules keep as JSON (`Deferred`): defined here,
// next to `Subscription`, so that customers and invoices never import this module.

impl Customer {
    /// The customer's subscriptions, present only when the request expanded `subscriptions`
    /// (`expand[]=subscriptions`): `None` when Stripe did not send them, `Some(Err(_))` when what it
    /// sent is not a list of subscriptions. Decoded on each call.
    pub fn subscriptions(&self) -> Option<Result<List<Subscription>, serde_json::Error>> {
        self.subscriptions.decode()
    }
}

impl Invoice {
    /// The subscription, in API versions before `2025-03-31.basil`: the id, or the object when
    /// expanded; `None` when absent, `Some(Err(_))` when it is neither. Newer versions name it in
    /// [`parent`](Invoice::parent); [`subscription_id`](Invoice::subscription_id) reads either.
    pub fn subscription(&self) -> Option<Result<Expandable<Subscription>, serde_json::Error>> {
        self.subscription.decode()
    }
}

impl InvoiceSubscriptionDetails {
    /// The subscription the invoice was made for: the id, or the object when expanded; `None` when
    /// absent, `Some(Err(_))` when it is neither. [`Invoice::subscription_id`] reads the id in
    /// either form.
    pub fn subscription(&self) -> Option<Result<Expandable<Subscription>, serde_json::Error>> {
        self.subscription.decode()
    }
}

/// `cancellation_details` of a subscription.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionCancellationDetails {
    /// The customer's free-text comment.
    pub comment: Option<String>,
    /// The customer's survey answer.
    pub feedback: Option<CancellationFeedback>,
    /// The feedback option the customer picked, when the configuration lists feedback options:
    /// its id, or the object when expanded.
    pub feedback_option: Option<Expandable<FeedbackOption>>,
    /// Why it was cancelled.
    pub reason: Option<CancellationReason>,
}

/// `pause_collection` of a subscription.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SubscriptionPauseCollection {
    /// What happens to invoices meanwhile.
    pub behavior: PauseCollectionBehavior,
    /// When collection resumes on its own, Unix seconds.
    pub resumes_at: Option<i64>,
}

/// `billing_mode` of a subscription.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BillingMode {
    /// Classic or flexible.
    #[serde(rename = "type")]
    pub kind: BillingModeType,
}

/// `pending_update` of a subscription: what applies once its pending invoice is paid.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PendingUpdate {
    /// The new billing cycle anchor, Unix seconds.
    pub billing_cycle_anchor: Option<i64>,
    /// When the pending update expires if the invoice stays unpaid, Unix seconds.
    pub expires_at: Option<i64>,
    /// The items as they will be (`null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub subscription_items: Vec<SubscriptionItem>,
    /// The new trial end, Unix seconds.
    pub trial_end: Option<i64>,
    /// Whether the trial comes from the plan.
    pub trial_from_plan: Option<bool>,
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
    /// The product: its id (`prod_…`), or the object with `expand[]=items.data.price.product`.
    pub product: Option<Expandable<Product>>,
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

/// A product, as expanded in a price: what the customer sees as the plan's name.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Product {
    /// `prod_…`.
    pub id: String,
    /// Its name, shown to customers (in the portal too).
    pub name: String,
    /// Its description.
    pub description: Option<String>,
    /// Whether it can be bought.
    #[serde(default)]
    pub active: bool,
    /// Your key-value data (always present; `null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Object for Product {
    fn id(&self) -> &str {
        &self.id
    }
}
