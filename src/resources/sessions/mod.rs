//! Portal sessions: `POST /v1/billing_portal/sessions`.
//!
//! A session is a short-lived link to the portal for one customer. Create one when the customer
//! clicks "Manage billing" and redirect them to [`Session::url`].
//!
//! ```no_run
//! # async fn run() -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::{sessions::SessionCreateParams, Client};
//!
//! let client = Client::new("sk_test_...")?;
//! let session = client
//!     .sessions()
//!     .create(SessionCreateParams::new("cus_123").return_url("https://example.com/account"))
//!     .send()
//!     .await?;
//! println!("redirect to {}", session.url);
//! # Ok(()) }
//! ```
//!
//! Deep links ([`FlowData`]) open the portal on one action instead of its home page; see
//! [`flow_data`] for the table of flows.

pub mod flow_data;
mod object;
mod params;

pub use flow_data::{
    AfterCompletion, Flow, FlowData, FlowType, Retention, SubscriptionCancel, SubscriptionPause, SubscriptionUpdate,
    SubscriptionUpdateConfirm, SubscriptionUpdateConfirmDiscount, SubscriptionUpdateConfirmItem,
};
pub use object::{
    Session, SessionAfterCompletion, SessionAfterExpiration, SessionCustomerLogin, SessionFlow, SessionFlowKind,
    SessionRetention, SessionSubscription, SessionSubscriptionCancel, SessionSubscriptionUpdateConfirm,
    SessionUpdateConfirmDiscount, SessionUpdateConfirmItem,
};
pub use params::{AfterExpiration, Locale, SessionCreateParams};

use crate::resources::endpoints::endpoints;
use crate::Client;

/// The portal-session endpoints. Get one with [`Client::sessions`].
#[derive(Clone, Copy, Debug)]
pub struct Sessions<'c> {
    client: &'c Client,
}

impl Client {
    /// Portal sessions: `/v1/billing_portal/sessions`.
    pub fn sessions(&self) -> Sessions<'_> {
        Sessions { client: self }
    }
}

impl Sessions<'_> {
    endpoints! {
        /// `POST /v1/billing_portal/sessions`: a new portal session.
        fn create(params: SessionCreateParams) -> Session { post("/v1/billing_portal/sessions") }
    }
}
