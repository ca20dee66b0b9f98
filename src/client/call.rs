//! One API call: the [`Call`] builder that sends it, previews it, or both.

use super::options::RequestOptions;
use super::prepared::PreparedRequest;
use super::preview::Preview;
use crate::wire::leaf::StringLeaf;
use crate::{Client, Error};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::borrow::Cow;
use std::marker::PhantomData;
use std::time::Duration;

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
    path: Cow<'static, str>,
    /// The object id appended as a path segment.
    id: Option<PathId>,
    /// An action appended after the id: `/v1/billing/feedback_options/{id}/deactivate`.
    action: Option<&'static str>,
}

impl Endpoint {
    pub(crate) fn post(path: &'static str) -> Self {
        Self { method: Method::POST, path: Cow::Borrowed(path), id: None, action: None }
    }

    pub(crate) fn get(path: &'static str) -> Self {
        Self { method: Method::GET, path: Cow::Borrowed(path), id: None, action: None }
    }

    pub(crate) fn delete(path: &'static str) -> Self {
        Self { method: Method::DELETE, path: Cow::Borrowed(path), id: None, action: None }
    }

    /// Any method and path, for the raw [`Client::request`]; the path is checked there.
    pub(crate) fn raw(method: Method, path: String) -> Self {
        Self { method, path: Cow::Owned(path), id: None, action: None }
    }

    /// Appends `/{id}` to the path. The id is checked by its leaf type `L` (the prefix Stripe
    /// fixes: [`SubscriptionId`](crate::leaf::SubscriptionId) is `sub_…`; [`Id`](crate::leaf::Id) where
    /// Stripe fixes none) as well as a path segment, when the call is previewed or sent; `param`
    /// names it in errors: the crate's name for the object (`subscription`, `configuration`,
    /// `feedback_option`), as for every path id.
    pub(crate) fn with_id<L: StringLeaf>(mut self, param: &'static str, id: impl Into<String>) -> Self {
        let (id, problem) = L::from(id.into()).into_checked();
        self.id = Some(PathId { param, id, problem });
        self
    }

    /// Appends `/{action}` after the id: a POST that acts on an object (`…/{id}/deactivate`).
    pub(crate) fn with_action(mut self, action: &'static str) -> Self {
        self.action = Some(action);
        self
    }

    /// The path, with the id checked: only the characters Stripe ids use, then the rule of its
    /// leaf type (not empty, its prefix).
    fn path(&self) -> Result<Cow<'static, str>, Error> {
        let Some(PathId { param, id, problem }) = &self.id else { return Ok(self.path.clone()) };
        if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return Err(Error::invalid_param(*param, format!("{id:?} is not a Stripe id (letters, digits, `_`, `-`)")));
        }
        if let Some(problem) = problem {
            return Err(Error::invalid_param(*param, problem.clone()));
        }
        Ok(Cow::Owned(match self.action {
            Some(action) => format!("{}/{id}/{action}", self.path),
            None => format!("{}/{id}", self.path),
        }))
    }
}

/// The object id of an [`Endpoint`]: what names it in errors, the id as given, and what its leaf
/// type found wrong with it.
#[derive(Clone, Debug)]
struct PathId {
    param: &'static str,
    id: String,
    problem: Option<String>,
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
    /// Raw `(bracketed key, value)` pairs sent after the typed params.
    extra: Vec<(String, String)>,
    /// `(param, reason)` of an input refused while the call was built (raw requests), reported
    /// when it is previewed or sent.
    refused: Option<(String, String)>,
    response: PhantomData<fn() -> T>,
}

impl<P: Clone, T> Clone for Call<P, T> {
    fn clone(&self) -> Self {
        Self {
            client: self.client.clone(),
            endpoint: self.endpoint.clone(),
            params: self.params.clone(),
            options: self.options.clone(),
            extra: self.extra.clone(),
            refused: self.refused.clone(),
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
            .field("extra", &self.extra)
            .field("options", &self.options)
            .finish()
    }
}

impl<P: Serialize, T: DeserializeOwned> Call<P, T> {
    pub(crate) fn new(client: &Client, endpoint: Endpoint, params: P) -> Self {
        Self {
            client: client.clone(),
            endpoint,
            params,
            options: RequestOptions::default(),
            extra: Vec::new(),
            refused: None,
            response: PhantomData,
        }
    }

    /// The extra pairs, for the raw request to fill.
    pub(crate) fn extra_mut(&mut self) -> &mut Vec<(String, String)> {
        &mut self.extra
    }

    /// Keeps the first input refused while building the call, to report when it is used.
    pub(crate) fn refuse(&mut self, err: Error) {
        if self.refused.is_none() {
            self.refused = Some(match err {
                Error::InvalidParam { param, reason } => (param, reason),
                other => ("params".to_owned(), other.to_string()),
            });
        }
    }

    /// Sends one more parameter, `key=value`, after the typed ones: the way to send a field the
    /// crate has no type for yet. `key` is bracketed as Stripe spells it
    /// (`features[subscription_cancel][mode]`, `metadata[plan]`, `items[0][price]`); `value`
    /// is sent as given (`""` clears a field, as in Stripe's API).
    ///
    /// Checked when the call is previewed or sent: a key that is not `name` or `name[part]…`,
    /// or one that collides with a typed parameter or another extra one (the same key, or one
    /// a bracketed prefix of the other, such as `metadata` and `metadata[plan]`), is
    /// [`Error::InvalidParam`] naming it: nothing is ever sent twice or half-overridden.
    ///
    /// ```
    /// use stripe_billing_portal::{sessions::SessionCreateParams, Client};
    ///
    /// let client = Client::new("sk_test_123")?;
    /// let preview = client
    ///     .sessions()
    ///     .create(SessionCreateParams::new("cus_123"))
    ///     .extra_param("locale", "fr")
    ///     .preview()?;
    /// assert_eq!(preview.body(), "customer=cus_123&locale=fr");
    /// # Ok::<(), stripe_billing_portal::Error>(())
    /// ```
    pub fn extra_param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra.push((key.into(), value.into()));
        self
    }

    /// Sends `Stripe-Account: {account}`: the call acts on that connected account (Connect).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.options.stripe_account = Some(account.into());
        self
    }

    /// Uses this `Idempotency-Key` (at most 255 characters) instead of a generated one. Sending
    /// the same key again within 24 hours returns the first result instead of acting twice.
    /// Only a POST carries one: Stripe ignores a key on a GET or DELETE, so none is sent there.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// Sends this `Stripe-Version` instead of the client's. An empty value, or one that is not
    /// visible ASCII without spaces, is [`Error::InvalidParam`] `Stripe-Version` when the call
    /// is previewed or sent.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.options.api_version = Some(version.into());
        self
    }

    /// Retries this call at most `retries` times (0 disables retries).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.options.max_retries = Some(retries);
        self
    }

    /// Limits each attempt of this call to `timeout`. Zero is [`Error::InvalidParam`] `timeout`
    /// when the call is previewed or sent.
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

    /// Encodes the params, extra params included (their leaf types and `Serialize` impls refuse a
    /// broken value, named by its path), and resolves the options: the one [`PreparedRequest`]
    /// that sending and previewing both read.
    fn prepare(&self) -> Result<PreparedRequest, Error> {
        if let Some((param, reason)) = &self.refused {
            return Err(Error::invalid_param(param.clone(), reason.clone()));
        }
        let path = self.endpoint.path()?;
        let encoded = super::extra::encode(&self.params, &self.extra)?;
        PreparedRequest::new(&self.client, self.endpoint.method.clone(), path, encoded, &self.options)
    }

    /// What [`send`](Call::send) would put on the wire, without sending it: the URL, headers (key
    /// masked) and body, and a `curl` command line. It is read from the same prepared request
    /// sending uses, so the same checks run and an invalid call fails here too. A generated
    /// idempotency key is shown as a placeholder.
    pub fn preview(&self) -> Result<Preview, Error> {
        Ok(Preview::of(&self.prepare()?, self.client.headers(), &self.client.masked_key()))
    }

    /// Validates, sends (retrying when that is safe), and decodes the response.
    pub async fn send(self) -> Result<T, Error> {
        let prepared = self.prepare()?;
        self.client.execute(prepared).await.map(super::Success::into_data)
    }

    /// Like [`send`](Call::send), and also returns the `Request-Id`, idempotency key and the
    /// number of attempts, for logs.
    pub async fn send_with_meta(self) -> Result<ApiResponse<T>, Error> {
        let prepared = self.prepare()?;
        self.client.execute(prepared).await.map(super::Success::into_response)
    }
}

#[cfg(test)]
mod tests {
    use super::Endpoint;
    use crate::leaf::{ConfigurationId, CustomerId, Id, SubscriptionId, SubscriptionItemId};
    use crate::wire::leaf::StringLeaf;
    use crate::Error;

    fn empty_id_error<L: StringLeaf>() -> Option<(String, String)> {
        match Endpoint::get("/v1/things").with_id::<L>("thing", "").path() {
            Err(Error::InvalidParam { param, reason }) => Some((param, reason)),
            _ => None,
        }
    }

    #[test]
    fn an_empty_path_id_is_refused_by_its_leaf_type_naming_the_param() {
        let expected = Some(("thing".to_owned(), "must not be empty".to_owned()));
        assert_eq!(empty_id_error::<Id>(), expected);
        assert_eq!(empty_id_error::<CustomerId>(), expected);
        assert_eq!(empty_id_error::<SubscriptionId>(), expected);
        assert_eq!(empty_id_error::<ConfigurationId>(), expected);
        assert_eq!(empty_id_error::<SubscriptionItemId>(), expected);
    }
}
