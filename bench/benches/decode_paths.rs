//! Issue 14: does another JSON path decode a `billing_portal.session` faster? Each case decodes
//! one answer into the crate's `Session` one way, against async-stripe's decoder (miniserde) on
//! the same bytes, measured by `stripe_billing_portal_bench::runner` like `per_call`:
//! - `<answer>_str`: one UTF-8 check of the body, then `serde_json::from_str` (what the client does);
//! - `<answer>_slice`: `serde_json::from_slice` (a UTF-8 check per string instead);
//!
//! `sonic_rs` 0.5 was measured too (commit ae90761, then removed: a dependency for a negative
//! result): it cannot decode the crate's `Session`, whose tagged unions (`wire::tagged`) keep
//! unread siblings as JSON text through serde_json's raw-value protocol, which sonic-rs's
//! deserializer refuses; and walking the same answers into `serde::de::IgnoredAny` it was slower
//! than serde_json (see bench/bench_notes.md).
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
}
