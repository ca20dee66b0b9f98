//! Configuration as code against the fake Stripe: plan, apply, export, import, as a library.
#![cfg(all(feature = "testing", feature = "config-as-code"))]

#[path = "support/fake_holding.rs"]
mod fake_holding;

use fake_holding::fake_holding;

use stripe_billing_portal::config_as_code::{
    self, render, Action, ConfigError, Format, KeyFrom, Plan, PlanOptions, Spec, Target,
};
use stripe_billing_portal::testing::{fixtures, FakeStripe, RecordedRequest};
use stripe_billing_portal::Client;

fn spec(toml: &str) -> Spec {
    config_as_code::parse(toml, Format::Toml, "portal.toml").unwrap_or_else(|err| panic!("{err}"))
}

async fn plan(client: &Client, spec: &Spec) -> Plan {
    plan_with(client, spec, PlanOptions::new()).await
}

async fn plan_with(client: &Client, spec: &Spec, options: PlanOptions) -> Plan {
    config_as_code::plan(client, &Target::new(), spec, options).await.unwrap_or_else(|err| panic!("{err}"))
}

/// Plans and applies; panics unless every change was made.
async fn converge(client: &Client, spec: &Spec, options: PlanOptions) -> Plan {
    let plan = plan_with(client, spec, options).await;
    let report = config_as_code::apply(client, &Target::new(), &plan).await;
    assert!(report.is_complete(), "{}", render::report_text(&report));
    plan
}

/// The POSTs the fake received since `from` (an index into its request log).
fn posts_since(fake: &FakeStripe, from: usize) -> Vec<RecordedRequest> {
    fake.requests().into_iter().skip(from).filter(|r| r.method == "POST").collect()
}

fn pairs(request: &RecordedRequest) -> Vec<(&str, &str)> {
    request.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// The configurations carrying `key` in their metadata.
fn carrying(fake: &FakeStripe, key: &str) -> Vec<serde_json::Value> {
    let list = fake.get("/v1/billing_portal/configurations", &[("limit", "100")]).unwrap();
    list["data"].as_array().unwrap().iter().filter(|c| c["metadata"]["stripe_portal_key"] == key).cloned().collect()
}

const GOLD: &str = include_str!("fixtures/portal-gold.toml");

#[tokio::test]
async fn create_from_empty_then_a_second_plan_has_no_changes() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let first = plan(&client, &spec(GOLD)).await;
    assert_eq!(first.configurations[0].action, Action::Create);
    let before = fake.requests().len();
    let report = config_as_code::apply(&client, &Target::new(), &first).await;
    assert!(report.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, "/v1/billing_portal/configurations");
    assert_eq!(
        pairs(&posts[0]),
        [
            ("business_profile[headline]", "Hello"),
            ("features[customer_update][allowed_updates][0]", "email"),
            ("features[customer_update][allowed_updates][1]", "tax_id"),
            ("features[customer_update][enabled]", "true"),
            ("features[invoice_history][enabled]", "true"),
            ("features[payment_method_update][enabled]", "true"),
            ("metadata[stripe_portal_key]", "gold"),
            ("name", "Gold"),
        ]
    );
    assert!(posts[0].header("idempotency-key").unwrap().starts_with("stripe-portal-config-create-"));
    assert_eq!(report.applied[0].id, carrying(&fake, "gold")[0]["id"]);

    let second = plan(&client, &spec(GOLD)).await;
    assert!(!second.has_changes(), "{}", render::plan_text(&second));
    assert_eq!(second.configurations[0].action, Action::NoChanges);
}

#[tokio::test]
async fn one_changed_field_is_one_path_and_exactly_that_field_is_sent() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    converge(&client, &spec(GOLD), PlanOptions::new()).await;
    let changed = spec(&GOLD.replace("name = \"Gold\"", "name = \"Gold plan\""));
    let plan = plan(&client, &changed).await;
    let gold = &plan.configurations[0];
    assert_eq!(gold.action, Action::Update);
    let paths: Vec<&str> = gold.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["name"]);
    assert_eq!(render::plan_text(&plan).lines().nth(1), Some("  ~ name: \"Gold\" → \"Gold plan\""));

    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(posts.len(), 1);
    assert_eq!(posts[0].path, format!("/v1/billing_portal/configurations/{}", gold.id.as_deref().unwrap()));
    assert_eq!(pairs(&posts[0]), [("name", "Gold plan")]);
    assert!(!self::plan(&client, &changed).await.has_changes());
}

#[tokio::test]
async fn clears_are_planned_and_sent_as_clears() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    converge(&client, &spec(GOLD), PlanOptions::new()).await;
    let cleared = spec(
        &GOLD
            .replace("business_profile = { headline = \"Hello\" }", "business_profile = { headline = \"\" }")
            .replace("allowed_updates = [\"email\", \"tax_id\"]", "allowed_updates = []"),
    );
    let plan = plan(&client, &cleared).await;
    let gold = &plan.configurations[0];
    assert!(gold.changes.iter().all(|c| c.is_clear()), "{:?}", gold.changes);
    let text = render::plan_text(&plan);
    assert!(text.contains("  - business_profile.headline: \"Hello\" → clear\n"), "{text}");
    assert!(text.contains("  - features.customer_update.allowed_updates: [\"email\",\"tax_id\"] → clear\n"), "{text}");

    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(
        pairs(&posts[0]),
        [("business_profile[headline]", ""), ("features[customer_update][allowed_updates]", "")]
    );
    let live = fake.object(gold.id.as_deref().unwrap()).unwrap();
    assert_eq!(live["business_profile"]["headline"], serde_json::Value::Null);
    assert_eq!(live["features"]["customer_update"]["allowed_updates"], serde_json::json!([]));
    assert!(!self::plan(&client, &cleared).await.has_changes());
}

/// A product with a monthly price by id and a yearly one with a lookup key; a feedback option.
fn seed_catalog(fake: &FakeStripe) -> (String, String, String, String) {
    let product = fake.post("/v1/products", &[("name", "Team")]).unwrap()["id"].as_str().unwrap().to_owned();
    let price = |interval: &str, lookup_key: &str| {
        let mut params = vec![
            ("product", product.as_str()),
            ("currency", "usd"),
            ("unit_amount", "1000"),
            ("recurring[interval]", interval),
        ];
        if !lookup_key.is_empty() {
            params.push(("lookup_key", lookup_key));
        }
        fake.post("/v1/prices", &params).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let monthly = price("month", "");
    let yearly = price("year", "team_yearly");
    let option = fake.post("/v1/billing/feedback_options", &[("description", "Too slow")]).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    (product, monthly, yearly, option)
}

fn catalog_spec(product: &str, monthly: &str) -> String {
    format!(
        r#"
[[configuration]]
key = "team"
[configuration.features]
payment_method_update = {{ enabled = true }}
subscription_cancel = {{ enabled = true, cancellation_reason = {{ enabled = true, options = ["other"], feedback_options = ["Too slow", "Too loud"] }} }}
[configuration.features.subscription_update]
enabled = true
default_allowed_updates = ["price"]
products = [{{ product = "{product}", prices = ["{monthly}"], lookup_keys = ["team_yearly"], adjustable_quantity = {{ enabled = true, maximum = 5 }} }}]
"#
    )
}

#[tokio::test]
async fn products_by_id_and_lookup_key_and_feedback_options_by_description() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let (product, monthly, yearly, too_slow) = seed_catalog(&fake);
    let file = spec(&catalog_spec(&product, &monthly));
    let plan = plan(&client, &file).await;
    let lookup = fake.requests().into_iter().find(|r| r.path == "/v1/prices").unwrap();
    assert_eq!((lookup.method.as_str(), lookup.param("lookup_keys[0]")), ("GET", Some("team_yearly")));
    assert_eq!(plan.create_feedback_options, ["Too loud"]);
    assert!(render::plan_text(&plan).starts_with("feedback option \"Too loud\": create\n"));

    let before = fake.requests().len();
    let report = config_as_code::apply(&client, &Target::new(), &plan).await;
    assert!(report.is_complete(), "{}", render::report_text(&report));
    let posts = posts_since(&fake, before);
    assert_eq!(posts[0].path, "/v1/billing/feedback_options");
    assert_eq!(pairs(&posts[0]), [("description", "Too loud")]);
    let too_loud = report.applied[0].id.clone();
    let create = pairs(&posts[1]);
    for pair in [
        ("features[subscription_cancel][cancellation_reason][feedback_options][0]", too_slow.as_str()),
        ("features[subscription_cancel][cancellation_reason][feedback_options][1]", too_loud.as_str()),
        ("features[subscription_update][products][0][product]", product.as_str()),
        ("features[subscription_update][products][0][prices][0]", monthly.as_str()),
        ("features[subscription_update][products][0][prices][1]", yearly.as_str()),
        ("features[subscription_update][products][0][adjustable_quantity][enabled]", "true"),
        ("features[subscription_update][products][0][adjustable_quantity][maximum]", "5"),
    ] {
        assert!(create.contains(&pair), "{pair:?} not in {create:?}");
    }
    // A second plan finds both options and the resolved prices as they are.
    let again = self::plan(&client, &file).await;
    assert!(!again.has_changes(), "{}", render::plan_text(&again));

    let unknown = spec(&catalog_spec(&product, &monthly).replace("team_yearly", "nope"));
    let err = config_as_code::plan(&client, &Target::new(), &unknown, PlanOptions::new()).await.unwrap_err();
    assert!(err.to_string().contains("no price has the lookup key \"nope\""), "{err}");
}

#[tokio::test]
async fn the_default_entry_updates_the_default_configuration() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let default_id = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let file = spec("[[configuration]]\nkey = \"main\"\ndefault = true\nname = \"Main portal\"\n");
    let plan = plan(&client, &file).await;
    let main = &plan.configurations[0];
    assert_eq!((main.action, main.id.as_deref()), (Action::Update, Some(default_id.as_str())));
    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(posts[0].path, format!("/v1/billing_portal/configurations/{default_id}"));
    assert_eq!(pairs(&posts[0]), [("name", "Main portal")]);
    assert!(!self::plan(&client, &file).await.has_changes());

    let bare = FakeStripe::builder().without_default_configuration().start().await.unwrap();
    let err = config_as_code::plan(&bare.client(), &Target::new(), &file, PlanOptions::new()).await.unwrap_err();
    assert!(matches!(err, ConfigError::Plan(_)));
    assert!(err.to_string().contains("the account has no default configuration"), "{err}");
}

/// A file of configurations that set only `features.invoice_history`: `(key, enabled)` each.
fn invoice_history(entries: &[(&str, bool)]) -> String {
    let entry = |(key, enabled): &(&str, bool)| {
        format!("[[configuration]]\nkey = \"{key}\"\nfeatures.invoice_history = {{ enabled = {enabled} }}\n")
    };
    entries.iter().map(entry).collect()
}

const TWO: [(&str, bool); 2] = [("a", true), ("b", false)];

#[tokio::test]
async fn prune_deactivates_what_the_file_no_longer_lists() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    converge(&client, &spec(&invoice_history(&TWO)), PlanOptions::new()).await;
    let only_a = spec(&invoice_history(&TWO[..1]));
    assert!(!plan(&client, &only_a).await.has_changes(), "without --prune, b is left alone");
    let pruning = plan_with(&client, &only_a, PlanOptions::new().prune(true)).await;
    let b_id = carrying(&fake, "b")[0]["id"].as_str().unwrap().to_owned();
    let actions: Vec<_> = pruning.configurations.iter().map(|c| (c.key.as_str(), c.action)).collect();
    assert_eq!(actions, [("a", Action::NoChanges), ("b", Action::Deactivate)]);
    assert!(render::plan_text(&pruning).contains(&format!("configuration \"b\" ({b_id}): deactivate\n")));

    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &pruning).await.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(posts[0].path, format!("/v1/billing_portal/configurations/{b_id}"));
    assert_eq!(pairs(&posts[0]), [("active", "false")]);
    assert!(!plan_with(&client, &only_a, PlanOptions::new().prune(true)).await.has_changes());

    // Back in the file: reactivated, not created again.
    let back = plan(&client, &spec(&invoice_history(&TWO))).await;
    assert_eq!(back.configurations[1].action, Action::Update);
    assert_eq!(back.configurations[1].id.as_deref(), Some(b_id.as_str()));
}

#[tokio::test]
async fn export_then_plan_reports_no_changes() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let (product, monthly, ..) = seed_catalog(&fake);
    converge(&client, &spec(&catalog_spec(&product, &monthly)), PlanOptions::new()).await;
    converge(&client, &spec(GOLD), PlanOptions::new()).await;
    fake.post(
        "/v1/billing_portal/configurations",
        &[("features[invoice_history][enabled]", "true"), ("name", "By hand")],
    )
    .unwrap();

    let export = config_as_code::export(&client, &Target::new(), KeyFrom::Metadata).await.unwrap();
    let keys: Vec<&str> = export.spec.configurations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["default", "team", "gold"]);
    assert_eq!(export.skipped.len(), 1);
    assert_eq!(export.skipped[0].1.as_deref(), Some("By hand"));
    let toml = export.to_toml().unwrap();
    let read_back =
        config_as_code::parse(&toml, Format::Toml, "export.toml").unwrap_or_else(|err| panic!("{err}\n{toml}"));
    assert!(
        toml.contains("feedback_options = [\n    \"Too slow\",\n    \"Too loud\",\n]") || toml.contains("\"Too loud\"")
    );
    let plan = plan(&client, &read_back).await;
    assert!(!plan.has_changes(), "{}\n{toml}", render::plan_text(&plan));

    // Keyed by name, the hand-made one is adopted by the next apply, and then managed.
    let export = config_as_code::export(&client, &Target::new(), KeyFrom::Name).await.unwrap();
    let by_hand = export.spec.configurations.iter().find(|c| c.key == "by-hand").unwrap();
    assert!(by_hand.id.is_some());
    let adopt = converge(&client, &export.spec, PlanOptions::new()).await;
    let paths: Vec<&str> = adopt.configurations[3].changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["metadata.stripe_portal_key"]);
    assert_eq!(carrying(&fake, "by-hand").len(), 1);
}

#[tokio::test]
async fn export_refuses_a_value_this_crate_does_not_know_rather_than_give_a_file_plan_refuses() {
    let gold = fixtures::configuration().id("bpc_gold").metadata("stripe_portal_key", "gold");
    // The fixture as it is exports, and plans to no changes.
    let (fake, state) = fake_holding("known", &[gold.clone().build_json()]).await;
    let export = config_as_code::export(&fake.client(), &Target::new(), KeyFrom::Metadata).await.unwrap();
    let plan = plan(&fake.client(), &spec(&export.to_toml().unwrap())).await;
    assert!(!plan.has_changes(), "{}", render::plan_text(&plan));
    let _ = std::fs::remove_file(state);

    // Stripe has since added a cancel mode, and an update customers may make.
    let unknown = |why: &str| {
        format!(
            "cannot export bpc_gold (key \"gold\"): {why}; this version of the crate does not know it: upgrade \
             stripe-billing-portal"
        )
    };
    let cases = [
        (
            gold.clone().set("features.subscription_cancel.mode", "later"),
            unknown(
                "features.subscription_cancel.mode: unknown variant \"later\", expected at_period_end | immediately",
            ),
        ),
        (
            gold.clone().set("features.customer_update.allowed_updates", serde_json::json!(["email", "nickname"])),
            unknown(
                "features.customer_update.allowed_updates[1]: unknown variant \"nickname\", expected address | email \
                 | name | phone | shipping | tax_id",
            ),
        ),
        // Anything else the loader refuses is refused as well: a key written by hand.
        (
            gold.metadata("stripe_portal_key", "gold key"),
            "cannot export bpc_gold (key \"gold key\"): key: \"gold key\" must be 1 to 100 letters, digits, `-`, `_` \
             or `.`; `plan` would refuse the file"
                .to_owned(),
        ),
    ];
    for (configuration, message) in cases {
        let (fake, state) = fake_holding("unknown", &[configuration.build_json()]).await;
        let error = config_as_code::export(&fake.client(), &Target::new(), KeyFrom::Metadata).await.unwrap_err();
        assert!(matches!(error, ConfigError::Plan(_)), "{error:?}");
        assert_eq!(error.to_string(), message);
        let _ = std::fs::remove_file(state);
    }
}

#[tokio::test]
async fn export_never_makes_up_a_key_a_managed_configuration_carries() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    // Oldest first: the default configuration (no key), one made by hand named "Gold", then managed
    // ones keyed "gold" and "default": the keys export would make up for the first two.
    fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true"), ("name", "Gold")])
        .unwrap();
    converge(&client, &spec(&invoice_history(&[("gold", true), ("default", true)])), PlanOptions::new()).await;

    for (from, want) in [
        (KeyFrom::Metadata, &["default-2", "gold", "default"][..]),
        (KeyFrom::Name, &["default-2", "gold-2", "gold", "default"]),
    ] {
        let toml = config_as_code::export(&client, &Target::new(), from).await.unwrap().to_toml().unwrap();
        let read_back =
            config_as_code::parse(&toml, Format::Toml, "export.toml").unwrap_or_else(|err| panic!("{err}\n{toml}"));
        let keys: Vec<&str> = read_back.configurations.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, want, "{from:?}");
        if from == KeyFrom::Metadata {
            let plan = plan(&client, &read_back).await;
            assert!(!plan.has_changes(), "{}\n{toml}", render::plan_text(&plan));
        }
    }
}

/// The feedback-option list requests the fake received since `from`, as their `starting_after`.
fn feedback_pages_since(fake: &FakeStripe, from: usize) -> Vec<Option<String>> {
    let requests = fake.requests().into_iter().skip(from);
    let lists = requests.filter(|r| r.method == "GET" && r.path == "/v1/billing/feedback_options");
    lists
        .map(|r| {
            assert_eq!(r.param("limit"), Some("100"), "{r:?}");
            r.param("starting_after").map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn plan_and_export_read_every_page_of_feedback_options() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    // 101 options, listed newest first, 100 a page: "Reason 0" is alone on the second page.
    let mut ids = Vec::new();
    for n in 0..101 {
        let option = fake.post("/v1/billing/feedback_options", &[("description", &format!("Reason {n}"))]).unwrap();
        ids.push(option["id"].as_str().unwrap().to_owned());
    }
    let file = spec(
        "[[configuration]]\nkey = \"paged\"\n[configuration.features]\n\
         subscription_cancel = { enabled = true, cancellation_reason = { enabled = true, options = [\"other\"], \
         feedback_options = [\"Reason 0\", \"Reason 100\"] } }\n",
    );

    let before = fake.requests().len();
    let plan = converge(&client, &file, PlanOptions::new()).await;
    assert_eq!(feedback_pages_since(&fake, before), [None, Some(ids[1].clone())]);
    assert!(plan.create_feedback_options.is_empty(), "{}", render::plan_text(&plan));
    let create = posts_since(&fake, before);
    assert_eq!(create.len(), 1);
    let reason = "features[subscription_cancel][cancellation_reason][feedback_options]";
    assert_eq!(create[0].param(&format!("{reason}[0]")), Some(ids[0].as_str()));
    assert_eq!(create[0].param(&format!("{reason}[1]")), Some(ids[100].as_str()));

    let before = fake.requests().len();
    let export = config_as_code::export(&client, &Target::new(), KeyFrom::Metadata).await.unwrap();
    assert_eq!(feedback_pages_since(&fake, before), [None, Some(ids[1].clone())]);
    let toml = export.to_toml().unwrap();
    assert!(toml.contains("feedback_options = [\n    \"Reason 0\",\n    \"Reason 100\",\n]"), "{toml}");
    let again = plan_with(&client, &export.spec, PlanOptions::new()).await;
    assert!(!again.has_changes(), "{}\n{toml}", render::plan_text(&again));
}

/// A configuration "gold" offering the option "Too slow", made by `apply`, then the option
/// deactivated: the file, and the option's id.
async fn offering_an_option_deactivated_since(fake: &FakeStripe) -> (&'static str, String) {
    let file =
        "[[configuration]]\nkey = \"gold\"\nfeatures.subscription_cancel = { enabled = true, cancellation_reason = \
                { enabled = true, options = [\"other\"], feedback_options = [\"Too slow\"] } }\n";
    let applied = converge(&fake.client(), &spec(file), PlanOptions::new()).await;
    assert_eq!(applied.create_feedback_options, ["Too slow"]);
    let option = fake.get("/v1/billing/feedback_options", &[]).unwrap()["data"][0]["id"].as_str().unwrap().to_owned();
    fake.post(&format!("/v1/billing/feedback_options/{option}/deactivate"), &[]).unwrap();
    (file, option)
}

#[tokio::test]
async fn an_option_deactivated_since_exports_and_plans_to_no_changes() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let (file, _) = offering_an_option_deactivated_since(&fake).await;

    // The configuration still offers the option: as the file says, so no option is created for nothing.
    let toml = config_as_code::export(&client, &Target::new(), KeyFrom::Metadata).await.unwrap().to_toml().unwrap();
    let read_back = config_as_code::parse(&toml, Format::Toml, "export.toml").unwrap();
    let plan = plan(&client, &read_back).await;
    assert!(!plan.has_changes(), "{}\n{toml}", render::plan_text(&plan));
    assert!(!plan_with(&client, &spec(file), PlanOptions::new()).await.has_changes());
}

#[tokio::test]
async fn an_option_deactivated_since_is_made_again_when_a_change_needs_it() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let (file, first) = offering_an_option_deactivated_since(&fake).await;

    // Within Stripe's 24 hours of idempotency: a new option, not the first one replayed.
    let plan = converge(&client, &spec(&file.replace("\"gold\"", "\"silver\"")), PlanOptions::new()).await;
    assert_eq!(plan.create_feedback_options, ["Too slow"]);
    let silver = carrying(&fake, "silver");
    let offered = &silver[0]["features"]["subscription_cancel"]["cancellation_reason"]["feedback_options"];
    assert_eq!(offered.as_array().unwrap().len(), 1);
    assert_ne!(offered[0], first.as_str());
}

#[tokio::test]
async fn import_adopts_a_hand_made_configuration() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let id = fake
        .post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true"), ("name", "Gold")])
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let imported = config_as_code::import(&client, &Target::new(), &id, "gold").await.unwrap();
    assert_eq!(imported.id, id);
    let plan = plan(&client, &spec("[[configuration]]\nkey = \"gold\"\nname = \"Gold\"\n")).await;
    assert_eq!(
        (plan.configurations[0].action, plan.configurations[0].id.as_deref()),
        (Action::NoChanges, Some(id.as_str()))
    );
    let other =
        fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true")]).unwrap();
    let err = config_as_code::import(&client, &Target::new(), other["id"].as_str().unwrap(), "gold").await.unwrap_err();
    assert!(err.to_string().contains("the key \"gold\" is already carried by"), "{err}");
}

#[tokio::test]
async fn importing_again_after_the_key_was_removed_by_hand_writes_it_again() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let id = fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true")]).unwrap()
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    config_as_code::import(&client, &Target::new(), &id, "gold").await.unwrap();
    fake.advance(std::time::Duration::from_secs(1));
    fake.post(&format!("/v1/billing_portal/configurations/{id}"), &[("metadata[stripe_portal_key]", "")]).unwrap();

    // Within Stripe's 24 hours of idempotency: written again, not the first answer replayed.
    let imported = config_as_code::import(&client, &Target::new(), &id, "gold").await.unwrap();
    assert_eq!(imported.metadata.get("stripe_portal_key").map(String::as_str), Some("gold"));
    assert_eq!(fake.object(&id).unwrap()["metadata"]["stripe_portal_key"], "gold");
}

#[tokio::test]
async fn a_configuration_whose_key_was_removed_by_hand_is_made_again() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let file = spec(&invoice_history(&[("gold", true)]));
    converge(&client, &file, PlanOptions::new()).await;
    let first = carrying(&fake, "gold")[0]["id"].as_str().unwrap().to_owned();
    fake.advance(std::time::Duration::from_secs(1));
    fake.post(&format!("/v1/billing_portal/configurations/{first}"), &[("metadata[stripe_portal_key]", "")]).unwrap();

    // Within Stripe's 24 hours of idempotency: a new configuration, not the first answer replayed.
    let plan = converge(&client, &file, PlanOptions::new()).await;
    assert_eq!(plan.configurations[0].action, Action::Create);
    let gold = carrying(&fake, "gold");
    assert_eq!(gold.len(), 1);
    assert_ne!(gold[0]["id"], first.as_str());
    assert!(!plan_with(&client, &file, PlanOptions::new()).await.has_changes());
}

#[tokio::test]
async fn re_applying_the_same_plan_never_creates_twice() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let plan = plan(&client, &spec(GOLD)).await;
    // As after a crash that lost the answer: the same plan runs again, with the same key, and
    // Stripe answers with the first result.
    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let posts = posts_since(&fake, before);
    assert_eq!(posts.len(), 2);
    assert_eq!(posts[0].header("idempotency-key"), posts[1].header("idempotency-key"));
    assert_eq!(carrying(&fake, "gold").len(), 1);
}

#[tokio::test]
async fn every_change_carries_a_key_derived_from_it_so_a_replayed_plan_changes_nothing_twice() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    converge(&client, &spec(&invoice_history(&TWO)), PlanOptions::new()).await;
    // An option to create, a configuration to create, one to update, one to deactivate.
    let file = spec(&format!(
        "{}[[configuration]]\nkey = \"c\"\nfeatures.subscription_cancel = {{ enabled = true, cancellation_reason = \
         {{ enabled = true, options = [\"other\"], feedback_options = [\"Too slow\"] }} }}\n",
        invoice_history(&[("a", false)])
    ));
    let plan = plan_with(&client, &file, PlanOptions::new().prune(true)).await;

    // As after a crash that lost every answer: the same plan runs again.
    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let first: Vec<String> =
        posts_since(&fake, before).iter().map(|p| p.header("idempotency-key").unwrap().to_owned()).collect();
    let before = fake.requests().len();
    assert!(config_as_code::apply(&client, &Target::new(), &plan).await.is_complete());
    let again: Vec<String> =
        posts_since(&fake, before).iter().map(|p| p.header("idempotency-key").unwrap().to_owned()).collect();
    assert_eq!(first, again);
    let kinds: Vec<&str> = first.iter().map(|k| k.rsplit_once('-').unwrap().0).collect();
    assert_eq!(
        kinds,
        [
            "stripe-portal-config-feedback-option",
            "stripe-portal-config-update",
            "stripe-portal-config-create",
            "stripe-portal-config-update"
        ]
    );
    let options = fake.get("/v1/billing/feedback_options", &[]).unwrap();
    assert_eq!(options["data"].as_array().unwrap().len(), 1);
    assert_eq!(carrying(&fake, "c").len(), 1);
    assert!(!plan_with(&client, &file, PlanOptions::new().prune(true)).await.has_changes());
}

const THREE: [(&str, bool); 3] = [("one", true), ("two", true), ("three", true)];

#[tokio::test]
async fn a_failure_mid_apply_is_reported_and_a_second_apply_converges() {
    let fake = FakeStripe::start().await.unwrap();
    // The second POST reaches Stripe, but its answer is lost (a 500 comes back instead).
    let proxy = proxy::LosingProxy::start(fake.base_url(), 2).await;
    let client = Client::builder("sk_test_proxy").base_url(proxy.base_url()).max_retries(0).build().unwrap();
    let file = spec(&invoice_history(&THREE));
    let first = plan(&client, &file).await;
    let report = config_as_code::apply(&client, &Target::new(), &first).await;
    assert_eq!(report.applied.len(), 1);
    assert_eq!(report.applied[0].change, "create configuration \"one\"");
    let (failed, _) = report.failed.as_ref().unwrap();
    assert_eq!(failed, "create configuration \"two\"");
    assert_eq!(report.not_applied, ["create configuration \"three\""]);
    let text = render::report_text(&report);
    assert!(text.contains("FAILED: create configuration \"two\": "), "{text}");
    assert!(text.ends_with("not applied: create configuration \"three\"\n"), "{text}");

    // "two" was made after all; the second apply finds it and makes only "three".
    let second = converge(&client, &file, PlanOptions::new()).await;
    let actions: Vec<_> = second.configurations.iter().map(|c| c.action).collect();
    assert_eq!(actions, [Action::NoChanges, Action::NoChanges, Action::Create]);
    for key in ["one", "two", "three"] {
        assert_eq!(carrying(&fake, key).len(), 1, "{key}");
    }
    assert!(!plan(&client, &file).await.has_changes());
}

/// A proxy in front of the fake that loses the answer to one POST: the request reaches the fake,
/// and the client gets a 500 instead of its answer, as after a network failure.
mod proxy {
    use axum::body::Bytes;
    use axum::extract::State;
    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::{IntoResponse, Response};
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[derive(Clone)]
    struct Shared {
        upstream: String,
        lose: usize,
        posts: Arc<AtomicUsize>,
        http: reqwest::Client,
    }

    pub struct LosingProxy {
        base_url: String,
        server: tokio::task::JoinHandle<()>,
    }

    impl LosingProxy {
        /// Loses the answer to POST number `lose` (from 1).
        pub async fn start(upstream: &str, lose: usize) -> Self {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            let base_url = format!("http://{}", listener.local_addr().unwrap());
            let shared = Shared {
                upstream: upstream.to_owned(),
                lose,
                posts: Arc::new(AtomicUsize::new(0)),
                http: reqwest::Client::new(),
            };
            let app = axum::Router::new().fallback(forward).with_state(shared);
            let server = tokio::spawn(async move {
                let _ = axum::serve(listener, app).await;
            });
            Self { base_url, server }
        }

        pub fn base_url(&self) -> &str {
            &self.base_url
        }
    }

    impl Drop for LosingProxy {
        fn drop(&mut self) {
            self.server.abort();
        }
    }

    async fn forward(
        State(shared): State<Shared>,
        method: Method,
        uri: Uri,
        headers: HeaderMap,
        body: Bytes,
    ) -> Response {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let mut request = shared.http.request(method.clone(), format!("{}{path}", shared.upstream)).body(body);
        for (name, value) in &headers {
            if name != "host" && name != "content-length" {
                request = request.header(name, value);
            }
        }
        let answer = request.send().await.unwrap();
        let status = StatusCode::from_u16(answer.status().as_u16()).unwrap();
        let body = answer.bytes().await.unwrap();
        if method == Method::POST && shared.posts.fetch_add(1, Ordering::SeqCst) + 1 == shared.lose {
            let lost = r#"{"error": {"type": "api_error", "message": "the answer was lost on the way"}}"#;
            return (StatusCode::INTERNAL_SERVER_ERROR, [("content-type", "application/json")], lost).into_response();
        }
        (status, [("content-type", "application/json")], body).into_response()
    }
}

#[tokio::test]
async fn a_refused_change_stops_apply_and_the_next_apply_makes_only_what_is_missing() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let (product, monthly, ..) = seed_catalog(&fake);
    let file = spec(&(catalog_spec(&product, &monthly) + &invoice_history(&THREE)));
    let first = plan(&client, &file).await;
    fake.fail_next("POST", "/v1/billing_portal/configurations", 400, 1);
    let report = config_as_code::apply(&client, &Target::new(), &first).await;
    let applied: Vec<&str> = report.applied.iter().map(|a| a.change.as_str()).collect();
    assert_eq!(applied, ["create feedback option \"Too loud\""]);
    let (failed, error) = report.failed.as_ref().unwrap();
    assert_eq!(failed, "create configuration \"team\"");
    assert!(matches!(error, ConfigError::Stripe(err) if err.status() == Some(400)), "{error}");
    assert_eq!(
        report.not_applied,
        ["create configuration \"one\"", "create configuration \"two\"", "create configuration \"three\""]
    );
    let json: serde_json::Value = serde_json::from_str(&render::report_json(&report)).unwrap();
    assert_eq!(json["failed"]["change"], "create configuration \"team\"");
    assert_eq!(json["not_applied"].as_array().unwrap().len(), 3);

    // The option exists now: the next plan does not create it again.
    let second = converge(&client, &file, PlanOptions::new()).await;
    assert!(second.create_feedback_options.is_empty());
    assert_eq!(second.counts(), (4, 0, 0, 0));
    let options = fake.get("/v1/billing/feedback_options", &[]).unwrap();
    let loud = options["data"].as_array().unwrap().iter().filter(|o| o["description"] == "Too loud").count();
    assert_eq!(loud, 1);
    assert!(!plan(&client, &file).await.has_changes());
}

#[tokio::test]
async fn a_connected_account_is_named_on_every_request() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let target = Target::new().stripe_account("acct_1Connected");
    let before = fake.requests().len();
    let result = config_as_code::plan(&client, &target, &spec(GOLD), PlanOptions::new()).await;
    let requests: Vec<RecordedRequest> = fake.requests().into_iter().skip(before).collect();
    assert!(!requests.is_empty(), "{result:?}");
    for request in &requests {
        assert_eq!(request.header("stripe-account"), Some("acct_1Connected"), "{}", request.path);
    }
}
