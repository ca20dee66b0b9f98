//! [`Subscription`]: the fields of the `subscription` object a portal integration reads.
//!
//! Subscriptions carry dozens of fields; these types keep every field the customer portal changes
//! (status, items and their periods, cancellation, pause, discounts, payment method, trial, the
//! schedule a deferred change makes) and the ones needed to build deep links, and ignore the rest.

use super::PauseCollectionBehavior;
use crate::client::list::List;
use crate::customers::payment_methods::PaymentMethod;
use crate::customers::Customer;
use crate::discounts::Discount;
use crate::feedback_options::FeedbackOption;
use crate::invoices::{Invoice, InvoiceSubscriptionDetails};
use crate::wire::expandable::Expandable;
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
    /// A subscription schedule's `status`.
    pub enum SubscriptionScheduleStatus {
        Active = "active": "Its phases are being applied to the subscription.",
        Canceled = "canceled": "Cancelled, together with its subscription.",
        Completed = "completed":
            "Every phase has run to its end: the schedule no longer changes the subscription.",
        NotStarted = "not_started": "Its first phase has not started yet.",
        Released = "released": "Detached: the subscription goes on without it.",
    }
}

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

crate::open_enum! {
    /// `status_details.paused.type` of a subscription: what kind of pause put it in `paused`.
    pub enum SubscriptionPauseType {
        Subscription = "subscription": "A pause of the subscription (the pause endpoint, or the portal's pause).",
    }
}

crate::open_enum! {
    /// A subscription's `collection_method`: how its invoices are paid.
    pub enum CollectionMethod {
        /// Stripe charges the default payment method. The only method the portal can update a subscription with.
        ChargeAutomatically = "charge_automatically",
        /// Stripe emails each invoice for the customer to pay: the portal can only cancel such a subscription.
        SendInvoice = "send_invoice",
    }
}

crate::object! {
    /// A subscription, with every field the customer portal changes.
    ///
    /// Fields Stripe can expand (`customer`, `default_payment_method`, `latest_invoice`, `discounts`,
    /// `schedule`, `cancellation_details.feedback_option`) decode both as an id and as the expanded object.
    pub struct Subscription {
        id: String = "`sub_…`.",
        customer: Expandable<Customer> = "The customer: the id (`cus_…`), or the object with `expand[]=customer`.",
        status: SubscriptionStatus = "Its status.",
        status_details: Option<SubscriptionStatusDetails> =
            "Why and since when it has its status: set while it is `paused` by a pause (API `2026-09-30.endive` and \
             later).",
        collection_method: CollectionMethod =
            "How its invoices are paid. The portal can only cancel a `send_invoice` subscription, not update it.",
        items: List<SubscriptionItem> = "The items: one per price subscribed to, each with its current period.",
        cancel_at_period_end: bool [default] =
            "`true` when it ends at the end of the current period (classic billing mode's portal cancellation). In \
             flexible billing mode the portal sets [`cancel_at`](Self::cancel_at) instead.",
        cancel_at: Option<i64> = "When it will end, if a cancellation is scheduled (Unix seconds).",
        canceled_at: Option<i64> = "When it was cancelled, or the cancellation requested (Unix seconds).",
        ended_at: Option<i64> = "When it ended (Unix seconds).",
        cancellation_details: Option<SubscriptionCancellationDetails> =
            "Why it was cancelled, and the customer's feedback.",
        pause_collection: Option<SubscriptionPauseCollection> = "Set while payment collection is paused.",
        discounts: Vec<Expandable<Discount>> [null_as_default] =
            "The discounts applied to it: ids, or the objects when expanded (`null` decodes as empty).",
        default_payment_method: Option<Expandable<PaymentMethod>> =
            "The default payment method, if set on the subscription: the id, or the object when expanded.",
        latest_invoice: Option<Expandable<Invoice>> = "The latest invoice: the id, or the object when expanded.",
        schedule: Option<Expandable<SubscriptionSchedule>> =
            "The schedule that manages it, if any (a portal change deferred to the period end makes one): the id \
             (`sub_sched_…`), or the object when expanded.",
        trial_start: Option<i64> = "When the trial started, Unix seconds.",
        trial_end: Option<i64> = "When the trial ends (or ended), Unix seconds.",
        pending_update: Option<PendingUpdate> = "Changes that apply once the pending invoice is paid.",
        billing_mode: Option<BillingMode> = "Its billing mode, which decides how a portal cancellation is written.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        currency: Option<String> = "Three-letter ISO currency code, lower case.",
        start_date: Option<i64> = "When it started, Unix seconds.",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
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

crate::object! {
    /// `cancellation_details` of a subscription.
    #[derive(Default)]
    pub struct SubscriptionCancellationDetails {
        comment: Option<String> = "The customer's free-text comment.",
        feedback: Option<CancellationFeedback> = "The customer's survey answer.",
        feedback_option: Option<Expandable<FeedbackOption>> =
            "The feedback option the customer picked, when the configuration lists feedback options: its id, or the \
             object when expanded.",
        reason: Option<CancellationReason> = "Why it was cancelled.",
    }

    /// `pause_collection` of a subscription.
    #[derive(Eq)]
    pub struct SubscriptionPauseCollection {
        behavior: PauseCollectionBehavior = "What happens to invoices meanwhile.",
        resumes_at: Option<i64> = "When collection resumes on its own, Unix seconds.",
    }

    /// `status_details` of a subscription.
    #[derive(Eq)]
    pub struct SubscriptionStatusDetails {
        paused: Option<SubscriptionStatusDetailsPaused> = "When and why it became `paused`, while it is.",
    }

    /// `status_details.paused` of a subscription.
    #[derive(Eq)]
    pub struct SubscriptionStatusDetailsPaused {
        kind: SubscriptionPauseType [rename = "type"] = "The kind of pause.",
        transitioned_at: Option<i64> = "When its status became `paused`, Unix seconds.",
    }

    /// `billing_mode` of a subscription.
    #[derive(Eq)]
    pub struct BillingMode {
        kind: BillingModeType [rename = "type"] = "Classic or flexible.",
    }

    /// `pending_update` of a subscription: what applies once its pending invoice is paid.
    pub struct PendingUpdate {
        billing_cycle_anchor: Option<i64> = "The new billing cycle anchor, Unix seconds.",
        expires_at: Option<i64> = "When the pending update expires if the invoice stays unpaid, Unix seconds.",
        subscription_items: Vec<SubscriptionItem> [null_as_default] =
            "The items as they will be (`null` decodes as empty).",
        trial_end: Option<i64> = "The new trial end, Unix seconds.",
        trial_from_plan: Option<bool> = "Whether the trial comes from the plan.",
    }

    /// One item of a subscription: a price and a quantity.
    pub struct SubscriptionItem {
        id: String = "`si_…`: what a `subscription_update_confirm` flow names in `items[N][id]`.",
        price: Price = "The price subscribed to.",
        quantity: Option<u64> = "How many.",
        current_period_start: Option<i64> = "The current period's start, Unix seconds.",
        current_period_end: Option<i64> = "The current period's end, Unix seconds.",
        subscription: String = "The subscription it belongs to (`sub_…`).",
        discounts: Vec<Expandable<Discount>> [null_as_default] =
            "The discounts applied to this item only: ids, or the objects when expanded (`null` decodes as empty).",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
    }

    /// A price, as embedded in a subscription item.
    pub struct Price {
        id: String = "`price_…`.",
        product: Option<Expandable<Product>> =
            "The product: its id (`prod_…`), or the object with `expand[]=items.data.price.product`.",
        active: bool [default] = "Whether it can be used for new purchases.",
        kind: PriceType [rename = "type"] = "One-time or recurring.",
        tax_behavior: Option<PriceTaxBehavior> =
            "Whether its amount includes tax. The portal only switches between prices with the same `tax_behavior`, \
             and never to or from `unspecified`.",
        currency: Option<String> = "Three-letter ISO currency code, lower case.",
        unit_amount: Option<i64> = "The amount in the currency's smallest unit.",
        lookup_key: Option<String> = "Your lookup key for it.",
        nickname: Option<String> = "Its internal nickname.",
        recurring: Option<PriceRecurring> = "The billing interval, for recurring prices.",
    }

    /// How often a recurring price bills.
    #[derive(Eq)]
    pub struct PriceRecurring {
        interval: String = "`day`, `week`, `month` or `year`.",
        interval_count: u32 = "How many intervals between bills.",
    }

    /// A product, as expanded in a price: what the customer sees as the plan's name.
    ///
    /// A price of a deleted product expands to `{"id", "object", "deleted": true}` only: then
    /// [`deleted`](Self::deleted) is `true` and the other fields are empty.
    pub struct Product {
        id: String = "`prod_…`.",
        name: String [default] = "Its name, shown to customers (in the portal too; empty for a deleted product).",
        description: Option<String> = "Its description.",
        active: bool [default] = "Whether it can be bought.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 [default] = "Creation time, Unix seconds (0 for a deleted product).",
        livemode: bool [default] = "`true` in live mode.",
        deleted: bool [default] = "`true` for a deleted product.",
    }

    /// A subscription schedule, as expanded in a subscription's `schedule`: its status and the
    /// dates of its phases.
    pub struct SubscriptionSchedule {
        id: String = "`sub_sched_…`.",
        status: SubscriptionScheduleStatus = "Its status.",
        subscription: Option<Expandable<Subscription>> =
            "The subscription it manages (`None` before it starts): the id, or the object when expanded.",
        current_phase: Option<SubscriptionSchedulePhase> = "The phase in effect now, if one is.",
        phases: Vec<SubscriptionSchedulePhase> [null_as_default] = "Its phases, current and future.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }

    /// When a phase of a subscription schedule (`phases[]`, `current_phase`) starts and ends.
    #[derive(Eq)]
    pub struct SubscriptionSchedulePhase {
        start_date: i64 = "Its start, Unix seconds.",
        end_date: i64 = "Its end, Unix seconds.",
    }
}

crate::open_enum! {
    /// A price's `tax_behavior`: whether its amount includes tax.
    pub enum PriceTaxBehavior {
        Exclusive = "exclusive": "Tax is added to the amount.",
        Inclusive = "inclusive": "The amount includes tax.",
        /// Not set yet (it can be set once): the portal does not offer a change to or from such a price.
        Unspecified = "unspecified",
    }
}

crate::open_enum! {
    /// A price's `type`.
    pub enum PriceType {
        OneTime = "one_time": "Charged once.",
        Recurring = "recurring": "Charged every interval: see `recurring`.",
    }
}
