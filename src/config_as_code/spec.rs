//! The file's types: [`Spec`], one [`ConfigurationSpec`] per `[[configuration]]` table.
//!
//! Every field has Stripe's own name and nesting. A field left out of the file is not managed:
//! its live value is left as it is. A clearable field set to `""` (a string) or `[]` (a list) is
//! managed as empty, and planned as a clear. Unknown keys and unknown enum values are errors.
//!
//! The enums are the crate's own ([`SubscriptionCancelMode`] and the others), read strictly: the
//! file only accepts the values this crate knows, so a typo is caught before anything is sent.
//! URLs are [`Url`]s and ids [`Id`]s, with the rules the API types apply.

use crate::configurations::{
    BillingCycleAnchor, CancellationReasonOption, CustomerUpdateAllowedUpdate, PauseDurationType, PauseInterval,
    ProrationBehavior, ScheduleAtPeriodEndCondition, SubscriptionCancelMode, SubscriptionUpdateAllowedUpdate,
    TrialUpdateBehavior,
};
use crate::leaf::{ConfigurationId, Id, Text, Url};
use crate::wire::open_enum::OpenEnum;
use crate::Emptyable;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole file: `[[configuration]]` tables, in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Spec {
    /// The `[[configuration]]` tables.
    #[serde(default, rename = "configuration")]
    pub configurations: Vec<ConfigurationSpec>,
}

impl Spec {
    /// A file holding these configurations.
    pub fn new(configurations: Vec<ConfigurationSpec>) -> Self {
        Self { configurations }
    }
}

/// One `[[configuration]]` table: a portal configuration as it should be.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConfigurationSpec {
    /// The stable identity, kept in the configuration's `metadata` under
    /// [`METADATA_KEY`](super::METADATA_KEY). Letters, digits, `-`, `_` and `.`.
    pub key: String,
    /// `true`: this entry manages the account's default configuration (`is_default`), which is
    /// found by that flag, never created or deactivated. At most one entry says so.
    #[serde(default, skip_serializing_if = "is_false")]
    pub default: bool,
    /// Adopt this configuration (`bpc_…`) when no configuration carries `key` yet: the plan then
    /// updates it, writing `key` into its metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ConfigurationId>,
    /// `name`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub name: Emptyable<Text>,
    /// `default_return_url`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub default_return_url: Emptyable<Url>,
    /// `business_profile`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_profile: Option<BusinessProfileSpec>,
    /// `login_page`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub login_page: Option<EnabledSpec>,
    /// `metadata`: keys to set; a key set to `""` is deleted. Keys not listed are left alone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty", deserialize_with = "unique_keys")]
    pub metadata: BTreeMap<String, String>,
    /// `features`.
    #[serde(default, skip_serializing_if = "FeaturesSpec::is_empty")]
    pub features: FeaturesSpec,
}

impl ConfigurationSpec {
    /// The feedback option descriptions the entry names.
    pub(crate) fn feedback_descriptions(&self) -> &[String] {
        self.features
            .subscription_cancel
            .as_ref()
            .and_then(|f| f.cancellation_reason.as_ref())
            .and_then(|r| r.feedback_options.as_set())
            .map_or(&[], Vec::as_slice)
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// `business_profile`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BusinessProfileSpec {
    /// `headline`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub headline: Emptyable<Text>,
    /// `privacy_policy_url`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub privacy_policy_url: Emptyable<Url>,
    /// `terms_of_service_url`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub terms_of_service_url: Emptyable<Url>,
}

/// `{ enabled = … }`: `login_page` and `features.invoice_history`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EnabledSpec {
    /// `enabled`.
    pub enabled: bool,
}

impl EnabledSpec {
    /// `{ enabled = enabled }`.
    pub fn new(enabled: bool) -> Self {
        Self { enabled }
    }
}

/// `features`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FeaturesSpec {
    /// `features.customer_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_update: Option<CustomerUpdateSpec>,
    /// `features.invoice_history`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_history: Option<EnabledSpec>,
    /// `features.payment_method_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method_update: Option<PaymentMethodUpdateSpec>,
    /// `features.subscription_cancel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_cancel: Option<SubscriptionCancelSpec>,
    /// `features.subscription_pause`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_pause: Option<SubscriptionPauseSpec>,
    /// `features.subscription_update`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subscription_update: Option<SubscriptionUpdateSpec>,
}

impl FeaturesSpec {
    /// Whether no feature is set.
    pub fn is_empty(&self) -> bool {
        *self == Self::default()
    }
}

/// `features.customer_update`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerUpdateSpec {
    /// `enabled` (required to create a configuration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `allowed_updates`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "known_list")]
    #[serde(serialize_with = "list")]
    pub allowed_updates: Emptyable<Vec<CustomerUpdateAllowedUpdate>>,
}

/// `features.payment_method_update`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PaymentMethodUpdateSpec {
    /// `enabled`.
    pub enabled: bool,
    /// `payment_method_configuration` (`pmc_…`).
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    pub payment_method_configuration: Emptyable<Id>,
}

/// `features.subscription_cancel`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscriptionCancelSpec {
    /// `enabled` (required to create a configuration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `mode`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_option")]
    pub mode: Option<SubscriptionCancelMode>,
    /// `proration_behavior`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_option")]
    pub proration_behavior: Option<ProrationBehavior>,
    /// `cancellation_reason`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancellation_reason: Option<CancellationReasonSpec>,
}

/// `features.subscription_cancel.cancellation_reason`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CancellationReasonSpec {
    /// `enabled`.
    pub enabled: bool,
    /// `options` (required to create a configuration).
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "known_list")]
    #[serde(serialize_with = "list")]
    pub options: Emptyable<Vec<CancellationReasonOption>>,
    /// `feedback_options`, named by their `description`: the options are found by description,
    /// and created when missing, so the file means the same on every account.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    #[serde(serialize_with = "list")]
    pub feedback_options: Emptyable<Vec<String>>,
}

/// `features.subscription_pause`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscriptionPauseSpec {
    /// `enabled`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `duration`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<PauseDurationSpec>,
}

/// `features.subscription_pause.duration`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PauseDurationSpec {
    /// `type`.
    #[serde(rename = "type", deserialize_with = "known")]
    pub kind: PauseDurationType,
    /// `interval_options`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    #[serde(serialize_with = "list")]
    pub interval_options: Emptyable<Vec<PauseIntervalSpec>>,
}

/// One of `features.subscription_pause.duration.interval_options`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PauseIntervalSpec {
    /// `interval`.
    #[serde(deserialize_with = "known")]
    pub interval: PauseInterval,
    /// `interval_count` (Stripe's default: 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_count: Option<u32>,
}

/// `features.subscription_update`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SubscriptionUpdateSpec {
    /// `enabled` (required to create a configuration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// `billing_cycle_anchor`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_option")]
    pub billing_cycle_anchor: Option<BillingCycleAnchor>,
    /// `default_allowed_updates`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "known_list")]
    #[serde(serialize_with = "list")]
    pub default_allowed_updates: Emptyable<Vec<SubscriptionUpdateAllowedUpdate>>,
    /// `products`: each by id, or with its prices named by lookup key.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    #[serde(serialize_with = "list")]
    pub products: Emptyable<Vec<ProductSpec>>,
    /// `proration_behavior`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_option")]
    pub proration_behavior: Option<ProrationBehavior>,
    /// `schedule_at_period_end`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_at_period_end: Option<ScheduleAtPeriodEndSpec>,
    /// `trial_update_behavior`.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_option")]
    pub trial_update_behavior: Option<TrialUpdateBehavior>,
}

/// One of `features.subscription_update.products`.
///
/// Prices are named by id (`prices`) or by lookup key (`lookup_keys`), or both; `product` is
/// required with `prices`, and taken from the prices when only lookup keys are given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ProductSpec {
    /// `product` (`prod_…`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<Id>,
    /// `prices`, by id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prices: Vec<Id>,
    /// More prices, by `lookup_key`: resolved to ids when planning.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lookup_keys: Vec<String>,
    /// `adjustable_quantity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adjustable_quantity: Option<AdjustableQuantitySpec>,
}

/// `adjustable_quantity` of a product.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct AdjustableQuantitySpec {
    /// `enabled`.
    pub enabled: bool,
    /// `minimum` (0 and 1 compare equal: a subscription keeps at least one of the item either way).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<u64>,
    /// `maximum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<u64>,
}

/// `features.subscription_update.schedule_at_period_end`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScheduleAtPeriodEndSpec {
    /// `conditions`.
    #[serde(default, skip_serializing_if = "Emptyable::is_leave", deserialize_with = "clearable")]
    #[serde(serialize_with = "list")]
    pub conditions: Emptyable<Vec<ScheduleConditionSpec>>,
}

/// One of `schedule_at_period_end.conditions`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ScheduleConditionSpec {
    /// `type`.
    #[serde(rename = "type", deserialize_with = "known")]
    pub kind: ScheduleAtPeriodEndCondition,
}

impl ScheduleConditionSpec {
    /// A condition of this type.
    pub fn new(kind: ScheduleAtPeriodEndCondition) -> Self {
        Self { kind }
    }
}

// ---- reading: "" and [] clear; enums are strict ----

/// Values that can be read back as "clear" when empty.
trait MaybeEmpty {
    fn is_empty_value(&self) -> bool {
        false
    }
}

impl MaybeEmpty for String {}
impl MaybeEmpty for Text {}
impl MaybeEmpty for Url {}
impl MaybeEmpty for Id {}
impl<T> MaybeEmpty for Vec<T> {
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

/// An [`Emptyable`] field: `""` or `[]` is [`Emptyable::Clear`], anything else is read as `T`.
fn clearable<'de, D, T>(deserializer: D) -> Result<Emptyable<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + MaybeEmpty,
{
    struct Visitor<T>(std::marker::PhantomData<T>);

    impl<'de, T: Deserialize<'de> + MaybeEmpty> serde::de::Visitor<'de> for Visitor<T> {
        type Value = Emptyable<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a value, or \"\" / [] to clear")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Self::Value, E> {
            if value.is_empty() {
                return Ok(Emptyable::Clear);
            }
            T::deserialize(serde::de::value::StrDeserializer::<E>::new(value)).map(Emptyable::Set)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
            let value = T::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))?;
            Ok(if value.is_empty_value() { Emptyable::Clear } else { Emptyable::Set(value) })
        }
    }

    deserializer.deserialize_any(Visitor(std::marker::PhantomData))
}

/// A map whose keys are each written once: a JSON object naming a key twice is refused (as TOML
/// refuses it), not read as its last value.
fn unique_keys<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<BTreeMap<String, String>, D::Error> {
    struct Visitor;

    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = BTreeMap<String, String>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, String>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!("duplicate key `{key}`")));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }

    deserializer.deserialize_map(Visitor)
}

/// How the error for an enum value the crate does not know begins.
pub(crate) const UNKNOWN_VALUE: &str = "unknown variant";

/// An enum value read strictly: only the values the crate knows.
struct Known<E>(E);

impl<'de, E: Deserialize<'de> + OpenEnum> Deserialize<'de> for Known<E> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = E::deserialize(deserializer)?;
        if E::KNOWN.contains(&value.wire()) {
            Ok(Known(value))
        } else {
            Err(serde::de::Error::custom(format_args!(
                "{UNKNOWN_VALUE} {:?}, expected {}",
                value.wire(),
                E::KNOWN.join(" | ")
            )))
        }
    }
}

fn known<'de, D: serde::Deserializer<'de>, E: Deserialize<'de> + OpenEnum>(deserializer: D) -> Result<E, D::Error> {
    Known::deserialize(deserializer).map(|known| known.0)
}

fn known_option<'de, D, E>(deserializer: D) -> Result<Option<E>, D::Error>
where
    D: serde::Deserializer<'de>,
    E: Deserialize<'de> + OpenEnum,
{
    known(deserializer).map(Some)
}

fn known_list<'de, D, E>(deserializer: D) -> Result<Emptyable<Vec<E>>, D::Error>
where
    D: serde::Deserializer<'de>,
    E: Deserialize<'de> + OpenEnum,
{
    Ok(clearable::<D, Vec<Known<E>>>(deserializer)?.map(|values| values.into_iter().map(|known| known.0).collect()))
}

// ---- writing: a cleared list is written `[]` ----

fn list<S: serde::Serializer, T: Serialize>(value: &Emptyable<Vec<T>>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Emptyable::Set(values) => values.serialize(serializer),
        Emptyable::Clear | Emptyable::Leave => serializer.collect_seq(std::iter::empty::<&T>()),
    }
}
