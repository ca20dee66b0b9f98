//! The subscription look-up a `subscription_update_confirm` deep link needs, against a mock Stripe
//! on 127.0.0.1: `GET /v1/subscriptions/{id}`, Stripe's own fixture decoded, and the helper that
//! turns a single-item subscription into the flow.

use serde_json::{json, Value};
use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
use stripe_billing_portal::subscriptions::{Subscription, SubscriptionStatus};
use stripe_billing_portal::{Client, Error};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const SUB_ID: &str = "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw";

fn fixtures() -> Value {
    serde_json::from_str(include_str!("fixtures/stripe-fixtures.json")).unwrap()
}

/// Stripe's published `subscription` fixture.
fn subscription_fixture() -> Value {
    fixtures()["subscription"].clone()
}

/// A mock Stripe answering `GET /v1/subscriptions/{id}` with `body`, and a client pointed at it.
async fn stripe_with_subscription(id: &str, body: Value) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/subscriptions/{id}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_123").base_url(server.uri()).max_retries(0).build().unwrap();
    (server, client)
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "exactly one request");
    requests.remove(0)
}

fn decode(body: Value) -> Subscription {
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn retrieve_is_a_get_with_the_id_in_the_path() {
    let (server, client) = stripe_with_subscription(SUB_ID, subscription_fixture()).await;
    let subscription = client.subscriptions().retrieve(SUB_ID).send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), format!("/v1/subscriptions/{SUB_ID}"));
    assert_eq!(request.url.query(), None);
    assert!(request.body.is_empty());
    assert_eq!(request.headers.get("authorization").unwrap(), "Bearer sk_test_123");
    assert!(request.headers.get("idempotency-key").is_none());

    // The typed subset of Stripe's fixture.
    assert_eq!(subscription.id, SUB_ID);
    assert_eq!(subscription.customer_id(), "cus_QXg1o8vcGmoR32");
    assert_eq!(subscription.status, SubscriptionStatus::Active);
    assert!(subscription.cancel_at_period_end);
    assert_eq!(subscription.items.data.len(), 1);
    assert!(!subscription.items.has_more);
    let item = &subscription.items.data[0];
    assert_eq!(item.id, "si_QXhVnC2h0Jczwc");
    assert_eq!(item.price.id, "price_1PgafmB7WZ01zgkW6dKueIc5");
    assert_eq!(item.quantity, Some(1));
}

#[tokio::test]
async fn retrieve_with_expand() {
    let (server, client) = stripe_with_subscription(SUB_ID, subscription_fixture()).await;
    client.subscriptions().retrieve(SUB_ID).expand("latest_invoice").expand("schedule").send().await.unwrap();
    let request = only_request(&server).await;
    // echo '{"expand":["latest_invoice","schedule"]}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(request.url.query(), Some("expand[0]=latest_invoice&expand[1]=schedule"));
}

#[tokio::test]
async fn invalid_ids_are_refused_before_sending() {
    let (server, client) = stripe_with_subscription(SUB_ID, subscription_fixture()).await;
    for id in ["", "sub_1/../../v1/customers", "sub 1"] {
        match client.subscriptions().retrieve(id).send().await {
            Err(Error::InvalidParam { param, .. }) => assert_eq!(param, "subscription"),
            other => panic!("expected an invalid `subscription` for {id:?}, got {other:?}"),
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn look_up_then_deep_link_into_update_confirm() {
    // The guide's sequence: retrieve the subscription, read its item id, create the session.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/subscriptions/{SUB_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(subscription_fixture()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/billing_portal/sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixtures()["billing_portal.session"].clone()))
        .mount(&server)
        .await;
    let client = Client::builder("sk_test_123").base_url(server.uri()).build().unwrap();

    let subscription = client.subscriptions().retrieve(SUB_ID).send().await.unwrap();
    let confirm = subscription.update_confirm("price_gold", 3).unwrap();
    let customer = subscription.customer_id().to_owned();
    let params = SessionCreateParams::new(customer)
        .return_url("https://example.com/account")
        .configuration("bpc_1Pgc70B7WZ01zgkWSnFO04Vt")
        .flow_data(FlowData::subscription_update_confirm(confirm));
    client.sessions().create(params).send().await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].method.as_str(), "POST");
    // echo '{"customer":"cus_QXg1o8vcGmoR32","return_url":"https://example.com/account",
    //   "configuration":"bpc_1Pgc70B7WZ01zgkWSnFO04Vt","flow_data":{"type":"subscription_update_confirm",
    //   "subscription_update_confirm":{"subscription":"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
    //   "items":[{"id":"si_QXhVnC2h0Jczwc","price":"price_gold","quantity":3}]}}}' | ../shared/tools/stripe-encode | head -1
    let golden = "customer=cus_QXg1o8vcGmoR32&return_url=https%3A%2F%2Fexample.com%2Faccount&configuration=bpc_1Pgc70B7WZ01zgkWSnFO04Vt&flow_data[type]=subscription_update_confirm&flow_data[subscription_update_confirm][subscription]=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw&flow_data[subscription_update_confirm][items][0][id]=si_QXhVnC2h0Jczwc&flow_data[subscription_update_confirm][items][0][price]=price_gold&flow_data[subscription_update_confirm][items][0][quantity]=3";
    assert_eq!(String::from_utf8(requests[1].body.clone()).unwrap(), golden);
}

fn flow_pairs(
    subscription: &Subscription,
    build: impl Fn(&Subscription) -> Result<FlowData, Error>,
) -> Vec<(String, String)> {
    let params = SessionCreateParams::new("cus_1").flow_data(build(subscription).unwrap());
    stripe_billing_portal::form::to_pairs(&params).unwrap()
}

#[test]
fn price_only_and_quantity_only_changes() {
    let subscription = decode(subscription_fixture());
    let base = [
        ("customer", "cus_1"),
        ("flow_data[type]", "subscription_update_confirm"),
        ("flow_data[subscription_update_confirm][subscription]", SUB_ID),
        ("flow_data[subscription_update_confirm][items][0][id]", "si_QXhVnC2h0Jczwc"),
    ];
    let with = |extra: (&str, &str)| -> Vec<(String, String)> {
        base.iter().chain([&extra]).map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    assert_eq!(
        flow_pairs(&subscription, |s| s.update_confirm_price("price_gold").map(FlowData::subscription_update_confirm)),
        with(("flow_data[subscription_update_confirm][items][0][price]", "price_gold"))
    );
    assert_eq!(
        flow_pairs(&subscription, |s| s.update_confirm_quantity(5).map(FlowData::subscription_update_confirm)),
        with(("flow_data[subscription_update_confirm][items][0][quantity]", "5"))
    );
}

fn assert_items_error(subscription: &Subscription, mentions: &[&str]) {
    for result in [
        subscription.update_confirm("price_gold", 1).map(drop),
        subscription.update_confirm_price("price_gold").map(drop),
        subscription.update_confirm_quantity(2).map(drop),
        subscription.single_item().map(drop),
    ] {
        match result {
            Err(Error::InvalidParam { param, reason }) => {
                assert_eq!(param, "flow_data[subscription_update_confirm][items]");
                for text in mentions {
                    assert!(reason.contains(text), "{reason:?} mentions {text:?}");
                }
            }
            other => panic!("expected an items error, got {other:?}"),
        }
    }
}

#[test]
fn a_subscription_without_items_is_a_clear_error() {
    let mut body = subscription_fixture();
    body["items"]["data"] = json!([]);
    assert_items_error(&decode(body), &[SUB_ID, "no items"]);
}

#[test]
fn a_subscription_with_two_items_is_a_clear_error() {
    let mut body = subscription_fixture();
    let mut second = fixtures()["subscription_item"].clone();
    second["id"] = json!("si_second");
    body["items"]["data"].as_array_mut().unwrap().push(second);
    assert_items_error(&decode(body), &[SUB_ID, "si_QXhVnC2h0Jczwc", "si_second"]);
}

#[test]
fn an_incomplete_item_list_is_not_taken_for_a_single_item() {
    let mut body = subscription_fixture();
    body["items"]["has_more"] = json!(true);
    assert_items_error(&decode(body), &[SUB_ID, "si_QXhVnC2h0Jczwc", "and more"]);
}
