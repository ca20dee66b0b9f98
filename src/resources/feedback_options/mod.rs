//! Billing feedback options: `/v1/billing/feedback_options` (new in API `2026-10-28.endive`).
//!
//! Reusable cancellation-feedback choices. A portal configuration lists the ones it offers under
//! `features[subscription_cancel][cancellation_reason][feedback_options]`
//! (`CancellationReason::feedback_options` in module `configurations`),
//! and a subscription cancelled with one points to it from `cancellation_details.feedback_option`.
//!
//! | call | method and path | params |
//! |---|---|---|
//! | [`FeedbackOptions::create`] | `POST /v1/billing/feedback_options` | [`FeedbackOptionCreateParams`] (form body) |
//! | [`FeedbackOptions::retrieve`] | `GET /v1/billing/feedback_options/{id}` | `expand` via [`Call::expand`] (query string) |
//! | [`FeedbackOptions::update`] | `POST /v1/billing/feedback_options/{id}` | [`FeedbackOptionUpdateParams`] (form body) |
//! | [`FeedbackOptions::list`] | `GET /v1/billing/feedback_options` | [`FeedbackOptionListParams`] (query string); see [`Call::paginate`] |
//! | [`FeedbackOptions::deactivate`] | `POST /v1/billing/feedback_options/{id}/deactivate` | `expand` via [`Call::expand`] (form body) |
//!
//! ```no_run
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! use stripe_billing_portal::configurations::{CancellationReason, CancellationReasonOption};
//! use stripe_billing_portal::feedback_options::{FeedbackOptionCreateParams, FeedbackOptionListParams, FeedbackOptionStatus};
//!
//! let option = client.feedback_options().create(FeedbackOptionCreateParams::new("Too expensive for my team")).send().await?;
//!
//! // Offer it in a configuration's cancellation survey.
//! let reason = CancellationReason::new(true)
//!     .options([CancellationReasonOption::TooExpensive])
//!     .feedback_options(vec![option.id.clone()]);
//!
//! // Every active option, page after page.
//! let active = client
//!     .feedback_options()
//!     .list(FeedbackOptionListParams::new().status(FeedbackOptionStatus::Active))
//!     .collect_at_most(100)
//!     .await?;
//!
//! // Retire it: configurations can no longer offer it.
//! let retired = client.feedback_options().deactivate(&option.id).send().await?;
//! assert_eq!(retired.status, FeedbackOptionStatus::Inactive);
//! # let _ = (reason, active); Ok(()) }
//! ```
//!
//! [`Call::expand`]: crate::Call::expand
//! [`Call::paginate`]: crate::Call::paginate

mod object;
mod params;

pub use object::{FeedbackOption, FeedbackOptionStatus, FeedbackOptionStatusTransitions};
pub use params::{FeedbackOptionCreateParams, FeedbackOptionListParams, FeedbackOptionUpdateParams};

use crate::client::list::List;
use crate::resources::endpoints::endpoints;
use crate::Client;

const PATH: &str = "/v1/billing/feedback_options";

/// The feedback-option endpoints. Get one with [`Client::feedback_options`].
#[derive(Clone, Copy, Debug)]
pub struct FeedbackOptions<'c> {
    client: &'c Client,
}

impl Client {
    /// Billing feedback options: `/v1/billing/feedback_options`.
    pub fn feedback_options(&self) -> FeedbackOptions<'_> {
        FeedbackOptions { client: self }
    }
}

impl FeedbackOptions<'_> {
    endpoints! {
        /// `POST /v1/billing/feedback_options`: a new feedback option, active.
        fn create(params: FeedbackOptionCreateParams) -> FeedbackOption { post(PATH) }

        /// `GET /v1/billing/feedback_options/{id}`: feedback option `id`.
        fn retrieve(id) -> FeedbackOption { get(PATH).with_id("feedback_option", id) }

        /// `POST /v1/billing/feedback_options/{id}`: change feedback option `id`.
        fn update(id, params: FeedbackOptionUpdateParams) -> FeedbackOption {
            post(PATH).with_id("feedback_option", id)
        }

        /// `GET /v1/billing/feedback_options`: one page of feedback options, newest first. Call
        /// [`paginate`](crate::Call::paginate) or [`collect_at_most`](crate::Call::collect_at_most)
        /// on it to go through every page.
        fn list(params: FeedbackOptionListParams) -> List<FeedbackOption> { get(PATH) }

        /// `POST /v1/billing/feedback_options/{id}/deactivate`: retire feedback option `id`; its
        /// `status` becomes `inactive` and configurations can no longer offer it. Add
        /// [`expand`](crate::Call::expand) to the call to expand related objects (sent in the form
        /// body).
        fn deactivate(id) -> FeedbackOption { post(PATH).with_id("feedback_option", id).with_action("deactivate") }
    }
}
