//! Nothing panics, whatever goes into a request or comes back in a response.

use proptest::prelude::*;
use serde_json::Value;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, Locale, Session, SessionCreateParams, SubscriptionCancel, SubscriptionUpdateConfirm,
    SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::webhooks::{signature_header, Event, Verifier};
use stripe_billing_portal::{configurations::Configuration, customers::Customer, subscriptions::Subscription};
use stripe_billing_portal::{Client, Error};

mod support;

fn session_fixture() -> Value {
    support::fixture("billing_portal.session")
}

/// Replaces the value at a random path of `value` with `replacement`.
fn mutate(value: &mut Value, path: &[usize], replacement: Value) {
    let Some((&first, rest)) = path.split_first() else {
        *value = replacement;
        return;
    };
    match value {
        Value::Object(map) if !map.is_empty() => {
            let key = map.keys().nth(first % map.len()).cloned().unwrap();
            mutate(map.get_mut(&key).unwrap(), rest, replacement);
        }
        Value::Array(items) if !items.is_empty() => {
            let len = items.len();
            mutate(&mut items[first % len], rest, replacement);
        }
        _ => *value = replacement,
    }
}

/// The response objects no event above carries as they come here: a configuration with its tagged
/// pause `duration`, a subscription with expanded objects, a customer with expanded `subscriptions`.
fn response_fixtures() -> [Value; 3] {
    let mut configuration = support::fixture("billing_portal.configuration");
    configuration["features"]["subscription_pause"] = serde_json::json!({
        "duration": {"interval_options": [{"interval": "month", "interval_count": 2}], "type": "interval_options"},
        "enabled": true
    });
    let mut subscription = support::fixture("subscription");
    subscription["customer"] = support::fixture("customer");
    subscription["latest_invoice"] = support::fixture("invoice");
    subscription["schedule"] = support::fixture("subscription_schedule");
    let mut customer = support::fixture("customer");
    customer["subscriptions"] = serde_json::json!({"object": "list", "data": [support::fixture("subscription")], "has_more": false, "url": "/v1/x"});
    [configuration, subscription, customer]
}

fn any_json() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".*".prop_map(Value::String),
        Just(serde_json::json!([])),
        Just(serde_json::json!({})),
        Just(serde_json::json!({"type": "redirect"})),
    ]
}

/// Typed event types, each with the fixture object it carries.
const EVENTS: &[(&str, &str)] = &[
    ("customer.subscription.updated", "subscription"),
    ("customer.subscription.deleted", "subscription"),
    ("customer.subscription.trial_will_end", "subscription"),
    ("customer.discount.created", "discount"),
    ("invoice.payment_failed", "invoice"),
    ("customer.updated", "customer"),
    ("payment_method.detached", "payment_method"),
    ("customer.tax_id.updated", "tax_id"),
    ("billing_portal.session.created", "billing_portal.session"),
];

/// Fields of `previous_attributes` that `subscription_changes` reads, and one it does not.
const PREVIOUS_KEYS: &[&str] = &[
    "cancel_at",
    "cancel_at_period_end",
    "canceled_at",
    "cancellation_details",
    "status",
    "pause_collection",
    "items",
    "quantity",
    "plan",
    "discounts",
    "default_payment_method",
    "schedule",
    "metadata",
];

proptest! {
    /// A verified body is decoded, or refused with an error; what an event means for a
    /// subscription is read from any object and any `previous_attributes`; nothing panics.
    #[test]
    fn any_signed_event_decodes_or_errors_and_its_changes_never_panic(
        (event_type, object) in prop::sample::select(EVENTS),
        path in prop::collection::vec(any::<usize>(), 0..4),
        replacement in any_json(),
        previous in prop::collection::vec((prop::sample::select(PREVIOUS_KEYS), any_json()), 0..4),
        status in prop::sample::select(&["active", "paused", "canceled", "trialing", "past_due"][..]),
    ) {
        let mut object = support::fixture(object);
        if object["object"] == "subscription" {
            object["status"] = Value::from(status);
        }
        mutate(&mut object, &path, replacement);
        let previous: serde_json::Map<String, Value> =
            previous.into_iter().map(|(key, value)| (key.to_owned(), value)).collect();
        let body = serde_json::to_vec(&serde_json::json!({
            "id": "evt_1", "object": "event", "type": event_type, "created": 1, "livemode": false,
            "data": { "object": object, "previous_attributes": previous },
        }))
        .unwrap();
        let header = signature_header(&body, "whsec_x", 1);
        if let Ok(event) = Verifier::new("whsec_x").unwrap().construct_event_at(&body, &header, 1) {
            if let Some(changes) = event.subscription_changes() {
                prop_assert!(!changes.is_empty());
                let _ = (changes.previous_items(), changes.previous_status(), changes.subscription());
            }
        }
    }

    #[test]
    fn any_bytes_as_an_event_body_decode_or_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = Event::from_slice(&bytes);
    }

    #[test]
    fn any_string_in_any_session_field_gives_ok_or_a_param_error(
        s in prop::collection::vec(".*", 9),
        quantity in any::<u64>(),
        expires_at in any::<i64>(),
    ) {
        let client = Client::new("sk_test_123").unwrap();
        let confirm = SubscriptionUpdateConfirm::new(
            s[0].as_str(),
            SubscriptionUpdateConfirmItem::new_price(s[1].as_str(), s[2].as_str()).quantity(quantity),
        )
        .promotion_code(s[3].as_str());
        for flow in [
            FlowData::new(confirm).after_completion(AfterCompletion::redirect(s[4].as_str())),
            FlowData::new(SubscriptionCancel::new(s[5].as_str()).coupon_offer(s[6].as_str()))
                .after_completion(AfterCompletion::hosted_confirmation_with_message(s[7].as_str())),
        ] {
            let params = SessionCreateParams::new(s[8].as_str())
                .return_url(s[4].as_str())
                .locale(Locale::from(s[7].as_str()))
                .flow_data(flow)
                .after_expiration(stripe_billing_portal::sessions::AfterExpiration::customer_login().expires_at(expires_at))
                .expand(s[6].as_str());
            let call = client.sessions().create(params).stripe_account(s[3].as_str()).idempotency_key(s[2].as_str());
            match call.preview() {
                Ok(preview) => prop_assert!(preview.curl().contains("sk_test_********")),
                Err(Error::InvalidParam { param, .. }) => prop_assert!(!param.is_empty()),
                Err(other) => prop_assert!(false, "unexpected error {other:?}"),
            }
        }
    }

    #[test]
    fn any_mutation_of_the_session_fixture_decodes_or_errors(
        path in prop::collection::vec(any::<usize>(), 0..5),
        replacement in any_json(),
    ) {
        let mut body = session_fixture();
        mutate(&mut body, &path, replacement);
        let _ = serde_json::from_value::<Session>(body);
    }

    #[test]
    fn any_mutation_of_the_other_response_fixtures_decodes_or_errors(
        which in 0..3_usize,
        path in prop::collection::vec(any::<usize>(), 0..7),
        replacement in any_json(),
    ) {
        let mut body = response_fixtures()[which].take();
        mutate(&mut body, &path, replacement);
        let text = body.to_string();
        match which {
            0 => drop(serde_json::from_str::<Configuration>(&text)),
            1 => drop(serde_json::from_str::<Subscription>(&text)),
            _ => {
                if let Ok(customer) = serde_json::from_str::<Customer>(&text) {
                    drop(customer.subscriptions());
                }
            }
        }
    }

    #[test]
    fn any_bytes_as_a_session_body_decode_or_error(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = serde_json::from_slice::<Session>(&bytes);
    }
}
