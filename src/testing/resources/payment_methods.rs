//! `/v1/payment_methods`: attach (a test token such as `pm_card_visa` becomes a new `pm_…` of
//! the customer, as in Stripe's test mode), detach, retrieve, list.

use super::{by_param, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

/// Stripe's test payment-method tokens the fake knows: token, brand, last 4 digits, funding.
pub(crate) const TEST_TOKENS: [(&str, &str, &str, &str); 7] = [
    ("pm_card_visa", "visa", "4242", "credit"),
    ("pm_card_visa_debit", "visa", "5556", "debit"),
    ("pm_card_mastercard", "mastercard", "4444", "credit"),
    ("pm_card_mastercard_debit", "mastercard", "8210", "debit"),
    ("pm_card_amex", "amex", "8431", "credit"),
    ("pm_card_discover", "discover", "1117", "credit"),
    ("pm_card_jcb", "jcb", "0505", "credit"),
];

fn test_token(token: &str) -> Option<(&'static str, &'static str, &'static str, &'static str)> {
    TEST_TOKENS.iter().copied().find(|(name, ..)| *name == token)
}

/// Checks that `payment_method` (a test token or an unattached `pm_…`) can be attached.
pub(crate) fn check_attachable(ctx: &Ctx<'_>, payment_method: &str, param: &str) -> Result<()> {
    if test_token(payment_method).is_some() {
        return Ok(());
    }
    let found = by_param(ctx.state, "payment_method", "PaymentMethod", payment_method, param)?;
    if !found["customer"].is_null() {
        return Err(StripeError::invalid(
            Some(param),
            "The payment method you provided has already been attached to a customer.",
        ));
    }
    Ok(())
}

/// Attaches a checked payment method or test token to `customer` (`payment_method.attached`).
pub(crate) fn attach(ctx: &mut Ctx<'_>, payment_method: &str, customer: &str) -> Value {
    let mut attached = match test_token(payment_method) {
        Some((_, brand, last4, funding)) => fixtures::payment_method()
            .id(new_id("pm"))
            .created(ctx.now)
            .card(brand, last4)
            .set("card.funding", funding)
            .set("card.networks.available", json!([brand]))
            .build_json(),
        None => ctx.state.get("payment_method", payment_method).cloned().unwrap_or_default(),
    };
    attached["customer"] = json!(customer);
    ctx.state.put("payment_method", attached.clone());
    ctx.emit("payment_method.attached", &attached, None);
    attached
}

/// Detaches a payment method (`payment_method.detached`); when it was the customer's default
/// for invoices, that default is cleared (`customer.updated`).
pub(crate) fn detach(ctx: &mut Ctx<'_>, payment_method: &Value) -> Value {
    let customer_id = payment_method["customer"].as_str().unwrap_or_default().to_owned();
    let mut detached = payment_method.clone();
    detached["customer"] = Value::Null;
    ctx.state.put("payment_method", detached.clone());
    ctx.emit("payment_method.detached", &detached, None);
    if let Some(customer) = ctx.state.get("customer", &customer_id).cloned() {
        if customer["invoice_settings"]["default_payment_method"] == payment_method["id"] {
            let mut new = customer.clone();
            new["invoice_settings"]["default_payment_method"] = Value::Null;
            ctx.save_update("customer", "customer.updated", &customer, new);
        }
    }
    detached
}

/// `POST /v1/payment_methods/{id}/attach` with `customer`.
pub(crate) fn attach_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&["customer"])?;
    let customer = request.params.required_str("customer")?.to_owned();
    by_param(ctx.state, "customer", "customer", &customer, "customer")?;
    if test_token(id).is_none() {
        let found = by_path(ctx.state, "payment_method", "PaymentMethod", id)?;
        if found["customer"] == customer.as_str() {
            return Ok(found);
        }
        check_attachable(ctx, id, "id")?;
    }
    Ok(attach(ctx, id, &customer))
}

/// `POST /v1/payment_methods/{id}/detach`.
pub(crate) fn detach_endpoint(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let found = by_path(ctx.state, "payment_method", "PaymentMethod", id)?;
    if found["customer"].is_null() {
        return Err(StripeError::invalid(None, format!("The payment method {id} is not attached to a customer.")));
    }
    Ok(detach(ctx, &found))
}

/// `GET /v1/payment_methods/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, "payment_method", "PaymentMethod", id)
}

/// The customer's payment methods, newest first.
pub(crate) fn of_customer(ctx: &Ctx<'_>, customer: &str) -> Vec<Value> {
    ctx.state.newest("payment_method", |pm| pm["customer"] == customer)
}

/// `GET /v1/payment_methods?customer=…` and `GET /v1/customers/{id}/payment_methods`.
pub(crate) fn list_for(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, path_customer: Option<&str>) -> Result<Value> {
    let customer = match path_customer {
        Some(customer) => {
            request.accept_list(&["type", "allow_redisplay"])?;
            by_path(ctx.state, "customer", "customer", customer)?;
            customer.to_owned()
        }
        None => {
            request.accept_list(&["customer", "type"])?;
            let customer = request.params.required_str("customer")?.to_owned();
            by_param(ctx.state, "customer", "customer", &customer, "customer")?;
            customer
        }
    };
    let kind = request.params.str("type")?;
    let items = of_customer(ctx, &customer).into_iter().filter(|pm| kind.is_none_or(|k| pm["type"] == k)).collect();
    let url = match path_customer {
        Some(customer) => format!("/v1/customers/{customer}/payment_methods"),
        None => "/v1/payment_methods".to_owned(),
    };
    list_of(request, &url, items)
}
