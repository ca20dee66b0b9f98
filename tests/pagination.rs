//! Auto-pagination of list calls against a mock Stripe on 127.0.0.1: the walk across pages, its
//! cursors, and the ways it must stop even when the server says there is more.

use futures_util::StreamExt;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use stripe_billing_portal::configurations::ConfigurationListParams;
use stripe_billing_portal::{Client, Error};
use support::{client_for, every_item, fixture};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod support;

const PATH: &str = "/v1/billing_portal/configurations";

/// A page of configurations (Stripe's fixture) with the ids `ids`.
fn page(ids: &[&str], has_more: bool) -> Value {
    support::list_page(PATH, &fixture("billing_portal.configuration"), ids, has_more)
}

/// A mock Stripe whose list answer depends on the query string, via `answer(query) -> (status, body)`.
async fn stripe_listing(answer: impl Fn(&str) -> (u16, Value) + Send + Sync + 'static) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(PATH))
        .respond_with(move |request: &Request| {
            let (status, body) = answer(request.url.query().unwrap_or(""));
            ResponseTemplate::new(status).set_body_json(body)
        })
        .mount(&server)
        .await;
    let client = client_for(&server.uri());
    (server, client)
}

/// Wraps `answer` so that any request after the `max`th fails: a walk that does not stop ends in an
/// error (and a failed test) instead of hanging.
fn at_most(max: usize, answer: impl Fn(&str) -> (u16, Value)) -> impl Fn(&str) -> (u16, Value) {
    let seen = AtomicUsize::new(0);
    move |query| {
        if seen.fetch_add(1, Ordering::SeqCst) >= max {
            return (400, json!({"error": {"message": format!("request {} is one too many", max + 1)}}));
        }
        answer(query)
    }
}

/// The query strings of every request received, in order.
async fn queries(server: &MockServer) -> Vec<String> {
    let requests = server.received_requests().await.unwrap();
    requests.iter().map(|r| r.url.query().unwrap_or("").to_owned()).collect()
}

/// Three pages of two, two and one, linked by `starting_after`.
fn three_pages(query: &str) -> (u16, Value) {
    match query {
        "limit=2" => (200, page(&["bpc_1", "bpc_2"], true)),
        "limit=2&starting_after=bpc_2" => (200, page(&["bpc_3", "bpc_4"], true)),
        "limit=2&starting_after=bpc_4" => (200, page(&["bpc_5"], false)),
        other => (400, json!({"error": {"type": "invalid_request_error", "message": format!("unexpected {other}")}})),
    }
}

#[tokio::test]
async fn a_list_is_walked_across_three_pages() {
    let (server, client) = stripe_listing(three_pages).await;
    let stream = client.configurations().list(ConfigurationListParams::new().limit(2)).paginate();
    assert_eq!(every_item(stream).await.1, ["bpc_1", "bpc_2", "bpc_3", "bpc_4", "bpc_5"]);
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_4"]);
}

#[tokio::test]
async fn per_request_options_apply_to_every_page() {
    let (server, client) = stripe_listing(three_pages).await;
    let stream =
        client.configurations().list(ConfigurationListParams::new().limit(2)).stripe_account("acct_123").paginate();
    assert_eq!(every_item(stream).await.1.len(), 5);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for request in requests {
        assert_eq!(request.headers.get("stripe-account").unwrap(), "acct_123");
    }
}

#[tokio::test]
async fn an_empty_page_stops_the_walk_even_if_has_more_is_true() {
    let (server, client) = stripe_listing(at_most(2, |query| {
        if query.is_empty() {
            (200, page(&["bpc_1"], true))
        } else {
            (200, page(&[], true))
        }
    }))
    .await;
    let stream = client.configurations().list(ConfigurationListParams::new()).paginate();
    assert_eq!(every_item(stream).await.1, ["bpc_1"]);
    assert_eq!(queries(&server).await, ["", "starting_after=bpc_1"]);
}

#[tokio::test]
async fn a_cursor_that_does_not_move_stops_the_walk() {
    // A server that ignores `starting_after` and always says there is more.
    let (server, client) = stripe_listing(at_most(2, |_| (200, page(&["bpc_1", "bpc_2"], true)))).await;
    let stream = client.configurations().list(ConfigurationListParams::new()).paginate();
    assert_eq!(every_item(stream).await.1, ["bpc_1", "bpc_2", "bpc_1", "bpc_2"]);
    assert_eq!(queries(&server).await, ["", "starting_after=bpc_2"]);
}

#[tokio::test]
async fn a_cursor_that_comes_back_stops_the_walk() {
    // A server whose pages lead from `bpc_2` to `bpc_4` and back to `bpc_2`, forever.
    let (server, client) = stripe_listing(at_most(3, |query| match query {
        "" | "starting_after=bpc_4" => (200, page(&["bpc_1", "bpc_2"], true)),
        _ => (200, page(&["bpc_3", "bpc_4"], true)),
    }))
    .await;
    let stream = client.configurations().list(ConfigurationListParams::new()).paginate();
    assert_eq!(every_item(stream).await.1, ["bpc_1", "bpc_2", "bpc_3", "bpc_4", "bpc_1", "bpc_2"]);
    assert_eq!(queries(&server).await, ["", "starting_after=bpc_2", "starting_after=bpc_4"]);
}

#[tokio::test]
async fn ending_before_walks_backwards() {
    let (server, client) = stripe_listing(|query| match query {
        "limit=2&ending_before=bpc_10" => (200, page(&["bpc_8", "bpc_9"], true)),
        "limit=2&ending_before=bpc_8" => (200, page(&["bpc_6", "bpc_7"], false)),
        other => (400, json!({"error": {"message": format!("unexpected {other}")}})),
    })
    .await;
    let stream =
        client.configurations().list(ConfigurationListParams::new().limit(2).ending_before("bpc_10")).paginate();
    // Each page reversed: the walk moves steadily away from the cursor.
    assert_eq!(every_item(stream).await.1, ["bpc_9", "bpc_8", "bpc_7", "bpc_6"]);
    assert_eq!(queries(&server).await, ["limit=2&ending_before=bpc_10", "limit=2&ending_before=bpc_8"]);
}

#[tokio::test]
async fn starting_after_given_by_the_caller_is_the_first_cursor() {
    let (server, client) = stripe_listing(three_pages).await;
    let params = ConfigurationListParams::new().limit(2).starting_after("bpc_2");
    let stream = client.configurations().list(params).paginate();
    assert_eq!(every_item(stream).await.1, ["bpc_3", "bpc_4", "bpc_5"]);
    assert_eq!(queries(&server).await, ["limit=2&starting_after=bpc_2", "limit=2&starting_after=bpc_4"]);
}

#[tokio::test]
async fn an_error_ends_the_stream_after_the_objects_before_it() {
    let (server, client) = stripe_listing(|query| match query {
        "" => (200, page(&["bpc_1"], true)),
        _ => (400, json!({"error": {"type": "invalid_request_error", "message": "nope"}})),
    })
    .await;
    let mut stream = client.configurations().list(ConfigurationListParams::new()).paginate();
    assert_eq!(stream.next().await.unwrap().unwrap().id, "bpc_1");
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert!(stream.next().await.is_none());
    assert_eq!(queries(&server).await.len(), 2);
}

#[tokio::test]
async fn collect_at_most_fetches_no_page_beyond_n() {
    let (server, client) = stripe_listing(three_pages).await;
    let first_three =
        client.configurations().list(ConfigurationListParams::new().limit(2)).collect_at_most(3).await.unwrap();
    let ids: Vec<_> = first_three.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["bpc_1", "bpc_2", "bpc_3"]);
    assert_eq!(queries(&server).await, ["limit=2", "limit=2&starting_after=bpc_2"]);
}

#[tokio::test]
async fn collect_at_most_asks_for_pages_of_n_when_no_limit_is_set() {
    let (server, client) = stripe_listing(|query| match query {
        "limit=3" => (200, page(&["bpc_1", "bpc_2", "bpc_3"], true)),
        other => (400, json!({"error": {"message": format!("unexpected {other}")}})),
    })
    .await;
    let all = client.configurations().list(ConfigurationListParams::new()).collect_at_most(3).await.unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(queries(&server).await, ["limit=3"]);
}

#[tokio::test]
async fn collect_at_most_returns_fewer_when_the_list_is_shorter() {
    let (server, client) = stripe_listing(three_pages).await;
    let stream = client.configurations().list(ConfigurationListParams::new().limit(2)).paginate();
    let all = stream.collect_at_most(1000).await.unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(queries(&server).await.len(), 3);
}

#[tokio::test]
async fn collect_at_most_zero_sends_nothing() {
    let (server, client) = stripe_listing(three_pages).await;
    let none = client.configurations().list(ConfigurationListParams::new()).collect_at_most(0).await.unwrap();
    assert!(none.is_empty());
    assert!(queries(&server).await.is_empty());
}

#[tokio::test]
async fn invalid_list_params_fail_on_the_first_poll() {
    let (server, client) = stripe_listing(three_pages).await;
    let mut stream = client.configurations().list(ConfigurationListParams::new().limit(0)).paginate();
    match stream.next().await {
        Some(Err(Error::InvalidParam { param, .. })) => assert_eq!(param, "limit"),
        other => panic!("expected an invalid `limit`, got {other:?}"),
    }
    assert!(stream.next().await.is_none());
    assert!(queries(&server).await.is_empty());
}

#[tokio::test]
async fn the_stream_and_its_futures_can_move_across_threads() {
    fn assert_send<T: Send>(value: T) -> T {
        value
    }
    let (server, client) = stripe_listing(three_pages).await;
    let stream = assert_send(client.configurations().list(ConfigurationListParams::new().limit(2)).paginate());
    let collected = tokio::spawn(assert_send(stream.collect_at_most(4))).await.unwrap().unwrap();
    assert_eq!(collected.len(), 4);
    let call = client.configurations().list(ConfigurationListParams::new().limit(2));
    let all = tokio::spawn(assert_send(call.collect_at_most(10))).await.unwrap().unwrap();
    assert_eq!(all.len(), 5);
    assert_eq!(queries(&server).await.len(), 5);
}
