//! The reads and writes against Stripe: configurations, feedback options, prices by lookup key.
//!
//! Prices have no typed calls in this crate yet: they go through [`Client::request`], with the
//! fields read from a price declared here.

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

/// Every feedback option, active or not (100 a page, as for configurations).
pub(crate) async fn feedback_options(client: &Client, target: &Target) -> Result<Vec<FeedbackOption>, Error> {
    let call = client.feedback_options().list(FeedbackOptionListParams::new().limit(100));
    target.on(call).paginate().try_collect().await
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

/// Whether an option can be used in a configuration.
pub(crate) fn is_active(option: &FeedbackOption) -> bool {
    option.status == FeedbackOptionStatus::Active
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
