//! Everything that can go wrong, as one [`Error`] enum.
//!
//! | variant | raised | retried by the client |
//! |---|---|---|
//! | [`Error::InvalidParam`] | before sending: a value Stripe would refuse, named by its bracketed path | never |
//! | [`Error::Config`] | building a [`Client`](crate::Client): bad key, insecure base URL | never |
//! | [`Error::Encode`] | a params value with no form spelling | never |
//! | [`Error::Api`] | Stripe answered with an error body | 409, 5xx, `Stripe-Should-Retry: true` |
//! | [`Error::Transport`] | no HTTP response: refused, reset, timed out | always (within the retry budget) |
//! | [`Error::Decode`] | a response body that is not the expected JSON (e.g. a proxy's HTML page) | when its status is 409 or 5xx |
//!
//! None of them ever contains the secret key.

use crate::form::EncodeError;
use std::fmt;

/// The error type of every fallible call in this crate.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter was rejected before anything was sent.
    #[error("invalid parameter `{param}`: {reason}")]
    InvalidParam {
        /// The parameter's bracketed path, as Stripe names it: `flow_data[subscription_cancel][subscription]`.
        param: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The client could not be built from the settings given.
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// The params could not be form-encoded.
    #[error(transparent)]
    Encode(#[from] EncodeError),

    /// Stripe answered with an error.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// The request got no HTTP response.
    #[error("{kind} error talking to Stripe after {attempts} attempt(s): {source}")]
    Transport {
        /// What kind of failure it was.
        kind: TransportErrorKind,
        /// How many attempts were made in all.
        attempts: u32,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
    },

    /// The response body could not be decoded into the expected type.
    #[error(
        "could not decode Stripe's response (HTTP {status}{}): {source}; body starts with: {body_prefix:?}",
        .request_id.as_deref().map(|id| format!(", request {id}")).unwrap_or_default()
    )]
    Decode {
        /// The HTTP status of the response.
        status: u16,
        /// Stripe's `Request-Id` header, if present.
        request_id: Option<String>,
        /// The first characters of the body (at most 200).
        body_prefix: String,
        /// What the JSON decoder said.
        #[source]
        source: serde_json::Error,
    },
}

impl Error {
    pub(crate) fn invalid_param(param: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParam { param: param.into(), reason: reason.into() }
    }

    /// Whether trying again could succeed: transport failures, 409, 5xx, and responses that carried
    /// `Stripe-Should-Retry: true`. This is the rule the client's own retries follow.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api(api) => api.should_retry.unwrap_or_else(|| status_is_retryable(api.status)),
            Error::Transport { .. } => true,
            Error::Decode { status, .. } => status_is_retryable(*status),
            _ => false,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Stripe's `Request-Id`, when a response was received and carried one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api(api) => api.request_id.as_deref(),
            Error::Decode { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The Stripe API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }
}

/// The statuses worth retrying when Stripe sends no `Stripe-Should-Retry` header.
pub(crate) fn status_is_retryable(status: u16) -> bool {
    status == 409 || status >= 500
}

/// Why a request got no response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// The connection could not be opened (refused, DNS, TLS handshake).
    Connect,
    /// An attempt took longer than its timeout.
    Timeout,
    /// The connection failed after it was opened (reset, closed before the response).
    Connection,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Connection => "connection",
        })
    }
}

impl TransportErrorKind {
    pub(crate) fn of(err: &reqwest::Error) -> Self {
        if err.is_timeout() {
            TransportErrorKind::Timeout
        } else if err.is_connect() {
            TransportErrorKind::Connect
        } else {
            TransportErrorKind::Connection
        }
    }
}

/// The class of a Stripe API error, decided by HTTP status as the official SDKs do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 400 or 404: the request was wrong.
    InvalidRequest,
    /// 400 or 404 with `type: idempotency_error`: an idempotency key was reused with other params.
    Idempotency,
    /// 401: the key is wrong or revoked.
    Authentication,
    /// 402: a card was declined.
    Card,
    /// 403: the key lacks the permission.
    Permission,
    /// 429: too many requests.
    RateLimit,
    /// Any other status: a problem on Stripe's side, or a conflict (409).
    Api,
}

impl ApiErrorKind {
    /// Classifies by status, then by Stripe's `type` where the status is ambiguous.
    pub fn classify(status: u16, error_type: Option<&ErrorType>) -> Self {
        match status {
            400 | 404 if error_type == Some(&ErrorType::IdempotencyError) => ApiErrorKind::Idempotency,
            400 | 404 => ApiErrorKind::InvalidRequest,
            401 => ApiErrorKind::Authentication,
            402 => ApiErrorKind::Card,
            403 => ApiErrorKind::Permission,
            429 => ApiErrorKind::RateLimit,
            _ => ApiErrorKind::Api,
        }
    }
}

crate::open_enum! {
    /// Stripe's `error.type`.
    pub enum ErrorType {
        /// A problem on Stripe's side.
        ApiError = "api_error",
        /// A card could not be charged.
        CardError = "card_error",
        /// An idempotency key was reused with different parameters.
        IdempotencyError = "idempotency_error",
        /// The request had invalid parameters.
        InvalidRequestError = "invalid_request_error",
    }
}

/// An error answered by Stripe: the `error` object of the body, plus what the response said around it.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The class of error, by status.
    pub kind: ApiErrorKind,
    /// Stripe's `type`, when the body had one.
    pub error_type: Option<ErrorType>,
    /// Stripe's machine-readable `code` (e.g. `resource_missing`), kept as sent.
    pub code: Option<String>,
    /// For card errors, the issuer's `decline_code`.
    pub decline_code: Option<String>,
    /// A human-readable message.
    pub message: Option<String>,
    /// The parameter the error is about, bracketed: `flow_data[subscription_cancel][subscription]`.
    pub param: Option<String>,
    /// A link to Stripe's docs for `code`.
    pub doc_url: Option<String>,
    /// A link to this request in the Dashboard's logs.
    pub request_log_url: Option<String>,
    /// Stripe's `Request-Id` header.
    pub request_id: Option<String>,
    /// The `Stripe-Should-Retry` header, when present.
    pub should_retry: Option<bool>,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error (HTTP {}", self.status)?;
        if let Some(error_type) = &self.error_type {
            write!(f, ", {error_type}")?;
        }
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(param) = &self.param {
            write!(f, ", param {param}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, ", request {id}")?;
        }
        write!(f, "): {}", self.message.as_deref().unwrap_or("no message"))
    }
}

impl std::error::Error for ApiError {}

/// The JSON error body: `{"error": {...}}`.
#[derive(serde::Deserialize)]
pub(crate) struct ErrorBody {
    error: ErrorObject,
}

#[derive(serde::Deserialize)]
struct ErrorObject {
    #[serde(rename = "type")]
    error_type: Option<ErrorType>,
    code: Option<String>,
    decline_code: Option<String>,
    message: Option<String>,
    param: Option<String>,
    doc_url: Option<String>,
    request_log_url: Option<String>,
}

impl ErrorBody {
    pub(crate) fn into_api_error(
        self,
        status: u16,
        request_id: Option<String>,
        should_retry: Option<bool>,
    ) -> ApiError {
        let e = self.error;
        ApiError {
            status,
            kind: ApiErrorKind::classify(status, e.error_type.as_ref()),
            error_type: e.error_type,
            code: e.code,
            decline_code: e.decline_code,
            message: e.message,
            param: e.param,
            doc_url: e.doc_url,
            request_log_url: e.request_log_url,
            request_id,
            should_retry,
        }
    }
}
