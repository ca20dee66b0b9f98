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
use crate::wire::expandable::Expandable;
use crate::wire::tagged::{decode_tagged, deserialize_via_tagged, Unknown};
use serde::de::IgnoredAny;
use std::collections::HashMap;

crate::object! {
    /// A portal configuration.
    pub struct Configuration {
        id: String = "`bpc_…`.",
        active: bool = "Whether sessions can use it.",
        application: Option<Expandable<Application>> [default] =
            "The Connect application that created it: its id, or the object when expanded.",
        business_profile: ConfigurationBusinessProfile [default] = "What the portal shows about the business.",
        is_default: bool = "Whether it is the account's default configuration.",
        name: Option<String> = "Its name, if set.",
        default_return_url: Option<String> = "Where customers return to when a session sets no `return_url`.",
        features: ConfigurationFeatures [default] = "What the portal lets customers do.",
        login_page: ConfigurationLoginPage [default] = "The shareable login link.",
        metadata: HashMap<String, String> [null_as_default] = "Your key-value data (empty when there is none).",
        livemode: bool = "`true` in live mode.",
        created: i64 = "Creation time, Unix seconds.",
        updated: i64 = "Last update time, Unix seconds.",
    }

    /// A Connect application (`ca_…`), as expanded in `application`.
    #[derive(Eq)]
    pub struct Application {
        id: String = "`ca_…`.",
        name: Option<String> = "Its name.",
        deleted: bool [default] = "`true` when the application has been deleted.",
    }

    /// `business_profile` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationBusinessProfile {
        headline: Option<String> = "The line shown above the portal.",
        privacy_policy_url: Option<String> = "The privacy policy link.",
        terms_of_service_url: Option<String> = "The terms of service link.",
    }

    /// `login_page` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationLoginPage {
        enabled: bool [default] = "Whether the login link is on.",
        url: Option<String> = "The login link, when on.",
    }

    /// `features` of a configuration. A feature the response leaves out is `None`.
    #[derive(Default)]
    pub struct ConfigurationFeatures {
        customer_update: Option<ConfigurationCustomerUpdate> = "Editing customer details.",
        invoice_history: Option<ConfigurationInvoiceHistory> = "The invoice history.",
        payment_method_update: Option<ConfigurationPaymentMethodUpdate> = "Managing payment methods.",
        subscription_cancel: Option<ConfigurationSubscriptionCancel> = "Cancelling subscriptions.",
        subscription_pause: Option<ConfigurationSubscriptionPause> = "Pausing subscriptions.",
        subscription_update: Option<ConfigurationSubscriptionUpdate> = "Changing plans and quantities.",
    }

    /// `features[customer_update]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationCustomerUpdate {
        allowed_updates: Vec<CustomerUpdateAllowedUpdate> [null_as_default] = "The details customers can edit.",
        enabled: bool [default] = "Whether the feature is on.",
    }

    /// `features[invoice_history]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationInvoiceHistory {
        enabled: bool [default] = "Whether the feature is on.",
    }

    /// `features[payment_method_update]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationPaymentMethodUpdate {
        enabled: bool [default] = "Whether the feature is on.",
        payment_method_configuration: Option<String> =
            "The payment method configuration (`pmc_…`) in use, if one is set.",
    }

    /// `features[subscription_cancel]` of a configuration.
    #[derive(Default)]
    pub struct ConfigurationSubscriptionCancel {
        cancellation_reason: ConfigurationCancellationReason [default] = "The reasons asked for.",
        enabled: bool [default] = "Whether the feature is on.",
        mode: Option<SubscriptionCancelMode> = "When cancellations take effect.",
        proration_behavior: Option<ProrationBehavior> = "Whether immediate cancellations are prorated.",
    }

    /// `features[subscription_cancel][cancellation_reason]` of a configuration.
    #[derive(Default)]
    pub struct ConfigurationCancellationReason {
        enabled: bool [default] = "Whether customers are asked for a reason.",
        feedback_options: Option<Vec<Expandable<FeedbackOption>>> [default] =
            "The feedback options offered: ids, or objects when expanded. `None` when Stripe sends `null` or nothing.",
        options: Vec<CancellationReasonOption> [null_as_default] = "The reasons to choose from.",
    }

    /// `features[subscription_pause]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationSubscriptionPause {
        duration: Option<ConfigurationPauseDuration> [default] =
            "How long customers can pause; `None` when Stripe sends `null` or nothing.",
        enabled: bool [default] = "Whether the feature is on.",
    }

    /// One pause length of a configuration.
    #[derive(Eq)]
    pub struct ConfigurationPauseIntervalOption {
        interval: PauseInterval = "The unit.",
        interval_count: Option<u32> = "How many units.",
    }

    /// `features[subscription_update]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationSubscriptionUpdate {
        billing_cycle_anchor: Option<BillingCycleAnchor> = "Where the billing cycle starts after a change, when set.",
        default_allowed_updates: Vec<SubscriptionUpdateAllowedUpdate> [null_as_default] = "What customers can change.",
        enabled: bool [default] = "Whether the feature is on.",
        products: Option<Vec<ConfigurationProduct>> [default] =
            "The products customers can switch between; `None` when Stripe sends `null` or nothing.",
        proration_behavior: Option<ProrationBehavior> = "How changes are prorated.",
        schedule_at_period_end: ConfigurationScheduleAtPeriodEnd [default] =
            "The changes that wait for the end of the period.",
        trial_update_behavior: Option<TrialUpdateBehavior> = "What a change does to a trial.",
    }

    /// A product of `features[subscription_update][products]`.
    #[derive(Eq)]
    pub struct ConfigurationProduct {
        adjustable_quantity: Option<ConfigurationAdjustableQuantity> =
            "Whether and within which bounds customers set the quantity.",
        prices: Vec<String> [null_as_default] = "The prices (`price_…`) customers can pick.",
        product: String = "The product (`prod_…`).",
    }

    /// `adjustable_quantity` of a product.
    #[derive(Default, Eq)]
    pub struct ConfigurationAdjustableQuantity {
        enabled: bool [default] = "Whether customers can change the quantity.",
        maximum: Option<u64> = "The largest quantity.",
        minimum: Option<u64> = "The smallest quantity.",
    }

    /// `features[subscription_update][schedule_at_period_end]` of a configuration.
    #[derive(Default, Eq)]
    pub struct ConfigurationScheduleAtPeriodEnd {
        conditions: Vec<ConfigurationScheduleCondition> [null_as_default] =
            "The conditions under which a change waits.",
    }

    /// One condition of `schedule_at_period_end`.
    #[derive(Eq)]
    pub struct ConfigurationScheduleCondition {
        kind: ScheduleAtPeriodEndCondition [rename = "type"] = "The kind of change.",
    }
}

/// `features[subscription_pause][duration]` of a configuration: how long customers can pause, by
/// its `type`. The lengths of `interval_options` are the list named after the `type`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigurationPauseDuration {
    /// `indefinite`: until the customer resumes.
    Indefinite,
    /// `interval_options`: one of these lengths (empty when Stripe sends `null`).
    IntervalOptions(Vec<ConfigurationPauseIntervalOption>),
    /// A `type` this version of the crate does not know, with the value named after it.
    Other(Unknown),
}

impl ConfigurationPauseDuration {
    /// The `type`, as the open enum the params use.
    pub fn kind(&self) -> PauseDurationType {
        match self {
            Self::Indefinite => PauseDurationType::Indefinite,
            Self::IntervalOptions(_) => PauseDurationType::IntervalOptions,
            Self::Other(unknown) => PauseDurationType::Other(unknown.kind.clone()),
        }
    }

    /// The lengths to choose from: those of `interval_options`, empty for any other `type`.
    pub fn interval_options(&self) -> &[ConfigurationPauseIntervalOption] {
        match self {
            Self::IntervalOptions(options) => options,
            Self::Indefinite | Self::Other(_) => &[],
        }
    }
}

decode_tagged!(ConfigurationPauseDuration {
    "indefinite" => IgnoredAny => |_| ConfigurationPauseDuration::Indefinite,
    "interval_options" => Vec<ConfigurationPauseIntervalOption> => ConfigurationPauseDuration::IntervalOptions,
} else ConfigurationPauseDuration::Other);

deserialize_via_tagged!(ConfigurationPauseDuration);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pause(duration: serde_json::Value) -> ConfigurationSubscriptionPause {
        serde_json::from_value(json!({"duration": duration, "enabled": true})).unwrap()
    }

    fn option(interval: PauseInterval, interval_count: Option<u32>) -> ConfigurationPauseIntervalOption {
        ConfigurationPauseIntervalOption { interval, interval_count }
    }

    #[test]
    fn an_indefinite_duration_ignores_its_empty_or_null_options() {
        for options in [json!([]), json!(null)] {
            let decoded = pause(json!({"interval_options": options, "type": "indefinite"})).duration;
            assert_eq!(decoded, Some(ConfigurationPauseDuration::Indefinite));
        }
        let decoded = pause(json!({"type": "indefinite"})).duration.unwrap();
        assert_eq!((decoded.kind(), decoded.interval_options()), (PauseDurationType::Indefinite, &[][..]));
    }

    #[test]
    fn interval_options_decode_as_typed_lengths_wherever_type_stands() {
        let options =
            json!([{"interval": "month", "interval_count": 3}, {"interval": "fortnight", "interval_count": null}]);
        let expected = ConfigurationPauseDuration::IntervalOptions(vec![
            option(PauseInterval::Month, Some(3)),
            option(PauseInterval::Other("fortnight".into()), None),
        ]);
        let after = pause(json!({"type": "interval_options", "interval_options": options})).duration;
        let before: ConfigurationPauseDuration =
            serde_json::from_str(&format!(r#"{{"interval_options":{options},"type":"interval_options"}}"#)).unwrap();
        assert_eq!((after, before), (Some(expected.clone()), expected));
        let empty = pause(json!({"interval_options": null, "type": "interval_options"})).duration;
        assert_eq!(empty, Some(ConfigurationPauseDuration::IntervalOptions(Vec::new())));
    }

    #[test]
    fn an_unknown_type_keeps_its_data_in_other() {
        let decoded = pause(json!({
            "interval_options": [{"interval": "month"}],
            "type": "until_date",
            "until_date": {"resumes_at": 1_900_000_000}
        }))
        .duration
        .unwrap();
        let unknown = Unknown { kind: "until_date".into(), data: Some(json!({"resumes_at": 1_900_000_000})) };
        assert_eq!(decoded, ConfigurationPauseDuration::Other(unknown));
        assert_eq!(
            (decoded.kind(), decoded.interval_options()),
            (PauseDurationType::Other("until_date".into()), &[][..])
        );
    }

    #[test]
    fn a_null_or_missing_duration_is_none() {
        assert_eq!(pause(json!(null)).duration, None);
        let missing: ConfigurationSubscriptionPause = serde_json::from_value(json!({"enabled": true})).unwrap();
        assert_eq!(missing, ConfigurationSubscriptionPause { duration: None, enabled: true });
    }
}
