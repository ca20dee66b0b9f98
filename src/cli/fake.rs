//! `stripe-portal fake`: serves the fake Stripe until interrupted.

use super::{fail, print_out};
use crate::testing::FakeStripe;
use clap::Args;
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
        Err(error) => return fail("fake", &format!("cannot start the runtime: {error}")),
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
            Err(error) => return fail("fake", &format!("cannot start on {}: {error}", args.addr)),
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
        // The banner is all that is written to stdout: once it is out, whoever reads stdout may
        // stop reading and the server keeps running; a banner that cannot be written (a pipe
        // closed already, a full disk) leaves no one knowing the URL, so that is a failure.
        if let Err(error) = print_out(&banner) {
            return fail("fake", &format!("standard output: {error}"));
        }
        match tokio::signal::ctrl_c().await {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => fail("fake", &error.to_string()),
        }
    })
}
