//! Live configurations as a file: [`export`], and the one conversion from a [`Configuration`] to a
//! [`ConfigurationSpec`] that planning compares against.

use super::remote::{self, Target};
use super::spec::{
    AdjustableQuantitySpec, BusinessProfileSpec, CancellationReasonSpec, ConfigurationSpec, CustomerUpdateSpec,
    EnabledSpec, FeaturesSpec, PauseDurationSpec, PauseIntervalSpec, PaymentMethodUpdateSpec, ProductSpec,
    ScheduleAtPeriodEndSpec, ScheduleConditionSpec, Spec, SubscriptionCancelSpec, SubscriptionPauseSpec,
    SubscriptionUpdateSpec, UNKNOWN_VALUE,
};
use super::{ConfigError, METADATA_KEY};
use crate::configurations::Configuration;
use crate::leaf::Id;
use crate::{Client, Emptyable};
use std::collections::{BTreeMap, BTreeSet};

/// How [`export`] names configurations that carry no key in their metadata yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyFrom {
    /// Leave them out (they are listed in [`Export::skipped`]).
    #[default]
    Metadata,
    /// Key them by their name (made key-safe; the id when unnamed), and write their `id` so that
    /// the next `apply` adopts them.
    Name,
    /// Key them by their id, and write their `id` so that the next `apply` adopts them.
    Id,
}

/// What [`export`] gives: the file, and the configurations it left out.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Export {
    /// The active configurations as a file.
    pub spec: Spec,
    /// Active configurations left out, as `(id, name)`: they carry no key (see [`KeyFrom`]).
    pub skipped: Vec<(String, Option<String>)>,
}

impl Export {
    /// The file as TOML.
    pub fn to_toml(&self) -> Result<String, ConfigError> {
        toml::to_string_pretty(&self.spec).map_err(|err| ConfigError::Plan(format!("cannot write TOML: {err}")))
    }
}

/// The account's active configurations as a file that `plan` reports as having no changes:
/// managed ones by their key, the default one as `default = true`, others as `key_from` says.
/// Feedback options are written by description; prices by id.
///
/// The file is read back as [`load`](super::load) reads it before it is given: a configuration
/// the loader would refuse fails the export ([`ConfigError::Plan`], naming the configuration, the
/// field and the value), rather than giving a file that `plan` cannot read. That happens when
/// Stripe sends an enum value this version of the crate does not know (the response types keep
/// it as `Other`, the file only takes known values): upgrade the crate to export it.
pub async fn export(client: &Client, target: &Target, key_from: KeyFrom) -> Result<Export, ConfigError> {
    let live = remote::configurations(client, target).await?;
    let feedback = remote::feedback_options(client, target, &live, false).await?.names;
    // The keys configurations carry (active or not) are taken before any key is made up for another.
    let mut keys: BTreeSet<String> = live.iter().filter_map(managed_key).map(str::to_owned).collect();
    let mut spec = Spec::default();
    let mut skipped = Vec::new();
    let mut ids = Vec::new();
    // Oldest first: the file keeps the order in which the configurations were made.
    for configuration in live.iter().rev().filter(|c| c.active) {
        let managed = managed_key(configuration).map(str::to_owned);
        let mut entry = spec_of(configuration, &feedback);
        entry.key = match (managed, configuration.is_default, key_from) {
            (Some(key), _, _) => key,
            (None, true, _) => unique(&keys, "default".to_owned()),
            (None, false, KeyFrom::Metadata) => {
                skipped.push((configuration.id.clone(), configuration.name.clone()));
                continue;
            }
            (None, false, from) => {
                entry.id = Some(configuration.id.as_str().into());
                let base = match (from, &configuration.name) {
                    (KeyFrom::Name, Some(name)) if !slug(name).is_empty() => slug(name),
                    _ => configuration.id.clone(),
                };
                unique(&keys, base)
            }
        };
        entry.default = configuration.is_default;
        keys.insert(entry.key.clone());
        ids.push(configuration.id.as_str());
        spec.configurations.push(entry);
    }
    let export = Export { spec, skipped };
    read_back(&export, &ids)?;
    Ok(export)
}

/// Reads the file back as the loader reads a file, so that export never gives what `plan`
/// refuses; `ids[i]` is the configuration of entry `i`, named in the error.
fn read_back(export: &Export, ids: &[&str]) -> Result<(), ConfigError> {
    let spec = &export.spec;
    let error = match super::load::parse(&export.to_toml()?, super::Format::Toml, "export") {
        Ok(_) => return Ok(()),
        Err(ConfigError::File(error)) => error,
        Err(other) => return Err(other),
    };
    // `configuration[2].features.subscription_cancel.mode` → entry 2, `features.subscription_cancel.mode`.
    let entry = error.field.strip_prefix("configuration[").and_then(|rest| {
        let (index, field) = rest.split_once(']')?;
        let index = index.parse::<usize>().ok()?;
        Some((spec.configurations.get(index)?, ids.get(index)?, field.trim_start_matches('.')))
    });
    let unreadable = match entry {
        Some((entry, id, "")) => format!("{id} (key \"{}\"): {}", entry.key, error.message),
        Some((entry, id, field)) => format!("{id} (key \"{}\"): {field}: {}", entry.key, error.message),
        None => error.to_string(),
    };
    Err(ConfigError::Plan(if error.message.starts_with(UNKNOWN_VALUE) {
        format!("cannot export {unreadable}; this version of the crate does not know it: upgrade stripe-billing-portal")
    } else {
        format!("cannot export {unreadable}; `plan` would refuse the file")
    }))
}

/// The key a configuration carries in its metadata, if any.
pub(crate) fn managed_key(configuration: &Configuration) -> Option<&str> {
    configuration.metadata.get(METADATA_KEY).map(String::as_str).filter(|k| !k.is_empty())
}

/// `"Gold customers (EU)"` → `gold-customers-eu`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').chars().take(90).collect()
}

fn unique(taken: &BTreeSet<String>, base: String) -> String {
    if !taken.contains(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|key| !taken.contains(key)).unwrap_or(base)
}

/// A nullable string as a field: empty or `null` is a clear.
fn leaf<T: From<String>>(value: &Option<String>) -> Emptyable<T> {
    match value {
        Some(value) if !value.is_empty() => Emptyable::Set(T::from(value.clone())),
        _ => Emptyable::Clear,
    }
}

fn list<T: Clone>(values: &[T]) -> Emptyable<Vec<T>> {
    if values.is_empty() {
        Emptyable::Clear
    } else {
        Emptyable::Set(values.to_vec())
    }
}

/// A live configuration as an entry (without its key): every field it has, cleared fields as
/// clears, metadata without [`METADATA_KEY`], and feedback options by description (an id with no
/// known option is written as the id). Canonical, as [`canonical`] makes it.
pub(crate) fn spec_of(live: &Configuration, feedback: &BTreeMap<String, String>) -> ConfigurationSpec {
    let features = &live.features;
    let mut spec = ConfigurationSpec {
        name: leaf(&live.name),
        default_return_url: leaf(&live.default_return_url),
        business_profile: Some(BusinessProfileSpec {
            headline: leaf(&live.business_profile.headline),
            privacy_policy_url: leaf(&live.business_profile.privacy_policy_url),
            terms_of_service_url: leaf(&live.business_profile.terms_of_service_url),
        }),
        login_page: Some(EnabledSpec::new(live.login_page.enabled)),
        metadata: live
            .metadata
            .iter()
            .filter(|(key, _)| key.as_str() != METADATA_KEY)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        features: FeaturesSpec {
            customer_update: features
                .customer_update
                .as_ref()
                .map(|f| CustomerUpdateSpec { enabled: Some(f.enabled), allowed_updates: list(&f.allowed_updates) }),
            invoice_history: features.invoice_history.as_ref().map(|f| EnabledSpec::new(f.enabled)),
            payment_method_update: features.payment_method_update.as_ref().map(|f| PaymentMethodUpdateSpec {
                enabled: f.enabled,
                payment_method_configuration: leaf(&f.payment_method_configuration),
            }),
            subscription_cancel: features.subscription_cancel.as_ref().map(|f| SubscriptionCancelSpec {
                enabled: Some(f.enabled),
                mode: f.mode.clone(),
                proration_behavior: f.proration_behavior.clone(),
                cancellation_reason: Some(CancellationReasonSpec {
                    enabled: f.cancellation_reason.enabled,
                    options: list(&f.cancellation_reason.options),
                    feedback_options: list(
                        &f.cancellation_reason
                            .feedback_options
                            .iter()
                            .flatten()
                            .map(|option| {
                                let id = option.id();
                                feedback.get(id).cloned().unwrap_or_else(|| id.to_owned())
                            })
                            .collect::<Vec<_>>(),
                    ),
                }),
            }),
            subscription_pause: features.subscription_pause.as_ref().map(|f| SubscriptionPauseSpec {
                enabled: Some(f.enabled),
                duration: f.duration.as_ref().map(|duration| PauseDurationSpec {
                    kind: duration.kind(),
                    interval_options: list(
                        &duration
                            .interval_options()
                            .iter()
                            .map(|o| PauseIntervalSpec {
                                interval: o.interval.clone(),
                                interval_count: o.interval_count,
                            })
                            .collect::<Vec<_>>(),
                    ),
                }),
            }),
            subscription_update: features.subscription_update.as_ref().map(|f| SubscriptionUpdateSpec {
                enabled: Some(f.enabled),
                billing_cycle_anchor: f.billing_cycle_anchor.clone(),
                default_allowed_updates: list(&f.default_allowed_updates),
                products: list(
                    &f.products
                        .iter()
                        .flatten()
                        .map(|p| ProductSpec {
                            product: Some(Id::from(p.product.as_str())),
                            prices: p.prices.iter().map(Id::from).collect(),
                            lookup_keys: Vec::new(),
                            adjustable_quantity: p.adjustable_quantity.as_ref().map(|q| AdjustableQuantitySpec {
                                enabled: q.enabled,
                                minimum: q.minimum,
                                maximum: q.maximum,
                            }),
                        })
                        .collect::<Vec<_>>(),
                ),
                proration_behavior: f.proration_behavior.clone(),
                schedule_at_period_end: Some(ScheduleAtPeriodEndSpec {
                    conditions: list(
                        &f.schedule_at_period_end
                            .conditions
                            .iter()
                            .map(|c| ScheduleConditionSpec::new(c.kind.clone()))
                            .collect::<Vec<_>>(),
                    ),
                }),
                trial_update_behavior: f.trial_update_behavior.clone(),
            }),
        },
        ..ConfigurationSpec::default()
    };
    canonical(&mut spec);
    spec
}

/// Writes Stripe's defaults one way, so that a value and its default compare equal: a quantity
/// that is not adjustable has no bounds, a minimum of 0 or 1 (a subscription keeps at least one
/// of its item either way) and an interval count of 1 are left out.
pub(crate) fn canonical(spec: &mut ConfigurationSpec) {
    if let Some(Emptyable::Set(products)) = spec.features.subscription_update.as_mut().map(|f| &mut f.products) {
        for product in products {
            product.adjustable_quantity = product.adjustable_quantity.filter(|q| q.enabled).map(|mut q| {
                q.minimum = q.minimum.filter(|&m| m > 1);
                q
            });
        }
    }
    if let Some(Emptyable::Set(options)) =
        spec.features.subscription_pause.as_mut().and_then(|f| f.duration.as_mut()).map(|d| &mut d.interval_options)
    {
        for option in options {
            option.interval_count = option.interval_count.filter(|&c| c != 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_unique_keys() {
        assert_eq!(slug("Gold customers (EU)"), "gold-customers-eu");
        assert_eq!(slug("  --  "), "");
        let taken: BTreeSet<String> = ["gold".to_owned(), "gold-2".to_owned()].into();
        assert_eq!(unique(&taken, "gold".into()), "gold-3");
        assert_eq!(unique(&taken, "basic".into()), "basic");
    }
}
