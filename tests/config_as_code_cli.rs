//! `stripe-portal config …` as a process against the fake Stripe: exit codes and output.
#![cfg(all(feature = "cli", feature = "testing", feature = "config-as-code"))]

#[path = "support/fake_holding.rs"]
mod fake_holding;

use fake_holding::fake_holding;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use stripe_billing_portal::testing::{fixtures, FakeStripe};

/// A key the output must never show.
const KEY: &str = "sk_test_cli_never_printed_4242";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `stripe-portal config ARGS` with `env` set; the fake keeps serving meanwhile.
async fn config(args: Vec<String>, env: Vec<(&'static str, String)>) -> Run {
    let output: Output = tokio::task::spawn_blocking(move || {
        let mut command = Command::new(env!("CARGO_BIN_EXE_stripe-portal"));
        command.arg("config").args(&args).env_remove("STRIPE_SECRET_KEY");
        for (name, value) in env {
            command.env(name, value);
        }
        command.output().unwrap()
    })
    .await
    .unwrap();
    let run = Run {
        code: output.status.code().unwrap(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    };
    assert!(!run.stdout.contains(KEY) && !run.stderr.contains(KEY), "the key was printed");
    run
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|a| (*a).to_owned()).collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("stripe-portal-config-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const FILE: &str = r#"
[[configuration]]
key = "gold"
name = "Gold"
features.invoice_history = { enabled = true }
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plan_exits_2_with_changes_then_apply_then_plan_exits_0() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("cycle");
    let file = write(&dir, "portal.toml", FILE);
    let file = file.to_str().unwrap();
    let base = fake.base_url();

    // Flags after the file…
    let plan = config(args(&["plan", file, "--api-key", KEY, "--api-base", base]), vec![]).await;
    assert_eq!(plan.code, 2, "{}", plan.stderr);
    assert_eq!(
        plan.stdout,
        "configuration \"gold\": create\n  + active = true\n  + features.invoice_history.enabled = true\n  \
         + metadata.stripe_portal_key = \"gold\"\n  + name = \"Gold\"\n\
         Plan: 1 to create, 0 to update, 0 to deactivate, 0 unchanged.\n"
    );

    // …or before it, with the key from the environment.
    let apply = config(args(&["apply", "--api-base", base, file]), vec![("STRIPE_SECRET_KEY", KEY.to_owned())]).await;
    assert_eq!(apply.code, 0, "{}", apply.stderr);
    assert!(apply.stdout.contains("applied: create configuration \"gold\" → bpc_"), "{}", apply.stdout);

    let plan = config(args(&["--json", "plan", file, "--api-base", base, "--api-key", KEY]), vec![]).await;
    assert_eq!(plan.code, 0, "{}", plan.stderr);
    let json: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    assert_eq!(json["has_changes"], false);
    assert_eq!(json["configurations"][0]["action"], "no_changes");
    assert_eq!(json["configurations"][0]["key"], "gold");

    // One field changed: the JSON plan names it.
    let changed = write(&dir, "changed.toml", &FILE.replace("\"Gold\"", "\"Gold plan\""));
    let plan =
        config(args(&["plan", changed.to_str().unwrap(), "--json", "--api-base", base, "--api-key", KEY]), vec![])
            .await;
    assert_eq!(plan.code, 2);
    let json: serde_json::Value = serde_json::from_str(&plan.stdout).unwrap();
    assert_eq!(
        json["configurations"][0]["changes"],
        serde_json::json!([{ "path": "name", "old": "Gold", "new": "Gold plan" }])
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_a_file_that_plans_to_no_changes() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("export");
    let file = write(&dir, "portal.toml", FILE);
    let base = fake.base_url();
    let common = ["--api-key", KEY, "--api-base", base];
    assert_eq!(
        config(
            [&["apply", file.to_str().unwrap()][..], &common].concat().iter().map(|a| a.to_string()).collect(),
            vec![]
        )
        .await
        .code,
        0
    );
    fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true")]).unwrap();

    let out = dir.join("exported.toml");
    let export = config(
        [&["export", "--out", out.to_str().unwrap()][..], &common].concat().iter().map(|a| a.to_string()).collect(),
        vec![],
    )
    .await;
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(export.stderr.starts_with("skipped bpc_"), "{}", export.stderr);
    assert!(export.stderr.contains("stripe-portal config import --key KEY --id bpc_"), "{}", export.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("key = \"gold\""), "{text}");
    assert!(text.contains("default = true"), "{text}");

    let plan = config(
        [&["plan", out.to_str().unwrap()][..], &common].concat().iter().map(|a| a.to_string()).collect(),
        vec![],
    )
    .await;
    assert_eq!(plan.code, 0, "{}\n{}", plan.stdout, text);
    assert!(plan.stdout.ends_with("No changes: 2 configuration(s) match the file.\n"), "{}", plan.stdout);

    // To standard output as JSON, read back by a `.json` file.
    let json =
        config([&["export", "--json"][..], &common].concat().iter().map(|a| a.to_string()).collect(), vec![]).await;
    let path = write(&dir, "exported.json", &json.stdout);
    let plan = config(
        [&["plan", path.to_str().unwrap()][..], &common].concat().iter().map(|a| a.to_string()).collect(),
        vec![],
    )
    .await;
    assert_eq!(plan.code, 0, "{}", plan.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_its_out_file_in_the_format_plan_reads_it_in() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("export-format");
    let common = ["--api-key", KEY, "--api-base", fake.base_url()];

    // JSON into a file that `plan` would read as TOML: a usage error, before anything is asked.
    let before = fake.requests().len();
    for name in ["exported.toml", "exported"] {
        let out = dir.join(name);
        let run =
            config(args(&[&["export", "--json", "--out", out.to_str().unwrap()][..], &common].concat()), vec![]).await;
        assert_eq!((run.code, run.stdout.as_str()), (1, ""));
        assert_eq!(
            run.stderr,
            format!(
                "stripe-portal config: --json with --out {}: `plan` reads a file as JSON only when its name ends in \
                 .json; name it so, or leave out --json for TOML\n",
                out.display()
            )
        );
        assert!(!out.exists(), "nothing is written");
    }
    assert_eq!(fake.requests().len(), before, "nothing was asked");

    // A `.json` file is JSON with or without --json, and plans to no changes.
    for json in [&["--json"][..], &[]] {
        let out = dir.join("exported.json");
        let run =
            config(args(&[&["export", "--out", out.to_str().unwrap()][..], json, &common].concat()), vec![]).await;
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{text}");
        let plan = config(args(&[&["plan", out.to_str().unwrap()][..], &common].concat()), vec![]).await;
        assert_eq!(plan.code, 0, "{}\n{text}", plan.stdout);
        std::fs::remove_file(&out).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_of_a_value_this_crate_does_not_know_exits_1_and_writes_nothing() {
    let configuration = fixtures::configuration()
        .id("bpc_gold")
        .metadata("stripe_portal_key", "gold")
        .set("features.subscription_cancel.mode", "later");
    let (fake, state) = fake_holding("cli", &[configuration.build_json()]).await;
    let dir = temp_dir("export-unknown");
    let out = dir.join("exported.toml");
    let common = ["--api-key", KEY, "--api-base", fake.base_url()];
    for to in [&["--out", out.to_str().unwrap()][..], &[]] {
        let run = config(args(&[&["export"][..], to, &common].concat()), vec![]).await;
        assert_eq!(
            (run.code, run.stdout.as_str(), run.stderr.as_str()),
            (
                1,
                "",
                "stripe-portal config: cannot export bpc_gold (key \"gold\"): features.subscription_cancel.mode: \
                 unknown variant \"later\", expected at_period_end | immediately; this version of the crate does not \
                 know it: upgrade stripe-billing-portal\n"
            ),
            "{to:?}"
        );
        assert!(!out.exists(), "nothing is written");
    }
    let _ = std::fs::remove_file(state);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The names in `dir`, sorted: a temporary left behind would show.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    names
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_replaces_its_out_file_whole_or_leaves_what_was_there() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("export-replace");
    let common = ["--api-key", KEY, "--api-base", fake.base_url()];
    let printed = config(args(&[&["export"][..], &common].concat()), vec![]).await;
    assert_eq!(printed.code, 0, "{}", printed.stderr);

    // An existing file is replaced by exactly what standard output would show, with nothing left beside it.
    let out = write(&dir, "exported.toml", "an old file, longer than the export may be\n".repeat(100).as_str());
    let run = config(args(&[&["export", "--out", out.to_str().unwrap()][..], &common].concat()), vec![]).await;
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), printed.stdout);
    assert_eq!(entries(&dir), ["exported.toml"]);

    // Where the file cannot be put: exit 1 naming it, what was there is kept and no temporary stays.
    let directory = dir.join("a-directory.toml");
    std::fs::create_dir(&directory).unwrap();
    write(&directory, "inside", "kept\n");
    let no_directory = dir.join("missing").join("exported.toml");
    for target in [&directory, &no_directory] {
        let run = config(args(&[&["export", "--out", target.to_str().unwrap()][..], &common].concat()), vec![]).await;
        assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{target:?}");
        let named = format!("stripe-portal config: {}: ", target.display());
        assert!(run.stderr.starts_with(&named) && run.stderr.lines().count() == 1, "{}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(directory.join("inside")).unwrap(), "kept\n");
    assert_eq!(entries(&directory), ["inside"]);
    assert_eq!(entries(&dir), ["a-directory.toml", "exported.toml"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The "skipped …" notes are output too: when standard error cannot take them, export exits 1 and
/// writes nothing, neither to standard output nor over its --out file.
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_notes_that_cannot_be_written_exit_1_and_export_nothing() {
    let fake = FakeStripe::start().await.unwrap();
    fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true")]).unwrap();
    let dir = temp_dir("export-notes-full");
    let out = write(&dir, "exported.toml", "old\n");
    let base = fake.base_url().to_owned();
    for to in [vec!["--out".to_owned(), out.to_str().unwrap().to_owned()], vec![]] {
        let base = base.clone();
        let output = tokio::task::spawn_blocking(move || {
            let dev_full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
            Command::new(env!("CARGO_BIN_EXE_stripe-portal"))
                .args(["config", "export", "--api-key", KEY, "--api-base", &base])
                .args(&to)
                .stderr(dev_full)
                .output()
                .unwrap()
        })
        .await
        .unwrap();
        assert_eq!((output.status.code(), output.stdout.as_slice()), (Some(1), &b""[..]));
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    }
    assert_eq!(entries(&dir), ["exported.toml"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_exit_1_with_the_reason_on_stderr() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("errors");
    let base = fake.base_url();

    // A bad file: refused before anything is sent, with file, line, column and field.
    let bad = write(
        &dir,
        "bad.toml",
        "[[configuration]]\nkey = \"gold\"\nfeatures.subscription_cancel = { enabled = true, mode = \"later\" }\n",
    );
    let before = fake.requests().len();
    let run = config(args(&["plan", bad.to_str().unwrap(), "--api-key", KEY, "--api-base", base]), vec![]).await;
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        format!(
            "stripe-portal config: {}:3:57: configuration[0].features.subscription_cancel.mode: unknown variant \"later\", expected at_period_end | immediately\n",
            bad.display()
        )
    );
    let run = config(args(&["apply", bad.to_str().unwrap(), "--api-key", KEY, "--api-base", base]), vec![]).await;
    assert_eq!(run.code, 1);
    assert_eq!(fake.requests().len(), before, "nothing was sent");

    // No key.
    let good = write(&dir, "good.toml", FILE);
    let run = config(args(&["plan", good.to_str().unwrap(), "--api-base", base]), vec![]).await;
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (1, "stripe-portal config: no API key: pass --api-key or set STRIPE_SECRET_KEY\n")
    );

    // A usage error is 1 too, not clap's 2 (which `plan` uses for "changes").
    let run = config(args(&["plan"]), vec![]).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("<FILE>"), "{}", run.stderr);

    // A file that is missing.
    let run = config(args(&["plan", "/nonexistent/portal.toml", "--api-key", KEY]), vec![]).await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.starts_with("stripe-portal config: /nonexistent/portal.toml: "), "{}", run.stderr);

    // Stripe refusing: the default entry on an account without a default configuration.
    let bare = FakeStripe::builder().without_default_configuration().start().await.unwrap();
    let default = write(&dir, "default.toml", "[[configuration]]\nkey = \"main\"\ndefault = true\nname = \"Main\"\n");
    let run =
        config(args(&["plan", default.to_str().unwrap(), "--api-key", KEY, "--api-base", bare.base_url()]), vec![])
            .await;
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("the account has no default configuration"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn help_documents_the_exit_codes_and_import_adopts() {
    let help = config(args(&["plan", "--help"]), vec![]).await;
    assert_eq!(help.code, 0);
    assert!(
        help.stdout
            .contains("Exit status: 0 when there is nothing to change, 2 when there are changes, 1 on any error."),
        "{}",
        help.stdout
    );
    for flag in ["--api-key", "--api-base", "--stripe-account", "--json", "--prune"] {
        assert!(help.stdout.contains(flag), "{flag}");
    }

    let fake = FakeStripe::start().await.unwrap();
    let id = fake.post("/v1/billing_portal/configurations", &[("features[invoice_history][enabled]", "true")]).unwrap()
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let run = config(
        args(&["import", "--key", "gold", "--id", &id, "--api-key", KEY, "--api-base", fake.base_url()]),
        vec![],
    )
    .await;
    assert_eq!((run.code, run.stdout.clone()), (0, format!("{id} is now managed as \"gold\"\n")), "{}", run.stderr);
    assert_eq!(fake.object(&id).unwrap()["metadata"]["stripe_portal_key"], "gold");
}

/// Output that cannot be written (here a full disk) is an error with exit 1, never a panic (101).
#[cfg(target_os = "linux")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn output_that_cannot_be_written_exits_1_without_a_panic() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("full");
    let file = write(&dir, "portal.toml", FILE).to_str().unwrap().to_owned();
    let bad = write(&dir, "bad.toml", "[[configuration]]\nkey = 1\n").to_str().unwrap().to_owned();
    let base = fake.base_url().to_owned();
    let cases = [
        (vec!["plan", file.as_str()], "stdout"),
        (vec!["apply", file.as_str()], "stdout"),
        (vec!["export"], "stdout"),
        (vec!["plan", bad.as_str()], "stderr"),
    ];
    for (command, full) in cases {
        let (command, base) = (args(&command), base.clone());
        let output = tokio::task::spawn_blocking(move || {
            let mut run = Command::new(env!("CARGO_BIN_EXE_stripe-portal"));
            run.arg("config").args(&command).args(["--api-key", KEY, "--api-base", &base]);
            let dev_full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
            if full == "stdout" {
                run.stdout(dev_full);
            } else {
                run.stderr(dev_full);
            }
            (command, run.output().unwrap())
        })
        .await
        .unwrap();
        let (command, output) = output;
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command:?}: {stderr}");
        if full == "stdout" {
            assert_eq!(
                stderr, "stripe-portal config: standard output: No space left on device (os error 28)\n",
                "{command:?}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failure_mid_apply_lists_applied_and_not_applied_and_exits_1() {
    let fake = FakeStripe::start().await.unwrap();
    let dir = temp_dir("midway");
    let file = write(
        &dir,
        "portal.toml",
        "[[configuration]]\nkey = \"gold\"\nfeatures.subscription_cancel = { enabled = true, cancellation_reason = \
         { enabled = true, options = [\"other\"], feedback_options = [\"Too slow\"] } }\n\
         [[configuration]]\nkey = \"silver\"\nfeatures.invoice_history = { enabled = true }\n",
    );
    let common = ["--api-key", KEY, "--api-base", fake.base_url()];
    let apply = [&["apply", file.to_str().unwrap()][..], &common].concat();

    // The feedback option is created, then Stripe refuses the first configuration.
    fake.fail_next("POST", "/v1/billing_portal/configurations", 400, 1);
    let run = config(args(&apply), vec![]).await;
    assert_eq!((run.code, run.stderr.as_str()), (1, ""), "{}", run.stdout);
    let report: Vec<&str> = run.stdout.lines().skip_while(|line| !line.starts_with("applied: ")).collect();
    assert_eq!(report.len(), 3, "{}", run.stdout);
    assert!(report[0].starts_with("applied: create feedback option \"Too slow\" → bfo_"), "{}", run.stdout);
    assert!(
        report[1].starts_with("FAILED: create configuration \"gold\": Stripe API error (HTTP 400"),
        "{}",
        run.stdout
    );
    assert_eq!(report[2], "not applied: create configuration \"silver\"");

    // The same as JSON: the option exists now, so nothing was applied before the failure.
    fake.fail_next("POST", "/v1/billing_portal/configurations", 400, 1);
    let run = config(args(&[&apply[..], &["--json"]].concat()), vec![]).await;
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["report"]["applied"], serde_json::json!([]));
    assert_eq!(json["report"]["failed"]["change"], "create configuration \"gold\"");
    assert_eq!(json["report"]["not_applied"], serde_json::json!(["create configuration \"silver\""]));

    // Running apply again converges.
    let run = config(args(&apply), vec![]).await;
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let plan = config(args(&[&["plan", file.to_str().unwrap()][..], &common].concat()), vec![]).await;
    assert_eq!(plan.code, 0, "{}", plan.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_key_is_never_printed() {
    let dir = temp_dir("refused-key");
    let file = write(&dir, "portal.toml", FILE);
    let fake = FakeStripe::start().await.unwrap();
    let cases = [
        // Refused by the client before sending…
        ("sk_test_cli never_printed_4242", "invalid client configuration: the secret key contains whitespace"),
        // …and by Stripe (here the fake, which takes test-mode keys only).
        ("sk_live_cli_never_printed_4242", "Invalid API Key provided: sk_live_********."),
    ];
    for (key, why) in cases {
        for command in ["plan", "apply"] {
            let run = config(
                args(&[command, file.to_str().unwrap(), "--api-base", fake.base_url()]),
                vec![("STRIPE_SECRET_KEY", key.to_owned())],
            )
            .await;
            assert_eq!((run.code, run.stdout.as_str()), (1, ""), "{}", run.stderr);
            assert!(run.stderr.contains(why), "{}", run.stderr);
            assert!(!run.stderr.contains("never_printed"), "{}", run.stderr);
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
