//! [`plan`]: the difference between a file and the account, as field paths.
//!
//! Both sides are brought to one form, the file's ([`ConfigurationSpec`]): the live configuration
//! through the same conversion `export` uses, the file's entry with its lookup keys resolved and
//! its key written into the metadata. Each field the entry sets is then compared with the live
//! one; a field the entry leaves out is not compared. Lists (products, options) are compared whole.

use super::export::{canonical, managed_key, spec_of};
use super::params::{self, FeedbackIds};
use super::remote::{self, Target};
use super::spec::{ConfigurationSpec, Spec};
use super::{ConfigError, METADATA_KEY};
use crate::configurations::Configuration;
use crate::leaf::Id;
use crate::{Client, Emptyable};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// What [`plan`] does besides comparing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct PlanOptions {
    /// Also deactivate the managed configurations (those carrying a key) that the file no longer lists.
    pub prune: bool,
}

impl PlanOptions {
    /// Compare only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Deactivate managed configurations missing from the file.
    pub fn prune(mut self, prune: bool) -> Self {
        self.prune = prune;
        self
    }
}

/// What happens to one configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Action {
    /// It does not exist yet: it is created.
    Create,
    /// It exists and differs: the changed fields are sent.
    Update,
    /// It exists as the file says.
    NoChanges,
    /// It is managed but no longer in the file: it is deactivated (`--prune`).
    Deactivate,
}

/// One changed field: its path in the file's terms, the live value and the wanted one.
///
/// Values are JSON; `null` is an unset value. A new value of `""` or `[]` is a clear.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct FieldChange {
    /// `features.subscription_cancel.mode`, `metadata.tier`, …
    pub path: String,
    /// The live value (`null` when unset).
    pub old: Value,
    /// The wanted value (`""` or `[]` to clear).
    pub new: Value,
}

impl FieldChange {
    /// Whether the change clears the field.
    pub fn is_clear(&self) -> bool {
        is_empty(&self.new)
    }
}

/// The plan for one configuration.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ConfigurationPlan {
    /// The entry's key (for a deactivation: the key the configuration carries).
    pub key: String,
    /// The configuration (`bpc_…`), unless it is to be created.
    pub id: Option<String>,
    /// Whether the entry manages the account's default configuration.
    pub default: bool,
    /// What happens.
    pub action: Action,
    /// The fields that change (for a create: every field set).
    pub changes: Vec<FieldChange>,
    /// The entry as it will be sent, resolved (for a create or update).
    #[serde(skip)]
    pub(crate) desired: Option<ConfigurationSpec>,
    /// The live configuration's `updated` (for a create: the latest of the account's), part of the
    /// idempotency key of the change.
    #[serde(skip)]
    pub(crate) live_updated: Option<i64>,
}

/// The plan for a whole file: feedback options to create, then each configuration.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Plan {
    /// Feedback options a create or a changed list names by description that have no active option
    /// yet: created first.
    pub create_feedback_options: Vec<String>,
    /// One per entry of the file, in its order, then the deactivations.
    pub configurations: Vec<ConfigurationPlan>,
    /// The active feedback options by description.
    #[serde(skip)]
    pub(crate) feedback: FeedbackIds,
    /// Every feedback option's description by id, active or not.
    #[serde(skip)]
    pub(crate) feedback_names: BTreeMap<String, String>,
}

impl Plan {
    /// Whether applying would change anything.
    pub fn has_changes(&self) -> bool {
        !self.create_feedback_options.is_empty() || self.configurations.iter().any(|c| c.action != Action::NoChanges)
    }

    /// How many configurations get each action: `(create, update, no changes, deactivate)`.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let count = |action| self.configurations.iter().filter(|c| c.action == action).count();
        (count(Action::Create), count(Action::Update), count(Action::NoChanges), count(Action::Deactivate))
    }
}

/// Compares `spec` with the account's configurations (every page) and says what `apply` would do.
///
/// Reads only: configurations, feedback options (when the file or a configuration uses them), and
/// prices by lookup key. Fails when the file cannot be applied to this account: no default
/// configuration for a `default = true` entry, a lookup key no price carries, two active
/// configurations carrying one key, an `id` to adopt that does not exist, or a configuration to
/// create that the API would refuse.
pub async fn plan(client: &Client, target: &Target, spec: &Spec, options: PlanOptions) -> Result<Plan, ConfigError> {
    let live = remote::configurations(client, target).await?;
    let named_in_file = spec.configurations.iter().any(|c| !c.feedback_descriptions().is_empty());
    let feedback = remote::feedback_options(client, target, &live, named_in_file).await?;
    let prices = resolve_lookup_keys(client, target, spec).await?;
    compare(spec, &live, &feedback.names, feedback.active, &prices, options)
}

/// `(price id, product id)` by lookup key.
type Prices = BTreeMap<String, (String, String)>;

async fn resolve_lookup_keys(client: &Client, target: &Target, spec: &Spec) -> Result<Prices, ConfigError> {
    let keys: BTreeSet<String> = spec
        .configurations
        .iter()
        .filter_map(|c| c.features.subscription_update.as_ref()?.products.as_set())
        .flatten()
        .flat_map(|p| p.lookup_keys.iter().cloned())
        .collect();
    if keys.is_empty() {
        return Ok(Prices::new());
    }
    let keys: Vec<String> = keys.into_iter().collect();
    let found = remote::prices_by_lookup_key(client, target, &keys).await?;
    Ok(found.into_iter().filter_map(|p| Some((p.lookup_key?, (p.id, p.product)))).collect())
}

/// The pure part of [`plan`]: matching and comparing, given what was read.
fn compare(
    spec: &Spec,
    live: &[Configuration],
    feedback_names: &BTreeMap<String, String>,
    feedback: FeedbackIds,
    prices: &Prices,
    options: PlanOptions,
) -> Result<Plan, ConfigError> {
    let has_default_entry = spec.configurations.iter().any(|c| c.default);
    let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
    let mut plan = Plan { feedback, feedback_names: feedback_names.clone(), ..Plan::default() };
    let mut to_create = BTreeSet::new();
    for entry in &spec.configurations {
        let target = find(entry, live, has_default_entry)?;
        if let Some(found) = target {
            if let Some(other) = claimed.insert(found.id.as_str(), entry.key.as_str()) {
                return Err(ConfigError::Plan(format!(
                    "configurations \"{other}\" and \"{}\" both match {}",
                    entry.key, found.id
                )));
            }
        }
        let desired = resolve(entry, prices)?;
        let desired_view = view(&desired, true);
        let (action, changes) = match target {
            None => {
                check_create(&desired, &plan.feedback)?;
                let mut changes = Vec::new();
                diff("", &without_clears(&desired_view), &Value::Null, &mut changes);
                (Action::Create, changes)
            }
            Some(found) => {
                let mut changes = Vec::new();
                diff("", &desired_view, &view(&spec_of_live(found, feedback_names), found.active), &mut changes);
                (if changes.is_empty() { Action::NoChanges } else { Action::Update }, changes)
            }
        };
        // The options to create are those a create or a changed list sends: not one that a
        // configuration already offers, deactivated since.
        if action == Action::Create || changes.iter().any(|c| c.path == FEEDBACK_OPTIONS_PATH) {
            for description in desired.feedback_descriptions() {
                if !plan.feedback.contains_key(description) {
                    to_create.insert(description.clone());
                }
            }
        }
        plan.configurations.push(ConfigurationPlan {
            key: entry.key.clone(),
            id: target.map(|c| c.id.clone()),
            default: entry.default,
            action,
            changes,
            desired: Some(desired),
            // For a create, the account's latest change: a create after a configuration lost its key
            // by hand is not answered with the first create.
            live_updated: target.or_else(|| live.iter().max_by_key(|c| c.updated)).map(|c| c.updated),
        });
    }
    plan.create_feedback_options = to_create.into_iter().collect();
    if options.prune {
        for configuration in live.iter().rev() {
            let Some(key) = managed_key(configuration) else { continue };
            if configuration.active && !configuration.is_default && !claimed.contains_key(configuration.id.as_str()) {
                plan.configurations.push(ConfigurationPlan {
                    key: key.to_owned(),
                    id: Some(configuration.id.clone()),
                    default: false,
                    action: Action::Deactivate,
                    changes: vec![FieldChange {
                        path: "active".into(),
                        old: Value::Bool(true),
                        new: Value::Bool(false),
                    }],
                    desired: None,
                    live_updated: Some(configuration.updated),
                });
            }
        }
    }
    Ok(plan)
}

fn spec_of_live(configuration: &Configuration, feedback_names: &BTreeMap<String, String>) -> ConfigurationSpec {
    let mut spec = spec_of(configuration, feedback_names);
    if let Some(key) = managed_key(configuration) {
        spec.metadata.insert(METADATA_KEY.to_owned(), key.to_owned());
    }
    spec
}

/// The live configuration an entry manages, if it exists.
fn find<'a>(
    entry: &ConfigurationSpec,
    live: &'a [Configuration],
    has_default_entry: bool,
) -> Result<Option<&'a Configuration>, ConfigError> {
    if entry.default {
        return live.iter().find(|c| c.is_default).map(Some).ok_or_else(|| {
            ConfigError::Plan(format!(
                "configuration \"{}\" is marked `default = true`, but the account has no default configuration \
                 (Stripe's API cannot create one: save the portal settings once in the Dashboard)",
                entry.key
            ))
        });
    }
    let carrying: Vec<&Configuration> = live
        .iter()
        .filter(|c| managed_key(c) == Some(entry.key.as_str()) && !(has_default_entry && c.is_default))
        .collect();
    let active: Vec<&&Configuration> = carrying.iter().filter(|c| c.active).collect();
    if active.len() > 1 {
        let ids: Vec<&str> = active.iter().map(|c| c.id.as_str()).collect();
        return Err(ConfigError::Plan(format!(
            "configurations {} all carry the key \"{}\"; deactivate all but one, or remove `{METADATA_KEY}` from their metadata",
            ids.join(", "),
            entry.key
        )));
    }
    if let Some(found) = active.first().or(carrying.first().as_ref()) {
        return Ok(Some(found));
    }
    let Some(id) = &entry.id else { return Ok(None) };
    let found = live.iter().find(|c| c.id == id.as_str()).ok_or_else(|| {
        ConfigError::Plan(format!("configuration \"{}\": there is no configuration {id} to adopt", entry.key))
    })?;
    if let Some(other) = managed_key(found) {
        return Err(ConfigError::Plan(format!(
            "configuration \"{}\": {id} already carries the key \"{other}\"",
            entry.key
        )));
    }
    Ok(Some(found))
}

/// The entry as it will be sent: lookup keys resolved to prices, the key in the metadata, canonical.
fn resolve(entry: &ConfigurationSpec, prices: &Prices) -> Result<ConfigurationSpec, ConfigError> {
    let mut desired = entry.clone();
    if !desired.default {
        desired.metadata.insert(METADATA_KEY.to_owned(), desired.key.clone());
    }
    if let Some(Emptyable::Set(products)) = desired.features.subscription_update.as_mut().map(|f| &mut f.products) {
        for (i, product) in products.iter_mut().enumerate() {
            for lookup_key in std::mem::take(&mut product.lookup_keys) {
                let Some((price, owner)) = prices.get(&lookup_key) else {
                    return Err(ConfigError::Plan(format!(
                        "configuration \"{}\": features.subscription_update.products[{i}]: no price has the lookup key {lookup_key:?}",
                        entry.key
                    )));
                };
                match &product.product {
                    Some(named) if named.as_str() != owner => {
                        return Err(ConfigError::Plan(format!(
                        "configuration \"{}\": features.subscription_update.products[{i}]: the price with lookup key \
                             {lookup_key:?} ({price}) belongs to {owner}, not {named}",
                        entry.key
                    )))
                    }
                    Some(_) => {}
                    None => product.product = Some(Id::from(owner.as_str())),
                }
                product.prices.push(Id::from(price.as_str()));
            }
        }
    }
    canonical(&mut desired);
    Ok(desired)
}

/// Runs the API's create rules now, so that a plan that would fail half-way is refused whole.
fn check_create(desired: &ConfigurationSpec, feedback: &FeedbackIds) -> Result<(), ConfigError> {
    let fail = |field: String, message: String| {
        ConfigError::Plan(format!("configuration \"{}\": {field}: {message}", desired.key))
    };
    let mut feedback = feedback.clone();
    for description in desired.feedback_descriptions() {
        feedback.entry(description.clone()).or_insert_with(|| params::PLACEHOLDER_ID.to_owned());
    }
    let params = params::create_params(&without_clears_spec(desired), &feedback)
        .and_then(|params| crate::form::to_string(&params).map_err(crate::Error::from));
    // (A table with nothing set in it is refused there too: Stripe requires `features`.)
    params.map(drop).map_err(|err| match super::load::api_problem(&err) {
        Some((field, message)) => fail(field, message),
        None => ConfigError::Stripe(err),
    })
}

/// The entry as compared: the file's fields, with `active` (a managed configuration is active).
fn view(spec: &ConfigurationSpec, active: bool) -> Value {
    let mut value = serde_json::to_value(spec).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        for field in ["key", "default", "id"] {
            map.remove(field);
        }
        map.insert("active".into(), Value::Bool(active));
    }
    value
}

/// `null`, `""` and `[]` all mean "empty".
fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Every field of `desired` (objects are walked, anything else is one field) that differs from `live`.
fn diff(path: &str, desired: &Value, live: &Value, out: &mut Vec<FieldChange>) {
    match desired {
        Value::Object(fields) => {
            for (key, value) in fields {
                diff(&join(path, key), value, live.get(key).unwrap_or(&Value::Null), out);
            }
        }
        _ => {
            if desired != live && !(is_empty(desired) && is_empty(live)) {
                out.push(FieldChange { path: path.to_owned(), old: live.clone(), new: desired.clone() });
            }
        }
    }
}

/// The value with every empty field removed (a new configuration has them empty already).
fn without_clears(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, v)| !is_empty(v))
                .map(|(k, v)| (k.clone(), without_clears(v)))
                .collect::<Map<String, Value>>(),
        ),
        other => other.clone(),
    }
}

/// Reads a file-shaped JSON value back as an entry.
fn from_view(key: &str, mut value: Value) -> ConfigurationSpec {
    if let Value::Object(map) = &mut value {
        map.remove("active");
        map.insert("key".into(), Value::String(key.to_owned()));
    }
    // The value was written from a valid entry; reading it back cannot fail.
    serde_json::from_value(value).unwrap_or_default()
}

/// The entry to create: its clears left out.
pub(crate) fn without_clears_spec(spec: &ConfigurationSpec) -> ConfigurationSpec {
    from_view(&spec.key, without_clears(&view(spec, true)))
}

/// The path of the feedback options a cancellation reason offers (compared as one list).
const FEEDBACK_OPTIONS_PATH: &str = "features.subscription_cancel.cancellation_reason.feedback_options";

/// The fields Stripe needs alongside a changed sibling: `(parent, field)`.
const REQUIRED_SIBLINGS: [(&str, &str); 3] = [
    ("features.payment_method_update", "enabled"),
    ("features.subscription_cancel.cancellation_reason", "enabled"),
    ("features.subscription_pause.duration", "type"),
];

/// The entry to send as an update: the changed fields only, with the siblings Stripe requires,
/// and whether `active` changes.
pub(crate) fn minimal_update(plan: &ConfigurationPlan) -> (ConfigurationSpec, bool) {
    let Some(desired) = &plan.desired else { return (ConfigurationSpec::default(), false) };
    let full = view(desired, true);
    let mut paths: BTreeSet<String> = plan.changes.iter().map(|c| c.path.clone()).collect();
    for change in &plan.changes {
        for (parent, field) in REQUIRED_SIBLINGS {
            if change.path.starts_with(&format!("{parent}.")) {
                paths.insert(format!("{parent}.{field}"));
            }
        }
    }
    let mut masked = Value::Object(Map::new());
    for path in &paths {
        let parts: Vec<&str> = path.split('.').collect();
        if let Some(value) = lookup(&full, &parts) {
            insert(&mut masked, &parts, value.clone());
        }
    }
    let activates = paths.contains("active");
    (from_view(&desired.key, masked), activates)
}

/// The value at `parts` in `value`. Metadata keys may hold dots: the rest of the path is then
/// one key.
fn lookup<'v>(value: &'v Value, parts: &[&str]) -> Option<&'v Value> {
    let (first, rest) = parts.split_first()?;
    if *first == "metadata" {
        return value.get("metadata")?.get(rest.join("."));
    }
    let next = value.get(*first)?;
    if rest.is_empty() {
        Some(next)
    } else {
        lookup(next, rest)
    }
}

fn insert(target: &mut Value, parts: &[&str], value: Value) {
    let Some((first, rest)) = parts.split_first() else { return };
    let Value::Object(map) = target else { return };
    if *first == "metadata" {
        let metadata = map.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(metadata) = metadata {
            metadata.insert(rest.join("."), value);
        }
        return;
    }
    if rest.is_empty() {
        map.insert((*first).to_owned(), value);
    } else {
        let next = map.entry(*first).or_insert_with(|| Value::Object(Map::new()));
        insert(next, rest, value);
    }
}

#[cfg(test)]
mod tests;
