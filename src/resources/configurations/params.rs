//! The params of the configuration endpoints: create, update and list.

use super::features::{serialize_for_update, Action, Enabled, Features, For, ForAction, NoClearOnCreate};
use crate::resources::builders::{list_params, metadata_update_methods, setters};
use crate::wire::emptyable::{Emptyable, MetadataUpdate};
use crate::wire::leaf::{Refuse, Text, Url};
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// `business_profile`: what the portal shows about your business.
///
/// The URLs must be absolute http(s) URLs. On create they can only be set; on update each field
/// can also be cleared with [`Emptyable::Clear`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BusinessProfile {
    headline: Emptyable<Text>,
    privacy_policy_url: Emptyable<Url>,
    terms_of_service_url: Emptyable<Url>,
}

impl BusinessProfile {
    /// Nothing set yet.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// `business_profile[headline]`: the line shown above the portal, or [`Emptyable::Clear`].
        fn headline(headline: impl Into<Emptyable<Text>>) { headline = headline.into() }

        /// `business_profile[privacy_policy_url]`: a link to your privacy policy.
        fn privacy_policy_url(url: impl Into<Emptyable<Url>>) { privacy_policy_url = url.into() }

        /// `business_profile[terms_of_service_url]`: a link to your terms of service.
        fn terms_of_service_url(url: impl Into<Emptyable<Url>>) { terms_of_service_url = url.into() }
    }
}

impl ForAction for BusinessProfile {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("BusinessProfile", 3)?;
        s.serialize_field("headline", &self.headline)?;
        s.serialize_field("privacy_policy_url", &NoClearOnCreate(&self.privacy_policy_url, action))?;
        s.serialize_field("terms_of_service_url", &NoClearOnCreate(&self.terms_of_service_url, action))?;
        s.end()
    }
}

serialize_for_update!(BusinessProfile);

/// The params of `POST /v1/billing_portal/configurations`: a new portal configuration.
///
/// `features` is required, so [`new`](Self::new) takes it; features that set nothing (no
/// feature, or only an empty pause) would leave it out, and are refused before sending.
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
#[derive(Clone, Debug, PartialEq)]
pub struct ConfigurationCreateParams {
    business_profile: Option<BusinessProfile>,
    default_return_url: Emptyable<Url>,
    features: Features,
    login_page: Option<Enabled>,
    /// Keys set only: the builder has no way to delete or clear.
    metadata: MetadataUpdate,
    name: Emptyable<Text>,
    expand: Vec<Text>,
}

impl ConfigurationCreateParams {
    /// A configuration with these `features`.
    pub fn new(features: Features) -> Self {
        Self {
            business_profile: None,
            default_return_url: Emptyable::Leave,
            features,
            login_page: None,
            metadata: MetadataUpdate::new(),
            name: Emptyable::Leave,
            expand: Vec::new(),
        }
    }

    setters! {
        /// `business_profile`: what the portal shows about your business.
        fn business_profile(business_profile: BusinessProfile) { business_profile = Some(business_profile) }

        /// `default_return_url`: where customers go back to when a session sets no `return_url`
        /// (an absolute http(s) URL).
        fn default_return_url(url: impl Into<Emptyable<Url>>) { default_return_url = url.into() }

        /// `login_page[enabled]`: give the configuration a shareable login link (Stripe answers with
        /// its URL in `login_page.url`).
        fn login_page(enabled: bool) { login_page = Some(Enabled { enabled }) }
    }

    /// `metadata[key]`: one key-value pair of your own.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata = self.metadata.set(key, value);
        self
    }

    setters! {
        /// `name`: a name of your own, to tell configurations apart.
        fn name(name: impl Into<Emptyable<Text>>) { name = name.into() }

        /// `expand[N]`: also return this related object in full (e.g. `application`).
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }
}

impl Serialize for ConfigurationCreateParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ConfigurationCreateParams", 7)?;
        s.serialize_field("business_profile", &For(&self.business_profile, Action::Create))?;
        s.serialize_field("default_return_url", &self.default_return_url)?;
        // `features` is required, and features that send nothing leave it out: refused, after the
        // fields that are there have been checked.
        let missing_features = self.features.sends_nothing();
        if !missing_features {
            s.serialize_field("features", &For(&self.features, Action::Create))?;
        }
        s.serialize_field("login_page", &self.login_page)?;
        s.serialize_field("metadata", &self.metadata)?;
        s.serialize_field("name", &self.name)?;
        s.serialize_field("expand", &self.expand)?;
        if missing_features {
            s.serialize_field("features", &Refuse("at least one feature setting is needed to create a configuration"))?;
        }
        s.end()
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
    default_return_url: Emptyable<Url>,
    features: Option<Features>,
    login_page: Option<Enabled>,
    metadata: MetadataUpdate,
    name: Emptyable<Text>,
    expand: Vec<Text>,
}

impl ConfigurationUpdateParams {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// `active`: whether sessions can use the configuration. The default configuration cannot
        /// be deactivated.
        fn active(active: bool) { active = Some(active) }

        /// `business_profile`: what the portal shows about your business.
        fn business_profile(business_profile: BusinessProfile) { business_profile = Some(business_profile) }

        /// `default_return_url`: an absolute http(s) URL, or [`Emptyable::Clear`].
        fn default_return_url(url: impl Into<Emptyable<Url>>) { default_return_url = url.into() }

        /// `features`: the features to change; those not set keep their configuration.
        fn features(features: Features) { features = Some(features) }

        /// `login_page[enabled]`: turn the shareable login link on or off. Turning it off and on
        /// again gives a new URL.
        fn login_page(enabled: bool) { login_page = Some(Enabled { enabled }) }

        /// `name`: a new name, or [`Emptyable::Clear`].
        fn name(name: impl Into<Emptyable<Text>>) { name = name.into() }

        /// `expand[N]`: also return this related object in full (e.g. `application`).
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }
}

metadata_update_methods!(ConfigurationUpdateParams);

list_params! {
    /// The params of `GET /v1/billing_portal/configurations`, sent in the query string.
    ///
    /// ```
    /// use stripe_billing_portal::configurations::ConfigurationListParams;
    ///
    /// let params = ConfigurationListParams::new().active(true).limit(50);
    /// # let _ = params;
    /// ```
    pub struct ConfigurationListParams for "configurations" {
        active: Option<bool>,
        is_default: Option<bool>,
    }

    /// All configurations, Stripe's default page size (10).
    fn new() { Self::default() }

    /// `active`: only active (`true`) or only inactive (`false`) configurations.
    fn active(active: bool) { active = Some(active) }

    /// `is_default`: only the default configuration (`true`) or only the others (`false`).
    fn is_default(is_default: bool) { is_default = Some(is_default) }
}
