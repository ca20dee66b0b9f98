//! Deep links into the account flows: update the payment method, edit billing details.
//!
//! `cargo run --features testing --example account_deep_links` runs against a fake Stripe in this
//! process; set `STRIPE_SECRET_KEY` and `STRIPE_CUSTOMER_ID` to create real test-mode sessions.

use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};
use stripe_billing_portal::testing::Backend;
use stripe_billing_portal::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let backend = Backend::from_env().await?; // Stripe with STRIPE_SECRET_KEY, otherwise a fake here
    println!("Mode: {backend}");
    let customer = backend.object_id("STRIPE_CUSTOMER_ID", |fake| Ok(fake.seed_subscription()?.customer))?;
    let client = backend.client();
    let session = || SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");

    let card = FlowData::payment_method_update()
        .after_completion(AfterCompletion::redirect("https://example.com/account?card=updated"));
    show(&client, "Update the payment method", session().flow_data(card)).await?;

    let details = FlowData::customer_update()
        .after_completion(AfterCompletion::hosted_confirmation_with_message("Your billing details are saved."));
    show(&client, "Edit billing details", session().flow_data(details)).await
}

/// Prints the request as `curl` (key masked), sends it, and prints the portal URL.
async fn show(client: &Client, title: &str, params: SessionCreateParams) -> Result<(), BoxError> {
    let call = client.sessions().create(params);
    println!("\n== {title}\n{}", call.preview()?.curl());
    let session = call.send().await?;
    println!("-> portal URL: {}  (session {})", session.url, session.id);
    Ok(())
}
