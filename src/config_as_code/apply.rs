//! [`apply`]: carries out a [`Plan`], one request per change, each with its own idempotency key.
//!
//! The key of a change is derived from what the change is: the account, the configuration (its
//! key and the latest `updated` of the account's configurations for a create; its id and live
//! `updated` for an update or deactivation) and the exact form body; for a feedback option, its
//! description and the options that had it. Running the same plan again after a crash sends the same keys, so Stripe answers with
//! the first result instead of creating a second configuration; a fresh plan after a partial
//! apply only holds the changes still missing, so a second `apply` converges.
//!
//! Stripe keeps an idempotency key for 24 hours. Because an update's key includes the live
//! `updated` time (in seconds), making the very same change from the very same state twice within
//! one second (A → B, back to A, and to B again) would be answered with the first result; the
//! next `plan` then still shows the change, and the next `apply` makes it.

use super::params::{create_params, update_params};
use super::plan::{minimal_update, without_clears_spec, Action, ConfigurationPlan, Plan};
use super::remote::{self, Target};
use super::ConfigError;
use crate::configurations::ConfigurationUpdateParams;
use crate::{form, Client};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// One change that was made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Applied {
    /// What was done: `create configuration "gold"`, `create feedback option "Too slow"`, …
    pub change: String,
    /// The object created or changed.
    pub id: String,
}

/// What [`apply`] did: the changes made, the one that failed (if any) and those not tried.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ApplyReport {
    /// The changes made, in order.
    pub applied: Vec<Applied>,
    /// The change that failed, and why. Nothing after it was tried.
    pub failed: Option<(String, ConfigError)>,
    /// The changes not tried because an earlier one failed.
    pub not_applied: Vec<String>,
}

impl ApplyReport {
    /// Whether every change was made.
    pub fn is_complete(&self) -> bool {
        self.failed.is_none()
    }
}

/// The deterministic idempotency key of one change.
fn idempotency_key(kind: &str, parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    let digest = hash.finalize();
    let hex: String = digest.iter().take(20).map(|b| format!("{b:02x}")).collect();
    format!("stripe-portal-config-{kind}-{hex}")
}

/// A change that can be made.
enum Step<'p> {
    FeedbackOption(&'p str),
    Configuration(&'p ConfigurationPlan),
}

impl Step<'_> {
    fn describe(&self) -> String {
        match self {
            Step::FeedbackOption(description) => format!("create feedback option {description:?}"),
            Step::Configuration(c) => {
                let verb = match c.action {
                    Action::Create => "create",
                    Action::Update => "update",
                    Action::Deactivate => "deactivate",
                    Action::NoChanges => "keep",
                };
                match &c.id {
                    Some(id) => format!("{verb} configuration \"{}\" ({id})", c.key),
                    None => format!("{verb} configuration \"{}\"", c.key),
                }
            }
        }
    }
}

/// Makes the changes of `plan`, in order: feedback options, then configurations (creates and
/// updates in the file's order), then deactivations. Sends only the changed fields. Stops at the
/// first failure; the report says what was applied and what was not.
pub async fn apply(client: &Client, target: &Target, plan: &Plan) -> ApplyReport {
    let steps: Vec<Step<'_>> = plan
        .create_feedback_options
        .iter()
        .map(|d| Step::FeedbackOption(d))
        .chain(plan.configurations.iter().filter(|c| c.action != Action::NoChanges).map(Step::Configuration))
        .collect();
    let mut feedback = plan.feedback.clone();
    let account = target.stripe_account.as_deref().unwrap_or_default();
    let mut report = ApplyReport::default();
    for (i, step) in steps.iter().enumerate() {
        let outcome = match step {
            Step::FeedbackOption(description) => {
                // With the options that had the description (deactivated since): making it again
                // is not answered with one of them.
                let mut parts = vec![account, *description];
                let had = plan.feedback_names.iter().filter(|(_, had)| had.as_str() == *description);
                parts.extend(had.map(|(id, _)| id.as_str()));
                let key = idempotency_key("feedback-option", &parts);
                remote::create_feedback_option(client, target, description, key).await.map_err(ConfigError::from).map(
                    |option| {
                        feedback.insert((*description).to_owned(), option.id.clone());
                        option.id
                    },
                )
            }
            Step::Configuration(change) => configuration(client, target, account, change, &feedback).await,
        };
        match outcome {
            Ok(id) => report.applied.push(Applied { change: step.describe(), id }),
            Err(err) => {
                report.failed = Some((step.describe(), err));
                report.not_applied = steps[i + 1..].iter().map(Step::describe).collect();
                break;
            }
        }
    }
    report
}

async fn configuration(
    client: &Client,
    target: &Target,
    account: &str,
    change: &ConfigurationPlan,
    feedback: &super::params::FeedbackIds,
) -> Result<String, ConfigError> {
    let updated = change.live_updated.unwrap_or_default().to_string();
    match (change.action, &change.id, &change.desired) {
        (Action::Create, _, Some(desired)) => {
            let params = create_params(&without_clears_spec(desired), feedback)?;
            let body = form::to_string(&params).map_err(crate::Error::from)?;
            let key = idempotency_key("create", &[account, &change.key, &updated, &body]);
            let call = client.configurations().create(params).idempotency_key(key);
            Ok(target.on(call).send().await?.id)
        }
        (Action::Update, Some(id), Some(_)) => {
            let (minimal, activates) = minimal_update(change);
            let mut params = update_params(&minimal, feedback)?;
            if activates {
                params = params.active(true);
            }
            send_update(client, target, account, id, &updated, params).await
        }
        (Action::Deactivate, Some(id), _) => {
            send_update(client, target, account, id, &updated, ConfigurationUpdateParams::new().active(false)).await
        }
        _ => Err(ConfigError::Plan(format!("configuration \"{}\": nothing to apply", change.key))),
    }
}

async fn send_update(
    client: &Client,
    target: &Target,
    account: &str,
    id: &str,
    updated: &str,
    params: ConfigurationUpdateParams,
) -> Result<String, ConfigError> {
    let body = form::to_string(&params).map_err(crate::Error::from)?;
    let key = idempotency_key("update", &[account, id, updated, &body]);
    let call = client.configurations().update(id, params).idempotency_key(key);
    Ok(target.on(call).send().await?.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idempotency_keys_follow_the_content() {
        let a = idempotency_key("create", &["", "gold", "name=Gold"]);
        assert_eq!(a, idempotency_key("create", &["", "gold", "name=Gold"]));
        assert_ne!(a, idempotency_key("create", &["", "gold", "name=Gold+2"]));
        assert_ne!(a, idempotency_key("create", &["acct_1", "gold", "name=Gold"]));
        // Parts are separated: moving a boundary changes the key.
        assert_ne!(idempotency_key("x", &["ab", "c"]), idempotency_key("x", &["a", "bc"]));
        assert!(a.len() <= crate::MAX_IDEMPOTENCY_KEY_LEN);
    }
}
