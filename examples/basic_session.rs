//! A plain portal session: the "Manage billing" button of Stripe's integration guide.
//!
//! `cargo run --example basic_session` prints the request; set `STRIPE_SECRET_KEY` (and
//! `STRIPE_CUSTOMER`) to create a real session.

mod shared;

use stripe_billing_portal::sessions::{Locale, SessionCreateParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), stripe_billing_portal::Error> {
    let client = shared::client()?;
    let customer = shared::id("STRIPE_CUSTOMER", "cus_123");

    let basic = SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");
    shared::send_or_preview("basic session", client.sessions().create(basic)).await?;

    // A specific configuration, in French, branded for a connected account.
    let custom = SessionCreateParams::new(customer.as_str())
        .return_url("https://example.com/account")
        .configuration(shared::id("STRIPE_CONFIGURATION", "bpc_123"))
        .locale(Locale::Fr)
        .on_behalf_of(shared::id("STRIPE_ON_BEHALF_OF", "acct_123"));
    shared::send_or_preview("configured session", client.sessions().create(custom)).await
}
