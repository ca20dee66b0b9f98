//! The form encoder against Stripe's official Python SDK, one golden vector per row of the
//! encoding table in `wire-protocol.md`, plus properties that hold for every input.
//!
//! Each golden body was produced by the official SDK with the command in the comment above it
//! (`../shared/tools/stripe-encode` runs `stripe._encode._api_encode` from `stripe==16.1.0`).

use proptest::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use stripe_billing_portal::form::{self, pairs_to_string, to_pairs, to_string};

#[derive(Serialize)]
struct Type {
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct FlowType {
    flow_data: Type,
}

#[test]
fn nested_object() {
    // echo '{"flow_data":{"type":"payment_method_update"}}' | ../shared/tools/stripe-encode
    let body = to_string(&FlowType { flow_data: Type { kind: "payment_method_update" } }).unwrap();
    assert_eq!(body, "flow_data[type]=payment_method_update");
}

#[derive(Serialize)]
struct Item {
    id: &'static str,
    price: Option<&'static str>,
    quantity: u64,
}

#[derive(Serialize)]
struct Items {
    items: Vec<Item>,
}

#[test]
fn array_of_objects_is_indexed_from_zero() {
    // echo '{"items":[{"id":"si_1","price":"price_2","quantity":2},{"id":"si_2","quantity":1}]}' | ../shared/tools/stripe-encode
    let params = Items {
        items: vec![
            Item { id: "si_1", price: Some("price_2"), quantity: 2 },
            Item { id: "si_2", price: None, quantity: 1 },
        ],
    };
    assert_eq!(
        to_string(&params).unwrap(),
        "items[0][id]=si_1&items[0][price]=price_2&items[0][quantity]=2&items[1][id]=si_2&items[1][quantity]=1"
    );
}

#[test]
fn array_of_strings() {
    // echo '{"expand":["configuration","flow"]}' | ../shared/tools/stripe-encode
    assert_eq!(
        to_string(&json!({"expand": ["configuration", "flow"]})).unwrap(),
        "expand[0]=configuration&expand[1]=flow"
    );
}

#[test]
fn bools_and_integers() {
    // echo '{"active":true,"is_default":false,"limit":3}' | ../shared/tools/stripe-encode
    assert_eq!(
        to_string(&json!({"active": true, "is_default": false, "limit": 3})).unwrap(),
        "active=true&is_default=false&limit=3"
    );
    assert_eq!(to_string(&json!({"n": -42, "big": u64::MAX})).unwrap(), "big=18446744073709551615&n=-42");
}

#[test]
fn absent_is_not_sent() {
    // echo '{"customer":"cus_1","on_behalf_of":null}' | ../shared/tools/stripe-encode
    assert_eq!(to_string(&json!({"customer": "cus_1", "on_behalf_of": null})).unwrap(), "customer=cus_1");
}

#[test]
fn empty_string_unsets_a_field_and_empties_a_list() {
    // echo '{"default_return_url":""}' | ../shared/tools/stripe-encode
    assert_eq!(to_string(&json!({"default_return_url": ""})).unwrap(), "default_return_url=");
    // echo '{"features":{"subscription_update":{"products":""}}}' | ../shared/tools/stripe-encode
    assert_eq!(
        to_string(&json!({"features": {"subscription_update": {"products": ""}}})).unwrap(),
        "features[subscription_update][products]="
    );
    // An empty list sends nothing at all: clearing a list takes an explicit "".
    assert_eq!(to_string(&json!({"expand": []})).unwrap(), "");
}

#[test]
fn metadata_set_delete_and_clear() {
    // echo '{"metadata":{"a":"1","b":""}}' | ../shared/tools/stripe-encode
    let metadata = HashMap::from([("b", ""), ("a", "1")]);
    assert_eq!(to_string(&json!({ "metadata": metadata })).unwrap(), "metadata[a]=1&metadata[b]=");
    // echo '{"metadata":""}' | ../shared/tools/stripe-encode
    assert_eq!(to_string(&json!({"metadata": ""})).unwrap(), "metadata=");
}

#[test]
fn maps_encode_in_a_stable_order_whatever_the_hash_order() {
    let many: HashMap<String, String> = (0..50).map(|i| (format!("k{i:02}"), i.to_string())).collect();
    #[derive(Serialize)]
    struct Params<'a> {
        metadata: &'a HashMap<String, String>,
    }
    let body = to_string(&Params { metadata: &many }).unwrap();
    let sorted: BTreeMap<_, _> = many.iter().collect();
    let expected: Vec<String> = sorted.iter().map(|(k, v)| format!("metadata[{k}]={v}")).collect();
    assert_eq!(body, expected.join("&"));
}

#[test]
fn values_are_percent_encoded_as_utf8_and_brackets_stay_literal() {
    // echo '{"return_url":"https://example.com/account?x=1&y=é ü"}' | ../shared/tools/stripe-encode
    assert_eq!(
        to_string(&json!({"return_url": "https://example.com/account?x=1&y=é ü"})).unwrap(),
        "return_url=https%3A%2F%2Fexample.com%2Faccount%3Fx%3D1%26y%3D%C3%A9+%C3%BC"
    );
    // echo '{"a":"x y~*é[]"}' | ../shared/tools/stripe-encode
    assert_eq!(to_string(&json!({"a": "x y~*é[]"})).unwrap(), "a=x+y~%2A%C3%A9[]");
}

#[test]
fn unsupported_shapes_are_errors_naming_the_key() {
    let err = to_string("just a string").unwrap_err();
    assert_eq!(err.to_string(), "cannot form-encode the params: the top level must be a struct or a map, not a string");
    assert!(to_string(&vec![1, 2]).is_err());
    assert!(to_string(&7).is_err());

    #[derive(Serialize)]
    struct Float {
        ratio: f64,
    }
    let err = to_string(&Float { ratio: f64::NAN }).unwrap_err();
    assert_eq!(err.key(), "ratio");
    assert_eq!(err.to_string(), "cannot form-encode `ratio`: NaN is not a finite number");

    #[derive(Serialize)]
    struct IntKeys {
        tiers: BTreeMap<u32, &'static str>,
    }
    let err = to_string(&IntKeys { tiers: BTreeMap::from([(1, "a")]) }).unwrap_err();
    assert_eq!(err.to_string(), "cannot form-encode `tiers`: map keys must be strings");

    #[derive(Serialize)]
    struct Bytes<'a> {
        #[serde(with = "serde_bytes_like")]
        raw: &'a [u8],
    }
    mod serde_bytes_like {
        pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(v)
        }
    }
    assert_eq!(to_string(&Bytes { raw: b"x" }).unwrap_err().key(), "raw");
}

#[test]
fn pairs_and_body_agree() {
    let value = json!({"a": {"b": [1, {"c": "d e"}]}, "m": {"z": "1", "y": ""}});
    let pairs = to_pairs(&value).unwrap();
    assert_eq!(
        pairs,
        vec![
            ("a[b][0]".to_owned(), "1".to_owned()),
            ("a[b][1][c]".to_owned(), "d e".to_owned()),
            ("m[y]".to_owned(), String::new()),
            ("m[z]".to_owned(), "1".to_owned()),
        ]
    );
    assert_eq!(pairs_to_string(&pairs), to_string(&value).unwrap());
}

/// An independent flattener: what the pairs of a JSON value must be, written directly from the
/// encoding table.
fn reference_pairs(value: &Value) -> Vec<(String, String)> {
    // `key` is `None` at the top level, where a segment is written bare rather than bracketed.
    fn walk(key: Option<&str>, value: &Value, out: &mut Vec<(String, String)>) {
        let child = |segment: &str| match key {
            None => segment.to_owned(),
            Some(key) => format!("{key}[{segment}]"),
        };
        let key = key.unwrap_or_default();
        match value {
            Value::Null => {}
            Value::Bool(b) => out.push((key.to_owned(), b.to_string())),
            Value::Number(n) => out.push((key.to_owned(), n.to_string())),
            Value::String(s) => out.push((key.to_owned(), s.clone())),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(Some(&child(&i.to_string())), item, out);
                }
            }
            Value::Object(map) => {
                let sorted: BTreeMap<_, _> = map.iter().collect();
                for (k, v) in sorted {
                    walk(Some(&child(k)), v, out);
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(None, value, &mut out);
    out
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        ".*".prop_map(Value::String),
        "[a-z_]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(".{0,6}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn top_level_object() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(".{0,6}", json_value(), 0..6).prop_map(|m| Value::Object(m.into_iter().collect()))
}

proptest! {
    #[test]
    fn pairs_match_an_independent_flattener(value in top_level_object()) {
        prop_assert_eq!(to_pairs(&value).unwrap(), reference_pairs(&value));
    }

    #[test]
    fn decoding_the_body_with_an_independent_parser_gives_back_the_pairs(value in top_level_object()) {
        let pairs = to_pairs(&value).unwrap();
        let body = to_string(&value).unwrap();
        let decoded: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
        prop_assert_eq!(decoded, pairs);
        // Only the unreserved set, brackets, `+`, `%`, `=` and `&` ever appear in a body.
        prop_assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~[]+%=&".contains(&b)), "{}", body);
    }

    #[test]
    fn encoding_is_deterministic(value in top_level_object()) {
        prop_assert_eq!(to_string(&value).unwrap(), to_string(&value.clone()).unwrap());
    }

    #[test]
    fn nothing_panics_on_any_value(value in json_value()) {
        // Scalars and lists at the top level are errors; everything else encodes.
        let result = form::to_string(&value);
        prop_assert_eq!(result.is_ok(), matches!(value, Value::Object(_) | Value::Null));
    }
}

mod leaves {
    //! The validated leaf types, through the params that hold them: for any input, a leaf either
    //! encodes to exactly itself at its bracketed path, or the encoding fails with
    //! `Error::InvalidParam` naming that path; nothing panics.

    use super::*;
    use stripe_billing_portal::leaf::{CustomerId, Id, SubscriptionItemId, Text, Url};
    use stripe_billing_portal::sessions::{
        AfterCompletion, AfterExpiration, FlowData, SessionCreateParams, SubscriptionUpdateConfirm,
        SubscriptionUpdateConfirmItem,
    };
    use stripe_billing_portal::Error;

    /// `params` holds `value` at `path`: its pairs carry it there, or the error names `path`.
    fn encodes_or_names_the_path<P: Serialize>(params: &P, path: &str, value: &str, valid: bool) {
        match to_pairs(params) {
            Ok(pairs) => {
                assert!(valid, "{path}={value:?} was accepted");
                let found: Vec<&str> = pairs.iter().filter(|(k, _)| k == path).map(|(_, v)| v.as_str()).collect();
                assert_eq!(found, [value], "{pairs:?}");
            }
            Err(err) => {
                assert!(!valid, "{path}={value:?} was refused: {err}");
                assert_eq!(err.key(), path);
                match Error::from(err) {
                    Error::InvalidParam { param, reason } => {
                        assert_eq!(param, path);
                        assert!(!reason.is_empty());
                    }
                    other => panic!("expected InvalidParam, got {other:?}"),
                }
            }
        }
    }

    /// An id by the rule written out: not empty, no whitespace or control character, the prefix.
    fn id_ok(value: &str, prefix: &str) -> bool {
        value.len() > prefix.len()
            && value.starts_with(prefix)
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
    }

    /// Strings that are often, but not always, well-formed ids and URLs.
    fn input() -> impl Strategy<Value = String> {
        prop_oneof![
            ".*",
            "(cus_|sub_|si_|bpc_|price_)?[a-zA-Z0-9_ \t\n-]{0,12}",
            "(https?://|HTTP://|ftp://|/)?[a-z.:@ ]{0,10}(/[a-z?#= ]{0,6})?",
            "(https?://)([a-zA-Z0-9.-]{0,8}|\\[[0-9a-f:]{0,6}\\]|[0-9.]{0,12}|xn--[a-z0-9]{0,4})(:[0-9]{0,6})?[/?#\\\\]?[a-z%]{0,4}",
        ]
    }

    fn confirm_item(item: SubscriptionUpdateConfirmItem) -> SessionCreateParams {
        SessionCreateParams::new("cus_1").flow_data(FlowData::new(SubscriptionUpdateConfirm::new("sub_1", item)))
    }

    proptest! {
        #[test]
        fn string_leaves(value in input()) {
            let v = value.as_str();
            let url_ok = Url::from(v).is_valid();
            if url_ok {
                // What the cheap check accepts, a full URL parser accepts as an http(s) URL with a host.
                let parsed = url::Url::parse(v).unwrap();
                prop_assert!(matches!(parsed.scheme(), "http" | "https") && parsed.has_host(), "{}", v);
            }
            prop_assert_eq!(CustomerId::from(v).is_valid(), id_ok(v, "cus_"));
            prop_assert_eq!(Id::from(v).is_valid(), id_ok(v, ""));
            prop_assert_eq!(SubscriptionItemId::from(v).is_valid(), id_ok(v, "si_"));
            prop_assert_eq!(Text::from(v).is_valid(), !v.is_empty());

            encodes_or_names_the_path(&SessionCreateParams::new(v), "customer", v, id_ok(v, "cus_"));
            let params = SessionCreateParams::new("cus_1").on_behalf_of(v);
            encodes_or_names_the_path(&params, "on_behalf_of", v, id_ok(v, ""));
            let params = SessionCreateParams::new("cus_1").return_url(v);
            encodes_or_names_the_path(&params, "return_url", v, url_ok);
            let params = SessionCreateParams::new("cus_1").expand(v);
            encodes_or_names_the_path(&params, "expand[0]", v, !v.is_empty());
            let params = confirm_item(SubscriptionUpdateConfirmItem::new_price(v, "price_1"));
            encodes_or_names_the_path(&params, "flow_data[subscription_update_confirm][items][0][id]", v, id_ok(v, "si_"));
            let params = confirm_item(SubscriptionUpdateConfirmItem::new_price("si_1", v));
            encodes_or_names_the_path(&params, "flow_data[subscription_update_confirm][items][0][price]", v, id_ok(v, ""));
            let params = SessionCreateParams::new("cus_1")
                .flow_data(FlowData::payment_method_update().after_completion(AfterCompletion::redirect(v)));
            encodes_or_names_the_path(&params, "flow_data[after_completion][redirect][return_url]", v, url_ok);
        }

        #[test]
        fn number_leaves(quantity in any::<u64>(), at in prop_oneof![any::<i64>(), -2i64..2, 253_402_300_790i64..253_402_300_810]) {
            let params = confirm_item(SubscriptionUpdateConfirmItem::new_quantity("si_1", quantity));
            let path = "flow_data[subscription_update_confirm][items][0][quantity]";
            encodes_or_names_the_path(&params, path, &quantity.to_string(), quantity >= 1);
            let params = SessionCreateParams::new("cus_1").after_expiration(AfterExpiration::customer_login().expires_at(at));
            let valid = (1..=253_402_300_799).contains(&at);
            encodes_or_names_the_path(&params, "after_expiration[customer_login][expires_at]", &at.to_string(), valid);
        }
    }
}
