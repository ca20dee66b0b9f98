//! The fake Stripe's `/v1` API: wire protocol (auth, Request-Id, errors, unknown parameters,
//! idempotency, lists, expand), each resource's endpoints and rules, the request log, and
//! concurrent clients.

#![cfg(feature = "testing")]

#[path = "support/fake_raw.rs"]
mod raw;

use raw::{refusal, Raw};
use serde_json::{json, Value};
use stripe_billing_portal::configurations::{
    ConfigurationCreateParams, ConfigurationListParams, Features, PaymentMethodUpdateFeature, SubscriptionUpdateFeature,
};
use stripe_billing_portal::sessions::{
    FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::subscriptions::Subscription;
use stripe_billing_portal::testing::FakeStripe;
use stripe_billing_portal::{ApiErrorKind, Error};

fn api_error(error: Error) -> stripe_billing_portal::ApiError {
    match error {
        Error::Api(api) => *api,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn starts_with_a_default_configuration_and_a_client_pointed_at_it() {
    let fake = FakeStripe::start().await.unwrap();
    assert!(fake.base_url().starts_with("http://127.0.0.1:"));
    let all = fake.client().configurations().list(ConfigurationListParams::new()).send().await.unwrap();
    assert_eq!(all.data.len(), 1);
    assert!(all.data[0].is_default);
    assert!(all.data[0].id.starts_with("bpc_"));
    assert_eq!(fake.default_configuration().unwrap()["id"], json!(all.data[0].id));
}

#[tokio::test]
async fn keys_are_checked_and_never_echoed() {
    let fake = FakeStripe::start().await.unwrap();
    let missing = reqwest::get(format!("{}/v1/customers", fake.base_url())).await.unwrap();
    assert_eq!(missing.status(), 401);
    assert!(missing.headers().get("request-id").unwrap().to_str().unwrap().starts_with("req_"));
    let body: Value = serde_json::from_str(&missing.text().await.unwrap()).unwrap();
    assert!(body["error"]["message"].as_str().unwrap().starts_with("You did not provide an API key."));

    let live = Raw::with_key(fake.base_url(), "sk_live_secret123").get("/v1/customers", &[]).await;
    assert_eq!(live.status, 401);
    assert_eq!(live.json["error"]["type"], "invalid_request_error");
    assert!(!live.json.to_string().contains("secret123"));

    let basic = reqwest::Client::new()
        .get(format!("{}/v1/customers", fake.base_url()))
        .basic_auth("sk_test_basic", Some(""))
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status(), 200);
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_unknown_urls_are_stripe_404s() {
    let (_fake, raw) = Raw::start().await;
    let answer = raw.get("/v1/nothing_here", &[]).await;
    assert_eq!(answer.status, 404);
    assert_eq!(
        answer.message(),
        "Unrecognized request URL (GET: /v1/nothing_here). Please see https://stripe.com/docs or we can help at https://support.stripe.com/."
    );
    assert!(answer.header("request-id").unwrap().starts_with("req_"));
    let ok = raw.get("/v1/customers", &[]).await;
    assert_ne!(ok.header("request-id"), answer.header("request-id"));
}

#[tokio::test]
async fn unknown_parameters_are_refused_by_their_shortest_unknown_key() {
    let (fake, raw) = Raw::start().await;
    let answer = raw.post("/v1/customers", &[("email", "a@example.com"), ("emali", "typo")]).await;
    assert_eq!(answer.status, 400);
    assert_eq!(answer.json["error"]["code"], "parameter_unknown");
    assert_eq!(answer.param(), "emali");
    assert_eq!(answer.message(), "Received unknown parameter: emali");

    let nested = raw
        .post(
            "/v1/billing_portal/configurations",
            &[("features[invoice_history][enabled]", "true"), ("features[nope][enabled]", "true")],
        )
        .await;
    assert_eq!(nested.param(), "features[nope]");
    assert!(fake.get("/v1/customers", &[]).unwrap()["data"].as_array().unwrap().is_empty(), "nothing was created");
}

#[tokio::test]
async fn missing_objects_are_resource_missing_with_the_param() {
    let (fake, raw) = Raw::start().await;
    let by_path = raw.get("/v1/customers/cus_nope", &[]).await;
    assert_eq!(by_path.status, 404);
    assert_eq!(by_path.json["error"]["code"], "resource_missing");
    assert_eq!(by_path.param(), "id");
    assert_eq!(by_path.message(), "No such customer: 'cus_nope'");

    let error =
        api_error(fake.client().sessions().create(SessionCreateParams::new("cus_nope")).send().await.unwrap_err());
    assert_eq!(error.status(), 400);
    assert_eq!(error.code.as_deref(), Some("resource_missing"));
    assert_eq!(error.param.as_deref(), Some("customer"));
    assert_eq!(error.message.as_deref(), Some("No such customer: 'cus_nope'"));
    assert!(error.facts.request_id.unwrap().starts_with("req_"));
}

#[tokio::test]
async fn required_enum_and_type_errors_name_the_parameter() {
    let fake = FakeStripe::start().await.unwrap();
    let missing = fake.post("/v1/prices", &[("unit_amount", "100")]).unwrap_err();
    assert_eq!((missing.code, missing.param.as_deref()), (Some("parameter_missing"), Some("currency")));
    assert_eq!(missing.message, "Missing required param: currency.");
    let bad_enum = fake
        .post(
            "/v1/prices",
            &[
                ("currency", "usd"),
                ("unit_amount", "1"),
                ("recurring[interval]", "fortnight"),
                ("product_data[name]", "x"),
            ],
        )
        .unwrap_err();
    assert_eq!(bad_enum.param.as_deref(), Some("recurring[interval]"));
    let bad_int = fake.post("/v1/prices", &[("currency", "usd"), ("unit_amount", "ten")]).unwrap_err();
    assert_eq!(bad_int.message, "Invalid integer: ten");
    let bad_bool = fake.post("/v1/products", &[("name", "x"), ("active", "yes")]).unwrap_err();
    assert_eq!(refusal(&bad_bool), (Some("active"), "Invalid boolean: yes"));
}

#[tokio::test]
async fn customers_are_created_updated_listed_and_deleted_with_events() {
    let fake = FakeStripe::start().await.unwrap();
    let customer = fake
        .post("/v1/customers", &[("email", "old@example.com"), ("address[city]", "Berlin"), ("metadata[tier]", "gold")])
        .unwrap();
    let id = customer["id"].as_str().unwrap();
    assert!(id.starts_with("cus_"));
    assert_eq!(customer["address"]["city"], "Berlin");
    assert_eq!(customer["address"]["line1"], Value::Null);
    let updated =
        fake.post(&format!("/v1/customers/{id}"), &[("email", "new@example.com"), ("metadata[tier]", "")]).unwrap();
    assert_eq!(updated["email"], "new@example.com");
    assert_eq!(updated["metadata"], json!({}));
    let events = fake.events();
    assert_eq!(fake.event_types(), ["customer.created", "customer.updated"]);
    assert_eq!(
        events[1]["data"]["previous_attributes"],
        json!({"email": "old@example.com", "metadata": {"tier": "gold"}})
    );
    let listed = fake.get("/v1/customers", &[("email", "new@example.com")]).unwrap();
    assert_eq!(listed["data"][0]["id"], id);
    assert_eq!(listed["url"], "/v1/customers");
    let deleted = Raw::new(fake.base_url()).delete(&format!("/v1/customers/{id}")).await;
    assert_eq!(deleted.json, json!({"id": id, "object": "customer", "deleted": true}));
    assert!(fake.object(id).is_none());
}

#[tokio::test]
async fn products_and_prices() {
    let fake = FakeStripe::start().await.unwrap();
    let product = fake.post("/v1/products", &[("id", "gold"), ("name", "Gold")]).unwrap();
    assert_eq!(product["id"], "gold", "product ids may be chosen");
    let duplicate = fake.post("/v1/products", &[("id", "gold"), ("name", "Gold")]).unwrap_err();
    assert_eq!(duplicate.code, Some("resource_already_exists"));
    let monthly = fake
        .post(
            "/v1/prices",
            &[("currency", "EUR"), ("unit_amount", "900"), ("product", "gold"), ("recurring[interval]", "month")],
        )
        .unwrap();
    let once = fake.post("/v1/prices", &[("currency", "eur"), ("unit_amount", "100"), ("product", "gold")]).unwrap();
    assert_eq!(monthly["currency"], "eur");
    assert_eq!(monthly["recurring"]["interval_count"], 1);
    assert_eq!((once["type"].as_str(), once["recurring"].clone()), (Some("one_time"), Value::Null));
    let recurring = fake.get("/v1/prices", &[("product", "gold"), ("type", "recurring")]).unwrap();
    assert_eq!(recurring["data"].as_array().unwrap().len(), 1);
    assert_eq!(fake.get(&format!("/v1/prices/{}", monthly["id"].as_str().unwrap()), &[]).unwrap(), monthly);
    let missing_product =
        fake.post("/v1/prices", &[("currency", "eur"), ("unit_amount", "1"), ("product", "nope")]).unwrap_err();
    assert_eq!(refusal(&missing_product), (Some("product"), "No such product: 'nope'"));
}

#[tokio::test]
async fn test_tokens_attach_as_new_payment_methods() {
    let fake = FakeStripe::start().await.unwrap();
    let customer = fake.post("/v1/customers", &[]).unwrap()["id"].as_str().unwrap().to_owned();
    let raw = Raw::new(fake.base_url());
    let first = raw.post("/v1/payment_methods/pm_card_visa/attach", &[("customer", &customer)]).await.json;
    let second = raw.post("/v1/payment_methods/pm_card_mastercard/attach", &[("customer", &customer)]).await.json;
    assert!(first["id"].as_str().unwrap().starts_with("pm_") && first["id"] != "pm_card_visa");
    assert_eq!((first["customer"].as_str(), first["card"]["last4"].as_str()), (Some(customer.as_str()), Some("4242")));
    assert_eq!(second["card"]["brand"], "mastercard");
    let listed = raw.get("/v1/payment_methods", &[("customer", &customer), ("type", "card")]).await.json;
    assert_eq!(listed["data"].as_array().unwrap().len(), 2);
    assert_eq!(listed["data"][0]["id"], second["id"], "newest first");
    let detached = raw.post(&format!("/v1/payment_methods/{}/detach", first["id"].as_str().unwrap()), &[]).await.json;
    assert_eq!(detached["customer"], Value::Null);
    let again = raw.post(&format!("/v1/payment_methods/{}/detach", first["id"].as_str().unwrap()), &[]).await;
    assert_eq!(again.status, 400);
    let unknown = raw.post("/v1/payment_methods/pm_card_unknown/attach", &[("customer", &customer)]).await;
    assert_eq!((unknown.status, unknown.param()), (404, "id"));
    assert_eq!(
        fake.event_types(),
        ["customer.created", "payment_method.attached", "payment_method.attached", "payment_method.detached"]
    );
}

#[tokio::test]
async fn subscriptions_default_to_flexible_and_decode_into_the_crate_type() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let subscription: Subscription = fake.client().subscriptions().retrieve(&seeded.subscription).send().await.unwrap();
    assert_eq!(subscription.customer_id(), seeded.customer);
    assert_eq!(subscription.items.data[0].id, seeded.item);
    assert_eq!(subscription.items.data[0].price.id, seeded.price);
    let json = fake.object(&seeded.subscription).unwrap();
    assert_eq!(json["billing_mode"]["type"], "flexible");
    let item = &json["items"]["data"][0];
    assert_eq!(
        item["current_period_end"].as_i64().unwrap() - item["current_period_start"].as_i64().unwrap(),
        30 * 86_400
    );
    assert!(json.get("current_period_end").is_none(), "periods live on items");

    let classic = fake
        .post(
            "/v1/subscriptions",
            &[("customer", &seeded.customer), ("items[0][price]", &seeded.price), ("billing_mode[type]", "classic")],
        )
        .unwrap();
    assert_eq!(classic["billing_mode"], json!({"type": "classic"}));

    let trial = fake
        .post(
            "/v1/subscriptions",
            &[("customer", &seeded.customer), ("items[0][price]", &seeded.price), ("trial_period_days", "7")],
        )
        .unwrap();
    assert_eq!(trial["status"], "trialing");

    let one_time =
        fake.post("/v1/prices", &[("currency", "usd"), ("unit_amount", "5"), ("product", &seeded.product)]).unwrap();
    let refused = fake
        .post(
            "/v1/subscriptions",
            &[("customer", &seeded.customer), ("items[0][price]", one_time["id"].as_str().unwrap())],
        )
        .unwrap_err();
    assert_eq!(refused.param.as_deref(), Some("items[0][price]"));
}

#[tokio::test]
async fn subscriptions_update_cancel_and_list() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let path = format!("/v1/subscriptions/{}", seeded.subscription);
    let before = fake.event_types().len();
    let updated = fake.post(&path, &[("items[0][id]", &seeded.item), ("items[0][quantity]", "3")]).unwrap();
    assert_eq!(updated["items"]["data"][0]["quantity"], 3);
    assert_eq!(updated["items"]["data"][0]["id"], seeded.item);
    let event = &fake.events()[before];
    assert_eq!(event["type"], "customer.subscription.updated");
    assert_eq!(event["data"]["previous_attributes"]["items"]["data"][0]["quantity"], 1, "lists are given whole");

    let raw = Raw::new(fake.base_url());
    let canceled = raw.delete(&path).await.json;
    assert_eq!(
        (canceled["status"].as_str(), canceled["cancellation_details"]["reason"].as_str()),
        (Some("canceled"), Some("cancellation_requested"))
    );
    assert_eq!(fake.event_types().last().unwrap(), "customer.subscription.deleted");
    assert_eq!(raw.delete(&path).await.status, 400);
    let refused = fake.post(&path, &[("items[0][id]", &seeded.item), ("items[0][quantity]", "1")]).unwrap_err();
    assert_eq!(refused.message, "A canceled subscription can only update its cancellation_details and metadata.");
    fake.post(&path, &[("cancellation_details[comment]", "bye")]).unwrap();

    let live = fake.get("/v1/subscriptions", &[("customer", &seeded.customer)]).unwrap();
    assert!(live["data"].as_array().unwrap().is_empty(), "canceled ones are listed only on request");
    let all = fake.get("/v1/subscriptions", &[("customer", &seeded.customer), ("status", "all")]).unwrap();
    assert_eq!(all["data"][0]["id"], seeded.subscription);
}

#[tokio::test]
async fn an_interval_change_through_the_api_restarts_the_period_now() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let yearly =
        [("currency", "usd"), ("unit_amount", "9900"), ("product", &seeded.product), ("recurring[interval]", "year")];
    let yearly = fake.post("/v1/prices", &yearly).unwrap()["id"].as_str().unwrap().to_owned();
    fake.advance(std::time::Duration::from_secs(10 * 86_400));
    let now = fake.now();
    let path = format!("/v1/subscriptions/{}", seeded.subscription);
    let updated = fake.post(&path, &[("items[0][id]", &seeded.item), ("items[0][price]", &yearly)]).unwrap();
    let item = &updated["items"]["data"][0];
    assert!(updated["billing_cycle_anchor"].as_i64().unwrap() >= now);
    assert_eq!(item["current_period_start"], updated["billing_cycle_anchor"]);
    assert_eq!(
        item["current_period_end"].as_i64().unwrap() - item["current_period_start"].as_i64().unwrap(),
        365 * 86_400
    );
}

#[tokio::test]
async fn lists_page_with_cursors() {
    let fake = FakeStripe::start().await.unwrap();
    let ids: Vec<String> = (0..5)
        .map(|i| fake.post("/v1/customers", &[("name", &i.to_string())]).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    let first = fake.get("/v1/customers", &[("limit", "2")]).unwrap();
    assert_eq!(
        first["data"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect::<Vec<_>>(),
        [&ids[4], &ids[3]]
    );
    assert_eq!(first["has_more"], true);
    let last = fake.get("/v1/customers", &[("limit", "2"), ("starting_after", &ids[1])]).unwrap();
    assert_eq!((last["data"][0]["id"].as_str(), last["has_more"].as_bool()), (Some(ids[0].as_str()), Some(false)));
    let before = fake.get("/v1/customers", &[("limit", "2"), ("ending_before", &ids[1])]).unwrap();
    assert_eq!(
        before["data"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect::<Vec<_>>(),
        [&ids[3], &ids[2]]
    );
    assert_eq!(before["has_more"], true);
    assert_eq!(fake.get("/v1/customers", &[("limit", "101")]).unwrap_err().param.as_deref(), Some("limit"));
    assert_eq!(
        fake.get("/v1/customers", &[("starting_after", "cus_gone")]).unwrap_err().param.as_deref(),
        Some("starting_after")
    );
}

#[tokio::test]
async fn expand_replaces_ids_with_objects() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let customer = fake
        .get(
            &format!("/v1/customers/{}", seeded.customer),
            &[("expand[0]", "subscriptions"), ("expand[1]", "invoice_settings.default_payment_method")],
        )
        .unwrap();
    assert_eq!(customer["subscriptions"]["data"][0]["id"], seeded.subscription);
    assert_eq!(customer["invoice_settings"]["default_payment_method"]["object"], "payment_method");
    let plain = fake.get(&format!("/v1/customers/{}", seeded.customer), &[]).unwrap();
    assert!(plain.get("subscriptions").is_none(), "only when expanded");
    let session = fake
        .post(
            "/v1/billing_portal/sessions",
            &[("customer", &seeded.customer), ("return_url", "https://e.com"), ("expand[0]", "configuration")],
        )
        .unwrap();
    assert_eq!(session["configuration"]["object"], "billing_portal.configuration");
    let listed = fake.get("/v1/subscriptions", &[("expand[]", "data.customer")]).unwrap();
    assert_eq!(listed["data"][0]["customer"]["id"], seeded.customer);
    let refused = fake.get(&format!("/v1/customers/{}", seeded.customer), &[("expand[0]", "email")]).unwrap_err();
    assert_eq!(refusal(&refused), (Some("expand"), "This property cannot be expanded (email)."));
}

#[tokio::test]
async fn idempotency_keys_replay_the_first_answer() {
    let (fake, raw) = Raw::start().await;
    let first = raw.post_with("/v1/customers", &[("email", "a@example.com")], Some("key-1")).await;
    let replay = raw.post_with("/v1/customers", &[("email", "a@example.com")], Some("key-1")).await;
    assert_eq!(first.json, replay.json);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.header("idempotent-replayed"), None);
    assert_eq!(fake.get("/v1/customers", &[]).unwrap()["data"].as_array().unwrap().len(), 1);
    assert_eq!(fake.event_types(), ["customer.created"]);

    let conflict = raw.post_with("/v1/customers", &[("email", "b@example.com")], Some("key-1")).await;
    assert_eq!(conflict.status, 400);
    assert_eq!(conflict.json["error"]["type"], "idempotency_error");
    assert!(conflict.message().starts_with("Keys for idempotent requests can only be used with the same parameters"));

    // A refused request saves no result: the same key may be used again once fixed.
    let refused = raw.post_with("/v1/customers", &[("emali", "x")], Some("key-2")).await;
    assert_eq!(refused.status, 400);
    let fixed = raw.post_with("/v1/customers", &[("email", "x@example.com")], Some("key-2")).await;
    assert_eq!(fixed.status, 200);

    // Through the crate: a fixed key sent twice gives the same session.
    let seeded = fake.seed_subscription().unwrap();
    let params = || SessionCreateParams::new(&seeded.customer).return_url("https://example.com/account");
    let one = fake.client().sessions().create(params()).idempotency_key("session-1").send().await.unwrap();
    let two = fake.client().sessions().create(params()).idempotency_key("session-1").send().await.unwrap();
    assert_eq!(one.id, two.id);
    let request =
        fake.events().into_iter().find(|e| e["type"] == "billing_portal.session.created").unwrap()["request"].clone();
    assert_eq!(request["idempotency_key"], "session-1");
}

#[tokio::test]
async fn session_rules() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let client = fake.client();
    let session = client
        .sessions()
        .create(SessionCreateParams::new(&seeded.customer).return_url("https://example.com/account"))
        .send()
        .await
        .unwrap();
    assert!(session.url.starts_with(&format!("{}/p/session/test_", fake.base_url())));
    assert_eq!(fake.event_types().last().unwrap(), "billing_portal.session.created");

    let no_return =
        api_error(client.sessions().create(SessionCreateParams::new(&seeded.customer)).send().await.unwrap_err());
    assert_eq!(no_return.param.as_deref(), Some("return_url"));

    let other = fake.seed_subscription().unwrap();
    let foreign = SessionCreateParams::new(&seeded.customer)
        .return_url("https://example.com")
        .flow_data(FlowData::subscription_cancel(&other.subscription));
    let foreign = api_error(client.sessions().create(foreign).send().await.unwrap_err());
    assert_eq!(foreign.kind, ApiErrorKind::InvalidRequest);
    assert_eq!(foreign.param.as_deref(), Some("flow_data[subscription_cancel][subscription]"));
    assert!(foreign.message.unwrap().contains("does not belong to the customer"));

    let raw = Raw::new(fake.base_url());
    let no_items = raw
        .post(
            "/v1/billing_portal/sessions",
            &[
                ("customer", &seeded.customer),
                ("return_url", "https://e.com"),
                ("flow_data[type]", "subscription_update_confirm"),
                ("flow_data[subscription_update_confirm][subscription]", &seeded.subscription),
            ],
        )
        .await;
    assert_eq!(
        (no_items.param(), no_items.json["error"]["code"].as_str()),
        ("flow_data[subscription_update_confirm][items]", Some("parameter_missing"))
    );

    let unlisted = SubscriptionUpdateConfirm::new(
        &seeded.subscription,
        SubscriptionUpdateConfirmItem::new_price(&seeded.item, &other.price),
    );
    let unlisted =
        SessionCreateParams::new(&seeded.customer).return_url("https://e.com").flow_data(FlowData::new(unlisted));
    let unlisted = api_error(client.sessions().create(unlisted).send().await.unwrap_err());
    assert_eq!(unlisted.param.as_deref(), Some("flow_data[subscription_update_confirm][items][0][price]"));

    // A flow needs its feature enabled.
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    fake.post(
        &format!("/v1/billing_portal/configurations/{configuration}"),
        &[("features[subscription_pause][enabled]", "false")],
    )
    .unwrap();
    let pause = SessionCreateParams::new(&seeded.customer)
        .return_url("https://e.com")
        .flow_data(FlowData::subscription_pause(&seeded.subscription));
    let pause = api_error(client.sessions().create(pause).send().await.unwrap_err());
    assert_eq!(pause.param.as_deref(), Some("flow_data[type]"));

    // An inactive configuration cannot make sessions.
    fake.post(&format!("/v1/billing_portal/configurations/{configuration}"), &[("active", "false")]).unwrap();
    let inactive = raw
        .post(
            "/v1/billing_portal/sessions",
            &[("customer", &seeded.customer), ("return_url", "https://e.com"), ("configuration", &configuration)],
        )
        .await;
    assert_eq!(inactive.param(), "configuration");
}

#[tokio::test]
async fn deep_link_rules_name_the_offending_parameter() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_plan_change().unwrap();
    let current = &seeded.current;
    let session = |flow: &[(&str, &str)]| {
        let mut pairs = vec![("customer", current.customer.as_str()), ("return_url", "https://e.com")];
        pairs.extend_from_slice(flow);
        fake.post("/v1/billing_portal/sessions", &pairs)
    };
    let cancel = [
        ("flow_data[type]", "subscription_cancel"),
        ("flow_data[subscription_cancel][subscription]", current.subscription.as_str()),
    ];
    // `flow` echoes the request with every variant key present.
    let flow = session(&cancel).unwrap()["flow"].clone();
    assert_eq!(
        flow,
        json!({
            "after_completion": {"hosted_confirmation": null, "redirect": null, "type": "portal_homepage"},
            "subscription_cancel": {"retention": null, "subscription": current.subscription},
            "subscription_pause": null, "subscription_update": null, "subscription_update_confirm": null,
            "type": "subscription_cancel"
        })
    );

    let redirect =
        session(&[("flow_data[type]", "payment_method_update"), ("flow_data[after_completion][type]", "redirect")]);
    let redirect = redirect.unwrap_err();
    assert_eq!(
        (redirect.code, redirect.param.as_deref()),
        (Some("parameter_missing"), Some("flow_data[after_completion][redirect][return_url]"))
    );

    let mut no_coupon = cancel.to_vec();
    no_coupon.extend([
        ("flow_data[subscription_cancel][retention][type]", "coupon_offer"),
        ("flow_data[subscription_cancel][retention][coupon_offer][coupon]", "promo_not_a_coupon"),
    ]);
    let no_coupon = session(&no_coupon).unwrap_err();
    assert_eq!(
        (no_coupon.code, no_coupon.param.as_deref()),
        (Some("resource_missing"), Some("flow_data[subscription_cancel][retention][coupon_offer][coupon]"))
    );

    let confirm = "flow_data[subscription_update_confirm]";
    let item = |index: usize, field: &str| format!("{confirm}[items][{index}][{field}]");
    let (id0, price0, id1, price1) = (item(0, "id"), item(0, "price"), item(1, "id"), item(1, "price"));
    let discount = |index: usize| format!("{confirm}[discounts][{index}][coupon]");
    let (discount0, discount1) = (discount(0), discount(1));
    let subscription = format!("{confirm}[subscription]");
    let one_item = [
        ("flow_data[type]", "subscription_update_confirm"),
        (subscription.as_str(), current.subscription.as_str()),
        (id0.as_str(), current.item.as_str()),
        (price0.as_str(), seeded.price.as_str()),
    ];
    let mut two_items = one_item.to_vec();
    two_items.extend([(id1.as_str(), current.item.as_str()), (price1.as_str(), seeded.price.as_str())]);
    assert_eq!(session(&two_items).unwrap_err().param, Some(format!("{confirm}[items]")));
    let mut two_discounts = one_item.to_vec();
    two_discounts.extend([(discount0.as_str(), seeded.coupon.as_str()), (discount1.as_str(), seeded.coupon.as_str())]);
    assert_eq!(session(&two_discounts).unwrap_err().param, Some(format!("{confirm}[discounts]")));
    let mut one_discount = one_item.to_vec();
    one_discount.push((discount0.as_str(), seeded.coupon.as_str()));
    assert_eq!(
        session(&one_discount).unwrap()["flow"]["subscription_update_confirm"]["discounts"][0]["coupon"],
        seeded.coupon
    );

    // A canceled subscription cannot be deep-linked to: a 400 naming it, without a code.
    fake.post(&format!("/v1/subscriptions/{}", current.subscription), &[("cancel_at_period_end", "true")]).unwrap();
    let canceling = session(&cancel).unwrap_err();
    assert_eq!(
        (canceling.status, canceling.code, canceling.param.as_deref()),
        (400, None, Some("flow_data[subscription_cancel][subscription]"))
    );
}

#[tokio::test]
async fn each_deep_link_needs_its_feature_and_its_subscription() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_plan_change().unwrap();
    let current = &seeded.current;
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/billing_portal/configurations/{configuration}");
    let confirm_item = [
        ("flow_data[subscription_update_confirm][items][0][id]", current.item.as_str()),
        ("flow_data[subscription_update_confirm][items][0][price]", seeded.price.as_str()),
    ];
    let flows = [
        ("customer_update", "customer_update", &[][..]),
        ("payment_method_update", "payment_method_update", &[][..]),
        ("subscription_cancel", "subscription_cancel", &[][..]),
        ("subscription_pause", "subscription_pause", &[][..]),
        ("subscription_update", "subscription_update", &[][..]),
        ("subscription_update_confirm", "subscription_update", &confirm_item[..]),
    ];
    for (flow, feature, extra) in flows {
        let subscription = format!("flow_data[{flow}][subscription]");
        let mut pairs =
            vec![("customer", current.customer.as_str()), ("return_url", "https://e.com"), ("flow_data[type]", flow)];
        pairs.extend_from_slice(extra);
        if extra.is_empty() && flow.starts_with("subscription") {
            let missing = fake.post("/v1/billing_portal/sessions", &pairs).unwrap_err();
            assert_eq!(
                (missing.code, missing.param.as_deref()),
                (Some("parameter_missing"), Some(subscription.as_str()))
            );
        }
        if flow.starts_with("subscription") {
            pairs.push((&subscription, current.subscription.as_str()));
        }
        fake.post("/v1/billing_portal/sessions", &pairs).unwrap();
        let mut off = vec![(format!("features[{feature}][enabled]"), "false")];
        if feature == "payment_method_update" {
            off.push(("features[subscription_update][enabled]".to_owned(), "false"));
        }
        let off: Vec<(&str, &str)> = off.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        fake.post(&path, &off).unwrap();
        let refused = fake.post("/v1/billing_portal/sessions", &pairs).unwrap_err();
        assert_eq!((refused.status, refused.param.as_deref()), (400, Some("flow_data[type]")), "{flow}");
        let on: Vec<(&str, &str)> = off.iter().map(|(k, _)| (*k, "true")).collect();
        fake.post(&path, &on).unwrap();
    }
}

#[tokio::test]
async fn subscription_updates_need_payment_method_updates_on_update_too() {
    let fake = FakeStripe::start().await.unwrap();
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/billing_portal/configurations/{configuration}");
    let error = fake.post(&path, &[("features[payment_method_update][enabled]", "false")]).unwrap_err();
    assert_eq!(error.message, "Cannot enable subscription updates while payment method update is disabled.");
    assert_eq!(fake.default_configuration().unwrap()["features"]["payment_method_update"]["enabled"], true);
    fake.post(
        &path,
        &[("features[payment_method_update][enabled]", "false"), ("features[subscription_update][enabled]", "false")],
    )
    .unwrap();
}

#[tokio::test]
async fn a_plan_picking_deep_link_needs_products_and_allowed_updates() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let pick_a_plan = || {
        let params = SessionCreateParams::new(&seeded.customer)
            .return_url("https://e.com")
            .flow_data(FlowData::subscription_update(&seeded.subscription));
        fake.client().sessions().create(params).send()
    };
    // The default configuration lists no products yet: the portal has nothing to offer.
    let error = api_error(pick_a_plan().await.unwrap_err());
    assert_eq!((error.status(), error.param.as_deref()), (400, Some("flow_data[type]")));
    assert_eq!(error.code, None);

    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let path = format!("/v1/billing_portal/configurations/{configuration}");
    let products = "features[subscription_update][products][0]";
    fake.post(
        &path,
        &[
            (&format!("{products}[product]") as &str, seeded.product.as_str()),
            (&format!("{products}[prices][0]"), &seeded.price),
        ],
    )
    .unwrap();
    assert!(pick_a_plan().await.unwrap().flow.is_some());

    // An empty default_allowed_updates means the subscription cannot be updated.
    fake.post(&path, &[("features[subscription_update][default_allowed_updates]", "")]).unwrap();
    let error = api_error(pick_a_plan().await.unwrap_err());
    assert_eq!(error.param.as_deref(), Some("flow_data[type]"));
}

#[tokio::test]
async fn without_a_default_configuration_sessions_need_one() {
    let fake = FakeStripe::builder().without_default_configuration().start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let error = api_error(
        fake.client()
            .sessions()
            .create(SessionCreateParams::new(&seeded.customer).return_url("https://e.com"))
            .send()
            .await
            .unwrap_err(),
    );
    assert_eq!(error.status(), 400);
    assert!(error
        .message
        .unwrap()
        .starts_with("No configuration provided and your test mode default configuration has not been created."));

    let features = Features::new().payment_method_update(PaymentMethodUpdateFeature::new(true)).invoice_history(true);
    let created = fake
        .client()
        .configurations()
        .create(ConfigurationCreateParams::new(features).default_return_url("https://e.com/back"))
        .send()
        .await
        .unwrap();
    assert!(!created.is_default, "API-made configurations are never the default");
    let session = SessionCreateParams::new(&seeded.customer).configuration(&created.id);
    let session = fake.client().sessions().create(session).send().await.unwrap();
    assert_eq!(session.return_url, None, "the configuration's default_return_url applies");
}

#[tokio::test]
async fn configuration_rules() {
    let fake = FakeStripe::start().await.unwrap();
    let client = fake.client();
    let features = Features::new().subscription_update(SubscriptionUpdateFeature::new(true));
    let error =
        api_error(client.configurations().create(ConfigurationCreateParams::new(features)).send().await.unwrap_err());
    assert_eq!(
        error.message.as_deref(),
        Some("Cannot enable subscription updates while payment method update is disabled.")
    );

    let refused = |pairs: &[(&str, &str)]| fake.post("/v1/billing_portal/configurations", pairs).unwrap_err();
    assert_eq!(refused(&[("features[invoice_history][enabled]", "maybe")]).message, "Invalid boolean: maybe");
    // Each refused configuration, as form pairs, with the parameter its error names.
    let cancel = ("features[subscription_cancel][enabled]", "true");
    let pause = [
        ("features[subscription_pause][enabled]", "true"),
        ("features[subscription_pause][duration][type]", "interval_options"),
    ];
    let long_pause = [
        pause[0],
        pause[1],
        ("features[subscription_pause][duration][interval_options][0][interval]", "year"),
        ("features[subscription_pause][duration][interval_options][0][interval_count]", "4"),
    ];
    let cases: [(&[(&str, &str)], &str); 6] = [
        (&[], "features"),
        (
            &[cancel, ("features[subscription_cancel][proration_behavior]", "create_prorations")],
            "features[subscription_cancel][proration_behavior]",
        ),
        (
            &[
                cancel,
                ("features[subscription_cancel][mode]", "immediately"),
                ("features[subscription_cancel][proration_behavior]", "always_invoice"),
            ],
            "features[subscription_cancel][proration_behavior]",
        ),
        (
            &[cancel, ("features[subscription_cancel][cancellation_reason][enabled]", "true")],
            "features[subscription_cancel][cancellation_reason][options]",
        ),
        (&long_pause, "features[subscription_pause][duration][interval_options][0][interval_count]"),
        (&pause, "features[subscription_pause][duration][interval_options]"),
    ];
    for (pairs, param) in cases {
        assert_eq!(refused(pairs).param.as_deref(), Some(param), "{pairs:?}");
    }

    let product = fake.post("/v1/products", &[("name", "p")]).unwrap()["id"].as_str().unwrap().to_owned();
    let mut pairs = vec![
        ("features[payment_method_update][enabled]".to_owned(), "true".to_owned()),
        ("features[subscription_update][enabled]".to_owned(), "true".to_owned()),
    ];
    for index in 0..11 {
        let price = fake
            .post(
                "/v1/prices",
                &[("currency", "usd"), ("unit_amount", "1"), ("product", &product), ("recurring[interval]", "month")],
            )
            .unwrap();
        pairs.push((format!("features[subscription_update][products][{index}][product]"), product.clone()));
        pairs.push((
            format!("features[subscription_update][products][{index}][prices][0]"),
            price["id"].as_str().unwrap().to_owned(),
        ));
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(refused(&borrowed).param.as_deref(), Some("features[subscription_update][products]"));
    let two_monthly = refused(&borrowed[..6]);
    assert!(two_monthly.message.contains("more than one price with the interval"), "{}", two_monthly.message);

    let created = fake.post("/v1/billing_portal/configurations", &borrowed[..4]).unwrap();
    assert_eq!(
        created["features"]["subscription_update"]["products"][0]["adjustable_quantity"],
        json!({"enabled": false, "maximum": null, "minimum": 0})
    );
    assert_eq!(created["is_default"], false);
    let id = created["id"].as_str().unwrap();
    let renamed = fake.post(&format!("/v1/billing_portal/configurations/{id}"), &[("name", "Pro")]).unwrap();
    assert_eq!(renamed["name"], "Pro");
    let events = fake.events();
    let last = events.last().unwrap();
    assert_eq!(last["type"], "billing_portal.configuration.updated");
    assert_eq!(last["data"]["previous_attributes"]["name"], Value::Null);
    let retrieved = client.configurations().retrieve(id).send().await.unwrap();
    assert_eq!(retrieved.name.as_deref(), Some("Pro"));
    let defaults = fake.get("/v1/billing_portal/configurations", &[("is_default", "true")]).unwrap();
    assert_eq!(defaults["data"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn feedback_options_lifecycle() {
    let (fake, raw) = Raw::start().await;
    let created = raw.post("/v1/billing/feedback_options", &[("description", "Too pricey")]).await.json;
    assert_eq!(
        (created["object"].as_str(), created["status"].as_str()),
        (Some("billing.feedback_option"), Some("active"))
    );
    let id = created["id"].as_str().unwrap();
    assert_eq!(raw.post("/v1/billing/feedback_options", &[]).await.param(), "description");
    let updated =
        raw.post(&format!("/v1/billing/feedback_options/{id}"), &[("description", "Too expensive")]).await.json;
    assert_eq!(updated["description"], "Too expensive");
    assert_eq!(raw.get(&format!("/v1/billing/feedback_options/{id}"), &[]).await.json, updated);
    let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
    let key = "features[subscription_cancel][cancellation_reason][feedback_options][0]";
    let use_it = [("features[subscription_cancel][cancellation_reason][enabled]", "true"), (key, id)];
    fake.post(&format!("/v1/billing_portal/configurations/{configuration}"), &use_it).unwrap();
    let deactivated = raw.post(&format!("/v1/billing/feedback_options/{id}/deactivate"), &[]).await.json;
    assert_eq!(deactivated["status"], "inactive");
    assert!(deactivated["status_transitions"]["deactivated_at"].is_i64());
    let refused = fake.post(&format!("/v1/billing_portal/configurations/{configuration}"), &use_it).unwrap_err();
    assert_eq!(refused.param.as_deref(), Some(key));
    let active = raw.get("/v1/billing/feedback_options", &[("status", "active")]).await.json;
    assert!(active["data"].as_array().unwrap().is_empty());
    assert_eq!(raw.get("/v1/billing/feedback_options", &[("status", "inactive")]).await.json["data"][0]["id"], id);
}

#[tokio::test]
async fn webhook_endpoints_return_their_secret_once() {
    let (_fake, raw) = Raw::start().await;
    let created = raw
        .post(
            "/v1/webhook_endpoints",
            &[("url", "https://example.com/hook"), ("enabled_events[0]", "customer.subscription.updated")],
        )
        .await
        .json;
    assert!(created["secret"].as_str().unwrap().starts_with("whsec_"));
    let id = created["id"].as_str().unwrap();
    let retrieved = raw.get(&format!("/v1/webhook_endpoints/{id}"), &[]).await.json;
    assert!(retrieved.get("secret").is_none());
    assert_eq!(retrieved["enabled_events"], json!(["customer.subscription.updated"]));
    let disabled = raw.post(&format!("/v1/webhook_endpoints/{id}"), &[("disabled", "true")]).await.json;
    assert_eq!(disabled["status"], "disabled");
    assert_eq!(raw.get("/v1/webhook_endpoints", &[]).await.json["data"][0]["id"], id);
    assert_eq!(raw.post("/v1/webhook_endpoints", &[("url", "https://e.com")]).await.param(), "enabled_events");
    assert_eq!(
        raw.post("/v1/webhook_endpoints", &[("url", "ftp://e.com"), ("enabled_events[0]", "*")]).await.param(),
        "url"
    );
    assert_eq!(raw.delete(&format!("/v1/webhook_endpoints/{id}")).await.json["deleted"], true);
    assert_eq!(raw.get(&format!("/v1/webhook_endpoints/{id}"), &[]).await.status, 404);
}

#[tokio::test]
async fn events_are_listed_newest_first_and_carry_their_request() {
    let (_fake, raw) = Raw::start().await;
    let created = raw.post("/v1/customers", &[("email", "a@example.com")]).await;
    let request_id = created.header("request-id").unwrap().to_owned();
    raw.post("/v1/products", &[("name", "x")]).await;
    let listed = raw.get("/v1/events", &[]).await.json;
    let types: Vec<&str> = listed["data"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(types, ["product.created", "customer.created"]);
    let event = &listed["data"][1];
    assert_eq!(event["request"], json!({"id": request_id, "idempotency_key": null}));
    assert_eq!(event["api_version"], "2026-10-28.endive");
    assert_eq!(event["data"]["object"], created.json);
    let by_type = raw.get("/v1/events", &[("type", "customer.*")]).await.json;
    assert_eq!(by_type["data"].as_array().unwrap().len(), 1);
    let id = event["id"].as_str().unwrap();
    assert_eq!(&raw.get(&format!("/v1/events/{id}"), &[]).await.json, event);
}

#[tokio::test]
async fn the_request_log_records_what_the_client_sent() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    fake.client()
        .sessions()
        .create(SessionCreateParams::new(&seeded.customer).return_url("https://example.com/account"))
        .send()
        .await
        .unwrap();
    let requests = fake.requests();
    assert_eq!(requests.len(), 1, "in-process seeding is not logged");
    let request = &requests[0];
    assert_eq!(
        (request.method.as_str(), request.path.as_str(), request.status),
        ("POST", "/v1/billing_portal/sessions", 200)
    );
    assert_eq!(request.param("customer"), Some(seeded.customer.as_str()));
    assert_eq!(request.param("return_url"), Some("https://example.com/account"));
    assert_eq!(request.header("Stripe-Version"), Some("2026-10-28.endive"));
    assert!(request.header("idempotency-key").is_some());
    assert_eq!(request.header("authorization"), Some("Bearer sk_test_********"), "the key is never kept");
    assert!(!format!("{requests:?}").contains(stripe_billing_portal::testing::SECRET_KEY));
}

#[tokio::test]
async fn the_clock_can_be_moved_over_http() {
    let (fake, raw) = Raw::start().await;
    let before = fake.now();
    let moved = raw.post_url(&format!("{}/_fake/clock/advance", fake.base_url()), &[("seconds", "86400")]).await;
    assert_eq!(moved.status, 200);
    let now = moved.json["now"].as_i64().unwrap();
    assert!(now >= before + 86_400 && fake.now() >= now);
    let backwards = raw.post_url(&format!("{}/_fake/clock/advance", fake.base_url()), &[("seconds", "-1")]).await;
    assert_eq!((backwards.status, backwards.param()), (400, "seconds"));
    let created = fake.post("/v1/customers", &[]).unwrap();
    assert!(created["created"].as_i64().unwrap() >= now, "new objects are made at the fake's time");
}

#[tokio::test]
async fn a_hundred_concurrent_clients_lose_no_update() {
    let fake = FakeStripe::start().await.unwrap();
    let customer = fake.post("/v1/customers", &[]).unwrap()["id"].as_str().unwrap().to_owned();
    let tasks: Vec<_> = (0..100)
        .map(|i| {
            let raw = Raw::new(fake.base_url());
            let path = format!("/v1/customers/{customer}");
            tokio::spawn(async move {
                let key = format!("metadata[k{i}]");
                let answer = raw.post(&path, &[(key.as_str(), "1")]).await;
                assert_eq!(answer.status, 200);
                let created = raw.post("/v1/products", &[("name", &format!("p{i}"))]).await;
                assert_eq!(created.status, 200);
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap();
    }
    let customer = fake.object(&customer).unwrap();
    assert_eq!(customer["metadata"].as_object().unwrap().len(), 100);
    assert_eq!(fake.get("/v1/products", &[("limit", "100")]).unwrap()["data"].as_array().unwrap().len(), 100);
    assert_eq!(fake.event_types().iter().filter(|t| *t == "customer.updated").count(), 100);
}

#[tokio::test]
async fn prices_filter_on_lookup_keys() {
    let fake = FakeStripe::start().await.unwrap();
    for key in ["basic", "pro", "max"] {
        fake.post(
            "/v1/prices",
            &[
                ("currency", "usd"),
                ("unit_amount", "1"),
                ("product_data[name]", key),
                ("recurring[interval]", "month"),
                ("lookup_key", key),
            ],
        )
        .unwrap();
    }
    let found = Raw::new(fake.base_url())
        .get("/v1/prices", &[("limit", "100"), ("lookup_keys[0]", "basic"), ("lookup_keys[1]", "max")])
        .await
        .json;
    let mut keys: Vec<&str> =
        found["data"].as_array().unwrap().iter().map(|p| p["lookup_key"].as_str().unwrap()).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["basic", "max"]);
}

#[tokio::test]
async fn injected_failures_answer_instead_of_the_next_matching_requests() {
    let (fake, raw) = Raw::start().await;
    fake.fail_next("POST", "/v1/customers", 500, 2);
    raw.get("/v1/customers", &[]).await;
    let first = raw.post("/v1/customers", &[("email", "a@example.com")]).await;
    assert_eq!((first.status, first.json["error"]["type"].as_str()), (500, Some("api_error")));
    assert!(first.header("request-id").is_some());
    assert_eq!(raw.post("/v1/customers", &[]).await.status, 500);
    assert_eq!(raw.post("/v1/customers", &[]).await.status, 200);
    assert_eq!(fake.event_types(), ["customer.created"], "failed requests change nothing");
    let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [200, 500, 500, 200]);
}
