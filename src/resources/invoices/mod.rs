//! Invoices, as the object a portal backend reads from `invoice.*` webhooks and a subscription's
//! `latest_invoice`: who owes what, for which subscription, and where to pay it.
//!
//! Also the invoice items a subscription change leaves for the next invoice ([`InvoiceItem`]).
//!
//! Object-only: this crate does not create or pay invoices.

mod item;
mod object;

pub use item::{InvoiceItem, InvoiceItemPeriod};

pub use object::{
    Invoice, InvoiceBillingReason, InvoiceParent, InvoiceParentType, InvoiceStatus, InvoiceStatusTransitions,
    InvoiceSubscriptionDetails,
};
