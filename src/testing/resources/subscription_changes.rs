//! What happens to a subscription over its life, whoever causes it (the API, the portal, the
//! clock): scheduled and immediate cancellation in classic and flexible billing mode, renewal,
//! the survey's answer, price and quantity changes with their billing events, scheduled
//! downgrades, pauses, and the transitions the clock runs.

use super::Ctx;
use crate::testing::fixtures::{self, interval_seconds};
use crate::testing::store::{new_id, State};
use crate::testing::PauseMechanism;
use serde_json::{json, Value};

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

pub(crate) fn clear_cancellation(subscription: &mut Value) {
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = Value::Null;
    subscription["canceled_at"] = Value::Null;
    subscription["cancellation_details"] =
        json!({"comment": null, "feedback": null, "feedback_option": null, "reason": null});
}

/// Sets an item's price (and plan mirror) and quantity; an interval change restarts its period.
/// Returns whether the billing interval changed (which also restarts the subscription's periods).
pub(crate) fn change_item_fields(item: &mut Value, price: Option<&Value>, quantity: Option<i64>) -> bool {
    let mut interval_changed = false;
    if let Some(price) = price {
        interval_changed = price["recurring"] != item["price"]["recurring"];
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
    interval_changed
}

/// Restarts every item's period at `now` (`billing_cycle_anchor=now`, an interval change, a trial's end).
pub(crate) fn reset_periods(subscription: &mut Value, now: i64) {
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
pub(crate) fn end_trial(subscription: &mut Value, now: i64) {
    if subscription["status"] == "trialing" {
        subscription["status"] = json!("active");
        subscription["trial_end"] = json!(now);
        reset_periods(subscription, now);
    }
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

/// Records the cancellation survey's answer: the reason, its comment, a feedback option, each
/// when given (one `customer.subscription.updated`).
pub(crate) fn record_feedback(
    ctx: &mut Ctx<'_>,
    old: &Value,
    feedback: Option<&str>,
    comment: Option<&str>,
    option: Option<&str>,
) -> Value {
    let mut new = old.clone();
    for (key, value) in [("feedback", feedback), ("comment", comment), ("feedback_option", option)] {
        if let Some(value) = value {
            new["cancellation_details"][key] = json!(value);
        }
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
/// ended by the change; never while a trial continues).
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
    // A trial that continues keeps its end as the period end, and nothing is billed during it.
    let continues_trial = old["status"] == "trialing" && rules.continue_trial;
    let mut interval_changed = false;
    if let Some(item) = new["items"]["data"].get_mut(0) {
        interval_changed = change_item_fields(item, price, quantity);
        if continues_trial {
            item["current_period_end"] = old["items"]["data"][0]["current_period_end"].clone();
        }
    }
    let ends_trial = old["status"] == "trialing" && !rules.continue_trial;
    if ends_trial {
        end_trial(&mut new, ctx.now);
    } else if !continues_trial && (rules.anchor_now || interval_changed) {
        reset_periods(&mut new, ctx.now);
    }
    let invoice_now =
        !continues_trial && (rules.proration_behavior == "always_invoice" || interval_changed || ends_trial);
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
        add_proration_item(ctx, &new);
    }
    new
}

/// A pending proration invoice item for the subscription's next invoice (`invoiceitem.created`);
/// the fake does not compute its amount.
pub(crate) fn add_proration_item(ctx: &mut Ctx<'_>, subscription: &Value) {
    let item = json!({
        "id": new_id("ii"), "object": "invoiceitem", "amount": 0, "currency": subscription["currency"],
        "customer": subscription["customer"], "date": ctx.now, "description": "Proration (not computed by the fake)",
        "invoice": null, "livemode": false, "metadata": {}, "proration": true, "quantity": 1,
        "parent": {"subscription_details": {"subscription": subscription["id"]}, "type": "subscription_details"}
    });
    ctx.state.put("invoiceitem", item.clone());
    ctx.emit("invoiceitem.created", &item, None);
}

/// What `quantity` of `price` costs a period: its `unit_amount` times the quantity (saturating).
pub(crate) fn amount(price: &Value, quantity: i64) -> i64 {
    price["unit_amount"].as_i64().unwrap_or(0).saturating_mul(quantity)
}

/// A paid invoice for one period of the subscription's items.
fn new_invoice(subscription: &Value, now: i64) -> Value {
    let total: i64 = items(subscription)
        .iter()
        .map(|item| amount(&item["price"], item["quantity"].as_i64().unwrap_or(1)))
        .fold(0, i64::saturating_add);
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

/// Pauses the subscription: with [`PauseMechanism::Status`], as [`pause_status`] does; with
/// [`PauseMechanism::PauseCollection`], `pause_collection` (`customer.subscription.updated` only).
pub(crate) fn pause(ctx: &mut Ctx<'_>, old: &Value, resumes_at: Option<i64>) -> Value {
    match ctx.options.pause_mechanism {
        PauseMechanism::Status => pause_status(ctx, old, resumes_at),
        PauseMechanism::PauseCollection => {
            let mut new = old.clone();
            new["pause_collection"] = json!({"behavior": "void", "resumes_at": resumes_at});
            ctx.save_update("subscription", "customer.subscription.updated", old, new)
        }
    }
}

/// Pauses the subscription as the pause endpoint does: `status=paused` with
/// `status_details.paused = {type: subscription, transitioned_at: now}`
/// (`customer.subscription.updated` then `customer.subscription.paused`). When it resumes by
/// itself (`resumes_at`) is kept in `State::pause_ends`, not on the
/// subscription, as Stripe keeps it in a pause schedule.
pub(crate) fn pause_status(ctx: &mut Ctx<'_>, old: &Value, resumes_at: Option<i64>) -> Value {
    let mut new = old.clone();
    new["status"] = json!("paused");
    new["status_details"] = json!({"paused": {"type": "subscription", "transitioned_at": ctx.now}});
    if let (Some(id), Some(at)) = (old["id"].as_str(), resumes_at) {
        ctx.state.pause_ends.insert(id.to_owned(), at);
    }
    let new = ctx.save_update("subscription", "customer.subscription.updated", old, new);
    ctx.emit("customer.subscription.paused", &new, None);
    new
}

/// Whether the subscription is paused by either mechanism.
pub(crate) fn is_paused(subscription: &Value) -> bool {
    subscription["status"] == "paused" || subscription["pause_collection"].is_object()
}

/// When a paused subscription resumes by itself, if it does.
pub(crate) fn resumes_at(state: &State, subscription: &Value) -> Option<i64> {
    let status_pause_end = || state.pause_ends.get(subscription["id"].as_str()?).copied();
    let paused = subscription["status"] == "paused";
    paused.then(status_pause_end).flatten().or_else(|| subscription["pause_collection"]["resumes_at"].as_i64())
}

/// Resumes a paused subscription (the reverse of [`pause`]: `customer.subscription.updated`,
/// then `customer.subscription.resumed` for a `status=paused` one).
pub(crate) fn resume(ctx: &mut Ctx<'_>, old: &Value) -> Value {
    let mut new = old.clone();
    if old["status"] == "paused" {
        new["status"] = json!("active");
        new["status_details"] = Value::Null;
        if let Some(id) = old["id"].as_str() {
            ctx.state.pause_ends.remove(id);
        }
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

/// The earliest time something is due on one subscription (its end at `cancel_at`, a pause's
/// resumption, a scheduled change, the end of a trial, the next period), `None` once it is
/// canceled. Changes nothing: `run_due` acts.
pub(crate) fn next_due(state: &State, subscription: &Value) -> Option<i64> {
    if is_canceled(subscription) {
        return None;
    }
    let mut due = vec![period_end(subscription)];
    if let Some(at) = subscription["cancel_at"].as_i64() {
        due.push(at);
    }
    if let Some(at) = resumes_at(state, subscription) {
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
    if resumes_at(ctx.state, old).is_some_and(|at| at <= now) {
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
            {"start_date": end, "end_date": end.saturating_add(price_period(price)),
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
