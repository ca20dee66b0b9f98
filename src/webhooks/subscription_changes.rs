//! [`SubscriptionChanges`]: what an event means for a subscription, whichever event it is.
//!
//! Stripe reports a subscription's life through many event types, and most portal actions through
//! one of them, `customer.subscription.updated`, whose `previous_attributes` hold the old values of
//! exactly the fields that changed. [`Event::subscription_changes`] reads all of them into a list
//! of [`SubscriptionChange`]s. One event can carry several (a new price and a new quantity).
//!
//! # The portal's cancellation, in one or two events
//!
//! A customer who cancels in the portal causes one `customer.subscription.updated`, and a second
//! one when they answer the cancellation survey, carrying the feedback the first did not have.
//! How the first one looks depends on the subscription's billing mode:
//!
//! | billing mode | first event | second event (survey answered) |
//! |---|---|---|
//! | classic | `cancel_at_period_end` false → true, `cancel_at` set | `cancellation_details.feedback` (and `comment`) set |
//! | flexible (the default since 2025-09-30) | `cancel_at_period_end` **stays false**, `cancel_at` null → the period end | same |
//!
//! Both events give [`SubscriptionChange::CancellationScheduled`], with the
//! [`CancellationMode`] and the subscription's [`SubscriptionCancellationDetails`] as that event carries them:
//! the feedback is `None` in the first and set in the second. Handle it as a fact to merge
//! ("cancellation scheduled at T; feedback F if known"), and it does not matter which of the two
//! arrives first, or whether the second ever comes. A cancellation that takes effect at once
//! (`mode = immediately`) is a `customer.subscription.deleted`, [`SubscriptionChange::Canceled`];
//! feedback given afterwards arrives as an update of the canceled subscription, `Canceled` again
//! with the feedback.
//!
//! # An idempotent handler
//!
//! Stripe delivers an event at least once and in no guaranteed order. So: remember each event's
//! `id` and skip one already handled; never let an older event overwrite what a newer one said
//! (compare [`Event::created`], or re-read the subscription from the API before acting); and merge
//! feedback rather than replace it.
//!
//! ```
//! use std::collections::{HashMap, HashSet};
//! use stripe_billing_portal::webhooks::{Event, SubscriptionChange};
//!
//! #[derive(Default)]
//! struct Store {
//!     handled: HashSet<String>,                  // event ids
//!     last_seen: HashMap<String, i64>,           // subscription id → newest event `created`
//!     ends_at: HashMap<String, Option<i64>>,     // subscription id → scheduled end
//!     feedback: HashMap<String, String>,         // subscription id → survey answer
//! }
//!
//! fn handle(store: &mut Store, event: &Event) {
//!     if !store.handled.insert(event.id.clone()) {
//!         return; // a duplicate delivery
//!     }
//!     let Some(changes) = event.subscription_changes() else { return };
//!     let id = changes.subscription_id().to_owned();
//!     let newest = store.last_seen.get(&id).is_none_or(|seen| event.created >= *seen);
//!     for change in changes.iter() {
//!         match change {
//!             SubscriptionChange::CancellationScheduled { cancel_at, details, .. }
//!             | SubscriptionChange::Canceled { ended_at: cancel_at, details } => {
//!                 if newest {
//!                     store.ends_at.insert(id.clone(), *cancel_at);
//!                 }
//!                 if let Some(feedback) = &details.feedback {
//!                     store.feedback.insert(id.clone(), feedback.to_string()); // merge, never clear
//!                 }
//!             }
//!             SubscriptionChange::CancellationWithdrawn if newest => {
//!                 store.ends_at.remove(&id);
//!             }
//!             _ => {}
//!         }
//!     }
//!     if newest {
//!         store.last_seen.insert(id, event.created);
//!     }
//! }
//! # let _ = handle;
//! ```

use super::{Event, EventData};
use crate::invoices::Invoice;
use crate::subscriptions::{
    Subscription, SubscriptionCancellationDetails, SubscriptionPauseCollection, SubscriptionStatus,
};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};
use std::ops::Deref;

impl Event {
    /// What this event means for a subscription: which one, and what happened to it.
    ///
    /// `Some` for every `customer.subscription.*` event, for `customer.discount.*` events of a
    /// subscription's discount, and for the typed `invoice.*` events (`created`, `finalized`,
    /// `paid`, `payment_failed`) of a subscription's invoice; `None` for any other event
    /// (customer, payment method, SetupIntent, tax id, portal configuration or session, invoice
    /// item, subscription schedule, `invoice.payment_succeeded`, which Stripe sends next to
    /// `invoice.paid`, and types this crate does not type).
    pub fn subscription_changes(&self) -> Option<SubscriptionChanges<'_>> {
        let (subscription_id, changes): (&str, _) = match &self.data {
            EventData::CustomerSubscriptionCreated(subscription) => {
                (&subscription.id, vec![SubscriptionChange::Created])
            }
            EventData::CustomerSubscriptionUpdated(subscription) => {
                (&subscription.id, updated(subscription, self.previous_attributes.as_ref()))
            }
            EventData::CustomerSubscriptionDeleted(subscription) => (&subscription.id, vec![canceled(subscription)]),
            EventData::CustomerSubscriptionPaused(subscription) => (&subscription.id, vec![SubscriptionChange::Paused]),
            EventData::CustomerSubscriptionResumed(subscription) => {
                (&subscription.id, vec![SubscriptionChange::Resumed])
            }
            EventData::CustomerSubscriptionPendingUpdateApplied(subscription) => {
                (&subscription.id, vec![SubscriptionChange::PendingUpdateApplied])
            }
            EventData::CustomerSubscriptionPendingUpdateExpired(subscription) => {
                (&subscription.id, vec![SubscriptionChange::PendingUpdateExpired])
            }
            EventData::CustomerSubscriptionTrialWillEnd(subscription) => {
                (&subscription.id, vec![SubscriptionChange::TrialWillEnd { trial_end: subscription.trial_end }])
            }
            EventData::CustomerDiscountCreated(discount)
            | EventData::CustomerDiscountUpdated(discount)
            | EventData::CustomerDiscountDeleted(discount) => {
                (discount.subscription.as_deref()?, vec![SubscriptionChange::DiscountsChanged])
            }
            EventData::InvoiceCreated(invoice) => invoice_change(invoice, SubscriptionChange::InvoiceCreated)?,
            EventData::InvoiceFinalized(invoice) => invoice_change(invoice, SubscriptionChange::InvoiceFinalized)?,
            EventData::InvoicePaid(invoice) => invoice_change(invoice, SubscriptionChange::InvoicePaid)?,
            EventData::InvoicePaymentFailed(invoice) => invoice_change(
                invoice,
                SubscriptionChange::PaymentFailed {
                    attempt_count: invoice.attempt_count,
                    next_payment_attempt: invoice.next_payment_attempt,
                },
            )?,
            _ => return None,
        };
        Some(SubscriptionChanges { event: self, subscription_id, changes })
    }
}

fn invoice_change(invoice: &Invoice, change: SubscriptionChange) -> Option<(&str, Vec<SubscriptionChange>)> {
    Some((invoice.subscription_id()?, vec![change]))
}

/// What an event means for one subscription: its id, the subscription when the event carries it,
/// and the [`SubscriptionChange`]s (dereferences to a slice of them).
///
/// For `customer.subscription.updated` it also reads `previous_attributes`:
/// [`previous`](Self::previous), [`previous_items`](Self::previous_items),
/// [`previous_status`](Self::previous_status).
#[derive(Clone, Debug)]
pub struct SubscriptionChanges<'a> {
    event: &'a Event,
    subscription_id: &'a str,
    changes: Vec<SubscriptionChange>,
}

/// One thing that happened to a subscription. See [`Event::subscription_changes`].
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SubscriptionChange {
    /// `customer.subscription.created`.
    Created,
    /// A cancellation is scheduled: the customer keeps access until `cancel_at`, then a
    /// `customer.subscription.deleted` ([`Canceled`](Self::Canceled)) follows.
    ///
    /// Reported by the event that scheduled it (or moved its date), and again by the one that
    /// added the customer's feedback to it: the portal sends the survey answer in a second
    /// `customer.subscription.updated`.
    CancellationScheduled {
        /// At the end of the period, or at a chosen time.
        mode: CancellationMode,
        /// When the subscription will end, Unix seconds (`None` only when classic billing mode
        /// did not say).
        cancel_at: Option<i64>,
        /// Reason, feedback, feedback option and comment, as this event carries them.
        details: SubscriptionCancellationDetails,
    },
    /// A scheduled cancellation was withdrawn: the customer renewed in the portal.
    CancellationWithdrawn,
    /// The subscription ended (`customer.subscription.deleted`), or the feedback on an ended one
    /// arrived.
    Canceled {
        /// When it ended, Unix seconds.
        ended_at: Option<i64>,
        /// Reason, feedback, feedback option and comment, as this event carries them.
        details: SubscriptionCancellationDetails,
    },
    /// The subscription entered `status=paused` (the portal's pause, or a trial that ended without
    /// a payment method).
    Paused,
    /// The subscription left `status=paused`.
    Resumed,
    /// Payment collection was paused (or its terms changed); `status` stays as it was.
    CollectionPaused(SubscriptionPauseCollection),
    /// Payment collection resumed.
    CollectionResumed,
    /// The set of prices changed: an upgrade, a downgrade, an interval switch. Compare
    /// [`SubscriptionChanges::previous_items`] with the subscription's items to tell which.
    PriceChanged,
    /// The quantity of an item still subscribed to changed.
    QuantityChanged,
    /// A price or quantity change was scheduled for a later date: a subscription schedule was
    /// attached (`schedule` was null), as the portal does when a `schedule_at_period_end`
    /// condition holds. The items are unchanged until the schedule applies the change, in a later
    /// event giving [`PriceChanged`](Self::PriceChanged) or [`QuantityChanged`](Self::QuantityChanged).
    UpdateScheduled,
    /// The status changed otherwise (e.g. `trialing` → `active`, `active` → `past_due`).
    StatusChanged {
        /// The status before, when `previous_attributes` gave it as text.
        from: Option<SubscriptionStatus>,
        /// The status now.
        to: SubscriptionStatus,
    },
    /// Discounts were added, replaced or removed (a retention coupon accepted, for example).
    DiscountsChanged,
    /// The subscription's default payment method changed.
    DefaultPaymentMethodChanged,
    /// `customer.subscription.pending_update_applied`.
    PendingUpdateApplied,
    /// `customer.subscription.pending_update_expired`.
    PendingUpdateExpired,
    /// `customer.subscription.trial_will_end`.
    TrialWillEnd {
        /// When the trial ends, Unix seconds.
        trial_end: Option<i64>,
    },
    /// `invoice.created` for the subscription.
    InvoiceCreated,
    /// `invoice.finalized` for the subscription.
    InvoiceFinalized,
    /// `invoice.paid` for the subscription.
    InvoicePaid,
    /// `invoice.payment_failed` for the subscription.
    PaymentFailed {
        /// How many attempts failed so far.
        attempt_count: u64,
        /// When Stripe tries again, Unix seconds (`None`: it does not).
        next_payment_attempt: Option<i64>,
    },
    /// A `customer.subscription.updated` that changed none of the above: the names of the fields
    /// that changed (from `previous_attributes`), sorted.
    Updated {
        /// The changed fields.
        fields: Vec<String>,
    },
}

/// When a scheduled cancellation takes effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancellationMode {
    /// At the end of the current period: `cancel_at_period_end` (classic billing mode), or a
    /// `cancel_at` equal to the items' latest `current_period_end` (flexible billing mode, where
    /// the portal leaves `cancel_at_period_end` false).
    AtPeriodEnd,
    /// At another time, Unix seconds (a `cancel_at` chosen through the API).
    At(i64),
}

impl<'a> SubscriptionChanges<'a> {
    /// The subscription (`sub_…`).
    pub fn subscription_id(&self) -> &'a str {
        self.subscription_id
    }

    /// The subscription as the event shows it (after the change), for `customer.subscription.*`
    /// events; `None` for discount and invoice events, which carry their own object.
    pub fn subscription(&self) -> Option<&'a Subscription> {
        self.event.data.subscription()
    }

    /// The event these changes come from.
    pub fn event(&self) -> &'a Event {
        self.event
    }

    /// The old value of a field that changed, as sent in `previous_attributes`.
    pub fn previous(&self, field: &str) -> Option<&'a Value> {
        self.event.previous_attributes.as_ref()?.get(field)
    }

    /// The items as they were, when the items changed (price, quantity, added or removed).
    pub fn previous_items(&self) -> Option<Vec<PreviousItem>> {
        previous_items(self.event.previous_attributes.as_ref()?)
    }

    /// The status before the update, when it changed.
    pub fn previous_status(&self) -> Option<SubscriptionStatus> {
        self.previous("status")?.as_str().map(SubscriptionStatus::from)
    }
}

impl Deref for SubscriptionChanges<'_> {
    type Target = [SubscriptionChange];

    fn deref(&self) -> &[SubscriptionChange] {
        &self.changes
    }
}

crate::object! {
    /// One subscription item as it was before an update.
    #[derive(Default, Eq)]
    pub struct PreviousItem {
        id: Option<String> = "The item (`si_…`).",
        price: Option<String> [default, deserialize_with = "price_id"] = "Its price then (`price_…`).",
        quantity: Option<u64> = "Its quantity then.",
    }
}

fn canceled(subscription: &Subscription) -> SubscriptionChange {
    SubscriptionChange::Canceled {
        ended_at: subscription.ended_at,
        details: subscription.cancellation_details.clone().unwrap_or_default(),
    }
}

fn cancellation_mode(subscription: &Subscription) -> CancellationMode {
    match subscription.cancel_at {
        _ if subscription.cancel_at_period_end => CancellationMode::AtPeriodEnd,
        Some(at) if Some(at) != subscription.current_period_end() => CancellationMode::At(at),
        _ => CancellationMode::AtPeriodEnd,
    }
}

/// The changes a `customer.subscription.updated` describes.
fn updated(subscription: &Subscription, previous: Option<&Map<String, Value>>) -> Vec<SubscriptionChange> {
    let empty = Map::new();
    let previous = previous.unwrap_or(&empty);
    let mut changes = Vec::new();

    let cancellation_touched = ["cancel_at", "cancel_at_period_end", "canceled_at", "cancellation_details"]
        .iter()
        .any(|f| previous.contains_key(*f));
    if cancellation_touched {
        if subscription.status == SubscriptionStatus::Canceled {
            changes.push(canceled(subscription));
        } else if subscription.cancellation_scheduled() {
            changes.push(SubscriptionChange::CancellationScheduled {
                mode: cancellation_mode(subscription),
                cancel_at: subscription.cancel_at,
                details: subscription.cancellation_details.clone().unwrap_or_default(),
            });
        } else if previous.get("cancel_at").is_some_and(Value::is_number)
            || previous.get("cancel_at_period_end") == Some(&Value::Bool(true))
        {
            changes.push(SubscriptionChange::CancellationWithdrawn);
        }
    }

    if let Some(from) = previous.get("status") {
        let from = from.as_str().map(SubscriptionStatus::from);
        let to = &subscription.status;
        let change = match (&from, to) {
            (_, SubscriptionStatus::Paused) => SubscriptionChange::Paused,
            (_, SubscriptionStatus::Canceled) => canceled(subscription),
            (Some(SubscriptionStatus::Paused), _) => SubscriptionChange::Resumed,
            _ => SubscriptionChange::StatusChanged { from, to: to.clone() },
        };
        if !changes.contains(&change) {
            changes.push(change);
        }
    }

    if previous.contains_key("pause_collection") {
        changes.push(match &subscription.pause_collection {
            Some(pause) => SubscriptionChange::CollectionPaused(pause.clone()),
            None => SubscriptionChange::CollectionResumed,
        });
    }

    let old_items = previous_items(previous);
    if price_changed(subscription, old_items.as_deref(), previous) {
        changes.push(SubscriptionChange::PriceChanged);
    }
    if quantity_changed(subscription, old_items.as_deref(), previous) {
        changes.push(SubscriptionChange::QuantityChanged);
    }
    if previous.contains_key("discounts") || previous.contains_key("discount") {
        changes.push(SubscriptionChange::DiscountsChanged);
    }
    if previous.contains_key("default_payment_method") {
        changes.push(SubscriptionChange::DefaultPaymentMethodChanged);
    }
    if previous.get("schedule") == Some(&Value::Null) {
        changes.push(SubscriptionChange::UpdateScheduled);
    }

    if changes.is_empty() {
        let mut fields: Vec<String> = previous.keys().cloned().collect();
        fields.sort_unstable();
        changes.push(SubscriptionChange::Updated { fields });
    }
    changes
}

/// Whether the set of prices subscribed to changed.
fn price_changed(subscription: &Subscription, old: Option<&[PreviousItem]>, previous: &Map<String, Value>) -> bool {
    let Some(old) = old else {
        // Before 2018 single-price subscriptions reported the change in `plan`.
        return previous.contains_key("plan");
    };
    let mut before: Vec<Option<&str>> = old.iter().map(|item| item.price.as_deref()).collect();
    let mut after: Vec<Option<&str>> =
        subscription.items.data.iter().map(|item| Some(item.price.id.as_str())).collect();
    before.sort_unstable();
    after.sort_unstable();
    before != after
}

/// Whether the quantity of an item that is still subscribed changed.
fn quantity_changed(subscription: &Subscription, old: Option<&[PreviousItem]>, previous: &Map<String, Value>) -> bool {
    if previous.contains_key("quantity") {
        return true;
    }
    old.unwrap_or_default().iter().any(|old| {
        subscription
            .items
            .data
            .iter()
            .any(|now| old.id.as_deref() == Some(now.id.as_str()) && old.quantity != now.quantity)
    })
}

fn previous_items(previous: &Map<String, Value>) -> Option<Vec<PreviousItem>> {
    #[derive(Deserialize)]
    struct Items {
        #[serde(default)]
        data: Vec<PreviousItem>,
    }
    Some(Items::deserialize(previous.get("items")?).ok()?.data)
}

/// A price in `previous_attributes`: its id, from the object or (unusually) the bare id.
fn price_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Price {
        Id(String),
        Object { id: Option<String> },
    }
    Ok(match Option::<Price>::deserialize(deserializer)? {
        Some(Price::Id(id)) => Some(id),
        Some(Price::Object { id }) => id,
        None => None,
    })
}
