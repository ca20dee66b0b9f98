//! Encoding benchmarks: ns and heap allocations per request body, this crate's encoder against
//! `serde_qs` (the approach of the most used Rust Stripe crate) on the same data.
//!
//! Cases:
//! - `session_update_confirm`: the update-confirm session of the deep-links guide (one item with a
//!   price and a quantity, one coupon, an after-completion redirect).
//! - `configuration_create`: a portal configuration with every feature set (see [`configuration`]).
//!
//! Each case is encoded from a value built once, outside the timed loop: what is measured is
//! `form::to_string(&params)` against `serde_qs::to_string(&plain)`, where `plain` is a set of
//! ordinary `#[derive(Serialize)]` structs shaped like Stripe's parameters (every optional field an
//! `Option` skipped when `None`, as `async-stripe` writes them). Before timing, both bodies are
//! decoded back into pairs and compared, so the two encoders provably carry the same data.
//!
//! Besides criterion's timing, the binary prints `ALLOCS case encoder allocations bytes` lines
//! (from the counting global allocator below), and with `ENCODE_CALLGRIND=case/encoder` set it
//! runs only that encoder `ENCODE_CALLGRIND_ITERS` times (default 10,000) inside
//! `callgrind_region`, for `valgrind --tool=callgrind --toggle-collect='*callgrind_region*'`.
//! `scripts/bench.sh` runs all three.

use criterion::{BenchmarkId, Criterion};
use serde::Serialize;
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use stripe_billing_portal::form;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};

/// Counts every allocation (and reallocation) made through the global allocator.
struct CountingAllocator;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static ALLOCATED_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to `System`, which upholds `GlobalAlloc`'s contract;
// the counters are plain atomics with no effect on the memory returned.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's layout contract is passed on as is.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: `ptr` and `layout` come from this allocator, which is `System` underneath.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Allocations and bytes requested while running `f` once.
fn allocations_of<R>(f: impl FnOnce() -> R) -> (usize, usize) {
    let (count, bytes) = (ALLOCATIONS.load(Ordering::SeqCst), ALLOCATED_BYTES.load(Ordering::SeqCst));
    let result = black_box(f());
    let after = (ALLOCATIONS.load(Ordering::SeqCst), ALLOCATED_BYTES.load(Ordering::SeqCst));
    drop(result);
    (after.0 - count, after.1 - bytes)
}

/// One benchmark case: the same data for both encoders.
struct Case {
    name: &'static str,
    encode_crate: Box<dyn Fn() -> String>,
    encode_qs: Box<dyn Fn() -> String>,
}

/// `(key, value)` pairs of a form body, decoded, for comparing the two encoders' output.
fn pairs(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.as_bytes()).into_owned().collect()
}

impl Case {
    fn new<P, Q>(name: &'static str, params: P, plain: Q) -> Self
    where
        P: Serialize + 'static,
        Q: Serialize + 'static,
    {
        let case = Case {
            name,
            encode_crate: Box::new(move || form::to_string(black_box(&params)).expect("the crate encodes the case")),
            encode_qs: Box::new(move || serde_qs::to_string(black_box(&plain)).expect("serde_qs encodes the case")),
        };
        let (ours, theirs) = ((case.encode_crate)(), (case.encode_qs)());
        assert_eq!(pairs(&ours), pairs(&theirs), "{name}: both encoders must carry the same data");
        case
    }
}

/// The update-confirm session of the deep-links guide, and its plain-struct twin for `serde_qs`.
mod session {
    use super::*;

    /// The crate's params, exactly as the README's deep-links section writes them.
    pub fn params() -> SessionCreateParams {
        SessionCreateParams::new("cus_123").return_url("https://example.com/account").flow_data(
            FlowData::new(
                SubscriptionUpdateConfirm::new(
                    "sub_123",
                    SubscriptionUpdateConfirmItem::new_price("si_123", "price_premium").quantity(2),
                )
                .coupon("UPGRADE10"),
            )
            .after_completion(AfterCompletion::redirect("https://example.com/account/upgraded")),
        )
    }

    #[derive(Serialize)]
    pub struct Params {
        #[serde(skip_serializing_if = "Option::is_none")]
        customer: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        customer_account: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        return_url: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        configuration: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        on_behalf_of: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        locale: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        flow_data: Option<FlowDataPlain>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        expand: Vec<String>,
    }

    #[derive(Serialize)]
    pub struct FlowDataPlain {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        subscription_update_confirm: Option<UpdateConfirm>,
        #[serde(skip_serializing_if = "Option::is_none")]
        after_completion: Option<AfterCompletionPlain>,
    }

    #[derive(Serialize)]
    pub struct UpdateConfirm {
        subscription: String,
        items: Vec<Item>,
        #[serde(skip_serializing_if = "Vec::is_empty")]
        discounts: Vec<Discount>,
    }

    #[derive(Serialize)]
    pub struct Item {
        id: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        price: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        quantity: Option<u64>,
    }

    #[derive(Serialize)]
    pub struct Discount {
        #[serde(skip_serializing_if = "Option::is_none")]
        coupon: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        promotion_code: Option<String>,
    }

    #[derive(Serialize)]
    pub struct AfterCompletionPlain {
        #[serde(rename = "type")]
        kind: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        redirect: Option<Redirect>,
    }

    #[derive(Serialize)]
    pub struct Redirect {
        return_url: String,
    }

    /// The same session as plain serde structs.
    pub fn plain() -> Params {
        Params {
            customer: Some("cus_123".into()),
            customer_account: None,
            return_url: Some("https://example.com/account".into()),
            configuration: None,
            on_behalf_of: None,
            locale: None,
            flow_data: Some(FlowDataPlain {
                kind: "subscription_update_confirm".into(),
                subscription_update_confirm: Some(UpdateConfirm {
                    subscription: "sub_123".into(),
                    items: vec![Item { id: "si_123".into(), price: Some("price_premium".into()), quantity: Some(2) }],
                    discounts: vec![Discount { coupon: Some("UPGRADE10".into()), promotion_code: None }],
                }),
                after_completion: Some(AfterCompletionPlain {
                    kind: "redirect".into(),
                    redirect: Some(Redirect { return_url: "https://example.com/account/upgraded".into() }),
                }),
            }),
            expand: Vec::new(),
        }
    }
}

/// The cases in this build. (b) joins once the configuration params exist on this branch.
fn cases() -> Vec<Case> {
    vec![Case::new("session_update_confirm", session::params(), session::plain())]
}

/// Runs one encoder `iterations` times; the only function callgrind collects in.
#[inline(never)]
fn callgrind_region(encode: &dyn Fn() -> String, iterations: u64) {
    for _ in 0..iterations {
        black_box(encode());
    }
}

fn encoder<'c>(case: &'c Case, which: &str) -> &'c dyn Fn() -> String {
    match which {
        "crate" => &case.encode_crate,
        "serde_qs" => &case.encode_qs,
        other => panic!("unknown encoder {other:?}: crate or serde_qs"),
    }
}

fn main() {
    let cases = cases();

    if let Ok(target) = std::env::var("ENCODE_CALLGRIND") {
        let (name, which) = target.split_once('/').expect("ENCODE_CALLGRIND=case/encoder");
        let case = cases.iter().find(|case| case.name == name).expect("a known case");
        let iterations = std::env::var("ENCODE_CALLGRIND_ITERS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
        callgrind_region(encoder(case, which), iterations);
        println!("CALLGRIND {name} {which} {iterations}");
        return;
    }

    for case in &cases {
        for which in ["crate", "serde_qs"] {
            let encode = encoder(case, which);
            encode(); // warm any lazily initialised state
            let (count, bytes) = allocations_of(encode);
            println!("ALLOCS {} {which} {count} {bytes} {}", case.name, encode().len());
        }
    }

    let mut criterion = Criterion::default().configure_from_args();
    for case in &cases {
        let mut group = criterion.benchmark_group(case.name);
        for which in ["crate", "serde_qs"] {
            let encode = encoder(case, which);
            group.bench_function(BenchmarkId::from_parameter(which), |b| b.iter(encode));
        }
        group.finish();
    }
    criterion.final_summary();
}
