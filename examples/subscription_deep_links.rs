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
use stripe_billing_portal::testing::FakeStripe;
use stripe_billing_portal::Client;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// customer, subscription, subscription item, a price the configuration offers, a coupon.
type Ids = [String; 5];

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    // Stripe when a key is set; otherwise a seeded fake (kept until the end).
    let (client, ids, _fake) = match std::env::var("STRIPE_SECRET_KEY") {
        Ok(_) => {
            let var = |name: &str| std::env::var(name).map_err(|_| format!("set {name}"));
            let ids = [
                var("STRIPE_CUSTOMER_ID")?,
                var("STRIPE_SUBSCRIPTION_ID")?,
                var("STRIPE_SUBSCRIPTION_ITEM_ID")?,
                var("STRIPE_PRICE_ID")?,
                var("STRIPE_COUPON_ID")?,
            ];
            (Client::from_env()?, ids, None)
        }
        Err(_) => {
            let fake = FakeStripe::start().await?;
            println!("Mode: a fake Stripe on {} (set STRIPE_SECRET_KEY to use Stripe)", fake.base_url());
            (fake.client(), seed(&fake)?, Some(fake))
        }
    };
    let [customer, subscription, item, price, coupon] = &ids;
    let session = || SessionCreateParams::new(customer.as_str()).return_url("https://example.com/account");

    let cancel = FlowData::new(SubscriptionCancel::new(subscription.as_str()).coupon_offer(coupon.as_str()))
        .after_completion(AfterCompletion::redirect("https://example.com/account/subscription_canceled"));
    show(&client, "Cancel, with a retention offer", session().flow_data(cancel)).await?;

    let pause = FlowData::subscription_pause(subscription.as_str());
    show(&client, "Pause", session().flow_data(pause)).await?;

    let update = FlowData::subscription_update(subscription.as_str());
    show(&client, "Choose a new plan", session().flow_data(update)).await?;

    // The item id comes from the subscription's `items.data[0].id`.
    let item = SubscriptionUpdateConfirmItem::new_price(item.as_str(), price.as_str()).quantity(1);
    let confirm = FlowData::new(SubscriptionUpdateConfirm::new(subscription.as_str(), item).coupon(coupon.as_str()))
        .after_completion(AfterCompletion::portal_homepage());
    show(&client, "Confirm a price change", session().flow_data(confirm)).await
}

/// A subscribed customer, a Gold price the default configuration offers, and a coupon.
fn seed(fake: &FakeStripe) -> Result<Ids, BoxError> {
    let seeded = fake.seed_subscription()?;
    let gold = fake.post(
        "/v1/prices",
        &[
            ("currency", "usd"),
            ("unit_amount", "2500"),
            ("recurring[interval]", "month"),
            ("product_data[name]", "Gold"),
        ],
    )?;
    let gold_price = gold["id"].as_str().unwrap_or_default().to_owned();
    let configuration = fake.default_configuration().ok_or("the fake starts with a default configuration")?;
    fake.post(
        &format!("/v1/billing_portal/configurations/{}", configuration["id"].as_str().unwrap_or_default()),
        &[
            ("features[subscription_update][products][0][product]", seeded.product.as_str()),
            ("features[subscription_update][products][0][prices][0]", &seeded.price),
            ("features[subscription_update][products][1][product]", gold["product"].as_str().unwrap_or_default()),
            ("features[subscription_update][products][1][prices][0]", &gold_price),
        ],
    )?;
    fake.post("/v1/coupons", &[("id", "STAY25"), ("percent_off", "25")])?;
    Ok([seeded.customer, seeded.subscription, seeded.item, gold_price, "STAY25".to_owned()])
}

/// Prints the request as `curl` (key masked), sends it, and prints the portal URL.
async fn show(client: &Client, title: &str, params: SessionCreateParams) -> Result<(), BoxError> {
    let call = client.sessions().create(params);
    println!("\n== {title}\n{}", call.preview()?.curl());
    let session = call.send().await?;
    println!("-> portal URL: {}  (session {})", session.url, session.id);
    Ok(())
}
