//! `null_as_default`: a field Stripe documents as always present, which may still arrive as `null`
//! (older API versions, embedded copies such as `pending_update.metadata`), decodes to its default.

use serde::{Deserialize, Deserializer};

/// Decodes `null` (and, with `#[serde(default)]`, an absent field) as `T::default()`: an empty
/// map or list instead of an `Option`.
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}
