//! Fault injection: every way a network or Stripe can fail a session creation, one test each.
//!
//! Each test asserts how many attempts reached the server, that every attempt carried one and the
//! same `Idempotency-Key`, the waits the client asked for between attempts (recorded by a
//! [`Sleeper`] instead of slept through), and the final result: the session after recovery, or the
//! precise error after giving up.
//!
//! Status faults are served by wiremock; connection-level faults by a raw HTTP/1.1 server on
//! 127.0.0.1 that can close or stall a connection at any point.

use serde_json::{json, Value};
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stripe_billing_portal::client::Sleeper;
use stripe_billing_portal::sessions::{Session, SessionCreateParams};
use stripe_billing_portal::subscriptions::SubscriptionCancelParams;
use stripe_billing_portal::{ApiErrorKind, ApiResponse, Client, Error, ErrorType, RequestFacts, TransportErrorKind};
use support::raw_http::{head_header, read_request};
use support::{fixture, KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
const SESSIONS: &str = "/v1/billing_portal/sessions";
/// The per-attempt timeout of the stall tests: a stalled attempt costs this much wall time, and the
/// answered retry must fit in it. 300 ms was enough here but leaves little margin on a CI machine
/// running the suite's threads on 2 cores; 2 s costs the suite about 2 s (the tests run in parallel).
const SHORT_TIMEOUT: Duration = Duration::from_secs(2);

// ---------------------------------------------------------------------------------------------
// Shared pieces
// ---------------------------------------------------------------------------------------------

/// Records the waits between attempts instead of sleeping through them.
#[derive(Default)]
struct Recorder(Mutex<Vec<Duration>>);

impl Sleeper for Recorder {
    fn sleep(&self, delay: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        self.0.lock().unwrap().push(delay);
        Box::pin(async {})
    }
}

impl Recorder {
    /// Asserts `count` waits were asked for, each within the documented bounds: the wait before
    /// retry `n` is in `[max(cap/2, 0.5 s), cap]` with `cap = min(0.5 s · 2^(n−1), 5 s)`.
    fn assert_backoff(&self, count: usize) {
        let delays = self.0.lock().unwrap().clone();
        assert_eq!(delays.len(), count, "waits between attempts: {delays:?}");
        for (i, delay) in delays.iter().enumerate() {
            let cap = Duration::from_millis(500 * (1 << i.min(4))).min(Duration::from_secs(5));
            let floor = (cap / 2).max(Duration::from_millis(500));
            assert!(
                (floor..=cap).contains(delay),
                "wait before retry {}: {delay:?} not in [{floor:?}, {cap:?}]",
                i + 1
            );
        }
    }
}

/// A client for `base_url` whose waits are recorded by the returned [`Recorder`].
fn client_for(base_url: &str) -> (Client, Arc<Recorder>) {
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder(KEY).base_url(base_url).sleeper(recorder.clone()).build().unwrap();
    (client, recorder)
}

/// Stripe's published `billing_portal.session` fixture.
fn session_json() -> Value {
    fixture("billing_portal.session")
}

fn session_id() -> String {
    session_json()["id"].as_str().unwrap().to_owned()
}

async fn create(client: &Client) -> Result<ApiResponse<Session>, Error> {
    client.sessions().create(SessionCreateParams::new("cus_123")).send_with_meta().await
}

/// `(status, request_id, should_retry, attempts, idempotency_key)`, to compare in one go.
fn facts_of(facts: &RequestFacts) -> (Option<u16>, Option<&str>, Option<bool>, u32, Option<&str>) {
    (facts.status, facts.request_id.as_deref(), facts.should_retry, facts.attempts, facts.idempotency_key.as_deref())
}

/// Asserts `keys` has `attempts` entries, all one non-empty key, and returns it.
fn one_key(keys: &[String], attempts: usize) -> String {
    assert_eq!(keys.len(), attempts, "attempts that reached the server: {keys:?}");
    let first = keys.first().expect("at least one attempt").clone();
    assert!(!first.is_empty());
    assert!(keys.iter().all(|key| *key == first), "every attempt carries one idempotency key: {keys:?}");
    first
}

// ---------------------------------------------------------------------------------------------
// wiremock: status faults
// ---------------------------------------------------------------------------------------------

/// A mock Stripe that answers the first `failures` attempts with `failure`, then the session.
async fn stripe_failing(failures: u64, failure: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    if failures > 0 {
        Mock::given(method("POST"))
            .and(path(SESSIONS))
            .respond_with(failure)
            .up_to_n_times(failures)
            .with_priority(1)
            .mount(&server)
            .await;
    }
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(200).set_body_json(session_json()).insert_header("request-id", "req_ok"))
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

/// The idempotency keys of every request the mock received, in order.
async fn received_keys(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests
        .iter()
        .map(|request| {
            let value = request.headers.get("idempotency-key").expect("every POST carries an idempotency key");
            value.to_str().unwrap().to_owned()
        })
        .collect()
}

/// A Stripe error response: JSON body, `Request-Id`, and `Stripe-Should-Retry` when given.
fn stripe_error(status: u16, error_type: &str, code: &str, should_retry: Option<&str>) -> ResponseTemplate {
    let body = serde_json::json!({"error": {
        "type": error_type,
        "code": code,
        "message": format!("{code} happened"),
        "param": "customer",
        "doc_url": format!("https://stripe.com/docs/error-codes/{code}"),
    }});
    let template = ResponseTemplate::new(status).set_body_json(body).insert_header("request-id", "req_failed");
    match should_retry {
        Some(value) => template.insert_header("stripe-should-retry", value),
        None => template,
    }
}

/// Asserts the session came back after `attempts` attempts, all with one key, and returns the key.
async fn assert_recovered(server: &MockServer, result: Result<ApiResponse<Session>, Error>, attempts: u32) -> String {
    let response = result.expect("the call recovers");
    assert_eq!(response.data.id, session_id());
    assert_eq!(response.attempts, attempts);
    assert_eq!(response.request_id.as_deref(), Some("req_ok"));
    let key = one_key(&received_keys(server).await, attempts as usize);
    assert_eq!(response.idempotency_key.as_deref(), Some(key.as_str()));
    key
}

/// Sends one session creation to `server`, which keeps failing it: asserts `attempts` attempts,
/// all with one key, with a wait before each retry; returns the error and the key.
async fn assert_gave_up(server: &MockServer, attempts: usize) -> (Error, String) {
    let (client, sleeps) = client_for(&server.uri());
    let err = create(&client).await.unwrap_err();
    let key = one_key(&received_keys(server).await, attempts);
    sleeps.assert_backoff(attempts - 1);
    (err, key)
}

#[tokio::test]
async fn http_500_is_retried_until_it_succeeds() {
    let server = stripe_failing(2, stripe_error(500, "api_error", "internal", None)).await;
    let (client, sleeps) = client_for(&server.uri());
    assert_recovered(&server, create(&client).await, 3).await;
    sleeps.assert_backoff(2);
}

#[tokio::test]
async fn http_502_with_an_html_body_gives_up_with_the_status_and_body_prefix() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let server = stripe_failing(u64::MAX, ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    let (err, key) = assert_gave_up(&server, 3).await;
    let Error::Http { facts, body_prefix } = &err else { panic!("expected an HTTP error, got {err:?}") };
    assert_eq!(facts_of(facts), (Some(502), None, None, 3, Some(key.as_str())));
    assert_eq!(body_prefix, html);
    assert!(err.is_retryable(), "a 502 may pass: the budget ran out, not the reason to retry");
    assert_eq!((err.status(), err.attempts(), err.idempotency_key()), (Some(502), Some(3), Some(key.as_str())));
    assert_eq!(
        err.to_string(),
        format!("HTTP 502 Bad Gateway after 3 attempt(s), without a Stripe error body; body starts with: {html:?}")
    );
}

#[tokio::test]
async fn a_long_non_json_error_body_is_cut_to_200_characters() {
    let page = format!("<!DOCTYPE html>{}", "é".repeat(500));
    let server = stripe_failing(u64::MAX, ResponseTemplate::new(503).set_body_raw(page.clone(), "text/html")).await;
    let (client, _) = client_for(&server.uri());
    let err = client.sessions().create(SessionCreateParams::new("cus_123")).max_retries(0).send().await.unwrap_err();
    let Error::Http { body_prefix, .. } = &err else { panic!("expected an HTTP error, got {err:?}") };
    assert_eq!(body_prefix.chars().count(), 200);
    assert!(page.starts_with(body_prefix.as_str()));
}

#[tokio::test]
async fn http_503_is_retried_until_it_succeeds() {
    let server = stripe_failing(1, ResponseTemplate::new(503)).await;
    let (client, sleeps) = client_for(&server.uri());
    assert_recovered(&server, create(&client).await, 2).await;
    sleeps.assert_backoff(1);
}

#[tokio::test]
async fn http_409_is_retried_then_gives_up_with_the_api_error() {
    let server = stripe_failing(u64::MAX, stripe_error(409, "invalid_request_error", "lock_timeout", None)).await;
    let (err, key) = assert_gave_up(&server, 3).await;
    let api = err.as_api().expect("a Stripe error body");
    assert_eq!(api.kind, ApiErrorKind::Api, "409 is classified as an API error, like the official SDKs");
    assert_eq!(api.error_type, Some(ErrorType::InvalidRequestError));
    assert_eq!(api.code.as_deref(), Some("lock_timeout"));
    assert_eq!(api.param.as_deref(), Some("customer"));
    assert_eq!(api.message.as_deref(), Some("lock_timeout happened"));
    assert_eq!(api.doc_url.as_deref(), Some("https://stripe.com/docs/error-codes/lock_timeout"));
    assert_eq!(facts_of(&api.facts), (Some(409), Some("req_failed"), None, 3, Some(key.as_str())));
    assert!(err.is_retryable());
    assert_eq!((err.status(), err.request_id()), (Some(409), Some("req_failed")));
}

#[tokio::test]
async fn http_429_with_stripe_should_retry_true_is_retried_until_it_succeeds() {
    let server = stripe_failing(1, stripe_error(429, "invalid_request_error", "rate_limit", Some("true"))).await;
    let (client, sleeps) = client_for(&server.uri());
    assert_recovered(&server, create(&client).await, 2).await;
    sleeps.assert_backoff(1);
}

#[tokio::test]
async fn stripe_should_retry_overrides_the_status_and_the_call_gives_up_with_the_api_error() {
    // (status, type, code, Stripe-Should-Retry, attempts, kind, worth retrying): a 429 without the
    // header is not retried; a 400 with `true` is retried until the budget runs out; a 500 with
    // `false` is not retried.
    let cases = [
        (429, "invalid_request_error", "rate_limit", None, 1, ApiErrorKind::RateLimit, false),
        (400, "invalid_request_error", "parameter_missing", Some("true"), 3, ApiErrorKind::InvalidRequest, true),
        (500, "api_error", "internal", Some("false"), 1, ApiErrorKind::Api, false),
    ];
    for (status, error_type, code, should_retry, attempts, kind, retryable) in cases {
        let case = format!("HTTP {status} {code}, Stripe-Should-Retry {should_retry:?}");
        println!("case: {case}"); // shown when an assertion of `assert_gave_up` fails
        let server = stripe_failing(u64::MAX, stripe_error(status, error_type, code, should_retry)).await;
        let (err, _) = assert_gave_up(&server, attempts).await;
        let api = err.as_api().unwrap_or_else(|| panic!("{case}: a Stripe error body, got {err:?}"));
        assert_eq!(
            (api.kind, api.status(), api.facts.attempts as usize, api.facts.should_retry, api.code.as_deref()),
            (kind, status, attempts, should_retry.map(|value| value == "true"), Some(code)),
            "{case}"
        );
        assert_eq!(err.is_retryable(), retryable, "{case}");
    }
}

#[tokio::test]
async fn unknown_error_type_and_code_are_kept() {
    let server = stripe_failing(u64::MAX, stripe_error(402, "quantum_error", "entangled", None)).await;
    let (client, _) = client_for(&server.uri());
    let err = create(&client).await.unwrap_err();
    let api = err.as_api().expect("a Stripe error body");
    assert_eq!(api.kind, ApiErrorKind::Card);
    assert_eq!(api.error_type, Some(ErrorType::Other("quantum_error".into())));
    assert_eq!(api.code.as_deref(), Some("entangled"));
}

#[tokio::test]
async fn error_kinds_follow_the_status_like_the_official_sdks() {
    let cases = [
        (400, "invalid_request_error", ApiErrorKind::InvalidRequest),
        (400, "idempotency_error", ApiErrorKind::Idempotency),
        (404, "invalid_request_error", ApiErrorKind::InvalidRequest),
        (401, "invalid_request_error", ApiErrorKind::Authentication),
        (402, "card_error", ApiErrorKind::Card),
        (403, "invalid_request_error", ApiErrorKind::Permission),
        (429, "invalid_request_error", ApiErrorKind::RateLimit),
        (418, "invalid_request_error", ApiErrorKind::Api),
        (500, "api_error", ApiErrorKind::Api),
    ];
    for (status, error_type, kind) in cases {
        let server = stripe_failing(u64::MAX, stripe_error(status, error_type, "some_code", None)).await;
        let (client, _) = client_for(&server.uri());
        let err =
            client.sessions().create(SessionCreateParams::new("cus_123")).max_retries(0).send().await.unwrap_err();
        assert_eq!(err.as_api().map(|api| api.kind), Some(kind), "HTTP {status} {error_type}");
    }
}

#[tokio::test]
async fn a_200_with_an_undecodable_body_is_not_retried() {
    let server =
        stripe_failing(u64::MAX, ResponseTemplate::new(200).set_body_raw("<html>ok</html>", "text/html")).await;
    let (err, key) = assert_gave_up(&server, 1).await;
    let Error::Decode { facts, body_prefix, .. } = &err else { panic!("expected a decode error, got {err:?}") };
    assert_eq!((facts.status, facts.attempts, body_prefix.as_str()), (Some(200), 1, "<html>ok</html>"));
    assert_eq!(err.idempotency_key(), Some(key.as_str()));
    assert!(!err.is_retryable(), "Stripe processed the request");
}

#[tokio::test]
async fn retries_are_configurable_per_client_and_per_request() {
    let server = stripe_failing(u64::MAX, ResponseTemplate::new(503)).await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder(KEY).base_url(server.uri()).max_retries(5).sleeper(recorder.clone()).build().unwrap();
    let err = create(&client).await.unwrap_err();
    assert_eq!(err.attempts(), Some(6));
    one_key(&received_keys(&server).await, 6);
    // 0.5 s, then 0.5–1 s, 1–2 s, 2–4 s, and 2.5–5 s once the 5 s cap is reached.
    recorder.assert_backoff(5);

    let err = client.sessions().create(SessionCreateParams::new("cus_123")).max_retries(0).send().await.unwrap_err();
    assert_eq!(err.attempts(), Some(1));
    assert_eq!(received_keys(&server).await.len(), 7, "one more attempt");
    recorder.assert_backoff(5);
    assert!(err.is_retryable(), "retries were disabled, the error is still worth retrying");
}

#[tokio::test]
async fn a_caller_key_is_kept_on_every_attempt() {
    let server = stripe_failing(2, ResponseTemplate::new(500)).await;
    let (client, _) = client_for(&server.uri());
    let key = "portal-cus_123-2026-11-24";
    let response =
        client.sessions().create(SessionCreateParams::new("cus_123")).idempotency_key(key).send_with_meta().await;
    assert_eq!(assert_recovered(&server, response, 3).await, key);
}

#[tokio::test]
async fn keys_longer_than_255_characters_are_refused_before_sending() {
    let server = stripe_failing(0, ResponseTemplate::new(500)).await;
    let (client, sleeps) = client_for(&server.uri());
    let call = |key: String| client.sessions().create(SessionCreateParams::new("cus_123")).idempotency_key(key);
    let err = call("k".repeat(256)).send().await.unwrap_err();
    assert!(matches!(&err, Error::InvalidParam { param, .. } if param == "Idempotency-Key"), "{err:?}");
    assert_eq!(err.attempts(), None);
    assert!(received_keys(&server).await.is_empty(), "nothing was sent");
    sleeps.assert_backoff(0);
    // 255 is the limit, not past it.
    call("k".repeat(255)).send().await.unwrap();
    one_key(&received_keys(&server).await, 1);
}

/// Only a POST carries an `Idempotency-Key`. Stripe ignores one on a GET or DELETE (a GET reads,
/// a repeated cancel finds the subscription gone), so a key the caller gives such a call is not
/// sent and the call goes out as Stripe would treat it anyway, never refused (Stripe accepts it).
#[tokio::test]
async fn a_caller_key_on_a_get_or_delete_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(path("/v1/subscriptions/sub_123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("subscription")))
        .mount(&server)
        .await;
    let (client, sleeps) = client_for(&server.uri());
    let cancel = client.subscriptions().cancel("sub_123", SubscriptionCancelParams::new()).idempotency_key("cancel-1");
    let retrieve = client.subscriptions().retrieve("sub_123").idempotency_key("retrieve-1");
    let (cancelled, retrieved) = (cancel.send_with_meta().await.unwrap(), retrieve.send_with_meta().await.unwrap());
    assert_eq!((cancelled.idempotency_key, retrieved.idempotency_key), (None, None));
    let requests = server.received_requests().await.unwrap();
    let seen: Vec<_> =
        requests.iter().map(|r| (r.method.to_string(), r.headers.contains_key("idempotency-key"))).collect();
    assert_eq!(seen, [("DELETE".to_owned(), false), ("GET".to_owned(), false)]);
    sleeps.assert_backoff(0);
}

/// `Retry-After` is not read, as neither official SDK reads it: the waits are the backoff formula's.
#[tokio::test]
async fn retry_after_does_not_change_the_backoff() {
    let server = stripe_failing(2, ResponseTemplate::new(503).insert_header("retry-after", "30")).await;
    let (client, sleeps) = client_for(&server.uri());
    assert_recovered(&server, create(&client).await, 3).await;
    sleeps.assert_backoff(2);
}

#[tokio::test]
async fn separate_calls_get_separate_keys() {
    let server = stripe_failing(0, ResponseTemplate::new(500)).await;
    let (client, _) = client_for(&server.uri());
    let first = create(&client).await.unwrap().idempotency_key.unwrap();
    let second = create(&client).await.unwrap().idempotency_key.unwrap();
    assert_ne!(first, second);
}

// ---------------------------------------------------------------------------------------------
// Raw server: connection faults
// ---------------------------------------------------------------------------------------------

/// What the raw server does with the `n`-th request it reads (0-based, across all connections).
#[derive(Clone, Copy, Debug)]
enum Act {
    /// Answer 200 with the session fixture and keep the connection open.
    Session,
    /// Close the connection without answering.
    Close,
    /// Never answer; close once the client gives up.
    Stall,
    /// Send the headers and half the body, then never send the rest.
    StallBody,
}

/// One request as the raw server read it.
#[derive(Clone, Debug)]
struct Seen {
    /// Which accepted connection (0-based) it arrived on.
    connection: usize,
    idempotency_key: String,
}

/// A minimal HTTP/1.1 server on 127.0.0.1 following a script of [`Act`]s (the last one repeats).
struct RawServer {
    url: String,
    connections: Arc<AtomicUsize>,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl RawServer {
    async fn start(script: &'static [Act]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), seen.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let connection = count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, connection, script, log.clone()));
            }
        });
        Self { url, connections, seen }
    }

    fn keys(&self) -> Vec<String> {
        self.seen.lock().unwrap().iter().map(|seen| seen.idempotency_key.clone()).collect()
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, connection: usize, script: &'static [Act], seen: Arc<Mutex<Vec<Seen>>>) {
    let mut buffer = Vec::new();
    while let Some(head) = read_request(&mut stream, &mut buffer).await {
        let n = {
            let mut seen = seen.lock().unwrap();
            let idempotency_key = head_header(&head, "idempotency-key").unwrap_or_default().to_owned();
            seen.push(Seen { connection, idempotency_key });
            seen.len() - 1
        };
        let body = session_json().to_string();
        match script[n.min(script.len() - 1)] {
            Act::Session => {
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nrequest-id: req_raw_{n}\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                if stream.write_all(response.as_bytes()).await.is_err() {
                    return;
                }
            }
            Act::Close => return,
            Act::Stall => break,
            Act::StallBody => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                );
                let half = &body[..body.len() / 2];
                if stream.write_all(format!("{head}{half}").as_bytes()).await.is_err() {
                    return;
                }
                break;
            }
        }
    }
    // Stalling: hold the connection until the client drops it.
    let mut sink = [0u8; 1024];
    while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {}
}

#[tokio::test]
async fn connection_refused_is_retried_then_gives_up() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let (client, sleeps) = client_for(&format!("http://{address}"));
    let err = create(&client).await.unwrap_err();
    sleeps.assert_backoff(2);
    let Error::Transport { kind, facts, .. } = &err else { panic!("expected a transport error, got {err:?}") };
    assert_eq!((*kind, facts.attempts, facts.status), (TransportErrorKind::Connect, 3, None));
    // Nothing reached a server, but the key that would have been sent is the caller's to reuse.
    assert!(facts.idempotency_key.as_deref().is_some_and(|key| !key.is_empty()));
    // The message carries the cause, not only "error sending request".
    let message = err.to_string();
    assert!(message.starts_with("connect error talking to Stripe after 3 attempt(s): "), "{message}");
    assert!(message.to_lowercase().contains("connection refused"), "{message}");
    assert!(err.is_retryable());
    assert_eq!((err.status(), err.request_id()), (None, None));
}

#[tokio::test]
async fn connection_closed_before_the_response_is_retried_until_it_succeeds() {
    let server = RawServer::start(&[Act::Close, Act::Close, Act::Session]).await;
    let (client, sleeps) = client_for(&server.url);
    let response = create(&client).await.expect("the third attempt is answered");
    let key = one_key(&server.keys(), 3);
    assert_eq!(response.idempotency_key.as_deref(), Some(key.as_str()));
    assert_eq!((response.attempts, response.request_id.as_deref()), (3, Some("req_raw_2")));
    assert_eq!(response.data.id, session_id());
    assert_eq!(server.connections(), 3, "each closed connection is replaced");
    sleeps.assert_backoff(2);
}

#[tokio::test]
async fn connection_closed_every_time_gives_up_with_a_connection_error() {
    let server = RawServer::start(&[Act::Close]).await;
    let (client, sleeps) = client_for(&server.url);
    let err = create(&client).await.unwrap_err();
    let key = one_key(&server.keys(), 3);
    sleeps.assert_backoff(2);
    let Error::Transport { kind, facts, .. } = &err else { panic!("expected a transport error, got {err:?}") };
    assert_eq!((*kind, facts.attempts), (TransportErrorKind::Connection, 3));
    assert_eq!(err.idempotency_key(), Some(key.as_str()));
}

/// The first attempt of `script` stalls (before the response, or halfway through its body) past
/// the per-attempt timeout; the retry, with the same key, is answered.
async fn a_stall_is_retried_until_it_succeeds(script: &'static [Act]) {
    let server = RawServer::start(script).await;
    let (client, sleeps) = client_for(&server.url);
    let response = client
        .sessions()
        .create(SessionCreateParams::new("cus_123"))
        .timeout(SHORT_TIMEOUT)
        .send_with_meta()
        .await
        .expect("the second attempt is answered");
    let key = one_key(&server.keys(), 2);
    assert_eq!((response.attempts, response.idempotency_key), (2, Some(key)));
    sleeps.assert_backoff(1);
}

#[tokio::test]
async fn a_response_that_stalls_past_the_timeout_is_retried_until_it_succeeds() {
    a_stall_is_retried_until_it_succeeds(&[Act::Stall, Act::Session]).await;
}

#[tokio::test]
async fn a_body_that_stalls_past_the_timeout_is_retried_until_it_succeeds() {
    a_stall_is_retried_until_it_succeeds(&[Act::StallBody, Act::Session]).await;
}

#[tokio::test]
async fn a_client_timeout_gives_up_with_a_timeout_error() {
    let server = RawServer::start(&[Act::Stall]).await;
    let recorder = Arc::new(Recorder::default());
    let client = Client::builder(KEY)
        .base_url(&server.url)
        .timeout(SHORT_TIMEOUT)
        .max_retries(1)
        .sleeper(recorder.clone())
        .build()
        .unwrap();
    let err = create(&client).await.unwrap_err();
    let key = one_key(&server.keys(), 2);
    recorder.assert_backoff(1);
    let Error::Transport { kind, facts, .. } = &err else { panic!("expected a transport error, got {err:?}") };
    assert_eq!((*kind, facts.attempts), (TransportErrorKind::Timeout, 2));
    let message = err.to_string();
    assert!(message.starts_with("timeout error talking to Stripe after 2 attempt(s): "), "{message}");
    assert!(message.contains("timed out"), "{message}");
    assert_eq!(err.idempotency_key(), Some(key.as_str()));
}

// ---------------------------------------------------------------------------------------------
// Stale pooled connections
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_connection_the_server_closed_after_its_response_does_not_fail_the_next_call() {
    // Answer, then close the kept-alive connection: the next call must not notice.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let count = connections.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let n = count.fetch_add(1, Ordering::SeqCst);
            let mut buffer = Vec::new();
            if read_request(&mut stream, &mut buffer).await.is_some() {
                let body = session_json().to_string();
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nrequest-id: req_close_{n}\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = stream.write_all(response.as_bytes()).await;
            }
            // Dropped here: closed without `Connection: close`, as an idle timeout on a proxy would.
        }
    });
    let (client, _) = client_for(&url);
    for _ in 0..3 {
        let response = create(&client).await.expect("a call after the server closed the pooled connection");
        assert_eq!(response.data.id, session_id());
    }
    assert_eq!(connections.load(Ordering::SeqCst), 3, "one connection per call, since each is closed");
}

#[tokio::test]
async fn a_pooled_connection_that_fails_on_reuse_is_retried_transparently() {
    // The first request is answered on connection 0, which stays in the pool. The second request
    // reuses it, and the server closes it without answering, as when a keep-alive connection is
    // closed by the server while the request is on its way: a fresh connection must carry the retry.
    let server = RawServer::start(&[Act::Session, Act::Close, Act::Session]).await;
    let (client, sleeps) = client_for(&server.url);
    create(&client).await.expect("the first call is answered");
    let response = create(&client).await.expect("the second call recovers from the stale connection");
    assert_eq!((response.attempts, response.data.id.as_str()), (2, session_id().as_str()));
    let seen = server.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[1].connection, seen[0].connection, "the second call reused the pooled connection: {seen:?}");
    assert_ne!(seen[2].connection, seen[1].connection, "the retry went over another connection: {seen:?}");
    assert_ne!(seen[0].idempotency_key, seen[1].idempotency_key, "two calls, two keys");
    assert_eq!(seen[1].idempotency_key, seen[2].idempotency_key, "one call, one key");
    assert_eq!(response.idempotency_key.as_deref(), Some(seen[2].idempotency_key.as_str()));
    sleeps.assert_backoff(1);
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let server = stripe_failing(
        u64::MAX,
        ResponseTemplate::new(302).insert_header("location", "http://127.0.0.1:9/v1/billing_portal/sessions"),
    )
    .await;
    let (err, _) = assert_gave_up(&server, 1).await;
    assert_eq!((err.status(), err.attempts()), (Some(302), Some(1)), "{err:?}");
    assert!(matches!(&err, Error::Http { .. }), "{err:?}");
    assert!(!err.is_retryable());
}

#[tokio::test]
async fn a_key_that_is_not_visible_ascii_is_refused_before_sending() {
    let server = stripe_failing(0, ResponseTemplate::new(500)).await;
    let (client, _) = client_for(&server.uri());
    for key in ["clé", "a\u{7f}b", "line\nbreak", ""] {
        let err = client.sessions().create(SessionCreateParams::new("cus_123")).idempotency_key(key).send().await;
        let err = err.unwrap_err();
        assert!(matches!(&err, Error::InvalidParam { param, .. } if param == "Idempotency-Key"), "{key:?}: {err:?}");
    }
    assert!(received_keys(&server).await.is_empty(), "nothing was sent");
}

/// A `DELETE` carries no `Idempotency-Key` (Stripe ignores one there, and the official SDKs send
/// none). So when a cancel's first attempt went through but its answer was lost (here a 500), the
/// retry finds the subscription already canceled and Stripe answers 404 `resource_missing`. The
/// crate reports that answer as the SDKs do; the error says the second attempt gave it, which is
/// the caller's cue to retrieve the subscription (README, "Errors and retries").
#[tokio::test]
async fn a_retried_cancel_that_finds_the_subscription_gone_says_which_attempt_answered() {
    const SUBSCRIPTION: &str = "/v1/subscriptions/sub_gone";
    let server = MockServer::start().await;
    let lost = json!({"error": {"type": "api_error", "message": "An unknown error occurred"}});
    Mock::given(method("DELETE"))
        .and(path(SUBSCRIPTION))
        .respond_with(ResponseTemplate::new(500).set_body_json(lost))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let gone = json!({"error": {
        "type": "invalid_request_error", "code": "resource_missing", "param": "id",
        "message": "No such subscription: 'sub_gone'",
    }});
    Mock::given(method("DELETE"))
        .and(path(SUBSCRIPTION))
        .respond_with(ResponseTemplate::new(404).set_body_json(gone).insert_header("request-id", "req_gone"))
        .with_priority(2)
        .mount(&server)
        .await;

    let (client, sleeps) = client_for(&server.uri());
    let err = client.subscriptions().cancel("sub_gone", SubscriptionCancelParams::new()).send().await.unwrap_err();
    let api = err.as_api().expect("Stripe's answer to the retry");
    assert_eq!((api.status(), api.code.as_deref()), (404, Some("resource_missing")));
    assert_eq!((err.attempts(), err.idempotency_key()), (Some(2), None));
    sleeps.assert_backoff(1);
    let requests = server.received_requests().await.unwrap();
    let seen: Vec<_> =
        requests.iter().map(|r| (r.method.to_string(), r.headers.contains_key("idempotency-key"))).collect();
    assert_eq!(seen, [("DELETE".to_owned(), false), ("DELETE".to_owned(), false)]);
}
