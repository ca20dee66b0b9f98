//! `/v1/customers`: create, retrieve, update, delete, list; `subscriptions` and `tax_ids`
//! appear only when expanded.

use super::{
    apply_address, apply_metadata, apply_strings, by_path, list as list_of, nested, ApiRequest, Ctx, ADDRESS_FIELDS,
};
use crate::testing::error::Result;
use crate::testing::fixtures;
use crate::testing::store::{new_id, State};
use serde_json::{json, Map, Value};

const SIMPLE_FIELDS: [&str; 4] = ["email", "name", "phone", "description"];

/// The parameters create and update accept.
fn accepted(create: bool) -> Vec<String> {
    let mut accepted: Vec<String> = SIMPLE_FIELDS.iter().map(|f| (*f).to_owned()).collect();
    accepted.extend(nested("address", &ADDRESS_FIELDS));
    accepted.extend(nested("shipping[address]", &ADDRESS_FIELDS));
    accepted.extend(
        [
            "shipping[name]",
            "shipping[phone]",
            "metadata[*]",
            "invoice_settings[default_payment_method]",
            "preferred_locales[N]",
        ]
        .map(str::to_owned),
    );
    if create {
        accepted.push("payment_method".to_owned());
    }
    accepted
}

/// Applies the fields create and update share; `skip_default` leaves
/// `invoice_settings[default_payment_method]` for the caller (it names a token attached later).
fn apply(ctx: &Ctx<'_>, customer: &mut Value, request: &ApiRequest<'_>, skip_default: bool) -> Result<()> {
    let params = &request.params;
    apply_strings(customer, params, "", &SIMPLE_FIELDS)?;
    apply_address(customer, params, "address")?;
    match params.get("shipping") {
        None => {}
        Some(Value::String(text)) if text.is_empty() => customer["shipping"] = Value::Null,
        Some(_) => {
            if !customer["shipping"].is_object() {
                customer["shipping"] = json!({"address": null, "name": null, "phone": null});
            }
            apply_strings(customer, params, "shipping", &["name", "phone"])?;
            apply_address(customer, params, "shipping[address]")?;
        }
    }
    if let Some(locales) = params.str_list("preferred_locales")? {
        customer["preferred_locales"] = json!(locales);
    }
    apply_metadata(customer, params)?;
    match params.str("invoice_settings[default_payment_method]")? {
        None => {}
        Some(_) if skip_default => {}
        Some("") => customer["invoice_settings"]["default_payment_method"] = Value::Null,
        Some(payment_method) => {
            let id = customer["id"].as_str().unwrap_or_default().to_owned();
            super::subscriptions::check_customer_payment_method(
                ctx,
                &id,
                payment_method,
                "invoice_settings[default_payment_method]",
            )?;
            customer["invoice_settings"]["default_payment_method"] = json!(payment_method);
        }
    }
    Ok(())
}

/// `POST /v1/customers`. `payment_method` attaches a payment method (or test token such as
/// `pm_card_visa`); naming the same value in `invoice_settings[default_payment_method]` also
/// makes the attached one the default.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&accepted(true))?;
    let id = new_id("cus");
    let mut customer = fixtures::customer().id(id.clone()).created(ctx.now).build_json();
    customer["invoice_prefix"] = json!(id[4..12].to_ascii_uppercase());
    let token = params.str("payment_method")?.filter(|s| !s.is_empty()).map(str::to_owned);
    if let Some(token) = &token {
        super::payment_methods::check_attachable(ctx, token, "payment_method")?;
    }
    let default_is_token =
        token.is_some() && params.str("invoice_settings[default_payment_method]")? == token.as_deref();
    apply(ctx, &mut customer, request, default_is_token)?;
    let customer = ctx.save_new("customer", "customer.created", customer);
    let Some(token) = token else { return Ok(customer) };
    let attached = super::payment_methods::attach(ctx, &token, &id);
    if !default_is_token {
        return Ok(customer);
    }
    let mut with_default = customer.clone();
    with_default["invoice_settings"]["default_payment_method"] = attached["id"].clone();
    ctx.state.put("customer", with_default.clone());
    Ok(with_default)
}

/// `GET /v1/customers/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, "customer", "customer", id)
}

/// `POST /v1/customers/{id}`: one `customer.updated` with the changed fields' old values.
pub(crate) fn update(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&accepted(false))?;
    let old = by_path(ctx.state, "customer", "customer", id)?;
    let mut new = old.clone();
    apply(ctx, &mut new, request, false)?;
    Ok(ctx.save_update("customer", "customer.updated", &old, new))
}

/// `DELETE /v1/customers/{id}`: the customer and their subscriptions go (`customer.deleted`).
pub(crate) fn delete(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let customer = by_path(ctx.state, "customer", "customer", id)?;
    let live: Vec<Value> = ctx
        .state
        .all("subscription")
        .into_iter()
        .filter(|s| s["customer"] == id && !super::subscription_changes::is_canceled(s))
        .cloned()
        .collect();
    for subscription in live {
        super::subscription_changes::cancel_now(ctx, &subscription, subscription["cancellation_details"].clone());
    }
    ctx.state.remove("customer", id);
    ctx.emit("customer.deleted", &customer, None);
    Ok(json!({"id": id, "object": "customer", "deleted": true}))
}

/// `GET /v1/customers`: `email` filters.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&["email"])?;
    let email = request.params.str("email")?;
    let items = ctx.state.newest("customer", |c| email.is_none_or(|e| c["email"] == e));
    list_of(request, "/v1/customers", items)
}

/// A customer's `subscriptions` or `tax_ids` list, which Stripe includes only when expanded.
pub(crate) fn expandable_extra(state: &State, object: &Map<String, Value>, field: &str) -> Option<Value> {
    if object.get("object")? != "customer" {
        return None;
    }
    let id = object.get("id")?.as_str()?;
    let (kind, url) = match field {
        "subscriptions" => ("subscription", format!("/v1/customers/{id}/subscriptions")),
        "tax_ids" => ("tax_id", format!("/v1/customers/{id}/tax_ids")),
        _ => return None,
    };
    let data = state.newest(kind, |o| o["customer"] == id && o["status"] != "canceled");
    Some(json!({"object": "list", "data": data, "has_more": false, "total_count": data.len(), "url": url}))
}
