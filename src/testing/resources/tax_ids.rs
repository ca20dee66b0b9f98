//! `/v1/customers/{id}/tax_ids`: create, retrieve, list, delete. Tax ids emit their own events,
//! never `customer.updated`.

use super::{by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

/// Adds a tax id to the customer (`customer.tax_id.created`).
pub(crate) fn add(ctx: &mut Ctx<'_>, customer: &str, kind: &str, value: &str) -> Value {
    let country = value.get(..2).filter(|c| c.bytes().all(|b| b.is_ascii_uppercase())).map(str::to_owned);
    let tax_id = fixtures::tax_id()
        .id(new_id("txi"))
        .created(ctx.now)
        .customer(customer)
        .set("type", kind)
        .set("value", value)
        .set("country", country)
        .build_json();
    ctx.save_new("tax_id", "customer.tax_id.created", tax_id)
}

/// Removes a tax id (`customer.tax_id.deleted`).
pub(crate) fn remove(ctx: &mut Ctx<'_>, tax_id: &Value) -> Value {
    let id = tax_id["id"].as_str().unwrap_or_default().to_owned();
    ctx.state.remove("tax_id", &id);
    ctx.emit("customer.tax_id.deleted", tax_id, None);
    json!({"id": id, "object": "tax_id", "deleted": true})
}

/// Checks a tax id `type` and `value` given as `type_param` / `value_param`.
pub(crate) fn check(kind: Option<&str>, value: Option<&str>, type_param: &str, value_param: &str) -> Result<()> {
    let kind = kind.filter(|k| !k.is_empty()).ok_or_else(|| StripeError::missing(type_param))?;
    if !kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
        return Err(StripeError::invalid(
            Some(type_param),
            format!("Invalid {type_param}: '{kind}' is not a tax id type"),
        ));
    }
    value.filter(|v| !v.trim().is_empty()).ok_or_else(|| StripeError::missing(value_param))?;
    Ok(())
}

/// `POST /v1/customers/{id}/tax_ids`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, customer: &str) -> Result<Value> {
    request.accept(&["type", "value"])?;
    by_path(ctx.state, "customer", "customer", customer)?;
    let (kind, value) = (request.params.str("type")?, request.params.str("value")?);
    check(kind, value, "type", "value")?;
    Ok(add(ctx, customer, kind.unwrap_or_default(), value.unwrap_or_default()))
}

fn load(ctx: &Ctx<'_>, customer: &str, id: &str) -> Result<Value> {
    by_path(ctx.state, "customer", "customer", customer)?;
    let tax_id = by_path(ctx.state, "tax_id", "tax_id", id)?;
    if tax_id["customer"] != customer {
        return Err(StripeError::not_found("tax_id", id));
    }
    Ok(tax_id)
}

/// `GET /v1/customers/{id}/tax_ids/{tax_id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, customer: &str, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    load(ctx, customer, id)
}

/// `DELETE /v1/customers/{id}/tax_ids/{tax_id}`.
pub(crate) fn delete(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, customer: &str, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let tax_id = load(ctx, customer, id)?;
    Ok(remove(ctx, &tax_id))
}

/// The customer's tax ids, newest first.
pub(crate) fn of_customer(ctx: &Ctx<'_>, customer: &str) -> Vec<Value> {
    ctx.state.newest("tax_id", |t| t["customer"] == customer)
}

/// `GET /v1/customers/{id}/tax_ids`.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, customer: &str) -> Result<Value> {
    request.accept_list(&[] as &[&str])?;
    by_path(ctx.state, "customer", "customer", customer)?;
    list_of(request, &format!("/v1/customers/{customer}/tax_ids"), of_customer(ctx, customer))
}
