//! The secret key never shows: not in `Debug` or `Display` of the client, its builder, a call, a
//! preview, or any error (each error kind raised for real against servers on 127.0.0.1). Keys of
//! the wrong shape and clear-text base URLs to remote hosts are refused when the client is built.

use std::collections::BTreeMap;
use std::error::Error as _;
use stripe_billing_portal::sessions::SessionCreateParams;
use stripe_billing_portal::{Client, Error};
use support::KEY;
use tokio::net::TcpListener;
use wiremock::matchers::{header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

mod support;
/// The part of the key that must never be shown (the `sk_test_` mode prefix may be).
const SECRET: &str = "4eC39HqLyjWDarjtT1zdp7dc";

/// Every way `value` can be formatted, sources of an error included.
fn renderings(value: &(impl std::fmt::Debug + ?Sized)) -> Vec<String> {
    vec![format!("{value:?}"), format!("{value:#?}")]
}

fn error_renderings(err: &Error) -> Vec<String> {
    let mut out = renderings(err);
    out.push(err.to_string());
    let mut source = err.source();
    while let Some(inner) = source {
        out.push(inner.to_string());
        out.push(format!("{inner:?}"));
        source = inner.source();
    }
    out
}

fn assert_hidden(what: &str, texts: &[String]) {
    for text in texts {
        assert!(!text.contains(SECRET), "{what} shows the secret key: {text}");
    }
}

/// A mock Stripe that answers every request that carries the key with `response`.
async fn stripe_answering(response: ResponseTemplate) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("authorization", format!("Bearer {KEY}").as_str()))
        .respond_with(response)
        .mount(&server)
        .await;
    let client = Client::builder(KEY).base_url(server.uri()).max_retries(0).build().unwrap();
    (server, client)
}

async fn create(client: &Client) -> Error {
    client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap_err()
}

#[tokio::test]
async fn no_error_kind_shows_the_key() {
    // Api: Stripe's JSON error, and the key did reach the server.
    let body = serde_json::json!({"error": {"type": "invalid_request_error", "message": "Invalid API Key provided: sk_test_****7dc"}});
    let (server, client) = stripe_answering(ResponseTemplate::new(401).set_body_json(body)).await;
    let api = create(&client).await;
    assert!(matches!(api, Error::Api(_)), "{api:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "the key was sent and matched");

    // Http: an error status with a proxy's page.
    let (_server, client) =
        stripe_answering(ResponseTemplate::new(502).set_body_raw("<html>Bad Gateway</html>", "text/html")).await;
    let http = create(&client).await;
    assert!(matches!(http, Error::Http { .. }), "{http:?}");

    // Decode: a success that is not a session.
    let (_server, client) = stripe_answering(ResponseTemplate::new(200).set_body_raw("[]", "application/json")).await;
    let decode = create(&client).await;
    assert!(matches!(decode, Error::Decode { .. }), "{decode:?}");

    // Transport: nobody listening.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let client = Client::builder(KEY).base_url(format!("http://{address}")).max_retries(0).build().unwrap();
    let transport = create(&client).await;
    assert!(matches!(transport, Error::Transport { .. }), "{transport:?}");

    // InvalidParam: refused before sending.
    let invalid = client.sessions().create(SessionCreateParams::new("")).send().await.unwrap_err();
    assert!(matches!(invalid, Error::InvalidParam { .. }), "{invalid:?}");

    // Config: a remote clear-text base URL, with a valid key.
    let config = Client::builder(KEY).base_url("http://api.stripe.com").build().unwrap_err();
    assert!(matches!(config, Error::Config(_)), "{config:?}");

    // A value with no form spelling is an invalid parameter named by its path.
    let encode =
        Error::from(stripe_billing_portal::form::to_string(&BTreeMap::from([("amount", f64::NAN)])).unwrap_err());
    assert!(matches!(&encode, Error::InvalidParam { param, .. } if param == "amount"), "{encode:?}");

    for (what, err) in [
        ("Api", &api),
        ("Http", &http),
        ("Decode", &decode),
        ("Transport", &transport),
        ("InvalidParam", &invalid),
        ("Config", &config),
        ("InvalidParam from the encoder", &encode),
    ] {
        assert_hidden(what, &error_renderings(err));
    }
}

#[tokio::test]
async fn a_bad_key_is_never_quoted_in_its_error() {
    // Keys that are wrong only by a character must not be echoed back either.
    for key in
        ["sk_test_4eC39HqLyjWDarjtT1zdp7dc\n", "pk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_4eC39HqLyjWDarjtT1zdp7dc é"]
    {
        let err = Client::new(key).unwrap_err();
        assert_hidden("a key refused at construction", &error_renderings(&err));
    }
}

#[test]
fn the_client_its_builder_calls_and_previews_hide_the_key() {
    let builder = Client::builder(KEY).base_url("http://127.0.0.1:12111");
    assert_hidden("ClientBuilder", &renderings(&builder));
    assert!(format!("{builder:?}").contains("secret_key: \"********\""), "nothing of the key is shown: {builder:?}");
    let client = builder.build().unwrap();
    assert_hidden("Client", &renderings(&client));
    assert!(format!("{client:?}").contains("sk_test_********"), "the mode is shown: {client:?}");

    let call = client.sessions().create(SessionCreateParams::new("cus_123")).stripe_account("acct_1");
    assert_hidden("Call", &renderings(&call));
    let preview = call.preview().unwrap();
    let mut texts = renderings(&preview);
    texts.extend([preview.to_string(), preview.curl(), preview.pretty_body(), preview.url().to_owned()]);
    texts.extend(preview.headers().iter().map(|(name, value)| format!("{name}: {value}")));
    assert_hidden("Preview", &texts);
    assert!(preview.curl().contains("-H 'authorization: Bearer sk_test_********'"), "{}", preview.curl());
}

#[test]
fn keys_of_the_wrong_shape_are_refused_with_a_clear_error() {
    // Each reason, with the keys refused for it.
    let cases: [(&str, &[&str]); 4] = [
        ("the secret key is empty", &[""]),
        (
            "the secret key contains whitespace or control characters",
            &[" ", "sk_test_abc ", "sk_test_abc\n", "\tsk_test_abc", "sk_test_\u{0}"],
        ),
        ("the secret key contains characters that are not printable ASCII", &["sk_test_é"]),
        (
            "the secret key must start with `sk_` (secret) or `rk_` (restricted)",
            &["pk_test_abc", "whsec_abc", "SK_TEST_abc", "abc"],
        ),
    ];
    for (reason, keys) in cases {
        for key in keys {
            let err = Client::new(*key).unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{key:?}: {err:?}");
            assert_eq!(err.to_string(), format!("invalid client configuration: {reason}"), "{key:?}");
        }
    }
    for key in ["sk_test_abc", "sk_live_abc", "rk_test_abc", "rk_live_abc"] {
        assert!(Client::new(key).is_ok(), "{key:?}");
    }
}

/// A base URL written the way `curl -u sk_test_…:` sends the key (as the URL's user) is refused,
/// and neither the error nor the builder's `Debug` repeats what stood before the `@`.
#[test]
fn a_base_url_carrying_the_key_is_refused_without_quoting_it() {
    for url in [
        format!("https://{KEY}:@api.stripe.com"),
        format!("https://{KEY}@api.stripe.com/v1"),
        format!("http://user:{KEY}@127.0.0.1:12111"),
        // Not even a URL: still not echoed.
        format!("https://{KEY}:@api stripe.com"),
        format!("{KEY}:@api.stripe.com"),
    ] {
        let builder = Client::builder(KEY).base_url(&url);
        assert_hidden("ClientBuilder", &renderings(&builder));
        let err = builder.build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{url}: {err:?}");
        assert_hidden("a base URL refused at construction", &error_renderings(&err));
        assert!(err.to_string().contains("********@"), "the URL is shown with its user masked: {err}");
    }
    let err = Client::builder(KEY).base_url(format!("https://{KEY}:@api.stripe.com")).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid client configuration: base URL \"https://********@api.stripe.com\": must not carry credentials"
    );
}

#[test]
fn plain_http_is_refused_unless_the_host_is_loopback() {
    for url in [
        "http://127.0.0.1:12111",
        "http://127.255.0.9",
        "http://localhost:8080",
        "http://LocalHost",
        "http://[::1]:12111",
        "https://api.stripe.com",
        "https://stripe-proxy.internal.example.com/stripe",
    ] {
        assert!(Client::builder(KEY).base_url(url).build().is_ok(), "{url}");
    }
    for url in [
        "http://api.stripe.com",
        "http://10.0.0.1",
        "http://0.0.0.0:12111",
        "http://128.0.0.1",
        "http://localhost.example.com",
        "http://127.0.0.1.example.com",
        "http://[::ffff:8.8.8.8]",
        "http://[::2]",
    ] {
        let err = Client::builder(KEY).base_url(url).build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{url}: {err:?}");
        assert_eq!(
            err.to_string(),
            format!(
                "invalid client configuration: base URL {url:?}: plain http is only allowed for loopback hosts; use https \
                 (or, for a mock on a private network, ClientBuilder::danger_allow_insecure_http)"
            ),
        );
    }
    for url in ["ftp://127.0.0.1", "ws://localhost", "127.0.0.1:12111", ""] {
        assert!(matches!(Client::builder(KEY).base_url(url).build(), Err(Error::Config(_))), "{url}");
    }
}
