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

/// Declares response objects: structs decoded from Stripe's JSON, one row a field (one invocation
/// may declare several).
///
/// ```text
/// crate::object! {
///     /// A customer.
///     pub struct Customer {
///         id: String = "`cus_…`.",
///         kind: CustomerType [rename = "type"] = "Its type (`type` on the wire).",
///         metadata: HashMap<String, String> [null_as_default] = "Your key-value data.",
///     }
/// }
/// ```
///
/// Each row is `name: Type [serde options] = "doc",` and becomes a documented `pub` field (a row
/// starting with `pub(crate)` stays inside the crate); the bracketed options are the field's
/// `#[serde(…)]`, and `[null_as_default]` stands for `default` plus [`null_as_default`], for a list
/// or map Stripe may send as `null` or leave out. Every object derives `Clone`, `Debug`,
/// `PartialEq` and `Deserialize` (more derives, such as `Default` or `Eq`, go above `pub struct`)
/// and is `#[non_exhaustive]` (Stripe adds fields); unknown fields are ignored. An object whose
/// first row is `id: String` also implements [`Object`](crate::Object).
macro_rules! object {
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($rows:tt)* }
        $($more:tt)+
    ) => {
        $crate::wire::decode::object! { $(#[$meta])* pub struct $name { $($rows)* } }
        $crate::wire::decode::object! { $($more)+ }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident { id: String $([$($id:tt)+])? = $doc:literal, $($rows:tt)* }
    ) => {
        $crate::wire::decode::object!(@rows [$(#[$meta])* pub struct $name] [] id: String $([$($id)+])? = $doc, $($rows)*);

        impl $crate::wire::expandable::Object for $name {
            fn id(&self) -> &str {
                &self.id
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident { $($rows:tt)* }
    ) => {
        $crate::wire::decode::object!(@rows [$(#[$meta])* pub struct $name] [] $($rows)*);
    };
    (@rows $head:tt [$($done:tt)*] $field:ident : $ty:ty [null_as_default] = $doc:literal, $($rest:tt)*) => {
        $crate::wire::decode::object!(@rows $head [$($done)*
            #[doc = $doc]
            #[serde(default, deserialize_with = "crate::wire::decode::null_as_default")]
            pub $field: $ty,
        ] $($rest)*);
    };
    (@rows $head:tt [$($done:tt)*] $field:ident : $ty:ty [$($serde:tt)+] = $doc:literal, $($rest:tt)*) => {
        $crate::wire::decode::object!(@rows $head [$($done)* #[doc = $doc] #[serde($($serde)+)] pub $field: $ty,] $($rest)*);
    };
    (@rows $head:tt [$($done:tt)*] $field:ident : $ty:ty = $doc:literal, $($rest:tt)*) => {
        $crate::wire::decode::object!(@rows $head [$($done)* #[doc = $doc] pub $field: $ty,] $($rest)*);
    };
    (@rows $head:tt [$($done:tt)*] pub(crate) $field:ident : $ty:ty [$($serde:tt)+] = $doc:literal, $($rest:tt)*) => {
        $crate::wire::decode::object!(@rows $head [$($done)* #[doc = $doc] #[serde($($serde)+)] pub(crate) $field: $ty,] $($rest)*);
    };
    (@rows [$(#[$meta:meta])* pub struct $name:ident] [$($done:tt)*]) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, serde::Deserialize)]
        #[non_exhaustive]
        pub struct $name { $($done)* }
    };
}
pub(crate) use object;

#[cfg(test)]
mod tests {
    use crate::Object as _;
    use std::collections::HashMap;

    crate::object! {
        /// A test object.
        pub struct Thing {
            id: String = "Its id.",
            kind: Option<String> [rename = "type"] = "Its `type`.",
            metadata: HashMap<String, String> [null_as_default] = "Key-value data.",
        }
    }

    #[test]
    fn null_absent_and_present() {
        let decode = |json: &str| serde_json::from_str::<Thing>(json).unwrap();
        assert!(decode(r#"{"id":"t_1","metadata":null}"#).metadata.is_empty());
        assert!(decode(r#"{"id":"t_1"}"#).metadata.is_empty());
        let thing = decode(r#"{"id":"t_1","type":"x","metadata":{"a":"b"},"new_field":1}"#);
        assert_eq!(thing.metadata.get("a").map(String::as_str), Some("b"));
        assert_eq!((thing.id(), thing.kind.as_deref()), ("t_1", Some("x")));
        assert!(serde_json::from_str::<Thing>(r#"{"metadata":{}}"#).is_err(), "`id` is required");
    }
}
