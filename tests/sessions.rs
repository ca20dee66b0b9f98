//! Portal sessions end to end against a mock Stripe on 127.0.0.1: every example of Stripe's guides
//! "Integrate the customer portal with the API" and "Deep links in the customer portal".
//!
//! Each test asserts what the mock server received (method, path, headers, the full list of
//! decoded form pairs) and the `Session` decoded from Stripe's own fixture object.

use serde_json::Value;
use stripe_billing_portal::sessions::{
    AfterCompletion, AfterExpiration, Flow, FlowData, FlowType, Locale, SessionAfterCompletion, SessionAfterExpiration,
    SessionCreateParams, SessionFlowKind, SessionRetention, SessionSubscription, SessionSubscriptionCancel,
    SubscriptionCancel, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::{ApiErrorKind, Client, Error, ErrorType, Expandable};
use support::stripe_answering;
use support::{assert_post, body_pairs as pairs, fixture, fixtures, header, only_request, pairs as expected, KEY};
use wiremock::Request;

mod support;

/// Stripe's published `billing_portal.session` fixture, with its flow `type` set to `flow_type`.
fn session_fixture(flow_type: Option<&str>) -> Value {
    let mut session = fixture("billing_portal.session");
    match flow_type {
        Some(flow_type) => session["flow"]["type"] = Value::from(flow_type),
        None => session["flow"] = Value::Null,
    }
    session
}

/// What every session creation carries: a form POST with a generated idempotency key (see
/// [`assert_post`]), the crate's user agents, and no `Stripe-Account`.
fn assert_standard_headers(request: &Request) {
    assert_post(request, "/v1/billing_portal/sessions");
    assert_eq!(header(request, "user-agent"), Some(concat!("stripe-billing-portal/", env!("CARGO_PKG_VERSION"))));
    let client_ua: Value = serde_json::from_str(header(request, "x-stripe-client-user-agent").unwrap()).unwrap();
    assert_eq!(client_ua["lang"], "rust");
    assert_eq!(client_ua["bindings_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(header(request, "stripe-account"), None);
}

/// Sends `params`, then checks the request carried exactly `want` and returns the decoded flow.
async fn create_and_check(
    params: SessionCreateParams,
    flow_type: Option<&str>,
    want: &[(&str, &str)],
) -> Option<SessionFlowKind> {
    let (server, client) = stripe_answering(200, session_fixture(flow_type)).await;
    let session = client.sessions().create(params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_standard_headers(&request);
    assert_eq!(pairs(&request), expected(want));
    assert_eq!(session.id, "bps_1Pgc7HB7WZ01zgkWNs8s9Auh");
    assert_eq!(session.url, "https://sangeekp-15t6ai--customer_portal-mydev.dev.stripe.me/session/{SESSION_SECRET}");
    session.flow.map(|flow| flow.kind)
}

/// Opens `flow` for `cus_123`, returning to the account page, and checks that the request carried
/// exactly `customer`, `return_url`, `flow_data[type]={flow_type}` and then `flow_pairs`; returns
/// the flow decoded from the fixture of that type.
async fn deep_link(flow: FlowData, flow_type: &str, flow_pairs: &[(&str, &str)]) -> Option<SessionFlowKind> {
    let params = SessionCreateParams::new("cus_123").return_url("https://example.com/account").flow_data(flow);
    let mut want =
        vec![("customer", "cus_123"), ("return_url", "https://example.com/account"), ("flow_data[type]", flow_type)];
    want.extend_from_slice(flow_pairs);
    create_and_check(params, Some(flow_type), &want).await
}

/// [`deep_link`] into a flow on subscription `sub_123`: `flow_data[{flow_type}][subscription]=sub_123`.
async fn subscription_deep_link(flow: FlowData, flow_type: &str) -> Option<SessionFlowKind> {
    let subscription = format!("flow_data[{flow_type}][subscription]");
    deep_link(flow, flow_type, &[(&subscription, "sub_123")]).await
}

#[tokio::test]
async fn basic_session_decodes_the_fixture() {
    // Guide "Integrate the customer portal with the API": create a portal session.
    let (server, client) = stripe_answering(200, session_fixture(Some("subscription_update"))).await;
    let response = client
        .sessions()
        .create(SessionCreateParams::new("cus_123").return_url("https://example.com/account"))
        .send_with_meta()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_standard_headers(&request);
    assert_eq!(pairs(&request), expected(&[("customer", "cus_123"), ("return_url", "https://example.com/account")]));
    assert_eq!(request.body, b"customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount");

    assert_eq!(response.request_id.as_deref(), Some("req_test_1"));
    assert_eq!(response.attempts, 1);
    assert_eq!(response.idempotency_key.as_deref(), header(&request, "idempotency-key"));

    let session = response.data;
    assert_eq!(session.customer.as_deref(), Some("cus_QXg1o8vcGmoR32"));
    assert_eq!(session.customer_account, None);
    assert_eq!(session.return_url.as_deref(), Some("https://example.com/account"));
    assert_eq!(session.configuration, Some(Expandable::Id("bpc_1Pgc7HB7WZ01zgkWxH2EPWRX".into())));
    assert_eq!(session.created, 1234567890);
    assert!(session.livemode);
    assert_eq!(session.locale, None);
    assert_eq!(session.on_behalf_of, None);
    let flow = session.flow.unwrap();
    // The fixture sets every sibling object; the variant is the one named by `type`.
    assert_eq!(flow.kind, SessionFlowKind::SubscriptionUpdate(subscription("subscription")));
    assert_eq!(flow.after_completion, Some(SessionAfterCompletion::HostedConfirmation { custom_message: None }));
}

fn subscription(id: &str) -> SessionSubscription {
    serde_json::from_value(serde_json::json!({ "subscription": id })).unwrap()
}

#[tokio::test]
async fn configuration_override() {
    // Guide: use a specific portal configuration for this session.
    let params = SessionCreateParams::new("cus_123").return_url("https://example.com/account").configuration("bpc_123");
    let flow = create_and_check(
        params,
        None,
        &[("customer", "cus_123"), ("return_url", "https://example.com/account"), ("configuration", "bpc_123")],
    )
    .await;
    assert_eq!(flow, None);
}

#[tokio::test]
async fn on_behalf_of_a_connected_account() {
    // Guide: show the connected account's branding with `on_behalf_of`.
    let params = SessionCreateParams::new("cus_123").return_url("https://example.com/account").on_behalf_of("acct_123");
    create_and_check(
        params,
        None,
        &[("customer", "cus_123"), ("return_url", "https://example.com/account"), ("on_behalf_of", "acct_123")],
    )
    .await;
}

#[tokio::test]
async fn deep_link_payment_method_update() {
    let flow = deep_link(FlowData::payment_method_update(), "payment_method_update", &[]).await;
    assert_eq!(flow, Some(SessionFlowKind::PaymentMethodUpdate));
}

#[tokio::test]
async fn deep_link_subscription_cancel() {
    let flow = subscription_deep_link(FlowData::subscription_cancel("sub_123"), "subscription_cancel").await;
    let Some(SessionFlowKind::SubscriptionCancel(SessionSubscriptionCancel { subscription, retention, .. })) = flow
    else {
        panic!("expected a cancel flow, got {flow:?}");
    };
    assert_eq!(subscription.as_deref(), Some("subscription"));
    assert_eq!(retention, Some(SessionRetention::CouponOffer { coupon: Some("coupon".into()) }));
}

#[tokio::test]
async fn deep_link_subscription_update() {
    let flow = subscription_deep_link(FlowData::subscription_update("sub_123"), "subscription_update").await;
    assert_eq!(flow, Some(SessionFlowKind::SubscriptionUpdate(subscription("subscription"))));
}

#[tokio::test]
async fn deep_link_subscription_update_confirm() {
    // echo '{"customer":"cus_123","return_url":"https://example.com/account","flow_data":{"type":"subscription_update_confirm","subscription_update_confirm":{"subscription":"sub_123","items":[{"id":"si_123","price":"price_456","quantity":1}],"discounts":[{"coupon":"SUMMER25"}]}}}' | ../shared/tools/stripe-encode
    const GOLDEN: &str = "customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount&flow_data[type]=subscription_update_confirm&flow_data[subscription_update_confirm][subscription]=sub_123&flow_data[subscription_update_confirm][items][0][id]=si_123&flow_data[subscription_update_confirm][items][0][price]=price_456&flow_data[subscription_update_confirm][items][0][quantity]=1&flow_data[subscription_update_confirm][discounts][0][coupon]=SUMMER25";
    let confirm = SubscriptionUpdateConfirm::new(
        "sub_123",
        SubscriptionUpdateConfirmItem::new_price("si_123", "price_456").quantity(1),
    )
    .coupon("SUMMER25");
    let params =
        SessionCreateParams::new("cus_123").return_url("https://example.com/account").flow_data(FlowData::new(confirm));
    let (server, client) = stripe_answering(200, session_fixture(Some("subscription_update_confirm"))).await;
    let session = client.sessions().create(params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_standard_headers(&request);
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), GOLDEN);

    let Some(SessionFlowKind::SubscriptionUpdateConfirm(confirm)) = session.flow.map(|f| f.kind) else {
        panic!("expected an update-confirm flow");
    };
    assert_eq!(confirm.subscription.as_deref(), Some("subscription"));
    assert_eq!(confirm.items.len(), 1);
    assert_eq!((confirm.items[0].id.as_deref(), confirm.items[0].price.as_deref()), (None, None));
    assert!(confirm.discounts.is_empty(), "null discounts decode as an empty list");
}

#[tokio::test]
async fn deep_link_cancel_with_after_completion_redirect() {
    // echo '{"customer":"cus_123","return_url":"https://example.com/account","flow_data":{"type":"subscription_cancel","subscription_cancel":{"subscription":"sub_123"},"after_completion":{"type":"redirect","redirect":{"return_url":"https://example.com/account/subscription_canceled"}}}}' | ../shared/tools/stripe-encode
    const GOLDEN: &str = "customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount&flow_data[type]=subscription_cancel&flow_data[subscription_cancel][subscription]=sub_123&flow_data[after_completion][type]=redirect&flow_data[after_completion][redirect][return_url]=https%3A%2F%2Fexample.com%2Faccount%2Fsubscription_canceled";
    let params = SessionCreateParams::new("cus_123").return_url("https://example.com/account").flow_data(
        FlowData::subscription_cancel("sub_123")
            .after_completion(AfterCompletion::redirect("https://example.com/account/subscription_canceled")),
    );
    let (server, client) = stripe_answering(200, session_fixture(Some("subscription_cancel"))).await;
    client.sessions().create(params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_standard_headers(&request);
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), GOLDEN);
}

#[tokio::test]
async fn pause_and_customer_update_flows() {
    let flow = subscription_deep_link(FlowData::subscription_pause("sub_123"), "subscription_pause").await;
    // The fixture carries no `subscription_pause` object: the variant is still the right one.
    assert_eq!(flow, Some(SessionFlowKind::SubscriptionPause(SessionSubscription::default())));

    let update = FlowData::customer_update().after_completion(AfterCompletion::portal_homepage());
    let flow = deep_link(update, "customer_update", &[("flow_data[after_completion][type]", "portal_homepage")]).await;
    assert_eq!(flow, Some(SessionFlowKind::CustomerUpdate));
}

#[tokio::test]
async fn every_parameter_matches_the_official_sdk() {
    // echo '{"customer":"cus_123","return_url":"https://example.com/account","configuration":"bpc_123","on_behalf_of":"acct_123","locale":"pt-BR","flow_data":{"type":"subscription_cancel","subscription_cancel":{"subscription":"sub_123","retention":{"type":"coupon_offer","coupon_offer":{"coupon":"STAY25"}}},"after_completion":{"type":"hosted_confirmation","hosted_confirmation":{"custom_message":"Sorry to see you go! À bientôt"}}},"after_expiration":{"type":"customer_login","customer_login":{"expires_at":1767225600}},"expand":["configuration","flow"]}' | ../shared/tools/stripe-encode
    const GOLDEN: &str = "customer=cus_123&return_url=https%3A%2F%2Fexample.com%2Faccount&configuration=bpc_123&on_behalf_of=acct_123&locale=pt-BR&flow_data[type]=subscription_cancel&flow_data[subscription_cancel][subscription]=sub_123&flow_data[subscription_cancel][retention][type]=coupon_offer&flow_data[subscription_cancel][retention][coupon_offer][coupon]=STAY25&flow_data[after_completion][type]=hosted_confirmation&flow_data[after_completion][hosted_confirmation][custom_message]=Sorry+to+see+you+go%21+%C3%80+bient%C3%B4t&after_expiration[type]=customer_login&after_expiration[customer_login][expires_at]=1767225600&expand[0]=configuration&expand[1]=flow";
    let params = SessionCreateParams::new("cus_123")
        .return_url("https://example.com/account")
        .configuration("bpc_123")
        .on_behalf_of("acct_123")
        .locale(Locale::PtBr)
        .flow_data(
            FlowData::new(SubscriptionCancel::new("sub_123").coupon_offer("STAY25"))
                .after_completion(AfterCompletion::hosted_confirmation_with_message("Sorry to see you go! À bientôt")),
        )
        .after_expiration(AfterExpiration::customer_login().expires_at(1767225600))
        .expand("configuration")
        .expand("flow");
    let (server, client) = stripe_answering(200, session_fixture(Some("subscription_cancel"))).await;
    let preview = client.sessions().create(params.clone()).preview().unwrap();
    assert_eq!(preview.body(), GOLDEN, "the preview shows exactly what is sent");
    client.sessions().create(params).send().await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(String::from_utf8(request.body.clone()).unwrap(), GOLDEN);
}

#[tokio::test]
async fn customer_account_connect_account_and_caller_idempotency_key() {
    let (server, client) = stripe_answering(200, session_fixture(None)).await;
    client
        .sessions()
        .create(SessionCreateParams::for_customer_account("acct_customer"))
        .stripe_account("acct_connected")
        .idempotency_key("portal-acct_customer-1")
        .api_version("2025-01-27.acacia")
        .send()
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(pairs(&request), expected(&[("customer_account", "acct_customer")]));
    assert_eq!(header(&request, "stripe-account"), Some("acct_connected"));
    assert_eq!(header(&request, "idempotency-key"), Some("portal-acct_customer-1"));
    assert_eq!(header(&request, "stripe-version"), Some("2025-01-27.acacia"));
}

#[tokio::test]
async fn a_stripe_error_becomes_a_typed_api_error() {
    let body = serde_json::json!({"error": {
        "type": "invalid_request_error",
        "code": "resource_missing",
        "message": "No such subscription: 'sub_404'",
        "param": "flow_data[subscription_cancel][subscription]",
        "doc_url": "https://stripe.com/docs/error-codes/resource-missing",
        "request_log_url": "https://dashboard.stripe.com/test/logs/req_test_1",
        "some_future_field": 1
    }});
    let (server, _) = stripe_answering(400, body).await;
    // Retries on, so that "not retried" is the client's decision.
    let client = Client::builder(KEY).base_url(server.uri()).build().unwrap();
    let err = client
        .sessions()
        .create(SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_cancel("sub_404")))
        .send()
        .await
        .unwrap_err();
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "a 400 is not retried");
    assert!(!err.is_retryable());
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.request_id(), Some("req_test_1"));
    let Error::Api(api) = &err else { panic!("expected an API error, got {err:?}") };
    assert_eq!(api.kind, ApiErrorKind::InvalidRequest);
    assert_eq!(api.error_type, Some(ErrorType::InvalidRequestError));
    assert_eq!(api.code.as_deref(), Some("resource_missing"));
    assert_eq!(api.message.as_deref(), Some("No such subscription: 'sub_404'"));
    assert_eq!(api.param.as_deref(), Some("flow_data[subscription_cancel][subscription]"));
    assert_eq!(api.doc_url.as_deref(), Some("https://stripe.com/docs/error-codes/resource-missing"));
    assert_eq!(
        err.to_string(),
        "Stripe API error (HTTP 400, invalid_request_error, code resource_missing, param flow_data[subscription_cancel][subscription], request req_test_1): No such subscription: 'sub_404'"
    );
}

#[tokio::test]
async fn invalid_params_are_refused_before_sending() {
    let (server, client) = stripe_answering(200, session_fixture(None)).await;
    let cases: Vec<(SessionCreateParams, &str)> = vec![
        (SessionCreateParams::new(""), "invalid parameter `customer`: must not be empty"),
        (
            SessionCreateParams::new("cus_1").return_url("example.com/account"),
            "invalid parameter `return_url`: \"example.com/account\" is not an absolute URL (relative URL without a base)",
        ),
        (
            SessionCreateParams::new("cus_1").return_url("javascript:alert(1)"),
            "invalid parameter `return_url`: \"javascript:alert(1)\" must be an http or https URL",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::subscription_cancel("")),
            "invalid parameter `flow_data[subscription_cancel][subscription]`: must not be empty",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::new(SubscriptionCancel::new("sub_1").coupon_offer(""))),
            "invalid parameter `flow_data[subscription_cancel][retention][coupon_offer][coupon]`: must not be empty",
        ),
        (
            SessionCreateParams::new("cus_1")
                .flow_data(FlowData::payment_method_update().after_completion(AfterCompletion::redirect("/done"))),
            "invalid parameter `flow_data[after_completion][redirect][return_url]`: \"/done\" is not an absolute URL (relative URL without a base)",
        ),
        // Not emptyable: `custom_message=` would be a clear, which Stripe does not offer here.
        (
            SessionCreateParams::new("cus_1").flow_data(
                FlowData::payment_method_update()
                    .after_completion(AfterCompletion::hosted_confirmation_with_message("")),
            ),
            "invalid parameter `flow_data[after_completion][hosted_confirmation][custom_message]`: must not be empty",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::new(
                SubscriptionUpdateConfirm::new("sub_1", SubscriptionUpdateConfirmItem::new_quantity("si_1", 2))
                    .item(SubscriptionUpdateConfirmItem::new_price("", "price_1")),
            )),
            "invalid parameter `flow_data[subscription_update_confirm][items][1][id]`: must not be empty",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::new(
                SubscriptionUpdateConfirm::new("sub_1", SubscriptionUpdateConfirmItem::new_price("si_1", "p")).promotion_code(""),
            )),
            "invalid parameter `flow_data[subscription_update_confirm][discounts][0][promotion_code]`: must not be empty",
        ),
        (SessionCreateParams::new("cus_1").expand(""), "invalid parameter `expand[0]`: must not be empty"),
        (
            SessionCreateParams::new("cus_1 "),
            "invalid parameter `customer`: \"cus_1 \" must not contain whitespace or control characters",
        ),
        (SessionCreateParams::new("sub_1"), "invalid parameter `customer`: \"sub_1\" is not a `cus_…` id"),
        (
            SessionCreateParams::new("cus_1").configuration("default"),
            "invalid parameter `configuration`: \"default\" is not a `bpc_…` id",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::new(SubscriptionUpdateConfirm::new(
                "sub_1",
                SubscriptionUpdateConfirmItem::new_quantity("si_1", 0),
            ))),
            "invalid parameter `flow_data[subscription_update_confirm][items][0][quantity]`: must be at least 1",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(FlowData::new(SubscriptionUpdateConfirm::new(
                "sub_1",
                SubscriptionUpdateConfirmItem::new_price("si_1", "price\t1"),
            ))),
            "invalid parameter `flow_data[subscription_update_confirm][items][0][price]`: \"price\\t1\" must not contain whitespace or control characters",
        ),
        (
            SessionCreateParams::new("cus_1").after_expiration(AfterExpiration::customer_login().expires_at(0)),
            "invalid parameter `after_expiration[customer_login][expires_at]`: 0 is not a Unix timestamp in seconds between 1 and 253402300799",
        ),
        (
            SessionCreateParams::new("cus_1").flow_data(Flow::other("", Value::Null)),
            "invalid parameter `flow_data[type]`: must be a flow type without `[` or `]`",
        ),
    ];
    for (params, message) in cases {
        let err = client.sessions().create(params.clone()).send().await.unwrap_err();
        assert_eq!(err.to_string(), message);
        assert!(matches!(err, Error::InvalidParam { .. }));
        assert_eq!(client.sessions().create(params).preview().unwrap_err().to_string(), message);
    }
    let long_key = "k".repeat(256);
    let err =
        client.sessions().create(SessionCreateParams::new("cus_1")).idempotency_key(long_key).send().await.unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid parameter `Idempotency-Key`: is 256 characters long; Stripe accepts at most 255"
    );
    assert!(server.received_requests().await.unwrap().is_empty(), "nothing was sent");
}

#[test]
fn a_flow_the_crate_does_not_know_is_sent_as_the_official_sdk_sends_it() {
    // echo '{"customer":"cus_123","flow_data":{"type":"subscription_gift","subscription_gift":{"months":[3,6],"recipient":{"email":"a b@example.com"},"subscription":"sub_123"},"after_completion":{"type":"portal_homepage"}}}' | ../shared/tools/stripe-encode
    const GOLDEN: &str = "customer=cus_123&flow_data[type]=subscription_gift&flow_data[subscription_gift][months][0]=3&flow_data[subscription_gift][months][1]=6&flow_data[subscription_gift][recipient][email]=a+b%40example.com&flow_data[subscription_gift][subscription]=sub_123&flow_data[after_completion][type]=portal_homepage";
    let flow = Flow::other(
        "subscription_gift",
        serde_json::json!({"subscription": "sub_123", "recipient": {"email": "a b@example.com"}, "months": [3, 6]}),
    );
    assert_eq!(flow.flow_type(), FlowType::Other("subscription_gift".into()));
    let params = SessionCreateParams::new("cus_123")
        .flow_data(FlowData::new(flow).after_completion(AfterCompletion::portal_homepage()));
    let client = Client::new(KEY).unwrap();
    assert_eq!(client.sessions().create(params).preview().unwrap().body(), GOLDEN);
}

#[tokio::test]
async fn the_flow_is_the_variant_that_type_names() {
    let mut body = session_fixture(Some("subscription_cancel"));
    // Siblings `type` does not name are not decoded (beyond the first one, which a real answer
    // leaves `null`), even when they would not decode.
    body["flow"]["subscription_update_confirm"] = serde_json::json!({"items": "not a list"});
    body["flow"]["subscription_update"] = serde_json::json!(42);
    body["after_expiration"] =
        serde_json::json!({"customer_login": {"expires_at": 1767225600}, "type": "customer_login"});
    let (_server, client) = stripe_answering(200, body).await;
    let session = client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    let Some(SessionFlowKind::SubscriptionCancel(cancel)) = session.flow.map(|flow| flow.kind) else {
        panic!("expected a cancel flow");
    };
    assert_eq!(cancel.subscription.as_deref(), Some("subscription"));
    let Some(SessionAfterExpiration::CustomerLogin(login)) = session.after_expiration else { panic!("no login") };
    assert_eq!(login.expires_at, Some(1767225600));

    // An unknown flow keeps its type and its sibling's JSON.
    let mut body = session_fixture(Some("subscription_gift"));
    body["flow"]["subscription_gift"] = serde_json::json!({"months": 3});
    let (_server, client) = stripe_answering(200, body).await;
    let session = client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    let Some(SessionFlowKind::Other(unknown)) = session.flow.map(|flow| flow.kind) else { panic!("not Other") };
    assert_eq!((unknown.kind.as_str(), unknown.data), ("subscription_gift", Some(serde_json::json!({"months": 3}))));
}

#[tokio::test]
async fn unknown_values_and_new_fields_decode() {
    let mut body = session_fixture(Some("subscription_gift"));
    body["locale"] = Value::from("tlh");
    body["flow"]["after_completion"]["type"] = Value::from("confetti");
    body["brand_new_field"] = serde_json::json!({"nested": [1, 2, 3]});
    // `expand[]=configuration` returns the object: Stripe's own configuration fixture.
    body["configuration"] = fixtures()["billing_portal.configuration"].clone();
    let (_server, client) = stripe_answering(200, body).await;
    let session = client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap();
    assert_eq!(session.locale, Some(Locale::Other("tlh".into())));
    let flow = session.flow.unwrap();
    let SessionFlowKind::Other(unknown) = &flow.kind else { panic!("{:?}", flow.kind) };
    assert_eq!(unknown.kind, "subscription_gift");
    assert_eq!(unknown.data, None, "the fixture has no `subscription_gift` object");
    let Some(SessionAfterCompletion::Other(unknown)) = &flow.after_completion else { panic!("{flow:?}") };
    assert_eq!(unknown.kind, "confetti");
    let configuration = session.configuration.unwrap();
    assert_eq!(configuration.id(), "bpc_1Pgc70B7WZ01zgkWSnFO04Vt");
    assert!(configuration.as_object().is_some());
}

/// Every `locale` and `flow_data[type]` value `billing-portal-params.md` lists has its variant.
#[test]
fn every_documented_locale_and_flow_type_has_its_variant() {
    let locales = concat!(
        "auto bg cs da de el en en-AU en-CA en-GB en-IE en-IN en-NZ en-SG es es-419 et fi fil ",
        "fr fr-CA hr hu id it ja ko lt lv ms mt nb nl pl pt pt-BR ro ru sk sl sv th tr vi zh ",
        "zh-HK zh-TW"
    );
    for wire in locales.split(' ') {
        assert!(!matches!(Locale::from(wire), Locale::Other(_)), "`{wire}` has its variant");
        assert_eq!(serde_json::from_value::<Locale>(Value::from(wire)).unwrap().as_str(), wire);
    }
    assert_eq!(locales.split(' ').count(), 47);
    documented! {
        FlowType: CustomerUpdate = "customer_update", PaymentMethodUpdate = "payment_method_update", SubscriptionCancel = "subscription_cancel", SubscriptionPause = "subscription_pause", SubscriptionUpdate = "subscription_update", SubscriptionUpdateConfirm = "subscription_update_confirm";
    }
}

#[tokio::test]
async fn a_success_body_that_is_not_a_session_is_a_decode_error() {
    let (_server, client) = stripe_answering(200, serde_json::json!({"id": 42})).await;
    let err = client.sessions().create(SessionCreateParams::new("cus_123")).send().await.unwrap_err();
    let Error::Decode { facts, body_prefix, .. } = &err else { panic!("{err:?}") };
    assert_eq!(
        (facts.status, facts.request_id.as_deref(), body_prefix.as_str()),
        (Some(200), Some("req_test_1"), r#"{"id":42}"#)
    );
}

#[test]
fn the_client_and_its_futures_can_cross_threads() {
    fn shareable<T: Send + Sync + Clone + 'static>(_: &T) {}
    fn spawnable<F: std::future::Future + Send + 'static>(_: F) {}
    let client = Client::new(KEY).unwrap();
    shareable(&client);
    spawnable(client.sessions().create(SessionCreateParams::new("cus_123")).send());
}
