//! The identification headers every request carries.

use reqwest::header::HeaderValue;

/// `User-Agent`: this crate and its version.
pub(crate) const USER_AGENT: &str = concat!("stripe-billing-portal/", env!("CARGO_PKG_VERSION"));

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
