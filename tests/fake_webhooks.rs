//! Webhooks from the fake: delivered to registered endpoints, signed so the crate's own
//! `Verifier` accepts them, retried when the endpoint fails, never holding up the API; and the
//! fixture builders for unit tests without a server.

#![cfg(feature = "testing")]

use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use stripe_billing_portal::configurations::Configuration;
use stripe_billing_portal::customers::payment_methods::PaymentMethod;
use stripe_billing_portal::customers::Customer;
use stripe_billing_portal::sessions::{Session, SessionCreateParams};
use stripe_billing_portal::subscriptions::Subscription;
use stripe_billing_portal::testing::{fixtures, Action, FakeStripe, Seeded};
use stripe_billing_portal::webhooks::{CancellationMode, Event, EventData, SubscriptionChange, Verifier, WebhookError};
use stripe_billing_portal::Expandable;
use support::within;
use tokio::sync::mpsc;

mod support;

/// A webhook receiver on 127.0.0.1: answers the statuses in `script` in turn (then 200), and
/// passes each request's signature header and body on.
async fn receiver(script: Vec<u16>) -> (String, mpsc::UnboundedReceiver<(String, Bytes)>) {
    let (sender, received) = mpsc::unbounded_channel();
    let calls = Arc::new(AtomicUsize::new(0));
    let app = Router::new().route(
        "/webhooks",
        post(move |headers: HeaderMap, body: Bytes| {
            let sender = sender.clone();
            let calls = Arc::clone(&calls);
            let script = script.clone();
            async move {
                let signature =
                    headers.get("stripe-signature").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
                let _ = sender.send((signature, body));
                let call = calls.fetch_add(1, Ordering::SeqCst);
                StatusCode::from_u16(script.get(call).copied().unwrap_or(200)).unwrap()
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, received)
}

/// A fake with a seeded subscription, and a receiver registered for its subscription events
/// (`customer.subscription.updated` and `.deleted`).
struct Subscribed {
    fake: FakeStripe,
    seeded: Seeded,
    received: mpsc::UnboundedReceiver<(String, Bytes)>,
    /// Verifies with the endpoint's signing secret.
    verifier: Verifier,
}

impl Subscribed {
    async fn start() -> Subscribed {
        let fake = FakeStripe::start().await.unwrap();
        let seeded = fake.seed_subscription().unwrap();
        let (url, received) = receiver(vec![]).await;
        let secret =
            fake.register_webhook(&url, &["customer.subscription.updated", "customer.subscription.deleted"]).unwrap();
        Subscribed { fake, seeded, received, verifier: Verifier::new(&secret).unwrap() }
    }
}

/// Whether the crate reads the event as a scheduled cancellation at the period end.
fn scheduled(event: &Event) -> bool {
    let changes = event.subscription_changes().unwrap();
    changes.iter().any(|change| {
        matches!(change, SubscriptionChange::CancellationScheduled { mode: CancellationMode::AtPeriodEnd, .. })
    })
}

#[tokio::test]
async fn delivered_events_verify_with_the_crates_verifier() {
    let Subscribed { fake, seeded, mut received, verifier } = Subscribed::start().await;
    let session = fake
        .client()
        .sessions()
        .create(SessionCreateParams::new(&seeded.customer).return_url("https://e.com"))
        .send()
        .await
        .unwrap();
    fake.act(&session.url, Action::cancel_subscription(&seeded.subscription)).unwrap();

    let (signature, body) = within("a webhook delivery", received.recv()).await.unwrap();
    let event = verifier.construct_event(&body, &signature).unwrap();
    let EventData::CustomerSubscriptionUpdated(subscription) = &event.data else { panic!("{:?}", event.data) };
    assert_eq!(subscription.id, seeded.subscription);
    assert!(subscription.cancel_at.is_some());
    assert!(scheduled(&event));
    assert!(matches!(
        Verifier::new("whsec_other").unwrap().verify(&body, &signature),
        Err(WebhookError::NoMatchingSignature)
    ));

    // billing_portal.session.created was not subscribed to, so only the update was sent.
    within("the deliveries", fake.wait_for_deliveries(1)).await;
    let deliveries = fake.deliveries();
    assert_eq!(deliveries.len(), 1);
    assert_eq!(
        (deliveries[0].event_type.as_str(), deliveries[0].attempt, deliveries[0].status),
        ("customer.subscription.updated", 1, Some(200))
    );
    let stored = fake.events().into_iter().find(|e| e["id"] == deliveries[0].event_id.as_str()).unwrap();
    assert_eq!(stored["pending_webhooks"], 1);
}

#[tokio::test]
async fn the_crate_reads_the_fakes_portal_events_as_the_real_ones() {
    let Subscribed { fake, seeded, mut received, verifier } = Subscribed::start().await;
    let session = fake
        .post("/v1/billing_portal/sessions", &[("customer", &seeded.customer), ("return_url", "https://e.com")])
        .unwrap();
    let url = session["url"].as_str().unwrap();
    fake.act(url, Action::cancel_subscription(&seeded.subscription).reason("other").comment("Moving")).unwrap();
    fake.advance(Duration::from_secs(31 * 86_400));
    let mut changes = Vec::new();
    for _ in 0..3 {
        let (signature, body) = within("a webhook delivery", received.recv()).await.unwrap();
        let event = verifier.construct_event(&body, &signature).unwrap();
        changes.extend(event.subscription_changes().unwrap().iter().cloned());
    }
    let [first, second, last] = changes.as_slice() else { panic!("{changes:?}") };
    let SubscriptionChange::CancellationScheduled { mode: CancellationMode::AtPeriodEnd, cancel_at: Some(at), details } =
        first
    else {
        panic!("{first:?}")
    };
    assert_eq!(details.feedback, None, "the first event has no feedback");
    let SubscriptionChange::CancellationScheduled { details, .. } = second else { panic!("{second:?}") };
    assert_eq!(
        (details.feedback.as_ref().map(|f| f.to_string()), details.comment.as_deref()),
        (Some("other".to_owned()), Some("Moving"))
    );
    let SubscriptionChange::Canceled { ended_at, .. } = last else { panic!("{last:?}") };
    assert_eq!(*ended_at, Some(*at));
}

/// What the crate reads in each `customer.subscription.updated` the fake stored after the first
/// `skip` events.
fn subscription_updates_after(fake: &FakeStripe, skip: usize) -> Vec<Vec<SubscriptionChange>> {
    let events = fake.events();
    let updates = events.iter().skip(skip).filter(|e| e["type"] == "customer.subscription.updated");
    updates
        .map(|stored| Event::from_slice(&serde_json::to_vec(stored).unwrap()).unwrap())
        .map(|event| event.subscription_changes().unwrap().to_vec())
        .collect()
}

#[tokio::test]
async fn the_crate_reads_the_fakes_scheduled_downgrade_then_its_price_change() {
    let Subscribed { fake, seeded, .. } = Subscribed::start().await;
    let cheap = [
        ("currency", "usd"),
        ("unit_amount", "500"),
        ("product", &seeded.product),
        ("recurring[interval]", "week"),
        ("tax_behavior", "exclusive"),
    ];
    let cheap = fake.post("/v1/prices", &cheap).unwrap()["id"].as_str().unwrap().to_owned();
    let configuration = fake.default_configuration().unwrap();
    fake.post(
        &format!("/v1/billing_portal/configurations/{}", configuration["id"].as_str().unwrap()),
        &[
            ("features[subscription_update][products][0][product]", &seeded.product),
            ("features[subscription_update][products][0][prices][0]", &seeded.price),
            ("features[subscription_update][products][0][prices][1]", &cheap),
            ("features[subscription_update][schedule_at_period_end][conditions][0][type]", "decreasing_item_amount"),
        ],
    )
    .unwrap();
    let session = fake
        .post("/v1/billing_portal/sessions", &[("customer", &seeded.customer), ("return_url", "https://e.com")])
        .unwrap();
    let mark = fake.events().len();
    fake.act(session["url"].as_str().unwrap(), Action::update_subscription(&seeded.subscription).price(&cheap))
        .unwrap();
    assert_eq!(subscription_updates_after(&fake, mark), [[SubscriptionChange::UpdateScheduled]]);
    let mark = fake.events().len();
    fake.advance(Duration::from_secs(31 * 86_400));
    // The schedule applies the new price at the period end; later weekly renewals only move the period.
    let updates = subscription_updates_after(&fake, mark);
    assert_eq!(updates.first().map(Vec::as_slice), Some(&[SubscriptionChange::PriceChanged][..]), "{updates:?}");
}

/// Every event the fake stored after the first `skip`, decoded by the crate.
fn events_after(fake: &FakeStripe, skip: usize) -> Vec<Event> {
    let events = fake.events();
    events.iter().skip(skip).map(|stored| Event::from_slice(&serde_json::to_vec(stored).unwrap()).unwrap()).collect()
}

#[tokio::test]
async fn the_fakes_billing_events_of_a_quantity_change_are_typed() {
    let Subscribed { fake, seeded, .. } = Subscribed::start().await;
    let configuration = fake.default_configuration().unwrap();
    let configuration = format!("/v1/billing_portal/configurations/{}", configuration["id"].as_str().unwrap());
    let configure = |proration: &str| {
        fake.post(
            &configuration,
            &[
                ("features[subscription_update][products][0][product]", &seeded.product),
                ("features[subscription_update][products][0][prices][0]", &seeded.price),
                ("features[subscription_update][products][0][adjustable_quantity][enabled]", "true"),
                ("features[subscription_update][products][0][adjustable_quantity][maximum]", "5"),
                ("features[subscription_update][proration_behavior]", proration),
            ],
        )
        .unwrap();
    };
    let session = fake
        .post("/v1/billing_portal/sessions", &[("customer", &seeded.customer), ("return_url", "https://e.com")])
        .unwrap();
    let url = session["url"].as_str().unwrap();

    // Prorations wait for the next invoice: `invoiceitem.created`, typed, reported by no change.
    configure("create_prorations");
    let mark = fake.events().len();
    fake.act(url, Action::update_subscription(&seeded.subscription).quantity(2)).unwrap();
    let events = events_after(&fake, mark);
    assert!(events.iter().all(|e| !matches!(e.data, EventData::Other { .. })), "{events:?}");
    let items: Vec<_> = events.iter().filter_map(|e| e.data.invoice_item()).collect();
    let [item] = items.as_slice() else { panic!("{events:?}") };
    assert!(item.proration);
    assert_eq!(item.subscription_id(), Some(seeded.subscription.as_str()));
    assert_eq!(item.customer.as_ref().map(Expandable::id), Some(seeded.customer.as_str()));

    // Invoiced at once: `invoice.payment_succeeded`, typed, not reported next to `invoice.paid`.
    configure("always_invoice");
    let mark = fake.events().len();
    fake.act(url, Action::update_subscription(&seeded.subscription).quantity(3)).unwrap();
    let events = events_after(&fake, mark);
    assert!(events.iter().all(|e| !matches!(e.data, EventData::Other { .. })), "{events:?}");
    let succeeded: Vec<_> = events.iter().filter(|e| matches!(e.data, EventData::InvoicePaymentSucceeded(_))).collect();
    let [succeeded] = succeeded.as_slice() else { panic!("{events:?}") };
    assert_eq!(succeeded.data.invoice().and_then(|i| i.subscription_id()), Some(seeded.subscription.as_str()));
    assert!(succeeded.subscription_changes().is_none());
    let paid = events.iter().filter_map(|e| e.subscription_changes()).flat_map(|c| c.to_vec());
    assert_eq!(paid.filter(|change| *change == SubscriptionChange::InvoicePaid).count(), 1);
}

#[tokio::test]
async fn failed_deliveries_are_retried_with_the_same_event() {
    let fake = FakeStripe::builder().webhook_retries(3, Duration::from_millis(5)).start().await.unwrap();
    let (url, mut received) = receiver(vec![500, 503]).await;
    let secret = fake.register_webhook(&url, &["*"]).unwrap();
    fake.post("/v1/customers", &[("email", "a@example.com")]).unwrap();
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (signature, body) = within("a webhook delivery", received.recv()).await.unwrap();
        ids.push(Verifier::new(&secret).unwrap().construct_event(&body, &signature).unwrap().id);
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "one event, three attempts: {ids:?}");
    within("the deliveries", fake.wait_for_deliveries(3)).await;
    let attempts: Vec<(u32, Option<u16>)> = fake.deliveries().iter().map(|d| (d.attempt, d.status)).collect();
    assert_eq!(attempts, [(1, Some(500)), (2, Some(503)), (3, Some(200))]);
}

#[tokio::test]
async fn an_endpoint_that_never_answers_does_not_hold_up_the_api() {
    let fake = FakeStripe::builder().webhook_retries(1, Duration::from_millis(1)).start().await.unwrap();
    // Accepts connections and never answers.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", silent.local_addr().unwrap());
    let _keep = tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            open.push(socket);
        }
    });
    fake.register_webhook(&url, &["*"]).unwrap();
    for index in 0..5 {
        let customer = fake.client().sessions().create(SessionCreateParams::new("cus_missing")).send().await;
        assert!(customer.is_err());
        fake.post("/v1/customers", &[("name", &index.to_string())]).unwrap();
    }
    assert_eq!(fake.get("/v1/customers", &[]).unwrap()["data"].as_array().unwrap().len(), 5);
    assert!(fake.deliveries().is_empty(), "still waiting on the endpoint");
}

#[tokio::test]
async fn disabled_and_deleted_endpoints_receive_nothing() {
    let fake = FakeStripe::builder().webhook_retries(1, Duration::from_millis(1)).start().await.unwrap();
    let (url, mut received) = receiver(vec![]).await;
    fake.register_webhook(&url, &["customer.created"]).unwrap();
    let endpoint = fake.get("/v1/webhook_endpoints", &[]).unwrap()["data"][0]["id"].as_str().unwrap().to_owned();
    fake.post(&format!("/v1/webhook_endpoints/{endpoint}"), &[("disabled", "true")]).unwrap();
    fake.post("/v1/customers", &[("name", "skipped")]).unwrap();
    fake.post(&format!("/v1/webhook_endpoints/{endpoint}"), &[("disabled", "false")]).unwrap();
    fake.post("/v1/customers", &[("name", "sent")]).unwrap();
    let (_, body) = within("a webhook delivery", received.recv()).await.unwrap();
    let event: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(event["data"]["object"]["name"], "sent");
    assert_eq!(fake.events()[0]["pending_webhooks"], 0);
}

#[test]
fn fixtures_decode_into_the_crates_types() {
    let subscription: Subscription =
        fixtures::subscription().id("sub_1").customer("cus_1").price("price_1").quantity(2).build().unwrap();
    assert_eq!((subscription.id.as_str(), subscription.customer_id()), ("sub_1", "cus_1"));
    assert_eq!(subscription.items.data[0].quantity, Some(2));
    let canceling: Subscription = fixtures::subscription().cancel_at(1_800_000_000).build().unwrap();
    assert_eq!(canceling.cancel_at, Some(1_800_000_000));
    let session: Session = fixtures::session().customer("cus_9").url("http://127.0.0.1:1/p/session/x").build().unwrap();
    assert_eq!(session.customer.as_deref(), Some("cus_9"));
    let configuration: Configuration = fixtures::configuration().is_default(true).build().unwrap();
    assert!(configuration.is_default);
    let customer: Customer =
        fixtures::customer().email("a@example.com").default_payment_method("pm_1").build().unwrap();
    assert_eq!(customer.default_payment_method(), Some("pm_1"));
    let card: PaymentMethod = fixtures::payment_method().customer("cus_1").card("mastercard", "4444").build().unwrap();
    assert_eq!(card.customer_id(), Some("cus_1"));
    let tax_id = fixtures::tax_id().customer("cus_2").build_json();
    assert_eq!(tax_id["owner"]["customer"], "cus_2");
    let custom = fixtures::customer().set("address.city", "Oslo").metadata("plan", "gold").build_json();
    assert_eq!((custom["address"]["city"].as_str(), custom["metadata"]["plan"].as_str()), (Some("Oslo"), Some("gold")));
}

#[test]
fn signed_fixture_events_pass_the_verifier() {
    let webhook = fixtures::event("customer.subscription.deleted")
        .id("evt_1")
        .object(fixtures::subscription().id("sub_1").status("canceled").build_json())
        .signed_at("whsec_test", 1_800_000_000);
    assert!(webhook.signature.starts_with("t=1800000000,v1="));
    let event = Verifier::new("whsec_test")
        .unwrap()
        .construct_event_at(&webhook.body, &webhook.signature, 1_800_000_000)
        .unwrap();
    assert_eq!(webhook.event_id(), "evt_1");
    let EventData::CustomerSubscriptionDeleted(subscription) = event.data else { panic!() };
    assert_eq!(subscription.id, "sub_1");
    let updated = fixtures::event("customer.subscription.updated")
        .object(fixtures::subscription().cancel_at(1_800_000_000).build_json())
        .previous_attributes(serde_json::json!({"cancel_at": null, "cancellation_details": {"reason": null}}))
        .signed_at("whsec_test", 1_800_000_000);
    let event = Verifier::new("whsec_test")
        .unwrap()
        .construct_event_at(&updated.body, &updated.signature, 1_800_000_000)
        .unwrap();
    let changes = event.subscription_changes().unwrap();
    assert!(
        matches!(
            changes.first(),
            Some(SubscriptionChange::CancellationScheduled { mode: CancellationMode::At(1_800_000_000), .. })
        ),
        "{changes:?}"
    );
}
