//! The portal itself: the HTML page a session's URL serves, and the actions the customer takes
//! there (`POST /p/session/{token}/actions`), under the rules of the session's configuration
//! and deep-linked flow.
//!
//! The actions and their rules are listed on [`Action`].

mod action;
mod page;

pub use action::Action;
pub(crate) use page::page;

use super::error::{Result, StripeError};
use super::fixtures::interval_seconds;
use super::params::Params;
use super::resources::{payment_methods, subscription_changes, tax_ids, Ctx};
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
pub(super) fn flow_actions(kind: &str) -> &'static [&'static str] {
    match kind {
        "subscription_cancel" => &["cancel_subscription", "accept_retention_offer"],
        "subscription_update" | "subscription_update_confirm" => &["update_subscription"],
        "subscription_pause" => &["pause_subscription"],
        "payment_method_update" => &["update_payment_method", "remove_payment_method"],
        _ => &["update_customer"],
    }
}

/// Why the portal cannot cancel this subscription, if it cannot.
pub(crate) fn cancel_refusal(subscription: &Value) -> Option<String> {
    let id = subscription["id"].as_str().unwrap_or_default();
    if subscription_changes::is_canceled(subscription) {
        return Some(format!("The subscription {id} is already canceled."));
    }
    if subscription_changes::cancel_pending(subscription) {
        return Some(format!("The subscription {id} is already scheduled to be canceled."));
    }
    if subscription["schedule"].is_string() {
        return Some(format!(
            "The subscription {id} has a schedule with future phases; it cannot be canceled in the portal."
        ));
    }
    None
}

/// Why the portal cannot undo this subscription's cancellation: none is scheduled.
pub(crate) fn renew_refusal(subscription: &Value) -> Option<String> {
    let pending = subscription_changes::cancel_pending(subscription);
    (!pending).then(|| "This subscription has no scheduled cancellation to undo.".to_owned())
}

/// Why the portal cannot resume this subscription: it is not paused.
pub(crate) fn resume_refusal(subscription: &Value) -> Option<String> {
    (!subscription_changes::is_paused(subscription)).then(|| "This subscription is not paused.".to_owned())
}

/// Why the portal cannot update this subscription, if it cannot (only cancelling remains).
pub(crate) fn update_refusal(subscription: &Value) -> Option<String> {
    let id = subscription["id"].as_str().unwrap_or_default();
    let items = subscription_changes::items(subscription);
    if subscription_changes::is_canceled(subscription) {
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
/// listed, the change kinds are allowed, the quantity is within bounds, tax behaviours match and
/// neither is `unspecified`.
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
    if price_changes {
        if let Some(id) = [price, &current["price"]]
            .into_iter()
            .find(|p| p["tax_behavior"] == "unspecified")
            .and_then(|p| p["id"].as_str())
        {
            return Err(format!(
                "The price {id} has tax_behavior=unspecified; the portal only switches between prices whose tax_behavior is exclusive or inclusive."
            ));
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
pub(super) fn open_session(ctx: &mut Ctx<'_>, token: &str) -> Result<(Value, Value)> {
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
pub(super) fn active_flow(ctx: &Ctx<'_>, token: &str, session: &Value) -> Option<Value> {
    let done = ctx.state.sessions.get(token).is_some_and(|meta| meta.flow_completed);
    (!done && session["flow"].is_object()).then(|| session["flow"].clone())
}

/// Performs one portal action; gives the URL to redirect to.
pub(crate) fn perform(ctx: &mut Ctx<'_>, token: &str, pairs: &[(String, String)]) -> Result<String> {
    let params = Params::decode(pairs)?;
    let (session, configuration) = open_session(ctx, token)?;
    let action = params.enum_str("action", &Action::NAMES)?.ok_or_else(|| StripeError::missing("action"))?.to_owned();
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
    // The subscription, unless `refusal` gives a reason the action cannot apply to it.
    let changeable = |refusal: fn(&Value) -> Option<String>| -> Result<Value> {
        let old = subscription()?;
        match refusal(&old) {
            Some(reason) => Err(refuse("subscription", reason)),
            None => Ok(old),
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
            let old = changeable(cancel_refusal)?;
            cancel(ctx, &params, features, &old)?;
        }
        "renew_subscription" => {
            let old = changeable(renew_refusal)?;
            subscription_changes::renew(ctx, &old);
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
            let old = changeable(subscription_changes::pause_refusal)?;
            let resumes_at = pause_end(ctx.now, &params, &features["subscription_pause"])?;
            subscription_changes::pause(ctx, &old, resumes_at);
        }
        "resume_subscription" => {
            let old = changeable(resume_refusal)?;
            subscription_changes::resume(ctx, &old);
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

/// Cancels `old`, which [`cancel_refusal`] let through, as the configuration's cancel feature says.
fn cancel(ctx: &mut Ctx<'_>, params: &Params, features: &Value, old: &Value) -> Result<()> {
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
        let canceled = subscription_changes::cancel_now(ctx, old, old["cancellation_details"].clone());
        if settings["proration_behavior"] == "create_prorations" {
            subscription_changes::add_proration_item(ctx, &canceled);
        }
        canceled
    } else {
        subscription_changes::schedule_cancel(ctx, old)
    };
    if reason.is_some() || option.is_some() {
        subscription_changes::record_feedback(ctx, &canceled, reason, comment, option);
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
    let old_amount = subscription_changes::amount(&current["price"], current["quantity"].as_i64().unwrap_or(1));
    let new_amount = subscription_changes::amount(&price, target_quantity.unwrap_or(1));
    let condition = |kind: &str| {
        settings["schedule_at_period_end"]["conditions"]
            .as_array()
            .is_some_and(|list| list.iter().any(|c| c["type"] == kind))
    };
    let shortens = subscription_changes::price_period(&price) < subscription_changes::price_period(&current["price"]);
    if (condition("decreasing_item_amount") && new_amount < old_amount)
        || (condition("shortening_interval") && shortens)
    {
        subscription_changes::schedule_change(ctx, old, &price, target_quantity.unwrap_or(1));
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
    let rules = subscription_changes::ChangeRules {
        proration_behavior: settings["proration_behavior"].as_str().unwrap_or("none"),
        anchor_now: settings["billing_cycle_anchor"] == "now",
        continue_trial: settings["trial_update_behavior"] == "continue_trial",
        discount,
    };
    subscription_changes::change_item(ctx, old, price_id.as_ref().map(|_| &price), quantity, &rules);
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
    let live = ctx
        .state
        .all("subscription")
        .into_iter()
        .any(|s| s["customer"] == customer && !subscription_changes::is_canceled(s));
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
