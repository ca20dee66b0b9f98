//! Billing feedback options: `/v1/billing/feedback_options`.
//!
//! Reusable cancellation-feedback choices that a portal configuration lists and that a
//! subscription's `cancellation_details.feedback_option` points to.

mod object;

pub use object::{FeedbackOption, FeedbackOptionStatus, FeedbackOptionStatusTransitions};
