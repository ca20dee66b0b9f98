//! [`List`]: one page of a Stripe list response.

use serde::Deserialize;

/// A page of objects: `{"object": "list", "data": [...], "has_more": …, "url": …}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct List<T> {
    /// The objects on this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Whether more objects follow this page.
    #[serde(default)]
    pub has_more: bool,
    /// The list's URL path, e.g. `/v1/billing_portal/configurations`.
    #[serde(default)]
    pub url: String,
}
