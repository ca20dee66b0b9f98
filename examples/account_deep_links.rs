//! Deep links into the account flows: update the payment method, edit billing details, each with
//! where the customer goes once done (`after_completion`).
//!
//! `cargo run --features testing --example account_deep_links` runs against a fake Stripe in this
//! process, which also plays the customer through each flow and shows where the portal sends them;
//! set `STRIPE_SECRET_KEY` and `STRIPE_CUSTOMER_ID` to create real test-mode sessions (then open
//! the URLs yourself).

use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};
use stripe_billing_portal::testing::{Action, Backend};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let backend = Backend::from_env().await?; // Stripe with STRIPE_SECRET_KEY, otherwise a fake here
    println!("Mode: {backend}");
    // The account flows need only a customer (here with a card on file).
    let customer = backend.object_id("STRIPE_CUSTOMER_ID", |fake| {
        let customer =
            fake.post("/v1/customers", &[("email", "jenny@example.com"), ("payment_method", "pm_card_visa")]);
        Ok(customer?["id"].as_str().unwrap_or_default().to_owned())
    })?;
    let session = || SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");

    // Each flow, and what the customer does in it.
    let card = FlowData::payment_method_update()
        .after_completion(AfterCompletion::redirect("https://example.com/account?card=updated"));
    let details = FlowData::customer_update()
        .after_completion(AfterCompletion::hosted_confirmation_with_message("Your billing details are saved."));
    let flows = [
        ("Update the payment method", card, Action::update_payment_method("pm_card_mastercard")),
        ("Edit billing details", details, Action::update_customer().field("email", "jenny.rosen@example.com")),
    ];

    for (title, flow, action) in flows {
        let call = backend.client().sessions().create(session().flow_data(flow));
        // The request as `curl` (key masked), then the portal URL Stripe answers with.
        println!("\n== {title}\n{}", call.preview()?.curl());
        let session = call.send().await?;
        println!("-> portal URL: {}  (session {})", session.url, session.id);
        if let Some(fake) = backend.fake() {
            let landing = fake.act(&session.url, action)?;
            println!("-> the customer completes the flow; the portal sends them to {landing}");
        }
    }
    Ok(())
}
