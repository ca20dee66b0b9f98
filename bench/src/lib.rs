//! What the benchmarks in `benches/` share: a counting allocator, the cases built the same way
//! with this crate and with async-stripe, the answers to decode, and the runner that measures a
//! case's two sides (time, allocations, and the loop callgrind collects in).
//!
//! Not published; none of this is built by the root crate's tests or examples.

pub mod alloc;
pub mod cases;
pub mod fixtures;
pub mod runner;

/// `(key, value)` pairs of a form body, percent-decoded, for comparing two encoders' output.
pub fn pairs(body: &str) -> Vec<(String, String)> {
    url::form_urlencoded::parse(body.as_bytes()).into_owned().collect()
}

/// [`pairs`], sorted: for encoders that write the same fields in another order.
pub fn sorted_pairs(body: &str) -> Vec<(String, String)> {
    let mut pairs = pairs(body);
    pairs.sort();
    pairs
}

/// An environment variable as a number, or `default` when unset or not a number.
pub fn env_number<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|value| value.parse().ok()).unwrap_or(default)
}
