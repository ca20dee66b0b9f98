//! Webhooks: verify Stripe's signature and decode the events the portal causes.
