//! [`Session`]: the `billing_portal.session` object Stripe returns.
//!
//! Decoding is forgiving in the ways Stripe's evolution needs: unknown fields are ignored, unknown
//! enum values land in `Other`, nullable fields are `Option`. The `flow` object is decoded by its
//! `type`: the variant is the one `type` names, filled from the sibling object of that name. Other
//! sibling objects a response may carry (Stripe's fixture fills them all) are parsed leniently
//! (every field optional) and dropped.

use super::flow_data::FlowType;
use super::params::Locale;
use crate::configurations::Configuration;
use crate::wire::expandable::{Expandable, Object};
use serde::Deserialize;

/// A customer portal session: send the customer to [`url`](Session::url).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Session {
    /// `bps_…`.
    pub id: String,
    /// The short-lived URL of the portal for this customer. Redirect to it right away.
    pub url: String,
    /// The "back to your site" link, if one was set.
    pub return_url: Option<String>,
    /// The customer (`cus_…`).
    pub customer: Option<String>,
    /// The Accounts v2 customer account (`acct_…`), for sessions created for one.
    pub customer_account: Option<String>,
    /// The portal configuration used: its id, or the object when `expand[]=configuration`.
    pub configuration: Option<Expandable<Configuration>>,
    /// The deep-link flow, when the session was created with `flow_data`.
    pub flow: Option<SessionFlow>,
    /// The portal's language, when one was set.
    pub locale: Option<Locale>,
    /// The connected account the portal acts for, if any.
    pub on_behalf_of: Option<String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode, `false` in test mode.
    pub livemode: bool,
    /// What an expired link offers, when set.
    pub after_expiration: Option<SessionAfterExpiration>,
}

impl Object for Session {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `after_expiration` of a session.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionAfterExpiration {
    /// `customer_login` (or a newer value).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// Until when logging in again is offered.
    pub customer_login: Option<SessionCustomerLogin>,
}

/// `after_expiration[customer_login]` of a session.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionCustomerLogin {
    /// Unix seconds.
    pub expires_at: Option<i64>,
}

/// The `flow` of a session: what happens after completion, and the flow with its own data.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(from = "RawFlow")]
#[non_exhaustive]
pub struct SessionFlow {
    /// Where the customer goes once the flow is done.
    pub after_completion: Option<SessionAfterCompletion>,
    /// The flow, decoded by its `type`.
    pub kind: SessionFlowKind,
}

/// A session's flow, by `type`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SessionFlowKind {
    /// `payment_method_update`.
    PaymentMethodUpdate,
    /// `customer_update`.
    CustomerUpdate,
    /// `subscription_cancel`.
    SubscriptionCancel(SessionSubscriptionCancel),
    /// `subscription_pause`.
    SubscriptionPause(SessionSubscription),
    /// `subscription_update`.
    SubscriptionUpdate(SessionSubscription),
    /// `subscription_update_confirm`.
    SubscriptionUpdateConfirm(SessionSubscriptionUpdateConfirm),
    /// A flow type this version of the crate does not know.
    Other(String),
}

impl SessionFlowKind {
    /// The flow's `type`.
    pub fn flow_type(&self) -> FlowType {
        match self {
            SessionFlowKind::PaymentMethodUpdate => FlowType::PaymentMethodUpdate,
            SessionFlowKind::CustomerUpdate => FlowType::CustomerUpdate,
            SessionFlowKind::SubscriptionCancel(_) => FlowType::SubscriptionCancel,
            SessionFlowKind::SubscriptionPause(_) => FlowType::SubscriptionPause,
            SessionFlowKind::SubscriptionUpdate(_) => FlowType::SubscriptionUpdate,
            SessionFlowKind::SubscriptionUpdateConfirm(_) => FlowType::SubscriptionUpdateConfirm,
            SessionFlowKind::Other(other) => FlowType::Other(other.clone()),
        }
    }
}

/// The subscription a pause or update flow is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionSubscription {
    /// `sub_…`.
    pub subscription: Option<String>,
}

/// The `subscription_cancel` data of a session's flow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionSubscriptionCancel {
    /// `sub_…`.
    pub subscription: Option<String>,
    /// The retention offer, if one was set.
    pub retention: Option<SessionRetention>,
}

/// The retention offer of a cancel flow.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawRetention")]
#[non_exhaustive]
pub enum SessionRetention {
    /// A coupon offered to stay.
    CouponOffer {
        /// The coupon's id.
        coupon: Option<String>,
    },
    /// A retention type this version of the crate does not know.
    Other(String),
}

/// The `subscription_update_confirm` data of a session's flow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionSubscriptionUpdateConfirm {
    /// `sub_…`.
    pub subscription: Option<String>,
    /// The items being changed.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub items: Vec<SessionUpdateConfirmItem>,
    /// The discounts applied with the change.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub discounts: Vec<SessionUpdateConfirmDiscount>,
}

/// One item of an update-confirm flow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionUpdateConfirmItem {
    /// The subscription item (`si_…`).
    pub id: Option<String>,
    /// The new price.
    pub price: Option<String>,
    /// The new quantity.
    pub quantity: Option<u64>,
}

/// One discount of an update-confirm flow.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SessionUpdateConfirmDiscount {
    /// A coupon id.
    pub coupon: Option<String>,
    /// A promotion code id.
    pub promotion_code: Option<String>,
}

/// What the customer sees after completing a session's flow.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(from = "RawAfterCompletion")]
#[non_exhaustive]
pub enum SessionAfterCompletion {
    /// Redirected to `return_url`.
    Redirect {
        /// Where to.
        return_url: Option<String>,
    },
    /// Stripe's confirmation page.
    HostedConfirmation {
        /// The message shown, if one was set.
        custom_message: Option<String>,
    },
    /// The portal's home page.
    PortalHomepage,
    /// A type this version of the crate does not know.
    Other(String),
}

/// `null` or absent decodes as an empty list.
fn null_as_empty<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Deserialize)]
struct RawFlow {
    #[serde(rename = "type")]
    flow_type: FlowType,
    after_completion: Option<SessionAfterCompletion>,
    subscription_cancel: Option<SessionSubscriptionCancel>,
    subscription_pause: Option<SessionSubscription>,
    subscription_update: Option<SessionSubscription>,
    subscription_update_confirm: Option<SessionSubscriptionUpdateConfirm>,
}

impl From<RawFlow> for SessionFlow {
    fn from(raw: RawFlow) -> Self {
        let kind = match raw.flow_type {
            FlowType::PaymentMethodUpdate => SessionFlowKind::PaymentMethodUpdate,
            FlowType::CustomerUpdate => SessionFlowKind::CustomerUpdate,
            FlowType::SubscriptionCancel => {
                SessionFlowKind::SubscriptionCancel(raw.subscription_cancel.unwrap_or_default())
            }
            FlowType::SubscriptionPause => {
                SessionFlowKind::SubscriptionPause(raw.subscription_pause.unwrap_or_default())
            }
            FlowType::SubscriptionUpdate => {
                SessionFlowKind::SubscriptionUpdate(raw.subscription_update.unwrap_or_default())
            }
            FlowType::SubscriptionUpdateConfirm => {
                SessionFlowKind::SubscriptionUpdateConfirm(raw.subscription_update_confirm.unwrap_or_default())
            }
            FlowType::Other(other) => SessionFlowKind::Other(other),
        };
        SessionFlow { after_completion: raw.after_completion, kind }
    }
}

#[derive(Deserialize)]
struct RawAfterCompletion {
    #[serde(rename = "type")]
    kind: String,
    redirect: Option<SessionRedirect>,
    hosted_confirmation: Option<SessionHostedConfirmation>,
}

#[derive(Deserialize)]
struct SessionRedirect {
    return_url: Option<String>,
}

#[derive(Deserialize)]
struct SessionHostedConfirmation {
    custom_message: Option<String>,
}

impl From<RawAfterCompletion> for SessionAfterCompletion {
    fn from(raw: RawAfterCompletion) -> Self {
        match raw.kind.as_str() {
            "redirect" => SessionAfterCompletion::Redirect { return_url: raw.redirect.and_then(|r| r.return_url) },
            "hosted_confirmation" => SessionAfterCompletion::HostedConfirmation {
                custom_message: raw.hosted_confirmation.and_then(|h| h.custom_message),
            },
            "portal_homepage" => SessionAfterCompletion::PortalHomepage,
            _ => SessionAfterCompletion::Other(raw.kind),
        }
    }
}

#[derive(Deserialize)]
struct RawRetention {
    #[serde(rename = "type")]
    kind: String,
    coupon_offer: Option<SessionCouponOffer>,
}

#[derive(Deserialize)]
struct SessionCouponOffer {
    coupon: Option<String>,
}

impl From<RawRetention> for SessionRetention {
    fn from(raw: RawRetention) -> Self {
        match raw.kind.as_str() {
            "coupon_offer" => SessionRetention::CouponOffer { coupon: raw.coupon_offer.and_then(|c| c.coupon) },
            _ => SessionRetention::Other(raw.kind),
        }
    }
}
