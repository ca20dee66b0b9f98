//! Everything that can go wrong, as one [`Error`] enum.
//!
//! | variant | raised | retried by the client |
//! |---|---|---|
//! | [`Error::InvalidParam`] | before sending: a param, path id or per-call setting (`Idempotency-Key`, `Stripe-Version`, `timeout`) Stripe would refuse, or a value with no form spelling, named by its bracketed path | never |
//! | [`Error::Config`] | building a `Client`: bad key, insecure base URL, zero timeout, empty `api_version`, missing `STRIPE_SECRET_KEY` | never |
//! | [`Error::Api`] | Stripe answered an error status with its JSON error body | 409, 5xx, `Stripe-Should-Retry: true` |
//! | [`Error::Http`] | an error status without a Stripe error body (e.g. a proxy's HTML 502 page) | 409, 5xx, `Stripe-Should-Retry: true` |
//! | [`Error::Transport`] | no complete HTTP response: refused, reset, closed, timed out | always (within the retry budget) |
//! | [`Error::Decode`] | a success (2xx) whose body is not the expected JSON | never: Stripe processed the request |
//!
//! "Never retried" is final: `Stripe-Should-Retry: false` wins over the status, and
//! `Stripe-Should-Retry: true` makes any error status retryable. [`Error::is_retryable`] gives the
//! same answer the client's retry loop used, so a caller that retries on its own can follow it.
//! The four variants raised after sending carry the same [`RequestFacts`].
//!
//! None of them ever contains the secret key: it is only read to build the `Authorization` header,
//! which is marked sensitive and never formatted.

use crate::form::EncodeError;
use std::fmt;

/// The error type of every fallible call in this crate.
///
/// Every variant raised after something was sent ([`Api`](Error::Api), [`Http`](Error::Http),
/// [`Transport`](Error::Transport), [`Decode`](Error::Decode)) carries the same
/// [`RequestFacts`]: attempts, idempotency key, `Request-Id`, status and `Stripe-Should-Retry`.
/// The accessors ([`status`](Error::status), [`request_id`](Error::request_id),
/// [`attempts`](Error::attempts), [`idempotency_key`](Error::idempotency_key),
/// [`is_retryable`](Error::is_retryable)) read them whatever the variant.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A parameter of the call was rejected before anything was sent. Only for the call's own
    /// input (params, path ids, per-call headers such as `Idempotency-Key`); a client setting is
    /// [`Config`](Error::Config).
    #[error("invalid parameter `{param}`: {reason}")]
    InvalidParam {
        /// The parameter's bracketed path, as Stripe names it: `flow_data[subscription_cancel][subscription]`.
        param: String,
        /// What is wrong with it.
        reason: String,
    },

    /// The client could not be built from the settings given (builder or environment).
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// Stripe answered an error status (4xx, 5xx) with its JSON error object.
    #[error(transparent)]
    Api(Box<ApiError>),

    /// An error status whose body is not a Stripe error object: typically an HTML page from a
    /// proxy or load balancer in front of Stripe (502, 503, 504), or an unexpected redirect.
    #[error(
        "HTTP {}{} after {} attempt(s), without a Stripe error body{}; body starts with: {body_prefix:?}",
        .facts.status.unwrap_or_default(),
        reason_phrase(.facts.status.unwrap_or_default()),
        .facts.attempts,
        .facts.request_id.as_deref().map(|id| format!(" (request {id})")).unwrap_or_default()
    )]
    Http {
        /// What the exchange said: status, `Request-Id`, attempts, idempotency key.
        facts: RequestFacts,
        /// The first characters of the body (at most 200), lossily decoded as UTF-8.
        body_prefix: String,
    },

    /// The request got no complete HTTP response: the connection was refused, reset or closed
    /// before the response was complete, or an attempt timed out. The message ends with the
    /// whole cause chain (`… tcp connect error: Connection refused (os error 111)`).
    #[error("{kind} error talking to Stripe after {} attempt(s): {}", .facts.attempts, cause_chain(.source))]
    Transport {
        /// What the exchange said: attempts and idempotency key (no status: nothing answered).
        facts: RequestFacts,
        /// What kind of failure it was.
        kind: TransportErrorKind,
        /// The underlying HTTP client error.
        #[source]
        source: reqwest::Error,
    },

    /// A success (2xx) whose body could not be decoded into the expected type. Never retried:
    /// Stripe processed the request, and sending it again would replay the same body.
    #[error(
        "could not decode Stripe's response (HTTP {}{}): {source}; body starts with: {body_prefix:?}",
        .facts.status.unwrap_or_default(),
        .facts.request_id.as_deref().map(|id| format!(", request {id}")).unwrap_or_default()
    )]
    Decode {
        /// What the exchange said: status, `Request-Id`, attempts, idempotency key.
        facts: RequestFacts,
        /// The first characters of the body (at most 200), lossily decoded as UTF-8.
        body_prefix: String,
        /// What the JSON decoder said.
        #[source]
        source: serde_json::Error,
    },
}

/// What one logical request (all its attempts) said about itself, carried by every error raised
/// after sending.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RequestFacts {
    /// How many attempts were made in all (more than 1 when the client retried).
    pub attempts: u32,
    /// The `Idempotency-Key` every attempt carried (POST only): send again with it to retry safely later.
    pub idempotency_key: Option<String>,
    /// Stripe's `Request-Id` header of the last response, if there was one and it carried it.
    pub request_id: Option<String>,
    /// The HTTP status of the last response; `None` when no response arrived.
    pub status: Option<u16>,
    /// The `Stripe-Should-Retry` header of the last response, when present.
    pub should_retry: Option<bool>,
}

impl RequestFacts {
    /// Whether trying again could succeed, by the client's retry rule: no response at all, 409,
    /// 5xx, or `Stripe-Should-Retry: true`; never `Stripe-Should-Retry: false`.
    pub fn is_retryable(&self) -> bool {
        should_retry(self.status, self.should_retry)
    }
}

/// `" Bad Gateway"` for 502: the status's standard reason phrase, with a leading space, if it has one.
fn reason_phrase(status: u16) -> String {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .map(|reason| format!(" {reason}"))
        .unwrap_or_default()
}

/// An error and each of its sources, joined by `: ` (a source whose text its parent already
/// shows is skipped).
fn cause_chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut text = err.to_string();
    let mut source = err.source();
    while let Some(cause) = source {
        let line = cause.to_string();
        if !text.contains(&line) {
            text.push_str(": ");
            text.push_str(&line);
        }
        source = cause.source();
    }
    text
}

/// A value the encoder refused (a leaf that breaks its rule, or a shape with no form spelling) is
/// an invalid parameter, named by its bracketed path.
impl From<EncodeError> for Error {
    fn from(err: EncodeError) -> Self {
        let param = if err.key().is_empty() { "params" } else { err.key() };
        Error::invalid_param(param, err.reason())
    }
}

impl Error {
    pub(crate) fn invalid_param(param: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidParam { param: param.into(), reason: reason.into() }
    }

    /// What the exchange said, for the errors raised after sending; `None` for
    /// [`InvalidParam`](Error::InvalidParam) and [`Config`](Error::Config).
    pub fn facts(&self) -> Option<&RequestFacts> {
        match self {
            Error::Api(api) => Some(&api.facts),
            Error::Http { facts, .. } | Error::Transport { facts, .. } | Error::Decode { facts, .. } => Some(facts),
            Error::InvalidParam { .. } | Error::Config(_) => None,
        }
    }

    /// Whether trying again (with the same idempotency key) could succeed: transport failures,
    /// 409, 5xx, and any response that carried `Stripe-Should-Retry: true`; never a response that
    /// carried `Stripe-Should-Retry: false`, and never a success that did not decode. This is the
    /// rule the client's own retries follow, so an error it returns after giving up still says
    /// `true` when the retry budget ran out.
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Decode { .. } => false,
            _ => self.facts().is_some_and(RequestFacts::is_retryable),
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<u16> {
        self.facts()?.status
    }

    /// Stripe's `Request-Id`, when a response was received and carried one.
    pub fn request_id(&self) -> Option<&str> {
        self.facts()?.request_id.as_deref()
    }

    /// How many attempts were made before this error, when anything was sent. Errors raised
    /// before sending ([`InvalidParam`](Error::InvalidParam), [`Config`](Error::Config)) give `None`.
    pub fn attempts(&self) -> Option<u32> {
        Some(self.facts()?.attempts)
    }

    /// The `Idempotency-Key` every attempt of a POST carried, generated or given. After giving up,
    /// sending the same call again with `Call::idempotency_key` set
    /// to it can never act twice. `None` for a GET and for errors raised before sending.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.facts()?.idempotency_key.as_deref()
    }

    /// The Stripe API error, if this is one.
    pub fn as_api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }
}

/// What a response (or its absence) says about retrying.
pub(crate) fn should_retry(status: Option<u16>, stripe_should_retry: Option<bool>) -> bool {
    match (stripe_should_retry, status) {
        (Some(explicit), _) => explicit,
        (None, None) => true,
        (None, Some(status)) => status_is_retryable(status),
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

crate::object! {
    /// An error answered by Stripe: the `error` object of the body, plus what the response said around it.
    ///
    /// It decodes from Stripe's `error` object; the client then fills in `kind` and `facts` from the
    /// response (decoded alone, they are [`ApiErrorKind::Api`] and empty).
    #[derive(Eq)]
    pub struct ApiError {
        kind: ApiErrorKind [skip, default = "unclassified"] = "The class of error, by status.",
        error_type: Option<ErrorType> [rename = "type"] = "Stripe's `type`, when the body had one.",
        code: Option<String> = "Stripe's machine-readable `code` (e.g. `resource_missing`), kept as sent.",
        decline_code: Option<String> = "For card errors, the issuer's `decline_code`.",
        message: Option<String> = "A human-readable message.",
        param: Option<String> =
            "The parameter the error is about, bracketed: `flow_data[subscription_cancel][subscription]`.",
        doc_url: Option<String> = "A link to Stripe's docs for `code`.",
        request_log_url: Option<String> = "A link to this request in the Dashboard's logs.",
        facts: RequestFacts [skip] =
            "What the exchange said: status, `Request-Id`, attempts, idempotency key, `Stripe-Should-Retry`.",
    }
}

/// The class of an [`ApiError`] decoded before the status is known.
fn unclassified() -> ApiErrorKind {
    ApiErrorKind::Api
}

impl ApiError {
    /// The HTTP status Stripe answered with.
    pub fn status(&self) -> u16 {
        self.facts.status.unwrap_or_default()
    }

    /// Whether trying again could succeed: `Stripe-Should-Retry` when Stripe sent it, else 409 or 5xx.
    pub fn is_retryable(&self) -> bool {
        self.facts.is_retryable()
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stripe API error (HTTP {}", self.status())?;
        if let Some(error_type) = &self.error_type {
            write!(f, ", {error_type}")?;
        }
        if let Some(code) = &self.code {
            write!(f, ", code {code}")?;
        }
        if let Some(param) = &self.param {
            write!(f, ", param {param}")?;
        }
        if let Some(id) = &self.facts.request_id {
            write!(f, ", request {id}")?;
        }
        write!(f, "): {}", self.message.as_deref().unwrap_or("no message"))
    }
}

impl std::error::Error for ApiError {}

crate::open_enum! {
    /// Stripe's `error.type`.
    pub enum ErrorType {
        ApiError = "api_error": "A problem on Stripe's side.",
        CardError = "card_error": "A card could not be charged.",
        IdempotencyError = "idempotency_error": "An idempotency key was reused with different parameters.",
        InvalidRequestError = "invalid_request_error": "The request had invalid parameters.",
    }
}

/// The JSON error body: `{"error": {...}}`.
#[derive(serde::Deserialize)]
pub(crate) struct ErrorBody {
    error: ApiError,
}

impl ErrorBody {
    pub(crate) fn into_api_error(self, facts: RequestFacts) -> ApiError {
        let kind = ApiErrorKind::classify(facts.status.unwrap_or_default(), self.error.error_type.as_ref());
        ApiError { kind, facts, ..self.error }
    }
}
