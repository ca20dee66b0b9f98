//! [`InvoiceItem`]: the fields of the `invoiceitem` object a portal backend reads.
//!
//! A price or quantity change made in the portal with `create_prorations` leaves proration
//! invoice items for the subscription's next invoice: `invoiceitem.created` webhooks carry them.

use super::object::{subscription_id, InvoiceParent};
use super::Invoice;
use crate::customers::Customer;
use crate::wire::expandable::{Deferred, Expandable};
use std::collections::HashMap;

crate::object! {
    /// An invoice item: an amount added to a customer's next (or a draft) invoice.
    pub struct InvoiceItem {
        id: String = "`ii_…`.",
        customer: Option<Expandable<Customer>> = "The customer billed: the id, or the object when expanded.",
        amount: i64 = "The amount, in the currency's smallest unit (negative for a credit).",
        currency: String = "Three-letter ISO currency code, lower case.",
        description: Option<String> = "What it is for, shown on the invoice.",
        invoice: Option<Expandable<Invoice>> =
            "The invoice it is on (`None` while pending): the id, or the object when expanded.",
        parent: Option<InvoiceParent> = "What it was made for (a subscription).",
        pub(crate) subscription: Deferred [default] =
            "The subscription, in API versions before `2025-03-31.basil`; \
             [`subscription_id`](Self::subscription_id) reads it or [`parent`](Self::parent).",
        period: Option<InvoiceItemPeriod> = "The period it bills.",
        proration: bool [default] = "`true` for a proration of a subscription change.",
        quantity: Option<u64> = "The quantity billed.",
        date: Option<i64> = "When it was created, Unix seconds.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        livemode: bool = "`true` in live mode.",
    }

    /// The `period` of an invoice item, Unix seconds.
    #[derive(Eq)]
    pub struct InvoiceItemPeriod {
        start: i64 = "Its start.",
        end: i64 = "Its end.",
    }
}

impl InvoiceItem {
    /// The subscription the item bills (`sub_…`), from `parent.subscription_details` or, in older
    /// API versions, `subscription`; `None` for an item not made for a subscription.
    pub fn subscription_id(&self) -> Option<&str> {
        subscription_id(self.parent.as_ref(), &self.subscription)
    }
}
