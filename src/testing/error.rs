//! [`StripeError`]: an error in Stripe's shape (`{"error":{…}}`) with its HTTP status.

use serde_json::{json, Map, Value};
use std::fmt;

/// An error the fake answers with, shaped as Stripe's: HTTP status, `type`, `code`, `param` and
/// `message`.
///
/// The HTTP API sends it as `{"error":{…}}`; the in-process calls ([`FakeStripe::act`](super::FakeStripe::act),
/// [`FakeStripe::post`](super::FakeStripe::post), …) return it as the `Err` value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct StripeError {
    /// The HTTP status: 400, 401, 402, 404 or 500.
    pub status: u16,
    /// `invalid_request_error`, `idempotency_error`, `card_error` or `api_error`.
    pub kind: &'static str,
    /// Stripe's error `code` (`resource_missing`, `parameter_missing`, …), when it has one.
    pub code: Option<&'static str>,
    /// The parameter at fault, as its bracketed form key.
    pub param: Option<String>,
    /// The human-readable message.
    pub message: String,
}

impl StripeError {
    /// A 400 `invalid_request_error` without a code.
    pub(crate) fn invalid(param: Option<&str>, message: impl Into<String>) -> Self {
        StripeError {
            status: 400,
            kind: "invalid_request_error",
            code: None,
            param: param.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Sets the `code`.
    pub(crate) fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// Sets the HTTP status.
    pub(crate) fn status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }

    /// `Missing required param: {param}.` (`parameter_missing`).
    pub(crate) fn missing(param: &str) -> Self {
        Self::invalid(Some(param), format!("Missing required param: {param}.")).code("parameter_missing")
    }

    /// `No such {what}: '{id}'` (`resource_missing`), HTTP 400: the id came in a body parameter.
    pub(crate) fn no_such(what: &str, id: &str, param: &str) -> Self {
        Self::invalid(Some(param), format!("No such {what}: '{id}'")).code("resource_missing")
    }

    /// `No such {what}: '{id}'` (`resource_missing`), HTTP 404 with `param: "id"`: the id was in the path.
    pub(crate) fn not_found(what: &str, id: &str) -> Self {
        Self::no_such(what, id, "id").status(404)
    }

    /// Stripe's 404 for a path or method it does not serve.
    pub(crate) fn unrecognized_url(method: &str, path: &str) -> Self {
        Self::invalid(
            None,
            format!(
                "Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
            ),
        )
        .status(404)
    }

    /// The JSON body: `{"error":{…}}`, with `doc_url` for coded errors.
    pub fn to_json(&self) -> Value {
        let mut error = Map::new();
        error.insert("type".into(), json!(self.kind));
        error.insert("message".into(), json!(self.message));
        if let Some(code) = self.code {
            error.insert("code".into(), json!(code));
            error.insert(
                "doc_url".into(),
                json!(format!("https://stripe.com/docs/error-codes/{}", code.replace('_', "-"))),
            );
        }
        if let Some(param) = &self.param {
            error.insert("param".into(), json!(param));
        }
        json!({ "error": error })
    }
}

impl fmt::Display for StripeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.kind, self.message)?;
        if let Some(param) = &self.param {
            write!(f, " (param {param})")?;
        }
        Ok(())
    }
}

impl std::error::Error for StripeError {}

/// The result of a fake API operation.
pub type Result<T, E = StripeError> = std::result::Result<T, E>;
