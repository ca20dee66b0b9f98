//! The example endpoint (examples/webhook_server.rs), started on 127.0.0.1 and sent real HTTP
//! requests: signed events are handled (200), unsigned or wrongly signed ones refused (400).

#[allow(dead_code)] // The example's `main` is not used here.
#[path = "../examples/webhook_server.rs"]
mod webhook_server;

use serde_json::{json, Value};
use stripe_billing_portal::webhooks::{signature_header, unix_now};

const SECRET: &str = "whsec_server_test_secret";

fn fixture(name: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("fixtures/stripe-fixtures.json")).unwrap();
    all[name].clone()
}

fn event(event_type: &str, object: Value, previous_attributes: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": "evt_server_test",
        "object": "event",
        "api_version": "2025-06-30.basil",
        "created": 1_721_954_060,
        "livemode": false,
        "request": { "id": null, "idempotency_key": null },
        "type": event_type,
        "data": { "object": object, "previous_attributes": previous_attributes },
    }))
    .unwrap()
}

/// Starts the example's router on an ephemeral port and returns its webhook URL.
async fn start(secret: &str) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let app = webhook_server::app(secret);
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}{}", webhook_server::PATH)
}

async fn post(url: &str, body: Vec<u8>, signature: Option<String>) -> (u16, String) {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut request = client.post(url).header("content-type", "application/json").body(body);
    if let Some(signature) = signature {
        request = request.header("Stripe-Signature", signature);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn upgrade() -> Vec<u8> {
    let mut previous_items = fixture("subscription")["items"].clone();
    previous_items["data"][0]["price"]["id"] = json!("price_basic_monthly");
    let mut subscription = fixture("subscription");
    subscription["cancel_at_period_end"] = json!(false);
    event("customer.subscription.updated", subscription, json!({ "items": previous_items }))
}

#[tokio::test]
async fn a_signed_upgrade_is_granted_and_an_unsigned_one_refused() {
    let url = start(SECRET).await;
    let body = upgrade();

    let signed = signature_header(&body, SECRET, unix_now());
    let (status, text) = post(&url, body.clone(), Some(signed)).await;
    assert_eq!(status, 200, "{text}");
    assert_eq!(text, "granted price_1PgafmB7WZ01zgkW6dKueIc5 to cus_QXg1o8vcGmoR32");

    let (status, text) = post(&url, body.clone(), None).await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("no Stripe-Signature header"), "{text}");

    let forged = signature_header(&body, "whsec_someone_else", unix_now());
    let (status, text) = post(&url, body, Some(forged)).await;
    assert_eq!(status, 400, "{text}");
    assert!(!text.contains(SECRET), "{text}");
}

#[tokio::test]
async fn a_tampered_body_is_refused() {
    let url = start(SECRET).await;
    let body = upgrade();
    let signed = signature_header(&body, SECRET, unix_now());
    let mut tampered = body;
    tampered.extend_from_slice(b" ");
    let (status, _) = post(&url, tampered, Some(signed)).await;
    assert_eq!(status, 400);
}

#[tokio::test]
async fn deletion_revokes_and_a_scheduled_cancellation_is_noted() {
    let url = start(SECRET).await;

    let mut ended = fixture("subscription");
    ended["status"] = json!("canceled");
    let body = event("customer.subscription.deleted", ended, Value::Null);
    let (status, text) = post(&url, body.clone(), Some(signature_header(&body, SECRET, unix_now()))).await;
    assert_eq!((status, text.as_str()), (200, "revoked access of cus_QXg1o8vcGmoR32 to sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));

    let previous = json!({ "cancel_at_period_end": false, "cancel_at": null });
    let body = event("customer.subscription.updated", fixture("subscription"), previous);
    let (status, text) = post(&url, body.clone(), Some(signature_header(&body, SECRET, unix_now()))).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.starts_with("noted cancellation of sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"), "{text}");

    let body = serde_json::to_vec(&fixture("event")).unwrap();
    let (status, text) = post(&url, body.clone(), Some(signature_header(&body, SECRET, unix_now()))).await;
    assert_eq!((status, text.as_str()), (200, "acknowledged plan.created evt_1Pgc76B7WZ01zgkWwyRHS12y"));
}
