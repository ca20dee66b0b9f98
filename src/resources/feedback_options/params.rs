//! The params of the feedback-option endpoints: create, update and list.

use super::object::FeedbackOptionStatus;
use crate::leaf::Text;
use crate::resources::builders::list_params;
use serde::Serialize;

/// The params of `POST /v1/billing/feedback_options`: a new feedback option.
///
/// ```
/// use stripe_billing_portal::feedback_options::FeedbackOptionCreateParams;
///
/// let params = FeedbackOptionCreateParams::new("Too expensive for my team");
/// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "description=Too+expensive+for+my+team");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FeedbackOptionCreateParams {
    description: Text,
    expand: Vec<Text>,
}

impl FeedbackOptionCreateParams {
    /// An option with this `description` (required, not empty): what the customer sees.
    pub fn new(description: impl Into<Text>) -> Self {
        Self { description: description.into(), expand: Vec::new() }
    }

    /// `expand[N]`: also return this related object in full.
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(Text::from(field.into()));
        self
    }
}

/// The params of `POST /v1/billing/feedback_options/{id}`: changes to a feedback option.
///
/// ```
/// use stripe_billing_portal::feedback_options::FeedbackOptionUpdateParams;
///
/// let params = FeedbackOptionUpdateParams::new().description("Missing a feature I need");
/// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "description=Missing+a+feature+I+need");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FeedbackOptionUpdateParams {
    description: Option<Text>,
    expand: Vec<Text>,
}

impl FeedbackOptionUpdateParams {
    /// No change yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// `description`: the new text (not empty).
    pub fn description(mut self, description: impl Into<Text>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// `expand[N]`: also return this related object in full.
    pub fn expand(mut self, field: impl Into<String>) -> Self {
        self.expand.push(Text::from(field.into()));
        self
    }
}

/// The params of `GET /v1/billing/feedback_options`, sent in the query string.
///
/// ```
/// use stripe_billing_portal::feedback_options::{FeedbackOptionListParams, FeedbackOptionStatus};
///
/// let params = FeedbackOptionListParams::new().status(FeedbackOptionStatus::Active).limit(100);
/// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "status=active&limit=100");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedbackOptionListParams {
    status: Option<FeedbackOptionStatus>,
    limit: Option<u8>,
    starting_after: Option<String>,
    ending_before: Option<String>,
    expand: Vec<Text>,
}

impl FeedbackOptionListParams {
    /// Every feedback option, active or not.
    pub fn new() -> Self {
        Self::default()
    }

    /// `status`: only active or only inactive options.
    pub fn status(mut self, status: FeedbackOptionStatus) -> Self {
        self.status = Some(status);
        self
    }
}

list_params!(FeedbackOptionListParams, "feedback options", [status]);
