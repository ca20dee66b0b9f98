//! `/v1/products` and `/v1/prices`: create, retrieve, list.

use super::{apply_metadata, by_param, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

/// `POST /v1/products` (`id` may be chosen, as in Stripe).
pub(crate) fn create_product(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&[
        "id",
        "name",
        "active",
        "description",
        "metadata[*]",
        "tax_code",
        "unit_label",
        "url",
        "images[N]",
    ])?;
    let name = params.required_str("name")?;
    let id = match params.str("id")?.filter(|s| !s.is_empty()) {
        Some(id) if ctx.state.exists("product", id) => {
            return Err(StripeError::invalid(Some("id"), format!("Product already exists: '{id}'"))
                .code("resource_already_exists"))
        }
        Some(id) => id.to_owned(),
        None => new_id("prod"),
    };
    let mut product = fixtures::product().id(id).created(ctx.now).set("updated", ctx.now).name(name).build_json();
    if let Some(active) = params.bool("active")? {
        product["active"] = json!(active);
    }
    super::apply_strings(&mut product, params, "", &["description", "tax_code", "unit_label", "url"])?;
    if let Some(images) = params.str_list("images")? {
        product["images"] = json!(images);
    }
    apply_metadata(&mut product, params)?;
    Ok(ctx.save_new("product", "product.created", product))
}

/// `GET /v1/products`: `active` filters.
pub(crate) fn list_products(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&["active"])?;
    let active = request.params.bool("active")?;
    let items = ctx.state.newest("product", |p| active.is_none_or(|a| p["active"] == a));
    list_of(request, "/v1/products", items)
}

/// `GET /v1/products/{id}`, `GET /v1/prices/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, kind: &str, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, kind, kind, id)
}

/// `POST /v1/prices`: `product` or `product_data[name]`; recurring when `recurring[interval]` is given.
pub(crate) fn create_price(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept(&[
        "currency",
        "unit_amount",
        "unit_amount_decimal",
        "product",
        "product_data[name]",
        "product_data[metadata][*]",
        "recurring[interval]",
        "recurring[interval_count]",
        "recurring[usage_type]",
        "recurring[trial_period_days]",
        "tax_behavior",
        "lookup_key",
        "nickname",
        "metadata[*]",
        "active",
    ])?;
    let currency = params.required_str("currency")?.to_ascii_lowercase();
    let amount =
        match params.int("unit_amount")? {
            Some(amount) if amount < 0 => {
                return Err(StripeError::invalid(Some("unit_amount"), "Invalid unit_amount: must be at least 0"))
            }
            Some(amount) => amount,
            None => {
                let decimal = params.str("unit_amount_decimal")?.ok_or_else(|| StripeError::missing("unit_amount"))?;
                decimal.split('.').next().unwrap_or_default().parse::<i64>().map_err(|_| {
                    StripeError::invalid(Some("unit_amount_decimal"), format!("Invalid decimal: {decimal}"))
                })?
            }
        };
    let interval = params.enum_str("recurring[interval]", &["day", "week", "month", "year"])?;
    if params.has("recurring") && interval.is_none() {
        return Err(StripeError::missing("recurring[interval]"));
    }
    let usage_type = params.enum_str("recurring[usage_type]", &["licensed", "metered"])?.unwrap_or("licensed");
    let interval_count = params.int("recurring[interval_count]")?.unwrap_or(1);
    if !(1..=365).contains(&interval_count) {
        return Err(StripeError::invalid(
            Some("recurring[interval_count]"),
            "Invalid recurring[interval_count]: must be between 1 and 365",
        ));
    }
    let tax_behavior =
        params.enum_str("tax_behavior", &["exclusive", "inclusive", "unspecified"])?.unwrap_or("unspecified");
    let product = match (params.str("product")?, params.str("product_data[name]")?) {
        (Some(product), _) => by_param(ctx.state, "product", "product", product, "product")?["id"].clone(),
        (None, Some(name)) => {
            let product =
                fixtures::product().id(new_id("prod")).created(ctx.now).set("updated", ctx.now).name(name).build_json();
            ctx.save_new("product", "product.created", product)["id"].clone()
        }
        (None, None) => return Err(StripeError::missing("product")),
    };
    let mut price = fixtures::price()
        .id(new_id("price"))
        .created(ctx.now)
        .set("currency", currency)
        .unit_amount(amount)
        .set("product", product)
        .set("tax_behavior", tax_behavior)
        .build_json();
    match interval {
        Some(interval) => {
            price["recurring"] = json!({"interval": interval, "interval_count": interval_count, "meter": null,
                "trial_period_days": params.int("recurring[trial_period_days]")?, "usage_type": usage_type});
        }
        None => {
            price["recurring"] = Value::Null;
            price["type"] = json!("one_time");
        }
    }
    if let Some(active) = params.bool("active")? {
        price["active"] = json!(active);
    }
    super::apply_strings(&mut price, params, "", &["lookup_key", "nickname"])?;
    apply_metadata(&mut price, params)?;
    Ok(ctx.save_new("price", "price.created", price))
}

/// `GET /v1/prices`: `product`, `active`, `type`, `currency` and `lookup_keys[]` (at most 10) filter.
pub(crate) fn list_prices(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    let params = request.accept_list(&["product", "active", "type", "currency", "lookup_keys[N]"])?;
    let lookup_keys = params.str_list("lookup_keys")?;
    if lookup_keys.as_ref().is_some_and(|keys| keys.len() > 10) {
        return Err(StripeError::invalid(Some("lookup_keys"), "Invalid lookup_keys: at most 10 may be given."));
    }
    let product = params.str("product")?;
    let active = params.bool("active")?;
    let kind = params.enum_str("type", &["one_time", "recurring"])?;
    let currency = params.str("currency")?;
    let items = ctx.state.newest("price", |p| {
        product.is_none_or(|v| p["product"] == v)
            && active.is_none_or(|v| p["active"] == v)
            && kind.is_none_or(|v| p["type"] == v)
            && currency.is_none_or(|v| p["currency"] == v)
            && lookup_keys.as_ref().is_none_or(|keys| keys.iter().any(|k| p["lookup_key"] == k.as_str()))
    });
    list_of(request, "/v1/prices", items)
}
