//! The params of the configuration endpoints: create, update and list.

use super::features::{Action, Enabled, Features};
use crate::client::call::Params;
use crate::client::list::{PageParams, Paging};
use crate::wire::emptyable::{check_metadata, check_url, Emptyable, MetadataUpdate};
use crate::{wire::validate, Error};
use serde::Serialize;
use std::collections::BTreeMap;

/// `business_profile`: what the portal shows about your business.
///
/// The URLs must be absolute http(s) URLs. On create they can only be set; on update each field
/// can also be cleared with [`Emptyable::Clear`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BusinessProfile {
    headline: Emptyable<String>,
    privacy_policy_url: Emptyable<String>,
    terms_of_service_url: Emptyable<String>,
}

impl BusinessProfile {
    /// Nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `business_profile[headline]`: the line shown above the portal, or [`Emptyable::Clear`].
    pub fn headline(mut self, headline: impl Into<Emptyable<String>>) -> Self {
        self.headline = headline.into();
        self
    }

    /// `business_profile[privacy_policy_url]`: a link to your privacy policy.
    pub fn privacy_policy_url(mut self, url: impl Into<Emptyable<String>>) -> Self {
        self.privacy_policy_url = url.into();
        self
    }

    /// `business_profile[terms_of_service_url]`: a link to your terms of service.
    pub fn terms_of_service_url(mut self, url: impl Into<Emptyable<String>>) -> Self {
        self.terms_of_service_url = url.into();
        self
    }

    fn validate(&self, action: Action) -> Result<(), Error> {
        self.headline.checked("business_profile[headline]")?;
        for (param, url) in [
            ("business_profile[privacy_policy_url]", &self.privacy_policy_url),
            ("business_profile[terms_of_service_url]", &self.terms_of_service_url),
        ] {
            if action == Action::Create && url.is_clear() {
                return Err(Error::invalid_param(param, "cannot be cleared when creating a configuration"));
            }
            check_url(param, url)?;
        }
        Ok(())
    }
}

/// The params of `POST /v1/billing_portal/configurations`: a new portal configuration.
///
/// `features` is required, so [`new`](Self::new) takes it.
///
/// ```
/// use stripe_billing_portal::configurations::{
///     BusinessProfile, CancellationReason, CancellationReasonOption, ConfigurationCreateParams, Features,
///     SubscriptionCancelFeature,
/// };
///
/// let params = ConfigurationCreateParams::new(
///     Features::new().invoice_history(true).subscription_cancel(
///         SubscriptionCancelFeature::new(true).cancellation_reason(
///             CancellationReason::new(true).options([CancellationReasonOption::TooExpensive]),
///         ),
///     ),
/// )
/// .business_profile(BusinessProfile::new().headline("Acme partners with Stripe"))
/// .default_return_url("https://example.com/account")
/// .name("Self-serve customers")
/// .metadata("segment", "self-serve");
/// # let _ = params;
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConfigurationCreateParams {
    business_profile: Option<BusinessProfile>,
    default_return_url: Emptyable<String>,
    features: Features,
    login_page: Option<Enabled>,
    metadata: BTreeMap<String, String>,
    name: Emptyable<String>,
    expand: Vec<String>,
}

impl ConfigurationCreateParams {
    /// A configuration with these `features`.
    pub fn new(features: Features) -> Self {
        Self {
            business_profile: None,
            default_return_url: Emptyable::Leave,
            features,
            login_page: None,
            metadata: BTreeMap::new(),
            name: Emptyable::Leave,
            expand: Vec::new(),
        }
    }

    /// `business_profile`: what the portal shows about your business.
    pub fn business_profile(mut self, business_profile: BusinessProfile) -> Self {
        self.business_profile = Some(business_profile);
        self
    }

    /// `default_return_url`: where customers go back to when a session sets no `return_url`
    /// (an absolute http(s) URL).
    pub fn default_return_url(mut self, url: impl Into<Emptyable<String>>) -> Self {
        self.default_return_url = url.into();
        self
    }

    /// `login_page[enabled]`: give the configuration a shareable login link (Stripe answers with
    /// its URL in `login_page.url`).
    pub fn login_page(mut self, enabled: bool) -> Self {
        self.login_page = Some(Enabled { enabled });
        self
    }

    /// `metadata[key]`: one key-value pair of your own.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// `name`: a name of your own, to tell configurations apart.
    pub fn name(mut self, name: impl Into<Emptyable<String>>) -> Self {
        self.name = name.into();
        self
    }

    /// `expand[N]`: also return this related object in full (e.g. `application`).
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(field.into());
        self
    }
}

impl Params for ConfigurationCreateParams {
    fn validate(&self) -> Result<(), Error> {
        if let Some(business_profile) = &self.business_profile {
            business_profile.validate(Action::Create)?;
        }
        check_url("default_return_url", &self.default_return_url)?;
        self.features.validate(Action::Create)?;
        check_metadata(&self.metadata)?;
        self.name.checked("name")?;
        validate::expand(&self.expand)
    }
}

/// The params of `POST /v1/billing_portal/configurations/{id}`: changes to a configuration.
///
/// Everything is optional; fields left out keep their value. Fields Stripe lets you clear take
/// [`Emptyable::Clear`]; metadata keys can be set, deleted one by one, or all cleared.
///
/// ```
/// use stripe_billing_portal::configurations::{BusinessProfile, ConfigurationUpdateParams};
/// use stripe_billing_portal::Emptyable;
///
/// let params = ConfigurationUpdateParams::new()
///     .business_profile(BusinessProfile::new().headline(Emptyable::Clear))
///     .name("Enterprise")
///     .metadata("tier", "enterprise")
///     .delete_metadata("legacy_id");
/// let body = stripe_billing_portal::form::to_string(&params)?;
/// assert_eq!(body, "business_profile[headline]=&metadata[legacy_id]=&metadata[tier]=enterprise&name=Enterprise");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ConfigurationUpdateParams {
    active: Option<bool>,
    business_profile: Option<BusinessProfile>,
    default_return_url: Emptyable<String>,
    features: Option<Features>,
    login_page: Option<Enabled>,
    metadata: MetadataUpdate,
    name: Emptyable<String>,
    expand: Vec<String>,
}

impl ConfigurationUpdateParams {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `active`: whether sessions can use the configuration. The default configuration cannot
    /// be deactivated.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }

    /// `business_profile`: what the portal shows about your business.
    pub fn business_profile(mut self, business_profile: BusinessProfile) -> Self {
        self.business_profile = Some(business_profile);
        self
    }

    /// `default_return_url`: an absolute http(s) URL, or [`Emptyable::Clear`].
    pub fn default_return_url(mut self, url: impl Into<Emptyable<String>>) -> Self {
        self.default_return_url = url.into();
        self
    }

    /// `features`: the features to change; those not set keep their configuration.
    pub fn features(mut self, features: Features) -> Self {
        self.features = Some(features);
        self
    }

    /// `login_page[enabled]`: turn the shareable login link on or off. Turning it off and on
    /// again gives a new URL.
    pub fn login_page(mut self, enabled: bool) -> Self {
        self.login_page = Some(Enabled { enabled });
        self
    }

    /// `metadata[key]=value`: set one key.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata = self.metadata.set(key, value);
        self
    }

    /// `metadata[key]=`: delete one key.
    pub fn delete_metadata(mut self, key: impl Into<String>) -> Self {
        self.metadata = self.metadata.delete(key);
        self
    }

    /// `metadata=`: delete every key. Cannot be combined with setting or deleting keys.
    pub fn clear_metadata(mut self) -> Self {
        self.metadata = self.metadata.and_clear_all();
        self
    }

    /// Replaces all metadata changes at once.
    pub fn metadata_update(mut self, update: MetadataUpdate) -> Self {
        self.metadata = update;
        self
    }

    /// `name`: a new name, or [`Emptyable::Clear`].
    pub fn name(mut self, name: impl Into<Emptyable<String>>) -> Self {
        self.name = name.into();
        self
    }

    /// `expand[N]`: also return this related object in full (e.g. `application`).
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(field.into());
        self
    }
}

impl Params for ConfigurationUpdateParams {
    fn validate(&self) -> Result<(), Error> {
        if let Some(business_profile) = &self.business_profile {
            business_profile.validate(Action::Update)?;
        }
        check_url("default_return_url", &self.default_return_url)?;
        if let Some(features) = &self.features {
            features.validate(Action::Update)?;
        }
        self.metadata.validate()?;
        self.name.checked("name")?;
        validate::expand(&self.expand)
    }
}

/// The params of `GET /v1/billing_portal/configurations`, sent in the query string.
///
/// ```
/// use stripe_billing_portal::configurations::ConfigurationListParams;
///
/// let params = ConfigurationListParams::new().active(true).limit(50);
/// # let _ = params;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ConfigurationListParams {
    active: Option<bool>,
    is_default: Option<bool>,
    limit: Option<u8>,
    starting_after: Option<String>,
    ending_before: Option<String>,
    expand: Vec<String>,
}

impl ConfigurationListParams {
    /// All configurations, Stripe's default page size (10).
    pub fn new() -> Self {
        Self::default()
    }

    /// `active`: only active (`true`) or only inactive (`false`) configurations.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }

    /// `is_default`: only the default configuration (`true`) or only the others (`false`).
    pub fn is_default(mut self, is_default: bool) -> Self {
        self.is_default = Some(is_default);
        self
    }

    /// `limit`: objects per page, 1 to 100.
    pub fn limit(mut self, limit: u8) -> Self {
        self.limit = Some(limit);
        self
    }

    /// `starting_after`: the page after this configuration id (the next page).
    pub fn starting_after(mut self, id: impl Into<String>) -> Self {
        self.starting_after = Some(id.into());
        self
    }

    /// `ending_before`: the page before this configuration id (the previous page). Auto-pagination
    /// then walks backwards.
    pub fn ending_before(mut self, id: impl Into<String>) -> Self {
        self.ending_before = Some(id.into());
        self
    }

    /// `expand[N]`: expand this field of every object, e.g. `data.application`.
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(field.into());
        self
    }
}

impl Params for ConfigurationListParams {
    fn validate(&self) -> Result<(), Error> {
        crate::client::list::validate_paging(
            self.limit,
            self.starting_after.as_deref(),
            self.ending_before.as_deref(),
        )?;
        validate::expand(&self.expand)
    }
}

impl PageParams for ConfigurationListParams {
    fn paging(&mut self) -> Paging<'_> {
        Paging {
            limit: &mut self.limit,
            starting_after: &mut self.starting_after,
            ending_before: &mut self.ending_before,
        }
    }
}
