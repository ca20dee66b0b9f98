//! The escape hatches for what the crate has no type for yet, against a mock Stripe on 127.0.0.1:
//! the raw `Client::request` (any method, path and `Serialize` params through the same `Call`)
//! and `Call::extra_param` (raw pairs after the typed ones, collisions refused).

use futures_util::StreamExt;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use stripe_billing_portal::list::List;
use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
use stripe_billing_portal::{Client, Error, Method};
use support::{
    assert_get, assert_post, assert_query_call, body_text, fixture, header, only_request, received, stripe_answering,
    KEY,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod support;

// ---------------------------------------------------------------------------------------------
// Client::request
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn a_raw_post_sends_the_params_as_a_form_body_with_the_usual_headers() {
    let (server, client) = stripe_answering(200, json!({"id": "promo_1", "code": "SPRING26"})).await;
    let params = json!({"coupon": "SPRING", "code": "SPRING26", "restrictions": {"first_time_transaction": true}});
    let call = client
        .request::<Value>(Method::POST, "/v1/promotion_codes", &params)
        .stripe_account("acct_9")
        .idempotency_key("promo-spring-26");
    let preview = call.preview().unwrap();
    let response = call.send_with_meta().await.unwrap();

    assert_eq!(response.data["code"], "SPRING26");
    assert_eq!((response.request_id.as_deref(), response.attempts), (Some("req_test_1"), 1));
    let request = &only_request(&server).await;
    // serde_json's map is ordered by key; nesting is bracketed as for typed params.
    let wire = "code=SPRING26&coupon=SPRING&restrictions[first_time_transaction]=true";
    assert_eq!(body_text(request), wire);
    assert_eq!(preview.body(), wire, "the preview shows the bytes that were sent");
    assert_eq!(
        (request.method.as_str(), request.url.path(), request.url.query()),
        ("POST", "/v1/promotion_codes", None)
    );
    support::assert_standard_headers(request);
    assert_eq!(header(request, "content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(header(request, "idempotency-key"), Some("promo-spring-26"));
    assert_eq!(header(request, "stripe-account"), Some("acct_9"));
    // Every header the preview shows went out as shown (only the key is masked in the preview).
    for (name, value) in preview.headers() {
        if name != "authorization" {
            assert_eq!(header(request, name), Some(value.as_str()), "{name}");
        }
    }
    assert_eq!(preview.headers().len(), 7, "{:?}", preview.headers());
}

/// A typed response of the caller's own, for an endpoint the crate does not cover.
#[derive(Debug, Deserialize, PartialEq)]
struct Coupon {
    id: String,
    percent_off: Option<f64>,
}

/// Typed params of the caller's own.
#[derive(Serialize)]
struct CouponQuery<'a> {
    expand: Vec<&'a str>,
}

#[tokio::test]
async fn a_raw_get_sends_the_params_as_a_query_and_decodes_a_typed_answer() {
    let (server, client) = stripe_answering(200, json!({"id": "SPRING", "percent_off": 25.0})).await;
    let call = client.request::<Coupon>(Method::GET, "/v1/coupons/SPRING", &CouponQuery { expand: vec!["applies_to"] });
    let preview = call.preview().unwrap();
    let coupon = call.send().await.unwrap();

    assert_eq!(coupon, Coupon { id: "SPRING".into(), percent_off: Some(25.0) });
    let request = &only_request(&server).await;
    assert_get(request, "/v1/coupons/SPRING", &[("expand[0]", "applies_to")]);
    let sent = format!("{}{}?{}", server.uri(), request.url.path(), request.url.query().unwrap());
    assert_eq!(preview.url(), sent, "the preview shows the URL that was sent");
    assert_eq!(preview.body(), "");
}

#[tokio::test]
async fn a_raw_delete_without_params_sends_no_query() {
    let (server, client) = stripe_answering(200, json!({"deleted": true})).await;
    let answer: Value = client.request(Method::DELETE, "/v1/customers/cus_1/tax_ids/txi_1", &()).send().await.unwrap();
    assert_eq!(answer["deleted"], true);
    assert_query_call(&only_request(&server).await, "DELETE", "/v1/customers/cus_1/tax_ids/txi_1", &[]);
}

#[tokio::test]
async fn a_raw_call_is_retried_with_one_key_and_fails_with_the_same_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("oops"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let error = json!({"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "coupon", "message": "No such coupon: 'NOPE'"}});
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(404).set_body_json(error)).mount(&server).await;
    // One retry: the client waits its first backoff (0.5 s) for real.
    let client = Client::builder(KEY).base_url(server.uri()).max_retries(1).build().unwrap();

    let err = client.request::<Value>(Method::POST, "/v1/promotion_codes", &json!({"coupon": "NOPE"})).send().await;
    let err = err.unwrap_err();
    let requests = received(&server, 2).await; // the 500 was retried, the 404 was not
    let keys: Vec<_> = requests.iter().map(|r| header(r, "idempotency-key").unwrap().to_owned()).collect();
    assert_eq!(keys[0], keys[1], "one key for every attempt");
    let api = err.as_api().expect("Stripe's error body");
    assert_eq!(
        (api.status(), api.code.as_deref(), api.param.as_deref()),
        (404, Some("resource_missing"), Some("coupon"))
    );
    assert_eq!((err.attempts(), err.idempotency_key()), (Some(2), Some(keys[0].as_str())));
}

#[tokio::test]
async fn a_raw_list_paginates_moving_starting_after_and_keeping_the_other_params() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/promotion_codes"))
        .respond_with(|request: &Request| {
            let query = request.url.query().unwrap_or("");
            let (ids, has_more) = if query.contains("starting_after=promo_2") {
                (vec!["promo_3"], false)
            } else {
                (vec!["promo_1", "promo_2"], true)
            };
            let data: Vec<Value> = ids.iter().map(|id| json!({"id": id, "object": "promotion_code"})).collect();
            ResponseTemplate::new(200).set_body_json(json!({"object": "list", "data": data, "has_more": has_more}))
        })
        .mount(&server)
        .await;
    let client = Client::builder(KEY).base_url(server.uri()).build().unwrap();

    let params = json!({"active": true, "limit": 2});
    let codes: Vec<Value> = client
        .request::<List<Value>>(Method::GET, "/v1/promotion_codes", &params)
        .paginate()
        .map(Result::unwrap)
        .collect()
        .await;
    let ids: Vec<_> = codes.iter().map(|code| code["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["promo_1", "promo_2", "promo_3"]);
    let queries: Vec<_> = received(&server, 2).await.iter().map(|r| r.url.query().unwrap().to_owned()).collect();
    assert_eq!(queries, ["limit=2&active=true", "limit=2&starting_after=promo_2&active=true"]);
}

#[tokio::test]
async fn bad_raw_input_is_refused_before_sending() {
    let server = MockServer::start().await;
    let client = support::client_for(&server.uri());
    let cases: Vec<(Method, &str, Value, &str)> = vec![
        (Method::PATCH, "/v1/customers", json!({}), "invalid parameter `method`: PATCH is not used by Stripe's API; use GET, POST or DELETE"),
        (Method::GET, "/v2/core/events", json!({}), "invalid parameter `path`: \"/v2/core/events\" must start with `/v1/` (the form-encoded API)"),
        (Method::GET, "/v1/customers?limit=3", json!({}), "invalid parameter `path`: \"/v1/customers?limit=3\" must not hold a query string: pass the parameters as `params`"),
        (Method::GET, "/v1/customers/../charges", json!({}), "invalid parameter `path`: \"/v1/customers/../charges\" has an empty or dot segment"),
        (Method::GET, "/v1/customers", json!("cus_1"), "invalid parameter `params`: the top level must be a struct or a map, not a string"),
        (Method::GET, "/v1/customers", json!({"limit": 500}), "invalid parameter `limit`: is 500; Stripe accepts 1 to 100"),
        (Method::GET, "/v1/customers", json!({"limit": 0}), "invalid parameter `limit`: is 0; Stripe accepts 1 to 100"),
        (Method::GET, "/v1/customers", json!({"starting_after": "cus_1", "ending_before": "cus_2"}), "invalid parameter `ending_before`: cannot be combined with `starting_after`"),
    ];
    for (verb, at, params, message) in cases {
        let call = client.request::<Value>(verb.clone(), at, &params);
        assert_eq!(call.preview().unwrap_err().to_string(), message, "{verb} {at} {params}");
        let err = call.send().await.unwrap_err();
        assert!(matches!(err, Error::InvalidParam { .. }), "{err:?}");
    }
    // A value with no form spelling, named by its key.
    let nan = std::collections::BTreeMap::from([("balance", f64::NAN)]);
    let err = client.request::<Value>(Method::POST, "/v1/customers", &nan).send().await.unwrap_err();
    assert_eq!(err.to_string(), "invalid parameter `balance`: NaN is not a finite number");
    received(&server, 0).await; // nothing was sent
}

// ---------------------------------------------------------------------------------------------
// Call::extra_param
// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn extra_params_follow_the_typed_ones_in_the_body() {
    let (server, client) = stripe_answering(200, fixture("billing_portal.session")).await;
    let call = client
        .sessions()
        .create(SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_cancel("sub_123")))
        .extra_param("flow_data[subscription_cancel][retention][type]", "coupon_offer")
        .extra_param("flow_data[subscription_cancel][retention][coupon_offer][coupon]", "STAY10")
        .extra_param("locale", "");
    let preview = call.preview().unwrap();
    call.send().await.unwrap();
    let wire =
        "customer=cus_123&flow_data[type]=subscription_cancel&flow_data[subscription_cancel][subscription]=sub_123\
                &flow_data[subscription_cancel][retention][type]=coupon_offer\
                &flow_data[subscription_cancel][retention][coupon_offer][coupon]=STAY10&locale=";
    let request = only_request(&server).await;
    assert_post(&request, "/v1/billing_portal/sessions");
    assert_eq!(body_text(&request), wire);
    assert_eq!(preview.body(), wire);
}

#[tokio::test]
async fn extra_params_of_a_get_go_in_the_query() {
    let list = json!({"object": "list", "data": [], "has_more": false, "url": "/v1/billing_portal/configurations"});
    let (server, client) = stripe_answering(200, list).await;
    let params = stripe_billing_portal::configurations::ConfigurationListParams::new().limit(3);
    client.configurations().list(params).extra_param("created[gte]", "1700000000").send().await.unwrap();
    let request = only_request(&server).await;
    assert_get(&request, "/v1/billing_portal/configurations", &[("limit", "3"), ("created[gte]", "1700000000")]);
}

#[tokio::test]
async fn extra_params_that_collide_or_are_misshapen_are_refused_before_sending() {
    let server = MockServer::start().await;
    let client = support::client_for(&server.uri());
    let create = || {
        client.sessions().create(SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_cancel("sub_1")))
    };
    let cases = [
        (create().extra_param("customer", "cus_999"), "invalid parameter `customer`: is already sent by the typed params; set it there, or leave it unset there"),
        (create().extra_param("flow_data", ""), "invalid parameter `flow_data`: collides with `flow_data[subscription_cancel][subscription]`, which the typed params already send"),
        (create().extra_param("flow_data[type][x]", "y"), "invalid parameter `flow_data[type][x]`: collides with `flow_data[type]`, which the typed params already send"),
        (create().extra_param("locale", "fr").extra_param("locale", "de"), "invalid parameter `locale`: is given twice"),
        (create().extra_param("metadata", "").extra_param("metadata[a]", "b"), "invalid parameter `metadata[a]`: collides with the extra parameter `metadata`"),
        (create().extra_param("expand[]", "configuration"), "invalid parameter `expand[]`: must be `name` or `name[part]…` with non-empty parts, e.g. `features[subscription_cancel][mode]`"),
        (create().extra_param("", "x"), "invalid parameter ``: must be `name` or `name[part]…` with non-empty parts, e.g. `features[subscription_cancel][mode]`"),
    ];
    for (call, message) in cases {
        assert_eq!(call.preview().unwrap_err().to_string(), message);
        assert_eq!(call.send().await.unwrap_err().to_string(), message);
    }
    // Not collisions: a sibling key, and a name that only shares a prefix without a bracket.
    let fine =
        create().extra_param("flow_data[subscription_cancel][retention][type]", "x").extra_param("customer_x", "y");
    assert!(fine.preview().is_ok());
    received(&server, 0).await; // nothing was sent
}
