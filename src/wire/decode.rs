//! Decoding helpers for response objects.

use serde::{Deserialize, Deserializer};

/// `null` or (with `#[serde(default)]`) absent decodes as the type's default: an empty list, an
/// empty map. For fields Stripe documents as always present but sends as `null` in some versions
/// or fixtures, such as `metadata`:
///
/// ```text
/// #[serde(default, deserialize_with = "crate::wire::decode::null_as_default")]
/// pub metadata: HashMap<String, String>,
/// ```
pub(crate) fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    #[derive(serde::Deserialize)]
    struct Object {
        #[serde(default, deserialize_with = "super::null_as_default")]
        metadata: HashMap<String, String>,
    }

    #[test]
    fn null_absent_and_present() {
        let decode = |json: &str| serde_json::from_str::<Object>(json).unwrap().metadata;
        assert!(decode(r#"{"metadata":null}"#).is_empty());
        assert!(decode("{}").is_empty());
        assert_eq!(decode(r#"{"metadata":{"a":"b"}}"#).get("a").map(String::as_str), Some("b"));
    }
}
