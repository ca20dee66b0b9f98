//! Playing the customer in the fake portal: each action with the exact events it causes, the
//! configuration and flow gates, classic versus flexible cancellation, the clock, the HTML page
//! and its HTTP actions.

#![cfg(feature = "testing")]

#[path = "support/fake_raw.rs"]
mod raw;

use raw::Raw;
use serde_json::{json, Value};
use std::time::Duration;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::subscriptions::{Subscription, SubscriptionPauseType};
use stripe_billing_portal::testing::{Action, FakeStripe, PauseMechanism, Seeded};

const DAY: u64 = 86_400;

/// The events of a price or quantity change billed at once.
const INVOICED_UPDATE: [&str; 5] = [
    "customer.subscription.updated",
    "invoice.created",
    "invoice.finalized",
    "invoice.paid",
    "invoice.payment_succeeded",
];

struct Portal {
    fake: FakeStripe,
    seeded: Seeded,
    configuration: String,
}

impl Portal {
    async fn start() -> Self {
        Self::with(FakeStripe::start().await.unwrap())
    }

    fn with(fake: FakeStripe) -> Self {
        let seeded = fake.seed_subscription().unwrap();
        let configuration = fake.default_configuration().unwrap()["id"].as_str().unwrap().to_owned();
        Portal { fake, seeded, configuration }
    }

    /// Updates the default configuration.
    fn configure(&self, pairs: &[(&str, &str)]) {
        self.fake.post(&format!("/v1/billing_portal/configurations/{}", self.configuration), pairs).unwrap();
    }

    async fn session(&self, flow: Option<FlowData>) -> String {
        let mut params = SessionCreateParams::new(&self.seeded.customer).return_url("https://example.com/account");
        if let Some(flow) = flow {
            params = params.flow_data(flow);
        }
        self.fake.client().sessions().create(params).send().await.unwrap().url
    }

    fn mark(&self) -> usize {
        self.fake.events().len()
    }

    /// The events since `mark`.
    fn since(&self, mark: usize) -> Vec<Value> {
        self.fake.events().split_off(mark)
    }

    fn types_since(&self, mark: usize) -> Vec<String> {
        self.since(mark).iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect()
    }

    fn subscription(&self) -> Value {
        self.fake.object(&self.seeded.subscription).unwrap()
    }

    /// A second subscription of the seeded customer, in classic billing mode.
    fn classic_subscription(&self) -> String {
        let pairs = [
            ("customer", self.seeded.customer.as_str()),
            ("items[0][price]", &self.seeded.price),
            ("billing_mode[type]", "classic"),
        ];
        self.fake.post("/v1/subscriptions", &pairs).unwrap()["id"].as_str().unwrap().to_owned()
    }

    /// A second price of the seeded product, every `interval`, offered with the seeded one in the
    /// configuration's update products, whose other settings are `settings`.
    fn offer_price(&self, amount: &str, interval: &str, settings: &[(&str, &str)]) -> String {
        let product = &self.seeded.product;
        let price = [
            ("currency", "usd"),
            ("unit_amount", amount),
            ("product", product),
            ("recurring[interval]", interval),
            ("tax_behavior", "exclusive"),
        ];
        let price = self.fake.post("/v1/prices", &price).unwrap()["id"].as_str().unwrap().to_owned();
        let mut pairs = vec![
            ("features[subscription_update][products][0][product]", product.as_str()),
            ("features[subscription_update][products][0][prices][0]", &self.seeded.price),
            ("features[subscription_update][products][0][prices][1]", &price),
        ];
        pairs.extend_from_slice(settings);
        self.configure(&pairs);
        price
    }

    /// A portal whose configuration also offers Gold, a yearly 99.00 USD price of the seeded
    /// product, with a quantity of up to 5; gives Gold's id too.
    async fn with_gold() -> (Self, String) {
        let portal = Self::start().await;
        let gold = portal.offer_price(
            "9900",
            "year",
            &[
                ("features[subscription_update][products][0][adjustable_quantity][enabled]", "true"),
                ("features[subscription_update][products][0][adjustable_quantity][maximum]", "5"),
            ],
        );
        (portal, gold)
    }
}

#[tokio::test]
async fn cancel_in_flexible_mode_sets_only_cancel_at() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let mark = portal.mark();
    let redirect = portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription)).unwrap();
    assert_eq!(redirect, url, "back to the page");
    let events = portal.since(mark);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["type"], "customer.subscription.updated");
    assert_eq!(
        events[0]["data"]["previous_attributes"],
        json!({"cancel_at": null, "cancellation_details": {"reason": null}})
    );
    let object = &events[0]["data"]["object"];
    assert_eq!(object["cancel_at_period_end"], false);
    assert_eq!(object["cancel_at"], object["items"]["data"][0]["current_period_end"]);
    assert_eq!(object["canceled_at"], Value::Null);
    assert_eq!(object["status"], "active");
    assert!(events[0]["request"]["id"].as_str().unwrap().starts_with("req_"));
}

#[tokio::test]
async fn cancel_in_classic_mode_sets_cancel_at_period_end() {
    let portal = Portal::start().await;
    let fake = &portal.fake;
    let id = &portal.classic_subscription();
    let url = portal.session(None).await;
    let mark = portal.mark();
    fake.act(&url, Action::cancel_subscription(id)).unwrap();
    let events = portal.since(mark);
    assert_eq!(events.len(), 1);
    assert_eq!(
        events[0]["data"]["previous_attributes"],
        json!({"cancel_at": null, "cancel_at_period_end": false, "canceled_at": null, "cancellation_details": {"reason": null}})
    );
    let object = &events[0]["data"]["object"];
    assert_eq!(object["cancel_at_period_end"], true);
    assert_eq!(object["cancellation_details"]["reason"], "cancellation_requested");
    assert_eq!(object["canceled_at"], events[0]["created"]);
}

#[tokio::test]
async fn cancel_with_the_survey_sends_a_second_update() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let refused =
        portal.fake.act(&url, Action::cancel_subscription(sub).reason("too_expensive").comment("meh")).unwrap_err();
    assert_eq!(refused.param.as_deref(), Some("comment"), "free text only with `other`");
    let not_offered = portal.fake.act(&url, Action::cancel_subscription(sub).reason("bored")).unwrap_err();
    assert_eq!(not_offered.param.as_deref(), Some("reason"));
    assert!(portal.subscription()["cancel_at"].is_null(), "a refused action changes nothing");

    let mark = portal.mark();
    portal.fake.act(&url, Action::cancel_subscription(sub).reason("other").comment("Moving abroad")).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.updated"]);
    assert_eq!(events[0]["data"]["object"]["cancellation_details"]["feedback"], Value::Null);
    assert_eq!(
        events[1]["data"]["previous_attributes"],
        json!({"cancellation_details": {"comment": null, "feedback": null}})
    );
    assert_eq!(
        events[1]["data"]["object"]["cancellation_details"],
        json!({"comment": "Moving abroad", "feedback": "other", "feedback_option": null, "reason": "cancellation_requested"})
    );

    let again = portal.fake.act(&url, Action::cancel_subscription(sub)).unwrap_err();
    assert!(again.message.contains("already scheduled"));
}

#[tokio::test]
async fn the_survey_records_a_feedback_option_with_or_without_a_reason() {
    let portal = Portal::start().await;
    let option = portal.fake.post("/v1/billing/feedback_options", &[("description", "Too pricey")]).unwrap();
    let option = option["id"].as_str().unwrap();
    portal.configure(&[
        ("features[subscription_cancel][cancellation_reason][enabled]", "true"),
        ("features[subscription_cancel][cancellation_reason][feedback_options][0]", option),
    ]);
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let unknown = portal.fake.act(&url, Action::cancel_subscription(sub).field("feedback_option", "bfo_nope"));
    assert_eq!(unknown.unwrap_err().param.as_deref(), Some("feedback_option"));

    let mark = portal.mark();
    portal.fake.act(&url, Action::cancel_subscription(sub).field("feedback_option", option)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.updated"]);
    assert_eq!(events[1]["data"]["previous_attributes"], json!({"cancellation_details": {"feedback_option": null}}));

    // Both answers at once: one survey event holds both.
    let classic = portal.classic_subscription();
    let mark = portal.mark();
    portal
        .fake
        .act(&url, Action::cancel_subscription(&classic).reason("too_expensive").field("feedback_option", option))
        .unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.updated"]);
    assert_eq!(
        events[1]["data"]["previous_attributes"],
        json!({"cancellation_details": {"feedback": null, "feedback_option": null}})
    );
    let details = &events[1]["data"]["object"]["cancellation_details"];
    assert_eq!(details["feedback"], "too_expensive");
    assert_eq!(details["feedback_option"], option);
}

#[tokio::test]
async fn the_survey_needs_cancellation_reason_enabled() {
    let portal = Portal::start().await;
    portal.configure(&[("features[subscription_cancel][cancellation_reason][enabled]", "false")]);
    let url = portal.session(None).await;
    let error =
        portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription).reason("unused")).unwrap_err();
    assert_eq!(error.param.as_deref(), Some("reason"));
}

#[tokio::test]
async fn immediate_cancellation_deletes_the_subscription() {
    let portal = Portal::start().await;
    portal.configure(&[("features[subscription_cancel][mode]", "immediately")]);
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription).reason("unused")).unwrap();
    assert_eq!(portal.types_since(mark), ["customer.subscription.deleted", "customer.subscription.updated"]);
    let subscription = portal.subscription();
    assert_eq!(subscription["status"], "canceled");
    assert_eq!(subscription["ended_at"], subscription["canceled_at"]);
    assert_eq!(subscription["cancellation_details"]["reason"], "cancellation_requested");
    assert_eq!(subscription["cancellation_details"]["feedback"], "unused");
}

#[tokio::test]
async fn immediate_cancellation_can_leave_a_proration_item() {
    let portal = Portal::start().await;
    portal.configure(&[
        ("features[subscription_cancel][mode]", "immediately"),
        ("features[subscription_cancel][proration_behavior]", "create_prorations"),
    ]);
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription)).unwrap();
    assert_eq!(portal.types_since(mark), ["customer.subscription.deleted", "invoiceitem.created"]);
    assert_eq!(portal.since(mark)[1]["data"]["object"]["proration"], true);
}

#[tokio::test]
async fn trials_end_with_an_update_unless_configured_to_continue() {
    let (portal, gold) = Portal::with_gold().await;
    let pairs = [
        ("customer", portal.seeded.customer.as_str()),
        ("items[0][price]", &portal.seeded.price),
        ("trial_period_days", "14"),
    ];
    let trialing = portal.fake.post("/v1/subscriptions", &pairs).unwrap()["id"].as_str().unwrap().to_owned();
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(&trialing).quantity(2)).unwrap();
    assert_eq!(portal.types_since(mark), INVOICED_UPDATE, "end_trial (the default) invoices at once");
    let ended = portal.fake.object(&trialing).unwrap();
    assert_eq!(
        (ended["status"].as_str(), ended["trial_end"].as_i64()),
        (Some("active"), portal.since(mark)[0]["created"].as_i64())
    );

    portal.configure(&[("features[subscription_update][trial_update_behavior]", "continue_trial")]);
    let trialing = portal.fake.post("/v1/subscriptions", &pairs).unwrap()["id"].as_str().unwrap().to_owned();
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(&trialing).price(&gold)).unwrap();
    let continued = portal.fake.object(&trialing).unwrap();
    assert_eq!(continued["status"], "trialing");
    assert_eq!(continued["items"]["data"][0]["current_period_end"], continued["trial_end"]);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated"], "nothing is billed during the trial");
}

#[tokio::test]
async fn a_disabled_cancel_feature_refuses_the_action() {
    let portal = Portal::start().await;
    portal.configure(&[("features[subscription_cancel][enabled]", "false")]);
    let url = portal.session(None).await;
    let error = portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription)).unwrap_err();
    assert_eq!((error.status, error.param.as_deref()), (400, Some("action")));
    assert!(error.message.contains("features[subscription_cancel][enabled]=false"));
}

#[tokio::test]
async fn renew_undoes_a_scheduled_cancellation() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    assert!(portal.fake.act(&url, Action::renew_subscription(sub)).is_err(), "nothing to renew");
    portal.fake.act(&url, Action::cancel_subscription(sub).reason("unused")).unwrap();
    let cancel_at = portal.subscription()["cancel_at"].clone();
    let mark = portal.mark();
    portal.fake.act(&url, Action::renew_subscription(sub)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated"]);
    assert_eq!(
        events[0]["data"]["previous_attributes"],
        json!({"cancel_at": cancel_at, "cancellation_details": {"feedback": "unused", "reason": "cancellation_requested"}})
    );
    assert_eq!(portal.subscription()["cancel_at"], Value::Null);
}

#[tokio::test]
async fn renewing_a_classic_cancellation_clears_its_three_fields() {
    let portal = Portal::start().await;
    let classic = portal.classic_subscription();
    let url = portal.session(None).await;
    portal.fake.act(&url, Action::cancel_subscription(&classic)).unwrap();
    let canceling = portal.fake.object(&classic).unwrap();
    let mark = portal.mark();
    portal.fake.act(&url, Action::renew_subscription(&classic)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated"]);
    assert_eq!(
        events[0]["data"]["previous_attributes"],
        json!({
            "cancel_at": canceling["cancel_at"], "cancel_at_period_end": true, "canceled_at": canceling["canceled_at"],
            "cancellation_details": {"reason": "cancellation_requested"}
        })
    );
}

#[tokio::test]
async fn a_classic_cancel_at_follows_the_period_end_and_a_flexible_one_stays() {
    let portal = Portal::start().await;
    let classic = portal.classic_subscription();
    let flexible = portal.seeded.subscription.clone();
    let url = portal.session(None).await;
    for sub in [&classic, &flexible] {
        portal.fake.act(&url, Action::cancel_subscription(sub)).unwrap();
    }
    let requested_at = portal.fake.object(&classic).unwrap()["canceled_at"].as_i64().unwrap();
    let flexible_cancel_at = portal.subscription()["cancel_at"].clone();
    portal.fake.advance(Duration::from_secs(10 * DAY));
    for sub in [&classic, &flexible] {
        portal.fake.post(&format!("/v1/subscriptions/{sub}"), &[("billing_cycle_anchor", "now")]).unwrap();
    }
    let moved = portal.fake.object(&classic).unwrap();
    assert_eq!(moved["cancel_at"], moved["items"]["data"][0]["current_period_end"], "classic: the new period end");
    assert_eq!(portal.subscription()["cancel_at"], flexible_cancel_at, "flexible: fixed");
    assert_ne!(portal.subscription()["cancel_at"], portal.subscription()["items"]["data"][0]["current_period_end"]);

    portal.fake.advance(Duration::from_secs(31 * DAY));
    let ended = portal.fake.object(&classic).unwrap();
    assert_eq!((ended["status"].as_str(), ended["ended_at"].clone()), (Some("canceled"), moved["cancel_at"].clone()));
    assert_eq!(ended["canceled_at"], requested_at, "classic keeps the time of the request");
}

#[tokio::test]
async fn the_clock_ends_scheduled_cancellations_at_the_period_end() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription)).unwrap();
    let cancel_at = portal.subscription()["cancel_at"].as_i64().unwrap();
    let mark = portal.mark();
    portal.fake.advance(Duration::from_secs(29 * DAY));
    assert!(portal.types_since(mark).is_empty(), "nothing due yet");
    portal.fake.advance(Duration::from_secs(2 * DAY));
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.deleted"]);
    assert_eq!(events[0]["request"], json!({"id": null, "idempotency_key": null}));
    assert_eq!(events[0]["created"], cancel_at);
    let subscription = portal.subscription();
    assert_eq!(
        (subscription["status"].as_str(), subscription["ended_at"].as_i64()),
        (Some("canceled"), Some(cancel_at))
    );
}

#[tokio::test]
async fn the_clock_renews_periods() {
    let portal = Portal::start().await;
    let end = portal.subscription()["items"]["data"][0]["current_period_end"].as_i64().unwrap();
    let mark = portal.mark();
    portal.fake.advance(Duration::from_secs(31 * DAY));
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated"]);
    assert_eq!(events[0]["data"]["previous_attributes"]["items"]["data"][0]["current_period_end"], end);
    assert_eq!(portal.subscription()["items"]["data"][0]["current_period_start"], end);
}

#[tokio::test]
async fn switching_price_keeps_the_item_and_sends_the_whole_old_list() {
    let (portal, gold) = Portal::with_gold().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let old_items = portal.subscription()["items"].clone();
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(sub).price(&gold)).unwrap();
    let events = portal.since(mark);
    // A change of interval (month to year) bills at once.
    assert_eq!(portal.types_since(mark), INVOICED_UPDATE);
    assert_eq!(events[0]["data"]["previous_attributes"]["items"], old_items);
    let item = &events[0]["data"]["object"]["items"]["data"][0];
    assert_eq!(
        (item["id"].as_str(), item["price"]["id"].as_str()),
        (Some(portal.seeded.item.as_str()), Some(gold.as_str()))
    );
    assert_eq!(events[4]["data"]["object"]["amount_paid"], 9900);
}

#[tokio::test]
async fn quantity_changes_follow_the_configured_bounds() {
    let (portal, _) = Portal::with_gold().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let too_many = portal.fake.act(&url, Action::update_subscription(sub).quantity(6)).unwrap_err();
    assert_eq!(too_many.param.as_deref(), Some("quantity"));
    let same = portal.fake.act(&url, Action::update_subscription(sub).quantity(1)).unwrap_err();
    assert!(same.message.starts_with("Nothing to change"));
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(sub).quantity(3)).unwrap();
    assert_eq!(
        portal.types_since(mark),
        ["customer.subscription.updated"],
        "proration_behavior=none bills nothing now"
    );
    assert_eq!(portal.subscription()["items"]["data"][0]["quantity"], 3);

    portal.configure(&[("features[subscription_update][default_allowed_updates][0]", "price")]);
    let refused = portal.fake.act(&url, Action::update_subscription(sub).quantity(2)).unwrap_err();
    assert!(refused.message.contains("lacks quantity"));
}

#[tokio::test]
async fn unlisted_prices_and_disabled_updates_are_refused() {
    let portal = Portal::start().await;
    let other = portal
        .fake
        .post(
            "/v1/prices",
            &[("currency", "usd"), ("unit_amount", "1"), ("product_data[name]", "x"), ("recurring[interval]", "month")],
        )
        .unwrap();
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let error =
        portal.fake.act(&url, Action::update_subscription(sub).price(other["id"].as_str().unwrap())).unwrap_err();
    assert!(error.message.contains("is not among the configuration's features[subscription_update][products]"));
    portal.configure(&[("features[subscription_update][enabled]", "false")]);
    let disabled = portal.fake.act(&url, Action::update_subscription(sub).quantity(2)).unwrap_err();
    assert_eq!(disabled.param.as_deref(), Some("action"));
}

/// §1.6: the portal switches only between prices with the same `tax_behavior`, neither of them
/// `unspecified`; the page's update action and a confirm deep link refuse the others alike.
#[tokio::test]
async fn prices_whose_tax_behaviors_differ_or_are_unspecified_are_refused() {
    let portal = Portal::start().await;
    // One interval each: a configuration lists at most one price per product and interval.
    let new_price = |tax_behavior: &str, interval: &str| {
        let price = [
            ("currency", "usd"),
            ("unit_amount", "2000"),
            ("product", portal.seeded.product.as_str()),
            ("recurring[interval]", interval),
            ("tax_behavior", tax_behavior),
        ];
        portal.fake.post("/v1/prices", &price).unwrap()["id"].as_str().unwrap().to_owned()
    };
    let (unspecified, inclusive) = (new_price("unspecified", "week"), new_price("inclusive", "year"));
    portal.configure(&[
        ("features[subscription_update][products][0][product]", &portal.seeded.product),
        ("features[subscription_update][products][0][prices][0]", &portal.seeded.price),
        ("features[subscription_update][products][0][prices][1]", &unspecified),
        ("features[subscription_update][products][0][prices][2]", &inclusive),
    ]);
    let unspecified_message = format!(
        "The price {unspecified} has tax_behavior=unspecified; the portal only switches between prices whose tax_behavior is exclusive or inclusive."
    );
    let differ_message = "The new price must have the same tax_behavior as the current one.";
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let confirm = "flow_data[subscription_update_confirm]";
    for (price, message) in [(&unspecified, unspecified_message.as_str()), (&inclusive, differ_message)] {
        let refused = portal.fake.act(&url, Action::update_subscription(sub).price(price)).unwrap_err();
        assert_eq!((refused.param.as_deref(), refused.message.as_str()), (Some("price"), message));
        let deep_link = [
            ("customer", portal.seeded.customer.as_str()),
            ("return_url", "https://example.com/account"),
            ("flow_data[type]", "subscription_update_confirm"),
            (&format!("{confirm}[subscription]"), sub),
            (&format!("{confirm}[items][0][id]"), &portal.seeded.item),
            (&format!("{confirm}[items][0][price]"), price),
        ];
        let refused = portal.fake.post("/v1/billing_portal/sessions", &deep_link).unwrap_err();
        let param = format!("{confirm}[items][0][price]");
        assert_eq!((refused.param.as_deref(), refused.message.as_str()), (Some(param.as_str()), message));
    }
    assert_eq!(portal.subscription()["items"]["data"][0]["price"]["id"], portal.seeded.price.as_str());
    // An unspecified current price cannot be switched either, even to an exclusive one.
    let pairs = [("customer", portal.seeded.customer.as_str()), ("items[0][price]", &unspecified)];
    let other = portal.fake.post("/v1/subscriptions", &pairs).unwrap()["id"].as_str().unwrap().to_owned();
    let refused = portal.fake.act(&url, Action::update_subscription(&other).price(&portal.seeded.price)).unwrap_err();
    assert_eq!(refused.message, unspecified_message);
}

#[tokio::test]
async fn proration_settings_decide_the_billing_events() {
    let (portal, _) = Portal::with_gold().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    portal.configure(&[("features[subscription_update][proration_behavior]", "create_prorations")]);
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(sub).quantity(2)).unwrap();
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "invoiceitem.created"]);
    portal.configure(&[("features[subscription_update][proration_behavior]", "always_invoice")]);
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(sub).quantity(3)).unwrap();
    assert_eq!(portal.types_since(mark), INVOICED_UPDATE);
}

#[tokio::test]
async fn billing_cycle_anchor_now_restarts_the_period() {
    let (portal, _) = Portal::with_gold().await;
    portal.configure(&[("features[subscription_update][billing_cycle_anchor]", "now")]);
    portal.fake.advance(Duration::from_secs(10 * DAY));
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(&portal.seeded.subscription).quantity(2)).unwrap();
    let event = &portal.since(mark)[0];
    let item = &event["data"]["object"]["items"]["data"][0];
    assert_eq!(item["current_period_start"], event["created"]);
    assert_eq!(event["data"]["object"]["billing_cycle_anchor"], event["created"]);
    assert_eq!(
        item["current_period_end"].as_i64().unwrap() - item["current_period_start"].as_i64().unwrap(),
        30 * DAY as i64
    );
}

#[tokio::test]
async fn downgrades_can_be_scheduled_for_the_period_end() {
    let portal = Portal::start().await;
    let cheap = portal.offer_price(
        "500",
        "week",
        &[("features[subscription_update][schedule_at_period_end][conditions][0][type]", "decreasing_item_amount")],
    );
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_subscription(&portal.seeded.subscription).price(&cheap)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["subscription_schedule.created", "customer.subscription.updated"]);
    assert_eq!(events[1]["data"]["previous_attributes"], json!({"schedule": null}));
    // A schedule with future phases blocks both update and cancel.
    let sub = &portal.seeded.subscription;
    for blocked in [
        Action::update_subscription(sub).quantity(2),
        Action::cancel_subscription(sub),
        Action::pause_subscription(sub),
    ] {
        let error = portal.fake.act(&url, blocked).unwrap_err();
        assert_eq!(error.param.as_deref(), Some("subscription"));
        assert!(error.message.contains("schedule"), "{}", error.message);
    }
    assert_eq!(
        portal.subscription()["items"]["data"][0]["price"]["id"],
        portal.seeded.price,
        "unchanged until the period end"
    );
    let mark = portal.mark();
    portal.fake.advance(Duration::from_secs(31 * DAY));
    assert_eq!(portal.types_since(mark)[..2], ["subscription_schedule.released", "customer.subscription.updated"]);
    let subscription = portal.subscription();
    assert_eq!(subscription["items"]["data"][0]["price"]["id"], cheap);
    assert_eq!(subscription["schedule"], Value::Null);
}

#[tokio::test]
async fn only_one_licensed_item_charged_automatically_can_be_updated() {
    let (portal, gold) = Portal::with_gold().await;
    let other = [
        ("currency", "usd"),
        ("unit_amount", "300"),
        ("product_data[name]", "Add-on"),
        ("recurring[interval]", "month"),
    ];
    let other = portal.fake.post("/v1/prices", &other).unwrap()["id"].as_str().unwrap().to_owned();
    let metered = [
        ("currency", "usd"),
        ("unit_amount", "1"),
        ("product", portal.seeded.product.as_str()),
        ("recurring[interval]", "month"),
        ("recurring[usage_type]", "metered"),
    ];
    let metered = portal.fake.post("/v1/prices", &metered).unwrap()["id"].as_str().unwrap().to_owned();
    let customer = portal.seeded.customer.as_str();
    let price = portal.seeded.price.as_str();
    let cases: [(&[(&str, &str)], &str); 3] = [
        (&[("items[0][price]", price), ("items[1][price]", &other)], "several products"),
        (&[("items[0][price]", &metered)], "usage-based"),
        (
            &[("items[0][price]", price), ("collection_method", "send_invoice"), ("days_until_due", "30")],
            "send_invoice",
        ),
    ];
    let url = portal.session(None).await;
    for (pairs, why) in cases {
        let mut pairs = pairs.to_vec();
        pairs.push(("customer", customer));
        let sub = portal.fake.post("/v1/subscriptions", &pairs).unwrap()["id"].as_str().unwrap().to_owned();
        let refused = portal.fake.act(&url, Action::update_subscription(&sub).price(&gold)).unwrap_err();
        assert_eq!(refused.param.as_deref(), Some("subscription"), "{why}");
        assert!(refused.message.contains(why), "{why}: {}", refused.message);
        let params = SessionCreateParams::new(customer)
            .return_url("https://e.com")
            .flow_data(FlowData::subscription_update(&sub));
        let error = portal.fake.client().sessions().create(params).send().await.unwrap_err();
        assert_eq!(error.status(), Some(400), "{why}");
        portal.fake.act(&url, Action::cancel_subscription(&sub)).unwrap();
    }
}

#[tokio::test]
async fn each_action_needs_its_feature_enabled() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let cases = [
        ("payment_method_update", Action::update_payment_method("pm_card_amex")),
        ("payment_method_update", Action::remove_payment_method(&portal.seeded.payment_method)),
        ("customer_update", Action::update_customer().field("name", "Jenny")),
        ("subscription_pause", Action::pause_subscription(sub)),
    ];
    portal.configure(&[
        ("features[subscription_update][enabled]", "false"),
        ("features[payment_method_update][enabled]", "false"),
        ("features[customer_update][enabled]", "false"),
        ("features[subscription_pause][enabled]", "false"),
    ]);
    let mark = portal.mark();
    for (feature, action) in cases {
        let error = portal.fake.act(&url, action).unwrap_err();
        assert_eq!(error.param.as_deref(), Some("action"), "{feature}");
        assert!(error.message.contains(&format!("features[{feature}][enabled]=false")), "{}", error.message);
    }
    assert!(portal.types_since(mark).is_empty(), "nothing changed");
}

#[tokio::test]
async fn the_portal_leaves_a_subscriptions_own_payment_method_alone() {
    let portal = Portal::start().await;
    let sub = &portal.seeded.subscription;
    let own = portal.seeded.payment_method.as_str();
    portal.fake.post(&format!("/v1/subscriptions/{sub}"), &[("default_payment_method", own)]).unwrap();
    let url = portal.session(Some(FlowData::payment_method_update())).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_payment_method("pm_card_mastercard")).unwrap();
    assert_eq!(portal.types_since(mark), ["payment_method.attached", "customer.updated"]);
    assert_eq!(portal.subscription()["default_payment_method"], own);
}

#[tokio::test]
async fn a_shorter_interval_is_scheduled_even_when_it_costs_more() {
    let portal = Portal::start().await;
    let condition =
        ("features[subscription_update][schedule_at_period_end][conditions][0][type]", "shortening_interval");
    let weekly = portal.offer_price("5000", "week", &[condition]);
    let sub = &portal.seeded.subscription;
    let (url, mark) = (portal.session(None).await, portal.mark());
    portal.fake.act(&url, Action::update_subscription(sub).price(&weekly)).unwrap();
    assert_eq!(portal.types_since(mark), ["subscription_schedule.created", "customer.subscription.updated"]);
    assert_eq!(portal.subscription()["items"]["data"][0]["price"]["id"], portal.seeded.price);
}

#[tokio::test]
async fn a_confirm_flow_applies_the_prepared_update_and_redirects() {
    let (portal, gold) = Portal::with_gold().await;
    portal.fake.post("/v1/coupons", &[("id", "UPGRADE10"), ("percent_off", "10")]).unwrap();
    let sub = &portal.seeded.subscription;
    let confirm =
        SubscriptionUpdateConfirm::new(sub, SubscriptionUpdateConfirmItem::new_price(&portal.seeded.item, &gold))
            .coupon("UPGRADE10");
    let url = portal
        .session(Some(FlowData::new(confirm).after_completion(AfterCompletion::redirect("https://example.com/done"))))
        .await;
    let wrong = portal.fake.act(&url, Action::cancel_subscription(sub)).unwrap_err();
    assert!(wrong.message.contains("opened for the subscription_update_confirm flow"));
    let changed = portal.fake.act(&url, Action::update_subscription(sub).price(&portal.seeded.price)).unwrap_err();
    assert!(changed.message.contains("cannot be changed"));
    let mark = portal.mark();
    let redirect = portal.fake.act(&url, Action::update_subscription(sub)).unwrap();
    assert_eq!(redirect, "https://example.com/done");
    let types = portal.types_since(mark);
    assert_eq!(types[..2], ["customer.discount.created", "customer.subscription.updated"]);
    let subscription = portal.subscription();
    assert_eq!(subscription["items"]["data"][0]["price"]["id"], gold);
    assert_eq!(subscription["discounts"].as_array().unwrap().len(), 1);
    // The flow is done: the session now acts as the home page.
    portal.fake.act(&url, Action::cancel_subscription(sub)).unwrap();
}

#[tokio::test]
async fn updating_the_payment_method_attaches_and_sets_the_default() {
    let portal = Portal::start().await;
    let url = portal.session(Some(FlowData::payment_method_update())).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_payment_method("pm_card_mastercard")).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["payment_method.attached", "customer.updated"]);
    let new_id = events[0]["data"]["object"]["id"].clone();
    assert_eq!(
        events[1]["data"]["previous_attributes"],
        json!({"invoice_settings": {"default_payment_method": portal.seeded.payment_method}})
    );
    assert_eq!(events[1]["data"]["object"]["invoice_settings"]["default_payment_method"], new_id);
}

#[tokio::test]
async fn the_last_payment_method_of_a_live_subscription_stays() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let error = portal.fake.act(&url, Action::remove_payment_method(&portal.seeded.payment_method)).unwrap_err();
    assert!(error.message.contains("add another one first"));
    portal.fake.act(&url, Action::update_payment_method("pm_card_amex")).unwrap();
    let mark = portal.mark();
    portal.fake.act(&url, Action::remove_payment_method(&portal.seeded.payment_method)).unwrap();
    assert_eq!(portal.types_since(mark), ["payment_method.detached"]);
}

#[tokio::test]
async fn pause_and_resume_by_status() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let sub = &portal.seeded.subscription;
    let mark = portal.mark();
    portal.fake.act(&url, Action::pause_subscription(sub)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.paused"]);
    assert_eq!(events[0]["data"]["previous_attributes"], json!({"status": "active", "status_details": null}));
    assert_eq!(portal.subscription()["status"], "paused");
    // Stripe's shape: `status_details.paused{type, transitioned_at}`, no `resumes_at`.
    let paused_at = events[0]["created"].as_i64().unwrap();
    let expected = json!({"paused": {"type": "subscription", "transitioned_at": paused_at}});
    assert_eq!(portal.subscription()["status_details"], expected);
    let typed = portal.fake.client().subscriptions().retrieve(sub).send().await.unwrap();
    let paused = typed.status_details.and_then(|details| details.paused).unwrap();
    assert_eq!((paused.kind, paused.transitioned_at), (SubscriptionPauseType::Subscription, Some(paused_at)));
    let mark = portal.mark();
    portal.fake.act(&url, Action::resume_subscription(sub)).unwrap();
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.resumed"]);
    assert_eq!(portal.subscription()["status"], "active");
    let typed = portal.fake.client().subscriptions().retrieve(sub).send().await.unwrap();
    assert_eq!(typed.status_details, None);
    assert!(portal.fake.act(&url, Action::resume_subscription(sub)).is_err(), "not paused");
}

/// The pause endpoint writes the same `status_details` as the portal's pause.
#[tokio::test]
async fn the_pause_endpoint_writes_stripes_status_details() {
    let portal = Portal::start().await;
    let mark = portal.mark();
    let paused = portal.fake.post(&format!("/v1/subscriptions/{}/pause", portal.seeded.subscription), &[]).unwrap();
    let created = portal.since(mark)[0]["created"].clone();
    assert_eq!(paused["status_details"], json!({"paused": {"type": "subscription", "transitioned_at": created}}));
    let typed: Subscription = serde_json::from_value(paused).unwrap();
    let details = typed.status_details.and_then(|details| details.paused).unwrap();
    assert_eq!((details.kind, details.transitioned_at), (SubscriptionPauseType::Subscription, created.as_i64()));
}

#[tokio::test]
async fn pauses_with_a_duration_resume_on_the_clock() {
    let portal = Portal::start().await;
    portal.configure(&[
        ("features[subscription_pause][duration][type]", "interval_options"),
        ("features[subscription_pause][duration][interval_options][0][interval]", "week"),
        ("features[subscription_pause][duration][interval_options][0][interval_count]", "2"),
    ]);
    let sub = &portal.seeded.subscription;
    let url = portal.session(Some(FlowData::subscription_pause(sub))).await;
    assert!(portal.fake.act(&url, Action::pause_subscription(sub)).is_err(), "a duration must be chosen");
    assert!(portal.fake.act(&url, Action::pause_subscription(sub).interval("week", 3)).is_err(), "not offered");
    let mark = portal.mark();
    portal.fake.act(&url, Action::pause_subscription(sub).interval("week", 2)).unwrap();
    let paused_at = portal.since(mark)[0]["created"].as_i64().unwrap();
    // The resumption is not on the subscription (Stripe keeps it in a pause schedule).
    assert_eq!(portal.subscription()["status_details"]["paused"].get("resumes_at"), None);
    let mark = portal.mark();
    portal.fake.advance(Duration::from_secs(15 * DAY));
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated", "customer.subscription.resumed"]);
    assert_eq!(events[0]["created"].as_i64(), Some(paused_at + 14 * DAY as i64));
}

#[tokio::test]
async fn pause_collection_is_the_other_mechanism() {
    let fake = FakeStripe::builder().pause_mechanism(PauseMechanism::PauseCollection).start().await.unwrap();
    let portal = Portal::with(fake);
    let url = portal.session(None).await;
    let mark = portal.mark();
    portal.fake.act(&url, Action::pause_subscription(&portal.seeded.subscription)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.subscription.updated"]);
    assert_eq!(events[0]["data"]["previous_attributes"], json!({"pause_collection": null}));
    assert_eq!(portal.subscription()["status"], "active");
}

#[tokio::test]
async fn classic_subscriptions_cannot_be_paused() {
    let portal = Portal::start().await;
    let classic = portal.classic_subscription();
    let url = portal.session(None).await;
    let error = portal.fake.act(&url, Action::pause_subscription(&classic)).unwrap_err();
    assert!(error.message.contains("flexible"));
}

#[tokio::test]
async fn customer_details_and_tax_ids() {
    let portal = Portal::start().await;
    let url = portal.session(Some(FlowData::customer_update())).await;
    let mark = portal.mark();
    portal
        .fake
        .act(&url, Action::update_customer().field("email", "new@example.com").field("address[city]", "Paris"))
        .unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.updated"]);
    assert_eq!(events[0]["data"]["previous_attributes"], json!({"address": null, "email": "jenny@example.com"}));

    let url = portal.session(None).await;
    let mark = portal.mark();
    portal
        .fake
        .act(&url, Action::update_customer().field("tax_id[type]", "eu_vat").field("tax_id[value]", "DE123456789"))
        .unwrap();
    assert_eq!(portal.types_since(mark), ["customer.tax_id.created"], "tax ids emit no customer.updated");
    let tax_id = portal.since(mark)[0]["data"]["object"]["id"].as_str().unwrap().to_owned();
    let mark = portal.mark();
    portal.fake.act(&url, Action::update_customer().field("remove_tax_id", &tax_id)).unwrap();
    assert_eq!(portal.types_since(mark), ["customer.tax_id.deleted"]);

    portal.configure(&[("features[customer_update][allowed_updates][0]", "email")]);
    let refused = portal.fake.act(&url, Action::update_customer().field("phone", "+331234")).unwrap_err();
    assert_eq!(refused.param.as_deref(), Some("phone"));
    let bad = portal.fake.act(&url, Action::update_customer().field("email", "nope")).unwrap_err();
    assert_eq!(bad.param.as_deref(), Some("email"));
}

#[tokio::test]
async fn accepting_the_retention_offer_keeps_the_subscription() {
    let portal = Portal::start().await;
    portal.fake.post("/v1/coupons", &[("id", "STAY"), ("percent_off", "50"), ("duration", "once")]).unwrap();
    let sub = &portal.seeded.subscription;
    let url = portal.session(None).await;
    assert!(portal.fake.act(&url, Action::accept_retention_offer(sub)).is_err(), "no offer outside the flow");
    let raw = Raw::new(portal.fake.base_url());
    let session = raw
        .post(
            "/v1/billing_portal/sessions",
            &[
                ("customer", &portal.seeded.customer),
                ("return_url", "https://example.com"),
                ("flow_data[type]", "subscription_cancel"),
                ("flow_data[subscription_cancel][subscription]", sub),
                ("flow_data[subscription_cancel][retention][type]", "coupon_offer"),
                ("flow_data[subscription_cancel][retention][coupon_offer][coupon]", "STAY"),
            ],
        )
        .await;
    assert_eq!(session.json["flow"]["subscription_cancel"]["retention"]["coupon_offer"]["coupon"], "STAY");
    let mark = portal.mark();
    portal.fake.act(session.json["url"].as_str().unwrap(), Action::accept_retention_offer(sub)).unwrap();
    let events = portal.since(mark);
    assert_eq!(portal.types_since(mark), ["customer.discount.created", "customer.subscription.updated"]);
    assert_eq!(events[1]["data"]["previous_attributes"], json!({"discounts": []}));
    assert_eq!(portal.subscription()["cancel_at"], Value::Null);
}

#[tokio::test]
async fn sessions_expire_unless_used() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    portal.fake.advance(Duration::from_secs(6 * 60));
    let error = portal.fake.act(&url, Action::cancel_subscription(&portal.seeded.subscription)).unwrap_err();
    assert_eq!((error.status, error.code), (410, Some("session_expired")));

    let used = portal.session(None).await;
    portal.fake.act(&used, Action::update_customer().field("name", "J")).unwrap();
    portal.fake.advance(Duration::from_secs(50 * 60));
    portal.fake.act(&used, Action::update_customer().field("name", "Jenny")).unwrap();
}

#[tokio::test]
async fn the_html_page_and_its_http_actions() {
    let portal = Portal::start().await;
    let url = portal.session(None).await;
    let raw = Raw::new(portal.fake.base_url());
    let page = raw.get_url(&url).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(page.header("x-frame-options"), Some("DENY"), "the portal cannot be shown in an iframe");
    assert_eq!(page.header("content-security-policy"), Some("frame-ancestors 'none'"));
    let html = page.json.as_str().unwrap().to_owned();
    assert!(html.contains("jenny@example.com"));
    assert!(html.contains(r#"<input type="hidden" name="action" value="cancel_subscription">"#));
    assert!(html.contains(r#"href="https://example.com/account""#));
    assert!(html.contains(&format!(r#"action="/p/session/{}/actions""#, url.rsplit('/').next().unwrap())));

    assert_eq!(portal.fake.events().last().unwrap()["type"], "billing_portal.session.created", "viewing emits nothing");

    let actions = format!("{url}/actions");
    let done = raw
        .post_url(&actions, &[("action", "cancel_subscription"), ("subscription", &portal.seeded.subscription)])
        .await;
    assert_eq!(done.status, 303);
    assert_eq!(done.header("location"), Some(url.as_str()));
    assert!(portal.subscription()["cancel_at"].is_i64());
    let refused = raw.post_url(&actions, &[("action", "fly")]).await;
    assert_eq!((refused.status, refused.param()), (400, "action"));
    let html = raw.get_url(&url).await.json.as_str().unwrap().to_owned();
    assert!(html.contains(r#"value="renew_subscription""#) && !html.contains(r#"value="cancel_subscription""#));
    assert_eq!(raw.get_url(&format!("{}/p/session/test_nope", portal.fake.base_url())).await.status, 404);
}

#[tokio::test]
async fn the_back_link_is_the_configurations_default_return_url_when_the_session_has_none() {
    let portal = Portal::start().await;
    portal.configure(&[("default_return_url", "https://example.com/default-back")]);
    let session = portal.fake.post("/v1/billing_portal/sessions", &[("customer", &portal.seeded.customer)]).unwrap();
    assert_eq!(session["return_url"], Value::Null);
    let page = Raw::new(portal.fake.base_url()).get_url(session["url"].as_str().unwrap()).await;
    assert!(page.json.as_str().unwrap().contains(r#"href="https://example.com/default-back""#));
}

#[tokio::test]
async fn a_deep_link_page_shows_only_its_flow() {
    let portal = Portal::start().await;
    let url = portal
        .session(Some(
            FlowData::subscription_cancel(&portal.seeded.subscription)
                .after_completion(AfterCompletion::hosted_confirmation_with_message("Sorry to see you go")),
        ))
        .await;
    let raw = Raw::new(portal.fake.base_url());
    let html = raw.get_url(&url).await.json.as_str().unwrap().to_owned();
    assert!(html.contains(r#"value="cancel_subscription""#));
    assert!(!html.contains(r#"value="update_customer""#));
    let done = raw.post_url(&format!("{url}/actions"), &[("action", "cancel_subscription")]).await;
    let location = done.header("location").unwrap().to_owned();
    assert_eq!(location, format!("{url}?confirmation=1"));
    assert!(raw.get_url(&location).await.json.as_str().unwrap().contains("Sorry to see you go"));
}

/// The README's "Testing your integration" example, run.
#[tokio::test]
async fn the_readme_example_holds() {
    let fake = FakeStripe::start().await.unwrap();
    let seeded = fake.seed_subscription().unwrap();
    let seeding = fake.event_types().len();
    let params = SessionCreateParams::new(&seeded.customer).return_url("https://example.com/account");
    let session = fake.client().sessions().create(params).send().await.unwrap();
    fake.act(&session.url, Action::cancel_subscription(&seeded.subscription).reason("too_expensive")).unwrap();
    fake.advance(Duration::from_secs(31 * DAY));
    assert_eq!(
        fake.event_types()[seeding..],
        [
            "billing_portal.session.created",
            "customer.subscription.updated",
            "customer.subscription.updated",
            "customer.subscription.deleted"
        ]
    );
    assert_eq!(fake.requests()[0].path, "/v1/billing_portal/sessions");
}
