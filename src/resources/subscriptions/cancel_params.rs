//! The params of `DELETE /v1/subscriptions/{id}`.

use super::update_params::CancellationDetails;
use crate::leaf::Text;
use crate::resources::builders::setters;
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

    setters! {
        /// `cancellation_details`: why it is cancelled.
        fn cancellation_details(details: CancellationDetails) { cancellation_details = Some(details) }

        /// `invoice_now`: make a final invoice now for pending usage and prorations.
        fn invoice_now(invoice_now: bool) { invoice_now = Some(invoice_now) }

        /// `prorate`: credit the unused part of the period (a proration item).
        fn prorate(prorate: bool) { prorate = Some(prorate) }

        /// `expand[N]`: also return this related object in full (e.g. `latest_invoice`).
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }
}
