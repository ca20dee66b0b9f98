//! The `portal_backend` example, served on 127.0.0.1 against the fake Stripe and driven with a
//! real HTTP client like a browser: every route answers `303 See Other` to a portal session made
//! with the right form pairs, and the whole loop works: "Manage billing" → portal page → cancel →
//! signed webhook into the app → back to the app, which shows the cancellation.

#![cfg(feature = "testing")]

#[allow(dead_code)]
#[path = "../examples/portal_backend.rs"]
mod portal_backend;
mod support;

use reqwest::redirect::Policy;
use reqwest::StatusCode;
use stripe_billing_portal::testing::FakeStripe;
use support::within;

/// The fake, the backend's base URL, and the account it serves.
async fn start() -> (FakeStripe, String, portal_backend::Account) {
    let fake = FakeStripe::start().await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let backend = format!("http://{}", listener.local_addr().unwrap());
    let account = portal_backend::Account::seed(&fake, &backend).unwrap();
    let app = portal_backend::app(fake.client(), format!("{backend}/"), account.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (fake, backend, account)
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().redirect(Policy::none()).build().unwrap()
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[tokio::test]
async fn every_route_redirects_to_its_session_with_the_right_params() {
    let (fake, backend, account) = start().await;
    let sub = account.subscription.as_str();
    let expect = |flow: Option<&str>, flow_pairs: &[(&str, &str)]| {
        let mut pairs = owned(&[("customer", account.customer.as_str()), ("return_url", &format!("{backend}/"))]);
        if let Some(flow) = flow {
            pairs.extend(owned(&[("flow_data[type]", flow)]));
            pairs.extend(owned(flow_pairs));
            pairs.extend(owned(&[
                ("flow_data[after_completion][type]", "redirect"),
                ("flow_data[after_completion][redirect][return_url]", &format!("{backend}/billing/done/{flow}")),
            ]));
        }
        pairs
    };
    let cases = [
        ("/create-customer-portal-session", expect(None, &[])),
        ("/portal/update-payment-method", expect(Some("payment_method_update"), &[])),
        (
            "/portal/cancel-subscription",
            expect(Some("subscription_cancel"), &[("flow_data[subscription_cancel][subscription]", sub)]),
        ),
        (
            "/portal/update-subscription",
            expect(Some("subscription_update"), &[("flow_data[subscription_update][subscription]", sub)]),
        ),
    ];
    for (route, expected) in cases {
        let response = browser().post(format!("{backend}{route}")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "{route}");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with(&format!("{}/p/session/test_", fake.base_url())), "{route}: {location}");
        let sent = fake.requests().into_iter().rev().find(|r| r.path == "/v1/billing_portal/sessions").unwrap();
        assert_eq!(sent.params, expected, "{route}");
        assert_eq!(sent.status, 200, "{route}");
    }
}

#[tokio::test]
async fn the_whole_loop_manage_billing_cancel_webhook_back_to_the_app() {
    let (fake, backend, account) = start().await;
    // "Manage billing": to the portal page.
    let response = browser().post(format!("{backend}/portal/cancel-subscription")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let portal = response.headers()["location"].to_str().unwrap().to_owned();
    let page = browser().get(&portal).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(r#"value="cancel_subscription""#), "{page}");

    // The customer cancels; the portal sends them back to the app.
    let response =
        browser().post(format!("{portal}/actions")).form(&[("action", "cancel_subscription")]).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()["location"], format!("{backend}/billing/done/subscription_cancel").as_str());
    let done = browser().get(format!("{backend}/billing/done/subscription_cancel")).send().await.unwrap();
    assert!(done.text().await.unwrap().contains("Your cancellation is recorded."));

    // The webhook reached the app's own endpoint, signed, and the app shows what it said.
    within("the webhook delivery", fake.wait_for_deliveries(1)).await;
    let delivery = &fake.deliveries()[0];
    assert_eq!((delivery.url.clone(), delivery.status), (format!("{backend}/webhooks"), Some(200)));
    let cancel_at = fake.object(&account.subscription).unwrap()["cancel_at"].as_i64().unwrap();
    let home = browser().get(format!("{backend}/")).send().await.unwrap().text().await.unwrap();
    assert!(
        home.contains(&format!("Your subscription {} is scheduled to end at {cancel_at}", account.subscription)),
        "{home}"
    );
}

#[tokio::test]
async fn a_webhook_without_a_valid_signature_is_refused() {
    let (_fake, backend, _account) = start().await;
    let forged = browser()
        .post(format!("{backend}/webhooks"))
        .header("stripe-signature", "t=1,v1=00")
        .body(r#"{"id":"evt_1","object":"event","type":"customer.subscription.deleted"}"#)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::BAD_REQUEST);
    let home = browser().get(format!("{backend}/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains(r#"<ul id="notices"></ul>"#), "nothing recorded: {home}");
}

#[tokio::test]
async fn a_stripe_error_becomes_a_502_without_details() {
    let (fake, backend, _account) = start().await;
    fake.fail_next("POST", "/v1/billing_portal/sessions", 400, 1);
    let response = browser().post(format!("{backend}/create-customer-portal-session")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert!(response.headers().get("location").is_none());
    let body = response.text().await.unwrap();
    assert!(!body.contains("cus_") && !body.contains("sk_test"), "{body}");
}

#[tokio::test]
async fn the_pages_around_the_portal() {
    let (fake, backend, _account) = start().await;
    let home = browser().get(format!("{backend}/")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let home = home.text().await.unwrap();
    assert!(home.contains(r#"<form method="post" action="/create-customer-portal-session">"#), "{home}");
    assert!(home.contains("Manage billing"));
    for action in ["update-payment-method", "cancel-subscription", "update-subscription"] {
        assert!(home.contains(&format!(r#"action="/portal/{action}""#)), "{action}");
    }
    let unknown = browser().get(format!("{backend}/billing/done/whatever")).send().await.unwrap();
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(fake.requests().is_empty(), "pages call Stripe only on a click");
}
