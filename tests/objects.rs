//! The response objects a portal integration reads, decoded from Stripe's published fixtures
//! (`fixtures/stripe-fixtures.json`): each plain, with its expandable fields expanded, and with
//! values Stripe may add later. `metadata` is always a map; expandable fields decode both as an id
//! and as the object; documented-open enums keep unknown values in `Other`.

mod support;

use serde_json::{json, Value};
use std::collections::HashMap;
use stripe_billing_portal::configurations::Configuration;
use stripe_billing_portal::customers::payment_methods::{CardBrand, CardFunding, PaymentMethod, PaymentMethodType};
use stripe_billing_portal::customers::tax_ids::{TaxId, TaxIdOwnerType, TaxIdType};
use stripe_billing_portal::customers::{Customer, TaxExempt};
use stripe_billing_portal::discounts::{PromotionCode, PromotionType};
use stripe_billing_portal::invoices::{Invoice, InvoiceParentType};
use stripe_billing_portal::sessions::Session;
use stripe_billing_portal::subscriptions::{
    CollectionMethod, Price, PriceTaxBehavior, PriceType, Subscription, SubscriptionItem, SubscriptionPauseType,
    SubscriptionScheduleStatus,
};
use stripe_billing_portal::Expandable;
use support::{fixture, only_request, stripe_answering};

const CUSTOMER: &str = "cus_QXg1o8vcGmoR32";
const PAYMENT_METHOD: &str = "pm_1Pgc75B7WZ01zgkWlHVgdEGJ";

fn decode<T: serde::de::DeserializeOwned>(body: Value) -> T {
    serde_json::from_value(body).unwrap()
}

fn with(mut body: Value, key: &str, value: Value) -> Value {
    body[key] = value;
    body
}

#[test]
fn customer_plain() {
    let customer: Customer = decode(fixture("customer"));
    assert_eq!(customer.id, CUSTOMER);
    assert_eq!(customer.tax_exempt, Some(TaxExempt::None));
    assert_eq!(customer.default_payment_method(), None);
    assert_eq!(customer.metadata, HashMap::new());
    assert_eq!(customer.tax_ids, None);
    assert!(customer.subscriptions().is_none(), "not expanded: nothing to decode");
    assert_eq!(customer.balance, Some(0));
}

#[test]
fn customer_with_default_payment_method_as_id_and_expanded() {
    let mut body = fixture("customer");
    body["invoice_settings"]["default_payment_method"] = json!(PAYMENT_METHOD);
    let customer: Customer = decode(body.clone());
    assert_eq!(
        customer.invoice_settings.as_ref().unwrap().default_payment_method,
        Some(Expandable::Id(PAYMENT_METHOD.into()))
    );
    assert_eq!(customer.default_payment_method(), Some(PAYMENT_METHOD));

    body["invoice_settings"]["default_payment_method"] = fixture("payment_method");
    let customer: Customer = decode(body);
    assert_eq!(customer.default_payment_method(), Some(PAYMENT_METHOD));
    let expanded = customer.invoice_settings.unwrap().default_payment_method.unwrap();
    let card = expanded.as_object().unwrap().card.as_ref().unwrap();
    assert_eq!((card.brand.clone(), card.last4.as_deref()), (Some(CardBrand::Visa), Some("4242")));
}

#[test]
fn customer_with_expanded_tax_ids_and_subscriptions() {
    let list = |object: &str| json!({"object": "list", "data": [fixture(object)], "has_more": false, "url": "/v1/x"});
    let body = with(fixture("customer"), "tax_ids", list("tax_id"));
    let customer: Customer = decode(with(body, "subscriptions", list("subscription")));
    assert_eq!(customer.tax_ids.as_ref().unwrap().data[0].value, "DE123456789");
    let subscriptions = customer.subscriptions().unwrap().unwrap();
    assert_eq!(subscriptions.data[0].id, "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    assert_eq!(subscriptions.data[0].customer_id(), CUSTOMER);
}

#[test]
fn customer_with_malformed_expanded_subscriptions_errs_from_the_accessor() {
    // The customer itself decodes; the subscriptions are decoded (and refused) only when read.
    let mut subscription = fixture("subscription");
    subscription["items"] = json!("not a list");
    let list = json!({"object": "list", "data": [subscription], "has_more": false, "url": "/v1/x"});
    let customer: Customer = decode(with(fixture("customer"), "subscriptions", list));
    let err = customer.subscriptions().expect("sent, so not None").unwrap_err();
    assert!(err.to_string().contains("invalid type"), "{err}");
    // `null` is the same as absent.
    let customer: Customer = decode(with(fixture("customer"), "subscriptions", Value::Null));
    assert!(customer.subscriptions().is_none());
    assert_eq!(customer, decode::<Customer>(fixture("customer")));
}

#[test]
fn customer_metadata_and_new_enum_values() {
    let body = with(fixture("customer"), "metadata", json!({"tier": "gold"}));
    let customer: Customer = decode(with(body, "tax_exempt", json!("partial")));
    assert_eq!(customer.metadata["tier"], "gold");
    assert_eq!(customer.tax_exempt, Some(TaxExempt::Other("partial".into())));
    // `null` and absent metadata both decode as an empty map.
    let customer: Customer = decode(with(fixture("customer"), "metadata", Value::Null));
    assert!(customer.metadata.is_empty());
    let mut body = fixture("customer");
    body.as_object_mut().unwrap().remove("metadata");
    assert!(decode::<Customer>(body).metadata.is_empty());
}

#[test]
fn a_deleted_customer_decodes_plain_and_expanded() {
    let deleted = json!({"id": CUSTOMER, "object": "customer", "deleted": true});
    let customer: Customer = decode(deleted.clone());
    assert!(customer.deleted);
    assert_eq!((customer.id.as_str(), customer.email, customer.created), (CUSTOMER, None, 0));
    assert!(!decode::<Customer>(fixture("customer")).deleted);
    // A payment method whose expanded customer was deleted.
    let payment_method: PaymentMethod = decode(with(fixture("payment_method"), "customer", deleted));
    assert!(payment_method.customer.unwrap().as_object().unwrap().deleted);
}

#[test]
fn payment_method_plain() {
    let payment_method: PaymentMethod = decode(fixture("payment_method"));
    assert_eq!(payment_method.id, PAYMENT_METHOD);
    assert_eq!(payment_method.kind, PaymentMethodType::Card);
    assert_eq!(payment_method.customer, None);
    assert_eq!(payment_method.metadata["order_id"], "123456789");
    assert_eq!(payment_method.card.unwrap().funding, Some(CardFunding::Credit));
}

#[test]
fn payment_method_customer_as_id_and_expanded() {
    let payment_method: PaymentMethod = decode(with(fixture("payment_method"), "customer", json!(CUSTOMER)));
    assert_eq!(payment_method.customer, Some(Expandable::Id(CUSTOMER.into())));
    assert_eq!(payment_method.customer_id(), Some(CUSTOMER));

    let payment_method: PaymentMethod = decode(with(fixture("payment_method"), "customer", fixture("customer")));
    assert_eq!(payment_method.customer_id(), Some(CUSTOMER));
    assert_eq!(payment_method.customer.unwrap().as_object().unwrap().tax_exempt, Some(TaxExempt::None));
}

#[test]
fn payment_method_new_enum_values() {
    let mut body = with(fixture("payment_method"), "type", json!("crypto"));
    body["card"]["funding"] = json!("charge");
    body["card"]["brand"] = json!("cartes_bancaires");
    let payment_method: PaymentMethod = decode(body);
    assert_eq!(payment_method.kind, PaymentMethodType::Other("crypto".into()));
    let card = payment_method.card.unwrap();
    assert_eq!(card.funding, Some(CardFunding::Other("charge".into())));
    assert_eq!(card.brand, Some(CardBrand::Other("cartes_bancaires".into())));
}

#[test]
fn tax_id_plain() {
    let tax_id: TaxId = decode(fixture("tax_id"));
    assert_eq!(tax_id.kind, TaxIdType::EuVat);
    assert_eq!(tax_id.customer, Some(Expandable::Id(CUSTOMER.into())));
    assert_eq!(tax_id.customer_id(), Some(CUSTOMER));
    let owner = tax_id.owner.unwrap();
    assert_eq!(owner.kind, Some(TaxIdOwnerType::Customer));
    assert_eq!(owner.customer, Some(Expandable::Id(CUSTOMER.into())));
    assert_eq!(owner.account, None);
}

#[test]
fn tax_id_customer_and_owner_expanded() {
    let mut body = with(fixture("tax_id"), "customer", fixture("customer"));
    body["owner"] = json!({
        "type": "account",
        "customer": fixture("customer"),
        "account": {"id": "acct_123", "object": "account", "email": "a@example.com"},
        "application": {"id": "ca_123", "object": "application", "name": "Portal helper"},
    });
    let tax_id: TaxId = decode(body);
    assert_eq!(tax_id.customer_id(), Some(CUSTOMER));
    assert!(tax_id.customer.as_ref().unwrap().as_object().is_some());
    let owner = tax_id.owner.unwrap();
    assert_eq!(owner.kind, Some(TaxIdOwnerType::Account));
    assert_eq!(owner.customer.unwrap().as_object().unwrap().id, CUSTOMER);
    assert_eq!(owner.account.unwrap().id(), "acct_123");
    assert_eq!(owner.application.unwrap().as_object().unwrap().name.as_deref(), Some("Portal helper"));
}

#[test]
fn tax_id_owner_self_and_unknown_owner_types() {
    let mut body = fixture("tax_id");
    body["owner"]["type"] = json!("self");
    assert_eq!(decode::<TaxId>(body.clone()).owner.unwrap().kind, Some(TaxIdOwnerType::SelfOwned));
    body["owner"]["type"] = json!("platform");
    assert_eq!(decode::<TaxId>(body).owner.unwrap().kind, Some(TaxIdOwnerType::Other("platform".into())));
}

#[tokio::test]
async fn session_configuration_as_id_and_expanded() {
    let session: Session = decode(fixture("billing_portal.session"));
    assert_eq!(session.configuration, Some(Expandable::Id("bpc_1Pgc7HB7WZ01zgkWxH2EPWRX".into())));

    // `expand[]=configuration` on a create answers with the object in place of the id.
    let expanded = with(fixture("billing_portal.session"), "configuration", fixture("billing_portal.configuration"));
    let (server, client) = stripe_answering(200, expanded).await;
    let params = stripe_billing_portal::sessions::SessionCreateParams::new(CUSTOMER).expand("configuration");
    let session = client.sessions().create(params).send().await.unwrap();
    assert_eq!(
        support::body_pairs(&only_request(&server).await),
        support::pairs(&[("customer", CUSTOMER), ("expand[0]", "configuration"),])
    );
    let configuration = session.configuration.unwrap();
    assert_eq!(configuration.id(), fixture("billing_portal.configuration")["id"].as_str().unwrap());
    assert!(configuration.as_object().is_some());
}

#[test]
fn configuration_metadata_is_always_a_map() {
    let configuration: Configuration = decode(fixture("billing_portal.configuration"));
    assert!(configuration.metadata.is_empty());
    let configuration: Configuration =
        decode(with(fixture("billing_portal.configuration"), "metadata", json!({"segment": "smb"})));
    assert_eq!(configuration.metadata["segment"], "smb");
}

/// `subscription.schedule` (set when the portal defers a change to the period end) decodes as
/// `null`, as the id and as the expanded `subscription_schedule`.
#[test]
fn subscription_schedule_as_null_id_and_expanded() {
    assert_eq!(decode::<Subscription>(fixture("subscription")).schedule, None);
    let schedule_id = fixture("subscription_schedule")["id"].clone();
    let by_id: Subscription = decode(with(fixture("subscription"), "schedule", schedule_id.clone()));
    assert_eq!(by_id.schedule, Some(Expandable::Id("sub_sched_1Pgc7AB7WZ01zgkWaeHcsbnC".into())));

    let subscription: Subscription =
        decode(with(fixture("subscription"), "schedule", fixture("subscription_schedule")));
    let schedule = subscription.schedule.as_ref().and_then(Expandable::as_object).unwrap();
    assert_eq!(subscription.schedule.as_ref().map(Expandable::id), schedule_id.as_str());
    assert_eq!((&schedule.status, &schedule.subscription), (&SubscriptionScheduleStatus::NotStarted, &None));
    let current = schedule.current_phase.as_ref().unwrap();
    assert_eq!((current.start_date, current.end_date), (1_573_629_589, 1_725_067_410));
    let phases: Vec<_> = schedule.phases.iter().map(|phase| (phase.start_date, phase.end_date)).collect();
    assert_eq!(phases, [(1_722_558_872, 1_754_008_472)]);
    assert_eq!((schedule.created, schedule.livemode), (1_234_567_890, false));

    let mut active = with(fixture("subscription_schedule"), "status", json!("active"));
    active["subscription"] = json!("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    active["current_phase"] = Value::Null;
    let subscription: Subscription = decode(with(fixture("subscription"), "schedule", active));
    let schedule = subscription.schedule.as_ref().and_then(Expandable::as_object).unwrap();
    assert_eq!(schedule.status, SubscriptionScheduleStatus::Active);
    assert_eq!(schedule.subscription.as_ref().map(Expandable::id), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
    assert_eq!(schedule.current_phase, None);
    let future = decode::<Subscription>(with(
        fixture("subscription"),
        "schedule",
        with(fixture("subscription_schedule"), "status", json!("paused")),
    ));
    let status = &future.schedule.as_ref().and_then(Expandable::as_object).unwrap().status;
    assert_eq!(status, &SubscriptionScheduleStatus::Other("paused".into()));
}

/// A price whose product was deleted expands to `{"id", "object", "deleted": true}` only.
#[test]
fn a_deleted_product_decodes_expanded_in_a_price() {
    let mut body = fixture("subscription");
    body["items"]["data"][0]["price"]["product"] =
        json!({"id": "prod_QXg1hqf4jFNsqG", "object": "product", "deleted": true});
    let subscription: Subscription = decode(body);
    let product = subscription.items.data[0].price.product.as_ref().and_then(Expandable::as_object).unwrap();
    assert!(product.deleted);
    assert_eq!((product.id.as_str(), product.name.as_str(), product.created), ("prod_QXg1hqf4jFNsqG", "", 0));

    let mut body = fixture("subscription");
    body["items"]["data"][0]["price"]["product"] = fixture("product");
    let subscription: Subscription = decode(body);
    let product = subscription.items.data[0].price.product.as_ref().and_then(Expandable::as_object).unwrap();
    assert!(!product.deleted);
    assert_eq!((product.name.as_str(), product.created), ("T-shirt", 1_234_567_890));
}

/// `collection_method` (the portal cannot update a `send_invoice` subscription) and `status_details`
/// (`paused{type, transitioned_at}`, set by a pause).
#[test]
fn subscription_collection_method_and_status_details() {
    let subscription: Subscription = decode(fixture("subscription"));
    assert_eq!(
        (subscription.collection_method, subscription.status_details),
        (CollectionMethod::ChargeAutomatically, None)
    );
    let by_invoice: Subscription = decode(with(fixture("subscription"), "collection_method", json!("send_invoice")));
    assert_eq!(by_invoice.collection_method, CollectionMethod::SendInvoice);
    let later: Subscription = decode(with(fixture("subscription"), "collection_method", json!("by_carrier_pigeon")));
    assert_eq!(later.collection_method, CollectionMethod::Other("by_carrier_pigeon".into()));

    let body = with(fixture("subscription"), "status", json!("paused"));
    let details = json!({"paused": {"type": "subscription", "transitioned_at": 1_730_000_000, "subscription": {}}});
    let paused: Subscription = decode(with(body, "status_details", details));
    let pause = paused.status_details.unwrap().paused.unwrap();
    assert_eq!((pause.kind, pause.transitioned_at), (SubscriptionPauseType::Subscription, Some(1_730_000_000)));
    let other: Subscription = decode(with(
        fixture("subscription"),
        "status_details",
        json!({"paused": {"type": "trial", "transitioned_at": null}}),
    ));
    let pause = other.status_details.unwrap().paused.unwrap();
    assert_eq!((pause.kind, pause.transitioned_at), (SubscriptionPauseType::Other("trial".into()), None));
    let not_paused: Subscription = decode(with(fixture("subscription"), "status_details", json!({"paused": null})));
    assert_eq!(not_paused.status_details.unwrap().paused, None);
}

/// `tax_behavior` (the portal only switches between prices with the same one) and `type`.
#[test]
fn price_tax_behavior_and_type() {
    let price: Price = decode(fixture("price"));
    assert_eq!((price.tax_behavior, price.kind), (Some(PriceTaxBehavior::Unspecified), PriceType::Recurring));
    let subscription: Subscription = decode(fixture("subscription"));
    let embedded = &subscription.items.data[0].price;
    assert_eq!((&embedded.tax_behavior, &embedded.kind), (&Some(PriceTaxBehavior::Unspecified), &PriceType::Recurring));

    let body = with(with(fixture("price"), "tax_behavior", json!("inclusive")), "type", json!("one_time"));
    let price: Price = decode(with(body, "recurring", Value::Null));
    assert_eq!((price.tax_behavior, price.kind), (Some(PriceTaxBehavior::Inclusive), PriceType::OneTime));
    let price: Price = decode(with(fixture("price"), "tax_behavior", json!("exclusive")));
    assert_eq!(price.tax_behavior, Some(PriceTaxBehavior::Exclusive));
    let price: Price = decode(with(fixture("price"), "tax_behavior", Value::Null));
    assert_eq!(price.tax_behavior, None);
}

/// A subscription item's `subscription`, `metadata` and `discounts` (ids or expanded).
#[test]
fn subscription_item_subscription_metadata_and_discounts() {
    let item: SubscriptionItem = decode(fixture("subscription_item"));
    assert_eq!(item.subscription, "sub_1Pgc6xB7WZ01zgkWJMvZp5ja");
    assert!(item.metadata.is_empty() && item.discounts.is_empty());

    let body = with(fixture("subscription_item"), "metadata", json!({"seat": "lead"}));
    let item: SubscriptionItem = decode(with(body, "discounts", json!(["di_1", fixture("discount")])));
    assert_eq!(item.metadata["seat"], "lead");
    let ids: Vec<_> = item.discounts.iter().map(Expandable::id).collect();
    assert_eq!(ids, ["di_1", "di_1Pgc6rB7WZ01zgkW7Al8Fal9"]);
    assert!(item.discounts[1].as_object().is_some());
    let item: SubscriptionItem =
        decode(with(with(fixture("subscription_item"), "metadata", Value::Null), "discounts", Value::Null));
    assert!(item.metadata.is_empty() && item.discounts.is_empty());
}

/// A promotion code's coupon, in `promotion.coupon` (API `2026-10-28.endive`): null, an id, or expanded.
#[test]
fn promotion_code_coupon() {
    let code: PromotionCode = decode(fixture("promotion_code"));
    assert_eq!(code.promotion.as_ref().map(|promotion| &promotion.kind), Some(&PromotionType::Coupon));
    assert_eq!(code.coupon(), None);

    let mut body = fixture("promotion_code");
    body["promotion"]["coupon"] = json!("Z4OV52SU");
    assert_eq!(decode::<PromotionCode>(body.clone()).coupon(), Some(&Expandable::Id("Z4OV52SU".into())));
    body["promotion"]["coupon"] = fixture("coupon");
    let code: PromotionCode = decode(body);
    let coupon = code.coupon().and_then(Expandable::as_object).unwrap();
    assert_eq!((coupon.id.as_str(), coupon.percent_off), ("Z4OV52SU", Some(25.5)));
}

/// `Invoice::subscription_id` follows the parent's `type`: a quote's invoice names no subscription,
/// even when its parent also carries `subscription_details` (as the published fixture does).
#[test]
fn invoice_subscription_id_follows_the_parent_type() {
    let mut body = fixture("invoice");
    body["parent"]["subscription_details"]["subscription"] = json!("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw");
    let quote: Invoice = decode(body.clone());
    assert_eq!(quote.parent.as_ref().map(|parent| &parent.kind), Some(&InvoiceParentType::QuoteDetails));
    assert_eq!(quote.subscription_id(), None);

    body["parent"]["type"] = json!("subscription_details");
    let invoice: Invoice = decode(body.clone());
    assert_eq!(invoice.subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
    // An expanded subscription names it too.
    body["parent"]["subscription_details"]["subscription"] = fixture("subscription");
    assert_eq!(decode::<Invoice>(body).subscription_id(), Some("sub_1Pgc6rB7WZ01zgkWNy0Cn5nw"));
}
