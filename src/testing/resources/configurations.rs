//! `/v1/billing_portal/configurations`: create, update, retrieve, list, with the rules Stripe
//! enforces on them (a feature's `enabled` is required inside it; subscription updates need
//! payment method updates; at most 10 products; cancel prorations only when cancelling
//! immediately; pause intervals within three years; existing, active feedback options).

use super::{apply_metadata, by_param, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures::{self, interval_seconds, CANCELLATION_REASONS};
use crate::testing::params::Params;
use crate::testing::store::new_id;
use serde_json::{json, Value};

const KIND: &str = "billing_portal.configuration";

/// Every parameter create and update accept (`active` only on update).
const PARAMS: [&str; 35] = [
    "features[customer_update][allowed_updates][N]",
    "features[customer_update][enabled]",
    "features[invoice_history][enabled]",
    "features[payment_method_update][enabled]",
    "features[payment_method_update][payment_method_configuration]",
    "features[subscription_cancel][cancellation_reason][enabled]",
    "features[subscription_cancel][cancellation_reason][feedback_options][N]",
    "features[subscription_cancel][cancellation_reason][options][N]",
    "features[subscription_cancel][enabled]",
    "features[subscription_cancel][mode]",
    "features[subscription_cancel][proration_behavior]",
    "features[subscription_pause][duration][interval_options][N][interval]",
    "features[subscription_pause][duration][interval_options][N][interval_count]",
    "features[subscription_pause][duration][type]",
    "features[subscription_pause][enabled]",
    "features[subscription_update][billing_cycle_anchor]",
    "features[subscription_update][default_allowed_updates][N]",
    "features[subscription_update][enabled]",
    "features[subscription_update][products][N][adjustable_quantity][enabled]",
    "features[subscription_update][products][N][adjustable_quantity][maximum]",
    "features[subscription_update][products][N][adjustable_quantity][minimum]",
    "features[subscription_update][products][N][prices][N]",
    "features[subscription_update][products][N][product]",
    "features[subscription_update][proration_behavior]",
    "features[subscription_update][schedule_at_period_end][conditions][N][type]",
    "features[subscription_update][trial_update_behavior]",
    "business_profile[headline]",
    "business_profile[privacy_policy_url]",
    "business_profile[terms_of_service_url]",
    "default_return_url",
    "login_page[enabled]",
    "metadata[*]",
    "name",
    "active",
    "features",
];

/// A configuration with every feature off: what `features` starts from on create.
fn all_off(now: i64) -> Value {
    fixtures::configuration()
        .id(new_id("bpc"))
        .created(now)
        .set("updated", now)
        .set(
            "features",
            json!({
                "customer_update": {"allowed_updates": [], "enabled": false},
                "invoice_history": {"enabled": false},
                "payment_method_update": {"enabled": false, "payment_method_configuration": null},
                "subscription_cancel": {"cancellation_reason": {"enabled": false, "feedback_options": null, "options": []},
                    "enabled": false, "mode": "at_period_end", "proration_behavior": "none"},
                "subscription_pause": {"duration": {"interval_options": [], "type": "indefinite"}, "enabled": false},
                "subscription_update": {"billing_cycle_anchor": null, "default_allowed_updates": [], "enabled": false,
                    "products": [], "proration_behavior": "none", "schedule_at_period_end": {"conditions": []},
                    "trial_update_behavior": "end_trial"}
            }),
        )
        .build_json()
}

/// The default configuration a fresh fake starts with (every feature on, `is_default`).
pub(crate) fn default_configuration(now: i64) -> Value {
    fixtures::configuration().id(new_id("bpc")).created(now).set("updated", now).is_default(true).build_json()
}

/// `features[…]` path helper.
fn f(path: &str) -> String {
    format!("features[{path}]")
}

/// A boolean that must be present when its parent object is.
fn required_bool(params: &Params, path: &str, required: bool) -> Result<Option<bool>> {
    match params.bool(path)? {
        None if required => Err(StripeError::missing(path)),
        value => Ok(value),
    }
}

/// Sets `target[field]` from an enum list parameter.
fn enum_list(params: &Params, path: &str, allowed: &[&str]) -> Result<Option<Value>> {
    let Some(values) = params.str_list(path)? else { return Ok(None) };
    for (index, value) in values.iter().enumerate() {
        if !allowed.contains(&value.as_str()) {
            return Err(StripeError::invalid(
                Some(&format!("{path}[{index}]")),
                format!("Invalid {path}[{index}]: must be one of {} (got '{value}')", allowed.join(", ")),
            ));
        }
    }
    Ok(Some(json!(values)))
}

/// Applies `features[…]`; `create` makes each block's `enabled` required.
fn apply_features(ctx: &Ctx<'_>, features: &mut Value, params: &Params, create: bool) -> Result<()> {
    if params.has(&f("customer_update")) {
        if let Some(enabled) = required_bool(params, &f("customer_update][enabled"), create)? {
            features["customer_update"]["enabled"] = json!(enabled);
        }
        let allowed = ["address", "email", "name", "phone", "shipping", "tax_id"];
        if let Some(list) = enum_list(params, &f("customer_update][allowed_updates"), &allowed)? {
            features["customer_update"]["allowed_updates"] = list;
        }
    }
    if params.has(&f("invoice_history")) {
        features["invoice_history"]["enabled"] = json!(required_bool(params, &f("invoice_history][enabled"), true)?);
    }
    if params.has(&f("payment_method_update")) {
        features["payment_method_update"]["enabled"] =
            json!(required_bool(params, &f("payment_method_update][enabled"), true)?);
        if let Some(pmc) = params.str(&f("payment_method_update][payment_method_configuration"))? {
            features["payment_method_update"]["payment_method_configuration"] =
                if pmc.is_empty() { Value::Null } else { json!(pmc) };
        }
    }
    if params.has(&f("subscription_cancel")) {
        apply_cancel(ctx, &mut features["subscription_cancel"], params, create)?;
    }
    if params.has(&f("subscription_pause")) {
        apply_pause(&mut features["subscription_pause"], params)?;
    }
    if params.has(&f("subscription_update")) {
        apply_update(ctx, &mut features["subscription_update"], params, create)?;
    }
    Ok(())
}

fn apply_cancel(ctx: &Ctx<'_>, cancel: &mut Value, params: &Params, create: bool) -> Result<()> {
    if let Some(enabled) = required_bool(params, &f("subscription_cancel][enabled"), create)? {
        cancel["enabled"] = json!(enabled);
    }
    if let Some(mode) = params.enum_str(&f("subscription_cancel][mode"), &["at_period_end", "immediately"])? {
        cancel["mode"] = json!(mode);
    }
    let proration = f("subscription_cancel][proration_behavior");
    if let Some(behavior) = params.enum_str(&proration, &["always_invoice", "create_prorations", "none"])? {
        if behavior == "always_invoice" {
            return Err(StripeError::invalid(
                Some(&proration),
                "Invalid features[subscription_cancel][proration_behavior]: always_invoice is not supported for cancellations; use none or create_prorations.",
            ));
        }
        cancel["proration_behavior"] = json!(behavior);
    }
    let reason = f("subscription_cancel][cancellation_reason");
    if params.has(&reason) {
        cancel["cancellation_reason"]["enabled"] = json!(required_bool(params, &format!("{reason}[enabled]"), true)?);
        match enum_list(params, &format!("{reason}[options]"), &CANCELLATION_REASONS)? {
            Some(options) => cancel["cancellation_reason"]["options"] = options,
            None if create => return Err(StripeError::missing(&format!("{reason}[options]"))),
            None => {}
        }
        if let Some(ids) = params.str_list(&format!("{reason}[feedback_options]"))? {
            for (index, id) in ids.iter().enumerate() {
                let param = format!("{reason}[feedback_options][{index}]");
                let option = by_param(ctx.state, "billing.feedback_option", "feedback option", id, &param)?;
                if option["status"] != "active" {
                    return Err(StripeError::invalid(
                        Some(&param),
                        format!("The feedback option {id} is inactive and cannot be used."),
                    ));
                }
            }
            cancel["cancellation_reason"]["feedback_options"] = if ids.is_empty() { Value::Null } else { json!(ids) };
        }
    }
    if cancel["proration_behavior"] == "create_prorations" && cancel["mode"] != "immediately" {
        return Err(StripeError::invalid(
            Some(&proration),
            "features[subscription_cancel][proration_behavior] can be create_prorations only when features[subscription_cancel][mode] is immediately.",
        ));
    }
    Ok(())
}

/// Three years, the longest pause Stripe allows.
const MAX_PAUSE: i64 = 3 * 365 * 86_400;

fn apply_pause(pause: &mut Value, params: &Params) -> Result<()> {
    if let Some(enabled) = params.bool(&f("subscription_pause][enabled"))? {
        pause["enabled"] = json!(enabled);
    }
    let duration = f("subscription_pause][duration");
    if !params.has(&duration) {
        return Ok(());
    }
    let kind = params
        .enum_str(&format!("{duration}[type]"), &["indefinite", "interval_options"])?
        .ok_or_else(|| StripeError::missing(&format!("{duration}[type]")))?;
    let mut options = Vec::new();
    for (index, _) in params.list(&format!("{duration}[interval_options]"))?.unwrap_or_default().iter().enumerate() {
        let base = format!("{duration}[interval_options][{index}]");
        let interval = params
            .enum_str(&format!("{base}[interval]"), &["day", "month", "week", "year"])?
            .ok_or_else(|| StripeError::missing(&format!("{base}[interval]")))?;
        let count = params.int(&format!("{base}[interval_count]"))?.unwrap_or(1);
        if count < 1 || interval_seconds(interval, count) > MAX_PAUSE {
            return Err(StripeError::invalid(
                Some(&format!("{base}[interval_count]")),
                "A subscription can be paused for at most 3 years; interval_count must be at least 1.",
            ));
        }
        options.push(json!({"interval": interval, "interval_count": count}));
    }
    if kind == "interval_options" && options.is_empty() {
        return Err(StripeError::missing(&format!("{duration}[interval_options]")));
    }
    pause["duration"] = json!({"interval_options": options, "type": kind});
    Ok(())
}

fn apply_update(ctx: &Ctx<'_>, update: &mut Value, params: &Params, create: bool) -> Result<()> {
    if let Some(enabled) = required_bool(params, &f("subscription_update][enabled"), create)? {
        update["enabled"] = json!(enabled);
    }
    if let Some(list) =
        enum_list(params, &f("subscription_update][default_allowed_updates"), &["price", "promotion_code", "quantity"])?
    {
        update["default_allowed_updates"] = list;
    }
    let behaviors = ["always_invoice", "create_prorations", "none"];
    if let Some(behavior) = params.enum_str(&f("subscription_update][proration_behavior"), &behaviors)? {
        update["proration_behavior"] = json!(behavior);
    }
    if let Some(anchor) = params.enum_str(&f("subscription_update][billing_cycle_anchor"), &["now", "unchanged"])? {
        update["billing_cycle_anchor"] = json!(anchor);
    }
    if let Some(behavior) =
        params.enum_str(&f("subscription_update][trial_update_behavior"), &["continue_trial", "end_trial"])?
    {
        update["trial_update_behavior"] = json!(behavior);
    }
    let conditions = f("subscription_update][schedule_at_period_end][conditions");
    if let Some(list) = params.list(&conditions)? {
        let mut out = Vec::new();
        for index in 0..list.len() {
            let kind = params
                .enum_str(&format!("{conditions}[{index}][type]"), &["decreasing_item_amount", "shortening_interval"])?
                .ok_or_else(|| StripeError::missing(&format!("{conditions}[{index}][type]")))?;
            out.push(json!({"type": kind}));
        }
        update["schedule_at_period_end"]["conditions"] = json!(out);
    }
    let products = f("subscription_update][products");
    if let Some(list) = params.list(&products)? {
        if list.len() > 10 {
            return Err(StripeError::invalid(
                Some(&products),
                "You can list at most 10 products in features[subscription_update][products].",
            ));
        }
        let mut out = Vec::new();
        let mut seen: Vec<(String, Value)> = Vec::new();
        for index in 0..list.len() {
            let base = format!("{products}[{index}]");
            let product = params.required_str(&format!("{base}[product]"))?;
            by_param(ctx.state, "product", "product", product, &format!("{base}[product]"))?;
            let prices = params
                .str_list(&format!("{base}[prices]"))?
                .filter(|p| !p.is_empty())
                .ok_or_else(|| StripeError::missing(&format!("{base}[prices]")))?;
            for (position, price_id) in prices.iter().enumerate() {
                let param = format!("{base}[prices][{position}]");
                let price = by_param(ctx.state, "price", "price", price_id, &param)?;
                if price["product"] != product {
                    return Err(StripeError::invalid(
                        Some(&param),
                        format!("The price {price_id} does not belong to the product {product}."),
                    ));
                }
                if price["type"] != "recurring" {
                    return Err(StripeError::invalid(
                        Some(&param),
                        format!("The price {price_id} is not a recurring price."),
                    ));
                }
                let key = (product.to_owned(), price["recurring"]["interval"].clone());
                if seen.contains(&key) {
                    return Err(StripeError::invalid(
                        Some(&param),
                        format!(
                            "The product {product} has more than one price with the interval {}.",
                            price["recurring"]["interval"]
                        ),
                    ));
                }
                seen.push(key);
            }
            let quantity = format!("{base}[adjustable_quantity]");
            let adjustable = if params.has(&quantity) {
                let enabled = required_bool(params, &format!("{quantity}[enabled]"), true)?.unwrap_or(false);
                let minimum = params.int(&format!("{quantity}[minimum]"))?.unwrap_or(0);
                let maximum = params.int(&format!("{quantity}[maximum]"))?;
                if maximum.is_some_and(|max| max < minimum.max(1)) {
                    return Err(StripeError::invalid(
                        Some(&format!("{quantity}[maximum]")),
                        "The maximum must be at least the minimum.",
                    ));
                }
                json!({"enabled": enabled, "maximum": maximum, "minimum": minimum})
            } else {
                json!({"enabled": false, "maximum": null, "minimum": 0})
            };
            out.push(json!({"adjustable_quantity": adjustable, "prices": prices, "product": product}));
        }
        update["products"] = json!(out);
    }
    Ok(())
}

/// Applies everything but `features` and checks the rules across features.
fn apply(ctx: &Ctx<'_>, configuration: &mut Value, request: &ApiRequest<'_>, create: bool) -> Result<()> {
    let params = &request.params;
    if params.has("features") {
        let mut features = configuration["features"].clone();
        apply_features(ctx, &mut features, params, create)?;
        configuration["features"] = features;
    }
    if params.has("business_profile") {
        super::apply_strings(
            configuration,
            params,
            "business_profile",
            &["headline", "privacy_policy_url", "terms_of_service_url"],
        )?;
    }
    super::apply_strings(configuration, params, "", &["default_return_url", "name"])?;
    if params.has("login_page") {
        let enabled = required_bool(params, "login_page[enabled]", true)?.unwrap_or(false);
        let url = enabled.then(|| format!("{}/p/login/{}", ctx.base_url, new_id("test")));
        configuration["login_page"] = json!({"enabled": enabled, "url": url});
    }
    if let Some(active) = params.bool("active")? {
        configuration["active"] = json!(active);
    }
    apply_metadata(configuration, params)?;
    let features = &configuration["features"];
    if features["subscription_update"]["enabled"] == true && features["payment_method_update"]["enabled"] != true {
        return Err(StripeError::invalid(
            Some("features[payment_method_update][enabled]"),
            "Cannot enable subscription updates while payment method update is disabled.",
        ));
    }
    Ok(())
}

/// `POST /v1/billing_portal/configurations`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept(&PARAMS[..PARAMS.len() - 2])?;
    if !request.params.has("features") {
        return Err(StripeError::missing("features"));
    }
    let mut configuration = all_off(ctx.now);
    apply(ctx, &mut configuration, request, true)?;
    Ok(ctx.save_new(KIND, "billing_portal.configuration.created", configuration))
}

/// `POST /v1/billing_portal/configurations/{id}`.
pub(crate) fn update(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&PARAMS)?;
    let old = by_path(ctx.state, KIND, "configuration", id)?;
    let mut new = old.clone();
    apply(ctx, &mut new, request, false)?;
    if new != old {
        new["updated"] = json!(ctx.now);
    }
    Ok(ctx.save_update(KIND, "billing_portal.configuration.updated", &old, new))
}

/// `GET /v1/billing_portal/configurations/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, KIND, "configuration", id)
}

/// `GET /v1/billing_portal/configurations`: `active` and `is_default` filter.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&["active", "is_default"])?;
    let active = request.params.bool("active")?;
    let is_default = request.params.bool("is_default")?;
    let items = ctx
        .state
        .newest(KIND, |c| active.is_none_or(|a| c["active"] == a) && is_default.is_none_or(|d| c["is_default"] == d));
    list_of(request, "/v1/billing_portal/configurations", items)
}
