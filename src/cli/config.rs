//! `stripe-portal config plan|apply|export|import`: portal configurations as code, over
//! [`config_as_code`](crate::config_as_code).

use crate::config_as_code::{self, render, ConfigError, Format, KeyFrom, PlanOptions, Target};
use crate::Client;
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `stripe-portal config`.
#[derive(Debug, Args)]
#[command(
    about = "Plan, apply and export portal configurations as a TOML file",
    long_about = "Plan, apply and export portal configurations as a TOML (or JSON) file.\n\n\
        Each [[configuration]] table of the file has a stable `key`, kept in the configuration's \
        metadata under `stripe_portal_key`, and Stripe's own parameters. A field left out is not \
        managed; \"\" or [] clears a field."
)]
pub(crate) struct ConfigArgs {
    #[command(subcommand)]
    command: ConfigCommand,
    #[command(flatten)]
    common: Common,
}

/// The options every `config` subcommand takes, before or after its arguments.
#[derive(Args)]
struct Common {
    /// Stripe secret key (sk_… or rk_…); defaults to $STRIPE_SECRET_KEY. Never printed.
    #[arg(long, global = true, value_name = "KEY", hide_default_value = true)]
    api_key: Option<String>,
    /// API base URL, e.g. a local fake: http://127.0.0.1:12111
    #[arg(long, global = true, value_name = "URL")]
    api_base: Option<String>,
    /// Act on this connected account (Stripe-Account header).
    #[arg(long, global = true, value_name = "ACCT")]
    stripe_account: Option<String>,
    /// Machine-readable output (JSON).
    #[arg(long, global = true)]
    json: bool,
}

/// Shows the key as the client does: its mode prefix only (`sk_test_********`).
impl std::fmt::Debug for Common {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let api_key = self.api_key.as_deref().map(crate::client::secret::masked_key);
        f.debug_struct("Common")
            .field("api_key", &api_key)
            .field("api_base", &self.api_base)
            .field("stripe_account", &self.stripe_account)
            .field("json", &self.json)
            .finish()
    }
}

#[derive(Debug, Subcommand)]
enum ConfigCommand {
    /// Show what `apply` would change.
    #[command(
        after_help = "Exit status: 0 when there is nothing to change, 2 when there are changes, 1 on any error."
    )]
    Plan {
        /// The file (TOML, or JSON when it ends in .json).
        file: PathBuf,
        /// Also deactivate managed configurations that the file no longer lists.
        #[arg(long)]
        prune: bool,
    },
    /// Make the changes `plan` shows, sending only changed fields.
    #[command(after_help = "Exit status: 0 when every change was applied (or none was needed), 1 on any error; \
        after a failure, the changes applied and not applied are listed, and running apply again converges.")]
    Apply {
        /// The file (TOML, or JSON when it ends in .json).
        file: PathBuf,
        /// Also deactivate managed configurations that the file no longer lists.
        #[arg(long)]
        prune: bool,
    },
    /// Write the account's active configurations as a file that `plan` reports as unchanged.
    #[command(after_help = "Exit status: 0 on success, 1 on any error.")]
    Export {
        /// How to key configurations that carry no `stripe_portal_key` yet (by default they are left out).
        #[arg(long, value_enum, value_name = "FROM")]
        key_from: Option<KeyFromArg>,
        /// Write to this file instead of standard output: JSON when it ends in .json (as `plan` reads
        /// it), TOML otherwise; --json needs a .json name.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Adopt a configuration made by hand: write KEY into its metadata.
    #[command(after_help = "Exit status: 0 on success, 1 on any error.")]
    Import {
        /// The key of the file's entry that is to manage the configuration.
        #[arg(long)]
        key: String,
        /// The configuration (bpc_…).
        #[arg(long)]
        id: String,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum KeyFromArg {
    /// The configuration's name, made key-safe.
    Name,
    /// The configuration's id.
    Id,
}

/// `plan` exits 2 when there are changes.
const CHANGES: u8 = 2;

/// Runs `stripe-portal config …`.
pub(crate) fn run(args: ConfigArgs) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return fail(&format!("cannot start the runtime: {error}")),
    };
    match runtime.block_on(execute(args)) {
        Ok(code) => code,
        Err(error) => fail(&error.to_string()),
    }
}

fn fail(message: &str) -> ExitCode {
    super::fail("config", message)
}

/// Writes `text` to standard output: a failure (a closed pipe, a full disk) is an error, not a panic.
fn print_out(text: &str) -> Result<(), ConfigError> {
    super::print_out(text).map_err(|source| ConfigError::Io { path: "standard output".into(), source })
}

fn client(common: &Common) -> Result<Client, ConfigError> {
    let key = match &common.api_key {
        Some(key) => key.clone(),
        None => std::env::var("STRIPE_SECRET_KEY")
            .map_err(|_| ConfigError::Plan("no API key: pass --api-key or set STRIPE_SECRET_KEY".into()))?,
    };
    let mut builder = Client::builder(key);
    if let Some(base) = &common.api_base {
        builder = builder.base_url(base);
    }
    Ok(builder.build()?)
}

fn target(common: &Common) -> Target {
    match &common.stripe_account {
        Some(account) => Target::new().stripe_account(account),
        None => Target::new(),
    }
}

async fn execute(args: ConfigArgs) -> Result<ExitCode, ConfigError> {
    let common = &args.common;
    match args.command {
        ConfigCommand::Plan { file, prune } => {
            // The file is read and checked before anything else: a bad file needs no key.
            let spec = config_as_code::load(&file)?;
            let plan =
                config_as_code::plan(&client(common)?, &target(common), &spec, PlanOptions::new().prune(prune)).await?;
            print_out(&if common.json { render::plan_json(&plan) + "\n" } else { render::plan_text(&plan) })?;
            Ok(if plan.has_changes() { ExitCode::from(CHANGES) } else { ExitCode::SUCCESS })
        }
        ConfigCommand::Apply { file, prune } => {
            let spec = config_as_code::load(&file)?;
            let client = client(common)?;
            let target = target(common);
            let plan = config_as_code::plan(&client, &target, &spec, PlanOptions::new().prune(prune)).await?;
            let report = config_as_code::apply(&client, &target, &plan).await;
            if common.json {
                print_out(&format!(
                    "{{\"plan\": {}, \"report\": {}}}\n",
                    render::plan_json(&plan),
                    render::report_json(&report)
                ))?;
            } else {
                print_out(&(render::plan_text(&plan) + &render::report_text(&report)))?;
            }
            Ok(if report.is_complete() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
        }
        ConfigCommand::Export { key_from, out } => {
            let key_from = match key_from {
                None => KeyFrom::Metadata,
                Some(KeyFromArg::Name) => KeyFrom::Name,
                Some(KeyFromArg::Id) => KeyFrom::Id,
            };
            // The file's format is the one `plan` reads it in: JSON for a `.json` file, TOML otherwise.
            let json = match out.as_deref() {
                Some(path) if common.json && Format::of(path) != Format::Json => {
                    return Err(ConfigError::Plan(format!(
                        "--json with --out {}: `plan` reads a file as JSON only when its name ends in .json; \
                         name it so, or leave out --json for TOML",
                        path.display()
                    )));
                }
                Some(path) => Format::of(path) == Format::Json,
                None => common.json,
            };
            let export = config_as_code::export(&client(common)?, &target(common), key_from).await?;
            let text = if json {
                serde_json::to_string_pretty(&export.spec).map_err(|err| ConfigError::Plan(err.to_string()))? + "\n"
            } else {
                export.to_toml()?
            };
            // Notes that cannot be written fail the command before anything is exported, as output does.
            for (id, name) in &export.skipped {
                let name = name.as_deref().map(|n| format!(" ({n:?})")).unwrap_or_default();
                writeln!(
                    std::io::stderr(),
                    "skipped {id}{name}: it carries no `{}`; adopt it with `stripe-portal config import --key KEY --id {id}`, or export with --key-from name",
                    config_as_code::METADATA_KEY
                )
                .map_err(|source| ConfigError::Io { path: "standard error".into(), source })?;
            }
            match out {
                Some(path) => write(&path, &text)?,
                None => print_out(&text)?,
            }
            Ok(ExitCode::SUCCESS)
        }
        ConfigCommand::Import { key, id } => {
            let configuration = config_as_code::import(&client(common)?, &target(common), &id, &key).await?;
            if common.json {
                print_out(&format!("{}\n", serde_json::json!({ "id": configuration.id, "key": key })))?;
            } else {
                print_out(&format!("{} is now managed as \"{key}\"\n", configuration.id))?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Replaces the file whole or not at all (see [`crate::atomic_file`]).
fn write(path: &Path, text: &str) -> Result<(), ConfigError> {
    crate::atomic_file::write(path, text.as_bytes())
        .map_err(|source| ConfigError::Io { path: path.display().to_string(), source })
}

#[cfg(test)]
mod tests {
    use super::super::Cli;
    use clap::Parser;

    #[test]
    fn debug_never_shows_the_key() {
        let key = "sk_test_debug_never_shows_4242";
        let cli = Cli::try_parse_from(["stripe-portal", "config", "plan", "portal.toml", "--api-key", key]).unwrap();
        let shown = format!("{cli:?}");
        assert!(!shown.contains(key) && shown.contains("api_key: Some(\"sk_test_********\")"), "{shown}");
        let cli = Cli::try_parse_from(["stripe-portal", "config", "export", "--api-key", "not a key"]).unwrap();
        let shown = format!("{cli:?}");
        assert!(!shown.contains("not a key") && shown.contains("api_key: Some(\"********\")"), "{shown}");
    }
}
