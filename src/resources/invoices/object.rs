//! [`Invoice`]: the fields of the `invoice` object a portal backend reads.

use crate::customers::Customer;
use crate::wire::expandable::{Deferred, Expandable};
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

crate::object! {
    /// An invoice.
    pub struct Invoice {
        id: String [default] = "`in_…` (absent on invoice previews).",
        customer: Option<Expandable<Customer>> = "The customer billed: the id, or the object when expanded.",
        pub(crate) subscription: Deferred [default] =
            "The subscription, in API versions before `2025-03-31.basil`: the id, or the object when expanded. Read \
             it with `Invoice::subscription()` (defined next to `Subscription`); newer versions name it in \
             [`parent`](Self::parent); [`subscription_id`](Self::subscription_id) reads either.",
        parent: Option<InvoiceParent> = "What the invoice was made for (a subscription or a quote).",
        status: Option<InvoiceStatus> = "Its status (`None` only on very old invoices).",
        billing_reason: Option<InvoiceBillingReason> = "Why it was created.",
        currency: String = "Three-letter ISO currency code, lower case.",
        amount_due: i64 [default] = "What is due, in the currency's smallest unit.",
        amount_paid: i64 [default] = "What was paid.",
        amount_remaining: i64 [default] = "What remains to pay.",
        total: i64 [default] = "Total after discounts and taxes.",
        subtotal: i64 [default] = "Total before discounts and taxes.",
        hosted_invoice_url: Option<String> = "The page where the customer can see and pay it (once finalized).",
        invoice_pdf: Option<String> = "The PDF (once finalized).",
        number: Option<String> = "Its number, shown to the customer (once finalized).",
        attempt_count: u64 [default] = "How many payment attempts were made.",
        next_payment_attempt: Option<i64> = "When the next automatic payment attempt happens, Unix seconds.",
        due_date: Option<i64> = "When it is due, for invoices sent to be paid by hand, Unix seconds.",
        period_start: Option<i64> = "Start of the period it bills, Unix seconds.",
        period_end: Option<i64> = "End of the period it bills, Unix seconds.",
        status_transitions: Option<InvoiceStatusTransitions> = "When its status changed.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
}

impl Invoice {
    /// The subscription the invoice bills (`sub_…`), from `parent.subscription_details` when the
    /// parent's `type` is `subscription_details` or, in older API versions, `subscription`. `None`
    /// for an invoice made for something else (a quote), whatever else its parent carries.
    pub fn subscription_id(&self) -> Option<&str> {
        subscription_id(self.parent.as_ref(), &self.subscription)
    }

    /// The customer's id (`cus_…`), expanded or not.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

/// The subscription an invoice or invoice item is for: from `parent.subscription_details` when the
/// parent's `type` is `subscription_details`, else from the `subscription` of older API versions.
pub(super) fn subscription_id<'a>(parent: Option<&'a InvoiceParent>, legacy: &'a Deferred) -> Option<&'a str> {
    let from_parent = parent.filter(|parent| parent.kind == InvoiceParentType::SubscriptionDetails);
    from_parent
        .and_then(|parent| parent.subscription_details.as_ref())
        .and_then(|details| details.subscription.id())
        .or_else(|| legacy.id())
}

crate::object! {
    /// An invoice's `parent` (or an invoice item's): what it was made for.
    pub struct InvoiceParent {
        kind: InvoiceParentType [rename = "type"] = "Which kind of parent.",
        subscription_details: Option<InvoiceSubscriptionDetails> = "For `type: subscription_details`.",
    }

    /// `parent.subscription_details` of an invoice.
    pub struct InvoiceSubscriptionDetails {
        pub(crate) subscription: Deferred [default] =
            "The subscription: the id, or the object when expanded. Read it with \
             `InvoiceSubscriptionDetails::subscription()` (defined next to `Subscription`).",
    }

    /// `status_transitions` of an invoice: when each status was reached, Unix seconds.
    #[derive(Default, Eq)]
    pub struct InvoiceStatusTransitions {
        finalized_at: Option<i64> = "Finalized.",
        marked_uncollectible_at: Option<i64> = "Marked uncollectible.",
        paid_at: Option<i64> = "Paid.",
        voided_at: Option<i64> = "Voided.",
    }
}
