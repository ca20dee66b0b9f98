//! [`Session`]: the `billing_portal.session` object Stripe returns.
//!
//! Decoding is forgiving in the ways Stripe's evolution needs: unknown fields are ignored, unknown
//! enum values land in `Other`, nullable fields are `Option`. The tagged objects (`flow`, its
//! `after_completion` and `retention`, `after_expiration`) are decoded by their `type`: the
//! variant is the one `type` names, filled from the sibling object of that name (how the other
//! siblings are skipped, or at most one decoded in vain, is in `wire::tagged`). An unknown `type`
//! decodes to `Other` with the type and the sibling's JSON.

use super::flow_data::FlowType;
use super::params::Locale;
use crate::configurations::Configuration;
use crate::wire::expandable::Expandable;
use crate::wire::tagged::{decode_tagged, deserialize_tagged, deserialize_via_tagged, Extra, Unknown};
use serde::de::{Deserializer, IgnoredAny, MapAccess};
use serde::Deserialize;

crate::object! {
    /// A customer portal session: send the customer to [`url`](Session::url).
    pub struct Session {
        id: String = "`bps_…`.",
        url: String = "The short-lived URL of the portal for this customer. Redirect to it right away.",
        return_url: Option<String> = "The \"back to your site\" link, if one was set.",
        customer: Option<String> = "The customer (`cus_…`).",
        customer_account: Option<String> = "The Accounts v2 customer account (`acct_…`), for sessions created for one.",
        configuration: Option<Expandable<Configuration>> =
            "The portal configuration used: its id, or the object when `expand[]=configuration`.",
        flow: Option<SessionFlow> = "The deep-link flow, when the session was created with `flow_data`.",
        locale: Option<Locale> = "The portal's language, when one was set.",
        on_behalf_of: Option<String> = "The connected account the portal acts for, if any.",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode, `false` in test mode.",
        after_expiration: Option<SessionAfterExpiration> = "What an expired link offers, when set.",
    }
}

/// `after_expiration` of a session, by `type`.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SessionAfterExpiration {
    /// `customer_login`: the customer can log in again, until `expires_at`.
    CustomerLogin(SessionCustomerLogin),
    /// A type this version of the crate does not know.
    Other(Unknown),
}

crate::object! {
    /// `after_expiration[customer_login]` of a session.
    #[derive(Default, Eq)]
    pub struct SessionCustomerLogin {
        expires_at: Option<i64> = "Unix seconds.",
    }
}

/// The `flow` of a session: what happens after completion, and the flow with its own data.
#[derive(Clone, Debug, PartialEq)]
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
    Other(Unknown),
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
            SessionFlowKind::Other(other) => FlowType::from(other.kind.as_str()),
        }
    }
}

crate::object! {
    /// The subscription a pause or update flow is about.
    #[derive(Default, Eq)]
    pub struct SessionSubscription {
        subscription: Option<String> = "`sub_…`.",
    }

    /// The `subscription_cancel` data of a session's flow.
    #[derive(Default)]
    pub struct SessionSubscriptionCancel {
        subscription: Option<String> = "`sub_…`.",
        retention: Option<SessionRetention> = "The retention offer, if one was set.",
    }
}

/// The retention offer of a cancel flow.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum SessionRetention {
    /// A coupon offered to stay.
    CouponOffer {
        /// The coupon's id.
        coupon: Option<String>,
    },
    /// A retention type this version of the crate does not know.
    Other(Unknown),
}

crate::object! {
    /// The `subscription_update_confirm` data of a session's flow.
    #[derive(Default, Eq)]
    pub struct SessionSubscriptionUpdateConfirm {
        subscription: Option<String> = "`sub_…`.",
        items: Vec<SessionUpdateConfirmItem> [null_as_default] = "The items being changed.",
        discounts: Vec<SessionUpdateConfirmDiscount> [null_as_default] = "The discounts applied with the change.",
    }

    /// One item of an update-confirm flow.
    #[derive(Default, Eq)]
    pub struct SessionUpdateConfirmItem {
        id: Option<String> = "The subscription item (`si_…`).",
        price: Option<String> = "The new price.",
        quantity: Option<u64> = "The new quantity.",
    }

    /// One discount of an update-confirm flow.
    #[derive(Default, Eq)]
    pub struct SessionUpdateConfirmDiscount {
        coupon: Option<String> = "A coupon id.",
        promotion_code: Option<String> = "A promotion code id.",
    }
}

/// What the customer sees after completing a session's flow.
#[derive(Clone, Debug, PartialEq)]
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
    Other(Unknown),
}

/// `after_completion`, the one field of a flow besides `type` and its siblings.
#[derive(Default)]
struct FlowExtra {
    after_completion: Option<SessionAfterCompletion>,
}

impl<'de> Extra<'de> for FlowExtra {
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error> {
        if key != "after_completion" {
            return Ok(false);
        }
        self.after_completion = map.next_value()?;
        Ok(true)
    }
}

decode_tagged!(SessionFlowKind {
    "payment_method_update" => IgnoredAny => |_| SessionFlowKind::PaymentMethodUpdate,
    "customer_update" => IgnoredAny => |_| SessionFlowKind::CustomerUpdate,
    "subscription_cancel" => SessionSubscriptionCancel => SessionFlowKind::SubscriptionCancel,
    "subscription_pause" => SessionSubscription => SessionFlowKind::SubscriptionPause,
    "subscription_update" => SessionSubscription => SessionFlowKind::SubscriptionUpdate,
    "subscription_update_confirm" => SessionSubscriptionUpdateConfirm => SessionFlowKind::SubscriptionUpdateConfirm,
} else SessionFlowKind::Other);

#[derive(Default, Deserialize)]
struct SessionRedirect {
    return_url: Option<String>,
}

#[derive(Default, Deserialize)]
struct SessionHostedConfirmation {
    custom_message: Option<String>,
}

decode_tagged!(SessionAfterCompletion {
    "redirect" => SessionRedirect => |r: SessionRedirect| SessionAfterCompletion::Redirect { return_url: r.return_url },
    "hosted_confirmation" => SessionHostedConfirmation => |h: SessionHostedConfirmation| {
        SessionAfterCompletion::HostedConfirmation { custom_message: h.custom_message }
    },
    "portal_homepage" => IgnoredAny => |_| SessionAfterCompletion::PortalHomepage,
} else SessionAfterCompletion::Other);

#[derive(Default, Deserialize)]
struct SessionCouponOffer {
    coupon: Option<String>,
}

decode_tagged!(SessionRetention {
    "coupon_offer" => SessionCouponOffer => |c: SessionCouponOffer| SessionRetention::CouponOffer { coupon: c.coupon },
} else SessionRetention::Other);

decode_tagged!(SessionAfterExpiration {
    "customer_login" => SessionCustomerLogin => SessionAfterExpiration::CustomerLogin,
} else SessionAfterExpiration::Other);

impl<'de> Deserialize<'de> for SessionFlow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let (kind, extra) = deserialize_tagged::<D, SessionFlowKind, FlowExtra>(deserializer)?;
        Ok(SessionFlow { after_completion: extra.after_completion, kind })
    }
}

deserialize_via_tagged!(SessionAfterCompletion, SessionRetention, SessionAfterExpiration);
