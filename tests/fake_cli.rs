//! `stripe-portal fake` run as a process: prints its URL first, serves the API, keeps its state
//! in `--state` across restarts; `--help` explains it.

#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use stripe_billing_portal::configurations::ConfigurationListParams;

const BIN: &str = env!("CARGO_BIN_EXE_stripe-portal");

/// A running `stripe-portal fake`, killed when dropped.
struct Running {
    child: Child,
    url: String,
    _stdout: BufReader<std::process::ChildStdout>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(extra: &[&str]) -> Running {
    start_with(extra, Stdio::inherit())
}

/// [`start`], with standard error going to `stderr`.
fn start_with(extra: &[&str], stderr: Stdio) -> Running {
    let mut child = Command::new(BIN)
        .args(["fake", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .unwrap();
    let mut line = String::new();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    stdout.read_line(&mut line).unwrap();
    let start = line.find("http://127.0.0.1:").unwrap_or_else(|| panic!("no URL in {line:?}"));
    let url = line[start..].trim().to_owned();
    Running { child, url, _stdout: stdout }
}

#[tokio::test]
async fn the_fake_prints_its_url_and_serves_the_api() {
    let running = start(&[]);
    assert!(running.url["http://127.0.0.1:".len()..].parse::<u16>().unwrap() > 0);
    let client = stripe_billing_portal::Client::builder("sk_test_cli").base_url(&running.url).build().unwrap();
    let configurations = client.configurations().list(ConfigurationListParams::new()).send().await.unwrap();
    assert!(configurations.data[0].is_default);
}

#[tokio::test]
async fn the_state_file_survives_a_restart() {
    let directory = std::env::temp_dir().join(format!("stripe-portal-fake-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let state = directory.join("state.json");
    let _ = std::fs::remove_file(&state);
    let state_arg = state.to_str().unwrap();
    let http = reqwest::Client::new();
    let id = {
        let running = start(&["--state", state_arg]);
        let created = http
            .post(format!("{}/v1/customers", running.url))
            .bearer_auth("sk_test_cli")
            .header("content-type", "application/x-www-form-urlencoded")
            .body("email=kept%40example.com")
            .send()
            .await
            .unwrap();
        let created: serde_json::Value = serde_json::from_str(&created.text().await.unwrap()).unwrap();
        created["id"].as_str().unwrap().to_owned()
    };
    // The file is replaced whole through a temporary beside it, which does not stay.
    let names: Vec<_> = std::fs::read_dir(&directory).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert_eq!(names, ["state.json"]);
    let running = start(&["--state", state_arg]);
    let found = http.get(format!("{}/v1/customers/{id}", running.url)).bearer_auth("sk_test_cli").send().await.unwrap();
    assert_eq!(found.status(), 200);
    let found: serde_json::Value = serde_json::from_str(&found.text().await.unwrap()).unwrap();
    assert_eq!(found["email"], "kept@example.com");
    let configurations = http
        .get(format!("{}/v1/billing_portal/configurations", running.url))
        .bearer_auth("sk_test_cli")
        .send()
        .await
        .unwrap();
    let configurations: serde_json::Value = serde_json::from_str(&configurations.text().await.unwrap()).unwrap();
    assert_eq!(configurations["data"].as_array().unwrap().len(), 1, "the default configuration is not made twice");
    drop(running);
    let _ = std::fs::remove_dir_all(&directory);
}

/// A state file that cannot be saved (its directory was removed after the start) is named on
/// standard error with the reason, after each change; the fake keeps serving.
#[tokio::test]
async fn a_state_file_that_cannot_be_saved_is_named_on_stderr_and_the_fake_keeps_serving() {
    let directory = std::env::temp_dir().join(format!("stripe-portal-fake-unsaved-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let state = directory.join("state.json");
    let mut running = start_with(&["--state", state.to_str().unwrap()], Stdio::piped());
    std::fs::remove_dir_all(&directory).unwrap();
    let http = reqwest::Client::new();
    for email in ["a%40example.com", "b%40example.com"] {
        let created = http
            .post(format!("{}/v1/customers", running.url))
            .bearer_auth("sk_test_cli")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("email={email}"))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), 200, "the change is made and answered, unsaved");
    }
    let mut stderr = running.child.stderr.take().unwrap();
    drop(running);
    let mut text = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
    let line = format!(
        "stripe-portal fake: cannot save the state to {}: No such file or directory (os error 2)\n",
        state.display()
    );
    assert_eq!(text, line.repeat(2));
    assert!(!directory.exists(), "nothing is written elsewhere");
}

#[test]
fn help_explains_the_commands() {
    let output = Command::new(BIN).arg("--help").output().unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("fake") && text.contains("Serve a stateful fake Stripe API"), "{text}");
    let output = Command::new(BIN).args(["fake", "--help"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("--addr") && text.contains("--state"), "{text}");
    let bad = Command::new(BIN).args(["fake", "--addr", "nonsense"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn a_state_file_that_cannot_be_read_names_the_file_and_exits_1() {
    let directory = std::env::temp_dir().join(format!("stripe-portal-fake-bad-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let cases = [
        ("broken.json", &b"{\n  oops}"[..], "key must be a string at line 2 column 3"),
        ("binary.json", &b"\xff\xfe"[..], "expected value at line 1 column 1"),
    ];
    for (name, content, why) in cases {
        let state = directory.join(name);
        std::fs::write(&state, content).unwrap();
        let output = Command::new(BIN).args(["fake", "--state", state.to_str().unwrap()]).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.ends_with(&format!(": {}: {why}\n", state.display())), "{stderr}");
    }
    let _ = std::fs::remove_dir_all(&directory);
}

#[test]
fn output_that_cannot_be_written_exits_1_without_a_panic() {
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();

    // Standard error full: the reason cannot be told, and the exit status is still 1 (no panic: 101).
    let directory = std::env::temp_dir().join(format!("stripe-portal-fake-full-{}", std::process::id()));
    std::fs::create_dir_all(&directory).unwrap();
    let state = directory.join("broken.json");
    std::fs::write(&state, "{").unwrap();
    let output = Command::new(BIN).args(["fake", "--state", state.to_str().unwrap()]).stderr(full()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&directory);

    // Standard output full: no one can learn the URL, so the fake says why and stops, rather than
    // serve unseen. (The wait is bounded so that a fake that keeps serving fails the test.)
    let mut child = Command::new(BIN)
        .args(["fake", "--addr", "127.0.0.1:0"])
        .stdout(full())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = (0..600).find_map(|_| {
        let status = child.try_wait().unwrap();
        if status.is_none() {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        status
    });
    if status.is_none() {
        let _ = child.kill();
    }
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(status.and_then(|s| s.code()), Some(1), "{stderr}");
    assert_eq!(stderr, "stripe-portal fake: standard output: No space left on device (os error 28)\n");
}
