//! Subscriptions, as far as a portal backend acts on them: `/v1/subscriptions`.
//!
//! | call | method and path | params |
//! |---|---|---|
//! | [`Subscriptions::retrieve`] | `GET /v1/subscriptions/{id}` | `expand` via [`Call::expand`] (query string) |
//! | [`Subscriptions::list`] | `GET /v1/subscriptions` | [`SubscriptionListParams`] (query string); see [`Call::paginate`] |
//! | [`Subscriptions::update`] | `POST /v1/subscriptions/{id}` | [`SubscriptionUpdateParams`] (form body) |
//! | [`Subscriptions::cancel`] | `DELETE /v1/subscriptions/{id}` | [`SubscriptionCancelParams`] (query string) |
//! | [`Subscriptions::cancel_at_period_end`] | `POST /v1/subscriptions/{id}` | `cancel_at_period_end=true` |
//! | [`Subscriptions::undo_cancel`] | `POST /v1/subscriptions/{id}` | `cancel_at_period_end=false` or `cancel_at=`, whichever undoes the scheduled end |
//!
//! ```no_run
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::subscriptions::{SubscriptionListParams, SubscriptionListStatus};
//!
//! // The customer's subscriptions, cancelled ones included.
//! let all = client
//!     .subscriptions()
//!     .list(SubscriptionListParams::new().customer("cus_123").status(SubscriptionListStatus::All))
//!     .collect_at_most(100)
//!     .await?;
//!
//! // "Cancel at the end of the period", then "Keep my subscription".
//! let scheduled = client.subscriptions().cancel_at_period_end("sub_123").send().await?;
//! let kept = client.subscriptions().undo_cancel(&scheduled).send().await?;
//! # let _ = (all, kept); Ok(()) }
//! ```
//!
//! ## Deep-linking into an update
//!
//! A `subscription_update_confirm` deep link names the subscription item to change; retrieve the
//! subscription to find it. For a subscription with one item, [`Subscription::update_confirm`]
//! builds the flow:
//!
//! ```no_run
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
//!
//! let subscription = client.subscriptions().retrieve("sub_123").send().await?;
//! let confirm = subscription.update_confirm("price_gold", 1)?;
//! let session = client
//!     .sessions()
//!     .create(SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_update_confirm(confirm)))
//!     .send()
//!     .await?;
//! # let _ = session; Ok(()) }
//! ```

mod cancel_params;
mod list_params;
mod object;
mod update_confirm;
mod update_params;

pub use cancel_params::SubscriptionCancelParams;
pub use list_params::{SubscriptionListParams, SubscriptionListStatus};
pub use object::{
    BillingMode, BillingModeType, CancellationFeedback, CancellationReason, CollectionMethod, PendingUpdate, Price,
    PriceRecurring, PriceTaxBehavior, PriceType, Product, Subscription, SubscriptionCancellationDetails,
    SubscriptionItem, SubscriptionPauseCollection, SubscriptionPauseType, SubscriptionSchedule,
    SubscriptionSchedulePhase, SubscriptionScheduleStatus, SubscriptionStatus, SubscriptionStatusDetails,
    SubscriptionStatusDetailsPaused,
};
pub use update_params::{
    CancelAt, CancellationDetails, PauseCollection, PauseCollectionBehavior, SubscriptionItemUpdate,
    SubscriptionUpdateParams,
};

use crate::client::list::List;
use crate::resources::endpoints::endpoints;
use crate::wire::emptyable::Emptyable;
use crate::wire::leaf::SubscriptionId;
use crate::{Call, Client};

const PATH: &str = "/v1/subscriptions";

/// The subscription endpoints a portal backend needs. Get one with [`Client::subscriptions`].
#[derive(Clone, Copy, Debug)]
pub struct Subscriptions<'c> {
    client: &'c Client,
}

impl Client {
    /// Subscriptions: `/v1/subscriptions`.
    pub fn subscriptions(&self) -> Subscriptions<'_> {
        Subscriptions { client: self }
    }
}

impl Subscriptions<'_> {
    endpoints! {
        /// `GET /v1/subscriptions/{id}`: subscription `id` (`sub_…`), with its items. Add
        /// [`expand`](Call::expand) to the call to expand related objects.
        fn retrieve(id) -> Subscription { get(PATH).with_id::<SubscriptionId>("subscription", id) }

        /// `GET /v1/subscriptions`: one page of subscriptions, newest first (cancelled ones only with
        /// a `status` filter that includes them). Call [`paginate`](Call::paginate) or
        /// [`collect_at_most`](Call::collect_at_most) on it to go through every page.
        fn list(params: SubscriptionListParams) -> List<Subscription> { get(PATH) }

        /// `POST /v1/subscriptions/{id}`: change subscription `id` (`sub_…`).
        fn update(id, params: SubscriptionUpdateParams) -> Subscription { post(PATH).with_id::<SubscriptionId>("subscription", id) }

        /// `DELETE /v1/subscriptions/{id}`: cancel subscription `id` (`sub_…`) now. Its status becomes
        /// `canceled`; this cannot be undone. To end it when the paid period ends instead, use
        /// [`cancel_at_period_end`](Self::cancel_at_period_end).
        ///
        /// A `DELETE` carries no idempotency key (Stripe ignores one). If an attempt went through
        /// but its answer was lost, the retry gets 404 `resource_missing`: when the error's
        /// [`attempts`](crate::Error::attempts) is above 1, retrieve the subscription to see
        /// whether it is `canceled`.
        fn cancel(id, params: SubscriptionCancelParams) -> Subscription { delete(PATH).with_id::<SubscriptionId>("subscription", id) }
    }

    /// Schedules the end of subscription `id` at the end of its current period:
    /// `POST /v1/subscriptions/{id}` with `cancel_at_period_end=true`. Add
    /// `cancellation_details` by calling [`update`](Self::update) with
    /// [`SubscriptionUpdateParams::cancel_at_period_end`] yourself.
    pub fn cancel_at_period_end(&self, id: impl Into<String>) -> Call<SubscriptionUpdateParams, Subscription> {
        self.update(id, SubscriptionUpdateParams::new().cancel_at_period_end(true))
    }

    /// Undoes a scheduled cancellation ("keep my subscription"), whichever way it was scheduled:
    /// `cancel_at_period_end=false` when `subscription.cancel_at_period_end` is set (classic
    /// billing mode), otherwise `cancel_at=` (a `cancel_at` date, as the portal sets in flexible
    /// billing mode). Sending it for a subscription with nothing scheduled changes nothing, so a
    /// handler can send it again safely.
    #[doc(alias = "renew")]
    #[doc(alias = "reactivate")]
    pub fn undo_cancel(&self, subscription: &Subscription) -> Call<SubscriptionUpdateParams, Subscription> {
        let params = if subscription.cancel_at_period_end {
            SubscriptionUpdateParams::new().cancel_at_period_end(false)
        } else {
            SubscriptionUpdateParams::new().cancel_at(Emptyable::Clear)
        };
        self.update(subscription.id.clone(), params)
    }
}
