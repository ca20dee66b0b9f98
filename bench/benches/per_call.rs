//! Per call, this crate against async-stripe 1.0.0-rc.10 (issue 14), in one process on the same
//! data: building and encoding a request, the same with the validation `send` runs, and decoding
//! an answer.
//!
//! Cases (each has a `crate` and an `async_stripe` side):
//! - `session_build_encode`: the update-confirm session (`cases::session`) built, then encoded.
//!   crate: `form::to_string`, which validates each value as it writes it, as `send` does;
//!   async-stripe: `StripeRequest::build` (serde_qs), which validates nothing.
//! - `configuration_build_encode`: the same for a configuration (`cases::configuration`:
//!   business profile and three features).
//! - `decode_published_session`: Stripe's published `billing_portal.session` fixture.
//!   crate: one UTF-8 check of the body, then `serde_json::from_str::<Session>` (what `send` does);
//!   async-stripe: UTF-8 check,
//!   then `miniserde::json::from_str::<BillingPortalSession>` (what its `send` does).
//! - `decode_session_answer`: the answer Stripe gives to the session above.
//!
//! Before anything is timed, both sides of each encode case must carry the same form pairs, and
//! both sides of each decode case must read the same `id`, `url` and `customer`; else it panics.
//!
//! Measured by `stripe_billing_portal_bench::runner` (timing, allocations, callgrind mode: see
//! there), printed as `percall.<case>.<side>.<figure>` lines; the sides are `crate` and
//! `async_stripe`.

use std::hint::black_box;
use stripe_billing::BillingPortalSession;
use stripe_billing_portal::sessions::Session;
use stripe_billing_portal_bench::alloc::CountingAllocator;
use stripe_billing_portal_bench::cases::{self, async_stripe_body, encode};
use stripe_billing_portal_bench::runner::{self, Case};
use stripe_billing_portal_bench::{fixtures, sorted_pairs};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// An encode case: panics unless both bodies carry the same pairs (in any order: the two
/// libraries write the fields in different orders, which Stripe does not mind).
fn encode_case(name: &'static str, ours: impl Fn() -> String + 'static, theirs: impl Fn() -> String + 'static) -> Case {
    assert_eq!(sorted_pairs(&ours()), sorted_pairs(&theirs()), "{name}: both sides must send the same pairs");
    Case { name, sides: [Box::new(move || ours().len()), Box::new(move || theirs().len())] }
}

/// A decode case over `answer`: panics unless both decoders read the same id, url and customer.
fn decode_case(name: &'static str, answer: Vec<u8>) -> Case {
    let (ours, theirs) = (decode_crate(&answer), decode_async_stripe(&answer));
    assert_eq!(ours.id, theirs.id.as_str(), "{name}: id");
    assert_eq!(ours.url, theirs.url, "{name}: url");
    assert_eq!(ours.customer.as_deref(), Some(theirs.customer.as_str()), "{name}: customer");
    let theirs_answer = answer.clone();
    Case {
        name,
        sides: [
            Box::new(move || decode_crate(black_box(&answer)).url.len()),
            Box::new(move || decode_async_stripe(black_box(&theirs_answer)).url.len()),
        ],
    }
}

/// The crate's decoding of a 2xx answer, as its client does it.
fn decode_crate(answer: &[u8]) -> Session {
    cases::decode(answer)
}

/// async-stripe's decoding of a 2xx answer, as its `CustomizableStripeRequest::send` does it.
fn decode_async_stripe(answer: &[u8]) -> BillingPortalSession {
    let text = std::str::from_utf8(answer).expect("the answer is UTF-8");
    miniserde::json::from_str(text).expect("async-stripe decodes the answer")
}

fn cases() -> Vec<Case> {
    vec![
        encode_case(
            "session_build_encode",
            || encode(black_box(&cases::session())),
            || async_stripe_body(black_box(&cases::session_async_stripe())),
        ),
        encode_case(
            "configuration_build_encode",
            || encode(black_box(&cases::configuration())),
            || async_stripe_body(black_box(&cases::configuration_async_stripe())),
        ),
        decode_case("decode_published_session", fixtures::published_session()),
        decode_case("decode_session_answer", fixtures::SESSION_ANSWER.to_vec()),
    ]
}

fn main() {
    runner::run("percall", ["crate", "async_stripe"], cases());
}
