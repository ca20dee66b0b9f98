//! The params of `DELETE /v1/subscriptions/{id}`.

use super::update_params::CancellationDetails;
use crate::leaf::Text;
use serde::Serialize;

/// The params of `DELETE /v1/subscriptions/{id}`: cancel now. Sent in the query string, as the
/// official SDKs send the params of a `DELETE`.
///
/// ```
/// use stripe_billing_portal::configurations::CancellationReasonOption;
/// use stripe_billing_portal::subscriptions::{CancellationDetails, SubscriptionCancelParams};
///
/// let params = SubscriptionCancelParams::new()
///     .cancellation_details(CancellationDetails::new().feedback(CancellationReasonOption::Unused))
///     .invoice_now(true)
///     .prorate(true);
/// assert_eq!(
///     stripe_billing_portal::form::to_string(&params)?,
///     "cancellation_details[feedback]=unused&invoice_now=true&prorate=true"
/// );
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SubscriptionCancelParams {
    cancellation_details: Option<CancellationDetails>,
    invoice_now: Option<bool>,
    prorate: Option<bool>,
    expand: Vec<Text>,
}

impl SubscriptionCancelParams {
    /// Cancel with Stripe's defaults: no final invoice, no proration.
    pub fn new() -> Self {
        Self::default()
    }

    /// `cancellation_details`: why it is cancelled.
    pub fn cancellation_details(mut self, details: CancellationDetails) -> Self {
        self.cancellation_details = Some(details);
        self
    }

    /// `invoice_now`: make a final invoice now for pending usage and prorations.
    pub fn invoice_now(mut self, invoice_now: bool) -> Self {
        self.invoice_now = Some(invoice_now);
        self
    }

    /// `prorate`: credit the unused part of the period (a proration item).
    pub fn prorate(mut self, prorate: bool) -> Self {
        self.prorate = Some(prorate);
        self
    }

    /// `expand[N]`: also return this related object in full (e.g. `latest_invoice`).
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(Text::from(field.into()));
        self
    }
}
