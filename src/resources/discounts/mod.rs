//! Discounts and coupons, as the objects the portal shows and changes: a [`Discount`] applies a
//! [`Coupon`] (or a [`PromotionCode`]'s coupon) to a customer or a subscription.
//!
//! Object-only: the portal applies discounts (a retention offer, a promotion code on a plan
//! change); `customer.discount.*` webhooks and a subscription's `discounts` carry them.

mod object;

pub use object::{
    Coupon, CouponDuration, Discount, DiscountSource, DiscountSourceType, PromotionCode, PromotionCodePromotion,
    PromotionType,
};
