//! Stripe's official Python SDK against `stripe-portal fake`: customers, prices, subscriptions,
//! a deep-linked session, the portal action over HTTP, the delivered webhook verified by
//! `stripe.Webhook.construct_event`, expand, errors and idempotency.
//!
//! Ignored by default (it needs Python with `stripe` installed, which `../shared/tools/stripe-encode`
//! sets up in /tmp/stripe-encode-venv): `STRIPE_PYTHON=/tmp/stripe-encode-venv/bin/python cargo test
//! --features cli --test fake_official_sdk -- --ignored`.

#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
#[ignore = "needs Python with the stripe package: set STRIPE_PYTHON"]
fn the_python_sdk_works_against_the_fake() {
    let python = std::env::var("STRIPE_PYTHON").expect("STRIPE_PYTHON names a python with `stripe` installed");
    let mut fake = Command::new(env!("CARGO_BIN_EXE_stripe-portal"))
        .args(["fake", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(fake.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    let url = line[line.find("http://").unwrap()..].trim().to_owned();
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fake_official_sdk.py");
    let output = Command::new(python).args([script, &url]).output().unwrap();
    let _ = fake.kill();
    let _ = fake.wait();
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{text}\n{}", String::from_utf8_lossy(&output.stderr));
    for expected in [
        "action status 303",
        "verified customer.subscription.updated True",
        "list 1 jenny@example.com",
        "error 404 resource_missing id True",
        "idempotent True",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
}
