//! Subscriptions: the subset the portal needs, and `GET /v1/subscriptions/{id}`.
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

mod object;
mod update_confirm;

pub use object::{Price, PriceRecurring, Subscription, SubscriptionItem, SubscriptionStatus};

use crate::client::call::{Call, Endpoint};
use crate::{Client, RetrieveParams};

/// The subscription endpoints the portal needs. Get one with [`Client::subscriptions`].
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
    /// `GET /v1/subscriptions/{id}`: subscription `id` (`sub_…`), with its items. Add
    /// [`expand`](Call::expand) to the call to expand related objects.
    pub fn retrieve(&self, id: impl Into<String>) -> Call<RetrieveParams, Subscription> {
        Call::new(self.client, Endpoint::get("/v1/subscriptions").with_id("subscription", id), RetrieveParams::new())
    }
}
