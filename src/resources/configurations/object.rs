//! [`Configuration`]: the `billing_portal.configuration` object.
//!
//! Decoding is tolerant in the ways Stripe's evolution needs: unknown fields are ignored, unknown
//! enum values land in `Other`, nullable fields are `Option`, a `null` list reads as empty, and a
//! feature missing from the response (older API versions have no `subscription_pause`) is `None`.

use super::enums::{
    BillingCycleAnchor, CancellationReasonOption, CustomerUpdateAllowedUpdate, PauseDurationType, PauseInterval,
    ProrationBehavior, ScheduleAtPeriodEndCondition, SubscriptionCancelMode, SubscriptionUpdateAllowedUpdate,
    TrialUpdateBehavior,
};
pub use crate::feedback_options::FeedbackOption;
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Expandable, Object};
use serde::Deserialize;
use std::collections::HashMap;

/// A portal configuration.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Configuration {
    /// `bpc_…`.
    pub id: String,
    /// Whether sessions can use it.
    pub active: bool,
    /// The Connect application that created it: its id, or the object when expanded.
    #[serde(default)]
    pub application: Option<Expandable<Application>>,
    /// What the portal shows about the business.
    #[serde(default)]
    pub business_profile: ConfigurationBusinessProfile,
    /// Whether it is the account's default configuration.
    pub is_default: bool,
    /// Its name, if set.
    pub name: Option<String>,
    /// Where customers return to when a session sets no `return_url`.
    pub default_return_url: Option<String>,
    /// What the portal lets customers do.
    #[serde(default)]
    pub features: ConfigurationFeatures,
    /// The shareable login link.
    #[serde(default)]
    pub login_page: ConfigurationLoginPage,
    /// Your key-value data (empty when there is none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// `true` in live mode.
    pub livemode: bool,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// Last update time, Unix seconds.
    pub updated: i64,
}

impl Object for Configuration {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A Connect application (`ca_…`), as expanded in `application`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Application {
    /// `ca_…`.
    pub id: String,
    /// Its name.
    pub name: Option<String>,
    /// `true` when the application has been deleted.
    #[serde(default)]
    pub deleted: bool,
}

impl Object for Application {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `business_profile` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationBusinessProfile {
    /// The line shown above the portal.
    pub headline: Option<String>,
    /// The privacy policy link.
    pub privacy_policy_url: Option<String>,
    /// The terms of service link.
    pub terms_of_service_url: Option<String>,
}

/// `login_page` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationLoginPage {
    /// Whether the login link is on.
    #[serde(default)]
    pub enabled: bool,
    /// The login link, when on.
    pub url: Option<String>,
}

/// `features` of a configuration. A feature the response leaves out is `None`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationFeatures {
    /// Editing customer details.
    pub customer_update: Option<ConfigurationCustomerUpdate>,
    /// The invoice history.
    pub invoice_history: Option<ConfigurationInvoiceHistory>,
    /// Managing payment methods.
    pub payment_method_update: Option<ConfigurationPaymentMethodUpdate>,
    /// Cancelling subscriptions.
    pub subscription_cancel: Option<ConfigurationSubscriptionCancel>,
    /// Pausing subscriptions.
    pub subscription_pause: Option<ConfigurationSubscriptionPause>,
    /// Changing plans and quantities.
    pub subscription_update: Option<ConfigurationSubscriptionUpdate>,
}

/// `features[customer_update]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationCustomerUpdate {
    /// The details customers can edit.
    #[serde(default, deserialize_with = "null_as_default")]
    pub allowed_updates: Vec<CustomerUpdateAllowedUpdate>,
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
}

/// `features[invoice_history]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationInvoiceHistory {
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
}

/// `features[payment_method_update]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationPaymentMethodUpdate {
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
    /// The payment method configuration (`pmc_…`) in use, if one is set.
    pub payment_method_configuration: Option<String>,
}

/// `features[subscription_cancel]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationSubscriptionCancel {
    /// The reasons asked for.
    #[serde(default)]
    pub cancellation_reason: ConfigurationCancellationReason,
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
    /// When cancellations take effect.
    pub mode: Option<SubscriptionCancelMode>,
    /// Whether immediate cancellations are prorated.
    pub proration_behavior: Option<ProrationBehavior>,
}

/// `features[subscription_cancel][cancellation_reason]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationCancellationReason {
    /// Whether customers are asked for a reason.
    #[serde(default)]
    pub enabled: bool,
    /// The feedback options offered: ids, or objects when expanded. `None` when Stripe sends `null`
    /// or nothing.
    #[serde(default)]
    pub feedback_options: Option<Vec<Expandable<FeedbackOption>>>,
    /// The reasons to choose from.
    #[serde(default, deserialize_with = "null_as_default")]
    pub options: Vec<CancellationReasonOption>,
}

/// `features[subscription_pause]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationSubscriptionPause {
    /// How long customers can pause.
    #[serde(default)]
    pub duration: ConfigurationPauseDuration,
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
}

/// `features[subscription_pause][duration]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationPauseDuration {
    /// The lengths to choose from, for `interval_options`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub interval_options: Vec<ConfigurationPauseIntervalOption>,
    /// `indefinite` or `interval_options`.
    #[serde(rename = "type")]
    pub kind: Option<PauseDurationType>,
}

/// One pause length of a configuration.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationPauseIntervalOption {
    /// The unit.
    pub interval: PauseInterval,
    /// How many units.
    pub interval_count: Option<u32>,
}

/// `features[subscription_update]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationSubscriptionUpdate {
    /// Where the billing cycle starts after a change, when set.
    pub billing_cycle_anchor: Option<BillingCycleAnchor>,
    /// What customers can change.
    #[serde(default, deserialize_with = "null_as_default")]
    pub default_allowed_updates: Vec<SubscriptionUpdateAllowedUpdate>,
    /// Whether the feature is on.
    #[serde(default)]
    pub enabled: bool,
    /// The products customers can switch between; `None` when Stripe sends `null` or nothing.
    #[serde(default)]
    pub products: Option<Vec<ConfigurationProduct>>,
    /// How changes are prorated.
    pub proration_behavior: Option<ProrationBehavior>,
    /// The changes that wait for the end of the period.
    #[serde(default)]
    pub schedule_at_period_end: ConfigurationScheduleAtPeriodEnd,
    /// What a change does to a trial.
    pub trial_update_behavior: Option<TrialUpdateBehavior>,
}

/// A product of `features[subscription_update][products]`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationProduct {
    /// Whether and within which bounds customers set the quantity.
    pub adjustable_quantity: Option<ConfigurationAdjustableQuantity>,
    /// The prices (`price_…`) customers can pick.
    #[serde(default, deserialize_with = "null_as_default")]
    pub prices: Vec<String>,
    /// The product (`prod_…`).
    pub product: String,
}

/// `adjustable_quantity` of a product.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationAdjustableQuantity {
    /// Whether customers can change the quantity.
    #[serde(default)]
    pub enabled: bool,
    /// The largest quantity.
    pub maximum: Option<u64>,
    /// The smallest quantity.
    pub minimum: Option<u64>,
}

/// `features[subscription_update][schedule_at_period_end]` of a configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationScheduleAtPeriodEnd {
    /// The conditions under which a change waits.
    #[serde(default, deserialize_with = "null_as_default")]
    pub conditions: Vec<ConfigurationScheduleCondition>,
}

/// One condition of `schedule_at_period_end`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ConfigurationScheduleCondition {
    /// The kind of change.
    #[serde(rename = "type")]
    pub kind: ScheduleAtPeriodEndCondition,
}
