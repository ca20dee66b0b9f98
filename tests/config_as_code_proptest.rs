//! Property: for any configuration file, `apply` then `plan` has no changes, and `export` then
//! `plan` has no changes (against the fake Stripe).
#![cfg(all(feature = "testing", feature = "config-as-code"))]

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use stripe_billing_portal::config_as_code::{self, render, Format, KeyFrom, PlanOptions, Target};
use stripe_billing_portal::testing::FakeStripe;

/// `None`: leave the field out; `Some("")`/`Some([])`: clear it; else set it.
fn field(map: &mut Map<String, Value>, name: &str, value: Option<Value>) {
    if let Some(value) = value {
        map.insert(name.to_owned(), value);
    }
}

fn text(values: &'static [&'static str]) -> impl Strategy<Value = Option<Value>> {
    prop::option::of(prop::sample::select(values).prop_map(|v| json!(v)))
}

/// A list: left out, cleared, or a non-empty subset in the given order.
fn list(values: &'static [&'static str]) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(json!([]))),
        prop::sample::subsequence(values, 1..=values.len()).prop_map(|v| Some(json!(v))),
    ]
}

fn flag() -> impl Strategy<Value = Option<bool>> {
    prop::option::of(any::<bool>())
}

/// The ids a generated file may name: a product with a monthly price (by id) and a yearly one
/// (lookup key `gen_yearly`).
#[derive(Clone, Debug)]
struct Catalog {
    product: String,
    monthly: String,
}

fn configuration(index: usize, catalog: Catalog) -> impl Strategy<Value = Value> {
    let top = (
        text(&["", "Gold", "Basic plan"]),
        text(&["", "https://example.com/account"]),
        prop::option::of((
            text(&["", "Hello"]),
            text(&["", "https://example.com/privacy"]),
            text(&["", "https://example.com/terms"]),
        )),
        flag(),
        prop::collection::btree_map(
            prop::sample::select(&["a", "b"][..]),
            prop::sample::select(&["1", "2", ""][..]),
            0..=2,
        ),
    );
    let cancel = prop::option::of((
        any::<bool>(),
        prop::option::of(prop::sample::select(&["at_period_end", "immediately"][..])),
        any::<bool>(),
        prop::option::of((
            any::<bool>(),
            prop::sample::subsequence(&["too_expensive", "unused", "other"][..], 1..=3),
            list(&["Too slow", "Too loud"]),
        )),
    ));
    let pause = prop::option::of((
        flag(),
        prop::option::of(prop::option::of(prop::sample::subsequence(&[1u32, 3, 6][..], 1..=3))),
    ));
    let update = prop::option::of((
        any::<bool>(),
        prop::option::of(prop::sample::select(&["now", "unchanged"][..])),
        list(&["price", "quantity", "promotion_code"]),
        prop::option::of(prop::option::of((any::<bool>(), prop::option::of(2u64..5)))),
        prop::option::of(prop::sample::select(&["none", "create_prorations", "always_invoice"][..])),
        prop::option::of(list(&["decreasing_item_amount", "shortening_interval"])),
        prop::option::of(prop::sample::select(&["continue_trial", "end_trial"][..])),
    ));
    let customer = prop::option::of((any::<bool>(), list(&["email", "address", "name", "tax_id"])));
    let others = (flag(), flag());
    (top, cancel, pause, update, customer, others).prop_map(move |(top, cancel, pause, update, customer, others)| {
        let (name, url, profile, login, metadata) = top;
        let mut entry = Map::new();
        entry.insert("key".into(), json!(format!("gen-{index}")));
        field(&mut entry, "name", name);
        field(&mut entry, "default_return_url", url);
        if let Some((headline, privacy, terms)) = profile {
            let mut profile = Map::new();
            field(&mut profile, "headline", headline);
            field(&mut profile, "privacy_policy_url", privacy);
            field(&mut profile, "terms_of_service_url", terms);
            entry.insert("business_profile".into(), Value::Object(profile));
        }
        if let Some(enabled) = login {
            entry.insert("login_page".into(), json!({ "enabled": enabled }));
        }
        if !metadata.is_empty() {
            entry.insert("metadata".into(), json!(metadata));
        }
        let mut features = Map::new();
        let (invoices, payment_methods) = others;
        if let Some(enabled) = invoices {
            features.insert("invoice_history".into(), json!({ "enabled": enabled }));
        }
        if let Some((enabled, allowed)) = customer {
            let mut feature = Map::new();
            feature.insert("enabled".into(), json!(enabled));
            field(&mut feature, "allowed_updates", allowed);
            features.insert("customer_update".into(), Value::Object(feature));
        }
        if let Some((enabled, mode, prorate, reason)) = cancel {
            let mut feature = Map::new();
            feature.insert("enabled".into(), json!(enabled));
            field(&mut feature, "mode", mode.map(|m| json!(m)));
            // Prorations only when cancelling immediately (Stripe's rule).
            if prorate {
                let behavior = if mode == Some("immediately") { "create_prorations" } else { "none" };
                feature.insert("proration_behavior".into(), json!(behavior));
            }
            if let Some((enabled, options, feedback)) = reason {
                let mut reason = Map::new();
                reason.insert("enabled".into(), json!(enabled));
                reason.insert("options".into(), json!(options));
                field(&mut reason, "feedback_options", feedback);
                feature.insert("cancellation_reason".into(), Value::Object(reason));
            }
            features.insert("subscription_cancel".into(), Value::Object(feature));
        }
        if let Some((enabled, duration)) = pause {
            let mut feature = Map::new();
            // A feature table with nothing in it sends nothing: give it `enabled` then.
            let enabled = if duration.is_none() { Some(enabled.unwrap_or(false)) } else { enabled };
            field(&mut feature, "enabled", enabled.map(|e| json!(e)));
            match duration {
                Some(None) => {
                    feature.insert("duration".into(), json!({ "type": "indefinite" }));
                }
                Some(Some(months)) => {
                    let options: Vec<Value> =
                        months.iter().map(|m| json!({ "interval": "month", "interval_count": m })).collect();
                    feature
                        .insert("duration".into(), json!({ "type": "interval_options", "interval_options": options }));
                }
                None => {}
            }
            features.insert("subscription_pause".into(), Value::Object(feature));
        }
        let mut needs_payment_methods = false;
        if let Some((enabled, anchor, allowed, products, proration, schedule, trial)) = update {
            let mut feature = Map::new();
            feature.insert("enabled".into(), json!(enabled));
            needs_payment_methods = enabled;
            field(&mut feature, "billing_cycle_anchor", anchor.map(|a| json!(a)));
            field(&mut feature, "default_allowed_updates", allowed);
            match products {
                Some(Some((by_lookup_key, maximum))) => {
                    let mut product = json!({ "product": catalog.product, "prices": [catalog.monthly] });
                    if by_lookup_key {
                        product["lookup_keys"] = json!(["gen_yearly"]);
                    }
                    if let Some(maximum) = maximum {
                        product["adjustable_quantity"] = json!({ "enabled": true, "maximum": maximum });
                    }
                    feature.insert("products".into(), json!([product]));
                }
                Some(None) => {
                    feature.insert("products".into(), json!([]));
                }
                None => {}
            }
            field(&mut feature, "proration_behavior", proration.map(|p| json!(p)));
            if let Some(conditions) = schedule {
                let conditions = conditions
                    .map(|c| json!(c.as_array().unwrap().iter().map(|t| json!({ "type": t })).collect::<Vec<_>>()));
                let mut schedule = Map::new();
                field(&mut schedule, "conditions", conditions);
                feature.insert("schedule_at_period_end".into(), Value::Object(schedule));
            }
            field(&mut feature, "trial_update_behavior", trial.map(|t| json!(t)));
            features.insert("subscription_update".into(), Value::Object(feature));
        }
        // Subscription updates need payment method updates (Stripe's rule); a new configuration
        // needs at least one feature.
        match (payment_methods, needs_payment_methods) {
            (_, true) => {
                features.insert("payment_method_update".into(), json!({ "enabled": true }));
            }
            (Some(enabled), false) => {
                features.insert("payment_method_update".into(), json!({ "enabled": enabled }));
            }
            (None, false) if features.is_empty() => {
                features.insert("invoice_history".into(), json!({ "enabled": true }));
            }
            (None, false) => {}
        }
        entry.insert("features".into(), Value::Object(features));
        Value::Object(entry)
    })
}

fn file(catalog: Catalog) -> impl Strategy<Value = Value> {
    (configuration(0, catalog.clone()), prop::option::of(configuration(1, catalog))).prop_map(
        |(first, second)| json!({ "configuration": std::iter::once(first).chain(second).collect::<Vec<_>>() }),
    )
}

fn seed(fake: &FakeStripe) -> Catalog {
    let id = |value: Value| value["id"].as_str().unwrap().to_owned();
    let product = id(fake.post("/v1/products", &[("name", "Generated")]).unwrap());
    let price = |interval: &str, lookup_key: Option<&str>| {
        let mut params = vec![
            ("product", product.as_str()),
            ("currency", "usd"),
            ("unit_amount", "500"),
            ("recurring[interval]", interval),
        ];
        params.extend(lookup_key.map(|key| ("lookup_key", key)));
        id(fake.post("/v1/prices", &params).unwrap())
    };
    let monthly = price("month", None);
    price("year", Some("gen_yearly"));
    fake.post("/v1/billing/feedback_options", &[("description", "Too slow")]).unwrap();
    Catalog { product, monthly }
}

/// The fake makes the catalog's ids, so the strategy writes placeholders, and each case replaces
/// them with the ids its own fresh fake made.
#[test]
fn apply_then_plan_and_export_then_plan_have_no_changes() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let placeholder = Catalog { product: "prod_PLACEHOLDER".into(), monthly: "price_PLACEHOLDER".into() };
    let config = ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() };
    proptest!(config, |(generated in file(placeholder.clone()))| {
        runtime.block_on(async {
            let fake = FakeStripe::start().await.unwrap();
            let catalog = seed(&fake);
            let text = generated
                .to_string()
                .replace(&placeholder.product, &catalog.product)
                .replace(&placeholder.monthly, &catalog.monthly);
            let spec = config_as_code::parse(&text, Format::Json, "generated.json")
                .unwrap_or_else(|err| panic!("{err}\n{text}"));
            let client = fake.client();
            let target = Target::new();
            let plan = config_as_code::plan(&client, &target, &spec, PlanOptions::new()).await
                .unwrap_or_else(|err| panic!("{err}\n{text}"));
            let report = config_as_code::apply(&client, &target, &plan).await;
            assert!(report.is_complete(), "{}\n{text}", render::report_text(&report));

            let again = config_as_code::plan(&client, &target, &spec, PlanOptions::new()).await.unwrap();
            assert!(!again.has_changes(), "apply then plan:\n{}\n{text}", render::plan_text(&again));

            let export = config_as_code::export(&client, &target, KeyFrom::Metadata).await.unwrap();
            let toml = export.to_toml().unwrap();
            let exported = config_as_code::parse(&toml, Format::Toml, "export.toml")
                .unwrap_or_else(|err| panic!("{err}\n{toml}"));
            let round = config_as_code::plan(&client, &target, &exported, PlanOptions::new()).await.unwrap();
            assert!(!round.has_changes(), "export then plan:\n{}\n{toml}", render::plan_text(&round));
        });
    });
}
