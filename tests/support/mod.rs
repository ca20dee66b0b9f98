//! What every integration test shares: Stripe's fixtures, a mock Stripe on 127.0.0.1 with a client
//! pointed at it, and readers for what the mock received.
//!
//! Each test file includes it with `mod support;`; a file uses only part of it. `raw_http` reads
//! requests for the tests that serve raw HTTP themselves.
#![allow(dead_code)]

pub mod raw_http;

use futures_util::{Stream, StreamExt};
use serde_json::{json, Value};
use stripe_billing_portal::{Client, Error, Object};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A test-mode key of the documented shape; no test sends it anywhere but 127.0.0.1.
pub const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

/// The API version the client pins by default.
pub const API_VERSION: &str = "2026-10-28.endive";

/// Every published fixture object, by its `object` name (`tests/fixtures/stripe-fixtures.json`,
/// a copy of `../shared/fixtures/stripe-fixtures.json`).
pub fn fixtures() -> Value {
    serde_json::from_str(include_str!("../fixtures/stripe-fixtures.json")).expect("the fixture file is JSON")
}

/// One documented value of an open enum: `variant` is spelled `wire`, and `wire` decodes to that
/// variant, not to `Other` (equality alone goes by the spelling). See [`documented!`].
pub fn assert_documented<E>(variant: E, wire: &str)
where
    E: std::fmt::Display + std::fmt::Debug + serde::de::DeserializeOwned,
{
    assert_eq!(variant.to_string(), wire);
    let decoded: E = serde_json::from_value(Value::from(wire)).unwrap();
    assert_eq!(format!("{decoded:?}"), format!("{variant:?}"), "`{wire}` decodes to its own variant");
}

/// `documented! { Enum: Variant = "wire", …; … }`: [`assert_documented`] for every row, one
/// line an enum (the values the reference lists for it).
#[macro_export]
macro_rules! documented {
    ($($enum:ident: $($variant:ident = $wire:literal),+;)+) => {$($(
        support::assert_documented($enum::$variant, $wire);
    )+)+};
}

/// Stripe's published fixture for `object` (`"billing_portal.session"`, `"subscription"`, …).
pub fn fixture(object: &str) -> Value {
    let value = fixtures()[object].clone();
    assert!(value.is_object(), "no fixture named {object}");
    value
}

/// A page of a list at `url` (`has_more` as given): copies of `item` with the ids `ids`, in order.
pub fn list_page(url: &str, item: &Value, ids: &[&str], has_more: bool) -> Value {
    let data: Vec<Value> = ids
        .iter()
        .map(|id| {
            let mut object = item.clone();
            object["id"] = json!(id);
            object
        })
        .collect();
    json!({"object": "list", "data": data, "has_more": has_more, "url": url})
}

/// A client for `base_url` that does not retry (tests of retries build their own).
pub fn client_for(base_url: &str) -> Client {
    Client::builder(KEY).base_url(base_url).max_retries(0).build().expect("a valid test client")
}

/// A mock Stripe answering every request with `status` and `body` (and a `Request-Id`), and a
/// client pointed at it.
pub async fn stripe_answering(status: u16, body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body).insert_header("request-id", "req_test_1"))
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    (server, client)
}

/// A mock Stripe listing two pages at `GET path`: `first` for a query without `starting_after`,
/// `second` for `starting_after={after}`; and a client pointed at it.
pub async fn stripe_paging(path: &str, first: Value, after: &str, second: Value) -> (MockServer, Client) {
    use wiremock::matchers::{method, path as path_is, query_param, query_param_is_missing};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path_is(path))
        .and(query_param_is_missing("starting_after"))
        .respond_with(ResponseTemplate::new(200).set_body_json(first))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path_is(path))
        .and(query_param("starting_after", after))
        .respond_with(ResponseTemplate::new(200).set_body_json(second))
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    (server, client)
}

/// The one request the mock received.
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("request recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

/// The requests the mock received, checking that there were `count` of them.
pub async fn received(server: &MockServer, count: usize) -> Vec<Request> {
    let requests = server.received_requests().await.expect("request recording is on");
    assert_eq!(requests.len(), count, "the number of requests");
    requests
}

/// Every item of a paginated list, in order, with their ids; each page must succeed.
pub async fn every_item<T: Object>(pages: impl Stream<Item = Result<T, Error>>) -> (Vec<T>, Vec<String>) {
    let items: Vec<T> = pages.map(|item| item.expect("every page succeeds")).collect().await;
    let ids = items.iter().map(|item| item.id().to_owned()).collect();
    (items, ids)
}

/// The body as text (a form body is ASCII).
pub fn body_text(request: &Request) -> &str {
    std::str::from_utf8(&request.body).expect("the body is UTF-8")
}

/// The form body's pairs, decoded.
pub fn body_pairs(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body).into_owned().collect()
}

/// The query string's pairs, decoded.
pub fn query_pairs(request: &Request) -> Vec<(String, String)> {
    request.url.query_pairs().into_owned().collect()
}

/// Owned pairs, to compare with what a mock received.
pub fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// A request header as text.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.headers.get(name).map(|v| v.to_str().expect("ASCII header"))
}

/// Method, path, and the headers of a POST: form body, a generated idempotency key, no query.
pub fn assert_post(request: &Request, path: &str) {
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), path);
    assert_eq!(request.url.query(), None);
    assert_standard_headers(request);
    assert_eq!(header(request, "content-type"), Some("application/x-www-form-urlencoded"));
    let key = header(request, "idempotency-key").expect("every POST carries an Idempotency-Key");
    assert!(uuid::Uuid::parse_str(key).is_ok(), "generated keys are UUIDs: {key}");
}

/// Method, path and query of a GET or DELETE: no body, no idempotency key, no content type.
pub fn assert_query_call(request: &Request, method: &str, path: &str, query: &[(&str, &str)]) {
    assert_eq!(request.method.as_str(), method);
    assert_eq!(request.url.path(), path);
    assert_eq!(query_pairs(request), pairs(query));
    if query.is_empty() {
        assert_eq!(request.url.query(), None, "no `?` when there are no params");
    }
    assert!(request.body.is_empty());
    assert_standard_headers(request);
    assert_eq!(header(request, "idempotency-key"), None);
    assert_eq!(header(request, "content-type"), None);
}

/// Method, path and query of a GET.
pub fn assert_get(request: &Request, path: &str, query: &[(&str, &str)]) {
    assert_query_call(request, "GET", path, query);
}

/// The key and the pinned API version.
pub fn assert_standard_headers(request: &Request) {
    assert_eq!(header(request, "authorization"), Some(format!("Bearer {KEY}").as_str()));
    assert_eq!(header(request, "stripe-version"), Some(API_VERSION));
}

/// `result` is an [`Error::InvalidParam`] naming `param`.
pub fn assert_invalid<T: std::fmt::Debug>(result: Result<T, Error>, param: &str) {
    match result {
        Err(Error::InvalidParam { param: got, reason }) => {
            assert_eq!(got, param, "reason: {reason}");
            assert!(!reason.is_empty(), "an invalid parameter says why");
        }
        other => panic!("expected an invalid `{param}`, got {other:?}"),
    }
}

/// `result` is exactly [`Error::InvalidParam`] `param` for `reason`.
pub fn assert_refused<T: std::fmt::Debug>(result: Result<T, Error>, param: &str, reason: &str) {
    match result {
        Err(Error::InvalidParam { param: got, reason: why }) => {
            assert_eq!((got.as_str(), why.as_str()), (param, reason))
        }
        other => panic!("expected an invalid `{param}`, got {other:?}"),
    }
}

/// Awaits `future`, failing the test with `what` if it takes over 30 s: for waits on something
/// the code under test should send (a webhook delivery), so that a bug fails the test instead of
/// hanging the suite.
pub async fn within<T>(what: &str, future: impl std::future::Future<Output = T>) -> T {
    tokio::time::timeout(std::time::Duration::from_secs(30), future)
        .await
        .unwrap_or_else(|_| panic!("{what} did not happen within 30 s"))
}
