//! The `tracing` feature: one span per HTTP attempt, with its outcome and never a secret.
//!
//! These tests live in their own test binary on purpose. `tracing` caches, per callsite and for the
//! whole process, whether any subscriber wants it. In the library's unit-test binary, other tests
//! send requests (and so register the crate's span callsite) on other threads with no subscriber
//! installed; a registration racing with `set_default` here could cache "nobody listens" and the
//! span was then never recorded (seen once in CI). Here every test installs its recorder before the
//! first request, so the callsite is always registered while a recorder is live.
#![cfg(feature = "tracing")]

use reqwest::Method;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use stripe_billing_portal::client::Sleeper;
use stripe_billing_portal::subscriptions::{CancellationDetails, SubscriptionCancelParams};
use stripe_billing_portal::Client;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const KEY: &str = "sk_test_tracing_secret_4242";
const SESSIONS: &str = "/v1/billing_portal/sessions";

/// A span's name and fields, as recorded.
type RecordedSpan = (String, BTreeMap<String, String>);

/// A subscriber that keeps every span's fields and nothing else.
#[derive(Clone, Default)]
struct Recorder {
    spans: Arc<Mutex<Vec<RecordedSpan>>>,
}

impl Recorder {
    /// The fields of every span the crate opened for an attempt.
    fn attempts(&self) -> (Vec<BTreeMap<String, String>>, String) {
        let spans = self.spans.lock().unwrap().clone();
        let everything = format!("{spans:?}");
        let ours = spans.into_iter().filter(|(name, _)| name == "stripe_billing_portal.request").map(|(_, f)| f);
        (ours.collect(), everything)
    }
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attrs: &Attributes<'_>) -> Id {
        let mut fields = BTreeMap::new();
        attrs.record(&mut Fields(&mut fields));
        let mut spans = self.spans.lock().unwrap();
        spans.push((attrs.metadata().name().to_owned(), fields));
        Id::from_u64(spans.len() as u64)
    }
    fn record(&self, id: &Id, values: &Record<'_>) {
        let mut spans = self.spans.lock().unwrap();
        let index = usize::try_from(id.into_u64()).unwrap() - 1;
        values.record(&mut Fields(&mut spans[index].1));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, _: &Event<'_>) {}
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// Retries without waiting.
struct NoSleep;

impl Sleeper for NoSleep {
    fn sleep(&self, _: Duration) -> Pin<Box<dyn Future<Output = ()> + Send>> {
        Box::pin(async {})
    }
}

/// Creates a session through the raw escape hatch, so the body is a plain map.
async fn create_session(client: &Client) -> Result<serde_json::Value, stripe_billing_portal::Error> {
    client
        .request::<serde_json::Value>(Method::POST, SESSIONS, &BTreeMap::from([("customer", "cus_traced")]))
        .send()
        .await
}

#[tokio::test]
async fn one_span_per_attempt_with_outcome_and_no_secrets() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(500).insert_header("request-id", "req_first").set_body_string("{}"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let session = serde_json::json!({
        "id": "bps_1", "object": "billing_portal.session", "url": "https://billing.stripe.com/p/session/test_1",
        "customer": "cus_traced", "created": 1, "livemode": false, "return_url": null, "flow": null
    });
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(200).insert_header("request-id", "req_second").set_body_json(session))
        .mount(&server)
        .await;

    let client = Client::builder(KEY).base_url(server.uri()).sleeper(Arc::new(NoSleep)).build().unwrap();
    create_session(&client).await.unwrap();

    let (ours, everything) = recorder.attempts();
    assert_eq!(ours.len(), 2, "{everything}");
    for (i, (fields, (status, request_id))) in
        ours.iter().zip([("500", "req_first"), ("200", "req_second")]).enumerate()
    {
        assert_eq!(fields["method"], "POST");
        assert_eq!(fields["path"], SESSIONS);
        assert_eq!(fields["attempt"], (i + 1).to_string());
        assert_eq!(fields["status"], status);
        assert_eq!(fields["request_id"], request_id);
        assert!(fields["duration_ms"].parse::<u64>().is_ok(), "{fields:?}");
        assert!(!fields.contains_key("error"));
    }
    assert!(!everything.contains("tracing_secret"), "the key leaked: {everything}");
    assert!(!everything.contains("cus_traced"), "the body leaked: {everything}");
}

#[tokio::test]
async fn a_failed_connection_records_its_kind() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    // Bind a port, then free it: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = Client::builder(KEY).base_url(format!("http://127.0.0.1:{port}")).max_retries(0).build().unwrap();
    assert!(create_session(&client).await.is_err());

    let (ours, everything) = recorder.attempts();
    assert_eq!(ours.len(), 1, "{everything}");
    assert_eq!(ours[0]["error"], "connect");
    assert!(!ours[0].contains_key("status"));
}

#[tokio::test]
async fn params_in_the_query_string_stay_out_of_the_span() {
    let recorder = Recorder::default();
    let _guard = tracing::subscriber::set_default(recorder.clone());
    let server = MockServer::start().await;
    let missing = serde_json::json!({"error": {"type": "invalid_request_error", "message": "No such subscription"}});
    Mock::given(method("DELETE"))
        .and(path("/v1/subscriptions/sub_traced"))
        .respond_with(ResponseTemplate::new(404).set_body_json(missing))
        .mount(&server)
        .await;
    let client = Client::builder(KEY).base_url(server.uri()).build().unwrap();
    // A DELETE sends its params in the query string: the span's path is the path alone.
    let params = SubscriptionCancelParams::new()
        .cancellation_details(CancellationDetails::new().comment("moving_to_rival_tool"))
        .invoice_now(true);
    assert!(client.subscriptions().cancel("sub_traced", params).send().await.is_err());
    let sent = server.received_requests().await.unwrap();
    assert!(sent[0].url.query().unwrap_or_default().contains("moving_to_rival_tool"), "the test sends the comment");

    let (ours, everything) = recorder.attempts();
    assert_eq!(ours.len(), 1, "{everything}");
    assert_eq!(ours[0]["method"], "DELETE");
    assert_eq!(ours[0]["path"], "/v1/subscriptions/sub_traced");
    assert_eq!(ours[0]["status"], "404");
    assert!(!everything.contains("moving_to_rival_tool"), "the query leaked: {everything}");
    assert!(!everything.contains("invoice_now"), "the query leaked: {everything}");
    assert!(!everything.contains("tracing_secret"), "the key leaked: {everything}");
}
