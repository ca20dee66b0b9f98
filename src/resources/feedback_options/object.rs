//! [`FeedbackOption`]: the `billing.feedback_option` object.

crate::open_enum! {
    /// A feedback option's `status`.
    pub enum FeedbackOptionStatus {
        Active = "active": "Usable in portal configurations.",
        Inactive = "inactive": "Deactivated: can no longer be added to configurations.",
    }
}

crate::object! {
    /// A reusable cancellation-feedback choice (`billing.feedback_option`): listed by a portal
    /// configuration's `features.subscription_cancel.cancellation_reason.feedback_options`, and pointed
    /// to by a subscription's `cancellation_details.feedback_option`.
    pub struct FeedbackOption {
        id: String = "The option's id.",
        description: String = "What the customer sees.",
        livemode: bool = "`true` in live mode.",
        status: FeedbackOptionStatus = "Active or inactive.",
        status_transitions: FeedbackOptionStatusTransitions = "When its status changed.",
    }

    /// `status_transitions` of a feedback option.
    #[derive(Default, Eq)]
    pub struct FeedbackOptionStatusTransitions {
        deactivated_at: Option<i64> = "When it was deactivated (Unix seconds), if it was.",
    }
}
