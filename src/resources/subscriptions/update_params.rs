//! The params of `POST /v1/subscriptions/{id}` a portal backend sends, and the
//! `cancellation_details` it shares with the cancel call.

use crate::configurations::{CancellationReasonOption, ProrationBehavior};
use crate::leaf::{Id, SubscriptionItemId, Text, Timestamp};
use crate::resources::builders::{metadata_update_methods, setters};
use crate::wire::emptyable::{Emptyable, MetadataUpdate};
use serde::Serialize;

/// `cancel_at`: when the subscription ends.
///
/// A plain timestamp converts into it, so `.cancel_at(1_893_456_000)` works, as does
/// `.cancel_at(Emptyable::Clear)` to undo a scheduled end.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CancelAt {
    /// At this time (Unix seconds).
    At(Timestamp),
    /// At the latest `current_period_end` among the items, fixed now (flexible billing mode; the
    /// successor of `cancel_at_period_end` there).
    MaxPeriodEnd,
    /// At the earliest `current_period_end` among the items, fixed now (flexible billing mode).
    MinPeriodEnd,
}

impl Serialize for CancelAt {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            CancelAt::At(at) => at.serialize(serializer),
            CancelAt::MaxPeriodEnd => serializer.serialize_str("max_period_end"),
            CancelAt::MinPeriodEnd => serializer.serialize_str("min_period_end"),
        }
    }
}

impl From<Timestamp> for CancelAt {
    fn from(at: Timestamp) -> Self {
        CancelAt::At(at)
    }
}

// Never empty: each refuses a broken value itself (open enums get the impl from `open_enum!`).
impl crate::EmptyValue for CancelAt {}
impl crate::EmptyValue for PauseCollection {}

impl From<Timestamp> for Emptyable<CancelAt> {
    fn from(at: Timestamp) -> Self {
        Emptyable::Set(CancelAt::At(at))
    }
}

impl From<i64> for Emptyable<CancelAt> {
    fn from(at: i64) -> Self {
        Emptyable::Set(CancelAt::At(Timestamp::from(at)))
    }
}

/// `cancellation_details`: why a subscription is cancelled, as on the portal's survey.
///
/// Sent with an update that schedules a cancellation, or with the cancel call.
///
/// ```
/// use stripe_billing_portal::configurations::CancellationReasonOption;
/// use stripe_billing_portal::subscriptions::CancellationDetails;
///
/// let details = CancellationDetails::new().feedback(CancellationReasonOption::TooExpensive).comment("Budget cuts");
/// # let _ = details;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CancellationDetails {
    comment: Emptyable<Text>,
    feedback: Emptyable<CancellationReasonOption>,
    feedback_option: Option<Id>,
}

impl CancellationDetails {
    /// Nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// `[comment]`: the customer's own words (not empty), or [`Emptyable::Clear`].
        fn comment(comment: impl Into<Emptyable<Text>>) { comment = comment.into() }

        /// `[feedback]`: one of the portal's reasons, or [`Emptyable::Clear`].
        fn feedback(feedback: impl Into<Emptyable<CancellationReasonOption>>) { feedback = feedback.into() }

        /// `[feedback_option]`: the [`FeedbackOption`](crate::feedback_options::FeedbackOption) chosen, by id.
        fn feedback_option(id: impl Into<Id>) { feedback_option = Some(id.into()) }
    }
}

crate::open_enum! {
    /// `pause_collection[behavior]`: what happens to the invoices made while collection is paused.
    pub enum PauseCollectionBehavior {
        /// Invoices stay drafts.
        KeepAsDraft = "keep_as_draft",
        /// Invoices are finalized and marked uncollectible.
        MarkUncollectible = "mark_uncollectible",
        /// Invoices are finalized and voided.
        Void = "void",
    }
}

/// `pause_collection`: stop collecting payment for a while; the subscription stays `active` and
/// invoices are still made, handled as `behavior` says.
///
/// ```
/// use stripe_billing_portal::subscriptions::{PauseCollection, PauseCollectionBehavior};
///
/// let pause = PauseCollection::new(PauseCollectionBehavior::Void).resumes_at(1_893_456_000);
/// # let _ = pause;
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PauseCollection {
    behavior: PauseCollectionBehavior,
    resumes_at: Option<Timestamp>,
}

impl PauseCollection {
    /// Pause with this `[behavior]` until resumed.
    pub fn new(behavior: PauseCollectionBehavior) -> Self {
        Self { behavior, resumes_at: None }
    }

    setters! {
        /// `[resumes_at]`: resume collection by itself at this time (Unix seconds).
        fn resumes_at(at: impl Into<Timestamp>) { resumes_at = Some(at.into()) }
    }
}

/// One entry of `items[N]`: change an item's price or quantity, add an item, or delete one.
///
/// | change | builder | wire |
/// |---|---|---|
/// | new price | `SubscriptionItemUpdate::change("si_1").price("price_gold")` | `items[0][id]=si_1&items[0][price]=price_gold` |
/// | new quantity | `SubscriptionItemUpdate::change("si_1").quantity(3)` | `items[0][id]=si_1&items[0][quantity]=3` |
/// | add an item | `SubscriptionItemUpdate::add("price_addon").quantity(2)` | `items[0][price]=price_addon&items[0][quantity]=2` |
/// | delete an item | `SubscriptionItemUpdate::delete("si_2")` | `items[0][id]=si_2&items[0][deleted]=true` |
///
/// Prices are any id (legacy plan ids are valid prices). Quantities may be 0, which Stripe
/// accepts on subscription items.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SubscriptionItemUpdate {
    id: Option<SubscriptionItemId>,
    price: Option<Id>,
    quantity: Option<u64>,
    deleted: Option<bool>,
}

impl SubscriptionItemUpdate {
    /// Change item `id` (`si_…`); say what with [`price`](Self::price) and [`quantity`](Self::quantity).
    pub fn change(id: impl Into<SubscriptionItemId>) -> Self {
        Self { id: Some(id.into()), price: None, quantity: None, deleted: None }
    }

    /// Add an item subscribing to `price`.
    pub fn add(price: impl Into<Id>) -> Self {
        Self { id: None, price: Some(price.into()), quantity: None, deleted: None }
    }

    /// Remove item `id` (`si_…`) from the subscription: `[deleted]=true`.
    pub fn delete(id: impl Into<SubscriptionItemId>) -> Self {
        Self { id: Some(id.into()), price: None, quantity: None, deleted: Some(true) }
    }

    setters! {
        /// `[price]`: the price the item moves to.
        fn price(price: impl Into<Id>) { price = Some(price.into()) }

        /// `[quantity]`: the new quantity (0 is accepted).
        fn quantity(quantity: u64) { quantity = Some(quantity) }
    }
}

/// The params of `POST /v1/subscriptions/{id}`: the changes a portal backend makes.
///
/// Everything is optional; fields left out keep their value. For the two common cases, see
/// [`Subscriptions::cancel_at_period_end`](super::Subscriptions::cancel_at_period_end) and
/// [`Subscriptions::undo_cancel`](super::Subscriptions::undo_cancel).
///
/// ```
/// use stripe_billing_portal::configurations::ProrationBehavior;
/// use stripe_billing_portal::subscriptions::{SubscriptionItemUpdate, SubscriptionUpdateParams};
///
/// // Upgrade the one item to the gold price, invoicing the difference now.
/// let params = SubscriptionUpdateParams::new()
///     .item(SubscriptionItemUpdate::change("si_123").price("price_gold"))
///     .proration_behavior(ProrationBehavior::AlwaysInvoice)
///     .metadata("upgraded_from", "silver");
/// assert_eq!(
///     stripe_billing_portal::form::to_string(&params)?,
///     "items[0][id]=si_123&items[0][price]=price_gold&metadata[upgraded_from]=silver&proration_behavior=always_invoice"
/// );
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubscriptionUpdateParams {
    cancel_at: Emptyable<CancelAt>,
    cancel_at_period_end: Option<bool>,
    cancellation_details: Option<CancellationDetails>,
    items: Vec<SubscriptionItemUpdate>,
    metadata: MetadataUpdate,
    pause_collection: Emptyable<PauseCollection>,
    proration_behavior: Option<ProrationBehavior>,
    expand: Vec<Text>,
}

impl SubscriptionUpdateParams {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// `cancel_at`: end the subscription at this time (Unix seconds) or period end ([`CancelAt`]),
        /// or [`Emptyable::Clear`] to undo a scheduled end (this is how a flexible-billing-mode
        /// cancellation from the portal is undone).
        fn cancel_at(at: impl Into<Emptyable<CancelAt>>) { cancel_at = at.into() }

        /// `cancel_at_period_end`: end the subscription when its current period ends (`true`), or
        /// not (`false`, undoing a classic-billing-mode scheduled cancellation).
        fn cancel_at_period_end(cancel: bool) { cancel_at_period_end = Some(cancel) }

        /// `cancellation_details`: why it is being cancelled.
        fn cancellation_details(details: CancellationDetails) { cancellation_details = Some(details) }

        /// `items[N]`: one more item change; call once per item.
        fn item(item: SubscriptionItemUpdate) { items.push(item) }

        /// `pause_collection`: pause collecting payment ([`PauseCollection`]), or
        /// [`Emptyable::Clear`] (`pause_collection=`) to resume it.
        fn pause_collection(pause: impl Into<Emptyable<PauseCollection>>) { pause_collection = pause.into() }

        /// `proration_behavior`: how the change is prorated.
        fn proration_behavior(behavior: ProrationBehavior) { proration_behavior = Some(behavior) }

        /// `expand[N]`: also return this related object in full (e.g. `latest_invoice`).
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }
}

metadata_update_methods!(SubscriptionUpdateParams);
