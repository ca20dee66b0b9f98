//! [`Discount`], [`Coupon`] and [`PromotionCode`]: the fields a portal integration reads.

use crate::customers::Customer;
use crate::wire::expandable::Expandable;
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
        Coupon = "coupon": "A coupon, in `source.coupon` (in `promotion.coupon` for a promotion code).",
    }
}

crate::object! {
    /// A discount: a coupon applied to a customer, a subscription, an invoice or an item.
    ///
    /// In `customer.discount.deleted` events it carries `deleted: true`.
    pub struct Discount {
        id: String = "`di_…` (empty in some deleted discounts).",
        source: Option<DiscountSource> = "What the discount applies: its `type` and the coupon.",
        customer: Option<Expandable<Customer>> = "The customer it belongs to: the id, or the object when expanded.",
        subscription: Option<String> = "The subscription it applies to (`sub_…`), if any.",
        subscription_item: Option<String> = "The subscription item it applies to (`si_…`), if any.",
        invoice: Option<String> = "The invoice it applies to (`in_…`), if any.",
        promotion_code: Option<Expandable<PromotionCode>> =
            "The promotion code redeemed for it: the id, or the object when expanded.",
        checkout_session: Option<String> = "The Checkout Session it was applied in, if any.",
        start: Option<i64> = "When it started applying, Unix seconds.",
        end: Option<i64> = "When it stops applying, Unix seconds (`None`: it does not end).",
        deleted: bool [default] = "`true` on a deleted discount.",
    }
}

impl Discount {
    /// The coupon applied, when the source is a coupon: its id, or the object when expanded.
    pub fn coupon(&self) -> Option<&Expandable<Coupon>> {
        self.source.as_ref()?.coupon.as_ref()
    }
}

/// A promotion code's `promotion.type`: the same values as a discount's `source.type`.
pub type PromotionType = DiscountSourceType;

crate::object! {
    /// A discount's `source`.
    pub struct DiscountSource {
        kind: DiscountSourceType [rename = "type"] = "What kind of source.",
        coupon: Option<Expandable<Coupon>> = "The coupon, for `type: coupon`: its id, or the object when expanded.",
    }

    /// A coupon: an amount or a percentage off, for a duration.
    pub struct Coupon {
        id: String = "The coupon's id: chosen by you (`\"SPRING25\"`) or generated.",
        name: Option<String> = "Its name, shown to customers.",
        amount_off: Option<i64> = "Amount off, in the smallest unit of `currency`.",
        percent_off: Option<f64> = "Percentage off (0 to 100).",
        currency: Option<String> = "Three-letter ISO currency code of `amount_off`, lower case.",
        duration: CouponDuration = "How long it applies.",
        duration_in_months: Option<u32> = "Months it applies for, when `duration` is `repeating`.",
        max_redemptions: Option<u64> = "How many times it may be redeemed in all.",
        redeem_by: Option<i64> = "Last time it may be redeemed, Unix seconds.",
        times_redeemed: u64 [default] = "How many times it was redeemed.",
        valid: bool [default] = "Whether it can still be applied.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }

    /// A promotion code's `promotion`.
    pub struct PromotionCodePromotion {
        kind: PromotionType [rename = "type"] = "What kind of promotion.",
        coupon: Option<Expandable<Coupon>> = "The coupon, for `type: coupon`: its id, or the object when expanded.",
    }

    /// A promotion code: a customer-facing code for a coupon.
    pub struct PromotionCode {
        id: String = "`promo_…`.",
        code: String = "The code customers type.",
        promotion: Option<PromotionCodePromotion> =
            "What redeeming it applies: its `type` and the coupon (API `2026-10-28.endive`; older versions sent \
             `coupon` at the top level).",
        active: bool [default] = "Whether it can be redeemed.",
        customer: Option<Expandable<Customer>> =
            "The only customer who may redeem it, if restricted: the id, or the object when expanded.",
        expires_at: Option<i64> = "When it expires, Unix seconds.",
        max_redemptions: Option<u64> = "How many times it may be redeemed in all.",
        times_redeemed: u64 [default] = "How many times it was redeemed.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
}

impl PromotionCode {
    /// The coupon the code applies, when its promotion is a coupon: its id, or the object when expanded.
    pub fn coupon(&self) -> Option<&Expandable<Coupon>> {
        self.promotion.as_ref()?.coupon.as_ref()
    }
}
