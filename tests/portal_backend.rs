//! The `portal_backend` example, served on 127.0.0.1 against a wiremock Stripe and driven with a
//! real HTTP client: every route answers `303 See Other` to the session URL, and Stripe receives
//! exactly the form pairs that route should send.

#[allow(dead_code)]
#[path = "../examples/portal_backend.rs"]
mod portal_backend;

use portal_backend::connect::DemoIds;
use reqwest::redirect::Policy;
use reqwest::StatusCode;
use serde_json::{json, Value};
use stripe_billing_portal::Client;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const KEY: &str = "sk_test_backend_4242";
const APP: &str = "https://app.example";
const SESSIONS: &str = "/v1/billing_portal/sessions";

/// Answers like Stripe, with a session URL naming the flow requested, so each route's redirect
/// is distinguishable.
struct SessionFromRequest;

impl Respond for SessionFromRequest {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let fixtures: Value = serde_json::from_str(include_str!("fixtures/stripe-fixtures.json")).unwrap();
        let flow = pairs(request).into_iter().find(|(k, _)| k == "flow_data[type]").map(|(_, v)| v);
        let mut session = fixtures["billing_portal.session"].clone();
        session["url"] = json!(session_url(flow.as_deref().unwrap_or("home")));
        session["flow"] = match &flow {
            Some(flow) => json!({ "type": flow, "after_completion": { "type": "portal_homepage" } }),
            None => Value::Null,
        };
        ResponseTemplate::new(200).insert_header("request-id", "req_backend").set_body_json(session)
    }
}

fn session_url(flow: &str) -> String {
    format!("https://billing.stripe.com/p/session/test_{flow}")
}

fn pairs(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body).into_owned().collect()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

/// Starts the backend on 127.0.0.1 against `stripe`; returns its base URL.
async fn start_backend(stripe: &MockServer) -> String {
    let client = Client::builder(KEY).base_url(stripe.uri()).max_retries(0).build().unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = portal_backend::app(client, format!("{APP}/"), DemoIds::default());
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}")
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().unwrap()
}

async fn stripe_answering_sessions() -> MockServer {
    let stripe = MockServer::start().await;
    Mock::given(method("POST")).and(path(SESSIONS)).respond_with(SessionFromRequest).mount(&stripe).await;
    stripe
}

#[tokio::test]
async fn every_route_redirects_to_its_session_with_the_right_params() {
    let stripe = stripe_answering_sessions().await;
    let backend = start_backend(&stripe).await;
    let ids = DemoIds::default();
    let (sub, item) = (ids.subscription.as_str(), ids.subscription_item.as_str());
    // What Stripe should receive: the customer and return URL, the flow's pairs, and the
    // after-completion redirect back to `/billing/done/{flow}`.
    let expect = |flow: Option<&str>, flow_pairs: &[(&str, &str)]| {
        let mut pairs = owned(&[("customer", ids.customer.as_str()), ("return_url", "https://app.example/")]);
        if let Some(flow) = flow {
            pairs.extend(owned(&[("flow_data[type]", flow)]));
            pairs.extend(owned(flow_pairs));
            pairs.extend(owned(&[
                ("flow_data[after_completion][type]", "redirect"),
                ("flow_data[after_completion][redirect][return_url]", &format!("{APP}/billing/done/{flow}")),
            ]));
        }
        pairs
    };
    let confirm = "flow_data[subscription_update_confirm]";
    let cases = [
        ("/create-customer-portal-session", vec![], "home", expect(None, &[])),
        ("/portal/update-payment-method", vec![], "payment_method_update", expect(Some("payment_method_update"), &[])),
        (
            "/portal/cancel-subscription",
            vec![],
            "subscription_cancel",
            expect(Some("subscription_cancel"), &[("flow_data[subscription_cancel][subscription]", sub)]),
        ),
        (
            "/portal/update-subscription",
            vec![],
            "subscription_update",
            expect(Some("subscription_update"), &[("flow_data[subscription_update][subscription]", sub)]),
        ),
        (
            "/portal/confirm-price-change",
            vec![("price", "price_platinum"), ("coupon", "LOYALTY10")],
            "subscription_update_confirm",
            expect(
                Some("subscription_update_confirm"),
                &[
                    (&format!("{confirm}[subscription]"), sub),
                    (&format!("{confirm}[items][0][id]"), item),
                    (&format!("{confirm}[items][0][price]"), "price_platinum"),
                    (&format!("{confirm}[discounts][0][coupon]"), "LOYALTY10"),
                ],
            ),
        ),
    ];

    for (i, (route, form, flow, expected)) in cases.into_iter().enumerate() {
        let response = browser().post(format!("{backend}{route}")).form(&form).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{route}");
        assert_eq!(response.headers()["location"], session_url(flow).as_str(), "{route}");

        let received = stripe.received_requests().await.unwrap();
        assert_eq!(received.len(), i + 1, "{route}: one request to Stripe per click");
        let request = received.last().unwrap();
        assert_eq!(request.url.path(), SESSIONS);
        assert_eq!(request.headers["authorization"], format!("Bearer {KEY}").as_str());
        assert_eq!(pairs(request), expected, "{route}");
    }
}

#[tokio::test]
async fn the_coupon_is_optional_for_a_price_change() {
    let stripe = stripe_answering_sessions().await;
    let backend = start_backend(&stripe).await;
    let response = browser()
        .post(format!("{backend}/portal/confirm-price-change"))
        .form(&[("price", "price_platinum"), ("coupon", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], session_url("subscription_update_confirm").as_str());
    let sent = pairs(&stripe.received_requests().await.unwrap()[0]);
    assert!(sent.contains(&("flow_data[subscription_update_confirm][items][0][price]".into(), "price_platinum".into())));
    assert!(!sent.iter().any(|(k, _)| k.contains("discounts")), "{sent:?}");
}

#[tokio::test]
async fn a_blank_price_is_refused_before_calling_stripe() {
    let stripe = stripe_answering_sessions().await;
    let backend = start_backend(&stripe).await;
    let response = browser()
        .post(format!("{backend}/portal/confirm-price-change"))
        .form(&[("price", ""), ("coupon", "")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(response.text().await.unwrap().contains("flow_data[subscription_update_confirm][items][0][price]"));
    assert!(stripe.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_stripe_error_becomes_a_502_without_details() {
    let stripe = MockServer::start().await;
    let error = json!({ "error": {
        "type": "invalid_request_error", "code": "resource_missing", "param": "customer",
        "message": "No such customer: 'cus_demo_newcomer'"
    }});
    Mock::given(method("POST"))
        .and(path(SESSIONS))
        .respond_with(ResponseTemplate::new(400).set_body_json(error))
        .mount(&stripe)
        .await;
    let backend = start_backend(&stripe).await;
    let response = browser().post(format!("{backend}/create-customer-portal-session")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert!(response.headers().get("location").is_none());
    let body = response.text().await.unwrap();
    assert!(!body.contains("cus_") && !body.contains("sk_test"), "{body}");
}

#[tokio::test]
async fn the_pages_around_the_portal() {
    let stripe = stripe_answering_sessions().await;
    let backend = start_backend(&stripe).await;

    let home = browser().get(format!("{backend}/")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let home = home.text().await.unwrap();
    assert!(home.contains(r#"<form method="post" action="/create-customer-portal-session">"#), "{home}");
    assert!(home.contains("Manage billing"));
    for action in ["update-payment-method", "cancel-subscription", "update-subscription", "confirm-price-change"] {
        assert!(home.contains(&format!(r#"action="/portal/{action}""#)), "{action}");
    }

    let done = browser().get(format!("{backend}/billing/done/subscription_cancel")).send().await.unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(done.text().await.unwrap().contains("canceled"));
    let unknown = browser().get(format!("{backend}/billing/done/whatever")).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(stripe.received_requests().await.unwrap().is_empty(), "pages call Stripe only on a click");
}
