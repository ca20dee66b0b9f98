//! The `/v1` API: one file per resource holds its endpoints and rules; this one routes a
//! request to them and holds what they share (the request context, lists, `expand`, metadata).

pub(crate) mod configurations;
pub(crate) mod coupons;
pub(crate) mod customers;
pub(crate) mod events;
pub(crate) mod feedback_options;
pub(crate) mod payment_methods;
pub(crate) mod products;
pub(crate) mod sessions;
pub(crate) mod subscription_changes;
pub(crate) mod subscriptions;
pub(crate) mod tax_ids;
pub(crate) mod webhook_endpoints;

use super::error::{Result, StripeError};
use super::params::Params;
use super::store::State;
use super::Options;
use serde_json::{json, Map, Value};

/// What a handler works with: the state (locked for the whole request), the time, and where the
/// request came from (carried into the events it causes).
pub(crate) struct Ctx<'a> {
    /// Everything the fake knows.
    pub state: &'a mut State,
    /// The fake clock's time, Unix seconds.
    pub now: i64,
    /// `req_…` of the API request, `None` for automatic changes (the clock).
    pub request_id: Option<String>,
    /// The request's `Idempotency-Key`.
    pub idempotency_key: Option<String>,
    /// `http://127.0.0.1:PORT`.
    pub base_url: &'a str,
    /// How the fake was started.
    pub options: &'a Options,
}

/// One API request, decoded.
pub(crate) struct ApiRequest<'a> {
    /// `GET`, `POST` or `DELETE`.
    pub method: &'a str,
    /// The path after `/v1/`, split on `/`.
    pub segments: Vec<&'a str>,
    /// The raw pairs (for the unknown-parameter check).
    pub pairs: &'a [(String, String)],
    /// The decoded parameters.
    pub params: Params,
}

impl ApiRequest<'_> {
    /// Refuses parameters outside `accepted` (see [`Params::check_known`]); gives the parameters
    /// otherwise.
    pub(crate) fn accept<S: AsRef<str>>(&self, accepted: &[S]) -> Result<&Params> {
        Params::check_known(self.pairs, accepted)?;
        Ok(&self.params)
    }

    /// Refuses parameters outside `accepted` and the list parameters; gives the parameters otherwise.
    pub(crate) fn accept_list(&self, accepted: &[&str]) -> Result<&Params> {
        let mut all = accepted.to_vec();
        all.extend_from_slice(&["limit", "starting_after", "ending_before"]);
        self.accept(&all)
    }
}

/// Routes a `/v1` request; applies `expand[]` to the answer.
pub(crate) fn dispatch(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, path: &str) -> Result<Value> {
    let method = request.method;
    let mut answer = match (method, request.segments.as_slice()) {
        ("POST", ["customers"]) => customers::create(ctx, request),
        ("GET", ["customers"]) => customers::list(ctx, request),
        ("GET", ["customers", id]) => customers::retrieve(ctx, request, id),
        ("POST", ["customers", id]) => customers::update(ctx, request, id),
        ("DELETE", ["customers", id]) => customers::delete(ctx, request, id),
        ("GET", ["customers", id, "payment_methods"]) => payment_methods::list_for(ctx, request, Some(id)),
        ("POST", ["customers", id, "tax_ids"]) => tax_ids::create(ctx, request, id),
        ("GET", ["customers", id, "tax_ids"]) => tax_ids::list(ctx, request, id),
        ("GET", ["customers", id, "tax_ids", tax_id]) => tax_ids::retrieve(ctx, request, id, tax_id),
        ("DELETE", ["customers", id, "tax_ids", tax_id]) => tax_ids::delete(ctx, request, id, tax_id),
        ("POST", ["products"]) => products::create_product(ctx, request),
        ("GET", ["products"]) => products::list_products(ctx, request),
        ("GET", ["products", id]) => products::retrieve(ctx, request, "product", id),
        ("POST", ["prices"]) => products::create_price(ctx, request),
        ("GET", ["prices"]) => products::list_prices(ctx, request),
        ("GET", ["prices", id]) => products::retrieve(ctx, request, "price", id),
        ("POST", ["coupons"]) => coupons::create(ctx, request),
        ("GET", ["coupons", id]) => coupons::retrieve(ctx, request, id),
        ("GET", ["payment_methods"]) => payment_methods::list_for(ctx, request, None),
        ("GET", ["payment_methods", id]) => payment_methods::retrieve(ctx, request, id),
        ("POST", ["payment_methods", id, "attach"]) => payment_methods::attach_endpoint(ctx, request, id),
        ("POST", ["payment_methods", id, "detach"]) => payment_methods::detach_endpoint(ctx, request, id),
        ("POST", ["subscriptions"]) => subscriptions::create(ctx, request),
        ("GET", ["subscriptions"]) => subscriptions::list(ctx, request),
        ("GET", ["subscriptions", id]) => subscriptions::retrieve(ctx, request, id),
        ("POST", ["subscriptions", id]) => subscriptions::update(ctx, request, id),
        ("DELETE", ["subscriptions", id]) => subscriptions::cancel_endpoint(ctx, request, id),
        ("POST", ["subscriptions", id, "pause"]) => subscriptions::pause_endpoint(ctx, request, id),
        ("POST", ["subscriptions", id, "resume"]) => subscriptions::resume_endpoint(ctx, request, id),
        ("POST", ["billing_portal", "configurations"]) => configurations::create(ctx, request),
        ("GET", ["billing_portal", "configurations"]) => configurations::list(ctx, request),
        ("GET", ["billing_portal", "configurations", id]) => configurations::retrieve(ctx, request, id),
        ("POST", ["billing_portal", "configurations", id]) => configurations::update(ctx, request, id),
        ("POST", ["billing_portal", "sessions"]) => sessions::create(ctx, request),
        ("POST", ["billing", "feedback_options"]) => feedback_options::create(ctx, request),
        ("GET", ["billing", "feedback_options"]) => feedback_options::list(ctx, request),
        ("GET", ["billing", "feedback_options", id]) => feedback_options::retrieve(ctx, request, id),
        ("POST", ["billing", "feedback_options", id]) => feedback_options::update(ctx, request, id),
        ("POST", ["billing", "feedback_options", id, "deactivate"]) => feedback_options::deactivate(ctx, request, id),
        ("POST", ["webhook_endpoints"]) => webhook_endpoints::create(ctx, request),
        ("GET", ["webhook_endpoints"]) => webhook_endpoints::list(ctx, request),
        ("GET", ["webhook_endpoints", id]) => webhook_endpoints::retrieve(ctx, request, id),
        ("POST", ["webhook_endpoints", id]) => webhook_endpoints::update(ctx, request, id),
        ("DELETE", ["webhook_endpoints", id]) => webhook_endpoints::delete(ctx, request, id),
        ("GET", ["events"]) => events::list(ctx, request),
        ("GET", ["events", id]) => events::retrieve(ctx, request, id),
        _ => Err(StripeError::unrecognized_url(method, path)),
    }?;
    expand(ctx.state, &mut answer, &request.params.expand()?)?;
    Ok(answer)
}

/// The object `kind` with `id` named by a path segment, or the 404 Stripe gives.
pub(crate) fn by_path(state: &State, kind: &str, what: &str, id: &str) -> Result<Value> {
    state.get(kind, id).cloned().ok_or_else(|| StripeError::not_found(what, id))
}

/// The object `kind` whose id is in body parameter `param`, or the 400 Stripe gives.
pub(crate) fn by_param(state: &State, kind: &str, what: &str, id: &str, param: &str) -> Result<Value> {
    state.get(kind, id).cloned().ok_or_else(|| StripeError::no_such(what, id, param))
}

/// A list object of `items` (newest first) for `url`, paged by `limit`, `starting_after` and
/// `ending_before` as Stripe pages.
pub(crate) fn list(request: &ApiRequest<'_>, url: &str, items: Vec<Value>) -> Result<Value> {
    let params = &request.params;
    let limit = params.int("limit")?.unwrap_or(10);
    if !(1..=100).contains(&limit) {
        return Err(StripeError::invalid(
            Some("limit"),
            format!("Invalid limit: must be between 1 and 100 (got {limit})"),
        ));
    }
    let limit = usize::try_from(limit).unwrap_or(10);
    let position = |param: &str, id: &str| {
        items
            .iter()
            .position(|item| item.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| StripeError::no_such("object", id, param))
    };
    let (data, has_more) = if let Some(after) = params.str("starting_after")?.filter(|s| !s.is_empty()) {
        let start = position("starting_after", after)? + 1;
        let rest = &items[start..];
        (rest.iter().take(limit).cloned().collect::<Vec<_>>(), rest.len() > limit)
    } else if let Some(before) = params.str("ending_before")?.filter(|s| !s.is_empty()) {
        let end = position("ending_before", before)?;
        let start = end.saturating_sub(limit);
        (items[start..end].to_vec(), start > 0)
    } else {
        (items.iter().take(limit).cloned().collect(), items.len() > limit)
    };
    Ok(json!({"object": "list", "data": data, "has_more": has_more, "url": url}))
}

/// Applies `expand[]`: each dotted path's last part, when it holds an id (or a list of ids),
/// becomes the object. `data.` walks into a list's items.
pub(crate) fn expand(state: &State, value: &mut Value, paths: &[String]) -> Result<()> {
    for path in paths {
        let parts: Vec<&str> = path.split('.').collect();
        if parts.len() > 4 || parts.iter().any(|part| part.is_empty()) {
            return Err(cannot_expand(path));
        }
        expand_path(state, value, &parts, path)?;
    }
    Ok(())
}

fn cannot_expand(path: &str) -> StripeError {
    StripeError::invalid(Some("expand"), format!("This property cannot be expanded ({path})."))
}

fn expand_path(state: &State, value: &mut Value, parts: &[&str], path: &str) -> Result<()> {
    let Some((first, rest)) = parts.split_first() else { return Ok(()) };
    if value.get("object").and_then(Value::as_str) == Some("list") && *first == "data" {
        if let Some(Value::Array(items)) = value.get_mut("data") {
            for item in items {
                expand_path(state, item, rest, path)?;
            }
        }
        return Ok(());
    }
    let Value::Object(object) = value else { return Err(cannot_expand(path)) };
    if rest.is_empty() {
        if !object.contains_key(*first) {
            let virtual_field = customers::expandable_extra(state, object, first).ok_or_else(|| cannot_expand(path))?;
            object.insert((*first).to_owned(), virtual_field);
            return Ok(());
        }
        let Some(field) = object.get_mut(*first) else { return Err(cannot_expand(path)) };
        return expand_leaf(state, field, path);
    }
    match object.get_mut(*first) {
        Some(Value::Null) => Ok(()),
        Some(Value::Array(items)) => {
            for item in items {
                expand_path(state, item, rest, path)?;
            }
            Ok(())
        }
        Some(child) => {
            if child.is_string() {
                expand_leaf(state, child, path)?;
            }
            expand_path(state, child, rest, path)
        }
        None => Err(cannot_expand(path)),
    }
}

fn expand_leaf(state: &State, field: &mut Value, path: &str) -> Result<()> {
    match field {
        Value::Null | Value::Object(_) => Ok(()),
        Value::String(id) => {
            *field = state.find_any(id).cloned().ok_or_else(|| cannot_expand(path))?;
            Ok(())
        }
        Value::Array(items) => {
            for item in items {
                expand_leaf(state, item, path)?;
            }
            Ok(())
        }
        _ => Err(cannot_expand(path)),
    }
}

/// Applies `metadata[key]=value` pairs: `""` deletes a key, `metadata=""` empties it.
pub(crate) fn apply_metadata(object: &mut Value, params: &Params) -> Result<()> {
    match params.get("metadata") {
        None => Ok(()),
        Some(Value::String(text)) if text.is_empty() => {
            object["metadata"] = json!({});
            Ok(())
        }
        Some(Value::Object(entries)) => {
            let mut metadata = object.get("metadata").and_then(Value::as_object).cloned().unwrap_or_default();
            for (key, value) in entries {
                match value {
                    Value::String(text) if text.is_empty() => {
                        metadata.remove(key);
                    }
                    Value::String(_) => {
                        metadata.insert(key.clone(), value.clone());
                    }
                    _ => {
                        return Err(StripeError::invalid(
                            Some(&format!("metadata[{key}]")),
                            "Invalid metadata value: must be a string",
                        ))
                    }
                }
            }
            object["metadata"] = Value::Object(metadata);
            Ok(())
        }
        Some(_) => Err(StripeError::invalid(Some("metadata"), "Invalid metadata: must be a hash")),
    }
}

/// Copies the string parameters `fields` onto the object; `""` sets `null`.
pub(crate) fn apply_strings(object: &mut Value, params: &Params, prefix: &str, fields: &[&str]) -> Result<()> {
    for field in fields {
        let key = if prefix.is_empty() { (*field).to_owned() } else { format!("{prefix}[{field}]") };
        if let Some(value) = params.str(&key)? {
            let target = pointer_mut(object, prefix);
            target[*field] = if value.is_empty() { Value::Null } else { json!(value) };
        }
    }
    Ok(())
}

/// The object at bracketed `prefix` (`shipping[address]` → `shipping.address`), created when absent.
fn pointer_mut<'v>(object: &'v mut Value, prefix: &str) -> &'v mut Value {
    let mut at = object;
    for part in prefix.split(['[', ']']).filter(|part| !part.is_empty()) {
        if !at[part].is_object() {
            at[part] = Value::Object(Map::new());
        }
        at = &mut at[part];
    }
    at
}

/// The accepted keys of an address under `prefix`.
pub(crate) const ADDRESS_FIELDS: [&str; 6] = ["city", "country", "line1", "line2", "postal_code", "state"];

/// Applies an address parameter (`prefix[line1]`, …; `prefix=""` clears it).
pub(crate) fn apply_address(object: &mut Value, params: &Params, prefix: &str) -> Result<()> {
    match params.get(prefix) {
        None => Ok(()),
        Some(Value::String(text)) if text.is_empty() => {
            *pointer_mut(object, prefix) = Value::Null;
            Ok(())
        }
        Some(_) => {
            let target = pointer_mut(object, prefix);
            for field in ADDRESS_FIELDS {
                if target.get(field).is_none() {
                    target[field] = Value::Null;
                }
            }
            apply_strings(object, params, prefix, &ADDRESS_FIELDS)
        }
    }
}

/// `prefix[field]` for each of `fields`: accepted-parameter patterns.
pub(crate) fn nested(prefix: &str, fields: &[&str]) -> Vec<String> {
    fields.iter().map(|field| format!("{prefix}[{field}]")).collect()
}
