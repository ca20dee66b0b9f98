//! The HTTP side: Stripe's wire protocol on `/v1` (bearer or basic `sk_test_` keys, form bodies
//! and query strings, `Idempotency-Key` replay, a `Request-Id` on every answer, errors in
//! Stripe's shape), the portal page and its actions on `/p/session/{token}`, and test controls
//! on `/_fake`.

use super::error::StripeError;
use super::events::Deliverer;
use super::fixtures::API_VERSION;
use super::resources::{self, ApiRequest, Ctx};
use super::store::{new_id, IdempotencyRecord, RecordedRequest, State};
use super::{clock, portal, Options};
use crate::client::secret::{key_mode, masked, masked_key};
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

/// Everything a running fake shares between its requests and its handle.
pub(crate) struct Core {
    state: Mutex<State>,
    /// How it was started.
    pub options: Options,
    /// `http://127.0.0.1:PORT`.
    pub base_url: String,
    /// Webhook delivery.
    pub deliverer: Deliverer,
    /// Where the state is saved after each change, if anywhere.
    pub state_file: Option<PathBuf>,
    /// Failures to answer instead of the next matching requests.
    faults: Mutex<Vec<Fault>>,
    /// A digest of the state last written to the state file.
    saved: Mutex<Option<u64>>,
}

/// An injected failure: the next `times` requests with this method and path prefix answer
/// `status` and change nothing.
#[derive(Clone, Debug)]
pub(crate) struct Fault {
    /// `GET`, `POST`, `DELETE`, or `*` for any.
    pub method: String,
    /// Matches paths starting with it.
    pub path_prefix: String,
    /// The HTTP status to answer.
    pub status: u16,
    /// How many requests still fail.
    pub times: usize,
}

impl Core {
    /// A core over `state`.
    pub(crate) fn new(state: State, options: Options, base_url: String, state_file: Option<PathBuf>) -> Self {
        let deliverer = Deliverer::new(options.webhook_attempts, options.webhook_backoff);
        Core {
            state: Mutex::new(state),
            options,
            base_url,
            deliverer,
            state_file,
            faults: Mutex::new(Vec::new()),
            saved: Mutex::new(None),
        }
    }

    /// Queues an injected failure.
    pub(crate) fn add_fault(&self, fault: Fault) {
        self.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).push(fault);
    }

    /// The injected failure for this request, if one matches (using it up).
    fn take_fault(&self, method: &Method, path: &str) -> Option<StripeError> {
        let mut faults = self.faults.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let position = faults.iter().position(|f| {
            f.times > 0
                && (f.method == "*" || f.method.eq_ignore_ascii_case(method.as_str()))
                && path.starts_with(&f.path_prefix)
        })?;
        let fault = &mut faults[position];
        fault.times -= 1;
        let status = fault.status;
        if fault.times == 0 {
            faults.remove(position);
        }
        let kind = match status {
            402 => "card_error",
            400..=499 => "invalid_request_error",
            _ => "api_error",
        };
        Some(StripeError {
            status,
            kind,
            code: None,
            param: None,
            message: "Injected failure (FakeStripe::fail_next).".to_owned(),
        })
    }

    /// The state, even after a panic elsewhere poisoned the lock (every change is applied whole).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` as one atomic change: on `Err` every object is as before. Queues the events
    /// made for delivery and saves the state file.
    pub(crate) fn transact<T>(
        &self,
        request_id: Option<String>,
        idempotency_key: Option<String>,
        f: impl FnOnce(&mut Ctx<'_>) -> Result<T, StripeError>,
    ) -> Result<T, StripeError> {
        self.transact_then(request_id, idempotency_key, f, |_, _| {})
    }

    /// [`transact`](Self::transact), then `finish` with the outcome, still under the lock.
    pub(crate) fn transact_then<T>(
        &self,
        request_id: Option<String>,
        idempotency_key: Option<String>,
        f: impl FnOnce(&mut Ctx<'_>) -> Result<T, StripeError>,
        finish: impl FnOnce(&mut State, &Result<T, StripeError>),
    ) -> Result<T, StripeError> {
        let mut state = self.lock();
        let before = state.snapshot();
        let now = clock::now(state.clock_offset);
        let mut ctx = Ctx {
            state: &mut state,
            now,
            request_id,
            idempotency_key,
            base_url: &self.base_url,
            options: &self.options,
        };
        let result = f(&mut ctx);
        match &result {
            Ok(_) => {
                self.deliverer.take_outbox(&mut state);
                self.save(&state);
            }
            Err(_) => state.restore(before),
        }
        finish(&mut state, &result);
        result
    }

    /// Writes the state file, if there is one and the state changed since the last write, whole or
    /// not at all. The fake keeps running if it cannot, and says so on standard error, naming the
    /// file and the reason; the next change tries again.
    fn save(&self, state: &State) {
        let Some(path) = &self.state_file else { return };
        let bytes = match serde_json::to_vec_pretty(state) {
            Ok(bytes) => bytes,
            Err(error) => return save_failed(path, &error),
        };
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        std::hash::Hash::hash(&bytes, &mut hasher);
        let digest = std::hash::Hasher::finish(&hasher);
        let mut saved = self.saved.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if *saved == Some(digest) {
            return;
        }
        match crate::atomic_file::write(path, &bytes) {
            Ok(()) => *saved = Some(digest),
            Err(error) => save_failed(path, &error),
        }
    }
}

/// Says on standard error that the state file could not be saved (if that cannot be written
/// either, nothing more can be said, and nothing panics as with `eprintln!`).
fn save_failed(path: &std::path::Path, error: &dyn std::fmt::Display) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "stripe-portal fake: cannot save the state to {}: {error}", path.display());
}

/// The router: everything goes through one handler, so unknown paths get Stripe's 404.
pub(crate) fn router(core: Arc<Core>) -> Router {
    Router::new().fallback(handle).with_state(core)
}

async fn handle(
    AxumState(core): AxumState<Arc<Core>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let request_id = new_id("req");
    let path = uri.path().to_owned();
    let query = uri.query().unwrap_or_default();
    let pairs = if method == Method::POST { decode_pairs(&body) } else { decode_pairs(query.as_bytes()) };
    let mut response = if let Some(fault) = core.take_fault(&method, &path) {
        error_response(&fault)
    } else if path.starts_with("/v1/") {
        api(&core, &method, &path, &headers, &pairs, &request_id)
    } else if let Some(rest) = path.strip_prefix("/p/session/") {
        portal_route(&core, &method, rest, &pairs, query, &request_id)
    } else if path == "/_fake/clock/advance" && method == Method::POST {
        advance_route(&core, &pairs)
    } else {
        error_response(&StripeError::unrecognized_url(method.as_str(), &path))
    };
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        response.headers_mut().insert("request-id", value);
    }
    let status = response.status().as_u16();
    let recorded = RecordedRequest {
        method: method.as_str().to_owned(),
        path,
        params: pairs,
        headers: headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes());
                let value = if name == header::AUTHORIZATION { mask_authorization(&value) } else { value.into_owned() };
                (name.as_str().to_owned(), value)
            })
            .collect(),
        status,
    };
    core.lock().requests.push(recorded);
    response
}

/// The `Authorization` header as the request log keeps it: the scheme and the key's mode
/// (`Bearer sk_test_********`), never the key.
fn mask_authorization(value: &str) -> String {
    let scheme = value.split_whitespace().next().unwrap_or_default();
    let headers = HeaderMap::from_iter([(
        header::AUTHORIZATION,
        HeaderValue::from_str(value).unwrap_or(HeaderValue::from_static("")),
    )]);
    format!("{scheme} {}", masked_key(&api_key(&headers).unwrap_or_default()))
}

/// Form pairs from a body or query string (invalid UTF-8 is replaced, never refused).
fn decode_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    url::form_urlencoded::parse(bytes).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (status, body.to_string()).into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

fn error_response(error: &StripeError) -> Response {
    json_response(error.status, &error.to_json())
}

/// The secret key of a request, from `Authorization: Bearer …` or basic auth (`curl -u sk_test_…:`).
fn api_key(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    if let Some(token) = value.strip_prefix("Bearer ").or_else(|| value.strip_prefix("bearer ")) {
        return Some(token.trim().to_owned());
    }
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(base64_decode(encoded.trim())?).ok()?;
    Some(decoded.split(':').next().unwrap_or_default().to_owned())
}

/// Standard base64 (padding optional); `None` on any other character.
fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in text.bytes().filter(|b| *b != b'=') {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// Stripe's 401s. The key is never echoed, only its kind: the mode prefix of a live or
/// publishable key (a test-mode secret key refused is one with nothing after its prefix).
fn check_key(headers: &HeaderMap) -> Result<(), StripeError> {
    let unauthorized = |message: String| StripeError::invalid(None, message).status(401);
    match api_key(headers) {
        None => Err(unauthorized(
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.".to_owned(),
        )),
        Some(key) => match key_mode(&key) {
            Some(mode) if mode.is_test_secret() && key.len() > mode.prefix.len() => Ok(()),
            mode => {
                let kind = mode.filter(|mode| !mode.is_test_secret()).map_or("", |mode| mode.prefix);
                Err(unauthorized(format!(
                    "Invalid API Key provided: {}. The fake accepts test-mode secret keys (sk_test_…) only.",
                    masked(kind)
                )))
            }
        },
    }
}

/// What identifies a request for idempotency: method, path and the sorted parameters.
fn fingerprint(method: &Method, path: &str, pairs: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = pairs.iter().collect();
    sorted.sort();
    let mut out = format!("{method} {path}");
    for (key, value) in sorted {
        out.push('&');
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    out
}

fn api(
    core: &Core,
    method: &Method,
    path: &str,
    headers: &HeaderMap,
    pairs: &[(String, String)],
    request_id: &str,
) -> Response {
    if let Err(error) = check_key(headers) {
        return error_response(&error);
    }
    let version = headers.get("stripe-version").and_then(|v| v.to_str().ok()).unwrap_or(API_VERSION).to_owned();
    let idempotency_key = if *method == Method::POST {
        headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(str::to_owned)
    } else {
        None
    };
    let print = fingerprint(method, path, pairs);
    if let Some(key) = &idempotency_key {
        let replay = core.lock().idempotency.get(key).cloned();
        if let Some(record) = replay {
            if record.fingerprint != print {
                let error = StripeError {
                    status: 400,
                    kind: "idempotency_error",
                    code: None,
                    param: None,
                    message: format!("Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request."),
                };
                return error_response(&error);
            }
            let mut response = json_response(record.status, &record.body);
            response.headers_mut().insert("idempotent-replayed", HeaderValue::from_static("true"));
            return response;
        }
    }
    let segments: Vec<&str> = path.trim_start_matches("/v1/").split('/').collect();
    let key = idempotency_key.clone();
    let result = core.transact_then(
        Some(request_id.to_owned()),
        idempotency_key,
        |ctx| {
            // A replay can race the first request: look again under the lock.
            if let Some(record) = key.as_ref().and_then(|key| ctx.state.idempotency.get(key)) {
                return Ok((record.status, record.body.clone()));
            }
            let params = super::params::Params::decode(pairs)?;
            let request = ApiRequest { method: method.as_str(), segments: segments.clone(), pairs, params };
            resources::dispatch(ctx, &request, path).map(|body| (200u16, body))
        },
        |state, result| {
            // As Stripe: a request refused by validation saves no result, so it may be retried.
            let (Some(key), Ok((status, body))) = (key.clone(), result) else { return };
            let record = IdempotencyRecord { fingerprint: print.clone(), status: *status, body: body.clone() };
            state.idempotency.entry(key).or_insert(record);
        },
    );
    let (status, body) = match result {
        Ok(answer) => answer,
        Err(error) => (error.status, error.to_json()),
    };
    let mut response = json_response(status, &body);
    if let Ok(value) = HeaderValue::from_str(&version) {
        response.headers_mut().insert("stripe-version", value);
    }
    response
}

fn portal_route(
    core: &Core,
    method: &Method,
    rest: &str,
    pairs: &[(String, String)],
    query: &str,
    request_id: &str,
) -> Response {
    let (token, action) = match rest.split_once('/') {
        Some((token, "actions")) => (token, true),
        Some(_) => {
            return error_response(&StripeError::unrecognized_url(method.as_str(), &format!("/p/session/{rest}")))
        }
        None => (rest, false),
    };
    match (method.as_str(), action) {
        ("GET", false) => {
            let confirmation = query.contains("confirmation=1");
            match core.transact(Some(request_id.to_owned()), None, |ctx| portal::page(ctx, token, confirmation)) {
                Ok(html) => {
                    let mut response = html.into_response();
                    let headers = response.headers_mut();
                    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
                    // As Stripe's portal: it cannot be shown in an iframe.
                    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
                    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'none'"));
                    response
                }
                Err(error) => error_response(&error),
            }
        }
        ("POST", true) => {
            match core.transact(Some(request_id.to_owned()), None, |ctx| portal::perform(ctx, token, pairs)) {
                Ok(location) => {
                    let mut response = StatusCode::SEE_OTHER.into_response();
                    if let Ok(value) = HeaderValue::from_str(&location) {
                        response.headers_mut().insert(header::LOCATION, value);
                    }
                    response
                }
                Err(error) => error_response(&error),
            }
        }
        _ => error_response(&StripeError::unrecognized_url(method.as_str(), &format!("/p/session/{rest}"))),
    }
}

/// `POST /_fake/clock/advance` with `seconds=N` or `to=<unix time>`: moves the clock.
fn advance_route(core: &Core, pairs: &[(String, String)]) -> Response {
    let result = core.transact(None, None, |ctx| {
        let params = super::params::Params::decode(pairs)?;
        super::params::Params::check_known(pairs, &["seconds", "to"])?;
        let to = match (params.int("seconds")?, params.int("to")?) {
            (Some(seconds), None) if seconds >= 0 => ctx.now.saturating_add(seconds),
            (None, Some(to)) if to >= ctx.now => to,
            _ => {
                return Err(StripeError::invalid(
                    Some("seconds"),
                    "Give seconds (at least 0) or to (not in the past), not both.",
                ))
            }
        };
        clock::advance(ctx, to);
        Ok(json!({"now": ctx.now}))
    });
    match result {
        Ok(body) => json_response(200, &body),
        Err(error) => error_response(&error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic_auth_decodes() {
        assert_eq!(base64_decode("c2tfdGVzdF8xMjM6").unwrap(), b"sk_test_123:");
        assert_eq!(base64_decode("!!"), None);
    }

    fn authorization(value: &str) -> HeaderMap {
        HeaderMap::from_iter([(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap())])
    }

    #[test]
    fn the_request_log_keeps_only_the_scheme_and_the_mode_of_a_key() {
        let cases = [
            ("Bearer sk_test_abc", "Bearer sk_test_********"),
            ("Bearer sk_live_abc", "Bearer sk_live_********"),
            ("Bearer rk_test_abc", "Bearer rk_test_********"),
            ("Bearer rk_live_abc", "Bearer rk_live_********"),
            ("Bearer pk_test_abc", "Bearer pk_test_********"),
            ("Bearer pk_live_abc", "Bearer pk_live_********"),
            ("Bearer sk_abcdefgh", "Bearer ********"),
            ("Bearer whsec_abc", "Bearer ********"),
            // `sk_test_abc:` in basic auth.
            ("Basic c2tfdGVzdF9hYmM6", "Basic sk_test_********"),
            ("Token xyz", "Token ********"),
        ];
        for (value, kept) in cases {
            assert_eq!(mask_authorization(value), kept, "{value}");
        }
    }

    #[test]
    fn only_test_mode_secret_keys_are_accepted_and_a_refusal_names_only_the_kind() {
        for key in ["sk_test_a", "rk_test_abc"] {
            assert_eq!(check_key(&authorization(&format!("Bearer {key}"))), Ok(()), "{key}");
        }
        let refused = |shown: &str| {
            format!(
                "Invalid API Key provided: {shown}********. The fake accepts test-mode secret keys (sk_test_…) only."
            )
        };
        let cases = [
            ("sk_live_abc", "sk_live_"),
            ("rk_live_abc", "rk_live_"),
            ("pk_test_abc", "pk_test_"),
            ("pk_live_abc", "pk_live_"),
            ("sk_test_", ""),
            ("rk_test_", ""),
            ("sk_abcdefgh", ""),
            ("whsec_abcdefgh", ""),
            ("SK_TEST_abc", ""),
            // Not a Stripe key: nothing of it is shown.
            ("pk_abcdefgh", ""),
        ];
        for (key, shown) in cases {
            let error = check_key(&authorization(&format!("Bearer {key}"))).unwrap_err();
            assert_eq!((error.status, error.message), (401, refused(shown)), "{key}");
        }
        let missing = check_key(&HeaderMap::new()).unwrap_err();
        assert!(missing.message.starts_with("You did not provide an API key."), "{}", missing.message);
    }
}
