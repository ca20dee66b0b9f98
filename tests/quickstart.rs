//! The quickstart example, run offline against its embedded mock, so it cannot rot; and the mock's
//! own promises (Stripe-shaped sessions and errors).

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

use quickstart::connect::{DemoIds, Target};
use quickstart::mock_stripe::MockStripe;
use stripe_billing_portal::sessions::{FlowData, SessionCreateParams, SessionFlowKind};
use stripe_billing_portal::{ApiErrorKind, Client, Error};

/// The `-d` arguments of each `curl` command in the output, joined back into form bodies.
fn curl_bodies(output: &str) -> Vec<String> {
    output
        .split("curl -X POST")
        .skip(1)
        .map(|command| {
            command
                .lines()
                .filter_map(|line| line.trim().strip_prefix("-d "))
                .map(|arg| arg.trim_end_matches(" \\").trim_matches('\''))
                .collect::<Vec<_>>()
                .join("&")
        })
        .collect()
}

#[tokio::test]
async fn the_quickstart_runs_offline_and_prints_exactly_what_it_sent() {
    let target = Target::from_vars(None, None);
    assert_eq!(target, Target::EmbeddedMock);
    assert!(target.describe().starts_with("Mode: embedded mock"));

    let (client, mock) = target.connect().await.unwrap();
    let mock = mock.expect("the embedded mock is started");
    let mut output = Vec::new();
    let created = quickstart::run(&client, &DemoIds::default(), &mut output).await.unwrap();
    let output = String::from_utf8(output).unwrap();

    let expected = quickstart::sessions(&DemoIds::default()).len();
    assert_eq!(created, expected);
    assert_eq!(expected, 7, "the home page and six deep-link flows");

    // Every request the mock received is printed, pair for pair, as a curl command (the last
    // one is the error case).
    let received = mock.received_bodies();
    assert_eq!(received.len(), expected + 1);
    assert_eq!(curl_bodies(&output), received);

    // Every session's portal URL is printed, and each flow came back as requested.
    let urls: Vec<&str> = output.lines().filter_map(|line| line.strip_prefix("-> portal URL: ")).collect();
    assert_eq!(urls.len(), expected);
    assert!(urls.iter().all(|url| url.starts_with(&format!("{}/p/session/test_bps_", mock.base_url()))), "{urls:?}");
    for flow in [
        "payment_method_update",
        "customer_update",
        "subscription_cancel",
        "subscription_pause",
        "subscription_update",
        "subscription_update_confirm",
    ] {
        assert!(output.contains(&format!("flow: {flow})")), "{flow} missing from:\n{output}");
    }
    assert!(output.contains("code resource_missing, param customer"), "{output}");
    assert!(!output.contains("sk_test_embedded_mock"), "the key is masked");
}

#[test]
fn the_mode_follows_the_environment() {
    let stripe = Target::from_vars(Some("sk_test_123".into()), None);
    assert!(stripe.describe().contains("https://api.stripe.com"));
    let stripe_mock = Target::from_vars(None, Some("http://127.0.0.1:12111".into()));
    assert_eq!(
        stripe_mock,
        Target::Stripe { secret_key: "sk_test_123".into(), base_url: Some("http://127.0.0.1:12111".into()) }
    );
    assert!(stripe_mock.describe().contains("http://127.0.0.1:12111"));
}

async fn mock_and_client() -> (MockStripe, Client) {
    let mock = MockStripe::start().await.unwrap();
    let client = Client::builder("sk_test_123").base_url(mock.base_url()).max_retries(0).build().unwrap();
    (mock, client)
}

#[tokio::test]
async fn the_mock_reflects_the_request_in_a_stripe_shaped_session() {
    let (_mock, client) = mock_and_client().await;
    let session = client
        .sessions()
        .create(
            SessionCreateParams::new("cus_42")
                .return_url("https://example.com/back")
                .configuration("bpc_custom")
                .flow_data(FlowData::subscription_cancel("sub_42")),
        )
        .send_with_meta()
        .await
        .unwrap();
    assert!(session.request_id.as_deref().is_some_and(|id| id.starts_with("req_mock")));
    let session = session.data;
    assert!(session.id.starts_with("bps_"));
    assert_eq!(session.customer.as_deref(), Some("cus_42"));
    assert_eq!(session.return_url.as_deref(), Some("https://example.com/back"));
    assert!(!session.livemode);
    let flow = session.flow.expect("a flow");
    match flow.kind {
        SessionFlowKind::SubscriptionCancel(cancel) => assert_eq!(cancel.subscription.as_deref(), Some("sub_42")),
        other => panic!("expected a cancel flow, got {other:?}"),
    }
}

#[tokio::test]
async fn the_mock_answers_bad_input_with_stripe_shaped_errors() {
    let (mock, client) = mock_and_client().await;
    let sessions = format!("{}/v1/billing_portal/sessions", mock.base_url());
    let http = reqwest::Client::new();
    let post = |body: &'static str, key: Option<&'static str>| {
        let mut request = http.post(&sessions).body(body);
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        request.send()
    };
    let error_of = |response: reqwest::Response| async move {
        let status = response.status().as_u16();
        let body: serde_json::Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
        (status, body["error"].clone())
    };

    let (status, error) =
        error_of(post("return_url=https%3A%2F%2Fexample.com", Some("sk_test_1")).await.unwrap()).await;
    assert_eq!(
        (status, error["code"].as_str(), error["param"].as_str()),
        (400, Some("parameter_missing"), Some("customer"))
    );
    assert_eq!(error["type"], "invalid_request_error");

    let (status, error) = error_of(post("customer=cus_1", None).await.unwrap()).await;
    assert_eq!(status, 401);
    assert_eq!(error["type"], "invalid_request_error");

    let (status, error) =
        error_of(post("customer=cus_1&flow_data[type]=subscription_update", Some("sk_test_1")).await.unwrap()).await;
    assert_eq!((status, error["param"].as_str()), (400, Some("flow_data[subscription_update][subscription]")));

    // Through the client: decoded as Stripe's error, request id included.
    let err = client.sessions().create(SessionCreateParams::new("cus_missing_nobody")).send().await.unwrap_err();
    let Error::Api(api) = err else { panic!("expected an API error, got {err:?}") };
    assert_eq!(api.kind, ApiErrorKind::InvalidRequest);
    assert_eq!((api.code.as_deref(), api.param.as_deref()), (Some("resource_missing"), Some("customer")));
    assert!(api.facts.request_id.is_some());
}

#[tokio::test]
async fn the_mock_portal_page_links_back_to_the_app() {
    let (_mock, client) = mock_and_client().await;
    let flow = FlowData::payment_method_update().after_completion(
        stripe_billing_portal::sessions::AfterCompletion::redirect("https://example.com/done?x=1&y=2"),
    );
    let params = SessionCreateParams::new("cus_7").return_url("https://example.com/home").flow_data(flow);
    let session = client.sessions().create(params).send().await.unwrap();
    let page = reqwest::get(&session.url).await.unwrap();
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"href="https://example.com/done?x=1&amp;y=2""#), "{page}");
    assert!(page.contains(r#"href="https://example.com/home""#), "{page}");
    assert!(page.contains("payment_method_update"));
}
