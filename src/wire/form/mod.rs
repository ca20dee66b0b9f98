//! The form encoder: any [`Serialize`] params value to Stripe's bracketed form syntax.
//!
//! Stripe reads request parameters as `application/x-www-form-urlencoded` pairs whose keys spell
//! out the nesting: `flow_data[subscription_update_confirm][items][0][id]=si_1`. This module turns
//! a params value into those pairs, and the pairs into a body or query string.
//!
//! | value | pairs |
//! |---|---|
//! | struct or map field `a` holding a struct with field `b` | `a[b]=…` |
//! | list | `a[0]=…&a[1]=…` (indexed from 0); an empty list sends nothing |
//! | `bool` | `true` / `false` |
//! | integer | decimal digits |
//! | `None`, `()` | nothing: the key is not sent |
//! | `""` | `a=` (Stripe's way to clear a field) |
//! | map | one pair per entry, entries sorted by key so the bytes are stable |
//! | enum unit variant | its serialized name |
//!
//! Keys and values are percent-encoded the way Stripe's official SDKs do it: brackets and
//! `A-Z a-z 0-9 - . _ ~` stay literal, a space becomes `+`, and every other UTF-8 byte becomes
//! `%XX`. Shapes with no bracketed spelling (a bare string at the top level, a map with non-string
//! keys, a byte string, a NaN or infinite float) give an [`EncodeError`], never a panic.
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! #[derive(serde::Serialize)]
//! struct Params {
//!     customer: &'static str,
//!     expand: Vec<&'static str>,
//!     metadata: BTreeMap<&'static str, &'static str>,
//! }
//!
//! let params = Params {
//!     customer: "cus_123",
//!     expand: vec!["configuration"],
//!     metadata: BTreeMap::from([("plan", "gold plus")]),
//! };
//! let body = stripe_billing_portal::form::to_string(&params)?;
//! assert_eq!(body, "customer=cus_123&expand[0]=configuration&metadata[plan]=gold+plus");
//! # Ok::<(), stripe_billing_portal::form::EncodeError>(())
//! ```

mod percent;
mod ser;

use serde::Serialize;

/// A value that has no spelling in Stripe's bracketed form syntax.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot form-encode {}: {reason}", describe_key(.key))]
pub struct EncodeError {
    key: String,
    reason: String,
}

fn describe_key(key: &str) -> String {
    if key.is_empty() {
        "the params".to_owned()
    } else {
        format!("`{key}`")
    }
}

impl EncodeError {
    pub(crate) fn new(key: &str, reason: impl Into<String>) -> Self {
        Self { key: key.to_owned(), reason: reason.into() }
    }

    /// The bracketed key of the value that could not be encoded (empty for the top level).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// Why the value could not be encoded.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl serde::ser::Error for EncodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self { key: String::new(), reason: msg.to_string() }
    }
}

/// The newtype name that marks an [`Ordered`] map.
const ORDERED: &str = "$stripe_billing_portal::form::Ordered";

/// A map whose entries this encoder writes in the order they come instead of sorting them by key:
/// for objects whose keys are only known at run time but whose order is fixed (a tagged union
/// whose `type` names a sibling the crate has no type for). Other serializers see the map itself.
pub(crate) struct Ordered<T>(pub(crate) T);

impl<T: Serialize> Serialize for Ordered<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(ORDERED, &self.0)
    }
}

/// Where encoded pairs go: a list of pairs, or a body written in place. `key_literal` says that
/// every byte of `key` is written as itself (the encoder knows it from the key's segments), so
/// the key need not be scanned again.
/// `key` is UTF-8 text (the encoder builds it from `&str` segments), passed as bytes.
pub(crate) trait Sink {
    fn pair(&mut self, key: &[u8], key_literal: bool, value: &str);
}

impl Sink for Vec<(String, String)> {
    fn pair(&mut self, key: &[u8], _key_literal: bool, value: &str) {
        self.push((String::from_utf8_lossy(key).into_owned(), value.to_owned()));
    }
}

/// Writes `key=value` pairs joined by `&`, percent-encoded, straight into one buffer (ASCII only).
struct Body(Vec<u8>);

impl Body {
    fn with_capacity(capacity: usize) -> Self {
        Self(Vec::with_capacity(capacity))
    }

    /// The body as text. Percent-encoding leaves only ASCII, so this never fails.
    fn into_string(self) -> String {
        String::from_utf8(self.0).unwrap_or_else(|err| String::from_utf8_lossy(err.as_bytes()).into_owned())
    }
}

impl Sink for Body {
    fn pair(&mut self, key: &[u8], key_literal: bool, value: &str) {
        if !self.0.is_empty() {
            self.0.push(b'&');
        }
        if key_literal {
            self.0.extend_from_slice(key);
        } else {
            percent::encode_into(&mut self.0, key);
        }
        self.0.push(b'=');
        percent::encode_into(&mut self.0, value.as_bytes());
    }
}

/// Encodes `params` into ordered `(key, value)` pairs, not yet percent-encoded.
///
/// Fields come out in declaration order, list items by index, map entries sorted by key.
pub fn to_pairs<T: Serialize + ?Sized>(params: &T) -> Result<Vec<(String, String)>, EncodeError> {
    let mut pairs = Vec::new();
    ser::encode(params, &mut pairs)?;
    Ok(pairs)
}

/// Encodes `params` into an `application/x-www-form-urlencoded` string: a POST body, or the
/// query string of a GET (without the leading `?`).
pub fn to_string<T: Serialize + ?Sized>(params: &T) -> Result<String, EncodeError> {
    let mut body = Body::with_capacity(1024);
    ser::encode(params, &mut body)?;
    Ok(body.into_string())
}

/// Joins already-built pairs into a form string, percent-encoding each key and value.
pub fn pairs_to_string<K: AsRef<str>, V: AsRef<str>>(pairs: &[(K, V)]) -> String {
    let mut body = Body::with_capacity(0);
    for (key, value) in pairs {
        body.pair(key.as_ref().as_bytes(), false, value.as_ref());
    }
    body.into_string()
}
