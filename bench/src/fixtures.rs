//! The answers the decoding benchmarks read.

/// Stripe's published `billing_portal.session` fixture (the copy the tests use), as compact JSON
/// (as the earlier figures were measured). It fills every sibling object of `flow`, not only the
/// one its `type` names: the worst case for a decoder.
pub fn published_session() -> Vec<u8> {
    let fixtures: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/fixtures/stripe-fixtures.json")).expect("fixtures parse");
    serde_json::to_vec(&fixtures["billing_portal.session"]).expect("the fixture session")
}

/// What Stripe answers to [`crate::cases::session`]: the update-confirm flow filled in, the
/// other flow siblings `null`, pretty-printed with two spaces, as Stripe's answers come.
pub const SESSION_ANSWER: &[u8] = include_bytes!("../fixtures/session-update-confirm.json");
