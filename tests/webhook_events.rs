//! Every portal event type decoded from a realistic payload: Stripe's published fixture objects
//! (tests/fixtures/stripe-fixtures.json) wrapped in an event envelope, signed, and sent through
//! the verifier exactly as an endpoint receives them.

use serde_json::{json, Value};
use stripe_billing_portal::customers::payment_methods::{CardBrand, PaymentMethodType};
use stripe_billing_portal::customers::tax_ids::{TaxIdType, TaxIdVerificationStatus};
use stripe_billing_portal::customers::TaxExempt;
use stripe_billing_portal::sessions::SessionFlowKind;
use stripe_billing_portal::subscriptions::SubscriptionStatus;
use stripe_billing_portal::webhooks::{
    signature_header, Event, EventData, EventType, PreviousItem, Verifier, WebhookError,
};
use stripe_billing_portal::Expandable;

const SECRET: &str = "whsec_fixture_secret";
const NOW: i64 = 1_721_954_100;

fn fixture(name: &str) -> Value {
    let all: Value = serde_json::from_str(include_str!("fixtures/stripe-fixtures.json")).unwrap();
    all.get(name).cloned().unwrap_or_else(|| panic!("no fixture {name}"))
}

/// An event envelope as Stripe sends it, around `object`.
fn envelope(event_type: &str, object: Value, previous_attributes: Option<Value>) -> Value {
    let mut data = json!({ "object": object });
    if let Some(previous) = previous_attributes {
        data["previous_attributes"] = previous;
    }
    json!({
        "id": "evt_1PgcTestEvent0001",
        "object": "event",
        "api_version": "2025-06-30.basil",
        "created": 1_721_954_060,
        "livemode": false,
        "pending_webhooks": 1,
        "request": { "id": "req_8Yt5cV2ZxJq1aB", "idempotency_key": "5b1f7a4e-portal" },
        "type": event_type,
        "data": data,
    })
}

/// Signs the body and decodes it through the verifier, as an endpoint would.
fn receive(body: &Value) -> Result<Event, WebhookError> {
    let bytes = serde_json::to_vec(body).unwrap();
    let header = signature_header(&bytes, SECRET, NOW - 2);
    Verifier::new(SECRET).construct_event_at(&bytes, &header, NOW)
}

fn decode(event_type: &str, object: Value, previous_attributes: Option<Value>) -> Event {
    let event = receive(&envelope(event_type, object, previous_attributes)).unwrap();
    assert_eq!(event.event_type.as_str(), event_type);
    assert_eq!(event.data.event_type(), event.event_type);
    event
}

/// The fixture subscription's items, with the first item's price id and quantity replaced: what
/// `previous_attributes.items` looks like after a plan or quantity change.
fn previous_items(price: &str, quantity: u64) -> Value {
    let mut items = fixture("subscription")["items"].clone();
    items["data"][0]["price"]["id"] = json!(price);
    items["data"][0]["quantity"] = json!(quantity);
    items
}

#[test]
fn the_envelope_is_decoded() {
    let event = decode("customer.subscription.updated", fixture("subscription"), Some(json!({ "metadata": {} })));
    assert_eq!(event.id, "evt_1PgcTestEvent0001");
    assert_eq!(event.event_type, EventType::CustomerSubscriptionUpdated);
    assert_eq!(event.created, 1_721_954_060);
    assert!(!event.livemode);
    assert_eq!(event.api_version.as_deref(), Some("2025-06-30.basil"));
    assert_eq!(event.pending_webhooks, Some(1));
    assert_eq!(event.request.id.as_deref(), Some("req_8Yt5cV2ZxJq1aB"));
    assert_eq!(event.request.idempotency_key.as_deref(), Some("5b1f7a4e-portal"));
    assert_eq!(event.previous_attributes.unwrap().get("metadata"), Some(&json!({})));
}

#[test]
fn customer_subscription_updated_carries_the_subscription() {
    let event = decode(
        "customer.subscription.updated",
        fixture("subscription"),
        Some(json!({ "items": previous_items("price_basic_monthly", 1) })),
    );
    let EventData::CustomerSubscriptionUpdated(subscription) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(subscription.id, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    assert_eq!(subscription.customer.as_deref(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(subscription.status, SubscriptionStatus::Active);
    assert!(subscription.cancel_at_period_end);
    let item = &subscription.items.data[0];
    assert_eq!(item.id, "si_QXhVnC2h0Jczwc");
    assert_eq!(item.quantity, Some(1));
    assert_eq!(item.price.id, "price_1PgafmB7WZ01zgkW6dKueIc5");
    assert_eq!(item.price.unit_amount, Some(2000));
    assert_eq!(item.price.recurring.as_ref().unwrap().interval, "month");
}

#[test]
fn an_upgrade_is_a_price_change() {
    let event = decode(
        "customer.subscription.updated",
        fixture("subscription"),
        Some(json!({ "items": previous_items("price_basic_monthly", 1) })),
    );
    let update = event.subscription_update().unwrap();
    assert!(update.price_changed());
    assert!(!update.quantity_changed());
    assert!(!update.cancellation_scheduled());
    let previous = update.previous_items().unwrap();
    assert_eq!(previous.len(), 1);
    assert_eq!(previous[0].price.as_deref(), Some("price_basic_monthly"));
    assert_eq!(previous[0].id.as_deref(), Some("si_QXhVnC2h0Jczwc"));
    assert_eq!(update.subscription().items.data[0].price.id, "price_1PgafmB7WZ01zgkW6dKueIc5");
}

#[test]
fn a_quantity_change_is_not_a_price_change() {
    let event = decode(
        "customer.subscription.updated",
        fixture("subscription"),
        Some(json!({ "items": previous_items("price_1PgafmB7WZ01zgkW6dKueIc5", 5), "quantity": 5 })),
    );
    let update = event.subscription_update().unwrap();
    assert!(update.quantity_changed());
    assert!(!update.price_changed());
    assert!(!update.cancellation_scheduled());
    assert_eq!(update.previous_items().unwrap()[0].quantity, Some(5));
}

#[test]
fn a_quantity_change_is_seen_in_the_items_alone() {
    let event = decode(
        "customer.subscription.updated",
        fixture("subscription"),
        Some(json!({ "items": previous_items("price_1PgafmB7WZ01zgkW6dKueIc5", 3) })),
    );
    let update = event.subscription_update().unwrap();
    assert!(update.quantity_changed());
    assert!(!update.price_changed());
}

#[test]
fn a_scheduled_cancellation_is_cancel_at_period_end_turned_on() {
    let event = decode(
        "customer.subscription.updated",
        fixture("subscription"),
        Some(json!({ "cancel_at": null, "cancel_at_period_end": false, "canceled_at": null })),
    );
    let update = event.subscription_update().unwrap();
    assert!(update.cancellation_scheduled());
    assert!(!update.cancellation_withdrawn());
    assert!(!update.price_changed());
    assert!(!update.quantity_changed());
    assert_eq!(update.subscription().cancel_at, Some(1_234_567_890));
}

#[test]
fn a_renewal_withdraws_the_scheduled_cancellation() {
    let mut subscription = fixture("subscription");
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = json!(null);
    let event = decode(
        "customer.subscription.updated",
        subscription,
        Some(json!({ "cancel_at": 1_234_567_890, "cancel_at_period_end": true })),
    );
    let update = event.subscription_update().unwrap();
    assert!(update.cancellation_withdrawn());
    assert!(!update.cancellation_scheduled());
}

#[test]
fn a_status_change_reports_the_previous_status() {
    let event = decode("customer.subscription.updated", fixture("subscription"), Some(json!({ "status": "trialing" })));
    let update = event.subscription_update().unwrap();
    assert_eq!(update.previous_status(), Some(SubscriptionStatus::Trialing));
    assert!(!update.price_changed() && !update.quantity_changed() && !update.cancellation_scheduled());
}

#[test]
fn customer_subscription_deleted_carries_the_ended_subscription() {
    let mut subscription = fixture("subscription");
    subscription["status"] = json!("canceled");
    let event = decode("customer.subscription.deleted", subscription, None);
    let EventData::CustomerSubscriptionDeleted(subscription) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(subscription.id, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    assert_eq!(subscription.status, SubscriptionStatus::Canceled);
    assert_eq!(subscription.ended_at, Some(1_234_567_890));
    assert!(event.subscription_update().is_none());
}

#[test]
fn payment_method_attached_carries_the_card() {
    let mut payment_method = fixture("payment_method");
    payment_method["customer"] = json!("cus_QXg1o8vcGmoR32");
    let event = decode("payment_method.attached", payment_method, None);
    let EventData::PaymentMethodAttached(payment_method) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(payment_method.id, "pm_1Pgc75B7WZ01zgkWlHVgdEGJ");
    assert_eq!(payment_method.kind, PaymentMethodType::Card);
    assert_eq!(payment_method.customer_id(), Some("cus_QXg1o8vcGmoR32"));
    let card = payment_method.card.as_ref().unwrap();
    assert_eq!(card.brand, Some(CardBrand::Visa));
    assert_eq!(card.last4.as_deref(), Some("4242"));
    assert_eq!((card.exp_month, card.exp_year), (Some(8), Some(2030)));
    assert_eq!(card.funding.as_deref(), Some("credit"));
    let billing = payment_method.billing_details.as_ref().unwrap();
    assert_eq!(billing.email.as_deref(), Some("jenny@example.com"));
    assert_eq!(billing.name, None);
    let address = billing.address.as_ref().unwrap();
    assert_eq!((address.city.as_deref(), address.postal_code.as_deref()), (Some("San Francisco"), Some("94102")));
    assert_eq!(payment_method.metadata.as_ref().unwrap()["order_id"], "123456789");
}

#[test]
fn payment_method_detached_has_no_customer_any_more() {
    let event =
        decode("payment_method.detached", fixture("payment_method"), Some(json!({ "customer": "cus_QXg1o8vcGmoR32" })));
    let EventData::PaymentMethodDetached(payment_method) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(payment_method.id, "pm_1Pgc75B7WZ01zgkWlHVgdEGJ");
    assert_eq!(payment_method.customer_id(), None);
    assert_eq!(event.previous_attributes.unwrap()["customer"], "cus_QXg1o8vcGmoR32");
}

#[test]
fn customer_updated_carries_the_default_payment_method() {
    let mut customer = fixture("customer");
    customer["email"] = json!("jenny.rosen@example.com");
    customer["invoice_settings"]["default_payment_method"] = json!("pm_1Pgc75B7WZ01zgkWlHVgdEGJ");
    let previous = json!({ "invoice_settings": { "default_payment_method": null }, "email": null });
    let event = decode("customer.updated", customer, Some(previous));
    let EventData::CustomerUpdated(customer) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(customer.id, "cus_QXg1o8vcGmoR32");
    assert_eq!(customer.email.as_deref(), Some("jenny.rosen@example.com"));
    assert_eq!(customer.default_payment_method(), Some("pm_1Pgc75B7WZ01zgkWlHVgdEGJ"));
    assert_eq!(customer.tax_exempt, Some(TaxExempt::None));
    assert_eq!(customer.currency.as_deref(), Some("usd"));
    assert_eq!(customer.address.as_ref().unwrap().country, None);
    assert_eq!(customer.shipping.as_ref().unwrap().address, None);
    assert!(customer.preferred_locales.is_empty());
    assert_eq!(event.previous_attributes.unwrap()["invoice_settings"]["default_payment_method"], Value::Null);
}

#[test]
fn an_expanded_default_payment_method_is_decoded_too() {
    let mut customer = fixture("customer");
    customer["invoice_settings"]["default_payment_method"] = fixture("payment_method");
    let event = decode("customer.updated", customer, None);
    let EventData::CustomerUpdated(customer) = &event.data else { panic!("{:?}", event.data) };
    let default = customer.invoice_settings.as_ref().unwrap().default_payment_method.as_ref().unwrap();
    assert!(matches!(default, Expandable::Object(pm) if pm.card.as_ref().unwrap().last4.as_deref() == Some("4242")));
    assert_eq!(customer.default_payment_method(), Some("pm_1Pgc75B7WZ01zgkWlHVgdEGJ"));
}

#[test]
fn customer_tax_id_created_carries_the_tax_id() {
    let event = decode("customer.tax_id.created", fixture("tax_id"), None);
    let EventData::CustomerTaxIdCreated(tax_id) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(tax_id.id, "txi_1Pgc6sB7WZ01zgkWXkvC78jZ");
    assert_eq!(tax_id.kind, TaxIdType::EuVat);
    assert_eq!(tax_id.value, "DE123456789");
    assert_eq!(tax_id.country.as_deref(), Some("DE"));
    assert_eq!(tax_id.customer.as_deref(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(tax_id.owner.as_ref().unwrap().kind.as_deref(), Some("customer"));
    assert_eq!(tax_id.verification.as_ref().unwrap().status, TaxIdVerificationStatus::Pending);
}

#[test]
fn customer_tax_id_updated_carries_the_verification() {
    let mut tax_id = fixture("tax_id");
    tax_id["verification"] =
        json!({ "status": "verified", "verified_address": "Musterstr. 1, Berlin", "verified_name": "Muster GmbH" });
    let previous = json!({ "verification": { "status": "pending", "verified_address": null, "verified_name": null } });
    let event = decode("customer.tax_id.updated", tax_id, Some(previous));
    let EventData::CustomerTaxIdUpdated(tax_id) = &event.data else { panic!("{:?}", event.data) };
    let verification = tax_id.verification.as_ref().unwrap();
    assert_eq!(verification.status, TaxIdVerificationStatus::Verified);
    assert_eq!(verification.verified_name.as_deref(), Some("Muster GmbH"));
}

#[test]
fn customer_tax_id_deleted_carries_the_tax_id() {
    let event = decode("customer.tax_id.deleted", fixture("tax_id"), None);
    let EventData::CustomerTaxIdDeleted(tax_id) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(tax_id.id, "txi_1Pgc6sB7WZ01zgkWXkvC78jZ");
    assert_eq!(tax_id.value, "DE123456789");
}

#[test]
fn billing_portal_configuration_created_carries_the_configuration() {
    let event = decode("billing_portal.configuration.created", fixture("billing_portal.configuration"), None);
    let EventData::BillingPortalConfigurationCreated(configuration) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(configuration.id, "bpc_1Pgc70B7WZ01zgkWSnFO04Vt");
    assert!(configuration.is_default);
    assert!(configuration.active);
    assert_eq!(configuration.metadata, None);
}

#[test]
fn billing_portal_configuration_updated_carries_the_configuration() {
    let mut configuration = fixture("billing_portal.configuration");
    configuration["name"] = json!("Pro customers");
    let event = decode("billing_portal.configuration.updated", configuration, Some(json!({ "name": null })));
    let EventData::BillingPortalConfigurationUpdated(configuration) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(configuration.id, "bpc_1Pgc70B7WZ01zgkWSnFO04Vt");
    assert_eq!(configuration.name.as_deref(), Some("Pro customers"));
    assert_eq!(event.previous_attributes.unwrap()["name"], Value::Null);
}

#[test]
fn billing_portal_session_created_carries_the_session() {
    let event = decode("billing_portal.session.created", fixture("billing_portal.session"), None);
    let EventData::BillingPortalSessionCreated(session) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(session.id, "bps_1Pgc7HB7WZ01zgkWNs8s9Auh");
    assert_eq!(session.customer.as_deref(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(session.return_url.as_deref(), Some("https://example.com/account"));
    assert_eq!(session.configuration.as_ref().unwrap().id(), "bpc_1Pgc7HB7WZ01zgkWxH2EPWRX");
    assert!(matches!(session.flow.as_ref().unwrap().kind, SessionFlowKind::SubscriptionUpdate(_)));
}

#[test]
fn the_fixture_plan_created_event_is_other() {
    let fixture_event = fixture("event");
    let event = receive(&fixture_event).unwrap();
    assert_eq!(event.id, "evt_1Pgc76B7WZ01zgkWwyRHS12y");
    assert_eq!(event.event_type, EventType::Other("plan.created".into()));
    assert_eq!(event.api_version, None);
    assert_eq!(event.request.id, None);
    assert_eq!(event.request.idempotency_key, None);
    assert_eq!(event.pending_webhooks, Some(0));
    let EventData::Other { event_type, object } = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(event_type, "plan.created");
    assert_eq!(object, &fixture_event["data"]["object"]);
}

#[test]
fn any_unknown_type_is_other_whatever_its_object() {
    for object in [json!("a string"), json!(null), json!([1, 2]), json!({ "id": "in_1", "object": "invoice" })] {
        let event = decode("invoice.paid", object.clone(), None);
        assert_eq!(event.data, EventData::Other { event_type: "invoice.paid".into(), object });
        assert!(event.subscription_update().is_none());
    }
}

#[test]
fn a_known_type_with_an_undecodable_object_is_a_clear_error() {
    let body = envelope("customer.subscription.updated", json!({ "id": "sub_1", "object": "subscription" }), None);
    let error = receive(&body).unwrap_err();
    let WebhookError::ObjectNotDecoded { event_id, event_type, .. } = &error else { panic!("{error:?}") };
    assert_eq!(event_id, "evt_1PgcTestEvent0001");
    assert_eq!(event_type, "customer.subscription.updated");
    let message = error.to_string();
    assert!(message.contains("customer.subscription.updated event evt_1PgcTestEvent0001"), "{message}");
    assert!(message.contains("missing field"), "{message}");
    assert!(!error.is_signature_error());

    let wrong_object = envelope("payment_method.attached", fixture("customer"), None);
    assert!(matches!(receive(&wrong_object), Err(WebhookError::ObjectNotDecoded { .. })));
}

#[test]
fn unknown_enum_values_and_fields_are_tolerated() {
    let mut payment_method = fixture("payment_method");
    payment_method["type"] = json!("future_wallet");
    payment_method["card"]["brand"] = json!("newnet");
    payment_method["future_wallet"] = json!({ "handle": "@jenny" });
    let event = decode("payment_method.attached", payment_method, None);
    let EventData::PaymentMethodAttached(payment_method) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(payment_method.kind, PaymentMethodType::Other("future_wallet".into()));
    assert_eq!(payment_method.card.as_ref().unwrap().brand, Some(CardBrand::Other("newnet".into())));

    let mut tax_id = fixture("tax_id");
    tax_id["type"] = json!("zz_new_tax");
    tax_id["verification"]["status"] = json!("rechecking");
    let event = decode("customer.tax_id.updated", tax_id, None);
    let EventData::CustomerTaxIdUpdated(tax_id) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(tax_id.kind, TaxIdType::Other("zz_new_tax".into()));
    assert_eq!(tax_id.verification.as_ref().unwrap().status, TaxIdVerificationStatus::Other("rechecking".into()));

    let mut customer = fixture("customer");
    customer["tax_exempt"] = json!("partially");
    customer["a_field_from_2030"] = json!({ "nested": [1, 2, 3] });
    let event = decode("customer.updated", customer, None);
    let EventData::CustomerUpdated(customer) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(customer.tax_exempt, Some(TaxExempt::Other("partially".into())));
}

#[test]
fn a_legacy_request_id_string_is_read() {
    let mut body = envelope("customer.updated", fixture("customer"), None);
    body["request"] = json!("req_legacy123");
    let event = receive(&body).unwrap();
    assert_eq!(event.request.id.as_deref(), Some("req_legacy123"));
    assert_eq!(event.request.idempotency_key, None);
    body["request"] = Value::Null;
    assert_eq!(receive(&body).unwrap().request.id, None);
}

#[test]
fn events_also_decode_with_serde() {
    let event: Event = serde_json::from_value(envelope("customer.tax_id.deleted", fixture("tax_id"), None)).unwrap();
    assert!(matches!(event.data, EventData::CustomerTaxIdDeleted(_)));
    let error = serde_json::from_value::<Event>(envelope("customer.tax_id.deleted", json!({ "id": "txi_1" }), None))
        .unwrap_err();
    assert!(error.to_string().contains("customer.tax_id.deleted event evt_1PgcTestEvent0001"), "{error}");
}

#[test]
fn previous_items_are_read_from_bare_price_ids_too() {
    let previous = json!({ "items": { "object": "list", "data": [{ "id": "si_QXhVnC2h0Jczwc", "price": "price_old", "quantity": 1 }] } });
    let event = decode("customer.subscription.updated", fixture("subscription"), Some(previous));
    let update = event.subscription_update().unwrap();
    let previous: Vec<PreviousItem> = update.previous_items().unwrap();
    assert_eq!(previous.len(), 1);
    assert_eq!(previous[0].id.as_deref(), Some("si_QXhVnC2h0Jczwc"));
    assert_eq!(previous[0].price.as_deref(), Some("price_old"));
    assert_eq!(previous[0].quantity, Some(1));
    assert!(update.price_changed());
}
