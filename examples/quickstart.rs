//! Quickstart: one portal session of each kind, showing what is sent and what comes back.
//!
//! ```sh
//! cargo run --example quickstart                                  # embedded mock: no key, no network
//! STRIPE_SECRET_KEY=sk_test_... cargo run --example quickstart    # your Stripe test account
//! STRIPE_API_BASE=http://127.0.0.1:12111 cargo run --example quickstart   # a local stripe-mock
//! ```
//!
//! The first line says which mode it runs in. Then, for the portal home page and each deep-link
//! flow, it prints the request as a `curl` command (key masked; one `-d` per form pair, exactly the
//! body sent) and the portal URL Stripe answered with; last, the error Stripe gives for a customer
//! that does not exist. Against Stripe, point it at your test-mode objects with
//! `STRIPE_CUSTOMER_ID`, `STRIPE_SUBSCRIPTION_ID`, `STRIPE_SUBSCRIPTION_ITEM_ID`, `STRIPE_PRICE_ID`
//! and `STRIPE_COUPON_ID` (see `examples/support/connect.rs`).

#[path = "support/connect.rs"]
pub mod connect;
#[path = "support/mock_stripe.rs"]
pub mod mock_stripe;
#[path = "support/show.rs"]
pub mod show;

use connect::DemoIds;
use std::io::Write;
use std::process::ExitCode;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::{Client, Error};

/// Where the portal's "back to your site" link and after-completion redirects go.
pub const RETURN_URL: &str = "https://example.com/account";

/// A customer id that does not exist, to show how Stripe reports an error.
pub const MISSING_CUSTOMER: &str = "cus_missing";

/// Any error the quickstart can end with.
pub use show::BoxError;

#[tokio::main]
async fn main() -> ExitCode {
    let outcome = async {
        let (client, _mock, ids) = connect::announce_and_connect().await?;
        run(&client, &ids, &mut std::io::stdout()).await
    };
    match outcome.await {
        Ok(created) => {
            println!("\nDone: {created} portal sessions created.");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("\nThe quickstart stopped: {err}");
            ExitCode::FAILURE
        }
    }
}

/// The sessions the quickstart creates: the portal home page, then one per deep-link flow.
pub fn sessions(ids: &DemoIds) -> Vec<(&'static str, SessionCreateParams)> {
    let session = || SessionCreateParams::new(ids.customer.as_str()).return_url(RETURN_URL);
    let back = |flow: &str| AfterCompletion::redirect(format!("{RETURN_URL}?completed={flow}"));
    let price_change = SubscriptionUpdateConfirm::new(
        ids.subscription.as_str(),
        SubscriptionUpdateConfirmItem::new_price(ids.subscription_item.as_str(), ids.price.as_str()).quantity(1),
    )
    .coupon(ids.coupon.as_str());
    vec![
        ("The portal home page", session()),
        (
            "Update the payment method",
            session().flow_data(FlowData::payment_method_update().after_completion(back("payment_method_update"))),
        ),
        ("Edit billing details", session().flow_data(FlowData::customer_update())),
        (
            "Cancel a subscription, offering a coupon to stay",
            session().flow_data(
                FlowData::new(SubscriptionCancel::new(ids.subscription.as_str()).coupon_offer(ids.coupon.as_str()))
                    .after_completion(AfterCompletion::hosted_confirmation_with_message("Sorry to see you go.")),
            ),
        ),
        ("Pause a subscription", session().flow_data(FlowData::subscription_pause(ids.subscription.as_str()))),
        ("Pick a new plan", session().flow_data(FlowData::subscription_update(ids.subscription.as_str()))),
        (
            "Confirm a price change, with a coupon",
            session().flow_data(FlowData::new(price_change).after_completion(back("subscription_update_confirm"))),
        ),
    ]
}

/// Creates every session of [`sessions`] and shows the error case, writing to `out`.
/// Returns how many sessions were created.
pub async fn run(client: &Client, ids: &DemoIds, out: &mut impl Write) -> Result<usize, BoxError> {
    let mut created = 0;
    for (title, params) in sessions(ids) {
        show::create_and_show(client, title, params, out).await?;
        created += 1;
    }

    let call = client.sessions().create(SessionCreateParams::new(MISSING_CUSTOMER).return_url(RETURN_URL));
    writeln!(out, "\n== An error, as Stripe reports it: a customer that does not exist\n{}", call.preview()?.curl())?;
    match call.send().await {
        Err(Error::Api(error)) => writeln!(out, "-> {error}")?,
        Err(other) => return Err(other.into()),
        Ok(session) => {
            return Err(format!("expected an error for {MISSING_CUSTOMER}, got session {}", session.id).into())
        }
    }
    Ok(created)
}
