//! One module per Stripe API resource the portal touches: each holds its params (typed builders),
//! its response objects, and the handler that turns them into a [`Call`](crate::Call).
//!
//! The modules are layered, lowest first, and each one refers (in code and in doc links) only to
//! modules below it, so they import one another without a circle:
//!
//! `feedback_options` < `configurations` < `sessions` < `customers` < `discounts` < `invoices` <
//! `subscriptions`
//!
//! (`sessions` and `customers` do not refer to each other; `customers` needs only
//! `configurations`.) A field that would point upward, a customer's expanded `subscriptions` or an
//! invoice's `subscription`, keeps Stripe's JSON in the lower object and is read through an
//! accessor defined in the higher module (`Customer::subscriptions()`, `Invoice::subscription()`).

pub(crate) mod builders;
pub mod configurations;
pub mod customers;
pub mod discounts;
pub(crate) mod endpoints;
pub mod feedback_options;
pub mod invoices;
pub(crate) mod retrieve;
pub mod sessions;
pub mod subscriptions;
