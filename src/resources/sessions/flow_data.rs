//! `flow_data`: the deep link that sends the customer straight into one portal action.
//!
//! Stripe reads `flow_data[type]` and then the one sibling object named after it. Here the flow is
//! a Rust enum whose variant carries exactly that object, and the encoder writes `type` from the
//! variant, so the two can never disagree.
//!
//! | flow | constructor | wire |
//! |---|---|---|
//! | update a payment method | [`FlowData::payment_method_update`] | `flow_data[type]=payment_method_update` |
//! | edit customer details | [`FlowData::customer_update`] | `flow_data[type]=customer_update` |
//! | cancel a subscription | [`FlowData::subscription_cancel`], [`SubscriptionCancel`] | `flow_data[subscription_cancel][subscription]` (+ `[retention]`) |
//! | pause a subscription | [`FlowData::subscription_pause`] | `flow_data[subscription_pause][subscription]` |
//! | pick a new plan | [`FlowData::subscription_update`] | `flow_data[subscription_update][subscription]` |
//! | confirm a given change | [`SubscriptionUpdateConfirm`] | `flow_data[subscription_update_confirm][items][0][id]`, … |

use crate::wire::validate;
use crate::Error;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

crate::open_enum! {
    /// `flow_data[type]`: which portal flow a session opens.
    pub enum FlowType {
        /// Edit the customer's billing details.
        CustomerUpdate = "customer_update",
        /// Add or replace a payment method.
        PaymentMethodUpdate = "payment_method_update",
        /// Cancel a subscription.
        SubscriptionCancel = "subscription_cancel",
        /// Pause a subscription.
        SubscriptionPause = "subscription_pause",
        /// Choose a new plan for a subscription.
        SubscriptionUpdate = "subscription_update",
        /// Confirm a change the integration prepared (new price, quantity, discount).
        SubscriptionUpdateConfirm = "subscription_update_confirm",
    }
}

/// A portal flow and the data it needs.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Flow {
    /// Add or replace the default payment method.
    PaymentMethodUpdate,
    /// Edit the customer's billing details.
    CustomerUpdate,
    /// Cancel a subscription.
    SubscriptionCancel(SubscriptionCancel),
    /// Pause a subscription.
    SubscriptionPause(SubscriptionPause),
    /// Choose a new plan for a subscription.
    SubscriptionUpdate(SubscriptionUpdate),
    /// Confirm a prepared change to a subscription.
    SubscriptionUpdateConfirm(SubscriptionUpdateConfirm),
}

impl Flow {
    /// The `flow_data[type]` this flow is sent with.
    pub fn flow_type(&self) -> FlowType {
        match self {
            Flow::PaymentMethodUpdate => FlowType::PaymentMethodUpdate,
            Flow::CustomerUpdate => FlowType::CustomerUpdate,
            Flow::SubscriptionCancel(_) => FlowType::SubscriptionCancel,
            Flow::SubscriptionPause(_) => FlowType::SubscriptionPause,
            Flow::SubscriptionUpdate(_) => FlowType::SubscriptionUpdate,
            Flow::SubscriptionUpdateConfirm(_) => FlowType::SubscriptionUpdateConfirm,
        }
    }
}

macro_rules! flow_from {
    ($($payload:ident),+) => {$(
        impl From<$payload> for Flow {
            fn from(payload: $payload) -> Self {
                Flow::$payload(payload)
            }
        }
    )+};
}
flow_from!(SubscriptionCancel, SubscriptionPause, SubscriptionUpdate, SubscriptionUpdateConfirm);

/// `flow_data`: a [`Flow`] plus what happens once the customer completes it.
///
/// ```
/// use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SubscriptionCancel};
///
/// let flow = FlowData::new(SubscriptionCancel::new("sub_123").coupon_offer("STAY25"))
///     .after_completion(AfterCompletion::redirect("https://example.com/account"));
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct FlowData {
    flow: Flow,
    after_completion: Option<AfterCompletion>,
}

impl FlowData {
    /// A deep link into `flow`, with Stripe's default after-completion behaviour.
    pub fn new(flow: impl Into<Flow>) -> Self {
        Self { flow: flow.into(), after_completion: None }
    }

    /// Deep link: add or replace the customer's payment method.
    pub fn payment_method_update() -> Self {
        Self::new(Flow::PaymentMethodUpdate)
    }

    /// Deep link: edit the customer's billing details.
    pub fn customer_update() -> Self {
        Self::new(Flow::CustomerUpdate)
    }

    /// Deep link: cancel `subscription`. Use [`SubscriptionCancel`] to offer a retention coupon.
    pub fn subscription_cancel(subscription: impl Into<String>) -> Self {
        Self::new(SubscriptionCancel::new(subscription))
    }

    /// Deep link: pause `subscription`.
    pub fn subscription_pause(subscription: impl Into<String>) -> Self {
        Self::new(SubscriptionPause::new(subscription))
    }

    /// Deep link: choose a new plan for `subscription`.
    pub fn subscription_update(subscription: impl Into<String>) -> Self {
        Self::new(SubscriptionUpdate::new(subscription))
    }

    /// Deep link: confirm a prepared change; see [`SubscriptionUpdateConfirm`].
    pub fn subscription_update_confirm(confirm: SubscriptionUpdateConfirm) -> Self {
        Self::new(confirm)
    }

    /// What the customer sees once the flow is complete: `flow_data[after_completion]`.
    pub fn after_completion(mut self, after_completion: AfterCompletion) -> Self {
        self.after_completion = Some(after_completion);
        self
    }

    /// The flow.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    pub(crate) fn validate(&self) -> Result<(), Error> {
        match &self.flow {
            Flow::PaymentMethodUpdate | Flow::CustomerUpdate => {}
            Flow::SubscriptionCancel(cancel) => cancel.validate()?,
            Flow::SubscriptionPause(pause) => pause.validate()?,
            Flow::SubscriptionUpdate(update) => update.validate()?,
            Flow::SubscriptionUpdateConfirm(confirm) => confirm.validate()?,
        }
        self.after_completion.as_ref().map_or(Ok(()), AfterCompletion::validate)
    }
}

impl From<Flow> for FlowData {
    fn from(flow: Flow) -> Self {
        Self::new(flow)
    }
}

impl Serialize for FlowData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("FlowData", 3)?;
        s.serialize_field("type", &self.flow.flow_type())?;
        match &self.flow {
            Flow::PaymentMethodUpdate | Flow::CustomerUpdate => {}
            Flow::SubscriptionCancel(cancel) => s.serialize_field("subscription_cancel", cancel)?,
            Flow::SubscriptionPause(pause) => s.serialize_field("subscription_pause", pause)?,
            Flow::SubscriptionUpdate(update) => s.serialize_field("subscription_update", update)?,
            Flow::SubscriptionUpdateConfirm(confirm) => s.serialize_field("subscription_update_confirm", confirm)?,
        }
        if let Some(after_completion) = &self.after_completion {
            s.serialize_field("after_completion", after_completion)?;
        }
        s.end()
    }
}

/// Serializes Stripe's "`type` names the one sibling object that is set" shape:
/// `{type: tag}` or `{type: tag, tag: payload}`.
fn tagged<S: Serializer, P: Serialize>(
    serializer: S,
    tag: &'static str,
    payload: Option<&P>,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Tagged", 2)?;
    s.serialize_field("type", tag)?;
    if let Some(payload) = payload {
        s.serialize_field(tag, payload)?;
    }
    s.end()
}

/// `flow_data[subscription_cancel]`: the subscription to cancel, and an optional retention offer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubscriptionCancel {
    subscription: String,
    retention: Option<Retention>,
}

impl SubscriptionCancel {
    /// Cancel `subscription` (`sub_…`).
    pub fn new(subscription: impl Into<String>) -> Self {
        Self { subscription: subscription.into(), retention: None }
    }

    /// Before cancelling, offer the customer `coupon` to stay:
    /// `retention[type]=coupon_offer&retention[coupon_offer][coupon]=…`.
    pub fn coupon_offer(mut self, coupon: impl Into<String>) -> Self {
        self.retention = Some(Retention::CouponOffer { coupon: coupon.into() });
        self
    }

    fn validate(&self) -> Result<(), Error> {
        validate::non_empty("flow_data[subscription_cancel][subscription]", &self.subscription)?;
        match &self.retention {
            Some(Retention::CouponOffer { coupon }) => {
                validate::non_empty("flow_data[subscription_cancel][retention][coupon_offer][coupon]", coupon)
            }
            None => Ok(()),
        }
    }
}

/// `flow_data[subscription_cancel][retention]`: what to offer a customer who is about to cancel.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Retention {
    /// Offer a coupon.
    CouponOffer {
        /// The coupon's id.
        coupon: String,
    },
}

#[derive(Serialize)]
struct CouponOffer<'a> {
    coupon: &'a str,
}

impl Serialize for Retention {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Retention::CouponOffer { coupon } => tagged(serializer, "coupon_offer", Some(&CouponOffer { coupon })),
        }
    }
}

macro_rules! subscription_only_flow {
    ($(#[$meta:meta])* $name:ident, $param:literal) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct $name {
            subscription: String,
        }

        impl $name {
            /// For `subscription` (`sub_…`).
            pub fn new(subscription: impl Into<String>) -> Self {
                Self { subscription: subscription.into() }
            }

            fn validate(&self) -> Result<(), Error> {
                validate::non_empty($param, &self.subscription)
            }
        }
    };
}

subscription_only_flow!(
    /// `flow_data[subscription_pause]`: the subscription to pause.
    SubscriptionPause,
    "flow_data[subscription_pause][subscription]"
);
subscription_only_flow!(
    /// `flow_data[subscription_update]`: the subscription whose plan the customer picks.
    SubscriptionUpdate,
    "flow_data[subscription_update][subscription]"
);

/// `flow_data[subscription_update_confirm]`: a change the integration prepared, shown to the
/// customer to confirm.
///
/// At least one item is required, so the constructor takes the first. Each item names the
/// subscription item (`si_…`, from the subscription's `items.data`) and its new price, quantity,
/// or both.
///
/// ```
/// use stripe_billing_portal::sessions::{SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem};
///
/// let confirm = SubscriptionUpdateConfirm::new(
///     "sub_123",
///     SubscriptionUpdateConfirmItem::new_price("si_123", "price_gold").quantity(3),
/// )
/// .coupon("LOYALTY10");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubscriptionUpdateConfirm {
    subscription: String,
    items: Vec<SubscriptionUpdateConfirmItem>,
    discounts: Vec<SubscriptionUpdateConfirmDiscount>,
}

impl SubscriptionUpdateConfirm {
    /// Confirm changing `subscription` as `item` says.
    pub fn new(subscription: impl Into<String>, item: SubscriptionUpdateConfirmItem) -> Self {
        Self { subscription: subscription.into(), items: vec![item], discounts: Vec::new() }
    }

    /// Adds another item to change. Stripe currently accepts one item per confirmation and
    /// answers with an error otherwise.
    pub fn item(mut self, item: SubscriptionUpdateConfirmItem) -> Self {
        self.items.push(item);
        self
    }

    /// Applies a coupon with the change: `discounts[N][coupon]`.
    pub fn coupon(self, coupon: impl Into<String>) -> Self {
        self.discount(SubscriptionUpdateConfirmDiscount::Coupon(coupon.into()))
    }

    /// Applies a promotion code with the change: `discounts[N][promotion_code]`.
    pub fn promotion_code(self, promotion_code: impl Into<String>) -> Self {
        self.discount(SubscriptionUpdateConfirmDiscount::PromotionCode(promotion_code.into()))
    }

    /// Adds a discount.
    pub fn discount(mut self, discount: SubscriptionUpdateConfirmDiscount) -> Self {
        self.discounts.push(discount);
        self
    }

    fn validate(&self) -> Result<(), Error> {
        const BASE: &str = "flow_data[subscription_update_confirm]";
        validate::non_empty(format_args!("{BASE}[subscription]"), &self.subscription)?;
        for (i, item) in self.items.iter().enumerate() {
            validate::non_empty(format_args!("{BASE}[items][{i}][id]"), &item.id)?;
            if let Some(price) = &item.price {
                validate::non_empty(format_args!("{BASE}[items][{i}][price]"), price)?;
            }
        }
        for (i, discount) in self.discounts.iter().enumerate() {
            let (field, value) = match discount {
                SubscriptionUpdateConfirmDiscount::Coupon(coupon) => ("coupon", coupon),
                SubscriptionUpdateConfirmDiscount::PromotionCode(code) => ("promotion_code", code),
            };
            validate::non_empty(format_args!("{BASE}[discounts][{i}][{field}]"), value)?;
        }
        Ok(())
    }
}

/// `flow_data[subscription_update_confirm][items][N]`: one subscription item and what changes.
///
/// Built from a new price or a new quantity, so an item that changes nothing cannot be written;
/// chain the other method to change both.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubscriptionUpdateConfirmItem {
    id: String,
    price: Option<String>,
    quantity: Option<u64>,
}

impl SubscriptionUpdateConfirmItem {
    /// Move subscription item `id` (`si_…`) to `price` (`price_…`), which must be one of the
    /// prices the portal configuration offers.
    pub fn new_price(id: impl Into<String>, price: impl Into<String>) -> Self {
        Self { id: id.into(), price: Some(price.into()), quantity: None }
    }

    /// Set subscription item `id`'s quantity.
    pub fn new_quantity(id: impl Into<String>, quantity: u64) -> Self {
        Self { id: id.into(), price: None, quantity: Some(quantity) }
    }

    /// Also set the quantity.
    pub fn quantity(mut self, quantity: u64) -> Self {
        self.quantity = Some(quantity);
        self
    }

    /// Also set the price.
    pub fn price(mut self, price: impl Into<String>) -> Self {
        self.price = Some(price.into());
        self
    }
}

/// `flow_data[subscription_update_confirm][discounts][N]`: a coupon or a promotion code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubscriptionUpdateConfirmDiscount {
    /// `[coupon]`: a coupon id.
    Coupon(String),
    /// `[promotion_code]`: a promotion code id (`promo_…`).
    PromotionCode(String),
}

/// `flow_data[after_completion]`: where the customer goes once the flow is done.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AfterCompletion {
    /// Send the customer to `return_url` (an absolute http(s) URL).
    Redirect {
        /// `flow_data[after_completion][redirect][return_url]`.
        return_url: String,
    },
    /// Show Stripe's confirmation page, optionally with a message of your own.
    HostedConfirmation {
        /// `flow_data[after_completion][hosted_confirmation][custom_message]`.
        custom_message: Option<String>,
    },
    /// Go on to the portal's home page.
    PortalHomepage,
}

impl AfterCompletion {
    /// Redirect to `return_url` when the flow is complete.
    pub fn redirect(return_url: impl Into<String>) -> Self {
        AfterCompletion::Redirect { return_url: return_url.into() }
    }

    /// Show Stripe's confirmation page.
    pub fn hosted_confirmation() -> Self {
        AfterCompletion::HostedConfirmation { custom_message: None }
    }

    /// Show Stripe's confirmation page with `message`.
    pub fn hosted_confirmation_with_message(message: impl Into<String>) -> Self {
        AfterCompletion::HostedConfirmation { custom_message: Some(message.into()) }
    }

    /// Continue to the portal's home page.
    pub fn portal_homepage() -> Self {
        AfterCompletion::PortalHomepage
    }

    fn validate(&self) -> Result<(), Error> {
        match self {
            AfterCompletion::Redirect { return_url } => {
                validate::http_url("flow_data[after_completion][redirect][return_url]", return_url)
            }
            AfterCompletion::HostedConfirmation { .. } | AfterCompletion::PortalHomepage => Ok(()),
        }
    }
}

#[derive(Serialize)]
struct Redirect<'a> {
    return_url: &'a str,
}

#[derive(Serialize)]
struct HostedConfirmation<'a> {
    custom_message: Option<&'a str>,
}

impl Serialize for AfterCompletion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AfterCompletion::Redirect { return_url } => tagged(serializer, "redirect", Some(&Redirect { return_url })),
            AfterCompletion::HostedConfirmation { custom_message: None } => {
                tagged::<_, ()>(serializer, "hosted_confirmation", None)
            }
            AfterCompletion::HostedConfirmation { custom_message: Some(message) } => {
                tagged(serializer, "hosted_confirmation", Some(&HostedConfirmation { custom_message: Some(message) }))
            }
            AfterCompletion::PortalHomepage => tagged::<_, ()>(serializer, "portal_homepage", None),
        }
    }
}
