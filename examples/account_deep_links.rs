//! Deep links into the account flows: update the payment method, edit billing details.
//!
//! `cargo run --features testing --example account_deep_links` runs against a fake Stripe in this
//! process; set `STRIPE_SECRET_KEY` and `STRIPE_CUSTOMER_ID` to create real test-mode sessions.

use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};
use stripe_billing_portal::testing::FakeStripe;
use stripe_billing_portal::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    // Stripe when a key is set; otherwise a fake with one subscribed customer (kept until the end).
    let (client, customer, _fake) = match std::env::var("STRIPE_SECRET_KEY") {
        Ok(_) => {
            (Client::from_env()?, std::env::var("STRIPE_CUSTOMER_ID").map_err(|_| "set STRIPE_CUSTOMER_ID")?, None)
        }
        Err(_) => {
            let fake = FakeStripe::start().await?;
            println!("Mode: a fake Stripe on {} (set STRIPE_SECRET_KEY to use Stripe)", fake.base_url());
            let customer = fake.seed_subscription()?.customer;
            (fake.client(), customer, Some(fake))
        }
    };
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
