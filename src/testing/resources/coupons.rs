//! `/v1/coupons` (create, retrieve) and the discounts a retention offer or a confirmed update adds.

use super::{apply_metadata, by_path, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

/// `POST /v1/coupons`: `percent_off` or `amount_off` with `currency`; `id` may be chosen.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&[
        "id",
        "percent_off",
        "amount_off",
        "currency",
        "duration",
        "duration_in_months",
        "name",
        "max_redemptions",
        "metadata[*]",
    ])?;
    let id = match params.str("id")?.filter(|s| !s.is_empty()) {
        Some(id) if ctx.state.exists("coupon", id) => {
            return Err(StripeError::invalid(Some("id"), "Coupon already exists.").code("resource_already_exists"))
        }
        Some(id) => id.to_owned(),
        None => new_id("coupon")[7..15].to_owned(),
    };
    let duration = params.enum_str("duration", &["forever", "once", "repeating"])?.unwrap_or("once");
    let mut coupon = fixtures::coupon().id(id).created(ctx.now).set("duration", duration).build_json();
    match (params.str("percent_off")?, params.int("amount_off")?) {
        (Some(percent), None) => {
            let percent: f64 = percent.parse().ok().filter(|p: &f64| *p > 0.0 && *p <= 100.0).ok_or_else(|| {
                StripeError::invalid(Some("percent_off"), "Invalid percent_off: must be greater than 0 and at most 100")
            })?;
            coupon["percent_off"] = json!(percent);
        }
        (None, Some(amount)) => {
            coupon["percent_off"] = Value::Null;
            coupon["amount_off"] = json!(amount);
            coupon["currency"] = json!(params.required_str("currency")?);
        }
        _ => return Err(StripeError::invalid(None, "Coupons must have exactly one of `percent_off` or `amount_off`.")),
    }
    if duration == "repeating" {
        coupon["duration_in_months"] =
            json!(params.int("duration_in_months")?.ok_or_else(|| StripeError::missing("duration_in_months"))?);
    }
    super::apply_strings(&mut coupon, params, "", &["name"])?;
    coupon["max_redemptions"] = json!(params.int("max_redemptions")?);
    apply_metadata(&mut coupon, params)?;
    Ok(ctx.save_new("coupon", "coupon.created", coupon))
}

/// `GET /v1/coupons/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, "coupon", "coupon", id)
}

/// A discount of `coupon` (`customer.discount.created`); returns its `di_…` id.
pub(crate) fn new_discount(ctx: &mut Ctx<'_>, coupon: &str, customer: &str, subscription: Option<&str>) -> String {
    let id = new_id("di");
    let discount = fixtures::discount()
        .id(id.clone())
        .set("customer", customer)
        .set("subscription", subscription)
        .set("source.coupon", coupon)
        .set("start", ctx.now)
        .build_json();
    ctx.save_new("discount", "customer.discount.created", discount);
    id
}
