//! The async [`Client`]: one connection pool, one retry loop, every request.
//!
//! Resource modules (`sessions`, …) and the raw [`Client::request`] build a
//! [`Call`]. A call is resolved once into a prepared request (method, URL with its query,
//! headers, body bytes); sending, every retry and [`Call::preview`] all read that one prepared
//! request, so a preview shows exactly what goes on the wire.
//!
//! # Retries
//!
//! The rules are those of Stripe's official Node and Python SDKs:
//!
//! - retried: no response at all (connection refused or reset, timeout), HTTP 409, HTTP 5xx, and any
//!   response carrying `Stripe-Should-Retry: true`;
//! - never retried: a response carrying `Stripe-Should-Retry: false`, every other 4xx
//!   (so a 429 only when Stripe adds `Stripe-Should-Retry: true`), and any 2xx, even one whose body
//!   does not decode (Stripe processed the request; a retry would replay the same body);
//! - the wait before retry `n` (1, 2, …) is `min(0.5 s · 2^(n−1), 5 s)`, times a random factor in
//!   [0.5, 1), and never less than 0.5 s;
//! - [`DEFAULT_MAX_RETRIES`] retries unless [`ClientBuilder::max_retries`] or
//!   [`Call::max_retries`] says otherwise.
//!
//! Every attempt of one POST carries the same `Idempotency-Key`, so Stripe runs it at most once.
//! [`Error::is_retryable`] answers with the same rule for an error the client gave up on.

mod builder;
pub(crate) mod call;
mod extra;
mod headers;
pub mod list;
mod options;
mod prepared;
pub(crate) mod preview;
mod raw;
pub(crate) mod retry;
pub(crate) mod secret;
mod trace;

pub use builder::{ClientBuilder, DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
pub use call::{ApiResponse, Call};
pub use options::{RequestOptions, MAX_IDEMPOTENCY_KEY_LEN};
pub use preview::Preview;
pub use raw::RawParams;
pub use retry::DEFAULT_MAX_RETRIES;
// Hidden rather than private: the crate's own integration tests (outside the crate) replace the
// timer to record the waits between retries. Not part of the supported API.
#[doc(hidden)]
pub use retry::Sleeper;

use crate::error::{ErrorBody, RequestFacts, TransportErrorKind};
use crate::Error;
use bytes::Bytes;
use prepared::PreparedRequest;
use reqwest::header::HeaderMap;
use secret::SecretKey;
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// A Stripe API client for the billing portal.
///
/// Cheap to clone (one `Arc`), `Send + Sync`, and all clones share one connection pool: build one
/// at start-up and pass clones around.
///
/// ```
/// let client = stripe_billing_portal::Client::new("sk_test_123")?;
/// # Ok::<(), stripe_billing_portal::Error>(())
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    key: SecretKey,
    /// The base URL, parsed once: each request's URL is this one with its path (and query) set.
    base: reqwest::Url,
    /// The base URL's own path without a trailing slash (`""` for Stripe's host, `/proxy` for
    /// `https://host/proxy/`): the API paths go after it.
    base_path: String,
    /// The URL of each fixed API path requested so far (see [`Client::url`]).
    fixed_urls: RwLock<Vec<(&'static str, reqwest::Url)>>,
    /// The base URL as given, normalised, without a trailing slash.
    base_url: String,
    api_version: String,
    /// Authorization, Stripe-Version, User-Agent, X-Stripe-Client-User-Agent, and the default
    /// Stripe-Account when one is set (the one place that value is kept).
    headers: HeaderMap,
    timeout: Duration,
    max_retries: u32,
    sleeper: Arc<dyn retry::Sleeper>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("secret_key", &self.inner.key)
            .field("base_url", &self.inner.base_url)
            .field("api_version", &self.inner.api_version)
            .field("stripe_account", &self.stripe_account())
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish_non_exhaustive()
    }
}

/// One HTTP exchange's outcome, before deciding whether to retry. The response headers are kept
/// as they came and read only for what a caller or the retry rule asks of them.
struct Exchange {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl Exchange {
    /// Stripe's `Request-Id` header, if present (and text).
    fn request_id(&self) -> Option<&str> {
        self.headers.get(&headers::REQUEST_ID).and_then(|value| value.to_str().ok())
    }

    /// The `Stripe-Should-Retry` header's value, if it is `true` or `false`.
    fn should_retry(&self) -> Option<bool> {
        retry::stripe_should_retry(&self.headers)
    }

    /// What the exchange said, for an error.
    fn facts(&self, facts: RequestFacts) -> RequestFacts {
        RequestFacts {
            status: Some(self.status),
            request_id: self.request_id().map(str::to_owned),
            should_retry: self.should_retry(),
            ..facts
        }
    }
}

/// A decoded success, with what [`ApiResponse`] reports kept as it came until it is asked for:
/// [`Call::send`] drops it unread.
pub(crate) struct Success<T> {
    data: T,
    exchange: Exchange,
    prepared: PreparedRequest,
    attempts: u32,
}

impl<T> Success<T> {
    /// The decoded value alone.
    pub(crate) fn into_data(self) -> T {
        self.data
    }

    /// The decoded value with the `Request-Id`, idempotency key and attempts.
    pub(crate) fn into_response(self) -> ApiResponse<T> {
        ApiResponse {
            status: self.exchange.status,
            request_id: self.exchange.request_id().map(str::to_owned),
            idempotency_key: self.prepared.idempotency_key_text(),
            attempts: self.attempts,
            data: self.data,
        }
    }
}

impl Client {
    /// A client with every default: `https://api.stripe.com`, API version
    /// [`DEFAULT_API_VERSION`], 80 s timeout, 2 retries.
    ///
    /// Fails with [`Error::Config`] when the key is empty, holds whitespace, or starts with
    /// neither `sk_` nor `rk_` (a publishable `pk_` key cannot call these endpoints).
    pub fn new(secret_key: impl Into<String>) -> Result<Self, Error> {
        Self::builder(secret_key).build()
    }

    /// A client configured from the environment:
    ///
    /// | variable | | becomes |
    /// |---|---|---|
    /// | `STRIPE_SECRET_KEY` | required | the secret key |
    /// | `STRIPE_API_BASE` | optional | [`ClientBuilder::base_url`] |
    /// | `STRIPE_ACCOUNT` | optional | [`ClientBuilder::stripe_account`]: a default `Stripe-Account` |
    ///
    /// An optional variable set to the empty string counts as unset. A missing
    /// `STRIPE_SECRET_KEY` is [`Error::Config`] naming it; the values are then checked as the
    /// builder checks them. To adjust more settings, start from [`ClientBuilder::from_env`].
    ///
    /// ```no_run
    /// let client = stripe_billing_portal::Client::from_env()?;
    /// # Ok::<(), stripe_billing_portal::Error>(())
    /// ```
    pub fn from_env() -> Result<Self, Error> {
        ClientBuilder::from_env()?.build()
    }

    /// Starts a [`ClientBuilder`] to change the base URL, API version, timeout, retries or HTTP client.
    pub fn builder(secret_key: impl Into<String>) -> ClientBuilder {
        ClientBuilder::new(secret_key.into())
    }

    /// The base URL requests go to, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The `Stripe-Version` sent unless a request overrides it.
    pub fn api_version(&self) -> &str {
        &self.inner.api_version
    }

    /// The `Stripe-Account` sent unless a request overrides it, if the client has one.
    pub fn stripe_account(&self) -> Option<&str> {
        // The builder only lets visible ASCII in, so the header reads back as the text given.
        self.inner.headers.get(&headers::STRIPE_ACCOUNT).and_then(|value| value.to_str().ok())
    }

    pub(crate) fn masked_key(&self) -> String {
        self.inner.key.masked()
    }

    /// The client's own headers: `Authorization` (marked sensitive), `Stripe-Version`,
    /// `User-Agent`, `X-Stripe-Client-User-Agent`, and the default `Stripe-Account` when one is set.
    pub(crate) fn headers(&self) -> &HeaderMap {
        &self.inner.headers
    }

    /// The full URL for the API `path`, with `query` when it is not empty, built without parsing
    /// a whole URL: a fixed path (`&'static str`, an endpoint without an id) is looked up among
    /// the URLs already built for it, any other path is set on the base URL parsed once. The
    /// paths are checked (`/v1/…`, ids and segments of letters, digits, `_`, `-`, `.`) and the
    /// query is the form encoder's output, so nothing in them is escaped: the URL is the one
    /// that parsing `{base_url}{path}?{query}` gives.
    #[allow(clippy::ptr_arg)] // which of the two it is, is the point: only fixed paths are kept
    pub(crate) fn url(&self, path: &Cow<'static, str>, query: &str) -> reqwest::Url {
        let mut url = match path {
            Cow::Borrowed(path) => self.fixed_url(path),
            Cow::Owned(path) => self.path_url(path),
        };
        if !query.is_empty() {
            url.set_query(Some(query));
        }
        url
    }

    /// The URL of a fixed path, built once per client: the fixed paths are the crate's
    /// endpoints, a handful, so the list stays short.
    fn fixed_url(&self, path: &'static str) -> reqwest::Url {
        let known =
            |urls: &[(&str, reqwest::Url)]| urls.iter().find(|(known, _)| *known == path).map(|(_, url)| url.clone());
        if let Some(url) = self.inner.fixed_urls.read().ok().and_then(|urls| known(&urls)) {
            return url;
        }
        let url = self.path_url(path);
        if let Ok(mut urls) = self.inner.fixed_urls.write() {
            if known(&urls).is_none() {
                urls.push((path, url.clone()));
            }
        }
        url
    }

    /// The base URL with the API `path` after the base's own path.
    fn path_url(&self, path: &str) -> reqwest::Url {
        let mut url = self.inner.base.clone();
        if self.inner.base_path.is_empty() {
            url.set_path(path);
        } else {
            url.set_path(&format!("{}{path}", self.inner.base_path));
        }
        url
    }

    /// Sends one prepared request (retrying as the rules under "Retries" say) and decodes a
    /// success into `T`.
    ///
    /// Every attempt is built from `prepared`, so each carries the same URL, headers (one
    /// idempotency key) and body bytes. A 2xx ends the loop even when its body does not decode:
    /// Stripe processed the request, and a retry would only replay the same body.
    pub(crate) async fn execute<T: DeserializeOwned>(&self, prepared: PreparedRequest) -> Result<Success<T>, Error> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let request = prepared.attempt(&self.inner.headers);
            let outcome = trace::attempt(&prepared.method, &prepared.path, attempt, self.exchange(request)).await;
            let retry = match &outcome {
                Ok(exchange) if exchange.status < 300 => false,
                Ok(exchange) => retry::should_retry(Some(exchange.status), exchange.should_retry()),
                Err(_) => retry::should_retry(None, None),
            };
            if retry && attempt <= prepared.max_retries {
                self.inner.sleeper.sleep(retry::backoff(attempt, retry::jitter())).await;
                continue;
            }
            return match outcome {
                Ok(exchange) => finish(exchange, prepared, attempt),
                Err(source) => {
                    let facts = facts(&prepared, attempt);
                    Err(Error::Transport { kind: TransportErrorKind::of(&source), facts, source })
                }
            };
        }
    }

    async fn exchange(&self, request: reqwest::Request) -> Result<Exchange, reqwest::Error> {
        let mut response = self.inner.http.execute(request).await?;
        let status = response.status().as_u16();
        // Taken, not copied: the body is read next, and the headers only when asked for.
        let headers = std::mem::take(response.headers_mut());
        let body = response.bytes().await?;
        Ok(Exchange { status, headers, body })
    }
}

/// What every error raised after sending carries about the request: attempts and idempotency key.
fn facts(prepared: &PreparedRequest, attempts: u32) -> RequestFacts {
    RequestFacts { attempts, idempotency_key: prepared.idempotency_key_text(), ..Default::default() }
}

/// Turns the last exchange into the decoded value or the precise error.
///
/// A 2xx whose body does not decode is [`Error::Decode`]; an error status with Stripe's JSON error
/// object is [`Error::Api`]; any other error status (a proxy's HTML page) is [`Error::Http`].
fn finish<T: DeserializeOwned>(
    exchange: Exchange,
    prepared: PreparedRequest,
    attempts: u32,
) -> Result<Success<T>, Error> {
    if exchange.status < 300 {
        return match crate::wire::json::from_body(&exchange.body) {
            Ok(data) => Ok(Success { data, exchange, prepared, attempts }),
            Err(source) => {
                let facts = exchange.facts(facts(&prepared, attempts));
                Err(Error::Decode { facts, body_prefix: body_prefix(&exchange.body), source })
            }
        };
    }
    let facts = exchange.facts(facts(&prepared, attempts));
    match serde_json::from_slice::<ErrorBody>(&exchange.body) {
        Ok(error) => Err(Error::Api(Box::new(error.into_api_error(facts)))),
        Err(_) => Err(Error::Http { facts, body_prefix: body_prefix(&exchange.body) }),
    }
}

/// The first 200 characters of a body, for error messages.
fn body_prefix(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(800)]).chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::Client;
    use std::borrow::Cow;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    /// A server on 127.0.0.1 answering each request (one per connection) with the next of
    /// `answers` (status, JSON body), and giving back every request as it came, byte for byte.
    async fn recording_server(answers: Vec<(u16, &'static str)>) -> (String, tokio::task::JoinHandle<Vec<String>>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let task = tokio::spawn(async move {
            let mut requests = Vec::new();
            for (status, body) in answers {
                let (mut stream, _) = listener.accept().await.unwrap();
                let mut request = Vec::new();
                let mut buffer = [0; 4096];
                // The head, then as many body bytes as `content-length` says.
                let wanted = loop {
                    let read = stream.read(&mut buffer).await.unwrap();
                    assert!(read > 0, "the client closed mid-request");
                    request.extend_from_slice(&buffer[..read]);
                    let text = String::from_utf8_lossy(&request);
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text[..end]
                            .lines()
                            .find_map(|line| line.strip_prefix("content-length: "))
                            .map_or(0, |value| value.trim().parse::<usize>().unwrap());
                        break end + 4 + length;
                    }
                };
                while request.len() < wanted {
                    let read = stream.read(&mut buffer).await.unwrap();
                    request.extend_from_slice(&buffer[..read]);
                }
                requests.push(String::from_utf8(request).unwrap());
                let answer = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\nrequest-id: req_{n}\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len(),
                    n = requests.len(),
                );
                stream.write_all(answer.as_bytes()).await.unwrap();
            }
            requests
        });
        (base, task)
    }

    /// The `X-Stripe-Client-User-Agent` line holds the compiler's version: shown as `…`.
    fn without_client_user_agent(request: &str) -> String {
        request
            .split("\r\n")
            .map(|line| {
                if line.starts_with("x-stripe-client-user-agent: ") {
                    "x-stripe-client-user-agent: …"
                } else {
                    line
                }
            })
            .collect::<Vec<_>>()
            .join("\r\n")
    }

    struct NoSleep;

    impl super::retry::Sleeper for NoSleep {
        fn sleep(&self, _: std::time::Duration) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>> {
            Box::pin(async {})
        }
    }

    #[tokio::test]
    async fn the_requests_on_the_wire_byte_for_byte() {
        let session = r#"{"id":"bps_1","object":"billing_portal.session","url":"https://billing.stripe.com/p/session/x","customer":"cus_1","created":1,"livemode":false,"return_url":null,"flow":null}"#;
        let (base, server) = recording_server(vec![
            (500, "{}"),
            (200, session),
            (200, r#"{"object":"list","data":[],"has_more":false,"url":"/v1/x"}"#),
        ])
        .await;
        let client = Client::builder("sk_test_wire")
            .base_url(&base)
            .stripe_account("acct_default")
            .sleeper(std::sync::Arc::new(NoSleep))
            .build()
            .unwrap();
        // A POST that is retried once: both attempts carry the same bytes, one idempotency key.
        // (Through the raw `request`, so that the client's tests need no resource module.)
        let created = client
            .request::<serde_json::Value>(
                reqwest::Method::POST,
                "/v1/billing_portal/sessions",
                &serde_json::json!({"customer": "cus_1", "return_url": "https://example.com/a"}),
            )
            .stripe_account("acct_1")
            .api_version("2025-01-01.test")
            .idempotency_key("key-1")
            .send_with_meta()
            .await
            .unwrap();
        assert_eq!(
            (created.attempts, created.request_id.as_deref(), created.idempotency_key.as_deref()),
            (2, Some("req_2"), Some("key-1"))
        );
        // A GET: params in the query, no idempotency key, no content type.
        let listed: serde_json::Value = client
            .request(
                reqwest::Method::GET,
                "/v1/billing_portal/configurations",
                &serde_json::json!({"limit": 3, "active": true}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(listed["object"], "list");

        let requests = server.await.unwrap();
        let host = base.trim_start_matches("http://");
        let version = env!("CARGO_PKG_VERSION");
        let post = format!(
            "POST /v1/billing_portal/sessions HTTP/1.1\r\n\
             authorization: Bearer sk_test_wire\r\n\
             stripe-version: 2025-01-01.test\r\n\
             user-agent: stripe-billing-portal/{version}\r\n\
             x-stripe-client-user-agent: …\r\n\
             stripe-account: acct_1\r\n\
             idempotency-key: key-1\r\n\
             content-type: application/x-www-form-urlencoded\r\n\
             accept: */*\r\n\
             host: {host}\r\n\
             content-length: 55\r\n\
             \r\n\
             customer=cus_1&return_url=https%3A%2F%2Fexample.com%2Fa"
        );
        let get = format!(
            "GET /v1/billing_portal/configurations?limit=3&active=true HTTP/1.1\r\n\
             authorization: Bearer sk_test_wire\r\n\
             stripe-version: {}\r\n\
             user-agent: stripe-billing-portal/{version}\r\n\
             x-stripe-client-user-agent: …\r\n\
             stripe-account: acct_default\r\n\
             accept: */*\r\n\
             host: {host}\r\n\
             \r\n",
            super::DEFAULT_API_VERSION
        );
        let seen: Vec<String> = requests.iter().map(|request| without_client_user_agent(request)).collect();
        assert_eq!(seen, [post.clone(), post, get]);
    }

    #[test]
    fn request_urls_are_the_parsed_text() {
        let bases = [
            "https://api.stripe.com",
            "http://127.0.0.1:12111/",
            "http://LOCALHOST:80/proxy/",
            "http://[::1]:99/a/b//",
        ];
        let paths = ["/v1/billing_portal/sessions", "/v1/customers/cus_1/tax_ids/txi_1", "/v1/a.b/c-d_e"];
        let queries = ["", "limit=3", "expand[0]=data.customer&starting_after=bpc_1", "q=%20x+y%5B%5D'"];
        for base in bases {
            let client = Client::builder("sk_test_123").base_url(base).build().unwrap();
            for path in paths {
                for query in queries {
                    let text = if query.is_empty() {
                        format!("{}{path}", client.base_url())
                    } else {
                        format!("{}{path}?{query}", client.base_url())
                    };
                    let expected = reqwest::Url::parse(&text).unwrap();
                    // Set on the base, then fixed (built, then looked up): the same URL.
                    assert_eq!(client.url(&Cow::Owned(path.to_owned()), query), expected, "{text}");
                    assert_eq!(client.url(&Cow::Borrowed(path), query), expected, "{text}");
                    assert_eq!(client.url(&Cow::Borrowed(path), query), expected, "{text}");
                }
            }
        }
    }
}
