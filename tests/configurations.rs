//! Portal configurations end to end against a mock Stripe on 127.0.0.1: create, update, retrieve
//! and list, each checked for the exact method, path, query or body the mock received, and for
//! what decodes from Stripe's own `billing_portal.configuration` fixture.
//!
//! Golden bodies come from Stripe's official Python SDK through `../shared/tools/stripe-encode`;
//! the command that produced each is written next to it.

use serde_json::{json, Value};
use stripe_billing_portal::configurations::{
    AdjustableQuantity, BillingCycleAnchor, BusinessProfile, CancellationReason, CancellationReasonOption,
    ConfigurationCreateParams, ConfigurationListParams, ConfigurationPauseDuration, ConfigurationUpdateParams,
    CustomerUpdateAllowedUpdate, CustomerUpdateFeature, Features, PauseDuration, PauseDurationType, PauseInterval,
    PauseIntervalOption, PaymentMethodUpdateFeature, ProrationBehavior, ScheduleAtPeriodEndCondition,
    SubscriptionCancelFeature, SubscriptionCancelMode, SubscriptionPauseFeature, SubscriptionUpdateAllowedUpdate,
    SubscriptionUpdateFeature, SubscriptionUpdateProduct, TrialUpdateBehavior,
};
use stripe_billing_portal::{Emptyable, Expandable, MetadataUpdate};
use support::{
    assert_get, assert_invalid, assert_post, assert_refused, body_pairs, fixture, only_request, pairs as expected,
    stripe_answering,
};

mod support;

const FIXTURE_ID: &str = "bpc_1Pgc70B7WZ01zgkWSnFO04Vt";

/// Stripe's published `billing_portal.configuration` fixture.
fn configuration_fixture() -> Value {
    fixture("billing_portal.configuration")
}

#[path = "support/every_parameter.rs"]
mod every_parameter;
use every_parameter::every_create_parameter;

// echo '{"business_profile":{"headline":"Acme & Co. — billing","privacy_policy_url":"https://example.com/privacy",
//   "terms_of_service_url":"https://example.com/terms?v=2"},"default_return_url":"https://example.com/account",
//   "features":{"customer_update":{"allowed_updates":["address","email","tax_id"],"enabled":true},
//   "invoice_history":{"enabled":true},"payment_method_update":{"enabled":true,"payment_method_configuration":"pmc_123"},
//   "subscription_cancel":{"cancellation_reason":{"enabled":true,"feedback_options":["fo_1","fo_2"],
//   "options":["too_expensive","other","switched_service"]},"enabled":true,"mode":"immediately",
//   "proration_behavior":"create_prorations"},"subscription_pause":{"duration":{"type":"interval_options",
//   "interval_options":[{"interval":"month","interval_count":1},{"interval":"week"}]},"enabled":true},
//   "subscription_update":{"billing_cycle_anchor":"now","default_allowed_updates":["price","quantity","promotion_code"],
//   "enabled":true,"products":[{"adjustable_quantity":{"enabled":true,"maximum":50,"minimum":1},
//   "prices":["price_team_monthly","price_team_yearly"],"product":"prod_team"},{"prices":["price_solo"],"product":"prod_solo"}],
//   "proration_behavior":"always_invoice","schedule_at_period_end":{"conditions":[{"type":"decreasing_item_amount"},
//   {"type":"shortening_interval"}]},"trial_update_behavior":"continue_trial"}},"login_page":{"enabled":true},
//   "metadata":{"owner":"growth team","segment":"self-serve"},"name":"Self-serve é","expand":["application"]}' \
//   | ../shared/tools/stripe-encode | head -1
const EVERY_CREATE_PARAMETER: &str = "business_profile[headline]=Acme+%26+Co.+%E2%80%94+billing&business_profile[privacy_policy_url]=https%3A%2F%2Fexample.com%2Fprivacy&business_profile[terms_of_service_url]=https%3A%2F%2Fexample.com%2Fterms%3Fv%3D2&default_return_url=https%3A%2F%2Fexample.com%2Faccount&features[customer_update][allowed_updates][0]=address&features[customer_update][allowed_updates][1]=email&features[customer_update][allowed_updates][2]=tax_id&features[customer_update][enabled]=true&features[invoice_history][enabled]=true&features[payment_method_update][enabled]=true&features[payment_method_update][payment_method_configuration]=pmc_123&features[subscription_cancel][cancellation_reason][enabled]=true&features[subscription_cancel][cancellation_reason][feedback_options][0]=fo_1&features[subscription_cancel][cancellation_reason][feedback_options][1]=fo_2&features[subscription_cancel][cancellation_reason][options][0]=too_expensive&features[subscription_cancel][cancellation_reason][options][1]=other&features[subscription_cancel][cancellation_reason][options][2]=switched_service&features[subscription_cancel][enabled]=true&features[subscription_cancel][mode]=immediately&features[subscription_cancel][proration_behavior]=create_prorations&features[subscription_pause][duration][type]=interval_options&features[subscription_pause][duration][interval_options][0][interval]=month&features[subscription_pause][duration][interval_options][0][interval_count]=1&features[subscription_pause][duration][interval_options][1][interval]=week&features[subscription_pause][enabled]=true&features[subscription_update][billing_cycle_anchor]=now&features[subscription_update][default_allowed_updates][0]=price&features[subscription_update][default_allowed_updates][1]=quantity&features[subscription_update][default_allowed_updates][2]=promotion_code&features[subscription_update][enabled]=true&features[subscription_update][products][0][adjustable_quantity][enabled]=true&features[subscription_update][products][0][adjustable_quantity][maximum]=50&features[subscription_update][products][0][adjustable_quantity][minimum]=1&features[subscription_update][products][0][prices][0]=price_team_monthly&features[subscription_update][products][0][prices][1]=price_team_yearly&features[subscription_update][products][0][product]=prod_team&features[subscription_update][products][1][prices][0]=price_solo&features[subscription_update][products][1][product]=prod_solo&features[subscription_update][proration_behavior]=always_invoice&features[subscription_update][schedule_at_period_end][conditions][0][type]=decreasing_item_amount&features[subscription_update][schedule_at_period_end][conditions][1][type]=shortening_interval&features[subscription_update][trial_update_behavior]=continue_trial&login_page[enabled]=true&metadata[owner]=growth+team&metadata[segment]=self-serve&name=Self-serve+%C3%A9&expand[0]=application";

#[tokio::test]
async fn create_with_every_parameter_matches_the_official_sdk() {
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    let response = client.configurations().create(every_create_parameter()).send_with_meta().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/configurations");
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), EVERY_CREATE_PARAMETER);
    assert_eq!(response.request_id.as_deref(), Some("req_test_1"));
    assert_eq!(response.data.id, FIXTURE_ID);
}

#[tokio::test]
async fn minimal_create() {
    // echo '{"features":{"invoice_history":{"enabled":true}}}' | ../shared/tools/stripe-encode
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    client
        .configurations()
        .create(ConfigurationCreateParams::new(Features::new().invoice_history(true)))
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/configurations");
    assert_eq!(body_pairs(&request), expected(&[("features[invoice_history][enabled]", "true")]));
}

#[tokio::test]
async fn update_clears_fields_and_deletes_a_metadata_key() {
    let params = ConfigurationUpdateParams::new()
        .active(false)
        .business_profile(
            BusinessProfile::new()
                .headline(Emptyable::Clear)
                .privacy_policy_url(Emptyable::Clear)
                .terms_of_service_url("https://example.com/tos"),
        )
        .default_return_url(Emptyable::Clear)
        .features(
            Features::new()
                .customer_update(CustomerUpdateFeature::unchanged().allowed_updates(Emptyable::Clear))
                .payment_method_update(
                    PaymentMethodUpdateFeature::new(false).payment_method_configuration(Emptyable::Clear),
                )
                .subscription_cancel(SubscriptionCancelFeature::unchanged().cancellation_reason(
                    CancellationReason::new(false).feedback_options(Emptyable::Clear).options(Emptyable::Clear),
                ))
                .subscription_pause(
                    SubscriptionPauseFeature::unchanged()
                        .duration(PauseDuration::indefinite().with_interval_options(Emptyable::Clear)),
                )
                .subscription_update(
                    SubscriptionUpdateFeature::unchanged()
                        .default_allowed_updates(Emptyable::Clear)
                        .products(Emptyable::Clear)
                        .schedule_at_period_end(Emptyable::Clear),
                ),
        )
        .delete_metadata("legacy_id")
        .metadata("tier", "gold")
        .name(Emptyable::Clear);

    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    client.configurations().update("bpc_123", params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/configurations/bpc_123");
    // echo '{"active":false,"business_profile":{"headline":"","privacy_policy_url":"",
    //   "terms_of_service_url":"https://example.com/tos"},"default_return_url":"",
    //   "features":{"customer_update":{"allowed_updates":""},"payment_method_update":{"enabled":false,
    //   "payment_method_configuration":""},"subscription_cancel":{"cancellation_reason":{"enabled":false,
    //   "feedback_options":"","options":""}},"subscription_pause":{"duration":{"type":"indefinite","interval_options":""}},
    //   "subscription_update":{"default_allowed_updates":"","products":"","schedule_at_period_end":{"conditions":""}}},
    //   "metadata":{"legacy_id":"","tier":"gold"},"name":""}' | ../shared/tools/stripe-encode | head -1
    let golden = "active=false&business_profile[headline]=&business_profile[privacy_policy_url]=&business_profile[terms_of_service_url]=https%3A%2F%2Fexample.com%2Ftos&default_return_url=&features[customer_update][allowed_updates]=&features[payment_method_update][enabled]=false&features[payment_method_update][payment_method_configuration]=&features[subscription_cancel][cancellation_reason][enabled]=false&features[subscription_cancel][cancellation_reason][feedback_options]=&features[subscription_cancel][cancellation_reason][options]=&features[subscription_pause][duration][type]=indefinite&features[subscription_pause][duration][interval_options]=&features[subscription_update][default_allowed_updates]=&features[subscription_update][products]=&features[subscription_update][schedule_at_period_end][conditions]=&metadata[legacy_id]=&metadata[tier]=gold&name=";
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), golden);
}

#[test]
fn create_clears_every_field_stripe_lets_it_clear_on_create() {
    // Emptyable on create too (unlike the URLs of `business_profile` and the conditions of
    // `schedule_at_period_end`), so nothing here may be refused.
    let features = Features::new()
        .customer_update(CustomerUpdateFeature::new(true).allowed_updates(Emptyable::Clear))
        .payment_method_update(PaymentMethodUpdateFeature::new(true).payment_method_configuration(Emptyable::Clear));
    let reason = CancellationReason::new(false).feedback_options(Emptyable::Clear).options(Emptyable::Clear);
    let update =
        SubscriptionUpdateFeature::new(false).default_allowed_updates(Emptyable::Clear).products(Emptyable::Clear);
    let params = ConfigurationCreateParams::new(
        features
            .subscription_cancel(SubscriptionCancelFeature::new(false).cancellation_reason(reason))
            .subscription_pause(
                SubscriptionPauseFeature::unchanged()
                    .duration(PauseDuration::indefinite().with_interval_options(Emptyable::Clear)),
            )
            .subscription_update(update),
    )
    .business_profile(BusinessProfile::new().headline(Emptyable::Clear))
    .default_return_url(Emptyable::Clear)
    .name(Emptyable::Clear);
    // echo '{"business_profile":{"headline":""},"default_return_url":"","features":{"customer_update":
    //   {"allowed_updates":"","enabled":true},"payment_method_update":{"enabled":true,"payment_method_configuration":""},
    //   "subscription_cancel":{"cancellation_reason":{"enabled":false,"feedback_options":"","options":""},"enabled":false},
    //   "subscription_pause":{"duration":{"type":"indefinite","interval_options":""}},"subscription_update":
    //   {"default_allowed_updates":"","enabled":false,"products":""}},"name":""}' | ../shared/tools/stripe-encode | head -1
    let golden = "business_profile[headline]=&default_return_url=&features[customer_update][allowed_updates]=&features[customer_update][enabled]=true&features[payment_method_update][enabled]=true&features[payment_method_update][payment_method_configuration]=&features[subscription_cancel][cancellation_reason][enabled]=false&features[subscription_cancel][cancellation_reason][feedback_options]=&features[subscription_cancel][cancellation_reason][options]=&features[subscription_cancel][enabled]=false&features[subscription_pause][duration][type]=indefinite&features[subscription_pause][duration][interval_options]=&features[subscription_update][default_allowed_updates]=&features[subscription_update][enabled]=false&features[subscription_update][products]=&name=";
    assert_eq!(stripe_billing_portal::form::to_string(&params).unwrap(), golden);
}

#[tokio::test]
async fn update_clears_all_metadata() {
    // echo '{"metadata":""}' | ../shared/tools/stripe-encode
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    client.configurations().update(FIXTURE_ID, ConfigurationUpdateParams::new().clear_metadata()).send().await.unwrap();
    let request = only_request(&server).await;
    assert_post(&request, &format!("/v1/billing_portal/configurations/{FIXTURE_ID}"));
    assert_eq!(body_pairs(&request), expected(&[("metadata", "")]));
    assert_eq!(request.body, b"metadata=");
}

#[tokio::test]
async fn update_with_nothing_to_change_sends_an_empty_body() {
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    client
        .configurations()
        .update("bpc_123", ConfigurationUpdateParams::new().metadata_update(MetadataUpdate::new()))
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/configurations/bpc_123");
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn retrieve_sends_expand_in_the_query_string() {
    let mut body = configuration_fixture();
    body["application"] = json!({"id": "ca_123", "object": "application", "name": "Partner app"});
    let (server, client) = stripe_answering(200, body).await;
    let configuration = client.configurations().retrieve("bpc_123").expand("application").send().await.unwrap();
    let request = only_request(&server).await;
    // echo '{"expand":["application"]}' | ../shared/tools/stripe-encode
    assert_get(&request, "/v1/billing_portal/configurations/bpc_123", &[("expand[0]", "application")]);
    assert_eq!(request.url.query(), Some("expand[0]=application"));
    let application = configuration.application.unwrap();
    assert_eq!(application.id(), "ca_123");
    assert_eq!(application.as_object().unwrap().name.as_deref(), Some("Partner app"));
}

/// `application` may also be a `DeletedApplication`: `{id, object, deleted: true}`, no name.
#[test]
fn an_expanded_deleted_application_decodes() {
    use stripe_billing_portal::configurations::Configuration;
    let mut body = configuration_fixture();
    body["application"] = json!({"id": "ca_123", "object": "application", "deleted": true});
    let configuration: Configuration = serde_json::from_value(body).unwrap();
    let application = configuration.application.unwrap();
    let deleted = application.as_object().unwrap();
    assert_eq!((deleted.id.as_str(), deleted.name.as_deref(), deleted.deleted), ("ca_123", None, true));
}

#[tokio::test]
async fn retrieve_without_params_has_no_query() {
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    let configuration = client.configurations().retrieve(FIXTURE_ID).send().await.unwrap();
    let request = only_request(&server).await;
    assert_get(&request, &format!("/v1/billing_portal/configurations/{FIXTURE_ID}"), &[]);
    assert_eq!(configuration.id, FIXTURE_ID);
}

#[tokio::test]
async fn list_sends_every_filter_in_the_query_string() {
    let page = json!({
        "object": "list",
        "url": "/v1/billing_portal/configurations",
        "has_more": false,
        "data": [configuration_fixture()],
    });
    let (server, client) = stripe_answering(200, page).await;
    let params = ConfigurationListParams::new()
        .active(true)
        .is_default(false)
        .limit(2)
        .starting_after("bpc_2")
        .expand("data.application");
    let list = client.configurations().list(params).send().await.unwrap();
    let request = only_request(&server).await;
    // echo '{"active":true,"is_default":false,"limit":2,"starting_after":"bpc_2","expand":["data.application"]}' \
    //   | ../shared/tools/stripe-encode | head -1
    assert_eq!(
        request.url.query(),
        Some("active=true&is_default=false&limit=2&starting_after=bpc_2&expand[0]=data.application")
    );
    assert_get(
        &request,
        "/v1/billing_portal/configurations",
        &[
            ("active", "true"),
            ("is_default", "false"),
            ("limit", "2"),
            ("starting_after", "bpc_2"),
            ("expand[0]", "data.application"),
        ],
    );
    assert!(!list.has_more);
    assert_eq!(list.url, "/v1/billing_portal/configurations");
    assert_eq!(list.data.len(), 1);
    assert_eq!(list.data[0].id, FIXTURE_ID);
}

#[tokio::test]
async fn the_fixture_decodes_field_by_field() {
    let (_server, client) = stripe_answering(200, configuration_fixture()).await;
    let c = client.configurations().retrieve(FIXTURE_ID).send().await.unwrap();
    assert_eq!(c.id, FIXTURE_ID);
    assert!(c.active);
    assert_eq!(c.application, None);
    assert_eq!(c.business_profile.headline, None);
    assert_eq!(c.business_profile.privacy_policy_url.as_deref(), Some("https://example.com/privacy"));
    assert_eq!(c.business_profile.terms_of_service_url.as_deref(), Some("https://example.com/terms"));
    assert_eq!(c.created, 1234567890);
    assert_eq!(c.updated, 1234567890);
    assert_eq!(c.default_return_url, None);
    assert!(c.is_default);
    assert!(c.livemode);
    assert!(!c.login_page.enabled);
    assert_eq!(c.login_page.url, None);
    assert!(c.metadata.is_empty(), "the fixture's `null` metadata decodes as an empty map");
    assert_eq!(c.name, None);

    let f = &c.features;
    let customer_update = f.customer_update.as_ref().unwrap();
    assert!(customer_update.enabled);
    assert_eq!(
        customer_update.allowed_updates,
        [CustomerUpdateAllowedUpdate::Email, CustomerUpdateAllowedUpdate::TaxId]
    );
    assert!(f.invoice_history.as_ref().unwrap().enabled);
    let payment = f.payment_method_update.as_ref().unwrap();
    assert!(!payment.enabled);
    assert_eq!(payment.payment_method_configuration, None);
    let cancel = f.subscription_cancel.as_ref().unwrap();
    assert!(!cancel.enabled);
    assert!(!cancel.cancellation_reason.enabled);
    assert!(cancel.cancellation_reason.options.is_empty());
    assert_eq!(cancel.cancellation_reason.feedback_options, None);
    assert_eq!(cancel.mode, Some(SubscriptionCancelMode::AtPeriodEnd));
    assert_eq!(cancel.proration_behavior, Some(ProrationBehavior::None));
    // The fixture predates `subscription_pause`: it is simply absent.
    assert_eq!(f.subscription_pause, None);
    let update = f.subscription_update.as_ref().unwrap();
    assert!(!update.enabled);
    assert_eq!(update.billing_cycle_anchor, None);
    assert!(update.default_allowed_updates.is_empty());
    assert_eq!(update.products, None);
    assert_eq!(update.proration_behavior, Some(ProrationBehavior::None));
    assert_eq!(update.schedule_at_period_end.conditions.len(), 1);
    assert_eq!(update.schedule_at_period_end.conditions[0].kind, ScheduleAtPeriodEndCondition::DecreasingItemAmount);
    assert_eq!(update.trial_update_behavior, Some(TrialUpdateBehavior::EndTrial));
}

#[tokio::test]
async fn every_optional_feature_and_unknown_values_decode() {
    let mut body = configuration_fixture();
    body["brand_new_field"] = json!({"nested": [1, 2, 3]});
    body["application"] = json!("ca_123");
    body["metadata"] = json!({"tier": "gold"});
    body["login_page"] = json!({"enabled": true, "url": "https://billing.stripe.com/p/login/test_123"});
    let features = &mut body["features"];
    features["customer_update"]["allowed_updates"] = json!(["email", "favourite_colour"]);
    features["subscription_cancel"]["mode"] = json!("whenever");
    features["subscription_cancel"]["cancellation_reason"] =
        json!({"enabled": true, "options": ["too_expensive", "other", "moon_phase"], "feedback_options": ["fo_1"]});
    features["subscription_pause"] = json!({
        "enabled": true,
        "duration": {"type": "interval_options", "interval_options": [
            {"interval": "month", "interval_count": 3},
            {"interval": "fortnight", "interval_count": 1}
        ]}
    });
    features["subscription_update"]["billing_cycle_anchor"] = json!("unchanged");
    features["subscription_update"]["default_allowed_updates"] = json!(["price", "quantity", "currency"]);
    features["subscription_update"]["products"] = json!([
        {"product": "prod_1", "prices": ["price_1", "price_2"],
         "adjustable_quantity": {"enabled": true, "maximum": 10, "minimum": 1}},
        {"product": "prod_2", "prices": ["price_3"], "adjustable_quantity": null}
    ]);
    features["subscription_update"]["schedule_at_period_end"]["conditions"] = json!([{"type": "lengthening_interval"}]);
    features["shiny_new_feature"] = json!({"enabled": true});

    let (_server, client) = stripe_answering(200, body).await;
    let c = client.configurations().retrieve(FIXTURE_ID).send().await.unwrap();
    assert_eq!(c.application, Some(Expandable::Id("ca_123".into())));
    assert_eq!(c.metadata["tier"], "gold");
    assert_eq!(c.login_page.url.as_deref(), Some("https://billing.stripe.com/p/login/test_123"));
    let f = c.features;
    assert_eq!(
        f.customer_update.unwrap().allowed_updates,
        [CustomerUpdateAllowedUpdate::Email, CustomerUpdateAllowedUpdate::Other("favourite_colour".into())]
    );
    let cancel = f.subscription_cancel.unwrap();
    assert_eq!(cancel.mode, Some(SubscriptionCancelMode::Other("whenever".into())));
    assert_eq!(
        cancel.cancellation_reason.options,
        [
            CancellationReasonOption::TooExpensive,
            CancellationReasonOption::OtherReason,
            CancellationReasonOption::Other("moon_phase".into())
        ]
    );
    assert_eq!(cancel.cancellation_reason.feedback_options, Some(vec![Expandable::Id("fo_1".into())]));
    let pause = f.subscription_pause.unwrap();
    assert!(pause.enabled);
    let Some(ConfigurationPauseDuration::IntervalOptions(options)) = &pause.duration else {
        panic!("not interval_options: {:?}", pause.duration)
    };
    assert_eq!(options.len(), 2);
    assert_eq!((&options[0].interval, options[0].interval_count), (&PauseInterval::Month, Some(3)));
    assert_eq!(options[1].interval, PauseInterval::Other("fortnight".into()));
    let update = f.subscription_update.unwrap();
    assert_eq!(update.billing_cycle_anchor, Some(BillingCycleAnchor::Unchanged));
    assert_eq!(
        update.default_allowed_updates,
        [
            SubscriptionUpdateAllowedUpdate::Price,
            SubscriptionUpdateAllowedUpdate::Quantity,
            SubscriptionUpdateAllowedUpdate::Other("currency".into())
        ]
    );
    let products = update.products.unwrap();
    assert_eq!(products.len(), 2);
    assert_eq!(products[0].product, "prod_1");
    assert_eq!(products[0].prices, ["price_1", "price_2"]);
    let quantity = products[0].adjustable_quantity.as_ref().unwrap();
    assert!(quantity.enabled);
    assert_eq!((quantity.minimum, quantity.maximum), (Some(1), Some(10)));
    assert_eq!(products[1].adjustable_quantity, None);
    assert_eq!(
        update.schedule_at_period_end.conditions[0].kind,
        ScheduleAtPeriodEndCondition::Other("lengthening_interval".into())
    );
}

#[tokio::test]
async fn unknown_enum_values_can_be_sent() {
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    let params = ConfigurationUpdateParams::new().features(
        Features::new()
            .customer_update(
                CustomerUpdateFeature::unchanged()
                    .allowed_updates([CustomerUpdateAllowedUpdate::Other("favourite_colour".into())]),
            )
            .subscription_pause(
                SubscriptionPauseFeature::new(true)
                    .duration(PauseDuration::new(PauseDurationType::Other("until_spring".into()))),
            ),
    );
    client.configurations().update("bpc_123", params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        body_pairs(&request),
        expected(&[
            ("features[customer_update][allowed_updates][0]", "favourite_colour"),
            ("features[subscription_pause][duration][type]", "until_spring"),
            ("features[subscription_pause][enabled]", "true"),
        ])
    );
}

/// Every enum value `billing-portal-params.md` lists for the configuration params and object.
#[test]
fn every_documented_enum_value_has_its_variant() {
    documented! {
        CustomerUpdateAllowedUpdate: Address = "address", Email = "email", Name = "name", Phone = "phone", Shipping = "shipping", TaxId = "tax_id";
        CancellationReasonOption: CustomerService = "customer_service", LowQuality = "low_quality", MissingFeatures = "missing_features", OtherReason = "other", SwitchedService = "switched_service", TooComplex = "too_complex", TooExpensive = "too_expensive", Unused = "unused";
        SubscriptionCancelMode: AtPeriodEnd = "at_period_end", Immediately = "immediately";
        ProrationBehavior: AlwaysInvoice = "always_invoice", CreateProrations = "create_prorations", None = "none";
        PauseDurationType: Indefinite = "indefinite", IntervalOptions = "interval_options";
        PauseInterval: Day = "day", Month = "month", Week = "week", Year = "year";
        BillingCycleAnchor: Now = "now", Unchanged = "unchanged";
        SubscriptionUpdateAllowedUpdate: Price = "price", PromotionCode = "promotion_code", Quantity = "quantity";
        ScheduleAtPeriodEndCondition: DecreasingItemAmount = "decreasing_item_amount", ShorteningInterval = "shortening_interval";
        TrialUpdateBehavior: ContinueTrial = "continue_trial", EndTrial = "end_trial";
    }
}

fn create(features: Features) -> ConfigurationCreateParams {
    ConfigurationCreateParams::new(features)
}

fn update(features: Features) -> ConfigurationUpdateParams {
    ConfigurationUpdateParams::new().features(features)
}

#[tokio::test]
async fn invalid_params_are_refused_before_sending() {
    let (server, client) = stripe_answering(200, configuration_fixture()).await;
    let configurations = client.configurations();
    let eleven_products = (0..11).fold(SubscriptionUpdateFeature::new(true), |feature, i| {
        feature.product(SubscriptionUpdateProduct::new(format!("prod_{i}"), [format!("price_{i}")]))
    });
    let ten_products = (0..10).fold(SubscriptionUpdateFeature::new(true), |feature, i| {
        feature.product(SubscriptionUpdateProduct::new(format!("prod_{i}"), [format!("price_{i}")]))
    });
    assert!(configurations.create(create(Features::new().subscription_update(ten_products))).preview().is_ok());

    let creates: Vec<(ConfigurationCreateParams, &str)> = vec![
        (create(Features::new().subscription_update(eleven_products)), "features[subscription_update][products]"),
        (
            create(Features::new().subscription_pause(
                SubscriptionPauseFeature::new(true).duration(PauseDuration::new(PauseDurationType::IntervalOptions)),
            )),
            "features[subscription_pause][duration][interval_options]",
        ),
        (
            create(
                Features::new().subscription_pause(
                    SubscriptionPauseFeature::new(true).duration(PauseDuration::interval_options([])),
                ),
            ),
            "features[subscription_pause][duration][interval_options]",
        ),
        (
            create(Features::new().subscription_pause(SubscriptionPauseFeature::new(true).duration(
                PauseDuration::interval_options([PauseIntervalOption::new(PauseInterval::Month).interval_count(37)]),
            ))),
            "features[subscription_pause][duration][interval_options][0][interval_count]",
        ),
        (
            create(Features::new().customer_update(CustomerUpdateFeature::unchanged())),
            "features[customer_update][enabled]",
        ),
        (
            create(Features::new().subscription_cancel(SubscriptionCancelFeature::unchanged())),
            "features[subscription_cancel][enabled]",
        ),
        (
            create(Features::new().customer_update(CustomerUpdateFeature::new(true).allowed_updates([]))),
            "features[customer_update][allowed_updates]",
        ),
        (
            create(Features::new().customer_update(
                CustomerUpdateFeature::new(true).allowed_updates([CustomerUpdateAllowedUpdate::Other(String::new())]),
            )),
            "features[customer_update][allowed_updates][0]",
        ),
        (
            create(Features::new().subscription_cancel(
                SubscriptionCancelFeature::new(true).cancellation_reason(CancellationReason::new(true)),
            )),
            "features[subscription_cancel][cancellation_reason][options]",
        ),
        (
            create(Features::new().subscription_update(SubscriptionUpdateFeature::unchanged())),
            "features[subscription_update][enabled]",
        ),
        (
            create(
                Features::new()
                    .subscription_update(SubscriptionUpdateFeature::new(true).schedule_at_period_end(Emptyable::Clear)),
            ),
            "features[subscription_update][schedule_at_period_end][conditions]",
        ),
        (
            create(
                Features::new().subscription_update(
                    SubscriptionUpdateFeature::new(true)
                        .product(SubscriptionUpdateProduct::new("prod_1", Vec::<String>::new())),
                ),
            ),
            "features[subscription_update][products][0][prices]",
        ),
        (
            create(Features::new().subscription_update(
                SubscriptionUpdateFeature::new(true).product(SubscriptionUpdateProduct::new("", ["price_1"])),
            )),
            "features[subscription_update][products][0][product]",
        ),
        (
            create(
                Features::new().subscription_update(
                    SubscriptionUpdateFeature::new(true).product(
                        SubscriptionUpdateProduct::new("prod_1", ["price_1"])
                            .adjustable_quantity(AdjustableQuantity::new(true).minimum(5).maximum(2)),
                    ),
                ),
            ),
            "features[subscription_update][products][0][adjustable_quantity][minimum]",
        ),
        (
            create(
                Features::new()
                    .payment_method_update(PaymentMethodUpdateFeature::new(true).payment_method_configuration("")),
            ),
            "features[payment_method_update][payment_method_configuration]",
        ),
        // `features` is required: with no feature set (or only an empty pause) nothing would be sent.
        (create(Features::new()), "features"),
        (create(Features::new().subscription_pause(SubscriptionPauseFeature::unchanged())), "features"),
        (create(Features::new()).default_return_url("/account"), "default_return_url"),
        (create(Features::new()).default_return_url("ftp://example.com"), "default_return_url"),
        (create(Features::new()).name(""), "name"),
        (
            create(Features::new()).business_profile(BusinessProfile::new().privacy_policy_url(Emptyable::Clear)),
            "business_profile[privacy_policy_url]",
        ),
        (
            create(Features::new()).business_profile(BusinessProfile::new().terms_of_service_url(Emptyable::Clear)),
            "business_profile[terms_of_service_url]",
        ),
        (
            create(Features::new()).business_profile(BusinessProfile::new().terms_of_service_url("example.com/terms")),
            "business_profile[terms_of_service_url]",
        ),
        (create(Features::new()).metadata("plan", ""), "metadata[plan]"),
        (create(Features::new()).expand(""), "expand[0]"),
    ];
    for (params, param) in creates {
        assert_invalid(configurations.create(params).send().await, param);
    }
    // A pause lasts at most three years (a leap day included), whatever the unit; a count is at least 1.
    let pause = |interval: &PauseInterval, count| {
        let option = PauseIntervalOption::new(interval.clone()).interval_count(count);
        let pause = SubscriptionPauseFeature::new(true).duration(PauseDuration::interval_options([option]));
        configurations.create(create(Features::new().subscription_pause(pause)))
    };
    let longest =
        [(PauseInterval::Day, 1096), (PauseInterval::Week, 156), (PauseInterval::Month, 36), (PauseInterval::Year, 3)];
    for (interval, longest) in &longest {
        assert!(pause(interval, *longest).preview().is_ok(), "{longest} {interval}s");
        for count in [0, longest + 1] {
            let param = "features[subscription_pause][duration][interval_options][0][interval_count]";
            assert_invalid(pause(interval, count).send().await, param);
        }
    }
    // A cancellation `proration_behavior` its mode does not allow (with no mode, Stripe's default
    // on create, `at_period_end`), or that no mode allows.
    let prorations = [
        (Some(SubscriptionCancelMode::AtPeriodEnd), ProrationBehavior::CreateProrations),
        (None, ProrationBehavior::CreateProrations),
        (Some(SubscriptionCancelMode::Immediately), ProrationBehavior::AlwaysInvoice),
    ];
    for (mode, proration) in prorations {
        let feature = SubscriptionCancelFeature::new(true).proration_behavior(proration);
        let feature = match mode {
            Some(mode) => feature.mode(mode),
            None => feature,
        };
        let params = create(Features::new().subscription_cancel(feature));
        assert_invalid(configurations.create(params).send().await, "features[subscription_cancel][proration_behavior]");
    }

    let updates: Vec<(ConfigurationUpdateParams, &str)> = vec![
        (
            update(
                Features::new().subscription_cancel(
                    SubscriptionCancelFeature::unchanged()
                        .mode(SubscriptionCancelMode::AtPeriodEnd)
                        .proration_behavior(ProrationBehavior::CreateProrations),
                ),
            ),
            "features[subscription_cancel][proration_behavior]",
        ),
        (
            update(Features::new().subscription_update(SubscriptionUpdateFeature::unchanged().products(Vec::new()))),
            "features[subscription_update][products]",
        ),
        (ConfigurationUpdateParams::new().metadata("a", "b").clear_metadata(), "metadata"),
        (ConfigurationUpdateParams::new().metadata("a[b]", "c"), "metadata[a[b]]"),
        (ConfigurationUpdateParams::new().default_return_url(""), "default_return_url"),
    ];
    for (params, param) in updates {
        assert_invalid(configurations.update("bpc_123", params).send().await, param);
    }
    assert_invalid(configurations.update("", ConfigurationUpdateParams::new()).send().await, "configuration");
    assert_invalid(configurations.update("bpc_1/../x", ConfigurationUpdateParams::new()).send().await, "configuration");
    assert_invalid(configurations.retrieve("").send().await, "configuration");
    // `bpc_` is the prefix Stripe fixes for a configuration id, in a path as in a body.
    for id in ["sub_1", "cus_1", "bpc_", "BPC_1"] {
        let reason = format!("{id:?} is not a `bpc_…` id");
        assert_refused(configurations.retrieve(id).send().await, "configuration", &reason);
        assert_refused(
            configurations.update(id, ConfigurationUpdateParams::new()).send().await,
            "configuration",
            &reason,
        );
    }
    assert_invalid(configurations.retrieve("bpc_1").expand("").send().await, "expand[0]");
    for limit in [0, 101] {
        assert_invalid(configurations.list(ConfigurationListParams::new().limit(limit)).send().await, "limit");
    }
    assert_invalid(
        configurations.list(ConfigurationListParams::new().starting_after("bpc_1").ending_before("bpc_2")).send().await,
        "ending_before",
    );
    assert_invalid(
        configurations.list(ConfigurationListParams::new().starting_after("")).send().await,
        "starting_after",
    );

    assert!(server.received_requests().await.unwrap().is_empty(), "nothing invalid reaches Stripe");

    // The same rules accept what Stripe accepts.
    let fine = [
        configurations.create(create(
            Features::new().subscription_cancel(
                SubscriptionCancelFeature::new(true)
                    .mode(SubscriptionCancelMode::Immediately)
                    .proration_behavior(ProrationBehavior::CreateProrations),
            ),
        )),
        configurations.create(create(
            Features::new().subscription_cancel(
                SubscriptionCancelFeature::new(true)
                    .cancellation_reason(CancellationReason::new(false).options(Emptyable::Clear)),
            ),
        )),
        configurations.create(create(Features::new().subscription_pause(SubscriptionPauseFeature::new(false)))),
    ];
    for call in fine {
        assert!(call.preview().is_ok());
    }
    let fine_limits = [1, 100].map(|limit| configurations.list(ConfigurationListParams::new().limit(limit)).preview());
    assert!(fine_limits.iter().all(Result::is_ok));
    let update_ok = configurations.update(
        "bpc_123",
        update(Features::new().subscription_cancel(
            SubscriptionCancelFeature::unchanged().proration_behavior(ProrationBehavior::CreateProrations),
        )),
    );
    assert!(update_ok.preview().is_ok(), "on update the stored mode is unknown: left to Stripe");
}

#[tokio::test]
async fn a_stripe_error_on_update_is_a_typed_api_error() {
    let body = json!({"error": {
        "type": "invalid_request_error",
        "code": "resource_missing",
        "message": "No such configuration: 'bpc_missing'",
        "param": "configuration",
    }});
    let (_server, client) = stripe_answering(404, body).await;
    let err = client.configurations().update("bpc_missing", ConfigurationUpdateParams::new().active(true)).send().await;
    let err = err.unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.status(), 404);
    assert_eq!(api.code.as_deref(), Some("resource_missing"));
    assert_eq!(api.param.as_deref(), Some("configuration"));
}
