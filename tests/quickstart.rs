//! The quickstart example, run against the fake Stripe (feature `testing`), so it cannot rot.

#![cfg(feature = "testing")]

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;

use stripe_billing_portal::testing::{Backend, FakeStripe, SECRET_KEY};

/// The `-d` arguments of each `curl` command in the output, decoded into form pairs.
fn curl_pairs(output: &str) -> Vec<Vec<(String, String)>> {
    output
        .split("curl -X POST")
        .skip(1)
        .map(|command| {
            let body = command
                .lines()
                .filter_map(|line| line.trim().strip_prefix("-d "))
                .map(|arg| arg.trim_end_matches(" \\").trim_matches('\''))
                .collect::<Vec<_>>()
                .join("&");
            url::form_urlencoded::parse(body.as_bytes()).into_owned().collect()
        })
        .collect()
}

#[tokio::test]
async fn the_quickstart_runs_offline_and_prints_exactly_what_it_sent() {
    let backend = Backend::Fake(FakeStripe::start().await.unwrap());
    let ids = backend.deep_link_ids().unwrap();
    let fake = backend.fake().unwrap();
    let mut output = Vec::new();
    let sessions = quickstart::run(&fake.client(), &ids, &mut output).await.unwrap();
    quickstart::play_the_customer(fake, &ids, &sessions, &mut output).unwrap();
    let output = String::from_utf8(output).unwrap();

    let expected = quickstart::sessions(&ids).len();
    assert_eq!(sessions.len(), expected);
    assert_eq!(expected, 7, "the home page and six deep-link flows");

    // Every request the fake received is printed, pair for pair, as a curl command (the last
    // one is the error case).
    let received: Vec<Vec<(String, String)>> = fake
        .requests()
        .into_iter()
        .filter(|request| request.path == "/v1/billing_portal/sessions")
        .map(|request| request.params)
        .collect();
    assert_eq!(received.len(), expected + 1);
    assert_eq!(curl_pairs(&output), received);

    // Every session's portal URL is printed, and each flow came back as requested.
    let urls: Vec<&str> = output.lines().filter_map(|line| line.strip_prefix("-> portal URL: ")).collect();
    assert_eq!(urls.len(), expected);
    assert!(urls.iter().all(|url| url.starts_with(&format!("{}/p/session/test_", fake.base_url()))), "{urls:?}");
    for flow in [
        "payment_method_update",
        "customer_update",
        "subscription_cancel",
        "subscription_pause",
        "subscription_update",
        "subscription_update_confirm",
    ] {
        assert!(output.contains(&format!("flow: {flow})")), "{flow} missing from:\n{output}");
    }
    assert!(output.contains("code resource_missing, param customer"), "{output}");
    assert!(!output.contains(SECRET_KEY), "the key is masked");

    // The customer cancels; the portal's event follows.
    assert!(
        output.contains("-> event customer.subscription.updated (previous_attributes: {\"cancel_at\":null"),
        "{output}"
    );
    assert!(fake.object(&ids.subscription).unwrap()["cancel_at"].is_i64());
}
