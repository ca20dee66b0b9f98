//! Deep links into the subscription flows: cancel (with a retention coupon), pause, pick a new
//! plan, and confirm a prepared price change.
//!
//! `cargo run --example subscription_deep_links` prints the requests; set `STRIPE_SECRET_KEY`,
//! `STRIPE_CUSTOMER`, `STRIPE_SUBSCRIPTION`, `STRIPE_SUBSCRIPTION_ITEM` and `STRIPE_PRICE` to
//! create real sessions.

mod shared;

use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), stripe_billing_portal::Error> {
    let client = shared::client()?;
    let customer = shared::id("STRIPE_CUSTOMER", "cus_123");
    let subscription = shared::id("STRIPE_SUBSCRIPTION", "sub_123");
    let session = || SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");

    let cancel = session().flow_data(
        FlowData::new(SubscriptionCancel::new(subscription.as_str()).coupon_offer("STAY25"))
            .after_completion(AfterCompletion::redirect("https://example.com/account/subscription_canceled")),
    );
    shared::send_or_preview("cancel, with a retention offer", client.sessions().create(cancel)).await?;

    let pause = session().flow_data(FlowData::subscription_pause(subscription.as_str()));
    shared::send_or_preview("pause", client.sessions().create(pause)).await?;

    let update = session().flow_data(FlowData::subscription_update(subscription.as_str()));
    shared::send_or_preview("choose a new plan", client.sessions().create(update)).await?;

    // The item id comes from the subscription's `items.data[0].id`.
    let item = SubscriptionUpdateConfirmItem::new_price(
        shared::id("STRIPE_SUBSCRIPTION_ITEM", "si_123"),
        shared::id("STRIPE_PRICE", "price_premium"),
    )
    .quantity(1);
    let confirm = session().flow_data(
        FlowData::new(SubscriptionUpdateConfirm::new(subscription.as_str(), item).coupon("UPGRADE10"))
            .after_completion(AfterCompletion::portal_homepage()),
    );
    shared::send_or_preview("confirm a price change", client.sessions().create(confirm)).await
}
