//! Per call, this crate against async-stripe 1.0.0-rc.10 (issue 14), in one process on the same
//! data: building and encoding a request, the same with the validation `send` runs, and decoding
//! an answer.
//!
//! Cases (each has a `crate` and an `async_stripe` side):
//! - `session_build_encode`: the update-confirm session (`cases::session`) built, then encoded.
//!   crate: `form::to_string`; async-stripe: `StripeRequest::build` (serde_qs).
//! - `session_build_validate_encode`: the same, the crate also validating as `send` does
//!   (`cases::validate_and_encode`). async-stripe validates nothing, so its side is its build again.
//! - `configuration_build_encode`, `configuration_build_validate_encode`: the same for a
//!   configuration (`cases::configuration`: business profile and three features).
//! - `decode_published_session`: Stripe's published `billing_portal.session` fixture.
//!   crate: `serde_json::from_slice::<Session>` (what `send` does); async-stripe: UTF-8 check,
//!   then `miniserde::json::from_str::<BillingPortalSession>` (what its `send` does).
//! - `decode_session_answer`: the answer Stripe gives to the session above.
//!
//! Before anything is timed, both sides of each encode case must carry the same form pairs, and
//! both sides of each decode case must read the same `id`, `url` and `customer`; else it panics.
//!
//! Timing: `PERCALL_ROUNDS` rounds (default 21). In each round, every case takes
//! `PERCALL_SAMPLES` (default 10) short samples of each side, of about `PERCALL_SAMPLE_US`
//! (default 1,000) µs each, the sides alternating; the round's figure for a side is its fastest
//! sample, and the median round is reported. On a shared machine most short samples run without
//! being descheduled, so the fastest of a few is the code's own speed, and alternating puts any
//! remaining load on both sides alike. Allocations are counted for one call of each side.
//! Output: `percall.<case>.<side>.<figure> value` lines, the format of bench/bench.sh's results.
//!
//! With `PERCALL_CALLGRIND=case/side`, it runs only that side `PERCALL_CALLGRIND_ITERS` times
//! (default 10,000) inside `callgrind_region`, for
//! `valgrind --tool=callgrind --toggle-collect='*callgrind_region*'`. `PERCALL_ONLY=case` runs one
//! case alone.

use std::hint::black_box;
use std::time::{Duration, Instant};
use stripe_billing::BillingPortalSession;
use stripe_billing_portal::sessions::Session;
use stripe_billing_portal_bench::alloc::{allocations_of, CountingAllocator};
use stripe_billing_portal_bench::cases::{self, async_stripe_body, encode, validate_and_encode};
use stripe_billing_portal_bench::{callgrind_region, env_number, fixtures, sorted_pairs};

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// The two sides, in the order they run and are reported.
const SIDES: [&str; 2] = ["crate", "async_stripe"];

/// One case: the same work done by each library. Each side returns a number derived from its
/// result (a length), so that nothing is optimised away.
struct Case {
    name: &'static str,
    sides: [Box<dyn Fn() -> usize>; 2],
}

impl Case {
    /// An encode case: panics unless both bodies carry the same pairs (in any order: the two
    /// libraries write the fields in different orders, which Stripe does not mind).
    fn encode(name: &'static str, ours: impl Fn() -> String + 'static, theirs: impl Fn() -> String + 'static) -> Case {
        assert_eq!(sorted_pairs(&ours()), sorted_pairs(&theirs()), "{name}: both sides must send the same pairs");
        Case { name, sides: [Box::new(move || ours().len()), Box::new(move || theirs().len())] }
    }

    /// A decode case over `answer`: panics unless both decoders read the same id, url and customer.
    fn decode(name: &'static str, answer: Vec<u8>) -> Case {
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
}

/// The crate's decoding of a 2xx answer, as its client does it.
fn decode_crate(answer: &[u8]) -> Session {
    serde_json::from_slice(answer).expect("the crate decodes the answer")
}

/// async-stripe's decoding of a 2xx answer, as its `CustomizableStripeRequest::send` does it.
fn decode_async_stripe(answer: &[u8]) -> BillingPortalSession {
    let text = std::str::from_utf8(answer).expect("the answer is UTF-8");
    miniserde::json::from_str(text).expect("async-stripe decodes the answer")
}

fn cases() -> Vec<Case> {
    vec![
        Case::encode(
            "session_build_encode",
            || encode(black_box(&cases::session())),
            || async_stripe_body(black_box(&cases::session_async_stripe())),
        ),
        Case::encode(
            "session_build_validate_encode",
            || validate_and_encode(black_box(&cases::session())),
            || async_stripe_body(black_box(&cases::session_async_stripe())),
        ),
        Case::encode(
            "configuration_build_encode",
            || encode(black_box(&cases::configuration())),
            || async_stripe_body(black_box(&cases::configuration_async_stripe())),
        ),
        Case::encode(
            "configuration_build_validate_encode",
            || validate_and_encode(black_box(&cases::configuration())),
            || async_stripe_body(black_box(&cases::configuration_async_stripe())),
        ),
        Case::decode("decode_published_session", fixtures::published_session()),
        Case::decode("decode_session_answer", fixtures::SESSION_ANSWER.to_vec()),
    ]
}

/// Nanoseconds per call over `iterations` calls.
fn sample(f: &dyn Fn() -> usize, iterations: u64) -> f64 {
    let start = Instant::now();
    for _ in 0..iterations {
        black_box(f());
    }
    start.elapsed().as_nanos() as f64 / iterations as f64
}

/// How many calls of `f` take about `target`.
fn calibrate(f: &dyn Fn() -> usize, target: Duration) -> u64 {
    let mut iterations = 1;
    loop {
        let start = Instant::now();
        for _ in 0..iterations {
            black_box(f());
        }
        let elapsed = start.elapsed();
        if elapsed >= target / 10 || iterations >= 1 << 30 {
            let per_call = elapsed.as_secs_f64() / iterations as f64;
            return ((target.as_secs_f64() / per_call.max(1e-12)) as u64).max(1);
        }
        iterations *= 2;
    }
}

fn main() {
    let mut cases = cases();
    if let Ok(only) = std::env::var("PERCALL_ONLY") {
        cases.retain(|case| case.name == only);
        assert!(!cases.is_empty(), "PERCALL_ONLY names no case");
    }

    if let Ok(target) = std::env::var("PERCALL_CALLGRIND") {
        let (name, side) = target.split_once('/').expect("PERCALL_CALLGRIND=case/side");
        let case = cases.iter().find(|case| case.name == name).expect("a known case");
        let side = SIDES.iter().position(|known| *known == side).expect("side: crate or async_stripe");
        let iterations = env_number("PERCALL_CALLGRIND_ITERS", 10_000);
        (case.sides[side])(); // warm any lazily initialised state outside the region
        callgrind_region(&*case.sides[side], iterations);
        println!("CALLGRIND {name} {} {iterations}", SIDES[side]);
        return;
    }

    for case in &cases {
        for (side, f) in SIDES.iter().zip(&case.sides) {
            f();
            let (count, bytes) = allocations_of(f);
            println!("percall.{}.{side}.allocs {count}", case.name);
            println!("percall.{}.{side}.alloc_bytes {bytes}", case.name);
        }
    }

    let rounds = env_number("PERCALL_ROUNDS", 21_usize).max(1);
    let per_round = env_number("PERCALL_SAMPLES", 10_usize).max(1);
    let target = Duration::from_micros(env_number("PERCALL_SAMPLE_US", 1_000));
    let iterations: Vec<[u64; 2]> =
        cases.iter().map(|case| [calibrate(&*case.sides[0], target), calibrate(&*case.sides[1], target)]).collect();
    let mut samples = vec![[Vec::with_capacity(rounds), Vec::with_capacity(rounds)]; cases.len()];
    for round in 0..rounds {
        for (i, case) in cases.iter().enumerate() {
            let mut fastest = [f64::INFINITY; 2];
            for k in 0..per_round {
                // Alternate which side goes first, so neither always runs on a cache the other warmed.
                let order = if (round + k) % 2 == 0 { [0, 1] } else { [1, 0] };
                for side in order {
                    fastest[side] = fastest[side].min(sample(&*case.sides[side], iterations[i][side]));
                }
            }
            for side in 0..2 {
                samples[i][side].push(fastest[side]);
            }
        }
    }
    for (case, samples) in cases.iter().zip(&mut samples) {
        for (side, samples) in SIDES.iter().zip(samples.iter_mut()) {
            samples.sort_by(f64::total_cmp);
            println!("percall.{}.{side}.ns {:.1}", case.name, samples[samples.len() / 2]);
            println!("percall.{}.{side}.ns_min {:.1}", case.name, samples[0]);
        }
    }
    println!("percall.rounds {rounds}");
    println!("percall.samples_per_round {per_round}");
    println!("percall.sample_us {}", target.as_micros());
}
