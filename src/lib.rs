//! A typed, retry-safe Rust client for Stripe's customer (billing) portal.
//!
//! TODO(crate docs): guided tour.

#![warn(missing_docs)]
#![forbid(unsafe_code)]

pub mod client;
pub mod configurations;
pub mod customers;
mod error;
mod expandable;
pub mod form;
pub mod list;
mod open_enum;
pub mod payment_methods;
mod preview;
mod request;
mod secret;
pub mod sessions;
pub mod subscriptions;
pub mod tax_ids;
mod validate;
pub mod webhooks;

pub use client::{Client, ClientBuilder};
pub use error::{ApiError, ApiErrorKind, Error, ErrorType, TransportErrorKind};
pub use expandable::{Expandable, Object};
pub use preview::Preview;
pub use request::{ApiResponse, Call, Params, RequestOptions, MAX_IDEMPOTENCY_KEY_LEN};

/// The README's code blocks, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
