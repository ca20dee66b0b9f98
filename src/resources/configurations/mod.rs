//! Portal configurations: `/v1/billing_portal/configurations`.
//!
//! A configuration decides what the portal lets customers do (features), what it shows about the
//! business, and where it sends customers back to. An account has one default configuration; keep
//! more (per customer segment, per connected account) and pick one per session with
//! `SessionCreateParams::configuration` (module `sessions`).
//!
//! | call | method and path | params |
//! |---|---|---|
//! | [`Configurations::create`] | `POST /v1/billing_portal/configurations` | [`ConfigurationCreateParams`] (form body) |
//! | [`Configurations::update`] | `POST /v1/billing_portal/configurations/{id}` | [`ConfigurationUpdateParams`] (form body) |
//! | [`Configurations::retrieve`] | `GET /v1/billing_portal/configurations/{id}` | `expand` via [`Call::expand`] (query string) |
//! | [`Configurations::list`] | `GET /v1/billing_portal/configurations` | [`ConfigurationListParams`] (query string); see [`Call::paginate`] |
//!
//! Fields Stripe lets you clear take an [`Emptyable`](crate::Emptyable): leave, clear, or set.
//!
//! ```no_run
//! # async fn run() -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::configurations::{ConfigurationCreateParams, Features, PaymentMethodUpdateFeature};
//! use stripe_billing_portal::Client;
//!
//! let client = Client::new("sk_test_...")?;
//! let configuration = client
//!     .configurations()
//!     .create(
//!         ConfigurationCreateParams::new(
//!             Features::new().invoice_history(true).payment_method_update(PaymentMethodUpdateFeature::new(true)),
//!         )
//!         .name("Invoices and cards only"),
//!     )
//!     .send()
//!     .await?;
//! println!("created {}", configuration.id);
//! # Ok(()) }
//! ```
//!
//! [`Call::expand`]: crate::Call::expand
//! [`Call::paginate`]: crate::Call::paginate

mod enums;
mod features;
mod object;
mod params;

pub use enums::{
    BillingCycleAnchor, CancellationReasonOption, CustomerUpdateAllowedUpdate, PauseDurationType, PauseInterval,
    ProrationBehavior, ScheduleAtPeriodEndCondition, SubscriptionCancelMode, SubscriptionUpdateAllowedUpdate,
    TrialUpdateBehavior,
};
pub use features::{
    AdjustableQuantity, CancellationReason, CustomerUpdateFeature, Features, PauseDuration, PauseIntervalOption,
    PaymentMethodUpdateFeature, SubscriptionCancelFeature, SubscriptionPauseFeature, SubscriptionUpdateFeature,
    SubscriptionUpdateProduct, MAX_PRODUCTS,
};
pub use object::{
    Application, Configuration, ConfigurationAdjustableQuantity, ConfigurationBusinessProfile,
    ConfigurationCancellationReason, ConfigurationCustomerUpdate, ConfigurationFeatures, ConfigurationInvoiceHistory,
    ConfigurationLoginPage, ConfigurationPauseDuration, ConfigurationPauseIntervalOption,
    ConfigurationPaymentMethodUpdate, ConfigurationProduct, ConfigurationScheduleAtPeriodEnd,
    ConfigurationScheduleCondition, ConfigurationSubscriptionCancel, ConfigurationSubscriptionPause,
    ConfigurationSubscriptionUpdate, FeedbackOption,
};
pub use params::{BusinessProfile, ConfigurationCreateParams, ConfigurationListParams, ConfigurationUpdateParams};

/// The params of [`Configurations::retrieve`]: `expand` only.
pub type ConfigurationRetrieveParams = crate::RetrieveParams;

use crate::client::list::List;
use crate::resources::endpoints::endpoints;
use crate::Client;

const PATH: &str = "/v1/billing_portal/configurations";

/// The portal-configuration endpoints. Get one with [`Client::configurations`].
#[derive(Clone, Copy, Debug)]
pub struct Configurations<'c> {
    client: &'c Client,
}

impl Client {
    /// Portal configurations: `/v1/billing_portal/configurations`.
    pub fn configurations(&self) -> Configurations<'_> {
        Configurations { client: self }
    }
}

impl Configurations<'_> {
    endpoints! {
        /// `POST /v1/billing_portal/configurations`: a new configuration.
        fn create(params: ConfigurationCreateParams) -> Configuration { post(PATH) }

        /// `POST /v1/billing_portal/configurations/{id}`: change configuration `id` (`bpc_…`).
        fn update(id, params: ConfigurationUpdateParams) -> Configuration { post(PATH).with_id("configuration", id) }

        /// `GET /v1/billing_portal/configurations/{id}`: configuration `id` (`bpc_…`). Add
        /// [`expand`](crate::Call::expand) to the call to expand `application`.
        fn retrieve(id) -> Configuration { get(PATH).with_id("configuration", id) }

        /// `GET /v1/billing_portal/configurations`: one page of configurations, newest first. Call
        /// [`paginate`](crate::Call::paginate) or [`collect_at_most`](crate::Call::collect_at_most)
        /// on it to go through every page.
        fn list(params: ConfigurationListParams) -> List<Configuration> { get(PATH) }
    }
}
