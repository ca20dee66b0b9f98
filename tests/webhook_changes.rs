//! `Event::subscription_changes`: what each event means for a subscription, from signed payloads.
//! The portal's cancellation in both billing modes (two `customer.subscription.updated` events,
//! the feedback only in the second), withdrawal, pause, price and quantity changes, invoices and
//! discounts, and a handler that stays right when events come twice or out of order.

mod support;

use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use stripe_billing_portal::subscriptions::{
    CancellationFeedback, CancellationReason, PauseCollectionBehavior, SubscriptionStatus,
};
use stripe_billing_portal::webhooks::{
    signature_header, CancellationMode, Event, EventData, PreviousItem, SubscriptionChange, Verifier,
};
use stripe_billing_portal::Expandable;
use support::fixture;

const SECRET: &str = "whsec_changes_secret";
const NOW: i64 = 1_767_300_000;
const SUB: &str = "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw";
/// The item's current period end: where an at-period-end cancellation lands.
const PERIOD_END: i64 = 1_769_904_000;

fn event(id: &str, created: i64, event_type: &str, object: Value, previous: Option<Value>) -> Event {
    let mut data = json!({ "object": object });
    if let Some(previous) = previous {
        data["previous_attributes"] = previous;
    }
    let body = serde_json::to_vec(&json!({
        "id": id, "object": "event", "api_version": "2026-10-28.endive", "created": created,
        "livemode": false, "pending_webhooks": 1, "request": { "id": null, "idempotency_key": null },
        "type": event_type, "data": data,
    }))
    .unwrap();
    let header = signature_header(&body, SECRET, NOW);
    Verifier::new(SECRET).unwrap().construct_event_at(&body, &header, NOW).unwrap()
}

/// An active subscription in `mode` (classic or flexible) with one item whose period ends at
/// [`PERIOD_END`], no cancellation.
fn active(mode: &str) -> Value {
    let mut subscription = fixture("subscription");
    subscription["billing_mode"] = json!({ "type": mode });
    subscription["status"] = json!("active");
    subscription["cancel_at_period_end"] = json!(false);
    subscription["cancel_at"] = Value::Null;
    subscription["canceled_at"] = Value::Null;
    subscription["ended_at"] = Value::Null;
    subscription["pause_collection"] = Value::Null;
    subscription["cancellation_details"] = json!({ "comment": null, "feedback": null, "reason": null });
    subscription["items"]["data"][0]["current_period_start"] = json!(PERIOD_END - 2_678_400);
    subscription["items"]["data"][0]["current_period_end"] = json!(PERIOD_END);
    subscription
}

/// The two `customer.subscription.updated` events of a portal cancellation with feedback, as the
/// billing mode writes them: (confirmed, survey answered).
fn portal_cancellation(mode: &str) -> (Event, Event) {
    let mut confirmed = active(mode);
    confirmed["cancel_at"] = json!(PERIOD_END);
    confirmed["cancellation_details"]["reason"] = json!("cancellation_requested");
    let first_previous = if mode == "classic" {
        confirmed["cancel_at_period_end"] = json!(true);
        confirmed["canceled_at"] = json!(NOW - 10);
        json!({ "cancel_at": null, "cancel_at_period_end": false, "canceled_at": null, "cancellation_details": { "reason": null } })
    } else {
        // Flexible: observed `previous_attributes`; `cancel_at_period_end` stays false.
        json!({ "cancel_at": null, "cancellation_details": { "reason": null } })
    };
    let first =
        event("evt_cancel_1", NOW - 10, "customer.subscription.updated", confirmed.clone(), Some(first_previous));

    let mut answered = confirmed;
    answered["cancellation_details"]["feedback"] = json!("too_expensive");
    answered["cancellation_details"]["comment"] = json!("Half the price and I'd stay");
    let second_previous = json!({ "cancellation_details": { "feedback": null, "comment": null } });
    let second = event("evt_cancel_2", NOW - 3, "customer.subscription.updated", answered, Some(second_previous));
    (first, second)
}

fn changes(event: &Event) -> Vec<SubscriptionChange> {
    let changes = event.subscription_changes().expect("a subscription event");
    assert_eq!(changes.subscription_id(), SUB);
    changes.to_vec()
}

/// The one change of a cancellation event: (mode, cancel_at, feedback, comment, reason).
fn scheduled(
    event: &Event,
) -> (CancellationMode, Option<i64>, Option<CancellationFeedback>, Option<String>, Option<CancellationReason>) {
    match changes(event).as_slice() {
        [SubscriptionChange::CancellationScheduled { mode, cancel_at, details }] => {
            (*mode, *cancel_at, details.feedback.clone(), details.comment.clone(), details.reason.clone())
        }
        other => panic!("expected one CancellationScheduled, got {other:?}"),
    }
}

#[test]
fn flexible_portal_cancellation_is_scheduled_at_period_end_and_its_feedback_comes_second() {
    let (first, second) = portal_cancellation("flexible");
    assert!(!first.data.subscription().unwrap().cancel_at_period_end, "flexible mode leaves it false");
    let requested = Some(CancellationReason::CancellationRequested);
    assert_eq!(scheduled(&first), (CancellationMode::AtPeriodEnd, Some(PERIOD_END), None, None, requested.clone()));
    assert_eq!(
        scheduled(&second),
        (
            CancellationMode::AtPeriodEnd,
            Some(PERIOD_END),
            Some(CancellationFeedback::TooExpensive),
            Some("Half the price and I'd stay".to_owned()),
            requested
        )
    );
}

#[test]
fn classic_portal_cancellation_is_the_same_change_from_cancel_at_period_end() {
    let (first, second) = portal_cancellation("classic");
    assert!(first.data.subscription().unwrap().cancel_at_period_end);
    assert_eq!(scheduled(&first).0, CancellationMode::AtPeriodEnd);
    assert_eq!(scheduled(&first).2, None);
    assert_eq!(scheduled(&second).0, CancellationMode::AtPeriodEnd);
    assert_eq!(scheduled(&second).2, Some(CancellationFeedback::TooExpensive));
}

#[test]
fn a_cancel_at_that_is_not_the_period_end_is_a_dated_cancellation() {
    let mut subscription = active("flexible");
    subscription["cancel_at"] = json!(PERIOD_END - 86_400);
    let event =
        event("evt_dated", NOW, "customer.subscription.updated", subscription, Some(json!({ "cancel_at": null })));
    assert_eq!(scheduled(&event).0, CancellationMode::At(PERIOD_END - 86_400));
    assert_eq!(scheduled(&event).1, Some(PERIOD_END - 86_400));
}

#[test]
fn renewing_withdraws_the_cancellation_in_both_modes() {
    let flexible = event(
        "evt_renew_flex",
        NOW,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "cancel_at": PERIOD_END, "cancellation_details": { "reason": "cancellation_requested" } })),
    );
    assert_eq!(changes(&flexible), vec![SubscriptionChange::CancellationWithdrawn]);
    let classic = event(
        "evt_renew_classic",
        NOW,
        "customer.subscription.updated",
        active("classic"),
        Some(json!({ "cancel_at": PERIOD_END, "cancel_at_period_end": true, "canceled_at": NOW - 100 })),
    );
    assert_eq!(changes(&classic), vec![SubscriptionChange::CancellationWithdrawn]);
}

#[test]
fn the_end_is_canceled_with_the_details_and_late_feedback_too() {
    let mut ended = active("flexible");
    ended["status"] = json!("canceled");
    ended["ended_at"] = json!(NOW);
    ended["canceled_at"] = json!(NOW);
    ended["cancellation_details"]["reason"] = json!("cancellation_requested");
    let deleted = event("evt_deleted", NOW, "customer.subscription.deleted", ended.clone(), None);
    let list = changes(&deleted);
    let [SubscriptionChange::Canceled { ended_at, details }] = list.as_slice() else { panic!("{list:?}") };
    assert_eq!((*ended_at, details.feedback.clone()), (Some(NOW), None));

    // `mode = immediately`, then the survey: an update of the ended subscription with the feedback.
    ended["cancellation_details"]["feedback"] = json!("switched_service");
    let feedback = event(
        "evt_late_feedback",
        NOW + 5,
        "customer.subscription.updated",
        ended,
        Some(json!({ "cancellation_details": { "feedback": null } })),
    );
    let list = changes(&feedback);
    let [SubscriptionChange::Canceled { details, .. }] = list.as_slice() else { panic!("{list:?}") };
    assert_eq!(details.feedback, Some(CancellationFeedback::SwitchedService));
}

#[test]
fn plan_and_seat_changes_are_read_from_the_previous_items() {
    let mut old_items = active("flexible")["items"].clone();
    old_items["data"][0]["price"]["id"] = json!("price_basic_monthly");
    old_items["data"][0]["quantity"] = json!(4);
    let event = event(
        "evt_plan",
        NOW,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "items": old_items })),
    );
    assert_eq!(changes(&event), vec![SubscriptionChange::PriceChanged, SubscriptionChange::QuantityChanged]);
    let changes = event.subscription_changes().unwrap();
    assert_eq!(changes.previous_items().unwrap()[0].price.as_deref(), Some("price_basic_monthly"));
    assert_eq!(changes.subscription().unwrap().items.data[0].price.id, "price_1PgafmB7WZ01zgkW6dKueIc5");
}

#[test]
fn previous_items_are_read_from_bare_price_ids_too() {
    let previous = json!({ "items": { "object": "list", "data": [{ "id": "si_QXhVnC2h0Jczwc", "price": "price_old", "quantity": 1 }] } });
    let event = event("evt_bare", NOW, "customer.subscription.updated", active("classic"), Some(previous));
    let changes = event.subscription_changes().unwrap();
    let got: &PreviousItem = &changes.previous_items().unwrap()[0];
    assert_eq!(
        (got.id.as_deref(), got.price.as_deref(), got.quantity),
        (Some("si_QXhVnC2h0Jczwc"), Some("price_old"), Some(1))
    );
    assert_eq!(changes.to_vec(), vec![SubscriptionChange::PriceChanged]);
}

#[test]
fn status_pause_and_collection_changes() {
    let mut paused = active("flexible");
    paused["status"] = json!("paused");
    let e = event("evt_p", NOW, "customer.subscription.updated", paused.clone(), Some(json!({ "status": "active" })));
    assert_eq!(changes(&e), vec![SubscriptionChange::Paused]);
    let e = event("evt_p2", NOW, "customer.subscription.paused", paused, None);
    assert_eq!(changes(&e), vec![SubscriptionChange::Paused]);
    let e =
        event("evt_r", NOW, "customer.subscription.updated", active("flexible"), Some(json!({ "status": "paused" })));
    assert_eq!(changes(&e), vec![SubscriptionChange::Resumed]);
    let e = event("evt_r2", NOW, "customer.subscription.resumed", active("flexible"), None);
    assert_eq!(changes(&e), vec![SubscriptionChange::Resumed]);
    let mut ended = active("flexible");
    ended["status"] = json!("canceled");
    let e = event("evt_pc", NOW, "customer.subscription.updated", ended, Some(json!({ "status": "paused" })));
    assert!(matches!(changes(&e)[..], [SubscriptionChange::Canceled { .. }]), "ended, not resumed: {:?}", changes(&e));

    let e =
        event("evt_s", NOW, "customer.subscription.updated", active("flexible"), Some(json!({ "status": "trialing" })));
    assert_eq!(
        changes(&e),
        vec![SubscriptionChange::StatusChanged {
            from: Some(SubscriptionStatus::Trialing),
            to: SubscriptionStatus::Active
        }]
    );
    assert_eq!(e.subscription_changes().unwrap().previous_status(), Some(SubscriptionStatus::Trialing));

    let mut collection = active("flexible");
    collection["pause_collection"] = json!({ "behavior": "void", "resumes_at": null });
    let e = event("evt_c", NOW, "customer.subscription.updated", collection, Some(json!({ "pause_collection": null })));
    let list = changes(&e);
    let [SubscriptionChange::CollectionPaused(pause)] = list.as_slice() else { panic!("{list:?}") };
    assert_eq!((&pause.behavior, pause.resumes_at), (&PauseCollectionBehavior::Void, None));
    let e = event(
        "evt_c2",
        NOW,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "pause_collection": { "behavior": "void", "resumes_at": null } })),
    );
    assert_eq!(changes(&e), vec![SubscriptionChange::CollectionResumed]);
}

/// The portal's `schedule_at_period_end`: a schedule is attached now (`schedule` null → id), and
/// the price changes when it applies at the period end (the schedule released).
#[test]
fn a_change_scheduled_for_the_period_end_is_told_apart_from_the_change_itself() {
    let mut scheduled = active("flexible");
    scheduled["schedule"] = json!("sub_sched_1QdzQ3B7WZ01zgkW");
    let e = event("evt_sched", NOW, "customer.subscription.updated", scheduled, Some(json!({ "schedule": null })));
    assert_eq!(changes(&e), vec![SubscriptionChange::UpdateScheduled]);
    assert_eq!(e.subscription_changes().unwrap().previous("schedule"), Some(&Value::Null));

    let mut old_items = active("flexible")["items"].clone();
    old_items["data"][0]["price"]["id"] = json!("price_team_monthly");
    let applied = event(
        "evt_sched_applied",
        PERIOD_END,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "items": old_items, "schedule": "sub_sched_1QdzQ3B7WZ01zgkW" })),
    );
    assert_eq!(changes(&applied), vec![SubscriptionChange::PriceChanged]);
}

#[test]
fn lifecycle_events_each_give_their_change() {
    let e = event("evt_new", NOW, "customer.subscription.created", active("flexible"), None);
    assert_eq!(changes(&e), vec![SubscriptionChange::Created]);
    let e = event("evt_pa", NOW, "customer.subscription.pending_update_applied", active("flexible"), None);
    assert_eq!(changes(&e), vec![SubscriptionChange::PendingUpdateApplied]);
    let e = event("evt_pe", NOW, "customer.subscription.pending_update_expired", active("flexible"), None);
    assert_eq!(changes(&e), vec![SubscriptionChange::PendingUpdateExpired]);
    let mut trialing = active("flexible");
    trialing["trial_end"] = json!(NOW + 259_200);
    let e = event("evt_t", NOW, "customer.subscription.trial_will_end", trialing, None);
    assert_eq!(changes(&e), vec![SubscriptionChange::TrialWillEnd { trial_end: Some(NOW + 259_200) }]);

    let e = event(
        "evt_pm",
        NOW,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "default_payment_method": null, "discounts": [] })),
    );
    assert_eq!(
        changes(&e),
        vec![SubscriptionChange::DiscountsChanged, SubscriptionChange::DefaultPaymentMethodChanged]
    );
    let e = event(
        "evt_meta",
        NOW,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "metadata": {}, "description": null })),
    );
    assert_eq!(
        changes(&e),
        vec![SubscriptionChange::Updated { fields: vec!["description".into(), "metadata".into()] }]
    );
}

#[test]
fn invoice_and_discount_events_name_their_subscription() {
    let mut invoice = fixture("invoice");
    invoice["parent"] = json!({ "type": "subscription_details", "subscription_details": { "subscription": SUB } });
    invoice["attempt_count"] = json!(1);
    invoice["next_payment_attempt"] = json!(NOW + 86_400);
    let e = event("evt_if", NOW, "invoice.payment_failed", invoice.clone(), None);
    assert_eq!(
        changes(&e),
        vec![SubscriptionChange::PaymentFailed { attempt_count: 1, next_payment_attempt: Some(NOW + 86_400) }]
    );
    assert!(e.subscription_changes().unwrap().subscription().is_none());
    for (event_type, change) in [
        ("invoice.created", SubscriptionChange::InvoiceCreated),
        ("invoice.finalized", SubscriptionChange::InvoiceFinalized),
        ("invoice.paid", SubscriptionChange::InvoicePaid),
    ] {
        assert_eq!(changes(&event("evt_i", NOW, event_type, invoice.clone(), None)), vec![change]);
    }
    // `invoice.payment_succeeded` comes with `invoice.paid`: typed, but not reported a second time.
    let succeeded = event("evt_ps", NOW, "invoice.payment_succeeded", invoice.clone(), None);
    assert!(matches!(succeeded.data, EventData::InvoicePaymentSucceeded(_)));
    assert!(succeeded.subscription_changes().is_none());
    // Nor do a subscription's proration item and schedule: the `customer.subscription.updated`
    // that comes with them reports the change.
    let mut proration = fixture("invoiceitem");
    proration["proration"] = json!(true);
    proration["parent"] = json!({ "type": "subscription_details", "subscription_details": { "subscription": SUB } });
    let item = event("evt_ii", NOW, "invoiceitem.created", proration, None);
    assert_eq!(item.data.invoice_item().and_then(|item| item.subscription_id()), Some(SUB));
    assert!(item.subscription_changes().is_none());
    let mut schedule = fixture("subscription_schedule");
    schedule["subscription"] = json!(SUB);
    let schedule = event("evt_ss", NOW, "subscription_schedule.created", schedule, None);
    assert!(matches!(schedule.data, EventData::SubscriptionScheduleCreated(_)));
    assert!(schedule.subscription_changes().is_none());
    // An invoice of no subscription, and a customer-level discount, say nothing about one.
    let mut one_off = fixture("invoice");
    one_off["parent"] = Value::Null;
    assert!(event("evt_io", NOW, "invoice.paid", one_off, None).subscription_changes().is_none());
    assert!(event("evt_dc", NOW, "customer.discount.created", fixture("discount"), None)
        .subscription_changes()
        .is_none());

    let mut retention = fixture("discount");
    retention["subscription"] = json!(SUB);
    let e = event("evt_ds", NOW, "customer.discount.created", retention, None);
    assert_eq!(changes(&e), vec![SubscriptionChange::DiscountsChanged]);
}

#[test]
fn events_about_other_objects_say_nothing_about_subscriptions() {
    for (event_type, object) in [
        ("customer.updated", "customer"),
        ("payment_method.attached", "payment_method"),
        ("customer.tax_id.created", "tax_id"),
        ("billing_portal.session.created", "billing_portal.session"),
        ("setup_intent.created", "setup_intent"),
        ("setup_intent.succeeded", "setup_intent"),
    ] {
        assert!(
            event("evt_x", NOW, event_type, fixture(object), None).subscription_changes().is_none(),
            "{event_type}"
        );
    }
}

#[test]
fn an_expanded_customer_still_names_the_subscription() {
    let mut subscription = active("flexible");
    subscription["customer"] = fixture("customer");
    let e = event("evt_exp", NOW, "customer.subscription.created", subscription, None);
    let changes = e.subscription_changes().unwrap();
    assert_eq!(changes.subscription_id(), SUB);
    assert!(matches!(changes.subscription().unwrap().customer, Expandable::Object(_)));
}

/// The handler the crate's docs show: dedupe by event id, let only the newest event set the
/// state, merge feedback.
#[derive(Default, Debug, PartialEq)]
struct Store {
    handled: HashSet<String>,
    last_seen: HashMap<String, i64>,
    ends_at: HashMap<String, Option<i64>>,
    feedback: HashMap<String, String>,
    times_applied: usize,
}

fn handle(store: &mut Store, event: &Event) {
    if !store.handled.insert(event.id.clone()) {
        return;
    }
    store.times_applied += 1;
    let Some(changes) = event.subscription_changes() else { return };
    let id = changes.subscription_id().to_owned();
    let newest = store.last_seen.get(&id).is_none_or(|seen| event.created >= *seen);
    for change in changes.iter() {
        match change {
            SubscriptionChange::CancellationScheduled { cancel_at, details, .. }
            | SubscriptionChange::Canceled { ended_at: cancel_at, details } => {
                if newest {
                    store.ends_at.insert(id.clone(), *cancel_at);
                }
                if let Some(feedback) = &details.feedback {
                    store.feedback.insert(id.clone(), feedback.to_string());
                }
            }
            SubscriptionChange::CancellationWithdrawn if newest => {
                store.ends_at.remove(&id);
            }
            _ => {}
        }
    }
    if newest {
        store.last_seen.insert(id, event.created);
    }
}

#[test]
fn duplicates_and_any_order_give_the_same_state() {
    for mode in ["flexible", "classic"] {
        let (first, second) = portal_cancellation(mode);
        let mut in_order = Store::default();
        for event in [&first, &second] {
            handle(&mut in_order, event);
        }
        assert_eq!(in_order.ends_at[SUB], Some(PERIOD_END), "{mode}");
        assert_eq!(in_order.feedback[SUB], "too_expensive", "{mode}");

        let mut shuffled = Store::default();
        for event in [&second, &first, &second, &first] {
            handle(&mut shuffled, event);
        }
        assert_eq!(shuffled.times_applied, 2, "duplicates are skipped");
        assert_eq!((&shuffled.ends_at, &shuffled.feedback), (&in_order.ends_at, &in_order.feedback), "{mode}");
    }

    // A renewal after the cancellation wins, even when the older cancellation arrives last.
    let (first, second) = portal_cancellation("flexible");
    let renewal = event(
        "evt_renew",
        NOW + 60,
        "customer.subscription.updated",
        active("flexible"),
        Some(json!({ "cancel_at": PERIOD_END })),
    );
    let mut store = Store::default();
    for event in [&renewal, &second, &first] {
        handle(&mut store, event);
    }
    assert_eq!(store.ends_at.get(SUB), None);
}

#[test]
fn a_moved_end_date_is_the_cancellation_again_with_its_new_date() {
    // Classic mode: `cancel_at` follows the period end when that moves.
    let mut moved = active("classic");
    moved["cancel_at_period_end"] = json!(true);
    moved["cancel_at"] = json!(PERIOD_END);
    let e = event(
        "evt_moved",
        NOW,
        "customer.subscription.updated",
        moved,
        Some(json!({ "cancel_at": PERIOD_END - 3_600 })),
    );
    assert_eq!(scheduled(&e).0, CancellationMode::AtPeriodEnd);
    assert_eq!(scheduled(&e).1, Some(PERIOD_END));
}

#[test]
fn an_update_without_previous_attributes_names_no_field() {
    let e = event("evt_bare_update", NOW, "customer.subscription.updated", active("flexible"), None);
    assert_eq!(changes(&e), vec![SubscriptionChange::Updated { fields: vec![] }]);
    assert_eq!(e.subscription_changes().unwrap().previous("status"), None);
}
