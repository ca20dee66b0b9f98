//! Portal configurations: `/v1/billing_portal/configurations`.
//!
//! A configuration decides what the portal lets customers do (features), how it looks to them
//! (business profile) and where it sends them back to.

mod object;

pub use object::Configuration;
