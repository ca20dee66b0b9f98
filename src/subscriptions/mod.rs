//! Subscriptions: the subset the portal needs.

mod object;

pub use object::{Price, PriceRecurring, Subscription, SubscriptionItem, SubscriptionStatus};
