//! Portal configurations: build one per customer segment, then list them all.
//!
//! Without `STRIPE_SECRET_KEY` this prints the requests it would send, as `curl` commands with the
//! key masked, and sends nothing. With a test key set it creates the configuration, opens a
//! session with it, and lists every active configuration:
//!
//! ```sh
//! cargo run --example configurations
//! STRIPE_SECRET_KEY=sk_test_... STRIPE_CUSTOMER_ID=cus_... cargo run --example configurations
//! ```

use futures_util::StreamExt;
use stripe_billing_portal::configurations::{
    BusinessProfile, CancellationReason, CancellationReasonOption, ConfigurationCreateParams, ConfigurationListParams,
    ConfigurationUpdateParams, CustomerUpdateAllowedUpdate, CustomerUpdateFeature, Features, PauseDuration,
    PauseInterval, PauseIntervalOption, SubscriptionCancelFeature, SubscriptionCancelMode, SubscriptionPauseFeature,
};
use stripe_billing_portal::sessions::SessionCreateParams;
use stripe_billing_portal::{Client, Emptyable, Error};

/// The configuration for self-serve customers: edit details, see invoices, pause, cancel at period end.
fn self_serve() -> ConfigurationCreateParams {
    // Customers edit their email, address and tax ids…
    let details = CustomerUpdateFeature::new(true).allowed_updates([
        CustomerUpdateAllowedUpdate::Email,
        CustomerUpdateAllowedUpdate::Address,
        CustomerUpdateAllowedUpdate::TaxId,
    ]);
    // …pause for one or three months…
    let pause = SubscriptionPauseFeature::new(true).duration(PauseDuration::interval_options([
        PauseIntervalOption::new(PauseInterval::Month).interval_count(1),
        PauseIntervalOption::new(PauseInterval::Month).interval_count(3),
    ]));
    // …and cancel at the end of the period, saying why.
    let reasons = CancellationReason::new(true).options([
        CancellationReasonOption::TooExpensive,
        CancellationReasonOption::MissingFeatures,
        CancellationReasonOption::OtherReason,
    ]);
    let cancel =
        SubscriptionCancelFeature::new(true).mode(SubscriptionCancelMode::AtPeriodEnd).cancellation_reason(reasons);
    let features = Features::new()
        .customer_update(details)
        .invoice_history(true)
        .subscription_pause(pause)
        .subscription_cancel(cancel);
    ConfigurationCreateParams::new(features)
        .business_profile(BusinessProfile::new().headline("Acme: manage your plan"))
        .default_return_url("https://example.com/account")
        .name("Self-serve")
        .metadata("segment", "self-serve")
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    if std::env::var("STRIPE_SECRET_KEY").is_err() {
        let client = Client::new("sk_test_placeholder")?;
        let configurations = client.configurations();
        println!("# create\n{}\n", configurations.create(self_serve()).preview()?.curl());
        let rename = ConfigurationUpdateParams::new().name("Self-serve (2027)").default_return_url(Emptyable::Clear);
        println!("# update\n{}\n", configurations.update("bpc_123", rename).preview()?.curl());
        let list = ConfigurationListParams::new().active(true).limit(100);
        println!("# list\n{}", configurations.list(list).preview()?.curl());
        println!("\nSet STRIPE_SECRET_KEY (a test key) to send these requests.");
        return Ok(());
    }

    // STRIPE_SECRET_KEY, and STRIPE_API_BASE / STRIPE_ACCOUNT when set, as in every example.
    let client = Client::from_env()?;
    let configuration = client.configurations().create(self_serve()).send().await?;
    println!("created {} ({:?})", configuration.id, configuration.name);

    if let Ok(customer) = std::env::var("STRIPE_CUSTOMER_ID") {
        let session = client
            .sessions()
            .create(SessionCreateParams::new(customer).configuration(&configuration.id))
            .send()
            .await?;
        println!("portal link: {}", session.url);
    }

    let mut all = client.configurations().list(ConfigurationListParams::new().active(true).limit(100)).paginate();
    while let Some(configuration) = all.next().await {
        let configuration = configuration?;
        println!("{} default={} name={:?}", configuration.id, configuration.is_default, configuration.name);
    }
    Ok(())
}
