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
//! | a flow this crate does not know yet | [`Flow::other`] | `flow_data[type]=X&flow_data[X][…]` |
//!
//! Ids are [`leaf`](crate::leaf) types: `sub_…` and `si_…` where Stripe fixes the prefix, any id
//! for prices, coupons and promotion codes (users name those), and a quantity is at least 1.

use crate::resources::builders::setters;
use crate::wire::form::Ordered;
use crate::wire::leaf::{Id, Quantity, Refuse, SubscriptionId, SubscriptionItemId, Text, Url};
use crate::wire::tagged::{serialize_tagged, write_tagged, OneField};
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use serde::Serialize;

/// [`FlowType`] and [`Flow`] from one list of the flows, one row each: its doc, the [`Flow`]
/// variant (with the type of its data, if it has any) and its `flow_data[type]`. Also writes
/// [`Flow::flow_type`] and a `From` into [`Flow`] for each flow's data.
macro_rules! flows {
    ($($(#[$doc:meta])* $variant:ident $(($data:ident))? = $wire:literal,)+) => {
        crate::open_enum! {
            /// `flow_data[type]`: which portal flow a session opens.
            pub enum FlowType {
                $($(#[$doc])* $variant = $wire,)+
            }
        }

        /// A portal flow and the data it needs.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum Flow {
            $($(#[$doc])* $variant $(($data))?,)+
            /// A flow this version of the crate does not know yet: `flow_data[type]={flow_type}` and its
            /// data under `flow_data[{flow_type}][…]`, encoded from any JSON object (`params`; `null`
            /// sends no data), as Stripe's own SDKs would.
            Other {
                /// The flow's `type`, as Stripe documents it.
                flow_type: String,
                /// The flow's own parameters.
                params: serde_json::Value,
            },
        }

        impl Flow {
            /// The `flow_data[type]` this flow is sent with.
            pub fn flow_type(&self) -> FlowType {
                match self {
                    $(Flow::$variant { .. } => FlowType::$variant,)+
                    Flow::Other { flow_type, .. } => FlowType::from(flow_type.as_str()),
                }
            }
        }

        $($(
            impl From<$data> for Flow {
                fn from(data: $data) -> Self {
                    Flow::$variant(data)
                }
            }
        )?)+
    };
}

flows! {
    /// Add or replace the default payment method.
    PaymentMethodUpdate = "payment_method_update",
    /// Edit the customer's billing details.
    CustomerUpdate = "customer_update",
    /// Cancel a subscription.
    SubscriptionCancel(SubscriptionCancel) = "subscription_cancel",
    /// Pause a subscription.
    SubscriptionPause(SubscriptionPause) = "subscription_pause",
    /// Choose a new plan for a subscription.
    SubscriptionUpdate(SubscriptionUpdate) = "subscription_update",
    /// Confirm a change the integration prepared (new price, quantity, discount).
    SubscriptionUpdateConfirm(SubscriptionUpdateConfirm) = "subscription_update_confirm",
}

impl Flow {
    /// A flow the crate has no type for yet: `flow_type` with its `params` (a JSON object).
    pub fn other(flow_type: impl Into<String>, params: serde_json::Value) -> Self {
        Flow::Other { flow_type: flow_type.into(), params }
    }
}

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
    pub fn subscription_cancel(subscription: impl Into<SubscriptionId>) -> Self {
        Self::new(SubscriptionCancel::new(subscription))
    }

    /// Deep link: pause `subscription`.
    pub fn subscription_pause(subscription: impl Into<SubscriptionId>) -> Self {
        Self::new(SubscriptionPause::new(subscription))
    }

    /// Deep link: choose a new plan for `subscription`.
    pub fn subscription_update(subscription: impl Into<SubscriptionId>) -> Self {
        Self::new(SubscriptionUpdate::new(subscription))
    }

    /// Deep link: confirm a prepared change; see [`SubscriptionUpdateConfirm`].
    pub fn subscription_update_confirm(confirm: SubscriptionUpdateConfirm) -> Self {
        Self::new(confirm)
    }

    setters! {
        /// What the customer sees once the flow is complete: `flow_data[after_completion]`.
        fn after_completion(after_completion: AfterCompletion) { after_completion = Some(after_completion) }
    }

    /// The flow.
    pub fn flow(&self) -> &Flow {
        &self.flow
    }
}

impl From<Flow> for FlowData {
    fn from(flow: Flow) -> Self {
        Self::new(flow)
    }
}

impl Serialize for FlowData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Flow::Other { flow_type, params } = &self.flow {
            let after_completion = self.after_completion.as_ref();
            return Ordered(OtherFlow { flow_type, params, after_completion }).serialize(serializer);
        }
        let mut s = serializer.serialize_struct("FlowData", 3)?;
        let tag = self.flow.flow_type();
        let tag = tag.as_str();
        match &self.flow {
            Flow::SubscriptionCancel(cancel) => write_tagged(&mut s, tag, Some(("subscription_cancel", cancel)))?,
            Flow::SubscriptionPause(pause) => write_tagged(&mut s, tag, Some(("subscription_pause", pause)))?,
            Flow::SubscriptionUpdate(update) => write_tagged(&mut s, tag, Some(("subscription_update", update)))?,
            Flow::SubscriptionUpdateConfirm(confirm) => {
                write_tagged(&mut s, tag, Some(("subscription_update_confirm", confirm)))?
            }
            // (`Other` returned above.)
            Flow::PaymentMethodUpdate | Flow::CustomerUpdate | Flow::Other { .. } => {
                write_tagged::<_, _, ()>(&mut s, tag, None)?
            }
        }
        if let Some(after_completion) = &self.after_completion {
            s.serialize_field("after_completion", after_completion)?;
        }
        s.end()
    }
}

/// An unknown flow: the sibling's name is only known at run time, so the object is written as a
/// map kept in its order (`type`, the sibling, `after_completion`). A `type` that is empty or
/// holds brackets has no spelling.
struct OtherFlow<'a> {
    flow_type: &'a str,
    params: &'a serde_json::Value,
    after_completion: Option<&'a AfterCompletion>,
}

impl Serialize for OtherFlow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if self.flow_type.is_empty() || self.flow_type.contains(['[', ']']) {
            map.serialize_entry("type", &Refuse("must be a flow type without `[` or `]`"))?;
        }
        map.serialize_entry("type", self.flow_type)?;
        map.serialize_entry(self.flow_type, self.params)?;
        if let Some(after_completion) = self.after_completion {
            map.serialize_entry("after_completion", after_completion)?;
        }
        map.end()
    }
}

/// `flow_data[subscription_cancel]`: the subscription to cancel, and an optional retention offer.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubscriptionCancel {
    subscription: SubscriptionId,
    retention: Option<Retention>,
}

impl SubscriptionCancel {
    /// Cancel `subscription` (`sub_…`).
    pub fn new(subscription: impl Into<SubscriptionId>) -> Self {
        Self { subscription: subscription.into(), retention: None }
    }

    setters! {
        /// Before cancelling, offer the customer `coupon` to stay:
        /// `retention[type]=coupon_offer&retention[coupon_offer][coupon]=…`.
        fn coupon_offer(coupon: impl Into<Id>) { retention = Some(Retention::CouponOffer { coupon: coupon.into() }) }
    }
}

/// `flow_data[subscription_cancel][retention]`: what to offer a customer who is about to cancel.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Retention {
    /// Offer a coupon.
    CouponOffer {
        /// The coupon's id (chosen by you, so any id).
        coupon: Id,
    },
}

impl Serialize for Retention {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Retention::CouponOffer { coupon } => {
                serialize_tagged(serializer, "coupon_offer", Some(&OneField("coupon", coupon)))
            }
        }
    }
}

macro_rules! subscription_only_flow {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Serialize)]
        pub struct $name {
            subscription: SubscriptionId,
        }

        impl $name {
            /// For `subscription` (`sub_…`).
            pub fn new(subscription: impl Into<SubscriptionId>) -> Self {
                Self { subscription: subscription.into() }
            }
        }
    };
}

subscription_only_flow!(
    /// `flow_data[subscription_pause]`: the subscription to pause.
    SubscriptionPause
);
subscription_only_flow!(
    /// `flow_data[subscription_update]`: the subscription whose plan the customer picks.
    SubscriptionUpdate
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
    subscription: SubscriptionId,
    items: Vec<SubscriptionUpdateConfirmItem>,
    discounts: Vec<SubscriptionUpdateConfirmDiscount>,
}

impl SubscriptionUpdateConfirm {
    /// Confirm changing `subscription` as `item` says.
    pub fn new(subscription: impl Into<SubscriptionId>, item: SubscriptionUpdateConfirmItem) -> Self {
        Self { subscription: subscription.into(), items: vec![item], discounts: Vec::new() }
    }

    setters! {
        /// Adds another item to change. Stripe currently accepts one item per confirmation and
        /// answers with an error otherwise.
        fn item(item: SubscriptionUpdateConfirmItem) { items.push(item) }
    }

    /// Applies a coupon with the change: `discounts[N][coupon]`.
    pub fn coupon(self, coupon: impl Into<Id>) -> Self {
        self.discount(SubscriptionUpdateConfirmDiscount::Coupon(coupon.into()))
    }

    /// Applies a promotion code with the change: `discounts[N][promotion_code]`.
    pub fn promotion_code(self, promotion_code: impl Into<Id>) -> Self {
        self.discount(SubscriptionUpdateConfirmDiscount::PromotionCode(promotion_code.into()))
    }

    setters! {
        /// Adds a discount.
        fn discount(discount: SubscriptionUpdateConfirmDiscount) { discounts.push(discount) }
    }
}

/// `flow_data[subscription_update_confirm][items][N]`: one subscription item and what changes.
///
/// Built from a new price or a new quantity, so an item that changes nothing cannot be written;
/// chain the other method to change both. A quantity is at least 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubscriptionUpdateConfirmItem {
    id: SubscriptionItemId,
    price: Option<Id>,
    quantity: Option<Quantity>,
}

impl SubscriptionUpdateConfirmItem {
    /// Move subscription item `id` (`si_…`) to `price`, which must be one of the prices the
    /// portal configuration offers.
    pub fn new_price(id: impl Into<SubscriptionItemId>, price: impl Into<Id>) -> Self {
        Self { id: id.into(), price: Some(price.into()), quantity: None }
    }

    /// Set subscription item `id`'s quantity (at least 1).
    pub fn new_quantity(id: impl Into<SubscriptionItemId>, quantity: impl Into<Quantity>) -> Self {
        Self { id: id.into(), price: None, quantity: Some(quantity.into()) }
    }

    setters! {
        /// Also set the quantity (at least 1).
        fn quantity(quantity: impl Into<Quantity>) { quantity = Some(quantity.into()) }

        /// Also set the price.
        fn price(price: impl Into<Id>) { price = Some(price.into()) }
    }
}

/// `flow_data[subscription_update_confirm][discounts][N]`: a coupon or a promotion code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SubscriptionUpdateConfirmDiscount {
    /// `[coupon]`: a coupon id (chosen by you, so any id).
    Coupon(Id),
    /// `[promotion_code]`: a promotion code id.
    PromotionCode(Id),
}

/// `flow_data[after_completion]`: where the customer goes once the flow is done.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum AfterCompletion {
    /// Send the customer to `return_url` (an absolute http(s) URL).
    Redirect {
        /// `flow_data[after_completion][redirect][return_url]`.
        return_url: Url,
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
    pub fn redirect(return_url: impl Into<Url>) -> Self {
        AfterCompletion::Redirect { return_url: return_url.into() }
    }

    /// Show Stripe's confirmation page.
    pub fn hosted_confirmation() -> Self {
        AfterCompletion::HostedConfirmation { custom_message: None }
    }

    /// Show Stripe's confirmation page with `message` (not empty: refused before sending).
    pub fn hosted_confirmation_with_message(message: impl Into<String>) -> Self {
        AfterCompletion::HostedConfirmation { custom_message: Some(message.into()) }
    }

    /// Continue to the portal's home page.
    pub fn portal_homepage() -> Self {
        AfterCompletion::PortalHomepage
    }
}

impl Serialize for AfterCompletion {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            AfterCompletion::Redirect { return_url } => {
                serialize_tagged(serializer, "redirect", Some(&OneField("return_url", return_url)))
            }
            AfterCompletion::HostedConfirmation { custom_message } => {
                // Checked as `Text`: the field is not emptyable, so `""` must not be sent.
                let message = custom_message.as_deref().map(Text::from);
                let message = message.as_ref().map(|message| OneField("custom_message", message));
                serialize_tagged(serializer, "hosted_confirmation", message.as_ref())
            }
            AfterCompletion::PortalHomepage => serialize_tagged::<_, ()>(serializer, "portal_homepage", None),
        }
    }
}
