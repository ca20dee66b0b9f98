//! Deep links into the subscription flows: cancel (with a retention coupon), pause, pick a new
//! plan, and confirm a prepared price change.
//!
//! `cargo run --features testing --example subscription_deep_links` runs against a fake Stripe in
//! this process; set `STRIPE_SECRET_KEY`, `STRIPE_CUSTOMER_ID`, `STRIPE_SUBSCRIPTION_ID`,
//! `STRIPE_SUBSCRIPTION_ITEM_ID`, `STRIPE_PRICE_ID` and `STRIPE_COUPON_ID` to create real
//! test-mode sessions.

use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::testing::Backend;
use stripe_billing_portal::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let backend = Backend::from_env().await?; // Stripe with STRIPE_SECRET_KEY, otherwise a fake here
    println!("Mode: {backend}");
    // A customer, their subscription and its item, a price the configuration offers, a coupon.
    let ids = backend.deep_link_ids()?;
    let client = backend.client();
    let session = || SessionCreateParams::new(ids.customer.as_str()).return_url("https://example.com/account");

    let cancel = FlowData::new(SubscriptionCancel::new(ids.subscription.as_str()).coupon_offer(ids.coupon.as_str()))
        .after_completion(AfterCompletion::redirect("https://example.com/account/subscription_canceled"));
    show(&client, "Cancel, with a retention offer", session().flow_data(cancel)).await?;

    let pause = FlowData::subscription_pause(ids.subscription.as_str());
    show(&client, "Pause", session().flow_data(pause)).await?;

    let update = FlowData::subscription_update(ids.subscription.as_str());
    show(&client, "Choose a new plan", session().flow_data(update)).await?;

    // The item id comes from the subscription's `items.data[0].id`.
    let item = SubscriptionUpdateConfirmItem::new_price(ids.subscription_item.as_str(), ids.price.as_str()).quantity(1);
    let confirm =
        FlowData::new(SubscriptionUpdateConfirm::new(ids.subscription.as_str(), item).coupon(ids.coupon.as_str()))
            .after_completion(AfterCompletion::portal_homepage());
    show(&client, "Confirm a price change", session().flow_data(confirm)).await
}

/// Prints the request as `curl` (key masked), sends it, and prints the portal URL with the flow
/// Stripe echoes back.
async fn show(client: &Client, title: &str, params: SessionCreateParams) -> Result<(), BoxError> {
    let call = client.sessions().create(params);
    println!("\n== {title}\n{}", call.preview()?.curl());
    let session = call.send().await?;
    let flow = session.flow.as_ref().map(|flow| flow.kind.flow_type().to_string()).unwrap_or_default();
    println!("-> portal URL: {}  (session {}, flow: {flow})", session.url, session.id);
    Ok(())
}
