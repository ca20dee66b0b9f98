//! `/v1/webhook_endpoints`: create (the `whsec_…` secret is returned only then), retrieve,
//! update, list, delete.

use super::{apply_metadata, by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

const KIND: &str = "webhook_endpoint";

fn url(request: &ApiRequest<'_>, required: bool) -> Result<Option<String>> {
    match request.params.str("url")? {
        Some(url) if url.starts_with("http://") || url.starts_with("https://") => Ok(Some(url.to_owned())),
        Some(url) => Err(StripeError::invalid(
            Some("url"),
            format!("Invalid URL: {url}. URLs must begin with http:// or https://"),
        )),
        None if required => Err(StripeError::missing("url")),
        None => Ok(None),
    }
}

fn enabled_events(request: &ApiRequest<'_>, required: bool) -> Result<Option<Vec<String>>> {
    match request.params.str_list("enabled_events")? {
        Some(events) if events.is_empty() => Err(StripeError::missing("enabled_events")),
        Some(events) => {
            for (index, event) in events.iter().enumerate() {
                let valid = event == "*"
                    || (event.contains('.') && event.bytes().all(|b| b.is_ascii_lowercase() || b == b'.' || b == b'_'));
                if !valid {
                    return Err(StripeError::invalid(
                        Some(&format!("enabled_events[{index}]")),
                        format!("Invalid event type: {event}"),
                    ));
                }
            }
            Ok(Some(events))
        }
        None if required => Err(StripeError::missing("enabled_events")),
        None => Ok(None),
    }
}

/// `POST /v1/webhook_endpoints`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept(&["url", "enabled_events[N]", "description", "metadata[*]", "api_version", "connect"])?;
    let url = url(request, true)?.unwrap_or_default();
    let events = enabled_events(request, true)?.unwrap_or_default();
    let id = new_id("we");
    let mut endpoint = fixtures::webhook_endpoint()
        .id(id.clone())
        .created(ctx.now)
        .set("url", url)
        .set("enabled_events", json!(events))
        .build_json();
    super::apply_strings(&mut endpoint, &request.params, "", &["description", "api_version"])?;
    apply_metadata(&mut endpoint, &request.params)?;
    ctx.state.put(KIND, endpoint.clone());
    let secret = format!("whsec_{}", uuid::Uuid::new_v4().simple());
    ctx.state.webhook_secrets.insert(id, secret.clone());
    endpoint["secret"] = json!(secret);
    Ok(endpoint)
}

/// `GET /v1/webhook_endpoints/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, KIND, "webhook endpoint", id)
}

/// `POST /v1/webhook_endpoints/{id}`: `url`, `enabled_events`, `disabled`, `description`, `metadata`.
pub(crate) fn update(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&["url", "enabled_events[N]", "description", "metadata[*]", "disabled"])?;
    let mut endpoint = by_path(ctx.state, KIND, "webhook endpoint", id)?;
    if let Some(url) = url(request, false)? {
        endpoint["url"] = json!(url);
    }
    if let Some(events) = enabled_events(request, false)? {
        endpoint["enabled_events"] = json!(events);
    }
    if let Some(disabled) = request.params.bool("disabled")? {
        endpoint["status"] = json!(if disabled { "disabled" } else { "enabled" });
    }
    super::apply_strings(&mut endpoint, &request.params, "", &["description"])?;
    apply_metadata(&mut endpoint, &request.params)?;
    ctx.state.put(KIND, endpoint.clone());
    Ok(endpoint)
}

/// `GET /v1/webhook_endpoints`.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&[] as &[&str])?;
    let items = ctx.state.newest(KIND, |_| true);
    list_of(request, "/v1/webhook_endpoints", items)
}

/// `DELETE /v1/webhook_endpoints/{id}`.
pub(crate) fn delete(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, KIND, "webhook endpoint", id)?;
    ctx.state.remove(KIND, id);
    ctx.state.webhook_secrets.remove(id);
    Ok(json!({"id": id, "object": "webhook_endpoint", "deleted": true}))
}
