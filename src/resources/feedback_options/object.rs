//! [`FeedbackOption`]: the `billing.feedback_option` object.

use crate::wire::expandable::Object;
use serde::Deserialize;

crate::open_enum! {
    /// A feedback option's `status`.
    pub enum FeedbackOptionStatus {
        Active = "active": "Usable in portal configurations.",
        Inactive = "inactive": "Deactivated: can no longer be added to configurations.",
    }
}

/// A reusable cancellation-feedback choice (`billing.feedback_option`): listed by a portal
/// configuration's `features.subscription_cancel.cancellation_reason.feedback_options`, and pointed
/// to by a subscription's `cancellation_details.feedback_option`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct FeedbackOption {
    /// The option's id.
    pub id: String,
    /// What the customer sees.
    pub description: String,
    /// `true` in live mode.
    pub livemode: bool,
    /// Active or inactive.
    pub status: FeedbackOptionStatus,
    /// When its status changed.
    pub status_transitions: FeedbackOptionStatusTransitions,
}

impl Object for FeedbackOption {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `status_transitions` of a feedback option.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct FeedbackOptionStatusTransitions {
    /// When it was deactivated (Unix seconds), if it was.
    pub deactivated_at: Option<i64>,
}
