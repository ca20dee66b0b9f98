//! No request panics the fake or corrupts its state: arbitrary paths, methods, keys and values,
//! in-process and over HTTP.

#![cfg(feature = "testing")]

use proptest::prelude::*;
use stripe_billing_portal::testing::{Action, FakeStripe};

/// Paths near the real ones, so the generator reaches the handlers and not only the 404.
const ROOTS: &[&str] = &[
    "/v1/customers",
    "/v1/products",
    "/v1/prices",
    "/v1/subscriptions",
    "/v1/payment_methods",
    "/v1/coupons",
    "/v1/billing_portal/configurations",
    "/v1/billing_portal/sessions",
    "/v1/billing/feedback_options",
    "/v1/webhook_endpoints",
    "/v1/events",
    "/v1/customers/x/tax_ids",
    "/v1",
];

/// A path: one of [`ROOTS`], sometimes with a noisy tail.
fn path() -> impl Strategy<Value = String> {
    (prop::sample::select(ROOTS), prop::option::of("[a-z_/\\[\\]0-9.%]{0,12}")).prop_map(|(root, tail)| match tail {
        Some(tail) => format!("{root}/{tail}"),
        None => root.to_owned(),
    })
}

/// Real parameter names (and indexes), the words keys are built from.
const WORDS: &[&str] = &[
    "customer",
    "items",
    "price",
    "quantity",
    "features",
    "subscription_update",
    "products",
    "prices",
    "flow_data",
    "type",
    "subscription",
    "expand",
    "metadata",
    "limit",
    "starting_after",
    "recurring",
    "interval",
    "0",
    "1",
    "",
    "return_url",
    "configuration",
    "enabled",
    "cancel_at",
    "after_completion",
    "redirect",
    "email",
    "address",
];

/// Keys built from [`WORDS`], brackets and noise.
fn key() -> impl Strategy<Value = String> {
    let words = prop::sample::select(WORDS);
    (words.clone(), prop::collection::vec(words, 0..5), "[\\[\\]a-z]{0,3}").prop_map(|(head, parts, noise)| {
        let mut key = head.to_owned();
        for part in parts {
            key.push('[');
            key.push_str(part);
            key.push(']');
        }
        key.push_str(&noise);
        key
    })
}

fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("true".to_owned()),
        Just("-1".to_owned()),
        Just("99999999999999999999".to_owned()),
        Just("pm_card_visa".to_owned()),
        Just("month".to_owned()),
        "\\PC{0,8}",
    ]
}

/// A portal action name, real or not.
fn action() -> impl Strategy<Value = String> {
    prop_oneof![prop::sample::select(Action::NAMES.to_vec()).prop_map(str::to_owned), "[a-z_]{0,8}"]
}

/// Portal form fields: real names with values that sometimes refer to the seeded objects.
fn portal_fields() -> impl Strategy<Value = Vec<(String, String)>> {
    let names = prop::sample::select(vec![
        "subscription",
        "reason",
        "comment",
        "price",
        "quantity",
        "payment_method",
        "interval",
        "interval_count",
        "email",
        "name",
        "phone",
        "address[city]",
        "shipping[name]",
        "tax_id[type]",
        "tax_id[value]",
        "remove_tax_id",
        "feedback_option",
        "action",
        "x[y]",
    ]);
    let values = prop_oneof![
        Just("SUB".to_owned()),
        Just("PRICE".to_owned()),
        Just("PM".to_owned()),
        Just("other".to_owned()),
        value()
    ];
    prop::collection::vec((names.prop_map(str::to_owned), values), 0..6)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn in_process_calls_never_panic(
        calls in prop::collection::vec((any::<bool>(), path(), prop::collection::vec((key(), value()), 0..6)), 1..6),
        actions in prop::collection::vec((action(), portal_fields()), 1..6),
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let fake = FakeStripe::start().await.unwrap();
            let seeded = fake.seed_subscription().unwrap();
            let session = fake.post("/v1/billing_portal/sessions", &[("customer", &seeded.customer), ("return_url", "https://e.com")]).unwrap();
            let url = session["url"].as_str().unwrap().to_owned();
            for (post, path, pairs) in &calls {
                let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                let _ = if *post { fake.post(path, &borrowed) } else { fake.get(path, &borrowed) };
            }
            for (name, fields) in &actions {
                let mut action = Action::update_customer().field("action", name);
                for (key, value) in fields {
                    let value = match value.as_str() {
                        "SUB" => seeded.subscription.as_str(),
                        "PRICE" => seeded.price.as_str(),
                        "PM" => seeded.payment_method.as_str(),
                        other => other,
                    };
                    action = action.field(key, value);
                }
                let _ = fake.act(&url, action);
            }
            // Still consistent: the seeded objects are intact and normal calls work.
            let subscription = fake.object(&seeded.subscription).unwrap();
            prop_assert_eq!(subscription["customer"].as_str(), Some(seeded.customer.as_str()));
            prop_assert!(fake.post("/v1/customers", &[("email", "ok@example.com")]).is_ok());
            Ok(())
        })?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn raw_http_requests_never_panic(method in prop::sample::select(vec!["GET", "POST", "DELETE", "PUT"]), path in path(), body in prop::collection::vec(any::<u8>(), 0..64)) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let fake = FakeStripe::start().await.unwrap();
            let http = reqwest::Client::new();
            let method = reqwest::Method::from_bytes(method.as_bytes()).unwrap();
            let url = format!("{}{}", fake.base_url(), path.replace(' ', "%20"));
            if let Ok(url) = reqwest::Url::parse(&url) {
                let answer = http.request(method, url).bearer_auth("sk_test_x").body(body.clone()).send().await.unwrap();
                prop_assert!(answer.status().as_u16() < 500, "status {}", answer.status());
                prop_assert!(answer.headers().contains_key("request-id"));
            }
            let portal = http.post(format!("{}/p/session/x/actions", fake.base_url())).body(body).send().await.unwrap();
            prop_assert!(portal.status().as_u16() < 500);
            prop_assert!(fake.post("/v1/customers", &[]).is_ok());
            Ok(())
        })?;
    }
}

/// The largest integer a form field can carry.
const HUGE: &str = "9223372036854775807";

#[tokio::test]
async fn a_huge_pause_interval_count_is_refused() {
    let fake = FakeStripe::start().await.unwrap();
    let duration = "features[subscription_pause][duration]";
    let pairs = [
        ("features[subscription_pause][enabled]", "true"),
        (&format!("{duration}[type]") as &str, "interval_options"),
        (&format!("{duration}[interval_options][0][interval]"), "year"),
        (&format!("{duration}[interval_options][0][interval_count]"), HUGE),
    ];
    let error = fake.post("/v1/billing_portal/configurations", &pairs).unwrap_err();
    assert_eq!(error.param, Some(format!("{duration}[interval_options][0][interval_count]")));
}

#[tokio::test]
async fn huge_quantities_and_amounts_are_billed_without_panicking() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let expensive = [
        ("currency", "usd"),
        ("unit_amount", HUGE),
        ("product", seeded.product.as_str()),
        ("recurring[interval]", "year"),
        ("tax_behavior", "exclusive"),
    ];
    let expensive = fake.post("/v1/prices", &expensive).unwrap()["id"].as_str().unwrap().to_owned();
    let products = "features[subscription_update][products][0]";
    fake.post(
        &format!("/v1/billing_portal/configurations/{configuration}"),
        &[
            (&format!("{products}[product]") as &str, seeded.product.as_str()),
            (&format!("{products}[prices][0]"), &seeded.price),
            (&format!("{products}[prices][1]"), &expensive),
            (&format!("{products}[adjustable_quantity][enabled]"), "true"),
        ],
    )
    .unwrap();
    let session = fake
        .post("/v1/billing_portal/sessions", &[("customer", &seeded.customer), ("return_url", "https://e.com")])
        .unwrap();
    let url = session["url"].as_str().unwrap();
    fake.act(url, Action::update_subscription(&seeded.subscription).quantity(i64::MAX as u64)).unwrap();
    // A change of interval invoices at once: the amount saturates.
    fake.act(url, Action::update_subscription(&seeded.subscription).price(&expensive)).unwrap();
    let invoice = fake.events().last().unwrap()["data"]["object"].clone();
    assert_eq!((invoice["object"].as_str(), invoice["amount_paid"].as_i64()), (Some("invoice"), Some(i64::MAX)));
}

#[tokio::test]
async fn the_clock_stops_at_the_end_of_year_9999() {
    let fake = FakeStripe::start().await.unwrap();
    fake.advance(std::time::Duration::from_secs(u64::MAX));
    let customer = fake.post("/v1/customers", &[]).unwrap()["id"].as_str().unwrap().to_owned();
    let session =
        fake.post("/v1/billing_portal/sessions", &[("customer", &customer), ("return_url", "https://e.com")]).unwrap();
    assert_eq!(session["created"], 253_402_300_799_i64);
    assert_eq!(fake.now(), 253_402_300_799);
}

#[tokio::test]
async fn a_trial_ending_at_the_end_of_time_can_still_schedule_a_change() {
    let fake = FakeStripe::start().await.unwrap();
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let seeded = fake.seed_plan_change().unwrap();
    let current = &seeded.current;
    fake.post(
        &format!("/v1/billing_portal/configurations/{configuration}"),
        &[("features[subscription_update][schedule_at_period_end][conditions][0][type]", "decreasing_item_amount")],
    )
    .unwrap();
    let trialing = [("customer", current.customer.as_str()), ("items[0][price]", &seeded.price), ("trial_end", HUGE)];
    let trialing = fake.post("/v1/subscriptions", &trialing).unwrap()["id"].as_str().unwrap().to_owned();
    let session = fake
        .post("/v1/billing_portal/sessions", &[("customer", &current.customer), ("return_url", "https://e.com")])
        .unwrap();
    fake.act(session["url"].as_str().unwrap(), Action::update_subscription(&trialing).price(&current.price)).unwrap();
    assert!(fake.object(&trialing).unwrap()["schedule"].is_string());
}

#[tokio::test]
async fn a_state_file_with_a_clock_beyond_year_9999_starts_at_its_end() {
    let path = std::env::temp_dir().join(format!("fake-no-panics-clock-{}.json", std::process::id()));
    let state =
        r#"{"collections":{},"clock_offset":9223372036854775807,"sessions":{},"idempotency":{},"webhook_secrets":{}}"#;
    std::fs::write(&path, state).unwrap();
    let fake = FakeStripe::builder().state_file(&path).without_default_configuration().start().await.unwrap();
    assert_eq!(fake.now(), 253_402_300_799);
    let _ = std::fs::remove_file(&path);
}
