//! Deep links into the account flows: update the payment method, edit billing details.
//!
//! `cargo run --example account_deep_links` prints the requests; set `STRIPE_SECRET_KEY` (and
//! `STRIPE_CUSTOMER`) to create real sessions.

mod shared;

use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), stripe_billing_portal::Error> {
    let client = shared::client()?;
    let customer = shared::id("STRIPE_CUSTOMER", "cus_123");
    let session = || SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");

    let payment_method = session().flow_data(
        FlowData::payment_method_update()
            .after_completion(AfterCompletion::redirect("https://example.com/account?card=updated")),
    );
    shared::send_or_preview("update payment method", client.sessions().create(payment_method)).await?;

    let details =
        session()
            .flow_data(FlowData::customer_update().after_completion(
                AfterCompletion::hosted_confirmation_with_message("Your billing details are saved."),
            ));
    shared::send_or_preview("edit billing details", client.sessions().create(details)).await
}
