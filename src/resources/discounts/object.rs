//! [`Discount`], [`Coupon`] and [`PromotionCode`]: the fields a portal integration reads.

use crate::customers::Customer;
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Expandable, Object};
use serde::Deserialize;
use std::collections::HashMap;

crate::open_enum! {
    /// A coupon's `duration`: how long its discount applies.
    pub enum CouponDuration {
        Forever = "forever": "To every invoice, for as long as the subscription lasts.",
        Once = "once": "To the first invoice only.",
        Repeating = "repeating": "For `duration_in_months` months.",
    }
}

crate::open_enum! {
    /// The `type` of a discount's `source`.
    pub enum DiscountSourceType {
        Coupon = "coupon": "A coupon, in `source.coupon`.",
    }
}

/// A discount: a coupon applied to a customer, a subscription, an invoice or an item.
///
/// In `customer.discount.deleted` events it carries `deleted: true`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Discount {
    /// `di_…` (empty in some deleted discounts).
    pub id: String,
    /// What the discount applies: its `type` and the coupon.
    pub source: Option<DiscountSource>,
    /// The customer it belongs to: the id, or the object when expanded.
    pub customer: Option<Expandable<Customer>>,
    /// The subscription it applies to (`sub_…`), if any.
    pub subscription: Option<String>,
    /// The subscription item it applies to (`si_…`), if any.
    pub subscription_item: Option<String>,
    /// The invoice it applies to (`in_…`), if any.
    pub invoice: Option<String>,
    /// The promotion code redeemed for it: the id, or the object when expanded.
    pub promotion_code: Option<Expandable<PromotionCode>>,
    /// The Checkout Session it was applied in, if any.
    pub checkout_session: Option<String>,
    /// When it started applying, Unix seconds.
    pub start: Option<i64>,
    /// When it stops applying, Unix seconds (`None`: it does not end).
    pub end: Option<i64>,
    /// `true` on a deleted discount.
    #[serde(default)]
    pub deleted: bool,
}

impl Discount {
    /// The coupon applied, when the source is a coupon: its id, or the object when expanded.
    pub fn coupon(&self) -> Option<&Expandable<Coupon>> {
        self.source.as_ref()?.coupon.as_ref()
    }
}

impl Object for Discount {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A discount's `source`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct DiscountSource {
    /// What kind of source.
    #[serde(rename = "type")]
    pub kind: DiscountSourceType,
    /// The coupon, for `type: coupon`: its id, or the object when expanded.
    pub coupon: Option<Expandable<Coupon>>,
}

/// A coupon: an amount or a percentage off, for a duration.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Coupon {
    /// The coupon's id: chosen by you (`"SPRING25"`) or generated.
    pub id: String,
    /// Its name, shown to customers.
    pub name: Option<String>,
    /// Amount off, in the smallest unit of `currency`.
    pub amount_off: Option<i64>,
    /// Percentage off (0 to 100).
    pub percent_off: Option<f64>,
    /// Three-letter ISO currency code of `amount_off`, lower case.
    pub currency: Option<String>,
    /// How long it applies.
    pub duration: CouponDuration,
    /// Months it applies for, when `duration` is `repeating`.
    pub duration_in_months: Option<u32>,
    /// How many times it may be redeemed in all.
    pub max_redemptions: Option<u64>,
    /// Last time it may be redeemed, Unix seconds.
    pub redeem_by: Option<i64>,
    /// How many times it was redeemed.
    #[serde(default)]
    pub times_redeemed: u64,
    /// Whether it can still be applied.
    #[serde(default)]
    pub valid: bool,
    /// Your key-value data (always present; `null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Object for Coupon {
    fn id(&self) -> &str {
        &self.id
    }
}

/// A promotion code: a customer-facing code for a coupon.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PromotionCode {
    /// `promo_…`.
    pub id: String,
    /// The code customers type.
    pub code: String,
    /// Whether it can be redeemed.
    #[serde(default)]
    pub active: bool,
    /// The only customer who may redeem it, if restricted: the id, or the object when expanded.
    pub customer: Option<Expandable<Customer>>,
    /// When it expires, Unix seconds.
    pub expires_at: Option<i64>,
    /// How many times it may be redeemed in all.
    pub max_redemptions: Option<u64>,
    /// How many times it was redeemed.
    #[serde(default)]
    pub times_redeemed: u64,
    /// Your key-value data (always present; `null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Object for PromotionCode {
    fn id(&self) -> &str {
        &self.id
    }
}
