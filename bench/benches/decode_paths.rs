//! Issue 14: does another JSON path decode a `billing_portal.session` faster? Each case decodes
//! one answer into the crate's `Session` one way, against async-stripe's decoder (miniserde) on
//! the same bytes, measured by `stripe_billing_portal_bench::runner` like `per_call`:
//! - `<answer>_str`: one UTF-8 check of the body, then `serde_json::from_str` (what the client does);
//! - `<answer>_slice`: `serde_json::from_slice` (a UTF-8 check per string instead);
//! - floors, which do not produce the crate's `Session` and are not a way to decode it, but bound
//!   what any serde_json decoding of the same answer can cost (crate side: the floor; the other
//!   side, async-stripe as in every case):
//!   - `<answer>_floor_owned`: a mirror of `Session` with a plain `#[derive(Deserialize)]`,
//!     owned `String`s, each `type` a plain enum (`#[serde(other)]` for values it does not list),
//!     the flow's siblings as plain optional structs (all of them decoded, as a derive does), no
//!     open enums, unknown-`type` data or expandable fields: serde_json before any of the crate's
//!     tolerance;
//!   - `<answer>_floor_borrowed`: the same mirror holding `&str`s borrowed from the body (no
//!     allocation at all; a response type cannot outlive its body, so not an API either);
//!   - `<answer>_floor_walk`: `serde::de::IgnoredAny`, the parse alone, building nothing.
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

/// The floors' mirror of `Session`: its fields are decoded, and only a few are read afterwards.
#[allow(dead_code)]
mod mirror {
    /// A mirror of `Session` with the plainest serde derive: `S` is `String` (owned) or `&str`
    /// (borrowed from the body). Every sibling of `flow` is its own optional field.
    #[derive(serde::Deserialize)]
    pub struct Floor<S> {
        pub id: S,
        pub url: S,
        pub return_url: Option<S>,
        pub customer: Option<S>,
        pub customer_account: Option<S>,
        pub configuration: Option<S>,
        pub flow: Option<FloorFlow<S>>,
        pub locale: Option<S>,
        pub on_behalf_of: Option<S>,
        pub created: i64,
        pub livemode: bool,
    }

    /// A `type`, read without allocating: the known values, and any other.
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Kind {
        SubscriptionUpdateConfirm,
        SubscriptionUpdate,
        SubscriptionPause,
        SubscriptionCancel,
        PaymentMethodUpdate,
        CustomerUpdate,
        Redirect,
        HostedConfirmation,
        PortalHomepage,
        CouponOffer,
        #[serde(other)]
        Other,
    }

    #[derive(serde::Deserialize)]
    pub struct FloorFlow<S> {
        #[serde(rename = "type")]
        pub kind: Kind,
        pub after_completion: Option<FloorTagged<S>>,
        pub subscription_cancel: Option<FloorCancel<S>>,
        pub subscription_pause: Option<One<S>>,
        pub subscription_update: Option<One<S>>,
        pub subscription_update_confirm: Option<FloorUpdateConfirm<S>>,
    }

    /// `after_completion` and a cancel's `retention`: a `type` and its siblings, one struct.
    #[derive(serde::Deserialize)]
    pub struct FloorTagged<S> {
        #[serde(rename = "type")]
        pub kind: Kind,
        pub redirect: Option<One<S>>,
        pub hosted_confirmation: Option<One<S>>,
        pub coupon_offer: Option<One<S>>,
    }

    #[derive(serde::Deserialize)]
    pub struct FloorCancel<S> {
        pub subscription: Option<S>,
        pub retention: Option<FloorTagged<S>>,
    }

    /// The one-field siblings (`redirect`, `hosted_confirmation`, `coupon_offer`, a pause's or
    /// an update's `subscription`): one struct, its field under each name.
    #[derive(serde::Deserialize)]
    pub struct One<S> {
        #[serde(alias = "return_url", alias = "custom_message", alias = "coupon", alias = "subscription")]
        pub value: Option<S>,
    }

    #[derive(serde::Deserialize)]
    pub struct FloorUpdateConfirm<S> {
        pub subscription: Option<S>,
        pub items: Option<Vec<FloorItem<S>>>,
        pub discounts: Option<Vec<FloorDiscount<S>>>,
    }

    #[derive(serde::Deserialize)]
    pub struct FloorItem<S> {
        pub id: Option<S>,
        pub price: Option<S>,
        pub quantity: Option<u64>,
    }

    #[derive(serde::Deserialize)]
    pub struct FloorDiscount<S> {
        pub coupon: Option<S>,
        pub promotion_code: Option<S>,
    }
}
use mirror::Floor;

/// What a floor read, for the check against async-stripe: id, url, customer.
fn floor_fields<S: AsRef<str>>(floor: &Floor<S>) -> [String; 3] {
    let customer = floor.customer.as_ref().map_or("", AsRef::as_ref);
    [floor.id.as_ref().to_owned(), floor.url.as_ref().to_owned(), customer.to_owned()]
}

fn text(answer: &[u8]) -> &str {
    std::str::from_utf8(answer).expect("UTF-8")
}

fn floor_owned(answer: &[u8]) -> usize {
    serde_json::from_str::<Floor<String>>(text(answer)).expect("floor_owned").url.len()
}

fn floor_borrowed(answer: &[u8]) -> usize {
    serde_json::from_str::<Floor<&str>>(text(answer)).expect("floor_borrowed").url.len()
}

fn floor_walk(answer: &[u8]) -> usize {
    serde_json::from_str::<serde::de::IgnoredAny>(text(answer)).expect("floor_walk");
    answer.len()
}

/// A floor case: checks that the mirror reads the same id, url and customer as async-stripe.
fn floor(name: &'static str, answer: &[u8], decode: fn(&[u8]) -> usize) -> Case {
    let theirs = async_stripe(answer);
    let expected = [theirs.id.to_string(), theirs.url.clone(), theirs.customer.clone()];
    let mirror: Floor<String> = serde_json::from_str(text(answer)).expect("the mirror decodes the answer");
    assert_eq!(floor_fields(&mirror), expected, "{name}: id, url, customer");
    let (a, b) = (answer.to_vec(), answer.to_vec());
    Case {
        name,
        sides: [Box::new(move || decode(black_box(&a))), Box::new(move || async_stripe(black_box(&b)).url.len())],
    }
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
            floor("published_floor_owned", &published, floor_owned),
            floor("published_floor_borrowed", &published, floor_borrowed),
            floor("published_floor_walk", &published, floor_walk),
            floor("answer_floor_owned", &answer, floor_owned),
            floor("answer_floor_borrowed", &answer, floor_borrowed),
            floor("answer_floor_walk", &answer, floor_walk),
        ],
    );
}
