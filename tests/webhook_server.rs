//! The `StripeEvent` axum extractor (feature `axum`) and the example endpoint built on it
//! (examples/webhook_server.rs), started on 127.0.0.1 and sent real HTTP requests: signed events
//! reach the handler (200); a missing, forged or stale signature or a tampered body is answered 400
//! with a short reason before the handler runs.
#![cfg(feature = "axum")]

mod support;
#[allow(dead_code)] // The example's `main` is not used here.
#[path = "../examples/webhook_server.rs"]
mod webhook_server;

use axum::extract::{FromRef, State};
use axum::response::IntoResponse;
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};
use stripe_billing_portal::webhooks::axum::{StripeEvent, StripeEventRejection};
use stripe_billing_portal::webhooks::{signature_header, unix_now, Verifier, DEFAULT_TOLERANCE};
use support::fixture;

const SECRET: &str = "whsec_server_test_secret";

fn event(event_type: &str, object: Value, previous_attributes: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "id": "evt_server_test",
        "object": "event",
        "api_version": "2026-10-28.endive",
        "created": 1_721_954_060,
        "livemode": false,
        "request": { "id": null, "idempotency_key": null },
        "type": event_type,
        "data": { "object": object, "previous_attributes": previous_attributes },
    }))
    .unwrap()
}

/// Serves `app` on an ephemeral 127.0.0.1 port and returns its webhook URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{address}{}", webhook_server::PATH)
}

async fn post_to(url: &str, body: Vec<u8>, signature: Option<String>) -> (u16, String) {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut request = client.post(url).header("content-type", "application/json").body(body);
    if let Some(signature) = signature {
        request = request.header("Stripe-Signature", signature);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

fn signed(body: &[u8]) -> Option<String> {
    Some(signature_header(body, SECRET, unix_now()))
}

fn upgrade() -> Vec<u8> {
    let mut previous_items = fixture("subscription")["items"].clone();
    previous_items["data"][0]["price"]["id"] = json!("price_basic_monthly");
    let mut subscription = fixture("subscription");
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = Value::Null;
    event("customer.subscription.updated", subscription, json!({ "items": previous_items }))
}

#[tokio::test]
async fn a_signed_upgrade_is_granted_and_an_unsigned_or_forged_one_refused() {
    let url = serve(webhook_server::app(SECRET).unwrap()).await;
    let body = upgrade();

    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!(
        (status, text.as_str()),
        (200, "granted price_1PgafmB7WZ01zgkW6dKueIc5 on sub_1Pgc6rB7WZ01zgkWNy0Cn5nw")
    );

    let (status, text) = post_to(&url, body.clone(), None).await;
    assert_eq!((status, text.as_str()), (400, "webhook refused: the request has no Stripe-Signature header"));

    let forged = signature_header(&body, "whsec_someone_else", unix_now());
    let (status, text) = post_to(&url, body, Some(forged)).await;
    assert_eq!(status, 400);
    assert!(text.starts_with("webhook refused: no v1 signature"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
}

#[tokio::test]
async fn a_stale_signature_or_a_tampered_body_is_refused() {
    let url = serve(webhook_server::app(SECRET).unwrap()).await;
    let body = upgrade();
    let stale_at = unix_now() - i64::try_from(DEFAULT_TOLERANCE.as_secs()).unwrap() - 60;
    let stale = signature_header(&body, SECRET, stale_at);
    let (status, text) = post_to(&url, body.clone(), Some(stale)).await;
    assert_eq!(status, 400);
    assert!(text.starts_with("webhook refused: the signature's timestamp"), "{text}");
    assert!(text.contains("beyond the tolerance of 300 s"), "{text}");

    let signature = signed(&body);
    let mut tampered = body;
    tampered.extend_from_slice(b" ");
    let (status, text) = post_to(&url, tampered, signature).await;
    assert_eq!(status, 400, "{text}");

    let (status, text) = post_to(&url, b"{}".to_vec(), Some("t=1,v1=00".to_owned())).await;
    assert_eq!(status, 400, "{text}");
}

#[tokio::test]
async fn the_portal_cancellation_is_noted_then_its_feedback() {
    let url = serve(webhook_server::app(SECRET).unwrap()).await;
    let mut subscription = fixture("subscription");
    subscription["billing_mode"] = json!({ "type": "flexible" });
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = json!(1_769_904_000);
    subscription["items"]["data"][0]["current_period_end"] = json!(1_769_904_000);
    let body = event(
        "customer.subscription.updated",
        subscription.clone(),
        json!({ "cancel_at": null, "cancellation_details": { "reason": null } }),
    );
    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!(status, 200);
    assert_eq!(
        text,
        "noted cancellation of sub_1Pgc6rB7WZ01zgkWNy0Cn5nw at period end (Some(1769904000)), feedback: none yet"
    );

    subscription["cancellation_details"]["feedback"] = json!("unused");
    let body =
        event("customer.subscription.updated", subscription, json!({ "cancellation_details": { "feedback": null } }));
    let (_, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert!(text.ends_with("feedback: unused"), "{text}");

    let mut ended = fixture("subscription");
    ended["status"] = json!("canceled");
    let body = event("customer.subscription.deleted", ended, Value::Null);
    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!((status, text.as_str()), (200, "revoked access to sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));

    let body = serde_json::to_vec(&fixture("event")).unwrap();
    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!((status, text.as_str()), (200, "acknowledged plan.created evt_1Pgc76B7WZ01zgkWwyRHS12y"));
}

#[test]
fn the_example_refuses_a_secret_that_is_not_a_signing_secret() {
    let error = webhook_server::app("sk_test_4eC39HqLyjWDarjtT1zdp7dc").unwrap_err();
    assert!(error.is_configuration_error(), "{error}");
}

/// An app state with more than the verifier: the extractor finds it through `FromRef`.
#[derive(Clone)]
struct AppState {
    verifier: Verifier,
    name: &'static str,
}

impl FromRef<AppState> for Verifier {
    fn from_ref(state: &AppState) -> Verifier {
        state.verifier.clone()
    }
}

async fn logged(
    State(state): State<AppState>,
    event: Result<StripeEvent, StripeEventRejection>,
) -> axum::response::Response {
    match event {
        Ok(StripeEvent(event)) => format!("{} got {} ({})", state.name, event.id, event.event_type).into_response(),
        Err(rejection) => {
            let refused = matches!(rejection, StripeEventRejection::Refused(ref error) if error.is_signature_error());
            let mut response = rejection.into_response();
            response.headers_mut().insert("x-signature-refused", refused.to_string().parse().unwrap());
            response
        }
    }
}

#[tokio::test]
async fn the_extractor_reads_the_verifier_from_a_larger_state_and_can_be_handled_by_hand() {
    let state = AppState { verifier: Verifier::new(SECRET).unwrap(), name: "billing" };
    let app = Router::new().route(webhook_server::PATH, post(logged)).with_state(state);
    let url = serve(app).await;
    let body = event("customer.subscription.created", fixture("subscription"), Value::Null);
    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!((status, text.as_str()), (200, "billing got evt_server_test (customer.subscription.created)"));

    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let response = client.post(&url).header("Stripe-Signature", "t=abc,v1=00").body(body).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(response.headers()["x-signature-refused"], "true");
    assert_eq!(
        response.text().await.unwrap(),
        "webhook refused: malformed Stripe-Signature header: the timestamp `t` is not an integer"
    );
}

#[tokio::test]
async fn a_verified_body_with_an_undecodable_object_is_refused_too() {
    let url = serve(webhook_server::app(SECRET).unwrap()).await;
    let body = event("invoice.paid", json!({ "id": "in_1" }), Value::Null);
    let (status, text) = post_to(&url, body.clone(), signed(&body)).await;
    assert_eq!(status, 400);
    assert!(
        text.starts_with("webhook refused: could not decode the object of invoice.paid event evt_server_test"),
        "{text}"
    );
}

/// A header that is not visible ASCII is refused as malformed, saying so, before the handler runs.
#[tokio::test]
async fn a_signature_header_that_is_not_ascii_is_refused_as_malformed() {
    let url = serve(webhook_server::app(SECRET).unwrap()).await;
    let body = upgrade();
    let mut header = signed(&body).unwrap().into_bytes();
    header.extend_from_slice(b",v0=\xe9");
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let header = reqwest::header::HeaderValue::from_bytes(&header).unwrap();
    let response = client.post(&url).header("Stripe-Signature", header).body(body).send().await.unwrap();
    assert_eq!(response.status().as_u16(), 400);
    assert_eq!(
        response.text().await.unwrap(),
        "webhook refused: malformed Stripe-Signature header: it is not visible ASCII"
    );
}
