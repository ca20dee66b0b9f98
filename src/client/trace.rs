//! The optional `tracing` feature: one span per HTTP attempt.
//!
//! Each attempt [`Client::execute`](super::Client::execute) makes runs inside a span named
//! `stripe_billing_portal.request` at `INFO` level, with the fields
//!
//! | field | value |
//! |---|---|
//! | `method` | `POST`, `GET`, … |
//! | `path` | the API path, `/v1/billing_portal/sessions` (no query string) |
//! | `attempt` | 1 for the first try, 2 for the first retry, … |
//! | `status` | the HTTP status, when a response arrived |
//! | `request_id` | Stripe's `Request-Id` header, when present |
//! | `error` | `connect`, `timeout` or `connection`, when no response arrived |
//! | `duration_ms` | from sending to the last byte of the response |
//!
//! The secret key, the headers and the body (form params or response) are never recorded.
//! Without the feature, [`attempt`] hands the future back untouched: no code, no cost.

use super::Exchange;
use reqwest::Method;
use std::future::Future;

/// Runs one attempt's `exchange` inside its span and records its outcome.
#[cfg(feature = "tracing")]
pub(super) async fn attempt(
    method: &Method,
    path: &str,
    attempt: u32,
    exchange: impl Future<Output = Result<Exchange, reqwest::Error>>,
) -> Result<Exchange, reqwest::Error> {
    use tracing::field::Empty;
    use tracing::Instrument;

    let span = tracing::info_span!(
        "stripe_billing_portal.request",
        method = %method,
        path,
        attempt,
        status = Empty,
        request_id = Empty,
        error = Empty,
        duration_ms = Empty,
    );
    let started = std::time::Instant::now();
    let outcome = exchange.instrument(span.clone()).await;
    span.record("duration_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    match &outcome {
        Ok(exchange) => {
            span.record("status", exchange.status);
            if let Some(id) = exchange.request_id() {
                span.record("request_id", id);
            }
        }
        Err(err) => {
            span.record("error", tracing::field::display(crate::TransportErrorKind::of(err)));
        }
    }
    outcome
}

/// Without the `tracing` feature: the attempt itself, unchanged.
#[cfg(not(feature = "tracing"))]
#[inline(always)]
pub(super) fn attempt<F>(_method: &Method, _path: &str, _attempt: u32, exchange: F) -> F
where
    F: Future<Output = Result<Exchange, reqwest::Error>>,
{
    exchange
}

#[cfg(all(test, feature = "tracing"))]
mod tests {
    use crate::Client;
    use reqwest::Method;
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex};
    use tracing::field::{Field, Visit};
    use tracing::span::{Attributes, Id, Record};
    use tracing::{Event, Metadata, Subscriber};
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const KEY: &str = "sk_test_tracing_secret_4242";

    /// A span's name and fields, as recorded.
    type RecordedSpan = (String, BTreeMap<String, String>);

    /// A subscriber that keeps every span's fields and nothing else.
    #[derive(Clone, Default)]
    struct Recorder {
        spans: Arc<Mutex<Vec<RecordedSpan>>>,
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

    struct NoSleep;

    impl crate::client::retry::Sleeper for NoSleep {
        fn sleep(&self, _: std::time::Duration) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
            Box::pin(async {})
        }
    }

    #[tokio::test]
    async fn one_span_per_attempt_with_outcome_and_no_secrets() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/v1/billing_portal/sessions"))
            .respond_with(ResponseTemplate::new(500).insert_header("request-id", "req_first").set_body_string("{}"))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        let session = serde_json::json!({
            "id": "bps_1", "object": "billing_portal.session", "url": "https://billing.stripe.com/p/session/test_1",
            "customer": "cus_traced", "created": 1, "livemode": false, "return_url": null, "flow": null
        });
        Mock::given(method("POST"))
            .and(path("/v1/billing_portal/sessions"))
            .respond_with(ResponseTemplate::new(200).insert_header("request-id", "req_second").set_body_json(session))
            .mount(&server)
            .await;

        let recorder = Recorder::default();
        let _guard = tracing::subscriber::set_default(recorder.clone());
        let client = Client::builder(KEY).base_url(server.uri()).sleeper(Arc::new(NoSleep)).build().unwrap();
        client
            .request::<serde_json::Value>(
                Method::POST,
                "/v1/billing_portal/sessions",
                &std::collections::BTreeMap::from([("customer", "cus_traced")]),
            )
            .send()
            .await
            .unwrap();

        let spans = recorder.spans.lock().unwrap().clone();
        let ours: Vec<_> =
            spans.iter().filter(|(name, _)| name == "stripe_billing_portal.request").map(|(_, f)| f).collect();
        assert_eq!(ours.len(), 2, "{spans:?}");
        for (i, (fields, (status, request_id))) in
            ours.iter().zip([("500", "req_first"), ("200", "req_second")]).enumerate()
        {
            assert_eq!(fields["method"], "POST");
            assert_eq!(fields["path"], "/v1/billing_portal/sessions");
            assert_eq!(fields["attempt"], (i + 1).to_string());
            assert_eq!(fields["status"], status);
            assert_eq!(fields["request_id"], request_id);
            assert!(fields["duration_ms"].parse::<u64>().is_ok(), "{fields:?}");
            assert!(!fields.contains_key("error"));
        }
        let everything = format!("{spans:?}");
        assert!(!everything.contains("tracing_secret"), "the key leaked: {everything}");
        assert!(!everything.contains("cus_traced"), "the body leaked: {everything}");
    }

    #[tokio::test]
    async fn a_failed_connection_records_its_kind() {
        // Bind a port, then free it: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let recorder = Recorder::default();
        let _guard = tracing::subscriber::set_default(recorder.clone());
        let client = Client::builder(KEY).base_url(format!("http://127.0.0.1:{port}")).max_retries(0).build().unwrap();
        assert!(client
            .request::<serde_json::Value>(
                Method::POST,
                "/v1/billing_portal/sessions",
                &std::collections::BTreeMap::from([("customer", "cus_traced")])
            )
            .send()
            .await
            .is_err());

        let spans = recorder.spans.lock().unwrap().clone();
        let ours: Vec<_> =
            spans.iter().filter(|(name, _)| name == "stripe_billing_portal.request").map(|(_, f)| f).collect();
        assert_eq!(ours.len(), 1, "{spans:?}");
        assert_eq!(ours[0]["error"], "connect");
        assert!(!ours[0].contains_key("status"));
    }
}
