//! Webhook signature verification: vectors computed with openssl, tampering, rotation, timestamps,
//! malformed headers, and a property test that no input panics.

use proptest::prelude::*;
use std::time::Duration;
use stripe_billing_portal::webhooks::{
    compute_signature, construct_event, signature_header, SignatureHeader, Verifier, WebhookError, DEFAULT_TOLERANCE,
};

const SECRET: &str = "whsec_test_secret";
const T: i64 = 1_700_000_000;
const BODY: &[u8] = br#"{"id":"evt_test_webhook","object":"event"}"#;
/// printf '%s' '1700000000.{"id":"evt_test_webhook","object":"event"}' | openssl dgst -sha256 -hmac 'whsec_test_secret'
const BODY_SIG: &str = "d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";
/// printf '%s' '1700000000.' | openssl dgst -sha256 -hmac 'whsec_test_secret'
const EMPTY_BODY_SIG: &str = "316b9ab98c15bfa039d243f3196acee619cf29749a91a634e6a8154e2f7b6727";

const ROTATED_T: i64 = 1_712_345_678;
const ROTATED_BODY: &str = r#"{"name":"Zoë","amount":2000}"#;
/// printf '%s' '1712345678.{"name":"Zoë","amount":2000}' | openssl dgst -sha256 -hmac 'whsec_rotated_new'
const ROTATED_NEW_SIG: &str = "df3dcee1a1f5e13a37334bb8404e144ceae742aa18b4524cabb56fa9b51a077f";
/// printf '%s' '1712345678.{"name":"Zoë","amount":2000}' | openssl dgst -sha256 -hmac 'whsec_rotated_old'
const ROTATED_OLD_SIG: &str = "7d3f96af4b4f36a2126d8b2c3a0cd81240ac396b4fb594e8be274262c9acb91f";

fn verify(body: &[u8], header: &str, secret: &str) -> Result<(), WebhookError> {
    Verifier::new(secret).unwrap().verify_at(body, header, T)
}

#[test]
fn signatures_match_openssl() {
    assert_eq!(compute_signature(BODY, SECRET, T), BODY_SIG);
    assert_eq!(compute_signature(b"", SECRET, T), EMPTY_BODY_SIG);
    assert_eq!(compute_signature(ROTATED_BODY.as_bytes(), "whsec_rotated_new", ROTATED_T), ROTATED_NEW_SIG);
    assert_eq!(compute_signature(ROTATED_BODY.as_bytes(), "whsec_rotated_old", ROTATED_T), ROTATED_OLD_SIG);
    assert_eq!(signature_header(BODY, SECRET, T), format!("t=1700000000,v1={BODY_SIG}"));
}

#[test]
fn openssl_vectors_verify() {
    verify(BODY, &format!("t=1700000000,v1={BODY_SIG}"), SECRET).unwrap();
    verify(b"", &format!("t=1700000000,v1={EMPTY_BODY_SIG}"), SECRET).unwrap();
    let upper = BODY_SIG.to_ascii_uppercase();
    verify(BODY, &format!("t=1700000000,v1={upper}"), SECRET).unwrap();
}

#[test]
fn a_tampered_body_is_refused() {
    let header = format!("t=1700000000,v1={BODY_SIG}");
    let tampered = br#"{"id":"evt_test_webhook","object":"evenT"}"#;
    assert!(matches!(verify(tampered, &header, SECRET), Err(WebhookError::NoMatchingSignature)));
    let extended = br#"{"id":"evt_test_webhook","object":"event"} "#;
    assert!(matches!(verify(extended, &header, SECRET), Err(WebhookError::NoMatchingSignature)));
    assert!(matches!(verify(b"", &header, SECRET), Err(WebhookError::NoMatchingSignature)));
}

#[test]
fn a_tampered_timestamp_is_refused() {
    let header = format!("t=1700000001,v1={BODY_SIG}");
    assert!(matches!(
        Verifier::new(SECRET).unwrap().verify_at(BODY, &header, T + 1),
        Err(WebhookError::NoMatchingSignature)
    ));
}

#[test]
fn the_wrong_secret_is_refused() {
    let header = format!("t=1700000000,v1={BODY_SIG}");
    assert!(matches!(verify(BODY, &header, "whsec_other"), Err(WebhookError::NoMatchingSignature)));
    assert!(matches!(verify(BODY, &header, "whsec_test_secreT"), Err(WebhookError::NoMatchingSignature)));
}

#[test]
fn a_secret_that_is_not_a_signing_secret_is_a_clear_configuration_error() {
    let cases = [
        ("", "it is empty"),
        ("sk_test_4eC39HqLyjWDarjtT1zdp7dc", "it does not start with `whsec_`"),
        ("whsec_", "nothing follows `whsec_`"),
        ("whsec_abc\n", "it contains whitespace"),
        (" whsec_abc", "it contains whitespace"),
    ];
    for (secret, reason) in cases {
        let error = Verifier::new(secret).unwrap_err();
        assert!(matches!(error, WebhookError::InvalidSecret { reason: got } if got == reason), "{secret:?}: {error:?}");
        assert!(error.is_configuration_error() && !error.is_signature_error());
        let message = error.to_string();
        assert!(message.starts_with("invalid webhook signing secret: "), "{message}");
        assert!(message.contains(reason) && message.contains("whsec_…"), "{message}");
        if !secret.trim().is_empty() && secret != "whsec_" {
            assert!(!message.contains(secret.trim()), "the secret is never repeated: {message}");
        }
        // The one-call form refuses it the same way, whatever the request.
        let header = signature_header(BODY, secret, T);
        assert!(matches!(construct_event(BODY, &header, secret), Err(WebhookError::InvalidSecret { .. })));
    }
    assert!(Verifier::new("whsec_x").is_ok());
}

#[test]
fn any_matching_v1_is_enough_while_a_secret_is_rolled() {
    let body = ROTATED_BODY.as_bytes();
    let now = ROTATED_T;
    let both = format!("t={ROTATED_T},v1={ROTATED_OLD_SIG},v1={ROTATED_NEW_SIG}");
    let reversed = format!("v1={ROTATED_NEW_SIG}, v1={ROTATED_OLD_SIG}, t={ROTATED_T}");
    for header in [&both, &reversed] {
        Verifier::new("whsec_rotated_new").unwrap().verify_at(body, header, now).unwrap();
        Verifier::new("whsec_rotated_old").unwrap().verify_at(body, header, now).unwrap();
        assert!(matches!(
            Verifier::new("whsec_rotated_third").unwrap().verify_at(body, header, now),
            Err(WebhookError::NoMatchingSignature)
        ));
    }
}

#[test]
fn the_header_may_be_in_any_order_with_whitespace_and_other_schemes() {
    for header in [
        format!("v1={BODY_SIG},t=1700000000"),
        format!(" t = 1700000000 , v1 = {BODY_SIG} "),
        format!("t=1700000000,v0=6ffbb59b2300aae63f272406069a9788598b792a944a07aba816edb039989a39,v1={BODY_SIG}"),
        format!("t=1700000000,,v1={BODY_SIG},"),
        format!("t=1700000000,garbage,v1={BODY_SIG},v2=abc"),
        format!("t=1700000000,v1=not-hex,v1={BODY_SIG}"),
        format!("t=1700000000,v1=,v1={BODY_SIG}"),
    ] {
        verify(BODY, &header, SECRET).unwrap_or_else(|error| panic!("{header}: {error}"));
    }
}

#[test]
fn a_v0_signature_alone_is_not_enough() {
    let header = format!("t=1700000000,v0={BODY_SIG}");
    assert!(matches!(verify(BODY, &header, SECRET), Err(WebhookError::NoV1Signature)));
}

#[test]
fn malformed_headers_are_refused_with_the_reason() {
    type Expected = fn(&WebhookError) -> bool;
    let cases: &[(&str, Expected)] = &[
        ("", |e| matches!(e, WebhookError::MissingHeader)),
        ("  \t ", |e| matches!(e, WebhookError::MissingHeader)),
        ("v1=abc", |e| matches!(e, WebhookError::MalformedHeader { reason } if reason.contains("no timestamp"))),
        ("nonsense", |e| matches!(e, WebhookError::MalformedHeader { .. })),
        ("t=,v1=ab", |e| matches!(e, WebhookError::MalformedHeader { reason } if reason.contains("not an integer"))),
        ("t=17e8,v1=ab", |e| matches!(e, WebhookError::MalformedHeader { .. })),
        ("t=99999999999999999999,v1=ab", |e| matches!(e, WebhookError::MalformedHeader { .. })),
        (
            "t=1,t=1,v1=ab",
            |e| matches!(e, WebhookError::MalformedHeader { reason } if reason.contains("more than one")),
        ),
        ("t=1700000000", |e| matches!(e, WebhookError::NoV1Signature)),
        ("t=1700000000,v1=", |e| matches!(e, WebhookError::NoV1Signature)),
        ("t=1700000000,v1=zz", |e| matches!(e, WebhookError::NoMatchingSignature)),
        ("t=1700000000,v1=abc", |e| matches!(e, WebhookError::NoMatchingSignature)),
        ("t=1700000000,v1=d95c6b74", |e| matches!(e, WebhookError::NoMatchingSignature)),
    ];
    for (header, expected) in cases {
        let error = verify(BODY, header, SECRET).expect_err(header);
        assert!(expected(&error), "{header:?} gave {error:?}");
        assert!(error.is_signature_error(), "{header:?}");
    }
}

#[test]
fn the_parsed_header_keeps_every_v1_in_order() {
    let header = SignatureHeader::parse("v1=bb, t=42, v0=cc, v1=aa").unwrap();
    assert_eq!(header.timestamp, 42);
    assert_eq!(header.signatures, ["bb", "aa"]);
}

#[test]
fn timestamps_older_than_the_tolerance_are_refused() {
    let header = signature_header(BODY, SECRET, T);
    let verifier = Verifier::new(SECRET).unwrap();
    verifier.verify_at(BODY, &header, T + 300).unwrap();
    let error = verifier.verify_at(BODY, &header, T + 301).unwrap_err();
    assert!(
        matches!(error, WebhookError::TimestampOutsideTolerance { timestamp: T, now, tolerance_secs: 300 } if now == T + 301)
    );
    assert_eq!(
        error.to_string(),
        "the signature's timestamp 1700000000 is 301 s before now (1700000301), beyond the tolerance of 300 s"
    );
}

#[test]
fn timestamps_further_in_the_future_than_the_tolerance_are_refused() {
    let header = signature_header(BODY, SECRET, T);
    let verifier = Verifier::new(SECRET).unwrap();
    verifier.verify_at(BODY, &header, T - 300).unwrap();
    let error = verifier.verify_at(BODY, &header, T - 301).unwrap_err();
    assert!(matches!(error, WebhookError::TimestampOutsideTolerance { timestamp: T, .. }));
    assert!(error.to_string().contains("301 s after now"), "{error}");
}

#[test]
fn the_tolerance_is_configurable() {
    assert_eq!(DEFAULT_TOLERANCE, Duration::from_secs(300));
    let header = signature_header(BODY, SECRET, T);
    let strict = Verifier::new(SECRET).unwrap().tolerance(Duration::from_secs(10));
    strict.verify_at(BODY, &header, T + 10).unwrap();
    assert!(matches!(strict.verify_at(BODY, &header, T + 11), Err(WebhookError::TimestampOutsideTolerance { .. })));
    let lenient = Verifier::new(SECRET).unwrap().tolerance(Duration::from_secs(3600));
    lenient.verify_at(BODY, &header, T - 3600).unwrap();
}

#[test]
fn extreme_timestamps_do_not_overflow() {
    let verifier = Verifier::new(SECRET).unwrap();
    for (signed_at, now) in [(i64::MIN, i64::MAX), (i64::MAX, i64::MIN), (i64::MIN, 0), (-1, i64::MAX)] {
        let header = signature_header(BODY, SECRET, signed_at);
        assert!(matches!(verifier.verify_at(BODY, &header, now), Err(WebhookError::TimestampOutsideTolerance { .. })));
    }
    let huge = Verifier::new(SECRET).unwrap().tolerance(Duration::MAX);
    huge.verify_at(BODY, &signature_header(BODY, SECRET, i64::MIN), i64::MAX).unwrap();
}

#[test]
fn a_timestamp_error_is_only_reported_for_a_genuine_signature() {
    let forged = format!("t=1,v1={BODY_SIG}");
    assert!(matches!(verify(BODY, &forged, SECRET), Err(WebhookError::NoMatchingSignature)));
}

#[test]
fn construct_event_uses_the_system_clock() {
    let body =
        br#"{"id":"evt_1","object":"event","type":"plan.created","created":1,"livemode":false,"data":{"object":{}}}"#;
    let fresh = signature_header(body, SECRET, stripe_billing_portal::webhooks::unix_now());
    assert_eq!(construct_event(body, &fresh, SECRET).unwrap().id, "evt_1");
    // Signed at T (2023): far outside five minutes of any clock this test runs on.
    let stale = signature_header(body, SECRET, T);
    assert!(matches!(construct_event(body, &stale, SECRET), Err(WebhookError::TimestampOutsideTolerance { .. })));
}

#[test]
fn a_verified_body_that_is_not_an_event_is_refused() {
    for body in [&b"not json"[..], br#"{"id":"sub_1","object":"subscription"}"#, b"", br#"[1,2]"#] {
        let header = signature_header(body, SECRET, T);
        let error = Verifier::new(SECRET).unwrap().construct_event_at(body, &header, T).unwrap_err();
        assert!(matches!(error, WebhookError::NotAnEvent(_)), "{error:?}");
        assert!(!error.is_signature_error());
    }
    let wrong_object =
        br#"{"id":"evt_1","object":"invoice","type":"plan.created","created":1,"livemode":false,"data":{"object":{}}}"#;
    let header = signature_header(wrong_object, SECRET, T);
    let error = Verifier::new(SECRET).unwrap().construct_event_at(wrong_object, &header, T).unwrap_err();
    assert!(error.to_string().contains("`object` is `invoice`"), "{error}");
}

#[test]
fn a_body_is_never_decoded_before_its_signature_is_checked() {
    let error = Verifier::new(SECRET).unwrap().construct_event_at(b"not json", "t=1700000000,v1=00", T).unwrap_err();
    assert!(matches!(error, WebhookError::NoMatchingSignature));
}

#[test]
fn no_error_and_no_debug_output_contains_the_secret() {
    let secret = "whsec_s3cr3t_v4lue_never_to_be_shown";
    let good = signature_header(BODY, secret, T);
    let verifier = Verifier::new(secret).unwrap();
    let debug = format!("{verifier:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    assert!(debug.contains("whsec_********"), "{debug}");
    let errors = [
        verifier.verify_at(BODY, "", T),
        verifier.verify_at(BODY, "t=x,v1=00", T),
        verifier.verify_at(BODY, "t=1", T),
        verifier.verify_at(b"other", &good, T),
        verifier.verify_at(BODY, &good, T + 10_000),
        verifier.construct_event_at(BODY, &good, T).map(drop),
    ];
    assert_eq!(errors.iter().filter(|result| result.is_err()).count(), errors.len());
    for error in errors.into_iter().filter_map(Result::err) {
        for text in [error.to_string(), format!("{error:?}")] {
            assert!(!text.contains("s3cr3t"), "{text}");
        }
    }
}

fn header_part() -> impl Strategy<Value = String> {
    prop_oneof![
        "t=[-+]?[0-9]{0,20}",
        "v1=[0-9a-fA-F]{0,70}",
        "v0=[0-9a-f]{0,64}",
        "[ \t]*[tv01]{0,3}[ \t]*=?[ \t]*[^,]{0,10}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn no_header_or_body_makes_verification_panic(
        parts in proptest::collection::vec(header_part(), 0..6),
        raw in any::<String>(),
        body in proptest::collection::vec(any::<u8>(), 0..256),
        now in any::<i64>(),
        tolerance in any::<u64>(),
    ) {
        let verifier = Verifier::new(SECRET).unwrap().tolerance(Duration::from_secs(tolerance));
        for header in [parts.join(","), raw] {
            // Without the secret, no header can be right: every outcome is an error, never a panic.
            prop_assert!(verifier.verify_at(&body, &header, now).is_err());
            prop_assert!(verifier.construct_event_at(&body, &header, now).is_err());
        }
    }

    #[test]
    fn a_signed_body_verifies_and_any_changed_byte_does_not(
        body in proptest::collection::vec(any::<u8>(), 1..256),
        signed_at in any::<i64>(),
        flip in any::<prop::sample::Index>(),
    ) {
        let verifier = Verifier::new(SECRET).unwrap();
        let header = signature_header(&body, SECRET, signed_at);
        prop_assert!(verifier.verify_at(&body, &header, signed_at).is_ok());
        let mut tampered = body.clone();
        let at = flip.index(tampered.len());
        if let Some(byte) = tampered.get_mut(at) {
            *byte ^= 0x01;
        }
        prop_assert!(matches!(verifier.verify_at(&tampered, &header, signed_at), Err(WebhookError::NoMatchingSignature)));
    }
}
