//! `POST /v1/billing_portal/sessions`, with the session rules: the customer exists; the
//! configuration exists and is active, or a default one does; a `return_url` unless the
//! configuration has a default; a deep-linked flow's feature is enabled (for picking a new plan,
//! with products and allowed updates), its subscription belongs to the customer and can take
//! that action.

use super::{by_param, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::params::Params;
use crate::testing::portal;
use crate::testing::store::{new_id, SessionMeta};
use serde_json::{json, Value};

const PARAMS: [&str; 23] = [
    "after_expiration[customer_login][expires_at]",
    "after_expiration[type]",
    "configuration",
    "customer",
    "customer_account",
    "flow_data[after_completion][hosted_confirmation][custom_message]",
    "flow_data[after_completion][redirect][return_url]",
    "flow_data[after_completion][type]",
    "flow_data[subscription_cancel][retention][coupon_offer][coupon]",
    "flow_data[subscription_cancel][retention][type]",
    "flow_data[subscription_cancel][subscription]",
    "flow_data[subscription_pause][subscription]",
    "flow_data[subscription_update][subscription]",
    "flow_data[subscription_update_confirm][discounts][N][coupon]",
    "flow_data[subscription_update_confirm][discounts][N][promotion_code]",
    "flow_data[subscription_update_confirm][items][N][id]",
    "flow_data[subscription_update_confirm][items][N][price]",
    "flow_data[subscription_update_confirm][items][N][quantity]",
    "flow_data[subscription_update_confirm][subscription]",
    "flow_data[type]",
    "locale",
    "on_behalf_of",
    "return_url",
];

const LOCALES: [&str; 47] = [
    "auto", "bg", "cs", "da", "de", "el", "en", "en-AU", "en-CA", "en-GB", "en-IE", "en-IN", "en-NZ", "en-SG", "es",
    "es-419", "et", "fi", "fil", "fr", "fr-CA", "hr", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "mt", "nb", "nl",
    "pl", "pt", "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "vi", "zh", "zh-HK", "zh-TW",
];

/// How long an unopened session stays valid: 5 minutes.
pub(crate) const UNUSED_LIFETIME: i64 = 300;

/// The configuration a session uses: the one named, or the default.
fn configuration(ctx: &Ctx<'_>, params: &Params) -> Result<Value> {
    match params.str("configuration")?.filter(|s| !s.is_empty()) {
        Some(id) => {
            let configuration = by_param(ctx.state, "billing_portal.configuration", "configuration", id, "configuration")?;
            if configuration["active"] != true {
                return Err(StripeError::invalid(
                    Some("configuration"),
                    format!("The configuration {id} is inactive; activate it or use another to create portal sessions."),
                ));
            }
            Ok(configuration)
        }
        None => ctx
            .state
            .all("billing_portal.configuration")
            .into_iter()
            .find(|c| c["is_default"] == true && c["active"] == true)
            .cloned()
            .ok_or_else(|| {
                StripeError::invalid(
                    None,
                    "No configuration provided and your test mode default configuration has not been created. Provide a configuration or create your default by saving your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.",
                )
            }),
    }
}

/// `POST /v1/billing_portal/sessions`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&PARAMS)?;
    if params.has("customer_account") && !params.has("customer") {
        return Err(StripeError::invalid(Some("customer_account"), "The fake models customers only; pass `customer`."));
    }
    let customer = params.required_str("customer")?.to_owned();
    by_param(ctx.state, "customer", "customer", &customer, "customer")?;
    let locale = params.enum_str("locale", &LOCALES)?.map(str::to_owned);
    let configuration = configuration(ctx, params)?;
    let return_url = params.str("return_url")?.filter(|s| !s.is_empty()).map(str::to_owned);
    if return_url.is_none() && configuration["default_return_url"].is_null() {
        return Err(StripeError::invalid(
            Some("return_url"),
            "Missing required param: return_url. It is required because the configuration has no default_return_url.",
        )
        .code("parameter_missing"));
    }
    let after_expiration = if params.has("after_expiration") {
        params
            .enum_str("after_expiration[type]", &["customer_login"])?
            .ok_or_else(|| StripeError::missing("after_expiration[type]"))?;
        json!({"customer_login": {"expires_at": params.int("after_expiration[customer_login][expires_at]")?}, "type": "customer_login"})
    } else {
        Value::Null
    };
    let flow = if params.has("flow_data") { Some(flow(ctx, params, &customer, &configuration)?) } else { None };
    let token = new_id("test");
    let session = fixtures::session()
        .id(new_id("bps"))
        .created(ctx.now)
        .customer(customer)
        .url(format!("{}/p/session/{token}", ctx.base_url))
        .set("configuration", configuration["id"].clone())
        .set("return_url", return_url)
        .set("locale", locale)
        .set("on_behalf_of", params.str("on_behalf_of")?)
        .set("after_expiration", after_expiration)
        .set("flow", flow)
        .build_json();
    let meta = SessionMeta {
        session: session["id"].as_str().unwrap_or_default().to_owned(),
        expires_at: ctx.now + UNUSED_LIFETIME,
        visited: false,
        flow_completed: false,
    };
    ctx.state.sessions.insert(token, meta);
    Ok(ctx.save_new("billing_portal.session", "billing_portal.session.created", session))
}

/// Checks `flow_data` and gives the session's `flow`: every variant key present, `null` but the
/// chosen one.
fn flow(ctx: &Ctx<'_>, params: &Params, customer: &str, configuration: &Value) -> Result<Value> {
    let kinds = [
        "customer_update",
        "payment_method_update",
        "subscription_cancel",
        "subscription_pause",
        "subscription_update",
        "subscription_update_confirm",
    ];
    let kind = params.enum_str("flow_data[type]", &kinds)?.ok_or_else(|| StripeError::missing("flow_data[type]"))?;
    let feature = portal::flow_feature(kind);
    if configuration["features"][feature]["enabled"] != true {
        return Err(StripeError::invalid(
            Some("flow_data[type]"),
            format!(
                "The flow type {kind} needs features[{feature}][enabled] to be true on the configuration {}.",
                configuration["id"].as_str().unwrap_or_default()
            ),
        ));
    }
    let update = &configuration["features"]["subscription_update"];
    let listed = |field: &str| update[field].as_array().is_some_and(|list| !list.is_empty());
    if kind == "subscription_update" && !(listed("products") && listed("default_allowed_updates")) {
        return Err(StripeError::invalid(
            Some("flow_data[type]"),
            format!(
                "The flow type subscription_update needs features[subscription_update][products] and [default_allowed_updates] to be set on the configuration {}: the portal has no update to offer.",
                configuration["id"].as_str().unwrap_or_default()
            ),
        ));
    }
    let after = after_completion(params)?;
    let mut flow = json!({
        "after_completion": after, "subscription_cancel": null, "subscription_pause": null, "subscription_update": null,
        "subscription_update_confirm": null, "type": kind
    });
    if matches!(kind, "customer_update" | "payment_method_update") {
        return Ok(flow);
    }
    let base = format!("flow_data[{kind}]");
    let subscription_param = format!("{base}[subscription]");
    let subscription_id = params.required_str(&subscription_param)?;
    let subscription = by_param(ctx.state, "subscription", "subscription", subscription_id, &subscription_param)?;
    if subscription["customer"] != customer {
        return Err(StripeError::invalid(
            Some(&subscription_param),
            format!("The subscription {subscription_id} does not belong to the customer {customer}."),
        ));
    }
    let refusal = match kind {
        "subscription_cancel" => portal::cancel_refusal(&subscription),
        "subscription_pause" => super::subscription_changes::pause_refusal(&subscription),
        _ => portal::update_refusal(&subscription),
    };
    if let Some(reason) = refusal {
        return Err(StripeError::invalid(Some(&subscription_param), reason));
    }
    flow[kind] = match kind {
        "subscription_cancel" => json!({"retention": retention(ctx, params)?, "subscription": subscription_id}),
        "subscription_update_confirm" => update_confirm(ctx, params, &subscription, configuration)?,
        _ => json!({"subscription": subscription_id}),
    };
    Ok(flow)
}

fn after_completion(params: &Params) -> Result<Value> {
    if !params.has("flow_data[after_completion]") {
        return Ok(json!({"hosted_confirmation": null, "redirect": null, "type": "portal_homepage"}));
    }
    let kind = params
        .enum_str("flow_data[after_completion][type]", &["hosted_confirmation", "portal_homepage", "redirect"])?
        .ok_or_else(|| StripeError::missing("flow_data[after_completion][type]"))?;
    let mut after = json!({"hosted_confirmation": null, "redirect": null, "type": kind});
    match kind {
        "redirect" => {
            let url = params.required_str("flow_data[after_completion][redirect][return_url]")?;
            after["redirect"] = json!({"return_url": url});
        }
        "hosted_confirmation" => {
            let message = params.str("flow_data[after_completion][hosted_confirmation][custom_message]")?;
            after["hosted_confirmation"] = json!({"custom_message": message});
        }
        _ => {}
    }
    Ok(after)
}

fn retention(ctx: &Ctx<'_>, params: &Params) -> Result<Value> {
    let base = "flow_data[subscription_cancel][retention]";
    if !params.has(base) {
        return Ok(Value::Null);
    }
    params
        .enum_str(&format!("{base}[type]"), &["coupon_offer"])?
        .ok_or_else(|| StripeError::missing(&format!("{base}[type]")))?;
    let param = format!("{base}[coupon_offer][coupon]");
    let coupon = params.required_str(&param)?;
    by_param(ctx.state, "coupon", "coupon", coupon, &param)?;
    Ok(json!({"coupon_offer": {"coupon": coupon}, "type": "coupon_offer"}))
}

fn update_confirm(ctx: &Ctx<'_>, params: &Params, subscription: &Value, configuration: &Value) -> Result<Value> {
    let base = "flow_data[subscription_update_confirm]";
    let items = params
        .list(&format!("{base}[items]"))?
        .filter(|items| !items.is_empty())
        .ok_or_else(|| StripeError::missing(&format!("{base}[items]")))?;
    if items.len() > 1 {
        return Err(StripeError::invalid(
            Some(&format!("{base}[items]")),
            "Only one item may be specified: subscriptions with multiple items cannot be updated in the portal.",
        ));
    }
    let id = params.required_str(&format!("{base}[items][0][id]"))?;
    let current = super::subscription_changes::items(subscription)
        .into_iter()
        .find(|item| item["id"] == id)
        .ok_or_else(|| StripeError::no_such("subscription item", id, &format!("{base}[items][0][id]")))?;
    let price = params.str(&format!("{base}[items][0][price]"))?.filter(|s| !s.is_empty());
    let quantity = params.int(&format!("{base}[items][0][quantity]"))?;
    if price.is_none() && quantity.is_none() {
        return Err(StripeError::missing(&format!("{base}[items][0][price]")));
    }
    let price_param = format!("{base}[items][0][price]");
    let target = match price {
        Some(price) => by_param(ctx.state, "price", "price", price, &price_param)?,
        None => current["price"].clone(),
    };
    if let Err(reason) =
        portal::check_target(configuration, &current, &target, quantity.or(current["quantity"].as_i64()))
    {
        return Err(StripeError::invalid(
            Some(if price.is_some() {
                &price_param
            } else {
                "flow_data[subscription_update_confirm][items][0][quantity]"
            }),
            reason,
        ));
    }
    let mut discounts = Vec::new();
    if let Some(list) = params.list(&format!("{base}[discounts]"))? {
        if list.len() > 1 {
            return Err(StripeError::invalid(
                Some(&format!("{base}[discounts]")),
                "At most one discount may be specified.",
            ));
        }
        if !list.is_empty() {
            let param = format!("{base}[discounts][0][coupon]");
            match (params.str(&param)?, params.str(&format!("{base}[discounts][0][promotion_code]"))?) {
                (Some(coupon), None) => {
                    by_param(ctx.state, "coupon", "coupon", coupon, &param)?;
                    discounts.push(json!({"coupon": coupon, "promotion_code": null}));
                }
                (None, Some(code)) => {
                    return Err(StripeError::no_such(
                        "promotion code",
                        code,
                        &format!("{base}[discounts][0][promotion_code]"),
                    ));
                }
                _ => {
                    return Err(StripeError::invalid(
                        Some(&format!("{base}[discounts][0]")),
                        "Give exactly one of coupon or promotion_code.",
                    ))
                }
            }
        }
    }
    Ok(json!({
        "discounts": if discounts.is_empty() { Value::Null } else { json!(discounts) },
        "items": [{"id": id, "price": price, "quantity": quantity}],
        "subscription": subscription["id"]
    }))
}
