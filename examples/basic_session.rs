//! A plain portal session: the "Manage billing" button of Stripe's integration guide, then the
//! same with a chosen configuration, language and connected-account branding.
//!
//! `cargo run --example basic_session` runs against an embedded mock of Stripe; set
//! `STRIPE_SECRET_KEY` (and `STRIPE_CUSTOMER_ID`) to create real test-mode sessions.

#[path = "support/connect.rs"]
mod connect;
#[path = "support/mock_stripe.rs"]
mod mock_stripe;
#[path = "support/show.rs"]
mod show;

use stripe_billing_portal::sessions::{Locale, SessionCreateParams};

#[tokio::main]
async fn main() -> Result<(), show::BoxError> {
    let target = connect::Target::from_env();
    println!("{}", target.describe());
    let (client, _mock) = target.connect().await?;
    let ids = connect::DemoIds::from_env();
    let out = &mut std::io::stdout();

    let home = SessionCreateParams::new(ids.customer.as_str()).return_url("https://example.com/account");
    show::create_and_show(&client, "The portal home page", home, out).await?;

    let mut custom =
        SessionCreateParams::new(ids.customer.as_str()).return_url("https://example.com/account").locale(Locale::Fr);
    if let Some(configuration) = connect::var("STRIPE_CONFIGURATION_ID") {
        custom = custom.configuration(configuration);
    }
    if let Some(account) = connect::var("STRIPE_ON_BEHALF_OF") {
        custom = custom.on_behalf_of(account);
    }
    show::create_and_show(&client, "In French, with a chosen configuration", custom, out).await?;
    Ok(())
}
