//! The portal itself: the HTML page a session's URL serves, and the actions the customer takes
//! there (`POST /p/session/{token}/actions`), under the rules of the session's configuration
//! and deep-linked flow.
//!
//! | `action` | fields | gated by | events, in order |
//! |---|---|---|---|
//! | `cancel_subscription` | `subscription`, `reason`?, `comment`? (only with `reason=other`), `feedback_option`? | `subscription_cancel.enabled`; `reason` needs `cancellation_reason.enabled` and one of its `options` | at period end: `customer.subscription.updated`; immediately: `customer.subscription.deleted`; then, with a `reason`, a second `customer.subscription.updated` (the survey) |
//! | `renew_subscription` | `subscription` | a scheduled cancellation | `customer.subscription.updated` |
//! | `update_subscription` | `subscription`, `price`?, `quantity`? | `subscription_update` (enabled, allowed updates, listed prices, quantity bounds) | `customer.subscription.updated` (+ invoice events per `proration_behavior`), or with a `schedule_at_period_end` condition `subscription_schedule.created`, `customer.subscription.updated` |
//! | `update_payment_method` | `payment_method` (test token or attached `pm_…`) | `payment_method_update.enabled` | `payment_method.attached` (for a token), `customer.updated` |
//! | `remove_payment_method` | `payment_method` | `payment_method_update.enabled`; not the last one while a subscription is live | `payment_method.detached` (+ `customer.updated` if it was the default) |
//! | `pause_subscription` | `subscription`, `interval` + `interval_count` (with `interval_options`) | `subscription_pause.enabled`, flexible billing mode, no schedule | see [`PauseMechanism`](super::PauseMechanism) |
//! | `resume_subscription` | `subscription` | a paused subscription | `customer.subscription.updated`, `customer.subscription.resumed` |
//! | `update_customer` | `email`, `name`, `phone`, `address[…]`, `shipping[…]`, `tax_id[type]` + `tax_id[value]`, `remove_tax_id` | `customer_update.enabled` and each field's `allowed_updates` entry | `customer.updated` (one per save), `customer.tax_id.created` / `.deleted` |
//! | `accept_retention_offer` | `subscription` | a `subscription_cancel` flow with `retention` | `customer.discount.created`, `customer.subscription.updated` |
//!
//! A deep-linked session allows only its flow's actions on its subscription until the flow is
//! done. Success answers `303 See Other`: to the flow's redirect URL, or back to the page.

use super::error::{Result, StripeError};
use super::fixtures::interval_seconds;
use super::params::Params;
use super::resources::{payment_methods, subscriptions, tax_ids, Ctx};
use serde_json::{json, Value};

/// The configuration feature a flow type needs.
pub(crate) fn flow_feature(kind: &str) -> &'static str {
    match kind {
        "customer_update" => "customer_update",
        "payment_method_update" => "payment_method_update",
        "subscription_cancel" => "subscription_cancel",
        "subscription_pause" => "subscription_pause",
        _ => "subscription_update",
    }
}

/// The actions a flow allows until it is done.
fn flow_actions(kind: &str) -> &'static [&'static str] {
    match kind {
        "subscription_cancel" => &["cancel_subscription", "accept_retention_offer"],
        "subscription_update" | "subscription_update_confirm" => &["update_subscription"],
        "subscription_pause" => &["pause_subscription"],
        "payment_method_update" => &["update_payment_method", "remove_payment_method"],
        _ => &["update_customer"],
    }
}

const ACTIONS: [&str; 9] = [
    "cancel_subscription",
    "renew_subscription",
    "update_subscription",
    "update_payment_method",
    "remove_payment_method",
    "pause_subscription",
    "resume_subscription",
    "update_customer",
    "accept_retention_offer",
];

/// Why the portal cannot cancel this subscription, if it cannot.
pub(crate) fn cancel_refusal(subscription: &Value) -> Option<String> {
    let id = subscription["id"].as_str().unwrap_or_default();
    if subscriptions::is_canceled(subscription) {
        return Some(format!("The subscription {id} is already canceled."));
    }
    if subscriptions::cancel_pending(subscription) {
        return Some(format!("The subscription {id} is already scheduled to be canceled."));
    }
    if subscription["schedule"].is_string() {
        return Some(format!(
            "The subscription {id} has a schedule with future phases; it cannot be canceled in the portal."
        ));
    }
    None
}

/// Why the portal cannot update this subscription, if it cannot (only cancelling remains).
pub(crate) fn update_refusal(subscription: &Value) -> Option<String> {
    let id = subscription["id"].as_str().unwrap_or_default();
    let items = subscriptions::items(subscription);
    if subscriptions::is_canceled(subscription) {
        Some(format!("The subscription {id} is canceled."))
    } else if items.len() != 1 {
        Some(format!("The subscription {id} has several products; the portal can only cancel it."))
    } else if items[0]["price"]["recurring"]["usage_type"] == "metered" {
        Some(format!("The subscription {id} has a usage-based price; the portal can only cancel it."))
    } else if subscription["collection_method"] == "send_invoice" {
        Some(format!("The subscription {id} is billed by invoice (send_invoice); the portal can only cancel it."))
    } else if subscription["schedule"].is_string() {
        Some(format!("The subscription {id} has a pending update in a schedule."))
    } else {
        None
    }
}

/// Checks a target price and quantity against `features.subscription_update`: the price is
/// listed, the change kinds are allowed, the quantity is within bounds, tax behaviours match.
pub(crate) fn check_target(
    configuration: &Value,
    current: &Value,
    price: &Value,
    quantity: Option<i64>,
) -> std::result::Result<(), String> {
    let update = &configuration["features"]["subscription_update"];
    let allowed =
        |kind: &str| update["default_allowed_updates"].as_array().is_some_and(|list| list.iter().any(|v| v == kind));
    let price_id = price["id"].as_str().unwrap_or_default();
    let price_changes = current["price"]["id"] != price["id"];
    let quantity = quantity.unwrap_or(1);
    let quantity_changes = current["quantity"].as_i64() != Some(quantity);
    if !price_changes && !quantity_changes {
        return Err("Nothing to change: that is already the subscription's price and quantity.".to_owned());
    }
    if price_changes && !allowed("price") {
        return Err(
            "The configuration does not let customers change prices (default_allowed_updates lacks price).".to_owned()
        );
    }
    if quantity_changes && !allowed("quantity") {
        return Err(
            "The configuration does not let customers change quantities (default_allowed_updates lacks quantity)."
                .to_owned(),
        );
    }
    let entry = update["products"]
        .as_array()
        .and_then(|products| {
            products
                .iter()
                .find(|p| p["prices"].as_array().is_some_and(|prices| prices.iter().any(|id| id == price_id)))
        })
        .ok_or_else(|| {
            format!("The price {price_id} is not among the configuration's features[subscription_update][products].")
        })?;
    if quantity_changes {
        let bounds = &entry["adjustable_quantity"];
        if bounds["enabled"] != true {
            return Err(format!(
                "The configuration does not let customers adjust the quantity of {}.",
                entry["product"].as_str().unwrap_or_default()
            ));
        }
        let minimum = bounds["minimum"].as_i64().unwrap_or(0).max(1);
        if quantity < minimum || bounds["maximum"].as_i64().is_some_and(|max| quantity > max) {
            return Err(format!("The quantity {quantity} is outside the allowed range."));
        }
    }
    if price_changes && price["tax_behavior"] != current["price"]["tax_behavior"] {
        return Err("The new price must have the same tax_behavior as the current one.".to_owned());
    }
    if price_changes && price["currency"] != current["price"]["currency"] {
        return Err("The new price must be in the subscription's currency.".to_owned());
    }
    Ok(())
}

/// A 400 naming the refused action.
fn refuse(param: &str, message: impl Into<String>) -> StripeError {
    StripeError::invalid(Some(param), message)
}

/// The session behind a URL token, if it exists and has not expired; opening it counts as
/// activity (the session then lives for an hour after the last one).
fn open_session(ctx: &mut Ctx<'_>, token: &str) -> Result<(Value, Value)> {
    let missing = || StripeError::invalid(None, "No such portal session.").code("resource_missing").status(404);
    let meta = ctx.state.sessions.get(token).cloned().ok_or_else(missing)?;
    if ctx.now > meta.expires_at {
        return Err(StripeError::invalid(
            None,
            "This portal session has expired. Create a new session to open the portal again.",
        )
        .code("session_expired")
        .status(410));
    }
    let session = ctx.state.get("billing_portal.session", &meta.session).cloned().ok_or_else(missing)?;
    let configuration = session["configuration"]
        .as_str()
        .and_then(|id| ctx.state.get("billing_portal.configuration", id))
        .cloned()
        .ok_or_else(missing)?;
    if let Some(meta) = ctx.state.sessions.get_mut(token) {
        meta.visited = true;
        meta.expires_at = ctx.now + 3600;
    }
    Ok((session, configuration))
}

/// The flow still in force: the session's, until it is done.
fn active_flow(ctx: &Ctx<'_>, token: &str, session: &Value) -> Option<Value> {
    let done = ctx.state.sessions.get(token).is_some_and(|meta| meta.flow_completed);
    (!done && session["flow"].is_object()).then(|| session["flow"].clone())
}

/// Performs one portal action; gives the URL to redirect to.
pub(crate) fn perform(ctx: &mut Ctx<'_>, token: &str, pairs: &[(String, String)]) -> Result<String> {
    let params = Params::decode(pairs)?;
    let (session, configuration) = open_session(ctx, token)?;
    let action = params.enum_str("action", &ACTIONS)?.ok_or_else(|| StripeError::missing("action"))?.to_owned();
    let flow = active_flow(ctx, token, &session);
    let customer = session["customer"].as_str().unwrap_or_default().to_owned();
    let flow_subscription = flow.as_ref().and_then(|flow| {
        let kind = flow["type"].as_str()?;
        flow[kind]["subscription"].as_str().map(str::to_owned)
    });
    if let Some(flow) = &flow {
        let kind = flow["type"].as_str().unwrap_or_default();
        if !flow_actions(kind).contains(&action.as_str()) {
            return Err(refuse(
                "action",
                format!("This session was opened for the {kind} flow; {action} is not available until it is done."),
            ));
        }
    }
    let features = &configuration["features"];
    let subscription = || -> Result<Value> {
        let id = match (params.str("subscription")?.filter(|s| !s.is_empty()), &flow_subscription) {
            (Some(id), Some(flow_id)) if id != flow_id => {
                return Err(refuse("subscription", format!("This session's flow is for the subscription {flow_id}.")));
            }
            (Some(id), _) => id.to_owned(),
            (None, Some(flow_id)) => flow_id.clone(),
            (None, None) => return Err(StripeError::missing("subscription")),
        };
        match ctx.state.get("subscription", &id) {
            Some(found) if found["customer"] == customer.as_str() => Ok(found.clone()),
            _ => Err(StripeError::no_such("subscription", &id, "subscription")),
        }
    };
    let enabled = |feature: &str| -> Result<()> {
        if features[feature]["enabled"] == true {
            Ok(())
        } else {
            Err(refuse(
                "action",
                format!(
                    "The portal configuration has features[{feature}][enabled]=false: customers cannot do {action}."
                ),
            ))
        }
    };
    match action.as_str() {
        "cancel_subscription" => {
            enabled("subscription_cancel")?;
            let old = subscription()?;
            cancel(ctx, &params, features, &old)?;
        }
        "renew_subscription" => {
            let old = subscription()?;
            if !subscriptions::cancel_pending(&old) {
                return Err(refuse("subscription", "This subscription has no scheduled cancellation to undo."));
            }
            subscriptions::renew(ctx, &old);
        }
        "update_subscription" => {
            enabled("subscription_update")?;
            let old = subscription()?;
            let confirm = flow
                .as_ref()
                .filter(|flow| flow["type"] == "subscription_update_confirm")
                .map(|flow| flow["subscription_update_confirm"].clone());
            update(ctx, &params, &configuration, &old, confirm.as_ref())?;
        }
        "update_payment_method" => {
            enabled("payment_method_update")?;
            let payment_method = params.required_str("payment_method")?;
            set_default_payment_method(ctx, &customer, payment_method)?;
        }
        "remove_payment_method" => {
            enabled("payment_method_update")?;
            remove_payment_method(ctx, &customer, params.required_str("payment_method")?)?;
        }
        "pause_subscription" => {
            enabled("subscription_pause")?;
            let old = subscription()?;
            if let Some(reason) = subscriptions::pause_refusal(&old) {
                return Err(refuse("subscription", reason));
            }
            let resumes_at = pause_end(ctx.now, &params, &features["subscription_pause"])?;
            subscriptions::pause(ctx, &old, resumes_at);
        }
        "resume_subscription" => {
            let old = subscription()?;
            if !subscriptions::is_paused(&old) {
                return Err(refuse("subscription", "This subscription is not paused."));
            }
            subscriptions::resume(ctx, &old);
        }
        "update_customer" => {
            enabled("customer_update")?;
            update_customer(ctx, &params, &features["customer_update"], &customer)?;
        }
        _ => {
            let retention =
                flow.as_ref().map(|flow| flow["subscription_cancel"]["retention"].clone()).filter(Value::is_object);
            let retention = retention.ok_or_else(|| refuse("action", "This session offers no retention coupon."))?;
            let old = subscription()?;
            let coupon = retention["coupon_offer"]["coupon"].as_str().unwrap_or_default();
            let discount = super::resources::coupons::new_discount(ctx, coupon, &customer, old["id"].as_str());
            let mut new = old.clone();
            if let Some(list) = new["discounts"].as_array_mut() {
                list.push(json!(discount));
            }
            ctx.save_update("subscription", "customer.subscription.updated", &old, new);
        }
    }
    let page = format!("{}/p/session/{token}", ctx.base_url);
    let Some(flow) = flow else { return Ok(page) };
    if let Some(meta) = ctx.state.sessions.get_mut(token) {
        meta.flow_completed = true;
    }
    Ok(match flow["after_completion"]["type"].as_str() {
        Some("redirect") => flow["after_completion"]["redirect"]["return_url"].as_str().unwrap_or(&page).to_owned(),
        Some("hosted_confirmation") => format!("{page}?confirmation=1"),
        _ => page,
    })
}

fn cancel(ctx: &mut Ctx<'_>, params: &Params, features: &Value, old: &Value) -> Result<()> {
    if let Some(reason) = cancel_refusal(old) {
        return Err(refuse("subscription", reason));
    }
    let settings = &features["subscription_cancel"];
    let survey = &settings["cancellation_reason"];
    let reason = params.str("reason")?.filter(|s| !s.is_empty());
    let comment = params.str("comment")?.filter(|s| !s.is_empty());
    let option = params.str("feedback_option")?.filter(|s| !s.is_empty());
    if (reason.is_some() || option.is_some()) && survey["enabled"] != true {
        return Err(refuse(
            "reason",
            "The configuration has no cancellation survey (cancellation_reason.enabled=false).",
        ));
    }
    if let Some(reason) = reason {
        if !survey["options"].as_array().is_some_and(|options| options.iter().any(|o| o == reason)) {
            return Err(refuse(
                "reason",
                format!("'{reason}' is not one of the configuration's cancellation_reason options."),
            ));
        }
    }
    if comment.is_some() && reason != Some("other") {
        return Err(refuse("comment", "The portal takes a comment only with the reason \"other\"."));
    }
    if let Some(option) = option {
        if !survey["feedback_options"].as_array().is_some_and(|options| options.iter().any(|o| o == option)) {
            return Err(refuse(
                "feedback_option",
                format!("{option} is not one of the configuration's feedback_options."),
            ));
        }
    }
    let canceled = if settings["mode"] == "immediately" {
        subscriptions::cancel_now(ctx, old, old["cancellation_details"].clone())
    } else {
        subscriptions::schedule_cancel(ctx, old)
    };
    if let Some(reason) = reason {
        subscriptions::record_feedback(ctx, &canceled, reason, comment);
    } else if let Some(option) = option {
        let mut new = canceled.clone();
        new["cancellation_details"]["feedback_option"] = json!(option);
        ctx.save_update("subscription", "customer.subscription.updated", &canceled, new);
    }
    Ok(())
}

fn update(
    ctx: &mut Ctx<'_>,
    params: &Params,
    configuration: &Value,
    old: &Value,
    confirm: Option<&Value>,
) -> Result<()> {
    if let Some(reason) = update_refusal(old) {
        return Err(refuse("subscription", reason));
    }
    let current = old["items"]["data"][0].clone();
    let mut price_id = params.str("price")?.filter(|s| !s.is_empty()).map(str::to_owned);
    let mut quantity = params.int("quantity")?;
    let mut coupon = None;
    if let Some(confirm) = confirm {
        let item = &confirm["items"][0];
        let fixed_price = item["price"].as_str().map(str::to_owned);
        let fixed_quantity = item["quantity"].as_i64();
        if (price_id.is_some() && price_id != fixed_price) || (quantity.is_some() && quantity != fixed_quantity) {
            return Err(refuse("price", "This session confirms a prepared update; it cannot be changed."));
        }
        price_id = fixed_price;
        quantity = fixed_quantity;
        coupon = confirm["discounts"][0]["coupon"].as_str().map(str::to_owned);
    }
    if price_id.is_none() && quantity.is_none() {
        return Err(StripeError::missing("price"));
    }
    let price = match &price_id {
        Some(id) => ctx.state.get("price", id).cloned().ok_or_else(|| StripeError::no_such("price", id, "price"))?,
        None => current["price"].clone(),
    };
    let target_quantity = quantity.or(current["quantity"].as_i64());
    check_target(configuration, &current, &price, target_quantity)
        .map_err(|reason| refuse(if price_id.is_some() { "price" } else { "quantity" }, reason))?;
    let settings = &configuration["features"]["subscription_update"];
    let old_amount = current["price"]["unit_amount"].as_i64().unwrap_or(0) * current["quantity"].as_i64().unwrap_or(1);
    let new_amount = price["unit_amount"].as_i64().unwrap_or(0) * target_quantity.unwrap_or(1);
    let condition = |kind: &str| {
        settings["schedule_at_period_end"]["conditions"]
            .as_array()
            .is_some_and(|list| list.iter().any(|c| c["type"] == kind))
    };
    let shortens = subscriptions::price_period(&price) < subscriptions::price_period(&current["price"]);
    if (condition("decreasing_item_amount") && new_amount < old_amount)
        || (condition("shortening_interval") && shortens)
    {
        subscriptions::schedule_change(ctx, old, &price, target_quantity.unwrap_or(1));
        return Ok(());
    }
    let discount = coupon.map(|coupon| {
        super::resources::coupons::new_discount(
            ctx,
            &coupon,
            old["customer"].as_str().unwrap_or_default(),
            old["id"].as_str(),
        )
    });
    let rules = subscriptions::ChangeRules {
        proration_behavior: settings["proration_behavior"].as_str().unwrap_or("none"),
        anchor_now: settings["billing_cycle_anchor"] == "now",
        continue_trial: settings["trial_update_behavior"] == "continue_trial",
        discount,
    };
    subscriptions::change_item(ctx, old, price_id.as_ref().map(|_| &price), quantity, &rules);
    Ok(())
}

/// `resumes_at` for a pause: `interval` + `interval_count` must be one of the configured
/// `interval_options`; an indefinite pause has none.
fn pause_end(now: i64, params: &Params, pause: &Value) -> Result<Option<i64>> {
    if pause["duration"]["type"] != "interval_options" {
        return Ok(None);
    }
    let interval = params.required_str("interval")?;
    let count = params.int("interval_count")?.unwrap_or(1);
    let offered = pause["duration"]["interval_options"].as_array().is_some_and(|options| {
        options.iter().any(|o| o["interval"] == interval && o["interval_count"].as_i64() == Some(count))
    });
    if !offered {
        return Err(refuse(
            "interval",
            format!("A pause of {count} {interval} is not among the configuration's interval_options."),
        ));
    }
    Ok(Some(now + interval_seconds(interval, count)))
}

fn set_default_payment_method(ctx: &mut Ctx<'_>, customer: &str, payment_method: &str) -> Result<()> {
    let attached = match ctx.state.get("payment_method", payment_method).cloned() {
        Some(found) if found["customer"] == customer => found,
        _ => {
            payment_methods::check_attachable(ctx, payment_method, "payment_method")?;
            payment_methods::attach(ctx, payment_method, customer)
        }
    };
    let old = ctx.state.get("customer", customer).cloned().unwrap_or_default();
    let mut new = old.clone();
    new["invoice_settings"]["default_payment_method"] = attached["id"].clone();
    ctx.save_update("customer", "customer.updated", &old, new);
    Ok(())
}

fn remove_payment_method(ctx: &mut Ctx<'_>, customer: &str, payment_method: &str) -> Result<()> {
    let found = match ctx.state.get("payment_method", payment_method) {
        Some(found) if found["customer"] == customer => found.clone(),
        _ => return Err(StripeError::no_such("payment method", payment_method, "payment_method")),
    };
    let live =
        ctx.state.all("subscription").into_iter().any(|s| s["customer"] == customer && !subscriptions::is_canceled(s));
    if live && payment_methods::of_customer(ctx, customer).len() <= 1 {
        return Err(refuse(
            "payment_method",
            "A customer with an active subscription must keep a payment method: add another one first.",
        ));
    }
    payment_methods::detach(ctx, &found);
    Ok(())
}

fn update_customer(ctx: &mut Ctx<'_>, params: &Params, settings: &Value, customer: &str) -> Result<()> {
    let allowed =
        |kind: &str| settings["allowed_updates"].as_array().is_some_and(|list| list.iter().any(|v| v == kind));
    for (field, kind) in [
        ("email", "email"),
        ("name", "name"),
        ("phone", "phone"),
        ("address", "address"),
        ("shipping", "shipping"),
        ("tax_id", "tax_id"),
        ("remove_tax_id", "tax_id"),
    ] {
        if params.has(field) && !allowed(kind) {
            return Err(refuse(field, format!("The configuration does not let customers update {kind}.")));
        }
    }
    if let Some(email) = params.str("email")? {
        if !email.contains('@') {
            return Err(refuse("email", format!("Invalid email address: {email}")));
        }
    }
    let add_tax_id = if params.has("tax_id") {
        let (kind, value) = (params.str("tax_id[type]")?, params.str("tax_id[value]")?);
        tax_ids::check(kind, value, "tax_id[type]", "tax_id[value]")?;
        Some((kind.unwrap_or_default().to_owned(), value.unwrap_or_default().to_owned()))
    } else {
        None
    };
    let remove_tax_id = match params.str("remove_tax_id")?.filter(|s| !s.is_empty()) {
        Some(id) => match ctx.state.get("tax_id", id) {
            Some(found) if found["customer"] == customer => Some(found.clone()),
            _ => return Err(StripeError::no_such("tax_id", id, "remove_tax_id")),
        },
        None => None,
    };
    let old = ctx.state.get("customer", customer).cloned().unwrap_or_default();
    let mut new = old.clone();
    super::resources::apply_strings(&mut new, params, "", &["email", "name", "phone"])?;
    super::resources::apply_address(&mut new, params, "address")?;
    if params.has("shipping") {
        if !new["shipping"].is_object() {
            new["shipping"] = json!({"address": null, "name": null, "phone": null});
        }
        super::resources::apply_strings(&mut new, params, "shipping", &["name", "phone"])?;
        super::resources::apply_address(&mut new, params, "shipping[address]")?;
    }
    ctx.save_update("customer", "customer.updated", &old, new);
    if let Some((kind, value)) = add_tax_id {
        tax_ids::add(ctx, customer, &kind, &value);
    }
    if let Some(tax_id) = remove_tax_id {
        tax_ids::remove(ctx, &tax_id);
    }
    Ok(())
}

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => esc(text),
        Value::Null => "—".to_owned(),
        other => esc(&other.to_string()),
    }
}

/// One form posting `action` with hidden `fields` and visible `inputs` (raw HTML).
fn form(token: &str, action: &str, label: &str, fields: &[(&str, &str)], inputs: &str) -> String {
    let hidden: String =
        fields.iter().map(|(k, v)| format!(r#"<input type="hidden" name="{}" value="{}">"#, esc(k), esc(v))).collect();
    format!(
        r#"<form method="post" action="/p/session/{token}/actions"><input type="hidden" name="action" value="{action}">{hidden}{inputs}<button type="submit">{label}</button></form>"#
    )
}

/// The portal page for a session: what the customer sees and a form per allowed action.
pub(crate) fn page(ctx: &mut Ctx<'_>, token: &str, confirmation: bool) -> Result<String> {
    let (session, configuration) = open_session(ctx, token)?;
    let flow = active_flow(ctx, token, &session);
    let features = &configuration["features"];
    let customer_id = session["customer"].as_str().unwrap_or_default();
    let customer = ctx.state.get("customer", customer_id).cloned().unwrap_or_default();
    let allowed = |action: &str| {
        flow.as_ref().is_none_or(|flow| flow_actions(flow["type"].as_str().unwrap_or_default()).contains(&action))
    };
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>Billing portal</h1><p>Signed in as <b>{}</b> ({})</p>",
        text(&customer["email"]),
        esc(customer_id)
    ));
    if let Some(url) = session["return_url"].as_str() {
        body.push_str(&format!(r#"<p><a id="return" href="{}">Return to the site</a></p>"#, esc(url)));
    }
    if confirmation {
        let message =
            session["flow"]["after_completion"]["hosted_confirmation"]["custom_message"].as_str().unwrap_or("Done.");
        body.push_str(&format!(r#"<p id="confirmation">{}</p>"#, esc(message)));
    }
    if let Some(flow) = &flow {
        body.push_str(&format!(r#"<p id="flow">Flow: {}</p>"#, text(&flow["type"])));
    }
    body.push_str("<h2>Subscriptions</h2>");
    let subscriptions: Vec<Value> =
        ctx.state.all("subscription").into_iter().filter(|s| s["customer"] == customer_id).cloned().collect();
    for subscription in &subscriptions {
        let id = subscription["id"].as_str().unwrap_or_default();
        let item = &subscription["items"]["data"][0];
        body.push_str(&format!(
            r#"<section class="subscription" id="{id}"><h3>{id}</h3><p>Status: {} · price {} × {} · cancel at {}</p>"#,
            text(&subscription["status"]),
            text(&item["price"]["id"]),
            text(&item["quantity"]),
            text(&subscription["cancel_at"])
        ));
        let fields = [("subscription", id)];
        if allowed("cancel_subscription")
            && features["subscription_cancel"]["enabled"] == true
            && cancel_refusal(subscription).is_none()
        {
            let mut inputs = String::new();
            if features["subscription_cancel"]["cancellation_reason"]["enabled"] == true {
                let options: String = features["subscription_cancel"]["cancellation_reason"]["options"]
                    .as_array()
                    .map(|list| list.iter().map(|o| format!(r#"<option value="{0}">{0}</option>"#, text(o))).collect())
                    .unwrap_or_default();
                inputs = format!(
                    r#"<select name="reason"><option value="">(no reason)</option>{options}</select><input name="comment" placeholder="Other reason">"#
                );
            }
            body.push_str(&form(token, "cancel_subscription", "Cancel subscription", &fields, &inputs));
        }
        if allowed("renew_subscription") && subscriptions::cancel_pending(subscription) {
            body.push_str(&form(token, "renew_subscription", "Renew subscription", &fields, ""));
        }
        if allowed("update_subscription")
            && features["subscription_update"]["enabled"] == true
            && update_refusal(subscription).is_none()
        {
            let prices: String = features["subscription_update"]["products"]
                .as_array()
                .map(|products| {
                    products
                        .iter()
                        .flat_map(|p| p["prices"].as_array().cloned().unwrap_or_default())
                        .map(|p| format!(r#"<option value="{0}">{0}</option>"#, text(&p)))
                        .collect()
                })
                .unwrap_or_default();
            let inputs = format!(
                r#"<select name="price"><option value="">(same price)</option>{prices}</select><input name="quantity" type="number" min="1" placeholder="quantity">"#
            );
            body.push_str(&form(token, "update_subscription", "Update subscription", &fields, &inputs));
        }
        if allowed("pause_subscription")
            && features["subscription_pause"]["enabled"] == true
            && subscriptions::pause_refusal(subscription).is_none()
        {
            let options: String = features["subscription_pause"]["duration"]["interval_options"]
                .as_array()
                .map(|list| list.iter().map(|o| format!(r#"<label><input type="radio" name="interval" value="{}">{} {}</label><input type="hidden" name="interval_count" value="{}">"#, text(&o["interval"]), text(&o["interval_count"]), text(&o["interval"]), text(&o["interval_count"]))).collect())
                .unwrap_or_default();
            body.push_str(&form(token, "pause_subscription", "Pause subscription", &fields, &options));
        }
        if allowed("resume_subscription") && subscriptions::is_paused(subscription) {
            body.push_str(&form(token, "resume_subscription", "Resume subscription", &fields, ""));
        }
        if allowed("accept_retention_offer")
            && flow.as_ref().is_some_and(|f| f["subscription_cancel"]["retention"].is_object())
        {
            body.push_str(&form(token, "accept_retention_offer", "Accept the offer", &fields, ""));
        }
        body.push_str("</section>");
    }
    if features["payment_method_update"]["enabled"] == true && allowed("update_payment_method") {
        body.push_str("<h2>Payment methods</h2><ul>");
        for pm in payment_methods::of_customer(ctx, customer_id) {
            let id = pm["id"].as_str().unwrap_or_default();
            let default = if customer["invoice_settings"]["default_payment_method"] == id { " (default)" } else { "" };
            body.push_str(&format!(
                "<li>{} •••• {}{default}{}</li>",
                text(&pm["card"]["brand"]),
                text(&pm["card"]["last4"]),
                form(token, "remove_payment_method", "Remove", &[("payment_method", id)], "")
            ));
        }
        body.push_str("</ul>");
        body.push_str(&form(
            token,
            "update_payment_method",
            "Add and make default",
            &[],
            r#"<input name="payment_method" value="pm_card_visa">"#,
        ));
    }
    if features["customer_update"]["enabled"] == true && allowed("update_customer") {
        body.push_str("<h2>Billing information</h2>");
        let inputs: String = ["email", "name", "phone"]
            .iter()
            .filter(|f| {
                features["customer_update"]["allowed_updates"].as_array().is_some_and(|l| l.iter().any(|v| v == **f))
            })
            .map(|f| {
                format!(
                    r#"<label>{f} <input name="{f}" value="{}"></label>"#,
                    customer[*f].as_str().map(esc).unwrap_or_default()
                )
            })
            .collect();
        body.push_str(&form(token, "update_customer", "Save", &[], &inputs));
        if features["customer_update"]["allowed_updates"].as_array().is_some_and(|l| l.iter().any(|v| v == "tax_id")) {
            body.push_str("<ul>");
            for tax_id in tax_ids::of_customer(ctx, customer_id) {
                let id = tax_id["id"].as_str().unwrap_or_default();
                body.push_str(&format!(
                    "<li>{} {}{}</li>",
                    text(&tax_id["type"]),
                    text(&tax_id["value"]),
                    form(token, "update_customer", "Remove", &[("remove_tax_id", id)], "")
                ));
            }
            body.push_str("</ul>");
            body.push_str(&form(token, "update_customer", "Add tax id", &[], r#"<input name="tax_id[type]" placeholder="eu_vat"><input name="tax_id[value]" placeholder="DE123456789">"#));
        }
    }
    if features["invoice_history"]["enabled"] == true && flow.is_none() {
        body.push_str("<h2>Invoice history</h2><p>The fake keeps no invoice history.</p>");
    }
    Ok(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Billing portal (fake)</title></head><body>{body}</body></html>"
    ))
}

/// One thing the customer does in the portal, for [`FakeStripe::act`](super::FakeStripe::act):
/// the same form fields the page posts to `/p/session/{token}/actions`.
///
/// ```
/// use stripe_billing_portal::testing::Action;
///
/// let cancel = Action::cancel_subscription("sub_1").reason("other").comment("Moving abroad");
/// let upgrade = Action::update_subscription("sub_1").price("price_gold").quantity(2);
/// let email = Action::update_customer().field("email", "new@example.com");
/// # let _ = (cancel, upgrade, email);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Action {
    fields: Vec<(String, String)>,
}

impl Action {
    fn new(action: &str, subscription: Option<&str>) -> Self {
        let mut fields = vec![("action".to_owned(), action.to_owned())];
        if let Some(subscription) = subscription {
            fields.push(("subscription".to_owned(), subscription.to_owned()));
        }
        Action { fields }
    }

    /// Cancel (at period end or at once, as the configuration says).
    pub fn cancel_subscription(subscription: &str) -> Self {
        Self::new("cancel_subscription", Some(subscription))
    }

    /// Undo a scheduled cancellation.
    pub fn renew_subscription(subscription: &str) -> Self {
        Self::new("renew_subscription", Some(subscription))
    }

    /// Change price and/or quantity (set with [`price`](Self::price), [`quantity`](Self::quantity));
    /// in a `subscription_update_confirm` session, confirm the prepared change.
    pub fn update_subscription(subscription: &str) -> Self {
        Self::new("update_subscription", Some(subscription))
    }

    /// Add a payment method (a test token such as `pm_card_mastercard`, or an attached `pm_…`)
    /// and make it the default.
    pub fn update_payment_method(payment_method: &str) -> Self {
        Self::new("update_payment_method", None).field("payment_method", payment_method)
    }

    /// Remove a payment method.
    pub fn remove_payment_method(payment_method: &str) -> Self {
        Self::new("remove_payment_method", None).field("payment_method", payment_method)
    }

    /// Pause (with [`interval`](Self::interval) when the configuration offers interval options).
    pub fn pause_subscription(subscription: &str) -> Self {
        Self::new("pause_subscription", Some(subscription))
    }

    /// Resume a paused subscription.
    pub fn resume_subscription(subscription: &str) -> Self {
        Self::new("resume_subscription", Some(subscription))
    }

    /// Save billing details: add fields with [`field`](Self::field) (`email`, `name`, `phone`,
    /// `address[line1]`, `shipping[name]`, `tax_id[type]`, `tax_id[value]`, `remove_tax_id`).
    pub fn update_customer() -> Self {
        Self::new("update_customer", None)
    }

    /// Accept the retention coupon a `subscription_cancel` flow offers.
    pub fn accept_retention_offer(subscription: &str) -> Self {
        Self::new("accept_retention_offer", Some(subscription))
    }

    /// The cancellation survey's answer (one of the configuration's `options`).
    pub fn reason(self, reason: &str) -> Self {
        self.field("reason", reason)
    }

    /// The survey's free text (the portal offers it only with the reason `other`).
    pub fn comment(self, comment: &str) -> Self {
        self.field("comment", comment)
    }

    /// The new price.
    pub fn price(self, price: &str) -> Self {
        self.field("price", price)
    }

    /// The new quantity.
    pub fn quantity(self, quantity: u64) -> Self {
        self.field("quantity", &quantity.to_string())
    }

    /// A pause of `count` `interval`s (`day`, `week`, `month`, `year`).
    pub fn interval(self, interval: &str, count: u32) -> Self {
        self.field("interval", interval).field("interval_count", &count.to_string())
    }

    /// Any form field.
    pub fn field(mut self, key: &str, value: &str) -> Self {
        self.fields.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The form fields.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }
}
