//! Deep links into the account flows: update the payment method, edit billing details.
//!
//! `cargo run --example account_deep_links` runs against an embedded mock of Stripe; set
//! `STRIPE_SECRET_KEY` (and `STRIPE_CUSTOMER_ID`) to create real test-mode sessions.

#[path = "support/connect.rs"]
mod connect;
#[path = "support/mock_stripe.rs"]
mod mock_stripe;
#[path = "support/show.rs"]
mod show;

use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};

#[tokio::main]
async fn main() -> Result<(), show::BoxError> {
    let target = connect::Target::from_env();
    println!("{}", target.describe());
    let (client, _mock) = target.connect().await?;
    let ids = connect::DemoIds::from_env();
    let out = &mut std::io::stdout();
    let session = || SessionCreateParams::new(ids.customer.as_str()).return_url("https://example.com/account");

    let card = FlowData::payment_method_update()
        .after_completion(AfterCompletion::redirect("https://example.com/account?card=updated"));
    show::create_and_show(&client, "Update the payment method", session().flow_data(card), out).await?;

    let details = FlowData::customer_update()
        .after_completion(AfterCompletion::hosted_confirmation_with_message("Your billing details are saved."));
    show::create_and_show(&client, "Edit billing details", session().flow_data(details), out).await?;
    Ok(())
}
