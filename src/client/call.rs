//! One API call: its [`Params`] and the [`Call`] builder that sends it, previews it, or both.

use super::options::RequestOptions;
use super::preview::Preview;
use crate::{form, Client, Error};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::marker::PhantomData;
use std::time::Duration;

/// A request's parameters: form-encodable, with the rules Stripe states that types cannot hold.
pub trait Params: Serialize {
    /// Checks what the types cannot express; the error names the parameter by its bracketed path.
    /// Runs before anything is encoded or sent.
    fn validate(&self) -> Result<(), Error> {
        Ok(())
    }
}

/// A decoded response together with what the exchange said about it.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct ApiResponse<T> {
    /// The decoded body.
    pub data: T,
    /// The HTTP status (2xx).
    pub status: u16,
    /// Stripe's `Request-Id` header: quote it to Stripe support.
    pub request_id: Option<String>,
    /// The `Idempotency-Key` the request carried (POST only).
    pub idempotency_key: Option<String>,
    /// How many attempts it took (1 when the first one succeeded).
    pub attempts: u32,
}

/// The method and path of an endpoint, with an object id to put in the path, if any.
#[derive(Clone, Debug)]
pub(crate) struct Endpoint {
    method: Method,
    path: &'static str,
    /// `(param name for errors, id)`, appended as a path segment.
    id: Option<(&'static str, String)>,
}

impl Endpoint {
    pub(crate) fn post(path: &'static str) -> Self {
        Self { method: Method::POST, path, id: None }
    }

    pub(crate) fn get(path: &'static str) -> Self {
        Self { method: Method::GET, path, id: None }
    }

    /// Appends `/{id}` to the path; `param` names the id in errors.
    pub(crate) fn with_id(mut self, param: &'static str, id: impl Into<String>) -> Self {
        self.id = Some((param, id.into()));
        self
    }

    /// The path, with the id checked: not empty, and only the characters Stripe ids use.
    fn path(&self) -> Result<String, Error> {
        let Some((param, id)) = &self.id else { return Ok(self.path.to_owned()) };
        if id.is_empty() {
            return Err(Error::invalid_param(*param, "must not be empty"));
        }
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return Err(Error::invalid_param(*param, format!("{id:?} is not a Stripe id (letters, digits, `_`, `-`)")));
        }
        Ok(format!("{}/{id}", self.path))
    }
}

/// A request ready to be sent: built by a resource handler such as [`Client::sessions`], then
/// adjusted with per-request options and sent with [`send`](Call::send).
///
/// ```no_run
/// # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
/// use stripe_billing_portal::sessions::SessionCreateParams;
///
/// let session = client
///     .sessions()
///     .create(SessionCreateParams::new("cus_123").return_url("https://example.com/account"))
///     .stripe_account("acct_123")
///     .idempotency_key("portal-cus_123-2026-11-24")
///     .send()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use = "a Call does nothing until `send` is awaited"]
pub struct Call<P, T> {
    client: Client,
    endpoint: Endpoint,
    params: P,
    options: RequestOptions,
    response: PhantomData<fn() -> T>,
}

impl<P: Clone, T> Clone for Call<P, T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            endpoint: self.endpoint.clone(),
            params: self.params.clone(),
            options: self.options.clone(),
            response: PhantomData,
        }
    }
}

impl<P: std::fmt::Debug, T> std::fmt::Debug for Call<P, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Call")
            .field("method", &self.endpoint.method)
            .field("path", &self.endpoint.path)
            .field("params", &self.params)
            .field("options", &self.options)
            .finish()
    }
}

impl<P: Params, T: DeserializeOwned> Call<P, T> {
    pub(crate) fn new(client: &Client, endpoint: Endpoint, params: P) -> Self {
        Self { client: client.clone(), endpoint, params, options: RequestOptions::default(), response: PhantomData }
    }

    /// Sends `Stripe-Account: {account}`: the call acts on that connected account (Connect).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.options.stripe_account = Some(account.into());
        self
    }

    /// Uses this `Idempotency-Key` (at most 255 characters) instead of a generated one. Sending
    /// the same key again within 24 hours returns the first result instead of acting twice.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Sends this `Stripe-Version` instead of the client's.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.options.api_version = Some(version.into());
        self
    }

    /// Retries this call at most `retries` times (0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Limits each attempt of this call to `timeout`.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// Replaces all per-request options at once.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The params this call will send.
    pub fn params(&self) -> &P {
        &self.params
    }

    /// The params, for adjusting a built call (auto-pagination's cursor, `expand`).
    pub(crate) fn params_mut(&mut self) -> &mut P {
        &mut self.params
    }

    /// The per-request options set so far.
    pub fn request_options(&self) -> &RequestOptions {
        &self.options
    }

    /// Validates and encodes, returning `(method, path, encoded params)`.
    fn prepare(&self) -> Result<(Method, String, String), Error> {
        self.params.validate()?;
        let path = self.endpoint.path()?;
        let encoded = form::to_string(&self.params)?;
        Ok((self.endpoint.method.clone(), path, encoded))
    }

    /// What [`send`](Call::send) would put on the wire, without sending it: the URL, headers (key
    /// masked) and body, and a `curl` command line. The same checks run, so an invalid call
    /// fails here too. A generated idempotency key is shown as a placeholder.
    pub fn preview(&self) -> Result<Preview, Error> {
        let (method, path, encoded) = self.prepare()?;
        Preview::new(&self.client, method, &path, encoded, &self.options)
    }

    /// Validates, sends (retrying when that is safe), and decodes the response.
    pub async fn send(self) -> Result<T, Error> {
        self.send_with_meta().await.map(|response| response.data)
    }

    /// Like [`send`](Call::send), and also returns the `Request-Id`, idempotency key and the
    /// number of attempts, for logs.
    pub async fn send_with_meta(self) -> Result<ApiResponse<T>, Error> {
        let (method, path, encoded) = self.prepare()?;
        self.client.execute(method, &path, encoded, &self.options).await
    }
}
