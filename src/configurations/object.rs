//! [`Configuration`]: the `billing_portal.configuration` object.

use crate::expandable::Object;
use serde::Deserialize;
use std::collections::HashMap;

/// A portal configuration.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Configuration {
    /// `bpc_…`.
    pub id: String,
    /// Whether sessions can use it.
    pub active: bool,
    /// Whether it is the account's default configuration.
    pub is_default: bool,
    /// Its name, if set.
    pub name: Option<String>,
    /// Where customers return to when a session sets no `return_url`.
    pub default_return_url: Option<String>,
    /// Your key-value data.
    pub metadata: Option<HashMap<String, String>>,
    /// `true` in live mode.
    pub livemode: bool,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// Last update time, Unix seconds.
    pub updated: i64,
}

impl Object for Configuration {
    fn id(&self) -> &str {
        &self.id
    }
}
