use super::*;
use crate::config_as_code::{parse, Format};

fn spec(toml: &str) -> Spec {
    parse(toml, Format::Toml, "test.toml").unwrap_or_else(|err| panic!("{err}"))
}

/// A file with the one configuration `gold`: `key = "gold"`, then `table` (TOML).
fn gold_spec(table: &str) -> Spec {
    spec(&format!("[[configuration]]\nkey = \"gold\"{table}"))
}

/// A live configuration: the fixture's shape, with `changes` merged in (JSON merge).
fn live(id: &str, changes: serde_json::Value) -> Configuration {
    let mut base = serde_json::json!({
        "id": id, "object": "billing_portal.configuration", "active": true, "application": null,
        "business_profile": {"headline": null, "privacy_policy_url": null, "terms_of_service_url": null},
        "created": 1, "default_return_url": null,
        "features": {
            "customer_update": {"allowed_updates": [], "enabled": false},
            "invoice_history": {"enabled": false},
            "payment_method_update": {"enabled": false, "payment_method_configuration": null},
            "subscription_cancel": {"cancellation_reason": {"enabled": false, "options": [], "feedback_options": null},
                "enabled": false, "mode": "at_period_end", "proration_behavior": "none"},
            "subscription_pause": {"enabled": false, "duration": {"type": "indefinite", "interval_options": []}},
            "subscription_update": {"billing_cycle_anchor": null, "default_allowed_updates": [], "enabled": false,
                "products": null, "proration_behavior": "none", "schedule_at_period_end": {"conditions": []},
                "trial_update_behavior": "end_trial"}
        },
        "is_default": false, "livemode": false, "login_page": {"enabled": false, "url": null},
        "metadata": {}, "name": null, "updated": 100
    });
    merge(&mut base, changes);
    serde_json::from_value(base).unwrap()
}

fn merge(base: &mut Value, changes: Value) {
    match (base, changes) {
        (Value::Object(base), Value::Object(changes)) => {
            for (key, value) in changes {
                merge(base.entry(key).or_insert(Value::Null), value);
            }
        }
        (base, changes) => *base = changes,
    }
}

fn run(spec: &Spec, live: &[Configuration], options: PlanOptions) -> Result<Plan, ConfigError> {
    compare(spec, live, &BTreeMap::new(), FeedbackIds::new(), &Prices::new(), options)
}

fn paths(plan: &ConfigurationPlan) -> Vec<String> {
    plan.changes.iter().map(|c| c.path.clone()).collect()
}

fn update_body(plan: &ConfigurationPlan) -> String {
    let (minimal, activates) = minimal_update(plan);
    let mut params = params::update_params(&minimal, &BTreeMap::new()).unwrap();
    if activates {
        params = params.active(true);
    }
    crate::form::to_string(&params).unwrap()
}

const GOLD: &str = include_str!("../../../tests/fixtures/portal-gold.toml");

fn gold_live(changes: serde_json::Value) -> Configuration {
    let mut base = serde_json::json!({
        "name": "Gold",
        "business_profile": {"headline": "Hello"},
        "metadata": {"stripe_portal_key": "gold"},
        "features": {
            "invoice_history": {"enabled": true},
            "payment_method_update": {"enabled": true},
            "customer_update": {"enabled": true, "allowed_updates": ["email", "tax_id"]}
        }
    });
    merge(&mut base, changes);
    live("bpc_gold", base)
}

#[test]
fn an_empty_account_gets_a_create_with_every_field_set() {
    let plan = run(&spec(GOLD), &[], PlanOptions::new()).unwrap();
    let gold = &plan.configurations[0];
    assert_eq!(gold.action, Action::Create);
    assert_eq!(
        paths(gold),
        [
            "active",
            "business_profile.headline",
            "features.customer_update.allowed_updates",
            "features.customer_update.enabled",
            "features.invoice_history.enabled",
            "features.payment_method_update.enabled",
            "metadata.stripe_portal_key",
            "name",
        ]
    );
    let params = params::create_params(&without_clears_spec(gold.desired.as_ref().unwrap()), &BTreeMap::new()).unwrap();
    assert_eq!(
        crate::form::to_string(&params).unwrap(),
        "business_profile[headline]=Hello&features[customer_update][allowed_updates][0]=email\
         &features[customer_update][allowed_updates][1]=tax_id&features[customer_update][enabled]=true\
         &features[invoice_history][enabled]=true&features[payment_method_update][enabled]=true\
         &metadata[stripe_portal_key]=gold&name=Gold"
    );
    assert!(plan.has_changes());
}

#[test]
fn a_matching_configuration_has_no_changes() {
    let plan = run(&spec(GOLD), &[gold_live(serde_json::json!({}))], PlanOptions::new()).unwrap();
    assert_eq!(plan.configurations[0].action, Action::NoChanges);
    assert_eq!(plan.configurations[0].id.as_deref(), Some("bpc_gold"));
    assert!(!plan.has_changes());
}

#[test]
fn one_changed_field_is_one_path_and_one_pair() {
    let plan = run(&spec(GOLD), &[gold_live(serde_json::json!({"name": "Old"}))], PlanOptions::new()).unwrap();
    let gold = &plan.configurations[0];
    assert_eq!(gold.action, Action::Update);
    assert_eq!(gold.changes, [FieldChange { path: "name".into(), old: "Old".into(), new: "Gold".into() }]);
    assert_eq!(update_body(gold), "name=Gold");
}

#[test]
fn clears_are_planned_as_clears_and_sent_as_empty() {
    let file = gold_spec(
        r#"
name = ""
business_profile = { headline = "" }
features.customer_update.allowed_updates = []
metadata = { legacy = "" }
"#,
    );
    let live = gold_live(serde_json::json!({"metadata": {"legacy": "1", "stripe_portal_key": "gold"}}));
    let plan = run(&file, &[live], PlanOptions::new()).unwrap();
    let gold = &plan.configurations[0];
    assert_eq!(
        paths(gold),
        ["business_profile.headline", "features.customer_update.allowed_updates", "metadata.legacy", "name"]
    );
    assert!(gold.changes.iter().all(FieldChange::is_clear));
    assert_eq!(
        update_body(gold),
        "business_profile[headline]=&features[customer_update][allowed_updates]=&metadata[legacy]=&name="
    );
    // Clearing what is already empty is no change.
    let plan = run(
        &file,
        &[gold_live(serde_json::json!({"name": null, "business_profile": {"headline": null},
        "features": {"customer_update": {"allowed_updates": []}}}))],
        PlanOptions::new(),
    )
    .unwrap();
    assert_eq!(plan.configurations[0].action, Action::NoChanges);
}

#[test]
fn a_required_sibling_goes_with_its_changed_field() {
    let file = gold_spec(
        r#"
features.payment_method_update = { enabled = true, payment_method_configuration = "pmc_1" }
features.subscription_cancel.cancellation_reason = { enabled = true, options = ["too_expensive"] }
"#,
    );
    let live =
        gold_live(serde_json::json!({"features": {"subscription_cancel": {"cancellation_reason": {"enabled": true}}}}));
    let plan = run(&file, &[live], PlanOptions::new()).unwrap();
    let gold = &plan.configurations[0];
    assert_eq!(
        paths(gold),
        [
            "features.payment_method_update.payment_method_configuration",
            "features.subscription_cancel.cancellation_reason.options"
        ]
    );
    assert_eq!(
        update_body(gold),
        "features[payment_method_update][enabled]=true\
         &features[payment_method_update][payment_method_configuration]=pmc_1\
         &features[subscription_cancel][cancellation_reason][enabled]=true\
         &features[subscription_cancel][cancellation_reason][options][0]=too_expensive"
    );
}

#[test]
fn the_default_entry_updates_the_default_configuration() {
    let file = spec("[[configuration]]\nkey = \"main\"\ndefault = true\nname = \"Main\"\n");
    let default = live("bpc_default", serde_json::json!({"is_default": true, "name": "Old"}));
    let other = live("bpc_other", serde_json::json!({}));
    let plan = run(&file, &[other.clone(), default], PlanOptions::new()).unwrap();
    let main = &plan.configurations[0];
    assert_eq!((main.action, main.id.as_deref(), main.default), (Action::Update, Some("bpc_default"), true));
    // No key is written into the default's metadata: it is found by `is_default`.
    assert_eq!(paths(main), ["name"]);

    let err = run(&file, &[other], PlanOptions::new()).unwrap_err();
    assert!(err.to_string().contains("the account has no default configuration"), "{err}");
}

#[test]
fn prune_deactivates_managed_configurations_missing_from_the_file() {
    let gone = live("bpc_gone", serde_json::json!({"metadata": {"stripe_portal_key": "gone"}}));
    let unmanaged = live("bpc_hand", serde_json::json!({}));
    let inactive = live("bpc_old", serde_json::json!({"active": false, "metadata": {"stripe_portal_key": "old"}}));
    let lives = [gold_live(serde_json::json!({})), gone, unmanaged, inactive];
    let plan = run(&spec(GOLD), &lives, PlanOptions::new()).unwrap();
    assert!(!plan.has_changes());
    let plan = run(&spec(GOLD), &lives, PlanOptions::new().prune(true)).unwrap();
    let actions: Vec<_> = plan.configurations.iter().map(|c| (c.key.as_str(), c.action)).collect();
    assert_eq!(actions, [("gold", Action::NoChanges), ("gone", Action::Deactivate)]);
}

#[test]
fn a_deactivated_configuration_back_in_the_file_is_reactivated() {
    let plan = run(&spec(GOLD), &[gold_live(serde_json::json!({"active": false}))], PlanOptions::new()).unwrap();
    let gold = &plan.configurations[0];
    assert_eq!(paths(gold), ["active"]);
    assert_eq!(update_body(gold), "active=true");
}

#[test]
fn an_id_adopts_a_hand_made_configuration() {
    let file = spec("[[configuration]]\nkey = \"hand\"\nid = \"bpc_hand\"\nname = \"Hand\"\n");
    let hand = live("bpc_hand", serde_json::json!({"name": "Hand", "metadata": {"note": "x"}}));
    let plan = run(&file, &[hand], PlanOptions::new()).unwrap();
    assert_eq!(plan.configurations[0].action, Action::Update);
    assert_eq!(update_body(&plan.configurations[0]), "metadata[stripe_portal_key]=hand");
    let err = run(&file, &[], PlanOptions::new()).unwrap_err();
    assert!(err.to_string().contains("no configuration bpc_hand to adopt"), "{err}");
}

#[test]
fn two_active_configurations_with_one_key_are_an_error() {
    let a = live("bpc_a", serde_json::json!({"metadata": {"stripe_portal_key": "gold"}}));
    let b = live("bpc_b", serde_json::json!({"metadata": {"stripe_portal_key": "gold"}}));
    let err = run(&spec(GOLD), &[a, b], PlanOptions::new()).unwrap_err();
    assert!(err.to_string().contains("bpc_a, bpc_b all carry the key \"gold\""), "{err}");
}

#[test]
fn lookup_keys_resolve_and_products_compare_whole() {
    let file = gold_spec(
        r#"
[[configuration.features.subscription_update.products]]
lookup_keys = ["gold_monthly"]
adjustable_quantity = { enabled = true, minimum = 1, maximum = 5 }
"#,
    );
    let prices: Prices = [("gold_monthly".to_owned(), ("price_1".to_owned(), "prod_1".to_owned()))].into();
    let live_products = serde_json::json!({"features": {"subscription_update": {"products": [
        {"product": "prod_1", "prices": ["price_1"], "adjustable_quantity": {"enabled": true, "minimum": null, "maximum": 5}}
    ]}}});
    let plan =
        compare(&file, &[gold_live(live_products)], &BTreeMap::new(), FeedbackIds::new(), &prices, PlanOptions::new())
            .unwrap();
    assert_eq!(plan.configurations[0].action, Action::NoChanges, "{:?}", plan.configurations[0].changes);

    let err =
        compare(&file, &[], &BTreeMap::new(), FeedbackIds::new(), &Prices::new(), PlanOptions::new()).unwrap_err();
    assert!(err.to_string().contains("no price has the lookup key \"gold_monthly\""), "{err}");
}

#[test]
fn feedback_options_compare_by_description_and_missing_ones_are_created() {
    let file = spec(
        "[[configuration]]\nkey = \"gold\"\n[configuration.features.subscription_cancel.cancellation_reason]\n\
         enabled = true\noptions = [\"other\"]\nfeedback_options = [\"Too slow\", \"Too loud\"]\n",
    );
    let live_gold = gold_live(serde_json::json!({"features": {"subscription_cancel": {"cancellation_reason": {
        "enabled": true, "options": ["other"], "feedback_options": ["bfo_1"]}}}}));
    let names: BTreeMap<String, String> = [("bfo_1".to_owned(), "Too slow".to_owned())].into();
    let known: FeedbackIds = [("Too slow".to_owned(), "bfo_1".to_owned())].into();
    let plan = compare(&file, &[live_gold], &names, known, &Prices::new(), PlanOptions::new()).unwrap();
    assert_eq!(plan.create_feedback_options, ["Too loud"]);
    let gold = &plan.configurations[0];
    assert_eq!(gold.changes.len(), 1);
    assert_eq!(gold.changes[0].old, serde_json::json!(["Too slow"]));
    assert_eq!(gold.changes[0].new, serde_json::json!(["Too slow", "Too loud"]));
}

#[test]
fn a_create_the_api_would_refuse_fails_the_plan() {
    let file = spec("[[configuration]]\nkey = \"gold\"\nfeatures.subscription_cancel = { mode = \"immediately\" }\n");
    let err = run(&file, &[], PlanOptions::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "configuration \"gold\": features.subscription_cancel.enabled: is required when creating a configuration"
    );
    for file in ["name = \"x\"\n", "features.subscription_pause = {}\n"] {
        let err =
            run(&spec(&format!("[[configuration]]\nkey = \"gold\"\n{file}")), &[], PlanOptions::new()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "configuration \"gold\": features: at least one feature setting is needed to create a configuration"
        );
    }
}

#[test]
fn metadata_outside_the_file_is_left_alone() {
    let live = gold_live(serde_json::json!({"metadata": {"owner": "team-a", "stripe_portal_key": "gold"}}));
    let plan = run(&spec(GOLD), &[live], PlanOptions::new()).unwrap();
    assert_eq!(plan.configurations[0].action, Action::NoChanges);
}
