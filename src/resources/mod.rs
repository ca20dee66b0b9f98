//! One module per Stripe API resource the portal touches: each holds its params (typed builders),
//! its response objects, and the handler that turns them into a [`Call`](crate::Call).

pub mod configurations;
pub mod customers;
pub(crate) mod retrieve;
pub mod sessions;
pub mod subscriptions;
