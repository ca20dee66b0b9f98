//! `/v1/subscriptions`: create, retrieve, update, cancel, list, pause and resume. What the
//! changes do to the object is in [`super::subscription_changes`], shared with the portal and the clock.

use super::{apply_metadata, by_param, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

use super::subscription_changes::{
    cancel_now, change_item_fields, clear_cancellation, end_trial, is_canceled, items, pause_refusal, pause_status,
    period_end, price_period, reset_periods, resume,
};

const STATUSES: [&str; 8] =
    ["active", "canceled", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"];

/// The subscription `id` from a path segment (404 when missing).
fn load(ctx: &Ctx<'_>, id: &str) -> Result<Value> {
    by_path(ctx.state, "subscription", "subscription", id)
}

/// A new item of `price` for subscription `subscription_id`, in the period `[start, end)`.
fn new_item(subscription_id: &str, price: &Value, quantity: i64, start: i64, end: i64) -> Value {
    fixtures::subscription_item()
        .id(new_id("si"))
        .created(start)
        .price_object(price.clone())
        .set("quantity", quantity)
        .set("subscription", subscription_id)
        .set("current_period_start", start)
        .set("current_period_end", end)
        .build_json()
}

/// Checks that `payment_method` is attached to `customer`; the error names `param`.
pub(crate) fn check_customer_payment_method(
    ctx: &Ctx<'_>,
    customer: &str,
    payment_method: &str,
    param: &str,
) -> Result<()> {
    let found = by_param(ctx.state, "payment_method", "PaymentMethod", payment_method, param)?;
    if found["customer"] != customer {
        return Err(StripeError::invalid(
            Some(param),
            format!("The customer does not have a payment method with the ID {payment_method}. The payment method must be attached to the customer."),
        ));
    }
    Ok(())
}

/// A recurring price by id, for `param`.
fn recurring_price(ctx: &Ctx<'_>, id: &str, param: &str) -> Result<Value> {
    let price = by_param(ctx.state, "price", "price", id, param)?;
    if price["type"] != "recurring" {
        return Err(StripeError::invalid(
            Some(param),
            "The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.",
        ));
    }
    Ok(price)
}

const CREATE_PARAMS: [&str; 17] = [
    "customer",
    "items[N][price]",
    "items[N][quantity]",
    "items[N][metadata][*]",
    "billing_mode[type]",
    "default_payment_method",
    "trial_period_days",
    "trial_end",
    "cancel_at_period_end",
    "cancel_at",
    "metadata[*]",
    "collection_method",
    "days_until_due",
    "payment_behavior",
    "proration_behavior",
    "description",
    "discounts[N][coupon]",
];

/// `POST /v1/subscriptions`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&CREATE_PARAMS)?;
    let customer = params.required_str("customer")?.to_owned();
    by_param(ctx.state, "customer", "customer", &customer, "customer")?;
    let entries =
        params.list("items")?.filter(|items| !items.is_empty()).ok_or_else(|| StripeError::missing("items"))?;
    let mode = params.enum_str("billing_mode[type]", &["classic", "flexible"])?.unwrap_or("flexible").to_owned();
    let collection = params
        .enum_str("collection_method", &["charge_automatically", "send_invoice"])?
        .unwrap_or("charge_automatically");
    let days_until_due = params.int("days_until_due")?;
    if collection == "send_invoice" && days_until_due.is_none() {
        return Err(StripeError::missing("days_until_due"));
    }
    params.enum_str(
        "payment_behavior",
        &["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"],
    )?;
    params.enum_str("proration_behavior", &["always_invoice", "create_prorations", "none"])?;
    if let Some(payment_method) = params.str("default_payment_method")?.filter(|s| !s.is_empty()) {
        check_customer_payment_method(ctx, &customer, payment_method, "default_payment_method")?;
    }
    let now = ctx.now;
    let trial_end = match (params.int("trial_period_days")?, params.str("trial_end")?) {
        (Some(days), _) if !(0..=730).contains(&days) => {
            return Err(StripeError::invalid(
                Some("trial_period_days"),
                "Invalid trial_period_days: must be between 0 and 730",
            ))
        }
        (Some(days), _) if days > 0 => Some(now + days * 86_400),
        (_, Some(end)) if end != "now" => {
            let end = params.int("trial_end")?.unwrap_or(0);
            if end <= now {
                return Err(StripeError::invalid(
                    Some("trial_end"),
                    "Invalid timestamp: must be an integer Unix timestamp in the future.",
                ));
            }
            Some(end)
        }
        _ => None,
    };
    let mut prices = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let param = format!("items[{index}][price]");
        let price_id = entry.get("price").and_then(Value::as_str).ok_or_else(|| StripeError::missing(&param))?;
        let price = recurring_price(ctx, price_id, &param)?;
        let quantity = params.int(&format!("items[{index}][quantity]"))?.unwrap_or(1);
        if quantity < 0 {
            return Err(StripeError::invalid(
                Some(&format!("items[{index}][quantity]")),
                "Invalid quantity: must be at least 0",
            ));
        }
        prices.push((price, quantity, entry.get("metadata").cloned()));
    }
    let mut discounts = Vec::new();
    let id = new_id("sub");
    for (index, entry) in params.list("discounts")?.unwrap_or_default().iter().enumerate() {
        let param = format!("discounts[{index}][coupon]");
        let coupon = entry.get("coupon").and_then(Value::as_str).ok_or_else(|| StripeError::missing(&param))?;
        by_param(ctx.state, "coupon", "coupon", coupon, &param)?;
        discounts.push(coupon.to_owned());
    }
    let items: Vec<Value> = prices
        .iter()
        .map(|(price, quantity, metadata)| {
            let end = trial_end.unwrap_or(now + price_period(price));
            let mut item = new_item(&id, price, *quantity, now, end);
            if let Some(metadata) = metadata {
                item["metadata"] = metadata.clone();
            }
            item
        })
        .collect();
    let mut subscription = fixtures::subscription()
        .id(id.clone())
        .created(now)
        .customer(customer.clone())
        .billing_mode(&mode)
        .set("billing_mode.updated_at", now)
        .set("billing_cycle_anchor", now)
        .set("start_date", now)
        .set("currency", prices[0].0["currency"].clone())
        .set("collection_method", collection)
        .set("days_until_due", days_until_due)
        .set("items.data", Value::Array(items))
        .set("items.total_count", prices.len())
        .set("items.url", format!("/v1/subscription_items?subscription={id}"))
        .build_json();
    if mode == "classic" {
        subscription["billing_mode"] = json!({"type": "classic"});
    }
    if let Some(end) = trial_end {
        subscription["status"] = json!("trialing");
        subscription["trial_start"] = json!(now);
        subscription["trial_end"] = json!(end);
    }
    if let Some(payment_method) = params.str("default_payment_method")?.filter(|s| !s.is_empty()) {
        subscription["default_payment_method"] = json!(payment_method);
    }
    if let Some(description) = params.str("description")? {
        subscription["description"] = json!(description);
    }
    apply_metadata(&mut subscription, params)?;
    apply_cancel_params(&mut subscription, request, now)?;
    for coupon in discounts {
        let discount = super::coupons::new_discount(ctx, &coupon, &customer, Some(&id));
        if let Some(list) = subscription["discounts"].as_array_mut() {
            list.push(json!(discount));
        }
    }
    Ok(ctx.save_new("subscription", "customer.subscription.created", subscription))
}

/// `cancel_at_period_end` and `cancel_at` of a create or update.
fn apply_cancel_params(subscription: &mut Value, request: &ApiRequest<'_>, now: i64) -> Result<()> {
    let params = &request.params;
    if let Some(at_period_end) = params.bool("cancel_at_period_end")? {
        subscription["cancel_at_period_end"] = json!(at_period_end);
        if at_period_end {
            subscription["cancel_at"] = json!(period_end(subscription));
            subscription["canceled_at"] = json!(now);
            subscription["cancellation_details"]["reason"] = json!("cancellation_requested");
        } else {
            clear_cancellation(subscription);
        }
    }
    match params.str("cancel_at")? {
        None => {}
        Some("") => clear_cancellation(subscription),
        Some(_) => {
            let at = params.int("cancel_at")?.unwrap_or(0);
            if at <= now {
                return Err(StripeError::invalid(
                    Some("cancel_at"),
                    "Invalid timestamp: must be an integer Unix timestamp in the future.",
                ));
            }
            subscription["cancel_at"] = json!(at);
            subscription["cancellation_details"]["reason"] = json!("cancellation_requested");
        }
    }
    Ok(())
}

/// `GET /v1/subscriptions/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    load(ctx, id)
}

/// `GET /v1/subscriptions`: `customer`, `price`, `status` (default: all but canceled).
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept_list(&["customer", "price", "status"])?;
    let customer = params.str("customer")?;
    let price = params.str("price")?;
    let mut statuses = STATUSES.to_vec();
    statuses.extend(["all", "ended"]);
    let status = params.enum_str("status", &statuses)?;
    let items = ctx.state.newest("subscription", |s| {
        customer.is_none_or(|c| s["customer"] == c)
            && price.is_none_or(|p| items(s).iter().any(|item| item["price"]["id"] == p))
            && match status {
                None => s["status"] != "canceled",
                Some("all") => true,
                Some("ended") => is_canceled(s),
                Some(status) => s["status"] == status,
            }
    });
    list_of(request, "/v1/subscriptions", items)
}

const UPDATE_PARAMS: [&str; 21] = [
    "cancel_at_period_end",
    "cancel_at",
    "cancellation_details[comment]",
    "cancellation_details[feedback]",
    "cancellation_details[feedback_option]",
    "items[N][id]",
    "items[N][price]",
    "items[N][quantity]",
    "items[N][deleted]",
    "items[N][metadata][*]",
    "metadata[*]",
    "default_payment_method",
    "pause_collection[behavior]",
    "pause_collection[resumes_at]",
    "proration_behavior",
    "billing_cycle_anchor",
    "trial_end",
    "description",
    "collection_method",
    "days_until_due",
    "payment_behavior",
];

/// `POST /v1/subscriptions/{id}`.
pub(crate) fn update(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&UPDATE_PARAMS)?;
    let old = load(ctx, id)?;
    let params = &request.params;
    let mut new = old.clone();
    let details_only = request.pairs.iter().all(|(key, _)| {
        key.starts_with("cancellation_details") || key.starts_with("metadata") || key.starts_with("expand")
    });
    if is_canceled(&old) && !details_only {
        return Err(StripeError::invalid(
            None,
            "A canceled subscription can only update its cancellation_details and metadata.",
        ));
    }
    apply_cancellation_details(ctx, &mut new, request)?;
    apply_metadata(&mut new, params)?;
    params.enum_str("proration_behavior", &["always_invoice", "create_prorations", "none"])?;
    params.enum_str(
        "payment_behavior",
        &["allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"],
    )?;
    if let Some(description) = params.str("description")? {
        new["description"] = if description.is_empty() { Value::Null } else { json!(description) };
    }
    if let Some(method) = params.enum_str("collection_method", &["charge_automatically", "send_invoice"])? {
        new["collection_method"] = json!(method);
    }
    if let Some(days) = params.int("days_until_due")? {
        new["days_until_due"] = json!(days);
    }
    match params.str("default_payment_method")? {
        None => {}
        Some("") => new["default_payment_method"] = Value::Null,
        Some(payment_method) => {
            let customer = old["customer"].as_str().unwrap_or_default().to_owned();
            check_customer_payment_method(ctx, &customer, payment_method, "default_payment_method")?;
            new["default_payment_method"] = json!(payment_method);
        }
    }
    match params.get("pause_collection") {
        None => {}
        Some(Value::String(text)) if text.is_empty() => new["pause_collection"] = Value::Null,
        Some(_) => {
            let behavior = params
                .enum_str("pause_collection[behavior]", &["keep_as_draft", "mark_uncollectible", "void"])?
                .ok_or_else(|| StripeError::missing("pause_collection[behavior]"))?;
            new["pause_collection"] =
                json!({"behavior": behavior, "resumes_at": params.int("pause_collection[resumes_at]")?});
        }
    }
    let anchor_now = params.enum_str("billing_cycle_anchor", &["now", "unchanged"])? == Some("now");
    let mut interval_changed = false;
    if let Some(entries) = params.list("items")? {
        interval_changed = apply_item_params(ctx, &mut new, params, &entries)?;
    }
    // Outside a trial, a change of billing interval restarts the periods now, as `now` does.
    if anchor_now || (interval_changed && old["status"] != "trialing") {
        reset_periods(&mut new, ctx.now);
    }
    match params.str("trial_end")? {
        None => {}
        Some("now") => end_trial(&mut new, ctx.now),
        Some(_) => {
            let end = params.int("trial_end")?.unwrap_or(0);
            if end <= ctx.now {
                return Err(StripeError::invalid(
                    Some("trial_end"),
                    "Invalid timestamp: must be an integer Unix timestamp in the future.",
                ));
            }
            new["status"] = json!("trialing");
            new["trial_end"] = json!(end);
        }
    }
    apply_cancel_params(&mut new, request, ctx.now)?;
    Ok(ctx.save_update("subscription", "customer.subscription.updated", &old, new))
}

/// `cancellation_details[…]` of an update or cancel.
fn apply_cancellation_details(ctx: &Ctx<'_>, subscription: &mut Value, request: &ApiRequest<'_>) -> Result<()> {
    let params = &request.params;
    if let Some(comment) = params.str("cancellation_details[comment]")? {
        subscription["cancellation_details"]["comment"] = if comment.is_empty() { Value::Null } else { json!(comment) };
    }
    let mut reasons = fixtures::CANCELLATION_REASONS.to_vec();
    reasons.push("");
    if let Some(feedback) = params.enum_str("cancellation_details[feedback]", &reasons)? {
        subscription["cancellation_details"]["feedback"] =
            if feedback.is_empty() { Value::Null } else { json!(feedback) };
    }
    if let Some(option) = params.str("cancellation_details[feedback_option]")? {
        by_param(
            ctx.state,
            "billing.feedback_option",
            "feedback option",
            option,
            "cancellation_details[feedback_option]",
        )?;
        subscription["cancellation_details"]["feedback_option"] = json!(option);
    }
    Ok(())
}

/// `items[N][…]` of an update: change an item's price or quantity, delete it, or add one.
/// Returns whether an item's billing interval changed.
fn apply_item_params(
    ctx: &Ctx<'_>,
    subscription: &mut Value,
    params: &crate::testing::params::Params,
    entries: &[Value],
) -> Result<bool> {
    let id = subscription["id"].as_str().unwrap_or_default().to_owned();
    let mut list = items(subscription);
    let mut interval_changed = false;
    for (index, entry) in entries.iter().enumerate() {
        let quantity = params.int(&format!("items[{index}][quantity]"))?;
        let deleted = params.bool(&format!("items[{index}][deleted]"))?.unwrap_or(false);
        let price = match entry.get("price").and_then(Value::as_str) {
            Some(price) => Some(recurring_price(ctx, price, &format!("items[{index}][price]"))?),
            None => None,
        };
        match entry.get("id").and_then(Value::as_str) {
            Some(item_id) => {
                let position = list.iter().position(|item| item["id"] == item_id).ok_or_else(|| {
                    StripeError::no_such("subscription_item", item_id, &format!("items[{index}][id]"))
                })?;
                if deleted {
                    list.remove(position);
                    continue;
                }
                interval_changed |= change_item_fields(&mut list[position], price.as_ref(), quantity);
            }
            None => {
                let price = price.ok_or_else(|| StripeError::missing(&format!("items[{index}][price]")))?;
                let start = list.first().and_then(|item| item["current_period_start"].as_i64()).unwrap_or(ctx.now);
                let end = period_end(subscription).max(ctx.now);
                list.push(new_item(&id, &price, quantity.unwrap_or(1), start, end));
            }
        }
    }
    if list.is_empty() {
        return Err(StripeError::invalid(Some("items"), "A subscription must have at least one active plan."));
    }
    subscription["items"]["total_count"] = json!(list.len());
    subscription["items"]["data"] = Value::Array(list);
    Ok(interval_changed)
}

/// `DELETE /v1/subscriptions/{id}`: cancels now.
pub(crate) fn cancel_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&["cancellation_details[comment]", "cancellation_details[feedback]", "invoice_now", "prorate"])?;
    let old = load(ctx, id)?;
    if is_canceled(&old) {
        return Err(StripeError::invalid(None, format!("The subscription {id} has already been canceled.")));
    }
    request.params.bool("invoice_now")?;
    request.params.bool("prorate")?;
    let mut details = old.clone();
    apply_cancellation_details(ctx, &mut details, request)?;
    Ok(cancel_now(ctx, &old, details["cancellation_details"].clone()))
}

/// `POST /v1/subscriptions/{id}/pause`.
pub(crate) fn pause_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let old = load(ctx, id)?;
    if let Some(reason) = pause_refusal(&old) {
        return Err(StripeError::invalid(None, reason));
    }
    Ok(pause_status(ctx, &old, None))
}

/// `POST /v1/subscriptions/{id}/resume`.
pub(crate) fn resume_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&["payment_behavior", "proration_behavior", "billing_cycle_anchor"])?;
    request.params.enum_str("payment_behavior", &["resume_on_payment_attempt", "resume_on_payment_success"])?;
    request.params.enum_str("proration_behavior", &["always_invoice", "create_prorations", "none"])?;
    let anchor_now = request.params.enum_str("billing_cycle_anchor", &["now", "unchanged"])? == Some("now");
    let old = load(ctx, id)?;
    if old["status"] != "paused" {
        return Err(StripeError::invalid(None, "Only paused subscriptions can be resumed."));
    }
    let resumed = resume(ctx, &old);
    if !anchor_now {
        return Ok(resumed);
    }
    let mut anchored = resumed.clone();
    reset_periods(&mut anchored, ctx.now);
    Ok(ctx.save_update("subscription", "customer.subscription.updated", &resumed, anchored))
}
