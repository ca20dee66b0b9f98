//! One module per Stripe API resource the portal touches: each holds its params (typed builders),
//! its response objects, and the handler that turns them into a [`Call`](crate::Call).

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
