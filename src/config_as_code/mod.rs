//! Portal configurations as code: a file under version control is the truth; [`plan`] shows how
//! the account differs from it, [`apply`] makes the difference, [`export`] writes the account as
//! a file. Feature `config-as-code`; the `stripe-portal config` commands (feature `cli`) are a thin
//! layer over this module.
//!
//! # The file
//!
//! TOML (or JSON with the same structure): one `[[configuration]]` table per configuration, with a
//! stable `key` and every configuration parameter under Stripe's own name and nesting. A field
//! left out is not managed; `""` or `[]` clears a field. See [`spec`] for every field.
//!
//! ```toml
//! [[configuration]]
//! key = "self-serve"
//! name = "Self-serve customers"
//! default_return_url = "https://example.com/account"
//! business_profile = { headline = "Acme partners with Stripe" }
//!
//! [configuration.features]
//! invoice_history = { enabled = true }
//! payment_method_update = { enabled = true }
//! subscription_cancel = { enabled = true, mode = "at_period_end" }
//! ```
//!
//! # Identity
//!
//! A managed configuration carries its key in its metadata, under [`METADATA_KEY`]
//! (`stripe_portal_key`): that is how it is found again, on any run. A configuration made by
//! hand is adopted with [`import`] (or an entry's `id`), which writes the key. The entry with
//! `default = true` manages the account's default configuration (`is_default`), which the API can
//! update but not create, reassign or deactivate.
//!
//! # Export
//!
//! [`export`] writes the account's active configurations as a file that `plan` reports as
//! unchanged, and reads that file back as [`load`] does before giving it. The file only takes the
//! enum values this version of the crate knows (so that a typo is refused), while responses keep a
//! value Stripe added since as `Other`: a configuration holding one fails the export, naming it,
//! the field and the value (`cannot export bpc_… (key "gold"): features.subscription_cancel.mode:
//! unknown variant "later", …; this version of the crate does not know it: upgrade
//! stripe-billing-portal`), and nothing is written. `stripe-portal config export --out FILE` writes
//! JSON when FILE ends in `.json` and TOML otherwise, as `plan` reads it; `--json` with another
//! name is refused.
//!
//! # In Rust
//!
//! ```no_run
//! use stripe_billing_portal::config_as_code::{self, PlanOptions, Target};
//!
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), config_as_code::ConfigError> {
//! let spec = config_as_code::load("portal.toml")?;
//! let target = Target::new();
//! let plan = config_as_code::plan(&client, &target, &spec, PlanOptions::new()).await?;
//! print!("{}", config_as_code::render::plan_text(&plan));
//! if plan.has_changes() {
//!     let report = config_as_code::apply(&client, &target, &plan).await;
//!     if let Some((change, error)) = &report.failed {
//!         eprintln!("{change} failed: {error}");
//!     }
//! }
//! # Ok(()) }
//! ```

mod apply;
mod error;
mod export;
mod load;
mod params;
mod plan;
mod remote;
pub mod render;
pub mod spec;

pub use apply::{apply, Applied, ApplyReport};
pub use error::{ConfigError, FileError};
pub use export::{export, Export, KeyFrom};
pub use load::{load, parse, Format};
pub use plan::{plan, Action, ConfigurationPlan, FieldChange, Plan, PlanOptions};
pub use remote::Target;
pub use spec::Spec;

use crate::configurations::{Configuration, ConfigurationUpdateParams};
use crate::Client;

/// The metadata key that holds a managed configuration's key.
pub const METADATA_KEY: &str = "stripe_portal_key";

/// Adopts configuration `id` (`bpc_…`) under `key`: writes `key` into its metadata, so that the
/// file's entry with that key manages it from now on.
///
/// Refused when another configuration already carries `key`, or `id` carries another key.
pub async fn import(client: &Client, target: &Target, id: &str, key: &str) -> Result<Configuration, ConfigError> {
    let id = crate::leaf::ConfigurationId::parse(id).map_err(|err| ConfigError::Plan(format!("--id: {err}")))?;
    if !load::valid_key(key) {
        return Err(ConfigError::Plan(format!("--key: {key:?} must be 1 to 100 letters, digits, `-`, `_` or `.`")));
    }
    let live = remote::configurations(client, target).await?;
    let found = live
        .iter()
        .find(|c| c.id == id.as_str())
        .ok_or_else(|| ConfigError::Plan(format!("there is no configuration {id}")))?;
    if let Some(other) = live.iter().find(|c| export::managed_key(c) == Some(key) && c.id != found.id) {
        return Err(ConfigError::Plan(format!("the key \"{key}\" is already carried by {}", other.id)));
    }
    match export::managed_key(found) {
        Some(current) if current == key => return Ok(found.clone()),
        Some(current) => {
            return Err(ConfigError::Plan(format!("{id} already carries the key \"{current}\"")));
        }
        None => {}
    }
    let call = client
        .configurations()
        .update(id.as_str(), ConfigurationUpdateParams::new().metadata(METADATA_KEY, key))
        // With `updated`: importing again after the key was removed by hand is not a replay.
        .idempotency_key(format!("stripe-portal-config-import-{id}-{key}-{}", found.updated));
    Ok(target.on(call).send().await?)
}
