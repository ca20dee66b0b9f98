//! The `stripe-portal` command line (feature `cli`). Each subcommand is one file; `main`
//! parses the arguments and runs it.

mod config;
mod fake;

use clap::{Parser, Subcommand};
use std::io::Write as _;
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
    /// Portal configurations as code: plan, apply, export, import.
    Config(config::ConfigArgs),
}

/// Runs the command line: parses `std::env::args`, runs the subcommand, gives its exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            // `config plan` exits 2 for "there are changes", so `config` usage errors exit 1
            // (with every other error); elsewhere clap's own code stands (2).
            let config = std::env::args_os().nth(1).is_some_and(|arg| arg == "config");
            return match error.exit_code() {
                0 => ExitCode::SUCCESS,
                _ if config => ExitCode::FAILURE,
                code => ExitCode::from(u8::try_from(code).unwrap_or(2)),
            };
        }
    };
    match cli.command {
        Command::Fake(args) => fake::run(args),
        Command::Config(args) => config::run(args),
    }
}

/// Writes `text` to standard output and flushes it: a failure (a closed pipe, a full disk) is
/// returned, never a panic as with `print!`.
fn print_out(text: &str) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush())
}

/// Says why `stripe-portal {command}` failed on standard error (if that cannot be written either,
/// nothing more can be said, and nothing panics as with `eprintln!`); exit status 1.
fn fail(command: &str, message: &str) -> ExitCode {
    let _ = writeln!(std::io::stderr(), "stripe-portal {command}: {message}");
    ExitCode::FAILURE
}
