//! [`Invoice`]: the fields of the `invoice` object a portal backend reads.

use crate::customers::Customer;
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Deferred, Expandable, Object};
use serde::Deserialize;
use std::collections::HashMap;

crate::open_enum! {
    /// An invoice's `status`.
    pub enum InvoiceStatus {
        Draft = "draft": "Being prepared: can still change.",
        Open = "open": "Finalized and awaiting payment.",
        Paid = "paid": "Paid.",
        Uncollectible = "uncollectible": "Not expected to be paid.",
        Void = "void": "Cancelled.",
    }
}

crate::open_enum! {
    /// Why an invoice was created: its `billing_reason`.
    pub enum InvoiceBillingReason {
        AutomaticPendingInvoiceItemInvoice = "automatic_pending_invoice_item_invoice":
            "Pending invoice items reached their threshold or interval.",
        Manual = "manual": "Created by hand (API or Dashboard).",
        QuoteAccept = "quote_accept": "A quote was accepted.",
        Subscription = "subscription": "Legacy subscription invoice.",
        SubscriptionCreate = "subscription_create": "A subscription's first invoice.",
        SubscriptionCycle = "subscription_cycle": "A subscription renewed.",
        SubscriptionThreshold = "subscription_threshold": "A usage threshold was reached.",
        SubscriptionUpdate = "subscription_update":
            "A subscription changed (for example a plan change invoiced at once).",
        Upcoming = "upcoming": "A preview of the next invoice.",
    }
}

crate::open_enum! {
    /// The `type` of an invoice's `parent`.
    pub enum InvoiceParentType {
        QuoteDetails = "quote_details": "Made for a quote.",
        SubscriptionDetails = "subscription_details": "Made for a subscription: see `subscription_details`.",
    }
}

/// An invoice.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Invoice {
    /// `in_…` (absent on invoice previews).
    #[serde(default)]
    pub id: String,
    /// The customer billed: the id, or the object when expanded.
    pub customer: Option<Expandable<Customer>>,
    /// The subscription, in API versions before `2025-03-31.basil`: the id, or the object when
    /// expanded. Read it with `Invoice::subscription()` (defined next to `Subscription`); newer
    /// versions name it in [`parent`](Self::parent); [`subscription_id`](Self::subscription_id)
    /// reads either.
    #[serde(default)]
    pub(crate) subscription: Deferred,
    /// What the invoice was made for (a subscription or a quote).
    pub parent: Option<InvoiceParent>,
    /// Its status (`None` only on very old invoices).
    pub status: Option<InvoiceStatus>,
    /// Why it was created.
    pub billing_reason: Option<InvoiceBillingReason>,
    /// Three-letter ISO currency code, lower case.
    pub currency: String,
    /// What is due, in the currency's smallest unit.
    #[serde(default)]
    pub amount_due: i64,
    /// What was paid.
    #[serde(default)]
    pub amount_paid: i64,
    /// What remains to pay.
    #[serde(default)]
    pub amount_remaining: i64,
    /// Total after discounts and taxes.
    #[serde(default)]
    pub total: i64,
    /// Total before discounts and taxes.
    #[serde(default)]
    pub subtotal: i64,
    /// The page where the customer can see and pay it (once finalized).
    pub hosted_invoice_url: Option<String>,
    /// The PDF (once finalized).
    pub invoice_pdf: Option<String>,
    /// Its number, shown to the customer (once finalized).
    pub number: Option<String>,
    /// How many payment attempts were made.
    #[serde(default)]
    pub attempt_count: u64,
    /// When the next automatic payment attempt happens, Unix seconds.
    pub next_payment_attempt: Option<i64>,
    /// When it is due, for invoices sent to be paid by hand, Unix seconds.
    pub due_date: Option<i64>,
    /// Start of the period it bills, Unix seconds.
    pub period_start: Option<i64>,
    /// End of the period it bills, Unix seconds.
    pub period_end: Option<i64>,
    /// When its status changed.
    pub status_transitions: Option<InvoiceStatusTransitions>,
    /// Your key-value data (always present; `null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Invoice {
    /// The subscription the invoice bills (`sub_…`), from `parent.subscription_details` or, in
    /// older API versions, `subscription`.
    pub fn subscription_id(&self) -> Option<&str> {
        let from_parent = self.parent.as_ref().and_then(|parent| parent.subscription_details.as_ref());
        from_parent.and_then(|details| details.subscription.id()).or_else(|| self.subscription.id())
    }

    /// The customer's id (`cus_…`), expanded or not.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

impl Object for Invoice {
    fn id(&self) -> &str {
        &self.id
    }
}

/// An invoice's `parent`: what it was made for.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InvoiceParent {
    /// Which kind of parent.
    #[serde(rename = "type")]
    pub kind: InvoiceParentType,
    /// For `type: subscription_details`.
    pub subscription_details: Option<InvoiceSubscriptionDetails>,
}

/// `parent.subscription_details` of an invoice.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InvoiceSubscriptionDetails {
    /// The subscription: the id, or the object when expanded. Read it with
    /// `InvoiceSubscriptionDetails::subscription()` (defined next to `Subscription`).
    #[serde(default)]
    pub(crate) subscription: Deferred,
}

/// `status_transitions` of an invoice: when each status was reached, Unix seconds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct InvoiceStatusTransitions {
    /// Finalized.
    pub finalized_at: Option<i64>,
    /// Marked uncollectible.
    pub marked_uncollectible_at: Option<i64>,
    /// Paid.
    pub paid_at: Option<i64>,
    /// Voided.
    pub voided_at: Option<i64>,
}
