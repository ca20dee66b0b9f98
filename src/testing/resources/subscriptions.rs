//! `/v1/subscriptions`, and the subscription changes the portal and the clock make: cancel
//! (classic or flexible billing mode), renew, change price or quantity, pause, resume.

use super::{apply_metadata, by_param, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures::{self, interval_seconds};
use crate::testing::store::new_id;
use crate::testing::PauseMechanism;
use serde_json::{json, Value};

const STATUSES: [&str; 8] =
    ["active", "canceled", "incomplete", "incomplete_expired", "past_due", "paused", "trialing", "unpaid"];

/// The subscription `id` from a path segment (404 when missing).
fn load(ctx: &Ctx<'_>, id: &str) -> Result<Value> {
    by_path(ctx.state, "subscription", "subscription", id)
}

/// Seconds in one period of `price` (from `recurring`).
pub(crate) fn price_period(price: &Value) -> i64 {
    let recurring = &price["recurring"];
    interval_seconds(
        recurring["interval"].as_str().unwrap_or("month"),
        recurring["interval_count"].as_i64().unwrap_or(1),
    )
}

/// The latest `current_period_end` of the items.
pub(crate) fn period_end(subscription: &Value) -> i64 {
    items(subscription).iter().filter_map(|item| item["current_period_end"].as_i64()).max().unwrap_or(0)
}

/// The items of a subscription.
pub(crate) fn items(subscription: &Value) -> Vec<Value> {
    subscription["items"]["data"].as_array().cloned().unwrap_or_default()
}

/// Whether the subscription uses classic billing mode.
pub(crate) fn is_classic(subscription: &Value) -> bool {
    subscription["billing_mode"]["type"] == "classic"
}

/// Whether the subscription has ended.
pub(crate) fn is_canceled(subscription: &Value) -> bool {
    matches!(subscription["status"].as_str(), Some("canceled" | "incomplete_expired"))
}

/// Whether a cancellation is scheduled.
pub(crate) fn cancel_pending(subscription: &Value) -> bool {
    !is_canceled(subscription) && (subscription["cancel_at"].is_i64() || subscription["cancel_at_period_end"] == true)
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
    request.accept(&CREATE_PARAMS)?;
    let params = &request.params;
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

fn clear_cancellation(subscription: &mut Value) {
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = Value::Null;
    subscription["canceled_at"] = Value::Null;
    subscription["cancellation_details"] =
        json!({"comment": null, "feedback": null, "feedback_option": null, "reason": null});
}

/// `GET /v1/subscriptions/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    load(ctx, id)
}

/// `GET /v1/subscriptions`: `customer`, `price`, `status` (default: all but canceled).
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&["customer", "price", "status"])?;
    let params = &request.params;
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
    if let Some(entries) = params.list("items")? {
        apply_item_params(ctx, &mut new, params, &entries)?;
    }
    if anchor_now {
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
fn apply_item_params(
    ctx: &Ctx<'_>,
    subscription: &mut Value,
    params: &crate::testing::params::Params,
    entries: &[Value],
) -> Result<()> {
    let id = subscription["id"].as_str().unwrap_or_default().to_owned();
    let mut list = items(subscription);
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
                change_item_fields(&mut list[position], price.as_ref(), quantity);
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
    Ok(())
}

/// Sets an item's price (and plan mirror) and quantity; an interval change restarts its period.
fn change_item_fields(item: &mut Value, price: Option<&Value>, quantity: Option<i64>) {
    if let Some(price) = price {
        let interval_changed = price["recurring"] != item["price"]["recurring"];
        item["plan"] = fixtures::plan_from_price(price);
        item["price"] = price.clone();
        if interval_changed {
            let start = item["current_period_start"].as_i64().unwrap_or(0);
            item["current_period_end"] = json!(start + price_period(price));
        }
    }
    if let Some(quantity) = quantity {
        item["quantity"] = json!(quantity);
    }
}

/// Restarts every item's period at `now` (`billing_cycle_anchor=now`, an interval change, a trial's end).
fn reset_periods(subscription: &mut Value, now: i64) {
    subscription["billing_cycle_anchor"] = json!(now);
    if let Some(list) = subscription["items"]["data"].as_array_mut() {
        for item in list {
            let period = price_period(&item["price"]);
            item["current_period_start"] = json!(now);
            item["current_period_end"] = json!(now + period);
        }
    }
    if subscription["cancel_at_period_end"] == true {
        subscription["cancel_at"] = json!(period_end(subscription));
    }
}

/// Ends a trial now: `active`, `trial_end = now`, new periods.
fn end_trial(subscription: &mut Value, now: i64) {
    if subscription["status"] == "trialing" {
        subscription["status"] = json!("active");
        subscription["trial_end"] = json!(now);
        reset_periods(subscription, now);
    }
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

/// Ends the subscription now (`customer.subscription.deleted`). `details` become its
/// `cancellation_details`, with `reason` set to `cancellation_requested` when empty.
pub(crate) fn cancel_now(ctx: &mut Ctx<'_>, old: &Value, mut details: Value) -> Value {
    let mut new = old.clone();
    if details["reason"].is_null() {
        details["reason"] = json!("cancellation_requested");
    }
    new["status"] = json!("canceled");
    new["canceled_at"] = json!(ctx.now);
    new["ended_at"] = json!(ctx.now);
    new["cancellation_details"] = details;
    ctx.state.put("subscription", new.clone());
    ctx.emit("customer.subscription.deleted", &new, None);
    new
}

/// The portal's "cancel at period end": classic mode sets `cancel_at_period_end`, `cancel_at`
/// (the period end) and `canceled_at`; flexible mode sets only `cancel_at` (the latest item
/// period end). Both set `cancellation_details.reason`. One `customer.subscription.updated`.
pub(crate) fn schedule_cancel(ctx: &mut Ctx<'_>, old: &Value) -> Value {
    let mut new = old.clone();
    new["cancel_at"] = json!(period_end(old));
    if is_classic(old) {
        new["cancel_at_period_end"] = json!(true);
        new["canceled_at"] = json!(ctx.now);
    }
    new["cancellation_details"]["reason"] = json!("cancellation_requested");
    ctx.save_update("subscription", "customer.subscription.updated", old, new)
}

/// Undoes a scheduled cancellation (one `customer.subscription.updated`).
pub(crate) fn renew(ctx: &mut Ctx<'_>, old: &Value) -> Value {
    let mut new = old.clone();
    clear_cancellation(&mut new);
    ctx.save_update("subscription", "customer.subscription.updated", old, new)
}

/// Records the cancellation survey's answer (one `customer.subscription.updated`).
pub(crate) fn record_feedback(ctx: &mut Ctx<'_>, old: &Value, feedback: &str, comment: Option<&str>) -> Value {
    let mut new = old.clone();
    new["cancellation_details"]["feedback"] = json!(feedback);
    if let Some(comment) = comment {
        new["cancellation_details"]["comment"] = json!(comment);
    }
    ctx.save_update("subscription", "customer.subscription.updated", old, new)
}

/// How a portal price or quantity change is billed (from the configuration).
pub(crate) struct ChangeRules<'a> {
    /// `none`, `create_prorations` or `always_invoice`.
    pub proration_behavior: &'a str,
    /// `billing_cycle_anchor=now`.
    pub anchor_now: bool,
    /// `trial_update_behavior=continue_trial`.
    pub continue_trial: bool,
    /// A discount (`di_…`) joining the subscription with the change (a confirmed update's coupon).
    pub discount: Option<String>,
}

/// Changes the first item's price and/or quantity (keeping the item id), then the invoice
/// events the billing rules cause: `customer.subscription.updated`, then
/// `invoiceitem.created` (`create_prorations`) or `invoice.created`, `invoice.finalized`,
/// `invoice.paid`, `invoice.payment_succeeded` (`always_invoice`, an interval change, or a trial
/// ended by the change).
pub(crate) fn change_item(
    ctx: &mut Ctx<'_>,
    old: &Value,
    price: Option<&Value>,
    quantity: Option<i64>,
    rules: &ChangeRules<'_>,
) -> Value {
    let mut new = old.clone();
    if let (Some(discount), Some(list)) = (&rules.discount, new["discounts"].as_array_mut()) {
        list.push(json!(discount));
    }
    let interval_changed =
        price.is_some_and(|price| price["recurring"] != old["items"]["data"][0]["price"]["recurring"]);
    if let Some(item) = new["items"]["data"].get_mut(0) {
        change_item_fields(item, price, quantity);
    }
    let ends_trial = old["status"] == "trialing" && !rules.continue_trial;
    if ends_trial {
        end_trial(&mut new, ctx.now);
    } else if rules.anchor_now || interval_changed {
        reset_periods(&mut new, ctx.now);
    }
    let invoice_now = rules.proration_behavior == "always_invoice" || interval_changed || ends_trial;
    let invoice = invoice_now.then(|| new_invoice(&new, ctx.now));
    if let Some(invoice) = &invoice {
        new["latest_invoice"] = invoice["id"].clone();
    }
    let new = ctx.save_update("subscription", "customer.subscription.updated", old, new);
    if let Some(invoice) = invoice {
        let mut draft = invoice.clone();
        draft["status"] = json!("draft");
        draft["amount_paid"] = json!(0);
        ctx.state.put("invoice", draft.clone());
        ctx.emit("invoice.created", &draft, None);
        let mut open = draft.clone();
        open["status"] = json!("open");
        ctx.state.put("invoice", open.clone());
        ctx.emit("invoice.finalized", &open, None);
        ctx.state.put("invoice", invoice.clone());
        ctx.emit("invoice.paid", &invoice, None);
        ctx.emit("invoice.payment_succeeded", &invoice, None);
    } else if rules.proration_behavior == "create_prorations" {
        let item = json!({
            "id": new_id("ii"), "object": "invoiceitem", "amount": 0, "currency": new["currency"],
            "customer": new["customer"], "date": ctx.now, "description": "Proration (not computed by the fake)",
            "invoice": null, "livemode": false, "metadata": {}, "proration": true, "quantity": 1,
            "parent": {"subscription_details": {"subscription": new["id"]}, "type": "subscription_details"}
        });
        ctx.state.put("invoiceitem", item.clone());
        ctx.emit("invoiceitem.created", &item, None);
    }
    new
}

/// A paid invoice for one period of the subscription's items.
fn new_invoice(subscription: &Value, now: i64) -> Value {
    let total: i64 = items(subscription)
        .iter()
        .map(|item| item["price"]["unit_amount"].as_i64().unwrap_or(0) * item["quantity"].as_i64().unwrap_or(1))
        .sum();
    let id = new_id("in");
    fixtures::invoice()
        .id(id.clone())
        .created(now)
        .set("customer", subscription["customer"].clone())
        .set("currency", subscription["currency"].clone())
        .set("amount_due", total)
        .set("amount_paid", total)
        .set("subtotal", total)
        .set("total", total)
        .set("lines.url", format!("/v1/invoices/{id}/lines"))
        .set("parent.subscription_details.subscription", subscription["id"].clone())
        .build_json()
}

/// Pauses the subscription: `status=paused` with `status_details.paused.resumes_at`
/// (`customer.subscription.updated` then `customer.subscription.paused`), or, with
/// [`PauseMechanism::PauseCollection`], `pause_collection` (`customer.subscription.updated` only).
pub(crate) fn pause(ctx: &mut Ctx<'_>, old: &Value, resumes_at: Option<i64>) -> Value {
    let mut new = old.clone();
    match ctx.options.pause_mechanism {
        PauseMechanism::Status => {
            new["status"] = json!("paused");
            new["status_details"] = json!({"paused": {"resumes_at": resumes_at}});
            let new = ctx.save_update("subscription", "customer.subscription.updated", old, new);
            ctx.emit("customer.subscription.paused", &new, None);
            new
        }
        PauseMechanism::PauseCollection => {
            new["pause_collection"] = json!({"behavior": "void", "resumes_at": resumes_at});
            ctx.save_update("subscription", "customer.subscription.updated", old, new)
        }
    }
}

/// Whether the subscription is paused by either mechanism.
pub(crate) fn is_paused(subscription: &Value) -> bool {
    subscription["status"] == "paused" || subscription["pause_collection"].is_object()
}

/// When a paused subscription resumes by itself, if it does.
pub(crate) fn resumes_at(subscription: &Value) -> Option<i64> {
    subscription["status_details"]["paused"]["resumes_at"]
        .as_i64()
        .or_else(|| subscription["pause_collection"]["resumes_at"].as_i64())
}

/// Resumes a paused subscription (the reverse of [`pause`]: `customer.subscription.updated`,
/// then `customer.subscription.resumed` for a `status=paused` one).
pub(crate) fn resume(ctx: &mut Ctx<'_>, old: &Value) -> Value {
    let mut new = old.clone();
    if old["status"] == "paused" {
        new["status"] = json!("active");
        new["status_details"] = Value::Null;
        let new = ctx.save_update("subscription", "customer.subscription.updated", old, new);
        ctx.emit("customer.subscription.resumed", &new, None);
        return new;
    }
    new["pause_collection"] = Value::Null;
    ctx.save_update("subscription", "customer.subscription.updated", old, new)
}

/// Why the subscription cannot be paused, if it cannot.
pub(crate) fn pause_refusal(subscription: &Value) -> Option<String> {
    if !matches!(subscription["status"].as_str(), Some("active" | "trialing")) || is_paused(subscription) {
        return Some(format!(
            "Only active subscriptions can be paused; this one is {}.",
            subscription["status"].as_str().unwrap_or("?")
        ));
    }
    if is_classic(subscription) {
        return Some("Pausing a subscription needs billing_mode[type]=flexible.".to_owned());
    }
    if subscription["schedule"].is_string() {
        return Some("You cannot pause subscriptions with attached schedules.".to_owned());
    }
    None
}

/// `POST /v1/subscriptions/{id}/pause`.
pub(crate) fn pause_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let old = load(ctx, id)?;
    if let Some(reason) = pause_refusal(&old) {
        return Err(StripeError::invalid(None, reason));
    }
    let mut new = old.clone();
    new["status"] = json!("paused");
    new["status_details"] = json!({"paused": {"resumes_at": null}});
    let new = ctx.save_update("subscription", "customer.subscription.updated", &old, new);
    ctx.emit("customer.subscription.paused", &new, None);
    Ok(new)
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

/// What the clock does to one subscription at `now` if something is due: ends it at
/// `cancel_at`, resumes a pause at `resumes_at`, applies a scheduled change, ends a trial, or
/// starts the next period. Returns the time of the next thing due (if any) after acting.
pub(crate) fn next_due(subscription: &Value) -> Option<i64> {
    if is_canceled(subscription) {
        return None;
    }
    let mut due = vec![period_end(subscription)];
    if let Some(at) = subscription["cancel_at"].as_i64() {
        due.push(at);
    }
    if let Some(at) = resumes_at(subscription) {
        due.push(at);
    }
    if subscription["status"] == "paused" {
        // A paused subscription does not renew.
        due.remove(0);
    }
    due.into_iter().min()
}

/// Applies what is due on the subscription at `ctx.now` (see [`next_due`]).
pub(crate) fn run_due(ctx: &mut Ctx<'_>, old: &Value) {
    let now = ctx.now;
    if old["cancel_at"].as_i64().is_some_and(|at| at <= now) {
        let mut new = old.clone();
        new["status"] = json!("canceled");
        new["ended_at"] = json!(now);
        if new["canceled_at"].is_null() {
            new["canceled_at"] = json!(now);
        }
        ctx.state.put("subscription", new.clone());
        ctx.emit("customer.subscription.deleted", &new, None);
        return;
    }
    if resumes_at(old).is_some_and(|at| at <= now) {
        resume(ctx, old);
        return;
    }
    if period_end(old) <= now && old["status"] != "paused" {
        let mut new = old.clone();
        apply_schedule(ctx, &mut new);
        if new["status"] == "trialing" && new["trial_end"].as_i64().is_some_and(|end| end <= now) {
            new["status"] = json!("active");
        }
        if let Some(list) = new["items"]["data"].as_array_mut() {
            for item in list {
                let end = item["current_period_end"].as_i64().unwrap_or(now);
                if end <= now {
                    item["current_period_start"] = json!(end);
                    item["current_period_end"] = json!(end + price_period(&item["price"]));
                }
            }
        }
        ctx.save_update("subscription", "customer.subscription.updated", old, new);
    }
}

/// Schedules a price or quantity change for the end of the current period, as the portal does
/// when a `schedule_at_period_end` condition holds: a `subscription_schedule` whose second phase
/// holds the new item (`subscription_schedule.created`), and `subscription.schedule` set
/// (`customer.subscription.updated`).
pub(crate) fn schedule_change(ctx: &mut Ctx<'_>, old: &Value, price: &Value, quantity: i64) -> Value {
    let current = &old["items"]["data"][0];
    let end = period_end(old);
    let schedule = json!({
        "id": new_id("sub_sched"), "object": "subscription_schedule", "application": null, "canceled_at": null,
        "completed_at": null, "created": ctx.now, "current_phase": {"start_date": current["current_period_start"], "end_date": end},
        "customer": old["customer"], "end_behavior": "release", "livemode": false, "metadata": {},
        "phases": [
            {"start_date": current["current_period_start"], "end_date": end,
             "items": [{"price": current["price"]["id"], "quantity": current["quantity"]}]},
            {"start_date": end, "end_date": end + price_period(price),
             "items": [{"price": price["id"], "quantity": quantity}]}
        ],
        "released_at": null, "released_subscription": null, "status": "active", "subscription": old["id"], "test_clock": null
    });
    ctx.save_new("subscription_schedule", "subscription_schedule.created", schedule.clone());
    let mut new = old.clone();
    new["schedule"] = schedule["id"].clone();
    ctx.save_update("subscription", "customer.subscription.updated", old, new)
}

/// At a period end: applies the second phase of the subscription's schedule to its first item
/// and releases the schedule (`subscription_schedule.released`).
fn apply_schedule(ctx: &mut Ctx<'_>, subscription: &mut Value) {
    let Some(schedule_id) = subscription["schedule"].as_str().map(str::to_owned) else { return };
    let Some(old_schedule) = ctx.state.get("subscription_schedule", &schedule_id).cloned() else { return };
    let next = &old_schedule["phases"][1]["items"][0];
    let price = next["price"].as_str().and_then(|id| ctx.state.get("price", id)).cloned();
    if let Some(item) = subscription["items"]["data"].get_mut(0) {
        change_item_fields(item, price.as_ref(), next["quantity"].as_i64());
    }
    subscription["schedule"] = Value::Null;
    let mut released = old_schedule.clone();
    released["status"] = json!("released");
    released["released_at"] = json!(ctx.now);
    released["released_subscription"] = subscription["id"].clone();
    released["subscription"] = Value::Null;
    ctx.state.put("subscription_schedule", released.clone());
    ctx.emit("subscription_schedule.released", &released, None);
}
