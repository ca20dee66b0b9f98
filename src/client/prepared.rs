//! [`PreparedRequest`]: one call resolved into exactly what goes on the wire.
//!
//! A [`Call`](super::Call) is turned into one `PreparedRequest` (method, URL with its query,
//! headers, body bytes, idempotency key, timeout, retry budget). Sending builds every attempt from
//! it, and [`Preview`](super::Preview) is read from it, so a preview cannot differ from the wire:
//! there is one place that decides whether the params are a body or a query string.

use super::headers::{FORM, IDEMPOTENCY_KEY, STRIPE_ACCOUNT, STRIPE_VERSION};
use super::options::RequestOptions;
use super::Client;
use crate::Error;
use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::Method;
use std::borrow::Cow;
use std::time::Duration;

/// One logical request, ready for as many attempts as its retry budget allows.
#[derive(Debug)]
pub(crate) struct PreparedRequest {
    pub(crate) method: Method,
    /// The API path without the query string (for tracing).
    pub(crate) path: Cow<'static, str>,
    /// The full URL, query string included for a GET or DELETE.
    pub(crate) url: reqwest::Url,
    /// `Stripe-Version` of this call, when it overrides the client's.
    api_version: Option<HeaderValue>,
    /// `Stripe-Account` of this call, when it overrides the client's (or the client has none).
    stripe_account: Option<HeaderValue>,
    /// The `Idempotency-Key` of a POST, fixed before the first attempt.
    pub(crate) idempotency_key: Option<HeaderValue>,
    /// Whether the key was generated here rather than given by the caller.
    pub(crate) key_generated: bool,
    /// The form body of a POST; shared, not copied, by every attempt.
    pub(crate) body: Option<Bytes>,
    pub(crate) timeout: Duration,
    pub(crate) max_retries: u32,
}

impl PreparedRequest {
    /// Resolves `encoded` params (form body of a POST, query of anything else) and the per-call
    /// `options` on top of the client's settings. Every per-call value is checked here and
    /// refused as [`Error::InvalidParam`] naming it.
    pub(crate) fn new(
        client: &Client,
        method: Method,
        path: Cow<'static, str>,
        encoded: String,
        options: &RequestOptions,
    ) -> Result<Self, Error> {
        let timeout = options.timeout.unwrap_or(client.inner.timeout);
        if timeout.is_zero() {
            return Err(Error::invalid_param("timeout", "must be greater than zero"));
        }
        let has_body = method == Method::POST;
        let (idempotency_key, key_generated) = match &options.idempotency_key {
            // Stripe ignores a key on a GET or DELETE: none is sent, given or not.
            _ if !has_body => (None, false),
            Some(key) => (Some(check_idempotency_key(key)?), false),
            None => (Some(generated_idempotency_key()?), true),
        };
        let api_version = options
            .api_version
            .as_deref()
            .map(|version| api_version_value(version).map_err(|reason| Error::invalid_param("Stripe-Version", reason)))
            .transpose()?;
        let stripe_account = options
            .stripe_account
            .as_deref()
            .map(|account| header_value(account).map_err(|reason| Error::invalid_param("Stripe-Account", reason)))
            .transpose()?;
        let url = client.url(&path, if has_body { "" } else { &encoded });
        let body = has_body.then(|| Bytes::from(encoded));
        let max_retries = options.max_retries.unwrap_or(client.inner.max_retries);
        Ok(Self {
            method,
            path,
            url,
            api_version,
            stripe_account,
            idempotency_key,
            key_generated,
            body,
            timeout,
            max_retries,
        })
    }

    /// Every header sent, in order: the client's (`Authorization` marked sensitive), this
    /// call's overrides in place, then `Idempotency-Key` and `Content-Type` for a POST.
    /// `client_headers` are the client's own; each attempt and the preview read this one list.
    pub(crate) fn headers(&self, client_headers: &HeaderMap) -> HeaderMap {
        let mut headers = client_headers.clone();
        if let Some(value) = &self.api_version {
            headers.insert(&STRIPE_VERSION, value.clone());
        }
        if let Some(value) = &self.stripe_account {
            headers.insert(&STRIPE_ACCOUNT, value.clone());
        }
        if let Some(key) = &self.idempotency_key {
            headers.insert(&IDEMPOTENCY_KEY, key.clone());
            headers.insert(CONTENT_TYPE, FORM.clone());
        }
        headers
    }

    /// The idempotency key as text, for [`ApiResponse`](super::ApiResponse) and errors.
    pub(crate) fn idempotency_key_text(&self) -> Option<String> {
        // Only visible ASCII gets in (checked, or a UUID), so the text is always there.
        self.idempotency_key.as_ref().and_then(|key| key.to_str().ok()).map(str::to_owned)
    }

    /// One attempt: the same method, URL, headers and body bytes every time.
    pub(crate) fn attempt(&self, client_headers: &HeaderMap) -> reqwest::Request {
        let mut request = reqwest::Request::new(self.method.clone(), self.url.clone());
        *request.headers_mut() = self.headers(client_headers);
        *request.timeout_mut() = Some(self.timeout);
        *request.body_mut() = self.body.clone().map(reqwest::Body::from);
        request
    }
}

/// A fresh `Idempotency-Key`: a UUID v4, hyphenated, lower case (36 characters), written
/// without the formatting machinery. (A UUID is always a valid header value; the error is only
/// there so that nothing can panic.)
fn generated_idempotency_key() -> Result<HeaderValue, Error> {
    let mut text = [0; uuid::fmt::Hyphenated::LENGTH];
    let text = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut text);
    HeaderValue::from_str(text).map_err(|_| Error::invalid_param("Idempotency-Key", "could not be generated"))
}

/// The caller's `Idempotency-Key`, checked: visible ASCII (a header value), then at most
/// [`MAX_IDEMPOTENCY_KEY_LEN`](super::MAX_IDEMPOTENCY_KEY_LEN) characters, as Stripe counts them.
fn check_idempotency_key(key: &str) -> Result<HeaderValue, Error> {
    let refuse = |reason: String| Error::invalid_param("Idempotency-Key", reason);
    let value = header_value(key).map_err(|reason| refuse(reason.to_owned()))?;
    // Visible ASCII from here on: one character is one byte, but count what the message says.
    let characters = key.chars().count();
    if characters > super::MAX_IDEMPOTENCY_KEY_LEN {
        return Err(refuse(format!(
            "is {characters} characters long; Stripe accepts at most {}",
            super::MAX_IDEMPOTENCY_KEY_LEN
        )));
    }
    Ok(value)
}

/// A header value from settings or options: not empty, visible ASCII or spaces, no line breaks.
/// The reason never quotes the value.
pub(crate) fn header_value(value: &str) -> Result<HeaderValue, &'static str> {
    if value.is_empty() {
        return Err("must not be empty");
    }
    if !value.bytes().all(|b| b == b' ' || b.is_ascii_graphic()) {
        return Err("must be visible ASCII with no line breaks");
    }
    HeaderValue::try_from(value).map_err(|_| "must be visible ASCII with no line breaks")
}

/// A `Stripe-Version` value: not empty, visible ASCII, no spaces (`2026-10-28.endive`).
pub(crate) fn api_version_value(version: &str) -> Result<HeaderValue, &'static str> {
    if version.is_empty() {
        return Err("must not be empty");
    }
    if !version.bytes().all(|b| b.is_ascii_graphic()) {
        return Err("must be visible ASCII with no spaces (e.g. `2026-10-28.endive`)");
    }
    header_value(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_are_counted_in_characters_after_the_ascii_check() {
        assert!(check_idempotency_key(&"k".repeat(255)).is_ok());
        let err = check_idempotency_key(&"k".repeat(256)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid parameter `Idempotency-Key`: is 256 characters long; Stripe accepts at most 255"
        );
        // 200 characters, 400 bytes: refused for what it is, not for a length it does not have.
        let err = check_idempotency_key(&"é".repeat(200)).unwrap_err();
        assert_eq!(err.to_string(), "invalid parameter `Idempotency-Key`: must be visible ASCII with no line breaks");
    }

    /// The reference's defaults reach every attempt: 80 s per attempt, 2 retries, and the pinned
    /// `Stripe-Version`; a call's own settings replace them.
    #[test]
    fn an_attempt_carries_the_default_timeout_and_retries() {
        let client = Client::new("sk_test_123").unwrap();
        let prepare = |options: &RequestOptions| {
            PreparedRequest::new(&client, Method::GET, Cow::Borrowed("/v1/customers"), String::new(), options).unwrap()
        };
        let prepared = prepare(&RequestOptions::default());
        let attempt = prepared.attempt(client.headers());
        assert_eq!(attempt.timeout(), Some(&Duration::from_secs(80)));
        assert_eq!(prepared.max_retries, 2);
        assert_eq!(attempt.headers().get("stripe-version").unwrap(), "2026-10-28.endive");

        let options =
            RequestOptions { timeout: Some(Duration::from_secs(5)), max_retries: Some(0), ..Default::default() };
        let prepared = prepare(&options);
        assert_eq!(prepared.attempt(client.headers()).timeout(), Some(&Duration::from_secs(5)));
        assert_eq!(prepared.max_retries, 0);
    }

    #[test]
    fn api_versions() {
        assert!(api_version_value("2026-10-28.endive").is_ok());
        assert_eq!(api_version_value(""), Err("must not be empty"));
        for bad in ["2026 10 28", "2026-10-28.é", "2026\n"] {
            assert!(api_version_value(bad).is_err(), "{bad:?}");
        }
    }
}
