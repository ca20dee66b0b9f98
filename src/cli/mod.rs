//! The `stripe-portal` command line (feature `cli`). Each subcommand is one file; `main`
//! parses the arguments and runs it.

mod fake;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Tools for Stripe's customer portal.
#[derive(Debug, Parser)]
#[command(name = "stripe-portal", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Serve a stateful fake Stripe API and customer portal on a local address.
    Fake(fake::FakeArgs),
}

/// Runs the command line: parses `std::env::args`, runs the subcommand, gives its exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Fake(args) => fake::run(args),
    }
}
