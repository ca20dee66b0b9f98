//! Issue 14: does another JSON path decode a `billing_portal.session` faster? Each case decodes
//! one answer into the crate's `Session` one way, against async-stripe's decoder (miniserde) on
//! the same bytes, measured by `stripe_billing_portal_bench::runner` like `per_call`:
//! - `<answer>_str`: one UTF-8 check of the body, then `serde_json::from_str` (what the client does);
//! - `<answer>_slice`: `serde_json::from_slice` (a UTF-8 check per string instead);
//!
//! `sonic_rs` (SIMD scanning of strings and whitespace, a serde front end) cannot decode the
//! crate's `Session`: the tagged unions (`wire::tagged`) keep unread siblings as JSON text through
//! serde_json's raw-value protocol, which sonic-rs's deserializer refuses ("invalid type: newtype
//! struct"). What it could gain is bounded by the `scan` cases: both parsers walking the same
//! answer into `serde::de::IgnoredAny` (every byte read, nothing built), sides `serde_json` and
//! `sonic_rs`.
//!
//! The answers: Stripe's published fixture (`published`) and the typical answer (`answer`).
//! Before timing, every way must read the same `id`, `url` and `customer` as async-stripe.
//! Printed as `decode.<case>.<side>.<figure>`, sides `crate` and `async_stripe`.

use std::hint::black_box;
use stripe_billing::BillingPortalSession;
use stripe_billing_portal::sessions::Session;
use stripe_billing_portal_bench::alloc::CountingAllocator;
use stripe_billing_portal_bench::fixtures;
use stripe_billing_portal_bench::runner::{self, Case};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

fn from_str(answer: &[u8]) -> Session {
    serde_json::from_str(std::str::from_utf8(answer).expect("UTF-8")).expect("serde_json::from_str")
}

fn from_slice(answer: &[u8]) -> Session {
    serde_json::from_slice(answer).expect("serde_json::from_slice")
}

/// A case walking `answer` with both parsers, building nothing.
fn scan_case(name: &'static str, answer: &[u8]) -> Case {
    let (a, b) = (answer.to_vec(), answer.to_vec());
    Case {
        name,
        sides: [
            Box::new(move || {
                let text = std::str::from_utf8(black_box(&a)).expect("UTF-8");
                serde_json::from_str::<serde::de::IgnoredAny>(text).map(|_| 1).expect("serde_json")
            }),
            Box::new(move || {
                sonic_rs::from_slice::<serde::de::IgnoredAny>(black_box(&b)).map(|_| 1).expect("sonic_rs")
            }),
        ],
    }
}

fn async_stripe(answer: &[u8]) -> BillingPortalSession {
    miniserde::json::from_str(std::str::from_utf8(answer).expect("UTF-8")).expect("miniserde")
}

fn case(name: &'static str, answer: &[u8], decode: fn(&[u8]) -> Session) -> Case {
    let (ours, theirs) = (decode(answer), async_stripe(answer));
    assert_eq!(ours.id, theirs.id.as_str(), "{name}: id");
    assert_eq!(ours.url, theirs.url, "{name}: url");
    assert_eq!(ours.customer.as_deref(), Some(theirs.customer.as_str()), "{name}: customer");
    let (a, b) = (answer.to_vec(), answer.to_vec());
    Case {
        name,
        sides: [
            Box::new(move || decode(black_box(&a)).url.len()),
            Box::new(move || async_stripe(black_box(&b)).url.len()),
        ],
    }
}

fn main() {
    let published = fixtures::published_session();
    let answer = fixtures::SESSION_ANSWER.to_vec();
    runner::run(
        "decode",
        ["crate", "async_stripe"],
        vec![
            case("published_str", &published, from_str),
            case("published_slice", &published, from_slice),
            case("answer_str", &answer, from_str),
            case("answer_slice", &answer, from_slice),
        ],
    );
    runner::run(
        "decode",
        ["serde_json", "sonic_rs"],
        vec![scan_case("published_scan", &published), scan_case("answer_scan", &answer)],
    );
}
