//! The fake's clock: the system clock plus an offset that only grows, up to the end of year 9999
//! ([`MAX_TIME`]). Advancing it runs, in time order, everything that falls due on the way:
//! scheduled cancellations end (`customer.subscription.deleted`), pauses with `resumes_at` resume,
//! scheduled price changes apply, trials end and periods renew (`customer.subscription.updated`);
//! portal sessions expire.

use super::resources::{subscription_changes, Ctx};

/// The end of year 9999 (UTC): the clock goes no further, so times computed from it never overflow.
pub(crate) const MAX_TIME: i64 = 253_402_300_799;

/// The fake clock's time when it is `offset` seconds ahead of the system clock: never past
/// [`MAX_TIME`].
pub(crate) fn now(offset: i64) -> i64 {
    crate::webhooks::unix_now().saturating_add(offset).min(MAX_TIME)
}

/// Most transitions one advance runs (a guard against a runaway loop, e.g. daily renewals over decades).
const MAX_TRANSITIONS: usize = 100_000;

/// Moves the clock to `to` (never backwards, never past [`MAX_TIME`]), running what falls due on the way, each at its own
/// time and with `request: null` on its events, as Stripe's automatic changes have.
pub(crate) fn advance(ctx: &mut Ctx<'_>, to: i64) {
    let to = to.min(MAX_TIME).max(ctx.now);
    let (request_id, idempotency_key) = (ctx.request_id.take(), ctx.idempotency_key.take());
    for _ in 0..MAX_TRANSITIONS {
        let state = &*ctx.state;
        let due = state
            .all("subscription")
            .into_iter()
            .filter_map(|subscription| subscription_changes::next_due(state, subscription).map(|at| (at, subscription)))
            .filter(|(at, _)| *at <= to)
            .min_by_key(|(at, _)| *at)
            .map(|(at, subscription)| (at, subscription.clone()));
        let Some((at, subscription)) = due else { break };
        ctx.now = at.max(ctx.now);
        subscription_changes::run_due(ctx, &subscription);
    }
    ctx.now = to;
    ctx.state.clock_offset = to - crate::webhooks::unix_now();
    ctx.request_id = request_id;
    ctx.idempotency_key = idempotency_key;
}
