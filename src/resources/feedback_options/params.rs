//! The params of the feedback-option endpoints: create, update and list.

use super::object::FeedbackOptionStatus;
use crate::leaf::Text;
use crate::resources::builders::{list_params, setters};
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

    setters! {
        /// `expand[N]`: also return this related object in full.
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
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

    setters! {
        /// `description`: the new text (not empty).
        fn description(description: impl Into<Text>) { description = Some(description.into()) }

        /// `expand[N]`: also return this related object in full.
        fn expand(field: impl Into<Text>) { expand.push(field.into()) }
    }
}

list_params! {
    /// The params of `GET /v1/billing/feedback_options`, sent in the query string.
    ///
    /// ```
    /// use stripe_billing_portal::feedback_options::{FeedbackOptionListParams, FeedbackOptionStatus};
    ///
    /// let params = FeedbackOptionListParams::new().status(FeedbackOptionStatus::Active).limit(100);
    /// assert_eq!(stripe_billing_portal::form::to_string(&params)?, "status=active&limit=100");
    /// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
    /// ```
    pub struct FeedbackOptionListParams for "feedback options" {
        status: Option<FeedbackOptionStatus>,
    }

    /// Every feedback option, active or not.
    fn new() { Self::default() }

    /// `status`: only active or only inactive options.
    fn status(status: FeedbackOptionStatus) { status = Some(status) }
}
