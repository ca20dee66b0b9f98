//! The headers requests carry and responses are read for, by name.
//!
//! The names are constants, so that no call parses a header name at run time (a `&str` name is
//! checked and lower-cased on every use).

use reqwest::header::{HeaderName, HeaderValue};

/// `User-Agent`: this crate and its version.
pub(crate) const USER_AGENT: &str = concat!("stripe-billing-portal/", env!("CARGO_PKG_VERSION"));

/// `Stripe-Version`: the API version of a request.
pub(crate) static STRIPE_VERSION: HeaderName = HeaderName::from_static("stripe-version");
/// `Stripe-Account`: the connected account a request acts on.
pub(crate) static STRIPE_ACCOUNT: HeaderName = HeaderName::from_static("stripe-account");
/// `Idempotency-Key`: one per POST, the same for all its attempts.
pub(crate) static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
/// `X-Stripe-Client-User-Agent`: see [`client_user_agent`].
pub(crate) static CLIENT_USER_AGENT: HeaderName = HeaderName::from_static("x-stripe-client-user-agent");
/// `Request-Id` of a response: Stripe's name for the exchange.
pub(crate) static REQUEST_ID: HeaderName = HeaderName::from_static("request-id");
/// `Stripe-Should-Retry` of a response: Stripe's word on retrying.
pub(crate) static STRIPE_SHOULD_RETRY: HeaderName = HeaderName::from_static("stripe-should-retry");

/// `Content-Type` of a POST: the form body.
pub(crate) static FORM: HeaderValue = HeaderValue::from_static("application/x-www-form-urlencoded");

/// `X-Stripe-Client-User-Agent`: the JSON description of the client that Stripe's SDKs send.
///
/// `lang_version` comes from `build.rs` through `STRIPE_BILLING_PORTAL_RUSTC_VERSION`, a
/// compile-time variable private to this crate: `cargo:rustc-env` sets it for this crate's own
/// compilation only, it is read nowhere else, and no public item exposes it.
pub(crate) fn client_user_agent() -> HeaderValue {
    let json = serde_json::json!({
        "bindings_version": env!("CARGO_PKG_VERSION"),
        "lang": "rust",
        "lang_version": env!("STRIPE_BILLING_PORTAL_RUSTC_VERSION"),
        "publisher": "stripe-billing-portal",
        "uname": format!("{} {}", std::env::consts::OS, std::env::consts::ARCH),
    });
    HeaderValue::try_from(json.to_string()).unwrap_or_else(|_| HeaderValue::from_static("{}"))
}

#[cfg(test)]
mod tests {
    /// The fields the official SDKs send, each filled in: the crate's version, `rust`, and the
    /// compiler's version as `build.rs` found it (an empty one would mean it found none).
    #[test]
    fn the_client_user_agent_names_the_bindings_the_language_and_its_version() {
        let header = super::client_user_agent();
        let json: serde_json::Value = serde_json::from_slice(header.as_bytes()).unwrap();
        assert_eq!(json["bindings_version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["lang"], "rust");
        let lang_version = json["lang_version"].as_str().unwrap_or_default();
        assert!(lang_version.starts_with("rustc 1."), "{json}");
    }
}
