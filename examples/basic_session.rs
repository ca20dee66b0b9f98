//! A plain portal session: the "Manage billing" button of Stripe's integration guide, then the
//! same with a chosen configuration, language and connected-account branding.
//!
//! `cargo run --features testing --example basic_session` runs against a fake Stripe in this
//! process; set `STRIPE_SECRET_KEY` and `STRIPE_CUSTOMER_ID` (optionally `STRIPE_CONFIGURATION_ID`
//! and `STRIPE_ON_BEHALF_OF`) to create real test-mode sessions.

use stripe_billing_portal::sessions::{Locale, SessionCreateParams};
use stripe_billing_portal::testing::Backend;
use stripe_billing_portal::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let backend = Backend::from_env().await?; // Stripe with STRIPE_SECRET_KEY, otherwise a fake here
    println!("Mode: {backend}");
    let customer = backend.object_id("STRIPE_CUSTOMER_ID", |fake| Ok(fake.seed_subscription()?.customer))?;
    let client = backend.client();

    let home = SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");
    show(&client, "The portal home page", home).await?;

    let mut custom =
        SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account").locale(Locale::Fr);
    if let Ok(configuration) = std::env::var("STRIPE_CONFIGURATION_ID") {
        custom = custom.configuration(configuration);
    }
    if let Ok(account) = std::env::var("STRIPE_ON_BEHALF_OF") {
        custom = custom.on_behalf_of(account);
    }
    show(&client, "In French, with a chosen configuration", custom).await
}

/// Prints the request as `curl` (key masked), sends it, and prints the portal URL.
async fn show(client: &Client, title: &str, params: SessionCreateParams) -> Result<(), BoxError> {
    let call = client.sessions().create(params);
    println!("\n== {title}\n{}", call.preview()?.curl());
    let session = call.send().await?;
    println!("-> portal URL: {}  (session {})", session.url, session.id);
    Ok(())
}
