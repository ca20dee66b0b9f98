//! Subscriptions as a portal backend acts on them, against a mock Stripe on 127.0.0.1: retrieve,
//! list (auto-paginated), update, cancel (`DELETE`, params in the query string), the
//! cancel-at-period-end and undo helpers, refusals before sending, and the helper that turns a
//! single-item subscription into a `subscription_update_confirm` flow.
//!
//! Golden bodies come from the official Python SDK through `../shared/tools/stripe-encode`, with
//! the command above each; responses are Stripe's published `subscription` fixture.

mod support;

use serde_json::{json, Value};
use stripe_billing_portal::configurations::{CancellationReasonOption, ProrationBehavior};
use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
use stripe_billing_portal::subscriptions::{
    CancelAt, CancellationDetails, PauseCollection, PauseCollectionBehavior, Subscription, SubscriptionCancelParams,
    SubscriptionItemUpdate, SubscriptionListParams, SubscriptionListStatus, SubscriptionStatus,
    SubscriptionUpdateParams,
};
use stripe_billing_portal::{Emptyable, Error, MetadataUpdate};
use support::{
    assert_get, assert_invalid, assert_post, assert_query_call, assert_refused, body_text, client_for, every_item,
    fixture, only_request, received, stripe_answering, stripe_paging,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SUB_ID: &str = "sub_1Pgc6rB7WZ01zgkWNy0Cn5nw";
const SUB_PATH: &str = "/v1/subscriptions/sub_1Pgc6rB7WZ01zgkWNy0Cn5nw";

/// Stripe's published `subscription` fixture.
fn subscription_fixture() -> Value {
    fixture("subscription")
}

fn decode(body: Value) -> Subscription {
    serde_json::from_value(body).unwrap()
}

#[tokio::test]
async fn retrieve_is_a_get_with_the_id_in_the_path() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscription = client.subscriptions().retrieve(SUB_ID).send().await.unwrap();
    assert_get(&only_request(&server).await, SUB_PATH, &[]);

    // The typed subset of Stripe's fixture.
    assert_eq!(subscription.id, SUB_ID);
    assert_eq!(subscription.customer_id(), "cus_QXg1o8vcGmoR32");
    assert_eq!(subscription.status, SubscriptionStatus::Active);
    assert!(subscription.cancel_at_period_end);
    assert_eq!(subscription.items.data.len(), 1);
    assert!(!subscription.items.has_more);
    let item = &subscription.items.data[0];
    assert_eq!(item.id, "si_QXhVnC2h0Jczwc");
    assert_eq!(item.price.id, "price_1PgafmB7WZ01zgkW6dKueIc5");
    assert_eq!(item.quantity, Some(1));
}

#[tokio::test]
async fn retrieve_with_expand() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    client.subscriptions().retrieve(SUB_ID).expand("latest_invoice").expand("schedule").send().await.unwrap();
    let request = only_request(&server).await;
    // echo '{"expand":["latest_invoice","schedule"]}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(request.url.query(), Some("expand[0]=latest_invoice&expand[1]=schedule"));
}

#[tokio::test]
async fn invalid_ids_are_refused_before_sending() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    for id in ["sub_1/../../v1/customers", "sub 1"] {
        assert_invalid(client.subscriptions().retrieve(id).send().await, "subscription");
        assert_invalid(client.subscriptions().update(id, SubscriptionUpdateParams::new()).send().await, "subscription");
        assert_invalid(client.subscriptions().cancel(id, SubscriptionCancelParams::new()).send().await, "subscription");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_empty_id_is_refused_before_sending() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscriptions = client.subscriptions();
    let reason = "must not be empty";
    assert_refused(subscriptions.retrieve("").send().await, "subscription", reason);
    assert_refused(subscriptions.retrieve("").preview(), "subscription", reason);
    assert_refused(subscriptions.update("", SubscriptionUpdateParams::new()).send().await, "subscription", reason);
    assert_refused(subscriptions.cancel("", SubscriptionCancelParams::new()).send().await, "subscription", reason);
    assert_refused(subscriptions.cancel_at_period_end("").send().await, "subscription", reason);
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[tokio::test]
async fn ids_of_another_kind_are_refused_before_sending() {
    // `sub_` is the prefix Stripe fixes for a subscription id, in a path as in a body.
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscriptions = client.subscriptions();
    for id in ["cus_123", "si_123", "sub_", "SUB_123", "123"] {
        let reason = format!("{id:?} is not a `sub_…` id");
        assert_refused(subscriptions.retrieve(id).send().await, "subscription", &reason);
        assert_refused(subscriptions.update(id, SubscriptionUpdateParams::new()).send().await, "subscription", &reason);
        assert_refused(subscriptions.cancel(id, SubscriptionCancelParams::new()).send().await, "subscription", &reason);
        assert_refused(subscriptions.cancel_at_period_end(id).send().await, "subscription", &reason);
        assert_refused(subscriptions.retrieve(id).preview(), "subscription", &reason);
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_empty_status_filter_is_refused_before_sending() {
    let (server, client) = stripe_answering(200, list_page(&[], false)).await;
    let params = SubscriptionListParams::new().status(SubscriptionStatus::from(""));
    assert_refused(client.subscriptions().list(params).send().await, "status", "must not be empty");
    received(&server, 0).await;
}

#[tokio::test]
async fn look_up_then_deep_link_into_update_confirm() {
    // The guide's sequence: retrieve the subscription, read its item id, create the session.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v1/subscriptions/{SUB_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(subscription_fixture()))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/billing_portal/sessions"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("billing_portal.session")))
        .mount(&server)
        .await;
    let client = client_for(&server.uri());

    let subscription = client.subscriptions().retrieve(SUB_ID).send().await.unwrap();
    let confirm = subscription.update_confirm("price_gold", 3).unwrap();
    let customer = subscription.customer_id().to_owned();
    let params = SessionCreateParams::new(customer)
        .return_url("https://example.com/account")
        .configuration("bpc_1Pgc70B7WZ01zgkWSnFO04Vt")
        .flow_data(FlowData::subscription_update_confirm(confirm));
    client.sessions().create(params).send().await.unwrap();

    let requests = received(&server, 2).await;
    assert_eq!(requests[1].method.as_str(), "POST");
    // echo '{"customer":"cus_QXg1o8vcGmoR32","return_url":"https://example.com/account",
    //   "configuration":"bpc_1Pgc70B7WZ01zgkWSnFO04Vt","flow_data":{"type":"subscription_update_confirm",
    //   "subscription_update_confirm":{"subscription":"sub_1Pgc6rB7WZ01zgkWNy0Cn5nw",
    //   "items":[{"id":"si_QXhVnC2h0Jczwc","price":"price_gold","quantity":3}]}}}' | ../shared/tools/stripe-encode | head -1
    let golden = "customer=cus_QXg1o8vcGmoR32&return_url=https%3A%2F%2Fexample.com%2Faccount&configuration=bpc_1Pgc70B7WZ01zgkWSnFO04Vt&flow_data[type]=subscription_update_confirm&flow_data[subscription_update_confirm][subscription]=sub_1Pgc6rB7WZ01zgkWNy0Cn5nw&flow_data[subscription_update_confirm][items][0][id]=si_QXhVnC2h0Jczwc&flow_data[subscription_update_confirm][items][0][price]=price_gold&flow_data[subscription_update_confirm][items][0][quantity]=3";
    assert_eq!(String::from_utf8(requests[1].body.clone()).unwrap(), golden);
}

fn flow_pairs(
    subscription: &Subscription,
    build: impl Fn(&Subscription) -> Result<FlowData, Error>,
) -> Vec<(String, String)> {
    let params = SessionCreateParams::new("cus_1").flow_data(build(subscription).unwrap());
    stripe_billing_portal::form::to_pairs(&params).unwrap()
}

#[test]
fn price_only_and_quantity_only_changes() {
    let subscription = decode(subscription_fixture());
    let base = [
        ("customer", "cus_1"),
        ("flow_data[type]", "subscription_update_confirm"),
        ("flow_data[subscription_update_confirm][subscription]", SUB_ID),
        ("flow_data[subscription_update_confirm][items][0][id]", "si_QXhVnC2h0Jczwc"),
    ];
    let with = |extra: (&str, &str)| -> Vec<(String, String)> {
        base.iter().chain([&extra]).map(|(k, v)| (k.to_string(), v.to_string())).collect()
    };
    assert_eq!(
        flow_pairs(&subscription, |s| s.update_confirm_price("price_gold").map(FlowData::subscription_update_confirm)),
        with(("flow_data[subscription_update_confirm][items][0][price]", "price_gold"))
    );
    assert_eq!(
        flow_pairs(&subscription, |s| s.update_confirm_quantity(5).map(FlowData::subscription_update_confirm)),
        with(("flow_data[subscription_update_confirm][items][0][quantity]", "5"))
    );
}

fn assert_items_error(subscription: &Subscription, mentions: &[&str]) {
    for result in [
        subscription.update_confirm("price_gold", 1).map(drop),
        subscription.update_confirm_price("price_gold").map(drop),
        subscription.update_confirm_quantity(2).map(drop),
        subscription.single_item().map(drop),
    ] {
        match result {
            Err(Error::InvalidParam { param, reason }) => {
                assert_eq!(param, "flow_data[subscription_update_confirm][items]");
                for text in mentions {
                    assert!(reason.contains(text), "{reason:?} mentions {text:?}");
                }
            }
            other => panic!("expected an items error, got {other:?}"),
        }
    }
}

#[test]
fn a_subscription_without_items_is_a_clear_error() {
    let mut body = subscription_fixture();
    body["items"]["data"] = json!([]);
    assert_items_error(&decode(body), &[SUB_ID, "no items"]);
}

#[test]
fn a_subscription_with_two_items_is_a_clear_error() {
    let mut body = subscription_fixture();
    let mut second = fixture("subscription_item");
    second["id"] = json!("si_second");
    body["items"]["data"].as_array_mut().unwrap().push(second);
    assert_items_error(&decode(body), &[SUB_ID, "si_QXhVnC2h0Jczwc", "si_second"]);
}

#[test]
fn an_incomplete_item_list_is_not_taken_for_a_single_item() {
    let mut body = subscription_fixture();
    body["items"]["has_more"] = json!(true);
    assert_items_error(&decode(body), &[SUB_ID, "si_QXhVnC2h0Jczwc", "and more"]);
}

fn list_page(ids: &[&str], has_more: bool) -> Value {
    support::list_page("/v1/subscriptions", &subscription_fixture(), ids, has_more)
}

#[tokio::test]
async fn list_filters_by_customer_price_and_status_and_pages_on() {
    let (server, client) =
        stripe_paging("/v1/subscriptions", list_page(&["sub_1", "sub_2"], true), "sub_2", list_page(&["sub_3"], false))
            .await;
    // A legacy plan id is a valid price: no `price_` prefix is assumed.
    let params = SubscriptionListParams::new()
        .customer("cus_QXg1o8vcGmoR32")
        .price("gold-plan-2019")
        .status(SubscriptionListStatus::All)
        .limit(1);
    let (subscriptions, ids) = every_item(client.subscriptions().list(params).paginate()).await;
    assert_eq!(ids, ["sub_1", "sub_2", "sub_3"]);
    assert!(subscriptions.iter().all(|s| s.status == SubscriptionStatus::Active));

    let requests = received(&server, 2).await;
    let first = [("customer", "cus_QXg1o8vcGmoR32"), ("price", "gold-plan-2019"), ("status", "all"), ("limit", "1")];
    assert_get(&requests[0], "/v1/subscriptions", &first);
    // echo '{"customer":"cus_QXg1o8vcGmoR32","price":"gold-plan-2019","status":"all","limit":1}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(requests[0].url.query(), Some("customer=cus_QXg1o8vcGmoR32&price=gold-plan-2019&status=all&limit=1"));
    // echo '{"customer":"cus_QXg1o8vcGmoR32","price":"gold-plan-2019","status":"all","limit":1,"starting_after":"sub_2"}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        requests[1].url.query(),
        Some("customer=cus_QXg1o8vcGmoR32&price=gold-plan-2019&status=all&limit=1&starting_after=sub_2")
    );
}

#[tokio::test]
async fn collect_at_most_asks_for_what_it_needs() {
    let (server, client) = stripe_answering(200, list_page(&["sub_1", "sub_2"], true)).await;
    let first = client.subscriptions().list(SubscriptionListParams::new()).collect_at_most(2).await.unwrap();
    assert_eq!(first.len(), 2);
    assert_get(&only_request(&server).await, "/v1/subscriptions", &[("limit", "2")]);
}

/// Every update parameter at once: the body the official SDK sends for the same params.
fn every_update_parameter() -> SubscriptionUpdateParams {
    SubscriptionUpdateParams::new()
        .cancel_at(1_893_456_000)
        .cancellation_details(
            CancellationDetails::new()
                .comment("Budget cuts & more")
                .feedback(CancellationReasonOption::TooExpensive)
                .feedback_option("fo_123"),
        )
        .item(SubscriptionItemUpdate::change("si_1").price("price_gold").quantity(0))
        .item(SubscriptionItemUpdate::add("gold-plan-2019").quantity(2))
        .item(SubscriptionItemUpdate::delete("si_2"))
        .metadata("tier", "gold")
        .delete_metadata("old")
        .pause_collection(PauseCollection::new(PauseCollectionBehavior::KeepAsDraft).resumes_at(1_893_456_000))
        .proration_behavior(ProrationBehavior::CreateProrations)
        .expand("latest_invoice")
}

#[tokio::test]
async fn update_posts_every_parameter_as_the_official_sdk_does() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscription = client.subscriptions().update(SUB_ID, every_update_parameter()).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, SUB_PATH);
    // echo '{"cancel_at":1893456000,"cancellation_details":{"comment":"Budget cuts & more","feedback":"too_expensive",
    //   "feedback_option":"fo_123"},"items":[{"id":"si_1","price":"price_gold","quantity":0},
    //   {"price":"gold-plan-2019","quantity":2},{"id":"si_2","deleted":true}],"metadata":{"old":"","tier":"gold"},
    //   "pause_collection":{"behavior":"keep_as_draft","resumes_at":1893456000},"proration_behavior":"create_prorations",
    //   "expand":["latest_invoice"]}' | ../shared/tools/stripe-encode | head -1
    let golden = "cancel_at=1893456000&cancellation_details[comment]=Budget+cuts+%26+more&cancellation_details[feedback]=too_expensive&cancellation_details[feedback_option]=fo_123&items[0][id]=si_1&items[0][price]=price_gold&items[0][quantity]=0&items[1][price]=gold-plan-2019&items[1][quantity]=2&items[2][id]=si_2&items[2][deleted]=true&metadata[old]=&metadata[tier]=gold&pause_collection[behavior]=keep_as_draft&pause_collection[resumes_at]=1893456000&proration_behavior=create_prorations&expand[0]=latest_invoice";
    assert_eq!(body_text(&request), golden);
    assert_eq!(subscription.id, SUB_ID);
}

#[tokio::test]
async fn update_clears_with_empty_values() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let params = SubscriptionUpdateParams::new()
        .cancel_at(Emptyable::Clear)
        .cancellation_details(CancellationDetails::new().comment(Emptyable::Clear).feedback(Emptyable::Clear))
        .metadata_update(MetadataUpdate::clear_all())
        .pause_collection(Emptyable::Clear);
    client.subscriptions().update(SUB_ID, params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, SUB_PATH);
    // echo '{"cancel_at":"","cancellation_details":{"comment":"","feedback":""},"metadata":"","pause_collection":""}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        body_text(&request),
        "cancel_at=&cancellation_details[comment]=&cancellation_details[feedback]=&metadata=&pause_collection="
    );
}

#[tokio::test]
async fn update_cancels_at_the_latest_period_end() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let params = SubscriptionUpdateParams::new().cancel_at(CancelAt::MaxPeriodEnd);
    client.subscriptions().update(SUB_ID, params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, SUB_PATH);
    // echo '{"cancel_at":"max_period_end"}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(body_text(&request), "cancel_at=max_period_end");
    let min = SubscriptionUpdateParams::new().cancel_at(CancelAt::MinPeriodEnd);
    assert_eq!(stripe_billing_portal::form::to_string(&min).unwrap(), "cancel_at=min_period_end");
}

#[tokio::test]
async fn cancel_is_a_delete_with_its_params_in_the_query_string() {
    let mut canceled = subscription_fixture();
    canceled["status"] = json!("canceled");
    let (server, client) = stripe_answering(200, canceled).await;
    let params = SubscriptionCancelParams::new()
        .cancellation_details(
            CancellationDetails::new()
                .comment("Moving to another tool")
                .feedback(CancellationReasonOption::SwitchedService)
                .feedback_option("fo_123"),
        )
        .invoice_now(true)
        .prorate(false)
        .expand("latest_invoice");
    let subscription = client.subscriptions().cancel(SUB_ID, params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_query_call(
        &request,
        "DELETE",
        SUB_PATH,
        &[
            ("cancellation_details[comment]", "Moving to another tool"),
            ("cancellation_details[feedback]", "switched_service"),
            ("cancellation_details[feedback_option]", "fo_123"),
            ("invoice_now", "true"),
            ("prorate", "false"),
            ("expand[0]", "latest_invoice"),
        ],
    );
    // echo '{"cancellation_details":{"comment":"Moving to another tool","feedback":"switched_service",
    //   "feedback_option":"fo_123"},"invoice_now":true,"prorate":false,"expand":["latest_invoice"]}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        request.url.query(),
        Some("cancellation_details[comment]=Moving+to+another+tool&cancellation_details[feedback]=switched_service&cancellation_details[feedback_option]=fo_123&invoice_now=true&prorate=false&expand[0]=latest_invoice")
    );
    assert_eq!(subscription.status, SubscriptionStatus::Canceled);
}

#[tokio::test]
async fn cancel_without_params_sends_no_query() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    client.subscriptions().cancel(SUB_ID, SubscriptionCancelParams::new()).send().await.unwrap();
    assert_query_call(&only_request(&server).await, "DELETE", SUB_PATH, &[]);
}

#[tokio::test]
async fn cancel_at_period_end_schedules_the_end() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    client.subscriptions().cancel_at_period_end(SUB_ID).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, SUB_PATH);
    // echo '{"cancel_at_period_end":true}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(body_text(&request), "cancel_at_period_end=true");
}

/// What `undo_cancel` sends for a subscription in this state.
async fn undo_body(cancel_at_period_end: bool, cancel_at: Value) -> String {
    let mut state = subscription_fixture();
    state["cancel_at_period_end"] = json!(cancel_at_period_end);
    state["cancel_at"] = cancel_at;
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    client.subscriptions().undo_cancel(&decode(state)).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, SUB_PATH);
    body_text(&request).to_owned()
}

#[tokio::test]
async fn undo_cancel_reverses_whichever_way_the_end_was_scheduled() {
    // Classic billing mode: `cancel_at_period_end` was set.
    // echo '{"cancel_at_period_end":false}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(undo_body(true, json!(1_893_456_000)).await, "cancel_at_period_end=false");
    // Flexible billing mode (the portal's default): only `cancel_at` was set.
    // echo '{"cancel_at":""}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(undo_body(false, json!(1_893_456_000)).await, "cancel_at=");
    // Nothing scheduled: clearing `cancel_at` again changes nothing, so handlers can repeat it.
    assert_eq!(undo_body(false, Value::Null).await, "cancel_at=");
}

#[tokio::test]
async fn bad_values_are_refused_before_sending_naming_the_parameter() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscriptions = client.subscriptions();
    let list = |params: SubscriptionListParams| subscriptions.list(params).send();
    assert_invalid(list(SubscriptionListParams::new().customer("sub_1")).await, "customer");
    assert_invalid(list(SubscriptionListParams::new().price("")).await, "price");
    assert_invalid(list(SubscriptionListParams::new().limit(101)).await, "limit");
    assert_invalid(list(SubscriptionListParams::new().starting_after("a").ending_before("b")).await, "ending_before");

    let update = |params: SubscriptionUpdateParams| subscriptions.update(SUB_ID, params).send();
    assert_invalid(update(SubscriptionUpdateParams::new().cancel_at(0)).await, "cancel_at");
    assert_invalid(
        update(
            SubscriptionUpdateParams::new()
                .item(SubscriptionItemUpdate::change("si_1"))
                .item(SubscriptionItemUpdate::change("sub_1").price("price_gold")),
        )
        .await,
        "items[1][id]",
    );
    assert_invalid(
        update(SubscriptionUpdateParams::new().item(SubscriptionItemUpdate::add("price gold"))).await,
        "items[0][price]",
    );
    assert_invalid(
        update(SubscriptionUpdateParams::new().cancellation_details(CancellationDetails::new().comment(""))).await,
        "cancellation_details[comment]",
    );
    assert_invalid(
        update(SubscriptionUpdateParams::new().cancellation_details(CancellationDetails::new().feedback_option("")))
            .await,
        "cancellation_details[feedback_option]",
    );
    assert_invalid(
        update(
            SubscriptionUpdateParams::new()
                .pause_collection(PauseCollection::new(PauseCollectionBehavior::Void).resumes_at(-1)),
        )
        .await,
        "pause_collection[resumes_at]",
    );
    assert_invalid(update(SubscriptionUpdateParams::new().metadata("tier", "")).await, "metadata[tier]");
    assert_invalid(update(SubscriptionUpdateParams::new().expand("")).await, "expand[0]");

    let cancel = |params: SubscriptionCancelParams| subscriptions.cancel(SUB_ID, params).send();
    assert_invalid(
        cancel(SubscriptionCancelParams::new().cancellation_details(CancellationDetails::new().comment(""))).await,
        "cancellation_details[comment]",
    );
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

/// The `cancellation_details[reason]` values `billing-portal-params.md` lists (open: more may come).
#[test]
fn every_documented_cancellation_reason_has_its_variant() {
    use stripe_billing_portal::subscriptions::CancellationReason;
    documented! {
        CancellationReason: CanceledByRetentionPolicy = "canceled_by_retention_policy", CancellationRequested = "cancellation_requested", PaymentDisputed = "payment_disputed", PaymentFailed = "payment_failed";
    }
}

#[test]
fn an_unknown_pause_behavior_or_list_status_is_sent_as_written() {
    let params = SubscriptionUpdateParams::new()
        .pause_collection(PauseCollection::new(PauseCollectionBehavior::Other("hold".into())));
    assert_eq!(stripe_billing_portal::form::to_string(&params).unwrap(), "pause_collection[behavior]=hold");
    let params = SubscriptionListParams::new().status(SubscriptionStatus::from("archived"));
    assert_eq!(stripe_billing_portal::form::to_string(&params).unwrap(), "status=archived");
    let params = SubscriptionListParams::new().status(SubscriptionStatus::PastDue);
    assert_eq!(stripe_billing_portal::form::to_string(&params).unwrap(), "status=past_due");
    let params = SubscriptionListParams::new().status(SubscriptionListStatus::Ended);
    assert_eq!(stripe_billing_portal::form::to_string(&params).unwrap(), "status=ended");
    assert_eq!(PauseCollectionBehavior::from("void"), PauseCollectionBehavior::Void);
}

/// An open enum set to an empty `Other("")` would go out as `key=`, which clears (or, where the
/// field is not emptyable, is refused by Stripe): each is refused before sending, named by its path.
#[tokio::test]
async fn empty_open_enum_values_are_refused_naming_the_parameter() {
    let (server, client) = stripe_answering(200, subscription_fixture()).await;
    let subscriptions = client.subscriptions();
    let update = |params: SubscriptionUpdateParams| subscriptions.update(SUB_ID, params).send();
    let no_reason = || CancellationDetails::new().feedback(CancellationReasonOption::Other(String::new()));
    assert_invalid(
        update(SubscriptionUpdateParams::new().cancellation_details(no_reason())).await,
        "cancellation_details[feedback]",
    );
    assert_invalid(
        update(
            SubscriptionUpdateParams::new()
                .pause_collection(PauseCollection::new(PauseCollectionBehavior::Other(String::new()))),
        )
        .await,
        "pause_collection[behavior]",
    );
    assert_invalid(
        update(SubscriptionUpdateParams::new().proration_behavior(ProrationBehavior::Other(String::new()))).await,
        "proration_behavior",
    );
    let cancel = SubscriptionCancelParams::new().cancellation_details(no_reason());
    assert_invalid(subscriptions.cancel(SUB_ID, cancel).send().await, "cancellation_details[feedback]");
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}
