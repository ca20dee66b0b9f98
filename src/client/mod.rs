//! The async [`Client`]: one connection pool, one retry loop, every request.
//!
//! Resource modules ([`sessions`](crate::sessions), …) turn typed params into a form string and
//! hand it to `Client::execute` with the method, path and [`RequestOptions`]. This module adds
//! the headers, sends, retries under the rules of [`retry`], and decodes the answer or the error.

mod builder;
pub(crate) mod call;
mod headers;
pub mod list;
mod options;
pub(crate) mod preview;
pub mod retry;
pub(crate) mod secret;
mod trace;

pub use builder::{ClientBuilder, DEFAULT_API_VERSION, DEFAULT_BASE_URL, DEFAULT_TIMEOUT};
pub use call::{ApiResponse, Call, Params};
pub use options::{RequestOptions, MAX_IDEMPOTENCY_KEY_LEN};
pub use preview::Preview;

use crate::error::{ErrorBody, TransportErrorKind};
use crate::Error;
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use secret::SecretKey;
use serde::de::DeserializeOwned;
use std::sync::Arc;
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
    base_url: String,
    api_version: String,
    /// Authorization, Stripe-Version, User-Agent, X-Stripe-Client-User-Agent.
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
            .field("timeout", &self.inner.timeout)
            .field("max_retries", &self.inner.max_retries)
            .finish_non_exhaustive()
    }
}

/// One HTTP exchange's outcome, before deciding whether to retry.
struct Exchange {
    status: u16,
    request_id: Option<String>,
    should_retry: Option<bool>,
    body: Bytes,
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

    pub(crate) fn masked_key(&self) -> String {
        self.inner.key.masked()
    }

    /// The full URL for `path`, with `query` appended when it is not empty.
    pub(crate) fn url(&self, path: &str, query: &str) -> String {
        let mut url = String::with_capacity(self.inner.base_url.len() + path.len() + query.len() + 1);
        url.push_str(&self.inner.base_url);
        url.push_str(path);
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }

    /// The request headers for one call, the static ones included, in the order they are sent.
    /// `idempotency_key` is only given for POST.
    pub(crate) fn headers(&self, options: &RequestOptions, idempotency_key: Option<&str>) -> Result<HeaderMap, Error> {
        let mut headers = self.inner.headers.clone();
        if let Some(version) = &options.api_version {
            headers.insert("stripe-version", header_value("Stripe-Version", version)?);
        }
        if let Some(account) = &options.stripe_account {
            headers.insert("stripe-account", header_value("Stripe-Account", account)?);
        }
        if let Some(key) = idempotency_key {
            headers.insert("idempotency-key", header_value("Idempotency-Key", key)?);
            headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        }
        Ok(headers)
    }

    /// Sends one logical request (retrying as [`retry`] says) and decodes a success into `T`.
    ///
    /// `encoded` is the form body of a POST, or the query string of a GET or DELETE. A POST's
    /// idempotency key is fixed once, before the first attempt, so every attempt carries the same
    /// one. A 2xx ends the loop even when its body does not decode: Stripe processed the request,
    /// and a retry would only replay the same body.
    pub(crate) async fn execute<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        encoded: String,
        options: &RequestOptions,
    ) -> Result<ApiResponse<T>, Error> {
        let is_post = method == Method::POST;
        let idempotency_key = if is_post { Some(options.idempotency_key_or_new()?) } else { None };
        let headers = self.headers(options, idempotency_key.as_deref())?;
        let url = if is_post { self.url(path, "") } else { self.url(path, &encoded) };
        let url = reqwest::Url::parse(&url).map_err(|err| Error::Config(format!("invalid request URL: {err}")))?;
        // Every attempt sends the same bytes: a `Bytes` body is shared, not copied.
        let body = if is_post { Some(Bytes::from(encoded)) } else { None };
        let max_retries = options.max_retries.unwrap_or(self.inner.max_retries);
        let timeout = options.timeout.unwrap_or(self.inner.timeout);

        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut request = reqwest::Request::new(method.clone(), url.clone());
            *request.headers_mut() = headers.clone();
            *request.timeout_mut() = Some(timeout);
            *request.body_mut() = body.clone().map(reqwest::Body::from);
            let outcome = trace::attempt(&method, path, attempt, self.exchange(request)).await;
            let retry = match &outcome {
                Ok(exchange) if exchange.status < 300 => false,
                Ok(exchange) => retry::should_retry(Some(exchange.status), exchange.should_retry),
                Err(_) => retry::should_retry(None, None),
            };
            if retry && attempt <= max_retries {
                self.inner.sleeper.sleep(retry::backoff(attempt, retry::jitter())).await;
                continue;
            }
            let exchange = outcome.map_err(|source| Error::Transport {
                kind: TransportErrorKind::of(&source),
                attempts: attempt,
                idempotency_key: idempotency_key.clone(),
                source,
            })?;
            return finish(exchange, idempotency_key, attempt);
        }
    }

    async fn exchange(&self, request: reqwest::Request) -> Result<Exchange, reqwest::Error> {
        let response = self.inner.http.execute(request).await?;
        let status = response.status().as_u16();
        let headers = response.headers();
        let request_id = headers.get("request-id").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let should_retry = retry::stripe_should_retry(headers);
        let body = response.bytes().await?;
        Ok(Exchange { status, request_id, should_retry, body })
    }
}

/// Turns the last exchange into the decoded value or the precise error.
///
/// A 2xx whose body does not decode is [`Error::Decode`]; an error status with Stripe's JSON error
/// object is [`Error::Api`]; any other error status (a proxy's HTML page) is [`Error::Http`].
fn finish<T: DeserializeOwned>(
    exchange: Exchange,
    idempotency_key: Option<String>,
    attempts: u32,
) -> Result<ApiResponse<T>, Error> {
    let Exchange { status, request_id, should_retry, body } = exchange;
    if status < 300 {
        return match serde_json::from_slice(&body) {
            Ok(data) => Ok(ApiResponse { data, status, request_id, idempotency_key, attempts }),
            Err(source) => Err(Error::Decode {
                status,
                request_id,
                attempts,
                idempotency_key,
                body_prefix: body_prefix(&body),
                source,
            }),
        };
    }
    match serde_json::from_slice::<ErrorBody>(&body) {
        Ok(error) => {
            Err(Error::Api(Box::new(error.into_api_error(status, request_id, should_retry, attempts, idempotency_key))))
        }
        Err(_) => Err(Error::Http {
            status,
            request_id,
            should_retry,
            attempts,
            idempotency_key,
            body_prefix: body_prefix(&body),
        }),
    }
}

/// The first 200 characters of a body, for error messages.
fn body_prefix(body: &[u8]) -> String {
    String::from_utf8_lossy(&body[..body.len().min(800)]).chars().take(200).collect()
}

fn header_value(name: &str, value: &str) -> Result<HeaderValue, Error> {
    if value.is_empty() {
        return Err(Error::invalid_param(name, "must not be empty"));
    }
    if !value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        return Err(Error::invalid_param(name, "must be visible ASCII with no line breaks"));
    }
    HeaderValue::try_from(value).map_err(|_| Error::invalid_param(name, "must be visible ASCII with no line breaks"))
}
