//! `stripe-portal fake`: serves the fake Stripe until interrupted.

use crate::testing::FakeStripe;
use clap::Args;
use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `stripe-portal fake`.
#[derive(Debug, Args)]
pub(crate) struct FakeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, default_value = "127.0.0.1:0")]
    addr: SocketAddr,
    /// Load the state from this JSON file if it exists, and save it there after every change.
    #[arg(long, value_name = "FILE")]
    state: Option<PathBuf>,
    /// Start without a default portal configuration.
    #[arg(long)]
    no_default_configuration: bool,
}

/// Serves until Ctrl-C; the first line on stdout holds the base URL.
pub(crate) fn run(args: FakeArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("stripe-portal fake: cannot start the runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        let mut builder = FakeStripe::builder().addr(args.addr);
        if let Some(path) = args.state {
            builder = builder.state_file(path);
        }
        if args.no_default_configuration {
            builder = builder.without_default_configuration();
        }
        let fake = match builder.start().await {
            Ok(fake) => fake,
            Err(error) => {
                eprintln!("stripe-portal fake: cannot start on {}: {error}", args.addr);
                return ExitCode::FAILURE;
            }
        };
        let mut banner = format!(
            "stripe-portal fake: listening on {}\nUse any test-mode secret key (sk_test_…); stop with Ctrl-C.\n",
            fake.base_url()
        );
        if let Some(configuration) = fake.default_configuration() {
            banner.push_str(&format!(
                "Default portal configuration: {}\n",
                configuration["id"].as_str().unwrap_or_default()
            ));
        }
        // Whoever reads stdout may stop reading: the server keeps running regardless.
        let mut stdout = std::io::stdout();
        let _ = stdout.write_all(banner.as_bytes()).and_then(|()| stdout.flush());
        match tokio::signal::ctrl_c().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("stripe-portal fake: {error}");
                ExitCode::FAILURE
            }
        }
    })
}
