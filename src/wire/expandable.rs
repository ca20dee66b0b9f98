//! [`Expandable`]: a field that holds an object's id, or the object itself when expanded.

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::marker::PhantomData;

/// A reference to another Stripe object: its id, or the whole object when the request asked for
/// it with `expand[]`.
#[derive(Clone, Debug, PartialEq)]
pub enum Expandable<T> {
    /// Not expanded: the object's id.
    Id(String),
    /// Expanded: the object.
    Object(Box<T>),
}

/// A Stripe object with an id.
pub trait Object {
    /// The object's id.
    fn id(&self) -> &str;
}

impl<T: Object> Expandable<T> {
    /// The id, expanded or not.
    pub fn id(&self) -> &str {
        match self {
            Expandable::Id(id) => id,
            Expandable::Object(object) => object.id(),
        }
    }
}

impl<T> Expandable<T> {
    /// The object, when expanded.
    pub fn as_object(&self) -> Option<&T> {
        match self {
            Expandable::Id(_) => None,
            Expandable::Object(object) => Some(object),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Expandable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ExpandableVisitor<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned> Visitor<'de> for ExpandableVisitor<T> {
            type Value = Expandable<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an id string or an expanded object")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<Self::Value, E> {
                Ok(Expandable::Id(id.to_owned()))
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let object = T::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Expandable::Object(Box::new(object)))
            }
        }

        deserializer.deserialize_any(ExpandableVisitor(PhantomData))
    }
}

/// A field whose typed view belongs to a resource module above the one that declares it: the
/// back references `Customer.subscriptions` and `Invoice.subscription`. It keeps the JSON Stripe
/// sent (absent and `null` are `None`; an id, an object or a list are kept as they came) and the
/// higher module's accessor decodes it on demand, so the resource modules import one another in
/// one direction only and a malformed value is an error from the accessor, never a panic.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Deferred(Option<serde_json::Value>);

impl Deferred {
    /// The typed value: `None` when Stripe sent nothing, else what decoding it gives.
    pub(crate) fn decode<T: DeserializeOwned>(&self) -> Option<Result<T, serde_json::Error>> {
        self.0.as_ref().map(T::deserialize)
    }

    /// The id of a referenced object, whether Stripe sent the id or the expanded object.
    pub(crate) fn id(&self) -> Option<&str> {
        match self.0.as_ref()? {
            serde_json::Value::String(id) => Some(id),
            value => value.get("id")?.as_str(),
        }
    }
}

impl<'de> Deserialize<'de> for Deferred {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::<serde_json::Value>::deserialize(deserializer).map(Deferred)
    }
}
