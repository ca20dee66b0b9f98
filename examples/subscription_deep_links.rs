//! Deep links into the subscription flows: cancel (with a retention coupon), pause, pick a new
//! plan, and confirm a prepared price change.
//!
//! `cargo run --example subscription_deep_links` runs against an embedded mock of Stripe; set
//! `STRIPE_SECRET_KEY` and the `STRIPE_*_ID` variables (see `support/connect.rs`) to create real
//! test-mode sessions.

#[path = "support/connect.rs"]
mod connect;
#[path = "support/mock_stripe.rs"]
mod mock_stripe;
#[path = "support/show.rs"]
mod show;

use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};

#[tokio::main]
async fn main() -> Result<(), show::BoxError> {
    let target = connect::Target::from_env();
    println!("{}", target.describe());
    let (client, _mock) = target.connect().await?;
    let ids = connect::DemoIds::from_env();
    let out = &mut std::io::stdout();
    let session = || SessionCreateParams::new(ids.customer.as_str()).return_url("https://example.com/account");
    let subscription = ids.subscription.as_str();

    let cancel = FlowData::new(SubscriptionCancel::new(subscription).coupon_offer(ids.coupon.as_str()))
        .after_completion(AfterCompletion::redirect("https://example.com/account/subscription_canceled"));
    show::create_and_show(&client, "Cancel, with a retention offer", session().flow_data(cancel), out).await?;

    let pause = FlowData::subscription_pause(subscription);
    show::create_and_show(&client, "Pause", session().flow_data(pause), out).await?;

    let update = FlowData::subscription_update(subscription);
    show::create_and_show(&client, "Choose a new plan", session().flow_data(update), out).await?;

    // The item id comes from the subscription's `items.data[0].id`.
    let item = SubscriptionUpdateConfirmItem::new_price(ids.subscription_item.as_str(), ids.price.as_str()).quantity(1);
    let confirm = FlowData::new(SubscriptionUpdateConfirm::new(subscription, item).coupon(ids.coupon.as_str()))
        .after_completion(AfterCompletion::portal_homepage());
    show::create_and_show(&client, "Confirm a price change", session().flow_data(confirm), out).await?;
    Ok(())
}
