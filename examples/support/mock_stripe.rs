//! An in-process stand-in for Stripe's API, so the examples run with no key and no network.
//!
//! [`MockStripe::start`] listens on `127.0.0.1` (a free port) and answers like Stripe:
//!
//! - `POST /v1/billing_portal/sessions` → a `billing_portal.session` shaped like Stripe's own fixture
//!   (`tests/fixtures/stripe-fixtures.json`), with `customer`, `return_url`, `configuration`,
//!   `locale`, `on_behalf_of` and `flow` taken from the request, a `url` pointing at this mock's
//!   portal page, and a `Request-Id` header;
//! - a Stripe-shaped error otherwise: `401` without a secret key, `400 parameter_missing` without a
//!   customer or without a flow's required ids, `400 resource_missing` for a customer id that does
//!   not start with `cus_` or starts with `cus_missing` (the mock's notion of a customer that does
//!   not exist), `404` for any other URL;
//! - `GET /p/session/{id}` → a bare page standing in for the hosted portal, with links to the
//!   session's after-completion redirect and `return_url`, so a browser can follow a whole flow.
//!
//! It checks what a first integration gets wrong, not everything Stripe checks.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, Method, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// Stripe's fixtures; the mock answers with the shape of its `billing_portal.session`.
const FIXTURES: &str = include_str!("../../tests/fixtures/stripe-fixtures.json");

/// A running mock. The server lives as long as the tokio runtime that started it.
#[derive(Clone, Debug)]
pub struct MockStripe {
    state: Arc<MockState>,
}

#[derive(Debug)]
struct MockState {
    base_url: String,
    session_template: Value,
    next_id: AtomicU64,
    sessions: Mutex<HashMap<String, Value>>,
    received: Mutex<Vec<String>>,
}

impl MockStripe {
    /// Starts the mock on `127.0.0.1` on a free port.
    pub async fn start() -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let fixtures: Value = serde_json::from_str(FIXTURES)?;
        let session_template = fixtures.get("billing_portal.session").cloned().ok_or("fixture has no session")?;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let state = Arc::new(MockState {
            base_url: format!("http://{}", listener.local_addr()?),
            session_template,
            next_id: AtomicU64::new(1),
            sessions: Mutex::new(HashMap::new()),
            received: Mutex::new(Vec::new()),
        });
        let app = Router::new()
            .route("/v1/billing_portal/sessions", post(create_session))
            .route("/p/session/{id}", get(portal_page))
            .fallback(unrecognized_url)
            .with_state(state.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        Ok(Self { state })
    }

    /// The URL to give [`ClientBuilder::base_url`](stripe_billing_portal::ClientBuilder::base_url):
    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.state.base_url
    }

    /// The form bodies of the session requests received so far, in order.
    #[allow(dead_code)] // Read by the tests.
    pub fn received_bodies(&self) -> Vec<String> {
        lock(&self.state.received).clone()
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// An error as Stripe writes it: `{"error": {"type": "invalid_request_error", …}}`.
struct StripeError {
    status: StatusCode,
    code: Option<&'static str>,
    param: Option<String>,
    message: String,
}

impl StripeError {
    fn missing(param: &str) -> Self {
        let message = format!("Missing required param: {param}.");
        Self { status: StatusCode::BAD_REQUEST, code: Some("parameter_missing"), param: Some(param.into()), message }
    }

    fn invalid(param: &str, message: String) -> Self {
        Self { status: StatusCode::BAD_REQUEST, code: Some("parameter_invalid"), param: Some(param.into()), message }
    }

    fn body(&self) -> Value {
        let mut error = json!({ "type": "invalid_request_error", "message": self.message });
        if let Some(code) = self.code {
            error["code"] = json!(code);
            error["doc_url"] = json!(format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-")));
        }
        if let Some(param) = &self.param {
            error["param"] = json!(param);
        }
        json!({ "error": error })
    }
}

/// `POST /v1/billing_portal/sessions`.
async fn create_session(State(state): State<Arc<MockState>>, headers: HeaderMap, body: String) -> Response {
    let n = state.next_id.fetch_add(1, Ordering::Relaxed);
    lock(&state.received).push(body.clone());
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let outcome = authorize(&headers).and_then(|()| new_session(&state, n, &nest(&pairs)));
    let (status, json) = match outcome {
        Ok(session) => (StatusCode::OK, session),
        Err(error) => (error.status, error.body()),
    };
    let headers = [
        (header::CONTENT_TYPE, "application/json".to_owned()),
        (header::HeaderName::from_static("request-id"), format!("req_mock{n:06}")),
    ];
    (status, headers, json.to_string()).into_response()
}

fn authorize(headers: &HeaderMap) -> Result<(), StripeError> {
    let auth = headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()).unwrap_or("");
    match auth.strip_prefix("Bearer ") {
        Some(key) if key.starts_with("sk_") || key.starts_with("rk_") => Ok(()),
        _ => Err(StripeError {
            status: StatusCode::UNAUTHORIZED,
            code: None,
            param: None,
            message: "You did not provide an API key. Send it as `Authorization: Bearer sk_...`.".into(),
        }),
    }
}

/// The session for these (nested) params, stored so its portal page can be shown.
fn new_session(state: &MockState, n: u64, params: &Value) -> Result<Value, StripeError> {
    let customer = params.get("customer").and_then(Value::as_str);
    let customer_account = params.get("customer_account").and_then(Value::as_str);
    match (customer, customer_account) {
        (None, None) => return Err(StripeError::missing("customer")),
        (Some(customer), _) if !customer.starts_with("cus_") || customer.starts_with("cus_missing") => {
            return Err(StripeError {
                status: StatusCode::BAD_REQUEST,
                code: Some("resource_missing"),
                param: Some("customer".into()),
                message: format!("No such customer: '{customer}'"),
            })
        }
        _ => {}
    }
    let flow = params.get("flow_data").map(flow).transpose()?;
    let id = format!("bps_mock{n:06}");
    let mut session = state.session_template.clone();
    session["id"] = json!(id);
    session["url"] = json!(format!("{}/p/session/test_{id}", state.base_url));
    session["livemode"] = json!(false);
    session["created"] = json!(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs()));
    session["flow"] = flow.unwrap_or(Value::Null);
    for field in ["customer", "customer_account", "return_url", "locale", "on_behalf_of"] {
        session[field] = params.get(field).cloned().unwrap_or(Value::Null);
    }
    if let Some(configuration) = params.get("configuration") {
        session["configuration"] = configuration.clone();
    }
    lock(&state.sessions).insert(format!("test_{id}"), session.clone());
    Ok(session)
}

/// The session's `flow`, from the request's `flow_data`, after checking the ids each flow needs.
fn flow(flow_data: &Value) -> Result<Value, StripeError> {
    let kind = flow_data.get("type").and_then(Value::as_str).ok_or_else(|| StripeError::missing("flow_data[type]"))?;
    let required: &[&str] = match kind {
        "payment_method_update" | "customer_update" => &[],
        "subscription_cancel" | "subscription_pause" | "subscription_update" => &["subscription"],
        "subscription_update_confirm" => &["subscription", "items"],
        other => return Err(StripeError::invalid("flow_data[type]", format!("Invalid flow_data[type]: {other}"))),
    };
    for field in required {
        if flow_data.get(kind).and_then(|data| data.get(field)).is_none() {
            return Err(StripeError::missing(&format!("flow_data[{kind}][{field}]")));
        }
    }
    let after_completion = match flow_data.get("after_completion") {
        Some(given) => json!({
            "type": given.get("type").cloned().unwrap_or(Value::Null),
            "redirect": given.get("redirect").cloned().unwrap_or(Value::Null),
            "hosted_confirmation": given.get("hosted_confirmation").cloned().unwrap_or(Value::Null),
        }),
        None => json!({ "type": "portal_homepage", "redirect": null, "hosted_confirmation": null }),
    };
    let mut flow = json!({
        "type": kind,
        "after_completion": after_completion,
        "subscription_cancel": null,
        "subscription_pause": null,
        "subscription_update": null,
        "subscription_update_confirm": null,
    });
    if let Some(data) = flow_data.get(kind) {
        flow[kind] = data.clone();
    }
    Ok(flow)
}

/// Stripe's bracketed form keys as nested JSON: `a[b][0][c]=v` → `{"a": {"b": [{"c": "v"}]}}`.
/// Integer fields (`quantity`, `expires_at`) become numbers, as Stripe returns them.
fn nest(pairs: &[(String, String)]) -> Value {
    let mut root = Value::Object(Map::new());
    for (key, value) in pairs {
        let path: Vec<&str> = key.split('[').map(|segment| segment.trim_end_matches(']')).collect();
        let leaf = match value.parse::<u64>() {
            Ok(number) if matches!(path.last(), Some(&"quantity" | &"expires_at")) => json!(number),
            _ => json!(value),
        };
        insert(&mut root, &path, leaf);
    }
    arrays(root)
}

/// Puts `leaf` at `path` in `node`, creating objects on the way; a conflicting path is dropped.
fn insert(node: &mut Value, path: &[&str], leaf: Value) {
    let Some(object) = node.as_object_mut() else { return };
    match path {
        [] => {}
        [last] => {
            object.insert((*last).to_owned(), leaf);
        }
        [first, rest @ ..] => {
            insert(object.entry(*first).or_insert_with(|| Value::Object(Map::new())), rest, leaf);
        }
    }
}

/// Objects whose keys are all indexes (`0`, `1`, …) become arrays.
fn arrays(value: Value) -> Value {
    match value {
        Value::Object(map) if !map.is_empty() && map.keys().all(|key| key.parse::<usize>().is_ok()) => {
            let mut items: Vec<(usize, Value)> =
                map.into_iter().map(|(key, value)| (key.parse().unwrap_or(0), arrays(value))).collect();
            items.sort_by_key(|(index, _)| *index);
            Value::Array(items.into_iter().map(|(_, value)| value).collect())
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(key, value)| (key, arrays(value))).collect()),
        other => other,
    }
}

/// `GET /p/session/{id}`: the mock's hosted portal page.
async fn portal_page(State(state): State<Arc<MockState>>, Path(id): Path<String>) -> Response {
    let Some(session) = lock(&state.sessions).get(&id).cloned() else {
        return (StatusCode::NOT_FOUND, Html("<h1>This portal session does not exist.</h1>")).into_response();
    };
    let text = |value: &Value| escape(value.as_str().unwrap_or(""));
    let flow = &session["flow"];
    let mut page = format!(
        "<!doctype html><title>Customer portal (mock)</title><h1>Customer portal (mock)</h1>\
         <p>Customer: <code>{}</code></p><p>Flow: <code>{}</code></p>",
        text(&session["customer"]),
        if flow.is_null() { "home page".into() } else { text(&flow["type"]) },
    );
    if let Some(url) = flow["after_completion"]["redirect"]["return_url"].as_str() {
        page.push_str(&format!("<p><a href=\"{}\">Complete the flow</a></p>", escape(url)));
    }
    if let Some(url) = session["return_url"].as_str() {
        page.push_str(&format!("<p><a href=\"{}\">Return to the site</a></p>", escape(url)));
    }
    Html(page).into_response()
}

/// Any other URL: Stripe's 404.
async fn unrecognized_url(method: Method, uri: Uri) -> Response {
    let error = StripeError {
        status: StatusCode::NOT_FOUND,
        code: None,
        param: None,
        message: format!("Unrecognized request URL ({method}: {}).", uri.path()),
    };
    (error.status, [(header::CONTENT_TYPE, "application/json")], error.body().to_string()).into_response()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}
