//! The one way both micro-benchmarks (`encode`, `per_call`) measure a case: this crate's side
//! against a baseline's, on the same data.
//!
//! [`run`] prints `<prefix>.<case>.<side>.<figure> value` lines, the format of bench/bench.sh's
//! results file: `allocs` and `alloc_bytes` (one call, counted by the binary's
//! [`CountingAllocator`](crate::alloc::CountingAllocator)), `output_len` (what the side returned:
//! a body's length, a URL's), `ns` and `ns_min`. Environment:
//! - `BENCH_ROUNDS` (default 21), `BENCH_SAMPLES` (default 10), `BENCH_SAMPLE_US` (default 1,000):
//!   in each round every case takes that many short samples of each side, of about that many
//!   microseconds each, the sides alternating; a round's figure for a side is its fastest
//!   sample, and `ns` is the median round (`ns_min` the fastest). On a shared machine most short
//!   samples run without being descheduled, so the fastest of a few is the code's own speed, and
//!   alternating puts any remaining load on both sides alike.
//! - `BENCH_ONLY=case`: that case alone.
//! - `BENCH_CALLGRIND=case/side`: only that side, `BENCH_CALLGRIND_ITERS` times (default 10,000)
//!   inside [`callgrind_region`], for `valgrind --tool=callgrind --toggle-collect='*callgrind_region*'`.

use crate::alloc::allocations_of;
use crate::env_number;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// One case: the same work done by each side. Each side returns a number derived from its result
/// (a length), so that nothing is optimised away.
pub struct Case {
    /// The case's name in the output keys.
    pub name: &'static str,
    /// This crate's side, then the baseline's.
    pub sides: [Box<dyn Fn() -> usize>; 2],
}

/// Runs `f` `iterations` times: the only function callgrind collects in.
#[inline(never)]
pub fn callgrind_region(f: &dyn Fn() -> usize, iterations: u64) {
    for _ in 0..iterations {
        black_box(f());
    }
}

/// Measures `cases` as the module documentation says, printing the figures under `prefix`, the
/// two sides named by `side_names`.
pub fn run(prefix: &str, side_names: [&str; 2], mut cases: Vec<Case>) {
    if let Ok(only) = std::env::var("BENCH_ONLY") {
        cases.retain(|case| case.name == only);
        assert!(!cases.is_empty(), "BENCH_ONLY names no case");
    }

    if let Ok(target) = std::env::var("BENCH_CALLGRIND") {
        let (name, side) = target.split_once('/').expect("BENCH_CALLGRIND=case/side");
        let case = cases.iter().find(|case| case.name == name).expect("a known case");
        let side = side_names.iter().position(|known| *known == side).expect("a known side");
        let iterations = env_number("BENCH_CALLGRIND_ITERS", 10_000);
        (case.sides[side])(); // lazily initialised state is set up outside the region
        callgrind_region(&*case.sides[side], iterations);
        return;
    }

    for case in &cases {
        for (side, f) in side_names.iter().zip(&case.sides) {
            let output_len = f(); // the first call also warms lazily initialised state
            let (count, bytes) = allocations_of(f);
            println!("{prefix}.{}.{side}.allocs {count}", case.name);
            println!("{prefix}.{}.{side}.alloc_bytes {bytes}", case.name);
            println!("{prefix}.{}.{side}.output_len {output_len}", case.name);
        }
    }

    let rounds = env_number("BENCH_ROUNDS", 21_usize).max(1);
    let per_round = env_number("BENCH_SAMPLES", 10_usize).max(1);
    let target = Duration::from_micros(env_number("BENCH_SAMPLE_US", 1_000));
    let iterations: Vec<[u64; 2]> =
        cases.iter().map(|case| [calibrate(&*case.sides[0], target), calibrate(&*case.sides[1], target)]).collect();
    let mut rounds_ns = vec![[Vec::with_capacity(rounds), Vec::with_capacity(rounds)]; cases.len()];
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
                rounds_ns[i][side].push(fastest[side]);
            }
        }
    }
    for (case, rounds_ns) in cases.iter().zip(&mut rounds_ns) {
        for (side, ns) in side_names.iter().zip(rounds_ns.iter_mut()) {
            ns.sort_by(f64::total_cmp);
            println!("{prefix}.{}.{side}.ns {:.1}", case.name, ns[ns.len() / 2]);
            println!("{prefix}.{}.{side}.ns_min {:.1}", case.name, ns[0]);
        }
    }
    println!("{prefix}.rounds {rounds}");
    println!("{prefix}.samples_per_round {per_round}");
    println!("{prefix}.sample_us {}", target.as_micros());
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
