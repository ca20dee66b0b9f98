//! `/v1/events`: retrieve and list (newest first; `type`, `types[]`, `created[gt|gte|lt|lte]`).

use super::{by_path, list as list_of, ApiRequest, Ctx};
use crate::testing::error::Result;
use serde_json::Value;

/// `GET /v1/events/{id}`.
pub(crate) fn retrieve(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>, id: &str) -> Result<Value> {
    request.accept(&[] as &[&str])?;
    by_path(ctx.state, "event", "event", id)
}

/// Whether the event type matches a filter (`customer.*` style wildcards allowed).
fn type_matches(filter: &str, event_type: &str) -> bool {
    match filter.strip_suffix('*') {
        Some(prefix) => event_type.starts_with(prefix),
        None => filter == event_type,
    }
}

/// `GET /v1/events`.
pub(crate) fn list(ctx: &mut Ctx<'_>, request: &ApiRequest<'_>) -> Result<Value> {
    request.accept_list(&[
        "type",
        "types[N]",
        "created",
        "created[gt]",
        "created[gte]",
        "created[lt]",
        "created[lte]",
        "delivery_success",
    ])?;
    let params = &request.params;
    let single = params.str("type")?.map(str::to_owned);
    let types = params.str_list("types")?;
    let exact = params.int("created")?;
    let bounds = [
        (params.int("created[gt]")?, 1i8),
        (params.int("created[gte]")?, 0),
        (params.int("created[lt]")?, -1),
        (params.int("created[lte]")?, 2),
    ];
    let items = ctx.state.newest("event", |event| {
        let event_type = event["type"].as_str().unwrap_or_default();
        let created = event["created"].as_i64().unwrap_or(0);
        single.as_deref().is_none_or(|t| type_matches(t, event_type))
            && types.as_ref().is_none_or(|ts| ts.iter().any(|t| type_matches(t, event_type)))
            && exact.is_none_or(|at| created == at)
            && bounds.iter().all(|(bound, op)| match (bound, op) {
                (None, _) => true,
                (Some(b), 1) => created > *b,
                (Some(b), 0) => created >= *b,
                (Some(b), -1) => created < *b,
                (Some(b), _) => created <= *b,
            })
    });
    list_of(request, "/v1/events", items)
}
