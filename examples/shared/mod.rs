//! What every session example does: preview offline, or send when a key is configured.
//!
//! - No `STRIPE_SECRET_KEY`: print the request as a masked `curl` command, send nothing.
//! - `STRIPE_SECRET_KEY=sk_test_…`: send it to Stripe (or to `STRIPE_API_BASE`, e.g. a local
//!   stripe-mock) and print the portal URL.

use stripe_billing_portal::sessions::Session;
use stripe_billing_portal::{Call, Client, Error, Params};

/// A client from the environment; a placeholder key when none is set (previews only).
pub fn client() -> Result<Client, Error> {
    let key = std::env::var("STRIPE_SECRET_KEY").unwrap_or_else(|_| "sk_test_preview_only".to_owned());
    let mut builder = Client::builder(key);
    if let Ok(base) = std::env::var("STRIPE_API_BASE") {
        builder = builder.base_url(base);
    }
    builder.build()
}

/// An id from the environment variable `name`, or `default`.
pub fn id(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

/// Sends `call` when a key is configured, previews it otherwise.
pub async fn send_or_preview<P: Params>(label: &str, call: Call<P, Session>) -> Result<(), Error> {
    if std::env::var_os("STRIPE_SECRET_KEY").is_some() {
        let session = call.send().await?;
        println!("{label}: {}", session.url);
    } else {
        println!("# {label}\n{}\n", call.preview()?.curl());
    }
    Ok(())
}
