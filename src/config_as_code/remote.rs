//! The reads and writes against Stripe: configurations, feedback options, prices by lookup key.
//!
//! Prices have no typed calls in this crate yet: they go through [`Client::request`], with the
//! fields read from a price declared here.

use super::params::FeedbackIds;
use crate::client::list::List;
use crate::configurations::{Configuration, ConfigurationListParams};
use crate::feedback_options::{
    FeedbackOption, FeedbackOptionCreateParams, FeedbackOptionListParams, FeedbackOptionStatus,
};
use crate::wire::expandable::Object;
use crate::{Call, Client, Error, Method};
use futures_util::TryStreamExt;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;

/// Where calls go: the account (Connect) they act on.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Target {
    /// `Stripe-Account`: act on this connected account.
    pub stripe_account: Option<String>,
}

impl Target {
    /// The platform's own account.
    pub fn new() -> Self {
        Self::default()
    }

    /// A connected account (`acct_…`).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    pub(crate) fn on<P: serde::Serialize, T: serde::de::DeserializeOwned>(&self, call: Call<P, T>) -> Call<P, T> {
        match &self.stripe_account {
            Some(account) => call.stripe_account(account),
            None => call,
        }
    }
}

/// Every configuration of the account, newest first.
pub(crate) async fn configurations(client: &Client, target: &Target) -> Result<Vec<Configuration>, Error> {
    let call = client.configurations().list(ConfigurationListParams::new().limit(100));
    target.on(call).paginate().try_collect().await
}

/// The account's feedback options as the file names them, read by [`feedback_options`].
#[derive(Clone, Debug, Default)]
pub(crate) struct FeedbackOptions {
    /// Every option's description by id, active or not: how a live configuration's options are written.
    pub(crate) names: BTreeMap<String, String>,
    /// The active options by description (of two with one description, the older): what an entry's
    /// descriptions resolve to.
    pub(crate) active: FeedbackIds,
}

/// The account's feedback options (every page, 100 a page, as for configurations), read only when
/// they are needed: when `named_in_file` or a `live` configuration uses feedback options.
pub(crate) async fn feedback_options(
    client: &Client,
    target: &Target,
    live: &[Configuration],
    named_in_file: bool,
) -> Result<FeedbackOptions, Error> {
    if !named_in_file && !live.iter().any(has_feedback_options) {
        return Ok(FeedbackOptions::default());
    }
    let call = client.feedback_options().list(FeedbackOptionListParams::new().limit(100));
    let options: Vec<FeedbackOption> = target.on(call).paginate().try_collect().await?;
    let mut active = FeedbackIds::new();
    // Oldest first, so that of two active options with one description the older one is used.
    for option in options.iter().rev().filter(|o| o.status == FeedbackOptionStatus::Active) {
        active.entry(option.description.clone()).or_insert_with(|| option.id.clone());
    }
    let names = options.into_iter().map(|o| (o.id, o.description)).collect();
    Ok(FeedbackOptions { names, active })
}

/// Whether a live configuration's cancellation reason names any feedback option.
fn has_feedback_options(configuration: &Configuration) -> bool {
    configuration
        .features
        .subscription_cancel
        .as_ref()
        .and_then(|f| f.cancellation_reason.feedback_options.as_ref())
        .is_some_and(|options| !options.is_empty())
}

/// Creates a feedback option; the same `idempotency_key` never creates two.
pub(crate) async fn create_feedback_option(
    client: &Client,
    target: &Target,
    description: &str,
    idempotency_key: String,
) -> Result<FeedbackOption, Error> {
    let call = client.feedback_options().create(FeedbackOptionCreateParams::new(description));
    target.on(call).idempotency_key(idempotency_key).send().await
}

/// The fields of a price read here.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct Price {
    pub(crate) id: String,
    pub(crate) product: String,
    #[serde(default)]
    pub(crate) lookup_key: Option<String>,
}

impl Object for Price {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Stripe takes at most this many `lookup_keys` per price list request.
const LOOKUP_KEYS_PER_REQUEST: usize = 10;

/// The prices carrying these lookup keys (those found).
pub(crate) async fn prices_by_lookup_key(
    client: &Client,
    target: &Target,
    keys: &[String],
) -> Result<Vec<Price>, Error> {
    let mut prices = Vec::new();
    for chunk in keys.chunks(LOOKUP_KEYS_PER_REQUEST) {
        let params = json!({ "lookup_keys": chunk, "limit": 100 });
        let call = client.request::<List<Price>>(Method::GET, "/v1/prices", &params);
        let page: Vec<Price> = target.on(call).paginate().try_collect().await?;
        prices.extend(page);
    }
    Ok(prices)
}
