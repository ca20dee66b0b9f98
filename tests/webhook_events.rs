//! Every portal event type decoded from a realistic payload: Stripe's published fixture objects
//! (tests/fixtures/stripe-fixtures.json) wrapped in an event envelope, signed, and sent through
//! the verifier exactly as an endpoint receives them.

use serde_json::{json, Value};
use stripe_billing_portal::customers::payment_methods::{CardBrand, PaymentMethodType};
use stripe_billing_portal::customers::setup_intents::{
    SetupIntent, SetupIntentCancellationReason, SetupIntentStatus, SetupIntentUsage,
};
use stripe_billing_portal::customers::tax_ids::{TaxIdType, TaxIdVerificationStatus};
use stripe_billing_portal::customers::TaxExempt;
use stripe_billing_portal::discounts::{Coupon, CouponDuration, DiscountSourceType};
use stripe_billing_portal::feedback_options::FeedbackOptionStatus;
use stripe_billing_portal::invoices::{Invoice, InvoiceBillingReason, InvoiceItem, InvoiceParentType, InvoiceStatus};
use stripe_billing_portal::sessions::SessionFlowKind;
use stripe_billing_portal::subscriptions::{
    BillingModeType, CancellationFeedback, CancellationReason, PauseCollectionBehavior, Subscription,
    SubscriptionSchedule, SubscriptionScheduleStatus, SubscriptionStatus,
};
use stripe_billing_portal::webhooks::{signature_header, Event, EventData, EventType, Verifier, WebhookError};
use stripe_billing_portal::Expandable;

const SECRET: &str = "whsec_fixture_secret";
const NOW: i64 = 1_721_954_100;

mod support;
use support::fixture;

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
    Verifier::new(SECRET).unwrap().construct_event_at(&bytes, &header, NOW)
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
    assert_eq!(subscription.customer_id(), "cus_QXg1o8vcGmoR32");
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
fn customer_subscription_deleted_carries_the_ended_subscription() {
    let mut subscription = fixture("subscription");
    subscription["status"] = json!("canceled");
    let event = decode("customer.subscription.deleted", subscription, None);
    let EventData::CustomerSubscriptionDeleted(subscription) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(subscription.id, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    assert_eq!(subscription.status, SubscriptionStatus::Canceled);
    assert_eq!(subscription.ended_at, Some(1_234_567_890));
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
    assert_eq!(card.funding.as_ref().map(|f| f.as_str()), Some("credit"));
    let billing = payment_method.billing_details.as_ref().unwrap();
    assert_eq!(billing.email.as_deref(), Some("jenny@example.com"));
    assert_eq!(billing.name, None);
    let address = billing.address.as_ref().unwrap();
    assert_eq!((address.city.as_deref(), address.postal_code.as_deref()), (Some("San Francisco"), Some("94102")));
    assert_eq!(payment_method.metadata["order_id"], "123456789");
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
    assert_eq!(tax_id.customer_id(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(tax_id.owner.as_ref().unwrap().kind.as_ref().map(|k| k.as_str()), Some("customer"));
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
    assert!(configuration.metadata.is_empty());
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
    for object in [json!("a string"), json!(null), json!([1, 2]), json!({ "id": "ch_1", "object": "charge" })] {
        let event = decode("charge.succeeded", object.clone(), None);
        assert_eq!(event.data, EventData::Other { event_type: "charge.succeeded".into(), object });
        assert!(event.subscription_changes().is_none());
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

/// The error names the field that did not decode, however deep, not only what was wrong with it.
#[test]
fn an_undecodable_object_names_the_field_at_fault() {
    let mut subscription = fixture("subscription");
    subscription["items"]["data"][0]["quantity"] = json!("two");
    let error = receive(&envelope("customer.subscription.updated", subscription, None)).unwrap_err();
    assert!(matches!(error, WebhookError::ObjectNotDecoded { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.contains("items.data[0].quantity"), "{message}");
    assert!(message.contains("invalid type: string \"two\""), "{message}");

    let mut payment_method = fixture("payment_method");
    payment_method["card"]["exp_month"] = json!(-1);
    let message = receive(&envelope("payment_method.attached", payment_method, None)).unwrap_err().to_string();
    assert!(message.contains("card.exp_month"), "{message}");

    let mut customer = fixture("customer");
    customer["invoice_settings"].as_object_mut().unwrap().clear();
    customer["invoice_settings"]["default_payment_method"] = json!({ "object": "payment_method" });
    let message = receive(&envelope("customer.updated", customer, None)).unwrap_err().to_string();
    assert!(message.contains("invoice_settings.default_payment_method"), "{message}");
    assert!(message.contains("missing field `id`"), "{message}");
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

/// Every typed event type, signed and decoded from its fixture object: the accessor of its object
/// kind returns it, every other accessor returns `None`, and `event_type` round-trips.
#[test]
fn every_typed_event_decodes_from_a_signed_payload() {
    let rows: &[(&str, &str, &str)] = &[
        ("customer.subscription.created", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.updated", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.deleted", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.paused", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.resumed", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.pending_update_applied", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.pending_update_expired", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.subscription.trial_will_end", "subscription", "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"),
        ("customer.updated", "customer", "cus_QXg1o8vcGmoR32"),
        ("customer.discount.created", "discount", "di_1Pgc6rB7WZ01zgkW7Al8Fal9"),
        ("customer.discount.updated", "discount", "di_1Pgc6rB7WZ01zgkW7Al8Fal9"),
        ("customer.discount.deleted", "deleted_discount", ""),
        ("payment_method.attached", "payment_method", "pm_1Pgc75B7WZ01zgkWlHVgdEGJ"),
        ("payment_method.detached", "payment_method", "pm_1Pgc75B7WZ01zgkWlHVgdEGJ"),
        ("payment_method.updated", "payment_method", "pm_1Pgc75B7WZ01zgkWlHVgdEGJ"),
        ("payment_method.automatically_updated", "payment_method", "pm_1Pgc75B7WZ01zgkWlHVgdEGJ"),
        ("customer.tax_id.created", "tax_id", "txi_1Pgc6sB7WZ01zgkWXkvC78jZ"),
        ("customer.tax_id.updated", "tax_id", "txi_1Pgc6sB7WZ01zgkWXkvC78jZ"),
        ("customer.tax_id.deleted", "tax_id", "txi_1Pgc6sB7WZ01zgkWXkvC78jZ"),
        ("billing_portal.configuration.created", "billing_portal.configuration", "bpc_1Pgc70B7WZ01zgkWSnFO04Vt"),
        ("billing_portal.configuration.updated", "billing_portal.configuration", "bpc_1Pgc70B7WZ01zgkWSnFO04Vt"),
        ("billing_portal.session.created", "billing_portal.session", "bps_1Pgc7HB7WZ01zgkWNs8s9Auh"),
        ("invoice.created", "invoice", "in_1Pgc6tB7WZ01zgkWu9fdqL6I"),
        ("invoice.finalized", "invoice", "in_1Pgc6tB7WZ01zgkWu9fdqL6I"),
        ("invoice.paid", "invoice", "in_1Pgc6tB7WZ01zgkWu9fdqL6I"),
        ("invoice.payment_failed", "invoice", "in_1Pgc6tB7WZ01zgkWu9fdqL6I"),
        ("invoice.payment_succeeded", "invoice", "in_1Pgc6tB7WZ01zgkWu9fdqL6I"),
        ("invoiceitem.created", "invoiceitem", "ii_1Pgc6sB7WZ01zgkWrG16hkdl"),
        ("setup_intent.created", "setup_intent", "seti_1Pgag7B7WZ01zgkWSgwGdb8Z"),
        ("setup_intent.succeeded", "setup_intent", "seti_1Pgag7B7WZ01zgkWSgwGdb8Z"),
        ("subscription_schedule.created", "subscription_schedule", "sub_sched_1Pgc7AB7WZ01zgkWaeHcsbnC"),
    ];
    for (event_type, object, id) in rows {
        let event = decode(event_type, fixture(object), None);
        assert!(!matches!(event.event_type, EventType::Other(_)), "{event_type} is typed");
        assert!(!matches!(event.data, EventData::Other { .. }), "{event_type} is typed");
        let data = &event.data;
        let ids: Vec<(&str, &str)> = [
            data.subscription().map(|o| ("subscription", o.id.as_str())),
            data.customer().map(|o| ("customer", o.id.as_str())),
            data.discount().map(|o| ("discount", o.id.as_str())),
            data.payment_method().map(|o| ("payment_method", o.id.as_str())),
            data.tax_id().map(|o| ("tax_id", o.id.as_str())),
            data.configuration().map(|o| ("billing_portal.configuration", o.id.as_str())),
            data.session().map(|o| ("billing_portal.session", o.id.as_str())),
            data.invoice().map(|o| ("invoice", o.id.as_str())),
            data.invoice_item().map(|o| ("invoiceitem", o.id.as_str())),
            data.setup_intent().map(|o| ("setup_intent", o.id.as_str())),
            data.subscription_schedule().map(|o| ("subscription_schedule", o.id.as_str())),
        ]
        .into_iter()
        .flatten()
        .collect();
        let kind = if *object == "deleted_discount" { "discount" } else { object };
        assert_eq!(ids, vec![(kind, *id)], "{event_type}");
    }
}

#[test]
fn invoice_events_carry_what_a_portal_backend_reads() {
    let mut invoice = fixture("invoice");
    invoice["status"] = json!("open");
    invoice["billing_reason"] = json!("subscription_cycle");
    invoice["hosted_invoice_url"] = json!("https://invoice.stripe.com/i/acct_1/test_123");
    invoice["attempt_count"] = json!(2);
    invoice["next_payment_attempt"] = json!(1_722_000_000);
    invoice["parent"] = json!({ "type": "subscription_details", "quote_details": null,
        "subscription_details": { "metadata": null, "subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw" } });
    let event = decode("invoice.payment_failed", invoice, None);
    let EventData::InvoicePaymentFailed(invoice) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(invoice.id, "in_1Pgc6tB7WZ01zgkWu9fdqL6I");
    assert_eq!(invoice.customer_id(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(invoice.subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
    assert_eq!(invoice.status, Some(InvoiceStatus::Open));
    assert_eq!(invoice.billing_reason, Some(InvoiceBillingReason::SubscriptionCycle));
    assert_eq!((invoice.amount_due, invoice.amount_paid, invoice.amount_remaining), (1000, 0, 1000));
    assert_eq!(invoice.total, 1000);
    assert_eq!(invoice.currency, "usd");
    assert_eq!(invoice.hosted_invoice_url.as_deref(), Some("https://invoice.stripe.com/i/acct_1/test_123"));
    assert_eq!(invoice.attempt_count, 2);
    assert!(invoice.metadata.is_empty());
}

#[test]
fn invoice_payment_succeeded_carries_the_invoice() {
    let mut invoice = fixture("invoice");
    invoice["status"] = json!("paid");
    invoice["amount_paid"] = json!(1000);
    let event = decode("invoice.payment_succeeded", invoice, None);
    let EventData::InvoicePaymentSucceeded(invoice) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(invoice.id, "in_1Pgc6tB7WZ01zgkWu9fdqL6I");
    assert_eq!(invoice.status, Some(InvoiceStatus::Paid));
    assert_eq!(invoice.amount_paid, 1000);
}

#[test]
fn invoiceitem_created_carries_the_fixture_invoice_item() {
    let event = decode("invoiceitem.created", fixture("invoiceitem"), None);
    let EventData::InvoiceitemCreated(item) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(item.id, "ii_1Pgc6sB7WZ01zgkWrG16hkdl");
    assert_eq!(item.customer.as_ref().map(Expandable::id), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!((item.amount, item.currency.as_str()), (1000, "usd"));
    assert_eq!(item.description.as_deref(), Some("My First Invoice Item (created for API docs)"));
    assert_eq!(item.invoice, None);
    assert_eq!(item.subscription_id(), Some("subscription"), "from parent.subscription_details");
    assert_eq!(item.parent.as_ref().unwrap().kind, InvoiceParentType::SubscriptionDetails);
    let period = item.period.as_ref().unwrap();
    assert_eq!((period.start, period.end), (1_721_954_054, 1_721_954_054));
    assert!(!item.proration);
    assert_eq!(item.quantity, Some(1));
    assert_eq!(item.date, Some(1_234_567_890));
    assert!(item.metadata.is_empty());
    assert!(!item.livemode);
}

#[test]
fn a_proration_invoice_item_names_its_subscription_and_invoice() {
    let mut item = fixture("invoiceitem");
    item["proration"] = json!(true);
    item["amount"] = json!(-250);
    item["invoice"] = json!("in_1Pgc6tB7WZ01zgkWu9fdqL6I");
    item["parent"] = json!({ "type": "subscription_details",
        "subscription_details": { "subscription": "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw", "subscription_item": "si_1" } });
    let event = decode("invoiceitem.created", item.clone(), None);
    let item_read = event.data.invoice_item().unwrap();
    assert!(item_read.proration);
    assert_eq!(item_read.amount, -250);
    assert_eq!(item_read.invoice.as_ref().map(Expandable::id), Some("in_1Pgc6tB7WZ01zgkWu9fdqL6I"));
    assert_eq!(item_read.subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
    // Older API versions name the subscription at the top level; an expanded customer is read too.
    item["parent"] = Value::Null;
    item["subscription"] = json!("sub_legacy");
    item["customer"] = fixture("customer");
    let old: InvoiceItem = serde_json::from_value(item.clone()).unwrap();
    assert_eq!(old.subscription_id(), Some("sub_legacy"));
    assert!(matches!(old.customer, Some(Expandable::Object(_))));
    // An item made for no subscription names none.
    item["subscription"] = Value::Null;
    let one_off: InvoiceItem = serde_json::from_value(item).unwrap();
    assert_eq!(one_off.subscription_id(), None);
}

#[test]
fn setup_intent_events_carry_the_setup_intent() {
    let event = decode("setup_intent.created", fixture("setup_intent"), None);
    let EventData::SetupIntentCreated(created) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(
        (created.id.as_str(), &created.status, created.usage.as_ref()),
        (
            "seti_1Pgag7B7WZ01zgkWSgwGdb8Z",
            &SetupIntentStatus::RequiresPaymentMethod,
            Some(&SetupIntentUsage::OffSession)
        )
    );
    assert_eq!(created.payment_method_types, [PaymentMethodType::Card]);
    assert_eq!((created.customer_id(), created.payment_method_id()), (None, None));
    assert_eq!(created.cancellation_reason, None);
    assert_eq!(created.created, 1_234_567_890);

    // What the portal's payment method update leaves: a succeeded intent for the customer.
    let mut succeeded = fixture("setup_intent");
    succeeded["status"] = json!("succeeded");
    succeeded["customer"] = json!("cus_QXg1o8vcGmoR32");
    succeeded["payment_method"] = fixture("payment_method");
    let event = decode("setup_intent.succeeded", succeeded.clone(), None);
    let EventData::SetupIntentSucceeded(intent) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(intent.status, SetupIntentStatus::Succeeded);
    assert_eq!(intent.customer_id(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(intent.payment_method_id(), Some("pm_1Pgc75B7WZ01zgkWlHVgdEGJ"));
    let card = intent.payment_method.as_ref().and_then(Expandable::as_object).unwrap();
    assert_eq!(card.kind, PaymentMethodType::Card);

    // New statuses, usages and reasons are tolerated.
    succeeded["status"] = json!("requires_review");
    succeeded["usage"] = json!("anytime");
    succeeded["cancellation_reason"] = json!("fraud");
    let intent: SetupIntent = serde_json::from_value(succeeded).unwrap();
    assert_eq!(intent.status, SetupIntentStatus::Other("requires_review".into()));
    assert_eq!(intent.usage, Some(SetupIntentUsage::Other("anytime".into())));
    assert_eq!(intent.cancellation_reason, Some(SetupIntentCancellationReason::Other("fraud".into())));
}

#[test]
fn subscription_schedule_created_carries_the_schedule() {
    // The fixture schedule has not started: it manages no subscription yet.
    let event = decode("subscription_schedule.created", fixture("subscription_schedule"), None);
    let Some(schedule) = event.data.subscription_schedule() else { panic!("{:?}", event.data) };
    assert!(matches!(event.data, EventData::SubscriptionScheduleCreated(_)));
    assert_eq!(
        (schedule.id.as_str(), &schedule.status),
        ("sub_sched_1Pgc7AB7WZ01zgkWaeHcsbnC", &SubscriptionScheduleStatus::NotStarted)
    );
    assert_eq!(schedule.subscription, None);
    let dates: Vec<(i64, i64)> = schedule.phases.iter().map(|phase| (phase.start_date, phase.end_date)).collect();
    assert_eq!(dates, [(1_722_558_872, 1_754_008_472)]);
    let current = schedule.current_phase.as_ref().unwrap();
    assert_eq!((current.start_date, current.end_date), (1_573_629_589, 1_725_067_410));
    // The one the portal attaches to defer a change names its subscription.
    let mut attached = fixture("subscription_schedule");
    attached["subscription"] = json!("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    let attached: SubscriptionSchedule = serde_json::from_value(attached).unwrap();
    assert_eq!(attached.subscription.as_ref().map(Expandable::id), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
}

#[test]
fn the_fixture_invoice_decodes_as_is_with_open_enums() {
    let invoice: Invoice = serde_json::from_value(fixture("invoice")).unwrap();
    assert_eq!(invoice.status, Some(InvoiceStatus::Draft));
    assert_eq!(invoice.billing_reason, Some(InvoiceBillingReason::Manual));
    // The fixture's parent is a quote (it also carries a placeholder `subscription_details`, which
    // its `type` says not to read); its legacy `subscription` is null.
    assert_eq!(invoice.parent.as_ref().unwrap().kind, InvoiceParentType::QuoteDetails);
    assert!(invoice.subscription().is_none());
    assert_eq!(invoice.subscription_id(), None);

    let mut future = fixture("invoice");
    future["status"] = json!("disputed");
    future["billing_reason"] = json!("subscription_pause");
    let invoice: Invoice = serde_json::from_value(future).unwrap();
    assert_eq!(invoice.status, Some(InvoiceStatus::Other("disputed".into())));
    assert_eq!(invoice.billing_reason, Some(InvoiceBillingReason::Other("subscription_pause".into())));
}

#[test]
fn an_invoice_with_expanded_customer_and_subscription_decodes() {
    let mut invoice = fixture("invoice");
    invoice["customer"] = fixture("customer");
    invoice["subscription"] = fixture("subscription");
    invoice["parent"] = Value::Null;
    let event = decode("invoice.paid", invoice, None);
    let invoice = event.data.invoice().unwrap();
    let Some(Expandable::Object(customer)) = &invoice.customer else { panic!("{:?}", invoice.customer) };
    assert_eq!(customer.id, "cus_QXg1o8vcGmoR32");
    let Some(Ok(Expandable::Object(subscription))) = invoice.subscription() else { panic!("{invoice:?}") };
    assert_eq!(subscription.items.data[0].id, "si_QXhVnC2h0Jczwc");
    assert_eq!(invoice.subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
}

#[test]
fn an_invoice_subscription_reads_as_id_expanded_or_an_error() {
    let mut body = fixture("invoice");
    body["parent"] = Value::Null;
    body["subscription"] = json!("sub_legacy");
    let invoice: Invoice = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(invoice.subscription().unwrap().unwrap(), Expandable::Id("sub_legacy".into()));
    assert_eq!(invoice.subscription_id(), Some("sub_legacy"));

    // Expanded under `parent.subscription_details` (API `2025-03-31.basil` and later).
    body["subscription"] = Value::Null;
    body["parent"] =
        json!({"type": "subscription_details", "subscription_details": {"subscription": fixture("subscription")}});
    let invoice: Invoice = serde_json::from_value(body.clone()).unwrap();
    assert!(invoice.subscription().is_none());
    let details = invoice.parent.as_ref().unwrap().subscription_details.as_ref().unwrap();
    assert_eq!(details.subscription().unwrap().unwrap().as_object().unwrap().status, SubscriptionStatus::Active);
    assert_eq!(invoice.subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));

    // A malformed subscription: the invoice decodes, the accessor says what is wrong.
    body["parent"] = Value::Null;
    body["subscription"] = json!(42);
    let invoice: Invoice = serde_json::from_value(body).unwrap();
    let err = invoice.subscription().unwrap().unwrap_err();
    assert!(err.to_string().contains("an id string or an expanded object"), "{err}");
    assert_eq!(invoice.subscription_id(), None);
}

#[test]
fn discount_events_carry_the_discount_and_its_coupon() {
    let mut discount = fixture("discount");
    discount["subscription"] = json!("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    discount["source"]["coupon"] = json!("Z4OV52SU");
    let event = decode("customer.discount.created", discount, None);
    let EventData::CustomerDiscountCreated(discount) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(discount.id, "di_1Pgc6rB7WZ01zgkW7Al8Fal9");
    assert_eq!(discount.source.as_ref().unwrap().kind, DiscountSourceType::Coupon);
    assert_eq!(discount.coupon().map(Expandable::id), Some("Z4OV52SU"));
    assert_eq!(discount.customer.as_ref().map(Expandable::id), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(discount.subscription.as_deref(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
    assert_eq!((discount.start, discount.end), (Some(1_234_567_890), Some(1_234_567_890)));
    assert!(!discount.deleted);

    let event = decode("customer.discount.deleted", fixture("deleted_discount"), None);
    let discount = event.data.discount().unwrap();
    assert!(discount.deleted);
    assert_eq!(discount.coupon(), None);
}

#[test]
fn a_discount_with_expanded_coupon_customer_and_promotion_code_decodes() {
    let mut discount = fixture("discount");
    discount["source"]["coupon"] = fixture("coupon");
    discount["customer"] = fixture("customer");
    discount["promotion_code"] = fixture("promotion_code");
    let event = decode("customer.discount.updated", discount, None);
    let discount = event.data.discount().unwrap();
    let Some(Expandable::Object(coupon)) = discount.coupon() else { panic!("{:?}", discount.source) };
    assert_eq!(coupon.id, "Z4OV52SU");
    assert_eq!(coupon.name.as_deref(), Some("25.5% off"));
    assert_eq!(coupon.percent_off, Some(25.5));
    assert_eq!(coupon.amount_off, None);
    assert_eq!(coupon.duration, CouponDuration::Forever);
    assert_eq!(coupon.duration_in_months, Some(3));
    assert!(coupon.valid);
    assert!(coupon.metadata.is_empty());
    assert!(matches!(&discount.customer, Some(Expandable::Object(c)) if c.id == "cus_QXg1o8vcGmoR32"));
    let Some(Expandable::Object(code)) = &discount.promotion_code else { panic!("{:?}", discount.promotion_code) };
    assert_eq!(
        (code.id.as_str(), code.code.as_str(), code.active),
        ("promo_1Pgc79B7WZ01zgkWNy4mn5NX", "FALL20", false)
    );
}

#[test]
fn the_fixture_coupon_decodes_and_tolerates_a_new_duration() {
    let coupon: Coupon = serde_json::from_value(fixture("coupon")).unwrap();
    assert_eq!(coupon.currency.as_deref(), Some("usd"));
    assert_eq!(coupon.redeem_by, Some(1_234_567_890));
    let mut future = fixture("coupon");
    future["duration"] = json!("until_churn");
    future["metadata"] = Value::Null;
    let coupon: Coupon = serde_json::from_value(future).unwrap();
    assert_eq!(coupon.duration, CouponDuration::Other("until_churn".into()));
    assert!(coupon.metadata.is_empty());
}

#[test]
fn a_subscription_carries_every_field_the_portal_changes() {
    let mut subscription = fixture("subscription");
    subscription["cancellation_details"] = json!({ "comment": "Too pricey for us", "feedback": "too_expensive", "feedback_option": "bfo_123", "reason": "cancellation_requested" });
    subscription["pause_collection"] = json!({ "behavior": "keep_as_draft", "resumes_at": 1_730_000_000 });
    subscription["discounts"] = json!(["di_1Pgc6rB7WZ01zgkW7Al8Fal9"]);
    subscription["default_payment_method"] = json!("pm_1Pgc75B7WZ01zgkWlHVgdEGJ");
    subscription["latest_invoice"] = json!("in_1Pgc6tB7WZ01zgkWu9fdqL6I");
    subscription["metadata"] = json!({ "plan_family": "team" });
    let event = decode("customer.subscription.updated", subscription, None);
    let s = event.data.subscription().unwrap();
    assert_eq!(s.customer, Expandable::Id("cus_QXg1o8vcGmoR32".into()));
    assert_eq!(
        (s.cancel_at, s.canceled_at, s.ended_at),
        (Some(1_234_567_890), Some(1_234_567_890), Some(1_234_567_890))
    );
    let details = s.cancellation_details.as_ref().unwrap();
    assert_eq!(details.comment.as_deref(), Some("Too pricey for us"));
    assert_eq!(details.feedback, Some(CancellationFeedback::TooExpensive));
    assert_eq!(details.feedback_option.as_ref().map(Expandable::id), Some("bfo_123"));
    assert_eq!(details.reason, Some(CancellationReason::CancellationRequested));
    let pause = s.pause_collection.as_ref().unwrap();
    assert_eq!((&pause.behavior, pause.resumes_at), (&PauseCollectionBehavior::KeepAsDraft, Some(1_730_000_000)));
    assert_eq!(s.discounts, vec![Expandable::Id("di_1Pgc6rB7WZ01zgkW7Al8Fal9".into())]);
    assert_eq!(s.default_payment_method.as_ref().map(Expandable::id), Some("pm_1Pgc75B7WZ01zgkWlHVgdEGJ"));
    assert_eq!(s.latest_invoice.as_ref().map(Expandable::id), Some("in_1Pgc6tB7WZ01zgkWu9fdqL6I"));
    assert_eq!(s.trial_end, Some(1_234_567_890));
    assert_eq!(s.metadata["plan_family"], "team");
    assert_eq!(s.billing_mode.as_ref().unwrap().kind, BillingModeType::Classic);
    assert_eq!(s.items.data[0].price.product.as_ref().map(Expandable::id), Some("prod_QXg1hqf4jFNsqG"));
    let item = &s.items.data[0];
    assert_eq!((item.current_period_start, item.current_period_end), (Some(1_896_570_518), Some(976_287_773)));
    let pending = s.pending_update.as_ref().unwrap();
    assert_eq!(pending.expires_at, Some(833_811_170));
    assert!(pending.subscription_items.is_empty());
}

#[test]
fn a_subscription_with_every_expandable_field_expanded_decodes() {
    let mut subscription = fixture("subscription");
    subscription["customer"] = fixture("customer");
    subscription["customer"]["email"] = json!("jennyrosen@example.com");
    subscription["default_payment_method"] = fixture("payment_method");
    subscription["latest_invoice"] = fixture("invoice");
    subscription["items"]["data"][0]["price"]["product"] = fixture("product");
    let mut discount = fixture("discount");
    discount["source"]["coupon"] = fixture("coupon");
    subscription["discounts"] = json!([discount]);
    subscription["cancellation_details"]["feedback_option"] = json!({
        "id": "bfo_123", "object": "billing.feedback_option", "description": "Too expensive for my team",
        "livemode": false, "status": "inactive", "status_transitions": { "deactivated_at": 1_767_000_000 }
    });
    let event = decode("customer.subscription.updated", subscription, None);
    let s = event.data.subscription().unwrap();
    let Expandable::Object(customer) = &s.customer else { panic!("{:?}", s.customer) };
    assert_eq!(customer.email.as_deref(), Some("jennyrosen@example.com"));
    assert_eq!(s.customer_id(), "cus_QXg1o8vcGmoR32");
    assert!(
        matches!(&s.default_payment_method, Some(Expandable::Object(pm)) if pm.card.as_ref().unwrap().last4.as_deref() == Some("4242"))
    );
    assert!(matches!(&s.latest_invoice, Some(Expandable::Object(invoice)) if invoice.amount_due == 1000));
    let Some(Expandable::Object(product)) = &s.items.data[0].price.product else {
        panic!("{:?}", s.items.data[0].price)
    };
    assert_eq!((product.id.as_str(), product.name.as_str()), ("prod_QXg1hqf4jFNsqG", "T-shirt"));
    let Expandable::Object(discount) = &s.discounts[0] else { panic!("{:?}", s.discounts) };
    assert!(matches!(discount.coupon(), Some(Expandable::Object(coupon)) if coupon.percent_off == Some(25.5)));
    let option = s.cancellation_details.as_ref().unwrap().feedback_option.as_ref().unwrap();
    let Expandable::Object(option) = option else { panic!("{option:?}") };
    assert_eq!(option.description, "Too expensive for my team");
    assert_eq!(option.status, FeedbackOptionStatus::Inactive);
    assert_eq!(option.status_transitions.deactivated_at, Some(1_767_000_000));
}

#[test]
fn subscription_metadata_is_a_map_even_when_null_or_absent() {
    for metadata in [Some(Value::Null), None] {
        let mut subscription = fixture("subscription");
        match metadata {
            Some(value) => subscription["metadata"] = value,
            None => drop(subscription.as_object_mut().unwrap().remove("metadata")),
        }
        let subscription: Subscription = serde_json::from_value(subscription).unwrap();
        assert!(subscription.metadata.is_empty());
    }
}

/// `GET /v1/subscriptions/{id}?expand[]=customer` used to fail to decode: the customer is now an
/// `Expandable<Customer>`.
#[tokio::test]
async fn a_subscription_retrieved_with_expand_customer_decodes() {
    let mut subscription = fixture("subscription");
    subscription["customer"] = fixture("customer");
    let (server, client) = support::stripe_answering(200, subscription).await;
    let subscription =
        client.subscriptions().retrieve("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw").expand("customer").send().await.unwrap();
    let request = support::only_request(&server).await;
    // echo '{"expand":["customer"]}' | ../shared/tools/stripe-encode
    assert_eq!(request.url.query(), Some("expand[0]=customer"));
    let Expandable::Object(customer) = &subscription.customer else { panic!("{:?}", subscription.customer) };
    assert_eq!(customer.id, "cus_QXg1o8vcGmoR32");
    assert_eq!(customer.currency.as_deref(), Some("usd"));
    assert_eq!(subscription.customer_id(), "cus_QXg1o8vcGmoR32");
}
