//! Billing feedback options against a mock Stripe on 127.0.0.1: every endpoint's method, path,
//! body or query and decoding, auto-pagination, refusals before sending, and the object decoded
//! plain and expanded (in a configuration's `cancellation_reason.feedback_options`).
//!
//! Stripe publishes no fixture for `billing.feedback_option`; `fixtures/billing.feedback_option.json`
//! is written from the shape in `../shared/reference/billing-portal-params.md`. Golden bodies come
//! from the official Python SDK through `../shared/tools/stripe-encode`, with the command above each.

mod support;

use serde_json::{json, Value};
use stripe_billing_portal::configurations::{
    CancellationReason, Configuration, ConfigurationUpdateParams, Features, SubscriptionCancelFeature,
};
use stripe_billing_portal::feedback_options::{
    FeedbackOption, FeedbackOptionCreateParams, FeedbackOptionListParams, FeedbackOptionStatus,
    FeedbackOptionUpdateParams,
};
use stripe_billing_portal::{Emptyable, Expandable};
use support::{
    assert_get, assert_invalid, assert_post, body_text, every_item, fixture, only_request, received, stripe_answering,
    stripe_paging,
};

const ID: &str = "bfo_61TgQn9C3XHl1LK9z41L0yoVOz4Em5aA";
const PATH: &str = "/v1/billing/feedback_options";

fn option_fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/billing.feedback_option.json")).unwrap()
}

fn deactivated_fixture() -> Value {
    let mut body = option_fixture();
    body["status"] = json!("inactive");
    body["status_transitions"]["deactivated_at"] = json!(1_767_226_000);
    body
}

fn assert_is_fixture(option: &FeedbackOption) {
    assert_eq!(option.id, ID);
    assert_eq!(option.description, "Too expensive for my team");
    assert!(!option.livemode);
    assert_eq!(option.status, FeedbackOptionStatus::Active);
    assert_eq!(option.status_transitions.deactivated_at, None);
}

#[tokio::test]
async fn create_posts_the_description() {
    let (server, client) = stripe_answering(200, option_fixture()).await;
    let params = FeedbackOptionCreateParams::new("Trop cher — 100 €/mois").expand("x");
    let option = client.feedback_options().create(params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, PATH);
    // echo '{"description":"Trop cher — 100 €/mois","expand":["x"]}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(body_text(&request), "description=Trop+cher+%E2%80%94+100+%E2%82%AC%2Fmois&expand[0]=x");
    assert_is_fixture(&option);
}

#[tokio::test]
async fn retrieve_gets_by_id() {
    let (server, client) = stripe_answering(200, option_fixture()).await;
    let option = client.feedback_options().retrieve(ID).send().await.unwrap();
    assert_get(&only_request(&server).await, &format!("{PATH}/{ID}"), &[]);
    assert_is_fixture(&option);
}

#[tokio::test]
async fn update_posts_to_the_id() {
    let (server, client) = stripe_answering(200, option_fixture()).await;
    let params = FeedbackOptionUpdateParams::new().description("Missing a feature");
    let option = client.feedback_options().update(ID, params).send().await.unwrap();
    assert_is_fixture(&option);
    let request = only_request(&server).await;
    assert_post(&request, &format!("{PATH}/{ID}"));
    // echo '{"description":"Missing a feature"}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(body_text(&request), "description=Missing+a+feature");
}

#[tokio::test]
async fn deactivate_posts_to_the_action_path() {
    let (server, client) = stripe_answering(200, deactivated_fixture()).await;
    let option = client.feedback_options().deactivate(ID).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, &format!("{PATH}/{ID}/deactivate"));
    assert!(request.body.is_empty());
    assert_eq!(option.status, FeedbackOptionStatus::Inactive);
    assert_eq!(option.status_transitions.deactivated_at, Some(1_767_226_000));
}

#[tokio::test]
async fn deactivate_with_expand_sends_it_in_the_body() {
    let (server, client) = stripe_answering(200, deactivated_fixture()).await;
    client.feedback_options().deactivate(ID).expand("x").send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, &format!("{PATH}/{ID}/deactivate"));
    // echo '{"expand":["x"]}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(body_text(&request), "expand[0]=x");
}

fn page(ids: &[&str], has_more: bool) -> Value {
    support::list_page(PATH, &deactivated_fixture(), ids, has_more)
}

#[tokio::test]
async fn list_filters_by_status_and_pages_on() {
    let (server, client) = stripe_paging(PATH, page(&["bfo_1", "bfo_2"], true), "bfo_2", page(&["bfo_3"], false)).await;
    let params = FeedbackOptionListParams::new().status(FeedbackOptionStatus::Inactive).limit(2);
    let (options, ids) = every_item(client.feedback_options().list(params).paginate()).await;
    assert_eq!(ids, ["bfo_1", "bfo_2", "bfo_3"]);
    assert!(options.iter().all(|o| o.status == FeedbackOptionStatus::Inactive));

    let requests = received(&server, 2).await;
    // echo '{"status":"inactive","limit":2}' | ../shared/tools/stripe-encode | head -1
    assert_get(&requests[0], PATH, &[("status", "inactive"), ("limit", "2")]);
    assert_eq!(requests[0].url.query(), Some("status=inactive&limit=2"));
    // echo '{"status":"inactive","limit":2,"starting_after":"bfo_2"}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(requests[1].url.query(), Some("status=inactive&limit=2&starting_after=bfo_2"));
}

#[tokio::test]
async fn any_id_is_sent_since_stripe_fixes_no_prefix_for_it() {
    let (server, client) = stripe_answering(200, option_fixture()).await;
    client.feedback_options().retrieve("fo_custom-1").send().await.unwrap();
    assert_get(&only_request(&server).await, &format!("{PATH}/fo_custom-1"), &[]);
}

#[tokio::test]
async fn bad_input_is_refused_before_sending() {
    let (server, client) = stripe_answering(200, option_fixture()).await;
    assert_invalid(client.feedback_options().create(FeedbackOptionCreateParams::new("")).send().await, "description");
    assert_invalid(
        client.feedback_options().update(ID, FeedbackOptionUpdateParams::new().description("")).send().await,
        "description",
    );
    assert_invalid(client.feedback_options().retrieve("").send().await, "feedback_option");
    assert_invalid(client.feedback_options().deactivate("bfo_1/../x").send().await, "feedback_option");
    assert_invalid(client.feedback_options().list(FeedbackOptionListParams::new().limit(0)).send().await, "limit");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn every_documented_status_has_its_variant() {
    documented! { FeedbackOptionStatus: Active = "active", Inactive = "inactive"; }
}

#[test]
fn an_unknown_status_decodes_to_other() {
    let mut body = option_fixture();
    body["status"] = json!("archived");
    let option: FeedbackOption = serde_json::from_value(body).unwrap();
    assert_eq!(option.status, FeedbackOptionStatus::Other("archived".into()));
    assert_eq!(option.status.as_str(), "archived");
}

#[test]
fn a_configuration_lists_feedback_options_as_ids_or_expanded() {
    let mut body = fixture("billing_portal.configuration");
    body["features"]["subscription_cancel"]["cancellation_reason"]["feedback_options"] =
        json!(["bfo_plain", option_fixture()]);
    let configuration: Configuration = serde_json::from_value(body).unwrap();
    let reason = &configuration.features.subscription_cancel.as_ref().unwrap().cancellation_reason;
    let options = reason.feedback_options.as_ref().unwrap();
    assert_eq!(options[0], Expandable::Id("bfo_plain".into()));
    assert_eq!(options[1].id(), ID);
    assert_is_fixture(options[1].as_object().unwrap());

    // Stripe's own fixture has no such key, and `null` means none configured.
    let configuration: Configuration = serde_json::from_value(fixture("billing_portal.configuration")).unwrap();
    assert_eq!(configuration.features.subscription_cancel.unwrap().cancellation_reason.feedback_options, None);
}

fn offering(reason: CancellationReason) -> ConfigurationUpdateParams {
    ConfigurationUpdateParams::new().features(
        Features::new().subscription_cancel(SubscriptionCancelFeature::unchanged().cancellation_reason(reason)),
    )
}

#[test]
fn a_configuration_offers_feedback_options_by_id_or_clears_them() {
    let set = offering(CancellationReason::new(true).feedback_options(vec!["bfo_1".to_owned(), "bfo_2".to_owned()]));
    // echo '{"features":{"subscription_cancel":{"cancellation_reason":{"enabled":true,"feedback_options":["bfo_1","bfo_2"]}}}}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        stripe_billing_portal::form::to_string(&set).unwrap(),
        "features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][feedback_options][0]=bfo_1&features[subscription_cancel][cancellation_reason][feedback_options][1]=bfo_2"
    );
    let clear = offering(CancellationReason::new(true).feedback_options(Emptyable::Clear));
    // echo '{"features":{"subscription_cancel":{"cancellation_reason":{"enabled":true,"feedback_options":""}}}}' | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        stripe_billing_portal::form::to_string(&clear).unwrap(),
        "features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][feedback_options]="
    );
}

#[tokio::test]
async fn a_configuration_update_sends_the_feedback_options() {
    let (server, client) = stripe_answering(200, fixture("billing_portal.configuration")).await;
    let params = offering(CancellationReason::new(true).feedback_options(vec![ID.to_owned()]));
    client.configurations().update("bpc_123", params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/configurations/bpc_123");
    assert_eq!(
        support::body_pairs(&request),
        support::pairs(&[
            ("features[subscription_cancel][cancellation_reason][enabled]", "true"),
            ("features[subscription_cancel][cancellation_reason][feedback_options][0]", ID),
        ])
    );
}
