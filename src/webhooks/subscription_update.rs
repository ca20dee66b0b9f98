//! [`SubscriptionUpdate`]: what a `customer.subscription.updated` event changed.
//!
//! Stripe sends one event type for every change to a subscription; `previous_attributes` holds the
//! old values of exactly the fields that changed. A portal "switch plan" changes the item's price
//! (`items` in `previous_attributes`), "update quantity" changes its quantity (`items` too, and
//! `quantity` on single-item subscriptions), "cancel at period end" flips `cancel_at_period_end`
//! to `true` and sets `cancel_at`. Several can change in one event, so each is its own question.

use super::{Event, EventData};
use crate::subscriptions::{Subscription, SubscriptionStatus};
use serde::Deserialize;
use serde_json::{Map, Value};

impl Event {
    /// The change a `customer.subscription.updated` event describes; `None` for any other event.
    pub fn subscription_update(&self) -> Option<SubscriptionUpdate<'_>> {
        match &self.data {
            EventData::CustomerSubscriptionUpdated(subscription) => {
                Some(SubscriptionUpdate { subscription, previous: self.previous_attributes.as_ref() })
            }
            _ => None,
        }
    }
}

/// A subscription after an update, with the old values of what changed.
#[derive(Clone, Copy, Debug)]
pub struct SubscriptionUpdate<'a> {
    subscription: &'a Subscription,
    previous: Option<&'a Map<String, Value>>,
}

/// One subscription item as it was before an update.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PreviousItem {
    /// The item (`si_…`).
    pub id: Option<String>,
    /// Its price then (`price_…`).
    pub price: Option<String>,
    /// Its quantity then.
    pub quantity: Option<u64>,
}

impl<'a> SubscriptionUpdate<'a> {
    /// The subscription as it is now.
    pub fn subscription(&self) -> &'a Subscription {
        self.subscription
    }

    /// The old value of a field that changed, as sent.
    pub fn previous(&self, field: &str) -> Option<&'a Value> {
        self.previous?.get(field)
    }

    /// The items as they were, when the items changed (price, quantity, added or removed).
    pub fn previous_items(&self) -> Option<Vec<PreviousItem>> {
        let items = RawItems::deserialize(self.previous("items")?).ok()?;
        Some(
            items
                .data
                .into_iter()
                .map(|item| PreviousItem {
                    id: item.id,
                    price: item.price.and_then(|price| price.id),
                    quantity: item.quantity,
                })
                .collect(),
        )
    }

    /// Whether the set of prices subscribed to changed: an upgrade, a downgrade or a switch of
    /// billing interval. Compare the new prices with [`previous_items`](Self::previous_items) to
    /// tell which.
    pub fn price_changed(&self) -> bool {
        let Some(previous) = self.previous_items() else {
            // Before 2018 single-price subscriptions reported the change in `plan`.
            return self.previous("plan").is_some();
        };
        let mut before: Vec<Option<&str>> = previous.iter().map(|item| item.price.as_deref()).collect();
        let mut after: Vec<Option<&str>> =
            self.subscription.items.data.iter().map(|item| Some(item.price.id.as_str())).collect();
        before.sort_unstable();
        after.sort_unstable();
        before != after
    }

    /// Whether the quantity of an item that is still subscribed changed.
    pub fn quantity_changed(&self) -> bool {
        if self.previous("quantity").is_some() {
            return true;
        }
        let Some(previous) = self.previous_items() else { return false };
        previous.iter().any(|old| {
            self.subscription
                .items
                .data
                .iter()
                .any(|now| old.id.as_deref() == Some(now.id.as_str()) && old.quantity != now.quantity)
        })
    }

    /// Whether this update scheduled a cancellation: `cancel_at_period_end` went from `false` to
    /// `true`, or a `cancel_at` date was set where there was none. The customer keeps access until
    /// [`Subscription::cancel_at`]; a `customer.subscription.deleted` event follows then.
    pub fn cancellation_scheduled(&self) -> bool {
        let flipped_on = self.previous("cancel_at_period_end") == Some(&Value::Bool(false))
            && self.subscription.cancel_at_period_end;
        let date_set = self.previous("cancel_at") == Some(&Value::Null) && self.subscription.cancel_at.is_some();
        flipped_on || date_set
    }

    /// Whether this update withdrew a scheduled cancellation (the customer renewed in the portal):
    /// `cancel_at_period_end` went from `true` to `false`, or `cancel_at` was cleared.
    pub fn cancellation_withdrawn(&self) -> bool {
        let flipped_off = self.previous("cancel_at_period_end") == Some(&Value::Bool(true))
            && !self.subscription.cancel_at_period_end;
        let date_cleared =
            matches!(self.previous("cancel_at"), Some(Value::Number(_))) && self.subscription.cancel_at.is_none();
        flipped_off || date_cleared
    }

    /// The status before the update, when it changed (e.g. `trialing` → `active`, `active` →
    /// `past_due`).
    pub fn previous_status(&self) -> Option<SubscriptionStatus> {
        self.previous("status")?.as_str().map(SubscriptionStatus::from)
    }
}

#[derive(Deserialize)]
struct RawItems {
    #[serde(default)]
    data: Vec<RawItem>,
}

#[derive(Deserialize)]
struct RawItem {
    id: Option<String>,
    price: Option<RawPrice>,
    quantity: Option<u64>,
}

/// A price in `previous_attributes`: an object, or (unusually) its bare id.
#[derive(Deserialize)]
#[serde(from = "RawPriceRepr")]
struct RawPrice {
    id: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawPriceRepr {
    Id(String),
    Object { id: Option<String> },
}

impl From<RawPriceRepr> for RawPrice {
    fn from(repr: RawPriceRepr) -> Self {
        match repr {
            RawPriceRepr::Id(id) => RawPrice { id: Some(id) },
            RawPriceRepr::Object { id } => RawPrice { id },
        }
    }
}
