//! [`SessionCreateParams`]: every parameter of `POST /v1/billing_portal/sessions`.

use super::flow_data::FlowData;
use crate::resources::builders::setters;
use crate::wire::leaf::{ConfigurationId, CustomerId, Id, Text, Timestamp, Url};
use crate::wire::tagged::{serialize_tagged, OneField};
use serde::ser::Serializer;
use serde::Serialize;

crate::open_enum! {
    /// `locale`: the language the portal is shown in (`auto` follows the customer's browser).
    pub enum Locale {
        /// The browser's language.
        Auto = "auto",
        /// Bulgarian.
        Bg = "bg",
        /// Czech.
        Cs = "cs",
        /// Danish.
        Da = "da",
        /// German.
        De = "de",
        /// Greek.
        El = "el",
        /// English.
        En = "en",
        /// English (Australia).
        EnAu = "en-AU",
        /// English (Canada).
        EnCa = "en-CA",
        /// English (United Kingdom).
        EnGb = "en-GB",
        /// English (Ireland).
        EnIe = "en-IE",
        /// English (India).
        EnIn = "en-IN",
        /// English (New Zealand).
        EnNz = "en-NZ",
        /// English (Singapore).
        EnSg = "en-SG",
        /// Spanish.
        Es = "es",
        /// Spanish (Latin America).
        Es419 = "es-419",
        /// Estonian.
        Et = "et",
        /// Finnish.
        Fi = "fi",
        /// Filipino.
        Fil = "fil",
        /// French.
        Fr = "fr",
        /// French (Canada).
        FrCa = "fr-CA",
        /// Croatian.
        Hr = "hr",
        /// Hungarian.
        Hu = "hu",
        /// Indonesian.
        Id = "id",
        /// Italian.
        It = "it",
        /// Japanese.
        Ja = "ja",
        /// Korean.
        Ko = "ko",
        /// Lithuanian.
        Lt = "lt",
        /// Latvian.
        Lv = "lv",
        /// Malay.
        Ms = "ms",
        /// Maltese.
        Mt = "mt",
        /// Norwegian Bokmål.
        Nb = "nb",
        /// Dutch.
        Nl = "nl",
        /// Polish.
        Pl = "pl",
        /// Portuguese.
        Pt = "pt",
        /// Portuguese (Brazil).
        PtBr = "pt-BR",
        /// Romanian.
        Ro = "ro",
        /// Russian.
        Ru = "ru",
        /// Slovak.
        Sk = "sk",
        /// Slovenian.
        Sl = "sl",
        /// Swedish.
        Sv = "sv",
        /// Thai.
        Th = "th",
        /// Turkish.
        Tr = "tr",
        /// Vietnamese.
        Vi = "vi",
        /// Chinese (Simplified).
        Zh = "zh",
        /// Chinese (Hong Kong).
        ZhHk = "zh-HK",
        /// Chinese (Taiwan).
        ZhTw = "zh-TW",
    }
}

/// The parameters of a new portal session.
///
/// A session is for one customer: [`new`](SessionCreateParams::new) takes a customer id
/// (`cus_…`), [`for_customer_account`](SessionCreateParams::for_customer_account) an Accounts v2
/// id (`acct_…`), so a session without either cannot be written.
///
/// ```
/// use stripe_billing_portal::sessions::{Locale, SessionCreateParams};
///
/// let params = SessionCreateParams::new("cus_123")
///     .return_url("https://example.com/account")
///     .configuration("bpc_123")
///     .locale(Locale::Fr);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SessionCreateParams {
    customer: Option<CustomerId>,
    customer_account: Option<Id>,
    return_url: Option<Url>,
    configuration: Option<ConfigurationId>,
    on_behalf_of: Option<Id>,
    locale: Option<Locale>,
    flow_data: Option<FlowData>,
    after_expiration: Option<AfterExpiration>,
    expand: Vec<Text>,
}

impl SessionCreateParams {
    /// A session for the customer `customer` (`cus_…`).
    pub fn new(customer: impl Into<CustomerId>) -> Self {
        Self::empty(Some(customer.into()), None)
    }

    /// A session for the Accounts v2 customer account `customer_account` (`acct_…`).
    pub fn for_customer_account(customer_account: impl Into<Id>) -> Self {
        Self::empty(None, Some(customer_account.into()))
    }

    fn empty(customer: Option<CustomerId>, customer_account: Option<Id>) -> Self {
        Self {
            customer,
            customer_account,
            return_url: None,
            configuration: None,
            on_behalf_of: None,
            locale: None,
            flow_data: None,
            after_expiration: None,
            expand: Vec::new(),
        }
    }

    setters! {
        /// `return_url`: the "back to your site" link the portal shows. Required unless the
        /// configuration has a `default_return_url`. Must be an absolute http(s) URL.
        fn return_url(return_url: impl Into<Url>) { return_url = Some(return_url.into()) }

        /// `configuration`: the portal configuration (`bpc_…`) to use instead of the default one.
        fn configuration(configuration: impl Into<ConfigurationId>) { configuration = Some(configuration.into()) }

        /// `on_behalf_of`: the connected account whose branding and support details the portal shows.
        fn on_behalf_of(account: impl Into<Id>) { on_behalf_of = Some(account.into()) }

        /// `locale`: the portal's language.
        fn locale(locale: Locale) { locale = Some(locale) }

        /// `flow_data`: open the portal straight into one flow (a deep link).
        fn flow_data(flow_data: impl Into<FlowData>) { flow_data = Some(flow_data.into()) }

        /// `after_expiration`: what the portal link offers once the session has expired.
        fn after_expiration(after_expiration: AfterExpiration) { after_expiration = Some(after_expiration) }

        /// `expand[N]`: also return this related object in full (e.g. `configuration`).
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }

    /// The flow, if one was set.
    pub fn flow(&self) -> Option<&FlowData> {
        self.flow_data.as_ref()
    }
}

/// `after_expiration`: what happens when a customer opens the link after the session expired.
///
/// Stripe offers one behaviour, `customer_login`: the customer can sign in to the portal again.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AfterExpiration {
    expires_at: Option<Timestamp>,
}

impl AfterExpiration {
    /// Let the customer log in again after the session expires.
    pub fn customer_login() -> Self {
        Self { expires_at: None }
    }

    setters! {
        /// `after_expiration[customer_login][expires_at]`: until when (Unix seconds) logging in is offered.
        fn expires_at(unix_seconds: impl Into<Timestamp>) { expires_at = Some(unix_seconds.into()) }
    }
}

impl Serialize for AfterExpiration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let login = self.expires_at.as_ref().map(|expires_at| OneField("expires_at", expires_at));
        serialize_tagged(serializer, "customer_login", login.as_ref())
    }
}
