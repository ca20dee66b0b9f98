//! Stripe's tagged unions: `type` names the one sibling that carries the data.
//!
//! `flow_data`, `after_completion`, `after_expiration`, a cancel flow's `retention` and a pause
//! `duration` all have the shape `{"type": "redirect", "redirect": {"return_url": …}}`; the
//! sibling is an object, or a list for a pause `duration` (`{"type": "interval_options",
//! "interval_options": […]}`). One mechanism spells it in both directions:
//!
//! - sending: [`write_tagged`] / [`serialize_tagged`] write `type` and then the sibling, so the
//!   two come from one Rust value and cannot disagree;
//! - receiving: [`DecodeTagged`] plus [`deserialize_tagged`] read `type` and decode **only** the
//!   sibling it names. Stripe writes keys in alphabetical order, so `type` usually comes last, and
//!   in a real answer the named sibling is the only one that is not `null`. So the first non-null
//!   sibling of a known type is decoded in place, as the variant it would be; any later ones are
//!   only scanned and kept as JSON text (borrowed from the input: no parse tree, no allocation
//!   when decoding from a `str` or a slice), and at the end the value comes from the sibling
//!   `type` names, decoded from its text if it was not the one decoded in place. Once `type` is
//!   known, later siblings other than the named one are skipped unread. A typical answer is thus
//!   read once; Stripe's published fixture, which fills every sibling, costs one extra decode at
//!   most. A `type` this crate does not know becomes an [`Unknown`] that keeps the type and the
//!   sibling's JSON, never an error. `decode_tagged!` writes both decoders of a union from one
//!   table of its variants.

use serde::de::{self, DeserializeOwned, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// Writes `type` and, if given, the sibling `(name, value)` into a struct being serialized.
pub(crate) fn write_tagged<S, T, P>(s: &mut S, tag: &T, sibling: Option<(&'static str, &P)>) -> Result<(), S::Error>
where
    S: SerializeStruct,
    T: Serialize + ?Sized,
    P: Serialize + ?Sized,
{
    s.serialize_field("type", tag)?;
    if let Some((name, value)) = sibling {
        s.serialize_field(name, value)?;
    }
    Ok(())
}

/// `{type: tag, tag: sibling}` (or `{type: tag}` without a sibling) as a whole value.
pub(crate) fn serialize_tagged<S: Serializer, P: Serialize + ?Sized>(
    serializer: S,
    tag: &'static str,
    sibling: Option<&P>,
) -> Result<S::Ok, S::Error> {
    let mut s = serializer.serialize_struct("Tagged", 2)?;
    write_tagged(&mut s, tag, sibling.map(|value| (tag, value)))?;
    s.end()
}

/// A sibling object with a single field, `{name: value}`: the data of most tagged variants
/// (`coupon_offer[coupon]`, `redirect[return_url]`, …), borrowed from the variant.
pub(crate) struct OneField<'a, T: ?Sized>(pub(crate) &'static str, pub(crate) &'a T);

impl<T: Serialize + ?Sized> Serialize for OneField<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("OneField", 1)?;
        s.serialize_field(self.0, self.1)?;
        s.end()
    }
}

/// A tagged value whose `type` this version of the crate does not know: the type as Stripe wrote
/// it, and the JSON of the sibling named after it, if there was one.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unknown {
    /// The `type`.
    pub kind: String,
    /// The sibling named by `type` (an object, or a list), as JSON (`None` when absent or `null`).
    pub data: Option<serde_json::Value>,
}

impl Unknown {
    /// An unknown `kind` with the raw sibling, kept as JSON.
    pub(crate) fn new(kind: &str, sibling: Option<&str>) -> serde_json::Result<Self> {
        let data = sibling.map(serde_json::from_str).transpose()?;
        Ok(Self { kind: kind.to_owned(), data })
    }
}

/// A union decoded from its `type` and the sibling that `type` names. Written by `decode_tagged!`.
pub(crate) trait DecodeTagged: Sized {
    /// Builds the value from the sibling's JSON text. `sibling` is `None` when the object has no
    /// (or a `null`) sibling of that name.
    fn decode(tag: &str, sibling: Option<&str>) -> serde_json::Result<Self>;

    /// When `key` names a variant with data, decodes the value at hand as that variant:
    /// `Some(None)` for `null`. `None` (nothing read) when `key` names no variant.
    fn decode_in_place<'de, A: MapAccess<'de>>(key: &str, map: &mut A) -> Result<Option<Option<Self>>, A::Error>;
}

/// Implements [`DecodeTagged`] from a table: `"wire_type" => Payload => constructor,` per
/// variant (the constructor takes the decoded sibling; unit variants use `IgnoredAny`), and
/// `else Other` for the variant that takes an [`Unknown`].
macro_rules! decode_tagged {
    ($name:ty { $($tag:literal => $payload:ty => $make:expr,)+ } else $other:expr) => {
        impl $crate::wire::tagged::DecodeTagged for $name {
            fn decode(tag: &str, sibling: Option<&str>) -> serde_json::Result<Self> {
                match tag {
                    $($tag => Ok(($make)($crate::wire::tagged::sibling::<$payload>(sibling)?)),)+
                    _ => Ok(($other)($crate::wire::tagged::Unknown::new(tag, sibling)?)),
                }
            }

            fn decode_in_place<'de, A: serde::de::MapAccess<'de>>(
                key: &str,
                map: &mut A,
            ) -> Result<Option<Option<Self>>, A::Error> {
                match key {
                    $($tag => Ok(Some(map.next_value::<Option<$payload>>()?.map($make))),)+
                    _ => Ok(None),
                }
            }
        }
    };
}
pub(crate) use decode_tagged;

/// Decodes the sibling as `T`; an absent or `null` sibling gives `T::default()`, so a response
/// that names a flow without its data still decodes to the right variant.
pub(crate) fn sibling<T: DeserializeOwned + Default>(sibling: Option<&str>) -> serde_json::Result<T> {
    sibling.map_or_else(|| Ok(T::default()), serde_json::from_str)
}

/// The fields of a tagged object that are neither `type` nor a sibling (a flow's
/// `after_completion`), decoded in place as they come.
pub(crate) trait Extra<'de>: Default {
    /// Decodes the value of `key` when it is one of these fields and returns `true`; `false`
    /// leaves the value to be read as a sibling.
    fn field<A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;
}

impl<'de> Extra<'de> for () {
    fn field<A: MapAccess<'de>>(&mut self, _key: &str, _map: &mut A) -> Result<bool, A::Error> {
        Ok(false)
    }
}

/// Deserializes a tagged object into `T` (and its extra fields `X`).
pub(crate) fn deserialize_tagged<'de, D, T, X>(deserializer: D) -> Result<(T, X), D::Error>
where
    D: Deserializer<'de>,
    T: DecodeTagged,
    X: Extra<'de>,
{
    deserializer.deserialize_map(TaggedVisitor(PhantomData))
}

/// `Deserialize` for tagged unions that have no extra fields: `deserialize_via_tagged!(A, B)`.
macro_rules! deserialize_via_tagged {
    ($($name:ty),+ $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::tagged::deserialize_tagged::<D, Self, ()>(deserializer).map(|(value, ())| value)
            }
        }
    )+};
}
pub(crate) use deserialize_via_tagged;

struct TaggedVisitor<T, X>(PhantomData<fn() -> (T, X)>);

impl<'de, T: DecodeTagged, X: Extra<'de>> Visitor<'de> for TaggedVisitor<T, X> {
    type Value = (T, X);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object with a `type`")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut tag: Option<Str<'de>> = None;
        let mut extra = X::default();
        // The first non-null known sibling, decoded in place before `type` was seen.
        let mut placed: Option<(Str<'de>, T)> = None;
        // Later siblings seen before `type`, as text (only Stripe's fixture has any).
        let mut siblings: Vec<(Str<'de>, Json<'de>)> = Vec::new();
        // The text of the sibling `type` names.
        let mut named: Option<Json<'de>> = None;
        while let Some(key) = map.next_key::<Str<'de>>()? {
            if &*key == "type" {
                let value = map.next_value::<Str<'de>>()?;
                if let Some(index) = siblings.iter().position(|(name, _)| **name == *value) {
                    named = Some(siblings.swap_remove(index).1);
                }
                siblings.clear();
                if placed.as_ref().is_some_and(|(name, _)| **name != *value) {
                    placed = None;
                }
                tag = Some(value);
            } else if extra.field(&key, &mut map)? {
                // Decoded in place.
            } else if let Some(tag) = &tag {
                if **tag != *key {
                    map.next_value::<IgnoredAny>()?;
                } else if let Some(decoded) = T::decode_in_place(&key, &mut map)? {
                    placed = decoded.map(|value| (key, value));
                } else {
                    named = map.next_value()?;
                }
            } else if placed.is_none() {
                match T::decode_in_place(&key, &mut map)? {
                    Some(decoded) => placed = decoded.map(|value| (key, value)),
                    None => {
                        if let Some(text) = map.next_value::<Option<Json<'de>>>()? {
                            siblings.push((key, text));
                        }
                    }
                }
            } else if let Some(text) = map.next_value::<Option<Json<'de>>>()? {
                siblings.push((key, text));
            }
        }
        let tag = tag.ok_or_else(|| de::Error::missing_field("type"))?;
        let value = match placed {
            Some((_, value)) => value,
            None => T::decode(&tag, named.as_ref().map(|json| &*json.0)).map_err(de::Error::custom)?,
        };
        Ok((value, extra))
    }
}

/// The name under which `serde_json` (with its `raw_value` feature, which this crate enables)
/// hands a value over as its JSON text instead of parsing it: the newtype name its own
/// `RawValue` asks for. The text comes as a one-entry map whose value is a string, borrowed from
/// the input when decoding from a `str` or a slice, owned otherwise (a reader, a `Value`).
const RAW_JSON: &str = "$serde_json::private::RawValue";

/// A JSON value kept as its text.
struct Json<'de>(Str<'de>);

impl<'de> Deserialize<'de> for Json<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;

        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                map.next_key::<IgnoredAny>()?.ok_or_else(|| de::Error::custom("raw JSON without its text"))?;
                Ok(Json(map.next_value()?))
            }
        }

        deserializer.deserialize_newtype_struct(RAW_JSON, JsonVisitor)
    }
}

/// A string from the input: borrowed when the input allows it, owned otherwise (escapes, or a
/// `serde_json::Value`), so keys and enum values cost no allocation in the common case.
#[derive(Deserialize)]
#[serde(transparent)]
pub(crate) struct Str<'a>(#[serde(borrow)] Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Shape {
        Circle(f64),
        Dot,
        Other(Unknown),
    }

    #[derive(Default, Deserialize)]
    struct Circle {
        radius: f64,
    }

    decode_tagged!(Shape {
        "circle" => Circle => |circle: Circle| Shape::Circle(circle.radius),
        "dot" => IgnoredAny => |_| Shape::Dot,
    } else Shape::Other);

    deserialize_via_tagged!(Shape);

    #[test]
    fn only_the_named_sibling_is_decoded_wherever_type_stands() {
        // The other sibling is not a valid circle: it is never decoded.
        let before: Shape =
            serde_json::from_str(r#"{"circle":{"radius":2.0},"square":{"radius":"x"},"type":"circle"}"#).unwrap();
        let after: Shape =
            serde_json::from_str(r#"{"type":"circle","square":{"radius":"x"},"circle":{"radius":2.0}}"#).unwrap();
        assert_eq!((before, after), (Shape::Circle(2.0), Shape::Circle(2.0)));
        let value = serde_json::json!({"circle": null, "type": "circle"});
        assert_eq!(serde_json::from_value::<Shape>(value).unwrap(), Shape::Circle(0.0));
        assert_eq!(serde_json::from_str::<Shape>(r#"{"type":"dot","dot":7}"#).unwrap(), Shape::Dot);
    }

    #[test]
    fn an_unknown_type_keeps_its_sibling_as_json() {
        for json in [r#"{"star":{"points":5},"type":"star"}"#, r#"{"type":"star","star":{"points":5}}"#] {
            let expected = Shape::Other(Unknown { kind: "star".into(), data: Some(serde_json::json!({"points": 5})) });
            assert_eq!(serde_json::from_str::<Shape>(json).unwrap(), expected);
            let value: serde_json::Value = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::from_value::<Shape>(value).unwrap(), expected);
            assert_eq!(serde_json::from_slice::<Shape>(json.as_bytes()).unwrap(), expected);
            assert_eq!(serde_json::from_reader::<_, Shape>(json.as_bytes()).unwrap(), expected);
        }
        assert!(serde_json::from_str::<Shape>(r#"{"circle":{"radius":1}}"#).is_err(), "`type` is required");
    }

    #[test]
    fn escaped_keys_and_tags_decode_too() {
        let shape: Shape = serde_json::from_str(r#"{"\u0063ircle":{"radius":1.5},"type":"circl\u0065"}"#).unwrap();
        assert_eq!(shape, Shape::Circle(1.5));
    }
}
