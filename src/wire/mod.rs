//! The wire format: how values become Stripe's bracketed form pairs and how Stripe's JSON comes back.
//!
//! Nothing here knows about a particular endpoint: [`form`] encodes any `Serialize` value,
//! [`Emptyable`](crate::Emptyable) and [`MetadataUpdate`](crate::MetadataUpdate) spell Stripe's
//! "leave / clear / set", [`Expandable`](crate::Expandable) decodes a field that is an id or an
//! expanded object, `open_enum!` gives every Stripe enumeration an `Other` variant, [`leaf`] holds
//! the validated leaf types, and `tagged` spells Stripe's `type` + sibling unions both ways.

pub(crate) mod decode;
pub(crate) mod emptyable;
pub(crate) mod expandable;
pub mod form;
pub(crate) mod json;
pub mod leaf;
pub(crate) mod open_enum;
pub(crate) mod tagged;
