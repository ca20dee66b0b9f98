//! Invoices, as the object a portal backend reads from `invoice.*` webhooks and a subscription's
//! `latest_invoice`: who owes what, for which subscription, and where to pay it.
//!
//! Object-only: this crate does not create or pay invoices.

mod object;

pub use object::{
    Invoice, InvoiceBillingReason, InvoiceParent, InvoiceParentType, InvoiceStatus, InvoiceStatusTransitions,
    InvoiceSubscriptionDetails,
};
