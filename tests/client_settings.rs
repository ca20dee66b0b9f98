//! Client settings against servers on 127.0.0.1: what is refused (zero timeouts, empty or
//! non-ASCII API versions, bad default accounts), what the client sends by default
//! (`Stripe-Account`), `Client::from_env`, the clear-text opt-in for a remote mock, and under the
//! `http2` feature, concurrent calls over one connection.

use std::time::Duration;
use stripe_billing_portal::sessions::SessionCreateParams;
use stripe_billing_portal::{Client, Error};
use support::{fixture, KEY};
use wiremock::{MockServer, Request};

mod support;

/// A mock Stripe answering every request with the session fixture.
async fn stripe() -> MockServer {
    support::stripe_answering(200, fixture("billing_portal.session")).await.0
}

/// Every value of header `name` (to tell "replaced" from "sent twice").
fn header<'r>(request: &'r Request, name: &str) -> Vec<&'r str> {
    request.headers.get_all(name).iter().map(|value| value.to_str().unwrap()).collect()
}

fn config_message(err: Error) -> String {
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    err.to_string()
}

#[test]
fn client_settings_that_cannot_work_are_config_errors_naming_the_setting() {
    let base = || Client::builder(KEY);
    let ascii = "must be visible ASCII with no spaces (e.g. `2026-10-28.endive`)";
    let cases = [
        (base().timeout(Duration::ZERO), "timeout must be greater than zero".to_owned()),
        (base().api_version(""), "api_version \"\": must not be empty".to_owned()),
        (base().api_version("2026-10-28.endivé"), format!("api_version \"2026-10-28.endivé\": {ascii}")),
        (base().api_version("2026-10-28 endive"), format!("api_version \"2026-10-28 endive\": {ascii}")),
        (
            base().stripe_account("acct_1\r\nX-Injected: 1"),
            "stripe_account (Stripe-Account) must be visible ASCII with no line breaks".to_owned(),
        ),
        (base().stripe_account(""), "stripe_account (Stripe-Account) must not be empty".to_owned()),
    ];
    for (builder, reason) in cases {
        let message = config_message(builder.build().unwrap_err());
        assert_eq!(message, format!("invalid client configuration: {reason}"));
    }
    assert!(base().timeout(Duration::from_millis(1)).api_version("2025-01-27.acacia").build().is_ok());
}

#[tokio::test]
async fn per_call_settings_that_cannot_work_are_invalid_params_and_nothing_is_sent() {
    let server = stripe().await;
    let client = Client::builder(KEY).base_url(server.uri()).build().unwrap();
    let create = || client.sessions().create(SessionCreateParams::new("cus_123"));
    let cases = [
        (create().timeout(Duration::ZERO), "invalid parameter `timeout`: must be greater than zero"),
        (create().api_version(""), "invalid parameter `Stripe-Version`: must not be empty"),
        (
            create().api_version("2026-10-28.é"),
            "invalid parameter `Stripe-Version`: must be visible ASCII with no spaces (e.g. `2026-10-28.endive`)",
        ),
        (create().stripe_account(""), "invalid parameter `Stripe-Account`: must not be empty"),
    ];
    for (call, message) in cases {
        assert_eq!(call.preview().unwrap_err().to_string(), message);
        let err = call.send().await.unwrap_err();
        assert!(matches!(&err, Error::InvalidParam { .. }), "{err:?}");
    }
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn a_default_stripe_account_is_sent_unless_a_call_sets_its_own() {
    let server = stripe().await;
    let client = Client::builder(KEY).base_url(server.uri()).stripe_account("acct_default").build().unwrap();
    assert_eq!(client.stripe_account(), Some("acct_default"));
    assert!(format!("{client:?}").contains(r#"stripe_account: Some("acct_default")"#), "{client:?}");
    let without = Client::builder(KEY).base_url(server.uri()).build().unwrap();
    assert_eq!(without.stripe_account(), None);
    assert!(format!("{without:?}").contains("stripe_account: None"), "{without:?}");
    client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    client.sessions().create(SessionCreateParams::new("cus_123")).stripe_account("acct_call").send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "stripe-account"), ["acct_default"]);
    assert_eq!(header(&requests[1], "stripe-account"), ["acct_call"], "replaced, not sent twice");
}

#[tokio::test]
async fn plain_http_to_a_remote_host_works_only_with_the_loud_opt_in() {
    let server = stripe().await;
    // "stripe-mock" resolves to the mock on 127.0.0.1, as a docker-compose service name would.
    let http = || reqwest::Client::builder().resolve("stripe-mock", *server.address()).build().unwrap();
    let url = format!("http://stripe-mock:{}", server.address().port());

    let err = Client::builder(KEY).base_url(&url).http_client(http()).build().unwrap_err();
    assert!(config_message(err).contains("plain http is only allowed for loopback hosts"));

    let client = Client::builder(KEY).base_url(&url).http_client(http()).danger_allow_insecure_http().build().unwrap();
    let session = client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    assert_eq!(session.id, fixture("billing_portal.session")["id"].as_str().unwrap());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "host"), [format!("stripe-mock:{}", server.address().port())]);
}

/// The only test in this binary that touches the process environment, so nothing races it.
#[tokio::test]
async fn from_env_reads_the_key_the_base_url_and_the_account() {
    let server = stripe().await;
    std::env::remove_var("STRIPE_SECRET_KEY");
    std::env::remove_var("STRIPE_API_BASE");
    std::env::remove_var("STRIPE_ACCOUNT");
    assert_eq!(
        config_message(Client::from_env().unwrap_err()),
        "invalid client configuration: environment variable STRIPE_SECRET_KEY is not set"
    );

    std::env::set_var("STRIPE_SECRET_KEY", KEY);
    std::env::set_var("STRIPE_API_BASE", server.uri());
    std::env::set_var("STRIPE_ACCOUNT", "acct_env");
    let client = Client::from_env().unwrap();
    client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(header(&requests[0], "authorization"), [format!("Bearer {KEY}")]);
    assert_eq!(header(&requests[0], "stripe-account"), ["acct_env"]);
    assert!(!format!("{client:?}").contains(&KEY[8..]), "the key stays hidden");
}

/// Under `http2`, concurrent calls share one multiplexed connection. Plain-text HTTP/2 needs
/// prior knowledge, so the test hands the client such a `reqwest::Client`; against Stripe the
/// same happens over TLS, negotiated by ALPN (not testable without a certificate here).
#[cfg(feature = "http2")]
#[tokio::test]
async fn http2_carries_concurrent_calls_over_one_connection() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;
    use tokio::net::{TcpListener, TcpStream};

    let server = stripe().await;
    // A TCP relay in front of the mock that counts the connections the client opens.
    let relay = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay_url = format!("http://{}", relay.local_addr().unwrap());
    let connections = Arc::new(AtomicUsize::new(0));
    let (count, target) = (connections.clone(), *server.address());
    tokio::spawn(async move {
        while let Ok((mut inbound, _)) = relay.accept().await {
            count.fetch_add(1, Ordering::SeqCst);
            tokio::spawn(async move {
                let mut outbound = TcpStream::connect(target).await.unwrap();
                let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
            });
        }
    });

    let http = reqwest::Client::builder().http2_prior_knowledge().build().unwrap();
    let client = Client::builder(KEY).base_url(relay_url).http_client(http).build().unwrap();
    let calls = (0..8).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.sessions().create(SessionCreateParams::new("cus_123")).send().await })
    });
    for call in calls.collect::<Vec<_>>() {
        call.await.unwrap().unwrap();
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 8);
    assert_eq!(connections.load(Ordering::SeqCst), 1, "eight concurrent calls, one connection");
}
