//! Encoding benchmarks: ns and heap allocations per request body, this crate's encoder against
//! `serde_qs` (the approach of the most used Rust Stripe crate) on the same data.
//!
//! Cases:
//! - `session_update_confirm`: the update-confirm session of the deep-links guide (one item with a
//!   price and a quantity, one coupon, an after-completion redirect).
//! - `configuration_create`: a portal configuration with every parameter and feature set (the
//!   same params as the golden test in tests/configurations.rs).
//!
//! Each case is encoded from a value built once, outside the timed loop: what is measured is
//! `form::to_string(&params)` against `serde_qs::to_string(&plain)`, where `plain` is a set of
//! ordinary `#[derive(Serialize)]` structs shaped like Stripe's parameters (every optional field an
//! `Option` skipped when `None`, as `async-stripe` writes them). Before timing, both bodies are
//! decoded back into pairs and compared, so the two encoders provably carry the same data.
//!
//! Measured by `stripe_billing_portal_bench::runner` (timing, allocations, callgrind mode: see
//! there), printed as `encode.<case>.<side>.<figure>` lines; the sides are `crate` and `serde_qs`.

use serde::Serialize;
use std::hint::black_box;
use stripe_billing_portal::form;
use stripe_billing_portal_bench::alloc::CountingAllocator;
use stripe_billing_portal_bench::pairs;
use stripe_billing_portal_bench::runner::{self, Case};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// A case encoding `params` with the crate and `plain` with `serde_qs`: panics unless both bodies
/// carry the same pairs, in the same order.
fn case<P, Q>(name: &'static str, params: P, plain: Q) -> Case
where
    P: Serialize + 'static,
    Q: Serialize + 'static,
{
    let ours = move || form::to_string(black_box(&params)).expect("the crate encodes the case");
    let theirs = move || serde_qs::to_string(black_box(&plain)).expect("serde_qs encodes the case");
    assert_eq!(pairs(&ours()), pairs(&theirs()), "{name}: both encoders must carry the same data");
    Case { name, sides: [Box::new(move || ours().len()), Box::new(move || theirs().len())] }
}

/// The update-confirm session of the deep-links guide, and its plain-struct twin for `serde_qs`.
mod session {
    use super::*;

    /// The crate's params, exactly as the README's deep-links section writes them.
    pub use stripe_billing_portal_bench::cases::session as params;

    #[derive(Serialize)]
    pub struct Params {
        #[serde(skip_serializing_if = "Option::is_none")]
        customer: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_account: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        return_url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        configuration: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        on_behalf_of: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        locale: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        flow_data: Option<FlowDataPlain>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        expand: Vec<String>,
    }

    #[derive(Serialize)]
    pub struct FlowDataPlain {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        subscription_update_confirm: Option<UpdateConfirm>,
        #[serde(skip_serializing_if = "Option::is_none")]
        after_completion: Option<AfterCompletionPlain>,
    }

    #[derive(Serialize)]
    pub struct UpdateConfirm {
        subscription: String,
        items: Vec<Item>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        discounts: Vec<Discount>,
    }

    #[derive(Serialize)]
    pub struct Item {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        price: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        quantity: Option<u64>,
    }

    #[derive(Serialize)]
    pub struct Discount {
        #[serde(skip_serializing_if = "Option::is_none")]
        coupon: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        promotion_code: Option<String>,
    }

    #[derive(Serialize)]
    pub struct AfterCompletionPlain {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        redirect: Option<Redirect>,
    }

    #[derive(Serialize)]
    pub struct Redirect {
        return_url: String,
    }

    /// The same session as plain serde structs.
    pub fn plain() -> Params {
        Params {
            customer: Some("cus_123".into()),
            customer_account: None,
            return_url: Some("https://example.com/account".into()),
            configuration: None,
            on_behalf_of: None,
            locale: None,
            flow_data: Some(FlowDataPlain {
                kind: "subscription_update_confirm".into(),
                subscription_update_confirm: Some(UpdateConfirm {
                    subscription: "sub_123".into(),
                    items: vec![Item { id: "si_123".into(), price: Some("price_premium".into()), quantity: Some(2) }],
                    discounts: vec![Discount { coupon: Some("UPGRADE10".into()), promotion_code: None }],
                }),
                after_completion: Some(AfterCompletionPlain {
                    kind: "redirect".into(),
                    redirect: Some(Redirect { return_url: "https://example.com/account/upgraded".into() }),
                }),
            }),
            expand: Vec::new(),
        }
    }
}

/// A portal configuration with every feature set, and its plain-struct twin for `serde_qs`.
#[path = "../../tests/support/every_parameter.rs"]
mod every_parameter;

mod configuration {
    use serde::Serialize;
    use std::collections::BTreeMap;

    /// Every parameter of `POST /v1/billing_portal/configurations` set: the very value whose body
    /// tests/configurations.rs checks against the official SDK's.
    pub use super::every_parameter::every_create_parameter as params;

    #[derive(Serialize)]
    pub struct Params {
        #[serde(skip_serializing_if = "Option::is_none")]
        business_profile: Option<Profile>,
        #[serde(skip_serializing_if = "Option::is_none")]
        default_return_url: Option<String>,
        features: FeaturesPlain,
        #[serde(skip_serializing_if = "Option::is_none")]
        login_page: Option<Enabled>,
        #[serde(skip_serializing_if = "BTreeMap::is_empty")]
        metadata: BTreeMap<String, String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        expand: Vec<String>,
    }

    #[derive(Serialize)]
    pub struct Profile {
        #[serde(skip_serializing_if = "Option::is_none")]
        headline: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        privacy_policy_url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        terms_of_service_url: Option<String>,
    }

    #[derive(Serialize)]
    pub struct Enabled {
        enabled: bool,
    }

    #[derive(Serialize)]
    pub struct FeaturesPlain {
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_update: Option<CustomerUpdate>,
        #[serde(skip_serializing_if = "Option::is_none")]
        invoice_history: Option<Enabled>,
        #[serde(skip_serializing_if = "Option::is_none")]
        payment_method_update: Option<PaymentMethodUpdate>,
        #[serde(skip_serializing_if = "Option::is_none")]
        subscription_cancel: Option<SubscriptionCancel>,
        #[serde(skip_serializing_if = "Option::is_none")]
        subscription_pause: Option<SubscriptionPause>,
        #[serde(skip_serializing_if = "Option::is_none")]
        subscription_update: Option<SubscriptionUpdate>,
    }

    #[derive(Serialize)]
    pub struct CustomerUpdate {
        #[serde(skip_serializing_if = "Option::is_none")]
        allowed_updates: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }

    #[derive(Serialize)]
    pub struct PaymentMethodUpdate {
        enabled: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        payment_method_configuration: Option<String>,
    }

    #[derive(Serialize)]
    pub struct SubscriptionCancel {
        #[serde(skip_serializing_if = "Option::is_none")]
        cancellation_reason: Option<Reason>,
        #[serde(skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        mode: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        proration_behavior: Option<String>,
    }

    #[derive(Serialize)]
    pub struct Reason {
        enabled: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        feedback_options: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        options: Option<Vec<String>>,
    }

    #[derive(Serialize)]
    pub struct SubscriptionPause {
        #[serde(skip_serializing_if = "Option::is_none")]
        duration: Option<Duration>,
        #[serde(skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
    }

    #[derive(Serialize)]
    pub struct Duration {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        interval_options: Option<Vec<IntervalOption>>,
    }

    #[derive(Serialize)]
    pub struct IntervalOption {
        interval: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        interval_count: Option<u32>,
    }

    #[derive(Serialize)]
    pub struct SubscriptionUpdate {
        #[serde(skip_serializing_if = "Option::is_none")]
        billing_cycle_anchor: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        default_allowed_updates: Option<Vec<String>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        enabled: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        products: Option<Vec<Product>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        proration_behavior: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        schedule_at_period_end: Option<ScheduleAtPeriodEnd>,
        #[serde(skip_serializing_if = "Option::is_none")]
        trial_update_behavior: Option<String>,
    }

    #[derive(Serialize)]
    pub struct Product {
        #[serde(skip_serializing_if = "Option::is_none")]
        adjustable_quantity: Option<Quantity>,
        prices: Vec<String>,
        product: String,
    }

    #[derive(Serialize)]
    pub struct Quantity {
        enabled: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        maximum: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        minimum: Option<u64>,
    }

    #[derive(Serialize)]
    pub struct ScheduleAtPeriodEnd {
        #[serde(skip_serializing_if = "Option::is_none")]
        conditions: Option<Vec<Condition>>,
    }

    #[derive(Serialize)]
    pub struct Condition {
        #[serde(rename = "type")]
        kind: String,
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    /// The same configuration as plain serde structs.
    pub fn plain() -> Params {
        Params {
            business_profile: Some(Profile {
                headline: Some("Acme & Co. — billing".into()),
                privacy_policy_url: Some("https://example.com/privacy".into()),
                terms_of_service_url: Some("https://example.com/terms?v=2".into()),
            }),
            default_return_url: Some("https://example.com/account".into()),
            features: FeaturesPlain {
                customer_update: Some(CustomerUpdate {
                    allowed_updates: Some(strings(&["address", "email", "tax_id"])),
                    enabled: Some(true),
                }),
                invoice_history: Some(Enabled { enabled: true }),
                payment_method_update: Some(PaymentMethodUpdate {
                    enabled: true,
                    payment_method_configuration: Some("pmc_123".into()),
                }),
                subscription_cancel: Some(SubscriptionCancel {
                    cancellation_reason: Some(Reason {
                        enabled: true,
                        feedback_options: Some(strings(&["fo_1", "fo_2"])),
                        options: Some(strings(&["too_expensive", "other", "switched_service"])),
                    }),
                    enabled: Some(true),
                    mode: Some("immediately".into()),
                    proration_behavior: Some("create_prorations".into()),
                }),
                subscription_pause: Some(SubscriptionPause {
                    duration: Some(Duration {
                        kind: "interval_options".into(),
                        interval_options: Some(vec![
                            IntervalOption { interval: "month".into(), interval_count: Some(1) },
                            IntervalOption { interval: "week".into(), interval_count: None },
                        ]),
                    }),
                    enabled: Some(true),
                }),
                subscription_update: Some(SubscriptionUpdate {
                    billing_cycle_anchor: Some("now".into()),
                    default_allowed_updates: Some(strings(&["price", "quantity", "promotion_code"])),
                    enabled: Some(true),
                    products: Some(vec![
                        Product {
                            adjustable_quantity: Some(Quantity { enabled: true, maximum: Some(50), minimum: Some(1) }),
                            prices: strings(&["price_team_monthly", "price_team_yearly"]),
                            product: "prod_team".into(),
                        },
                        Product {
                            adjustable_quantity: None,
                            prices: strings(&["price_solo"]),
                            product: "prod_solo".into(),
                        },
                    ]),
                    proration_behavior: Some("always_invoice".into()),
                    schedule_at_period_end: Some(ScheduleAtPeriodEnd {
                        conditions: Some(vec![
                            Condition { kind: "decreasing_item_amount".into() },
                            Condition { kind: "shortening_interval".into() },
                        ]),
                    }),
                    trial_update_behavior: Some("continue_trial".into()),
                }),
            },
            login_page: Some(Enabled { enabled: true }),
            metadata: BTreeMap::from([
                ("owner".to_owned(), "growth team".to_owned()),
                ("segment".to_owned(), "self-serve".to_owned()),
            ]),
            name: Some("Self-serve é".into()),
            expand: strings(&["application"]),
        }
    }
}

/// The cases: (a) the deep-links session, (b) the configuration with every feature.
fn cases() -> Vec<Case> {
    vec![
        case("session_update_confirm", session::params(), session::plain()),
        case("configuration_create", configuration::params(), configuration::plain()),
    ]
}

fn main() {
    runner::run("encode", ["crate", "serde_qs"], cases());
}
