//! `/v1/billing/feedback_options`: create, retrieve, update, list, deactivate.

use super::{by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::{Result, StripeError};
use crate::testing::fixtures;
use crate::testing::store::new_id;
use serde_json::{json, Value};

const KIND: &str = "billing.feedback_option";

fn description(request: &ApiRequest<'_>, required: bool) -> Result<Option<String>> {
    match request.params.str("description")? {
        Some(text) if !text.trim().is_empty() => Ok(Some(text.to_owned())),
        Some(_) => Err(StripeError::invalid(Some("description"), "Invalid description: must not be empty")),
        None if required => Err(StripeError::missing("description")),
        None => Ok(None),
    }
}

/// `POST /v1/billing/feedback_options`.
pub(crate) fn create(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept(&["description"])?;
    let text = description(request, true)?.unwrap_or_default();
    let option = fixtures::feedback_option().id(new_id("bfo")).set("description", text).build_json();
    ctx.state.put(KIND, option.clone());
    Ok(option)
}

/// `GET /v1/billing/feedback_options/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, KIND, "feedback option", id)
}

/// `POST /v1/billing/feedback_options/{id}`.
pub(crate) fn update(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&["description"])?;
    let mut option = by_path(ctx.state, KIND, "feedback option", id)?;
    if let Some(text) = description(request, false)? {
        option["description"] = json!(text);
    }
    ctx.state.put(KIND, option.clone());
    Ok(option)
}

/// `POST /v1/billing/feedback_options/{id}/deactivate`: `status=inactive`; it can no longer be
/// named in a configuration.
pub(crate) fn deactivate(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    let mut option = by_path(ctx.state, KIND, "feedback option", id)?;
    if option["status"] == "active" {
        option["status"] = json!("inactive");
        option["status_transitions"]["deactivated_at"] = json!(ctx.now);
        ctx.state.put(KIND, option.clone());
    }
    Ok(option)
}

/// `GET /v1/billing/feedback_options`: `status` filters.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&["status"])?;
    let status = request.params.enum_str("status", &["active", "inactive"])?;
    let items = ctx.state.newest(KIND, |o| status.is_none_or(|s| o["status"] == s));
    list_of(request, "/v1/billing/feedback_options", items)
}
