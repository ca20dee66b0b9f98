//! The reads and writes against Stripe: configurations, feedback options, prices by lookup key.
//!
//! Feedback options and prices have no typed calls in this crate yet, so their small params and
//! the fields read from their objects are declared here, sent through the same [`Call`] pipeline.

use crate::client::call::{Call, Endpoint};
use crate::client::list::{List, PageParams, Paging};
use crate::configurations::{Configuration, ConfigurationListParams};
use crate::wire::expandable::Object;
use crate::{Client, Error, Params};
use futures_util::TryStreamExt;
use serde::{Deserialize, Serialize};

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

    pub(crate) fn on<P: Params, T: serde::de::DeserializeOwned>(&self, call: Call<P, T>) -> Call<P, T> {
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

/// The fields of a `billing.feedback_option` read here.
#[derive(Clone, Debug, Deserialize)]
pub(crate) struct FeedbackOption {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) description: String,
    #[serde(default)]
    pub(crate) status: Option<String>,
}

impl FeedbackOption {
    pub(crate) fn is_active(&self) -> bool {
        self.status.as_deref().is_none_or(|status| status == "active")
    }
}

impl Object for FeedbackOption {
    fn id(&self) -> &str {
        &self.id
    }
}

const FEEDBACK_OPTIONS: &str = "/v1/billing/feedback_options";

/// The params of the two lists read here: paging, and `lookup_keys` for prices.
#[derive(Clone, Debug, Default, Serialize)]
struct ListParams {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lookup_keys: Vec<String>,
    limit: Option<u8>,
    starting_after: Option<String>,
    ending_before: Option<String>,
}

impl Params for ListParams {}

impl PageParams for ListParams {
    fn paging(&mut self) -> Paging<'_> {
        Paging {
            limit: &mut self.limit,
            starting_after: &mut self.starting_after,
            ending_before: &mut self.ending_before,
        }
    }
}

/// Every feedback option, active or not.
pub(crate) async fn feedback_options(client: &Client, target: &Target) -> Result<Vec<FeedbackOption>, Error> {
    let params = ListParams { limit: Some(100), ..ListParams::default() };
    let call: Call<ListParams, List<FeedbackOption>> = Call::new(client, Endpoint::get(FEEDBACK_OPTIONS), params);
    target.on(call).paginate().try_collect().await
}

#[derive(Clone, Debug, Serialize)]
struct FeedbackOptionCreate<'a> {
    description: &'a str,
}

impl Params for FeedbackOptionCreate<'_> {}

/// Creates a feedback option; the same `idempotency_key` never creates two.
pub(crate) async fn create_feedback_option(
    client: &Client,
    target: &Target,
    description: &str,
    idempotency_key: String,
) -> Result<FeedbackOption, Error> {
    let call: Call<_, FeedbackOption> =
        Call::new(client, Endpoint::post(FEEDBACK_OPTIONS), FeedbackOptionCreate { description });
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
        let params = ListParams { lookup_keys: chunk.to_vec(), limit: Some(100), ..ListParams::default() };
        let call: Call<_, List<Price>> = Call::new(client, Endpoint::get("/v1/prices"), params);
        let page: Vec<Price> = target.on(call).paginate().try_collect().await?;
        prices.extend(page);
    }
    Ok(prices)
}
