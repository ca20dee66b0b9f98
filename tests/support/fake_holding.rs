//! A fake Stripe holding objects as given, values it would refuse on create among them (an enum
//! value this version of the crate does not know, as Stripe adds them): they are written into a
//! state file that the fake starts from.

#![allow(dead_code)]

use serde_json::{json, Value};
use std::path::PathBuf;
use stripe_billing_portal::testing::FakeStripe;

/// A fake (without a default configuration of its own) holding `configurations`, oldest first,
/// and its state file (named after `name`), which the caller removes.
pub async fn fake_holding(name: &str, configurations: &[Value]) -> (FakeStripe, PathBuf) {
    let path = std::env::temp_dir().join(format!("stripe-portal-holding-{name}-{}.json", std::process::id()));
    let ids: Vec<&str> = configurations.iter().map(|c| c["id"].as_str().unwrap()).collect();
    let objects: serde_json::Map<String, Value> =
        configurations.iter().map(|c| (c["id"].as_str().unwrap().to_owned(), c.clone())).collect();
    let state = json!({
        "collections": { "billing_portal.configuration": { "order": ids, "objects": objects } },
        "clock_offset": 0, "sessions": {}, "idempotency": {}, "webhook_secrets": {}
    });
    std::fs::write(&path, state.to_string()).unwrap();
    let fake = FakeStripe::builder().state_file(&path).without_default_configuration().start().await.unwrap();
    (fake, path)
}
