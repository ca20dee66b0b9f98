//! From the file's types to the API's params: one conversion for create and update, so that both
//! are checked by the API types' own rules.

use super::spec::{BusinessProfileSpec, ConfigurationSpec, FeaturesSpec, ProductSpec};
use crate::configurations::{
    AdjustableQuantity, BusinessProfile, CancellationReason, ConfigurationCreateParams, ConfigurationUpdateParams,
    CustomerUpdateFeature, Features, PauseDuration, PauseIntervalOption, PaymentMethodUpdateFeature,
    SubscriptionCancelFeature, SubscriptionPauseFeature, SubscriptionUpdateFeature, SubscriptionUpdateProduct,
};
use crate::leaf::Id;
use crate::{Emptyable, Error, MetadataUpdate};
use std::collections::BTreeMap;

/// Feedback option ids by description.
pub(crate) type FeedbackIds = BTreeMap<String, String>;

/// The params to create the configuration `spec` describes. Products must be resolved (by id)
/// and every feedback option must be in `feedback`.
pub(crate) fn create_params(
    spec: &ConfigurationSpec,
    feedback: &FeedbackIds,
) -> Result<ConfigurationCreateParams, Error> {
    let mut params = ConfigurationCreateParams::new(features(&spec.features, feedback)?);
    if let Some(profile) = &spec.business_profile {
        params = params.business_profile(business_profile(profile));
    }
    if let Some(login_page) = spec.login_page {
        params = params.login_page(login_page.enabled);
    }
    for (key, value) in spec.metadata.iter().filter(|(_, v)| !v.is_empty()) {
        params = params.metadata(key, value);
    }
    Ok(params.name(spec.name.clone()).default_return_url(spec.default_return_url.clone()))
}

/// The params that set what `spec` sets, and nothing else.
pub(crate) fn update_params(
    spec: &ConfigurationSpec,
    feedback: &FeedbackIds,
) -> Result<ConfigurationUpdateParams, Error> {
    let mut params = ConfigurationUpdateParams::new();
    if !spec.features.is_empty() {
        params = params.features(features(&spec.features, feedback)?);
    }
    if let Some(profile) = &spec.business_profile {
        params = params.business_profile(business_profile(profile));
    }
    if let Some(login_page) = spec.login_page {
        params = params.login_page(login_page.enabled);
    }
    let metadata = spec.metadata.iter().fold(MetadataUpdate::new(), |update, (key, value)| {
        if value.is_empty() {
            update.delete(key)
        } else {
            update.set(key, value)
        }
    });
    Ok(params.metadata_update(metadata).name(spec.name.clone()).default_return_url(spec.default_return_url.clone()))
}

fn business_profile(spec: &BusinessProfileSpec) -> BusinessProfile {
    BusinessProfile::new()
        .headline(spec.headline.clone())
        .privacy_policy_url(spec.privacy_policy_url.clone())
        .terms_of_service_url(spec.terms_of_service_url.clone())
}

fn features(spec: &FeaturesSpec, feedback: &FeedbackIds) -> Result<Features, Error> {
    let mut features = Features::new();
    if let Some(spec) = &spec.customer_update {
        let feature = spec.enabled.map_or_else(CustomerUpdateFeature::unchanged, CustomerUpdateFeature::new);
        features = features.customer_update(feature.allowed_updates(spec.allowed_updates.clone()));
    }
    if let Some(spec) = spec.invoice_history {
        features = features.invoice_history(spec.enabled);
    }
    if let Some(spec) = &spec.payment_method_update {
        features = features.payment_method_update(
            PaymentMethodUpdateFeature::new(spec.enabled)
                .payment_method_configuration(spec.payment_method_configuration.clone()),
        );
    }
    if let Some(spec) = &spec.subscription_cancel {
        let mut feature =
            spec.enabled.map_or_else(SubscriptionCancelFeature::unchanged, SubscriptionCancelFeature::new);
        if let Some(mode) = &spec.mode {
            feature = feature.mode(mode.clone());
        }
        if let Some(behavior) = &spec.proration_behavior {
            feature = feature.proration_behavior(behavior.clone());
        }
        if let Some(reason) = &spec.cancellation_reason {
            let ids = reason
                .feedback_options
                .as_ref()
                .map(|descriptions| {
                    descriptions
                        .iter()
                        .map(|description| feedback_id(feedback, description))
                        .collect::<Result<Vec<_>, _>>()
                })
                .transpose()?;
            feature = feature.cancellation_reason(
                CancellationReason::new(reason.enabled).options(reason.options.clone()).feedback_options(ids),
            );
        }
        features = features.subscription_cancel(feature);
    }
    if let Some(spec) = &spec.subscription_pause {
        let mut feature = spec.enabled.map_or_else(SubscriptionPauseFeature::unchanged, SubscriptionPauseFeature::new);
        if let Some(duration) = &spec.duration {
            let options = duration.interval_options.as_ref().map(|options| {
                options
                    .iter()
                    .map(|option| {
                        let built = PauseIntervalOption::new(option.interval.clone());
                        match option.interval_count {
                            Some(count) => built.interval_count(count),
                            None => built,
                        }
                    })
                    .collect::<Vec<_>>()
            });
            feature = feature.duration(PauseDuration::new(duration.kind.clone()).with_interval_options(options));
        }
        features = features.subscription_pause(feature);
    }
    if let Some(spec) = &spec.subscription_update {
        let mut feature =
            spec.enabled.map_or_else(SubscriptionUpdateFeature::unchanged, SubscriptionUpdateFeature::new);
        if let Some(anchor) = &spec.billing_cycle_anchor {
            feature = feature.billing_cycle_anchor(anchor.clone());
        }
        feature = feature.default_allowed_updates(spec.default_allowed_updates.clone());
        let products = spec
            .products
            .as_ref()
            .map(|products| products.iter().map(product).collect::<Result<Vec<_>, _>>())
            .transpose()?;
        feature = feature.products(products);
        if let Some(behavior) = &spec.proration_behavior {
            feature = feature.proration_behavior(behavior.clone());
        }
        if let Some(schedule) = &spec.schedule_at_period_end {
            feature = feature.schedule_at_period_end(
                schedule
                    .conditions
                    .as_ref()
                    .map(|conditions| conditions.iter().map(|condition| condition.kind.clone()).collect::<Vec<_>>()),
            );
        }
        if let Some(behavior) = &spec.trial_update_behavior {
            feature = feature.trial_update_behavior(behavior.clone());
        }
        features = features.subscription_update(feature);
    }
    Ok(features)
}

fn feedback_id(feedback: &FeedbackIds, description: &str) -> Result<Id, Error> {
    feedback.get(description).map(Id::from).ok_or_else(|| {
        Error::invalid_param(
            "features[subscription_cancel][cancellation_reason][feedback_options]",
            format!("no feedback option {description:?} (it is created by `apply`)"),
        )
    })
}

/// A product whose prices are all ids (lookup keys resolved when planning).
fn product(spec: &ProductSpec) -> Result<SubscriptionUpdateProduct, Error> {
    let param = "features[subscription_update][products]";
    let Some(product) = &spec.product else {
        return Err(Error::invalid_param(param, "a product was not resolved from its lookup keys"));
    };
    if !spec.lookup_keys.is_empty() {
        return Err(Error::invalid_param(param, "lookup keys were not resolved to prices"));
    }
    let built = SubscriptionUpdateProduct::new(product.clone(), spec.prices.iter().cloned());
    Ok(match spec.adjustable_quantity {
        Some(quantity) => {
            let mut adjustable = AdjustableQuantity::new(quantity.enabled);
            if let Some(minimum) = quantity.minimum {
                adjustable = adjustable.minimum(minimum);
            }
            if let Some(maximum) = quantity.maximum {
                adjustable = adjustable.maximum(maximum);
            }
            built.adjustable_quantity(adjustable)
        }
        None => built,
    })
}

/// The id a feedback option not created yet stands in with, for checks before sending.
pub(crate) const PLACEHOLDER_ID: &str = "feedback_option_to_create";

/// `spec` as the load-time check sees it: lookup keys stand in for prices (and for a missing
/// product), descriptions for feedback option ids, so the API's rules run on everything else.
pub(crate) fn with_placeholders(spec: &ConfigurationSpec) -> (ConfigurationSpec, FeedbackIds) {
    let mut spec = spec.clone();
    if let Some(Emptyable::Set(products)) = spec.features.subscription_update.as_mut().map(|f| &mut f.products) {
        for product in products {
            let keys = std::mem::take(&mut product.lookup_keys);
            product.product.get_or_insert_with(|| "prod_from_lookup_keys".into());
            product.prices.extend(keys.iter().map(Id::from));
        }
    }
    let feedback = spec.feedback_descriptions().iter().map(|d| (d.clone(), PLACEHOLDER_ID.to_owned())).collect();
    (spec, feedback)
}
