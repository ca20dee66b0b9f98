//! Quickstart: one portal session of each kind, showing what is sent and what comes back.
//!
//! ```sh
//! cargo run --features testing --example quickstart     # a fake Stripe in this process: no key, no network
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_CUSTOMER_ID=cus_... STRIPE_SUBSCRIPTION_ID=sub_... \
//!   STRIPE_SUBSCRIPTION_ITEM_ID=si_... STRIPE_PRICE_ID=price_... STRIPE_COUPON_ID=... \
//!   cargo run --features testing --example quickstart   # your Stripe test account
//! ```
//!
//! The first line says which mode it runs in. Then, for the portal home page and each deep-link
//! flow, it prints the request as a `curl` command (key masked; one `-d` per form pair, exactly the
//! body sent) and the portal URL Stripe answered with; then the error Stripe gives for a customer
//! that does not exist. With the fake (`stripe_billing_portal::testing`), it last plays the
//! customer: cancels in the portal and prints the events that follow.

use std::io::Write;
use std::process::ExitCode;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, FlowType, Session, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::testing::{Action, Backend, DeepLinkIds, FakeStripe};
use stripe_billing_portal::{Client, Error};

/// Where the portal's "back to your site" link and after-completion redirects go.
pub const RETURN_URL: &str = "https://example.com/account";

/// A customer id that does not exist, to show how Stripe reports an error.
pub const MISSING_CUSTOMER: &str = "cus_does_not_exist";

/// Any error the quickstart can end with.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> ExitCode {
    match run_main().await {
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

async fn run_main() -> Result<usize, BoxError> {
    let mut out = std::io::stdout();
    let backend = Backend::from_env().await?;
    println!("Mode: {backend}");
    // Your test-mode objects from STRIPE_CUSTOMER_ID etc., or, in the fake: a customer with a card
    // and a Basic subscription, a Gold price the default portal configuration offers, a coupon.
    let ids = backend.deep_link_ids()?;
    let sessions = run(&backend.client(), &ids, &mut out).await?;
    if let Some(fake) = backend.fake() {
        play_the_customer(fake, &ids, &sessions, &mut out)?;
    }
    Ok(sessions.len())
}

/// The sessions the quickstart creates: the portal home page, then one per deep-link flow.
pub fn sessions(ids: &DeepLinkIds) -> Vec<(&'static str, SessionCreateParams)> {
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

/// Creates every session of [`sessions`], printing each request as `curl` and each portal URL,
/// then shows the error case. Returns the sessions, in order.
pub async fn run(client: &Client, ids: &DeepLinkIds, out: &mut impl Write) -> Result<Vec<Session>, BoxError> {
    let mut created = Vec::new();
    for (title, params) in sessions(ids) {
        let call = client.sessions().create(params);
        writeln!(out, "\n== {title}\n{}", call.preview()?.curl())?;
        let session = call.send().await?;
        let flow = session.flow.as_ref().map_or("none".to_owned(), |flow| flow.kind.flow_type().to_string());
        writeln!(out, "-> portal URL: {}  (session {}, flow: {flow})", session.url, session.id)?;
        created.push(session);
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

/// With the fake: the customer cancels through the cancel session, and the events that follow
/// are printed, as your webhook endpoint would receive them.
pub fn play_the_customer(
    fake: &FakeStripe,
    ids: &DeepLinkIds,
    sessions: &[Session],
    out: &mut impl Write,
) -> Result<(), BoxError> {
    let cancel = sessions
        .iter()
        .find(|session| session.flow.as_ref().is_some_and(|flow| flow.kind.flow_type() == FlowType::SubscriptionCancel))
        .ok_or("the cancel session")?;
    let before = fake.event_types().len();
    writeln!(out, "\n== The customer cancels in the portal ({}/actions, action=cancel_subscription)", cancel.url)?;
    let landing = fake.act(&cancel.url, Action::cancel_subscription(&ids.subscription))?;
    writeln!(out, "-> the portal sends them to {landing}")?;
    for event in &fake.events()[before..] {
        let previous = event["data"]
            .get("previous_attributes")
            .map(|p| format!(" (previous_attributes: {p})"))
            .unwrap_or_default();
        writeln!(out, "-> event {}{previous}", event["type"].as_str().unwrap_or_default())?;
    }
    Ok(())
}
