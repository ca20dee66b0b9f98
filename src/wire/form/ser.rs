//! The serde `Serializer` behind [`super::to_pairs`] and [`super::to_string`].
//!
//! One serializer walks the value with the current bracketed key in one byte buffer (a [`Key`],
//! kept per thread between encodes): entering a field pushes `[field]` (or `field` at the top
//! level), leaving it truncates back. Scalars hand `(key, value)` to the [`Sink`]. Maps are the
//! one shape buffered: sorted by key, so that the output never depends on a `HashMap`'s iteration
//! order, or kept in their own order when wrapped in [`Ordered`](super::Ordered).

use super::{EncodeError, Sink};
use serde::ser::{self, Impossible, Serialize};
use std::cell::Cell;

pub(super) fn encode<T: Serialize + ?Sized, S: Sink>(value: &T, sink: &mut S) -> Result<(), EncodeError> {
    // The key's buffer is kept per thread between calls: one allocation less per encode. (A
    // nested encode finds it taken and uses a fresh one.)
    thread_local! {
        static KEY_BUFFER: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }
    let mut text = KEY_BUFFER.try_with(Cell::take).unwrap_or_default();
    text.clear();
    if text.capacity() == 0 {
        text.reserve(64);
    }
    let mut key = Key { text, literal: true };
    let result = value.serialize(Encoder { key: &mut key, sink, top: true, ordered: false });
    // Only a buffer of reasonable size is kept.
    if key.text.capacity() <= 1024 {
        let _ = KEY_BUFFER.try_with(|buffer| buffer.set(key.text));
    }
    result
}

/// The bracketed key of the value being encoded, and whether all of it is written as itself when
/// percent-encoded: known segment by segment as they are pushed, so that each byte is checked
/// once while its segment stays on the key, not once per pair, and a literal key is copied into
/// the body whole.
struct Key {
    /// UTF-8: only whole `&str` segments are pushed, and it is cut back only to where a segment
    /// began (bytes, so that cutting back checks no char boundary).
    text: Vec<u8>,
    literal: bool,
}

impl Key {
    /// Appends one segment: `name` at the top level, `[name]` below it.
    fn push(&mut self, top: bool, segment: &str) {
        if top {
            self.text.extend_from_slice(segment.as_bytes());
        } else {
            self.text.push(b'[');
            self.text.extend_from_slice(segment.as_bytes());
            self.text.push(b']');
        }
        self.literal &= super::percent::all_literal(segment.as_bytes());
    }

    /// The key as text, for errors.
    fn to_text(&self) -> String {
        String::from_utf8_lossy(&self.text).into_owned()
    }
}

/// Serializes one value found at `key`.
struct Encoder<'a, S> {
    key: &'a mut Key,
    sink: &'a mut S,
    /// At the top level no key exists yet, so only structs and maps make sense.
    top: bool,
    /// The value was wrapped in [`Ordered`](super::Ordered): a map is written in its own order.
    ordered: bool,
}

/// Writes an unsigned integer's decimal digits into `buf`, without allocating. A single digit
/// (list indexes, most quantities) is taken from a constant.
fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    if let Some(digit) = usize::try_from(n).ok().and_then(|n| DIGITS.get(n)) {
        return digit;
    }
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buf[i..]).unwrap_or_default()
}

impl<'a, S: Sink> Encoder<'a, S> {
    fn scalar(self, kind: &str, value: &str) -> Result<(), EncodeError> {
        if self.top {
            return Err(EncodeError::new("", format!("the top level must be a struct or a map, not {kind}")));
        }
        self.sink.pair(&self.key.text, self.key.literal, value);
        Ok(())
    }

    fn unsigned(self, n: u64) -> Result<(), EncodeError> {
        let mut buf = [0u8; 20];
        self.scalar("an integer", decimal(n, &mut buf))
    }

    fn signed(self, n: i64) -> Result<(), EncodeError> {
        if n >= 0 {
            return self.unsigned(n.unsigned_abs());
        }
        let mut buf = [0u8; 20];
        let digits = decimal(n.unsigned_abs(), &mut buf);
        let mut text = [0u8; 21];
        text[0] = b'-';
        text[1..=digits.len()].copy_from_slice(digits.as_bytes());
        self.scalar("an integer", std::str::from_utf8(&text[..=digits.len()]).unwrap_or_default())
    }

    fn float(self, n: f64) -> Result<(), EncodeError> {
        if !n.is_finite() {
            return Err(EncodeError::new(&self.key.to_text(), format!("{n} is not a finite number")));
        }
        self.scalar("a number", &n.to_string())
    }

    /// Fields of a struct (or entries of a list) written under the current key.
    fn compound(self) -> Compound<'a, S> {
        Compound { key: self.key, sink: self.sink, top: self.top, index: 0 }
    }

    /// A list needs a key to index: there is none at the top level.
    fn list(self) -> Result<Compound<'a, S>, EncodeError> {
        if self.top {
            return Err(EncodeError::new("", "the top level must be a struct or a map, not a list"));
        }
        Ok(self.compound())
    }

    /// Enters `[variant]` for the data-carrying enum variants, as serde_json's external tagging does.
    fn variant(self, variant: &str) -> Compound<'a, S> {
        self.key.push(self.top, variant);
        Compound { key: self.key, sink: self.sink, top: false, index: 0 }
    }
}

/// A struct, list or enum variant in progress: its fields are written straight to the sink.
struct Compound<'a, S> {
    key: &'a mut Key,
    sink: &'a mut S,
    top: bool,
    index: usize,
}

impl<S: Sink> Compound<'_, S> {
    fn field<T: Serialize + ?Sized>(&mut self, segment: &str, value: &T) -> Result<(), EncodeError> {
        let (len, literal) = (self.key.text.len(), self.key.literal);
        self.key.push(self.top, segment);
        let result = value.serialize(Encoder { key: self.key, sink: self.sink, top: false, ordered: false });
        let result = result.map_err(|mut err| {
            if err.key.is_empty() {
                err.key = self.key.to_text();
            }
            err
        });
        self.key.text.truncate(len);
        self.key.literal = literal;
        result
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let mut buf = [0u8; 20];
        let index = decimal(self.index as u64, &mut buf);
        self.index += 1;
        self.field(index, value)
    }
}

/// A map in progress: entries are encoded aside and written out sorted by key in `end`.
struct MapEncoder<'a, S> {
    key: &'a mut Key,
    sink: &'a mut S,
    top: bool,
    next_key: Option<String>,
    entries: Vec<(String, Vec<(String, String)>)>,
    /// Keep the entries in the order they came (see [`Ordered`](super::Ordered)).
    ordered: bool,
}

impl<S: Sink> MapEncoder<'_, S> {
    fn entry<T: Serialize + ?Sized>(&mut self, map_key: String, value: &T) -> Result<(), EncodeError> {
        let mut pairs = Vec::new();
        let mut inner = Compound { key: self.key, sink: &mut pairs, top: self.top, index: 0 };
        inner.field(&map_key, value)?;
        self.entries.push((map_key, pairs));
        Ok(())
    }
}

macro_rules! forward_compound {
    ($trait:ident, $method:ident $(, $name:ident: $ty:ty)?) => {
        impl<S: Sink> ser::$trait for Compound<'_, S> {
            type Ok = ();
            type Error = EncodeError;
            fn $method<T: Serialize + ?Sized>(&mut self, $($name: $ty,)? value: &T) -> Result<(), EncodeError> {
                forward_compound!(@call self, value $(, $name)?)
            }
            fn end(self) -> Result<(), EncodeError> {
                Ok(())
            }
        }
    };
    (@call $self:ident, $value:ident, $name:ident) => { $self.field($name, $value) };
    (@call $self:ident, $value:ident) => { $self.element($value) };
}

forward_compound!(SerializeSeq, serialize_element);
forward_compound!(SerializeTuple, serialize_element);
forward_compound!(SerializeTupleStruct, serialize_field);
forward_compound!(SerializeTupleVariant, serialize_field);
forward_compound!(SerializeStruct, serialize_field, name: &'static str);
forward_compound!(SerializeStructVariant, serialize_field, name: &'static str);

impl<S: Sink> ser::SerializeMap for MapEncoder<'_, S> {
    type Ok = ();
    type Error = EncodeError;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), EncodeError> {
        let map_key = key.serialize(MapKey).map_err(|err| EncodeError::new(&self.key.to_text(), err.reason))?;
        self.next_key = Some(map_key);
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), EncodeError> {
        let map_key =
            self.next_key.take().ok_or_else(|| EncodeError::new(&self.key.to_text(), "map value without a key"))?;
        self.entry(map_key, value)
    }

    fn end(mut self) -> Result<(), EncodeError> {
        if !self.ordered {
            self.entries.sort_by(|a, b| a.0.cmp(&b.0));
        }
        for (key, value) in self.entries.iter().flat_map(|(_, pairs)| pairs) {
            self.sink.pair(key.as_bytes(), false, value);
        }
        Ok(())
    }
}

/// Implements `Serializer` methods that write a number through the method of its kind
/// (`signed`, `unsigned` or `float`), widened to that method's type.
macro_rules! widen_numbers {
    ($($kind:ident: $($method:ident($ty:ty)),+;)+) => {$($(
        fn $method(self, v: $ty) -> Result<(), EncodeError> {
            self.$kind(v.into())
        }
    )+)+};
}

/// Implements the `Serializer` methods of the data-carrying enum variants with fields (tuple and
/// struct variants): their fields go under `[variant]`.
macro_rules! enter_variant {
    ($($method:ident),+) => {$(
        fn $method(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
            _: usize,
        ) -> Result<Compound<'a, S>, EncodeError> {
            Ok(self.variant(variant))
        }
    )+};
}

impl<'a, S: Sink> ser::Serializer for Encoder<'a, S> {
    type Ok = ();
    type Error = EncodeError;
    type SerializeSeq = Compound<'a, S>;
    type SerializeTuple = Compound<'a, S>;
    type SerializeTupleStruct = Compound<'a, S>;
    type SerializeTupleVariant = Compound<'a, S>;
    type SerializeMap = MapEncoder<'a, S>;
    type SerializeStruct = Compound<'a, S>;
    type SerializeStructVariant = Compound<'a, S>;

    fn serialize_bool(self, v: bool) -> Result<(), EncodeError> {
        self.scalar("a bool", if v { "true" } else { "false" })
    }
    widen_numbers! {
        signed: serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64);
        unsigned: serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64);
        float: serialize_f32(f32), serialize_f64(f64);
    }
    fn serialize_i128(self, v: i128) -> Result<(), EncodeError> {
        self.scalar("an integer", &v.to_string())
    }
    fn serialize_u128(self, v: u128) -> Result<(), EncodeError> {
        self.scalar("an integer", &v.to_string())
    }
    fn serialize_char(self, v: char) -> Result<(), EncodeError> {
        self.scalar("a char", v.encode_utf8(&mut [0u8; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), EncodeError> {
        self.scalar("a string", v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), EncodeError> {
        Err(EncodeError::new(&self.key.to_text(), "byte strings have no form encoding"))
    }
    fn serialize_none(self) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), EncodeError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), EncodeError> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<(), EncodeError> {
        self.scalar("an enum variant", variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, name: &'static str, value: &T) -> Result<(), EncodeError> {
        let ordered = name == super::ORDERED;
        value.serialize(Encoder { ordered, ..self })
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), EncodeError> {
        self.compound().field(variant, value)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Compound<'a, S>, EncodeError> {
        self.list()
    }
    fn serialize_tuple(self, _: usize) -> Result<Compound<'a, S>, EncodeError> {
        self.list()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, S>, EncodeError> {
        self.list()
    }
    enter_variant!(serialize_tuple_variant, serialize_struct_variant);
    fn serialize_map(self, _: Option<usize>) -> Result<MapEncoder<'a, S>, EncodeError> {
        Ok(MapEncoder {
            key: self.key,
            sink: self.sink,
            top: self.top,
            next_key: None,
            entries: Vec::new(),
            ordered: self.ordered,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Compound<'a, S>, EncodeError> {
        Ok(self.compound())
    }
}

/// Accepts only string-like map keys.
struct MapKey;

/// Implements `Serializer` methods that refuse a scalar as a map key.
macro_rules! reject_scalars {
    ($($method:ident: $ty:ty),+ $(,)?) => {$(
        fn $method(self, _: $ty) -> Result<String, EncodeError> {
            non_string_key()
        }
    )+};
}

fn non_string_key<T>() -> Result<T, EncodeError> {
    Err(EncodeError::new("", "map keys must be strings"))
}

impl ser::Serializer for MapKey {
    type Ok = String;
    type Error = EncodeError;
    type SerializeSeq = Impossible<String, EncodeError>;
    type SerializeTuple = Impossible<String, EncodeError>;
    type SerializeTupleStruct = Impossible<String, EncodeError>;
    type SerializeTupleVariant = Impossible<String, EncodeError>;
    type SerializeMap = Impossible<String, EncodeError>;
    type SerializeStruct = Impossible<String, EncodeError>;
    type SerializeStructVariant = Impossible<String, EncodeError>;

    fn serialize_str(self, v: &str) -> Result<String, EncodeError> {
        Ok(v.to_owned())
    }
    fn serialize_char(self, v: char) -> Result<String, EncodeError> {
        Ok(v.to_string())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<String, EncodeError> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<String, EncodeError> {
        value.serialize(self)
    }
    reject_scalars! {
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64,
        serialize_f32: f32, serialize_f64: f64, serialize_bytes: &[u8],
    }
    fn serialize_none(self) -> Result<String, EncodeError> {
        non_string_key()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<String, EncodeError> {
        non_string_key()
    }
    fn serialize_unit(self) -> Result<String, EncodeError> {
        non_string_key()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<String, EncodeError> {
        non_string_key()
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<String, EncodeError> {
        non_string_key()
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, EncodeError> {
        non_string_key()
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, EncodeError> {
        non_string_key()
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, EncodeError> {
        non_string_key()
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, EncodeError> {
        non_string_key()
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, EncodeError> {
        non_string_key()
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, EncodeError> {
        non_string_key()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, EncodeError> {
        non_string_key()
    }
}

#[cfg(test)]
mod tests {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Inner {
        c: u8,
    }

    #[derive(Serialize)]
    struct Outer {
        a: Inner,
        #[serde(rename = "x y")]
        spaced: Inner,
        #[serde(rename = "é")]
        accented: u8,
        d: u8,
    }

    /// A key is copied whole only while every segment on it is literal: a segment that needs
    /// escaping makes its children escaped, and popping it makes the siblings literal again.
    #[test]
    fn keys_are_escaped_exactly_where_a_segment_needs_it() {
        let outer = Outer { a: Inner { c: 1 }, spaced: Inner { c: 2 }, accented: 3, d: 4 };
        assert_eq!(crate::form::to_string(&outer).unwrap(), "a[c]=1&x+y[c]=2&%C3%A9=3&d=4");
    }

    /// Encoding from inside an encode (a `Serialize` that encodes something itself) gets its own
    /// key buffer.
    #[test]
    fn a_nested_encode_has_its_own_key() {
        struct Nested;
        impl Serialize for Nested {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let inner =
                    crate::form::to_string(&Outer { a: Inner { c: 5 }, spaced: Inner { c: 6 }, accented: 7, d: 8 })
                        .map_err(serde::ser::Error::custom)?;
                serializer.serialize_str(&inner)
            }
        }
        #[derive(Serialize)]
        struct Wrapper {
            deep: Inner,
            nested: Nested,
            after: u8,
        }
        let body = crate::form::to_string(&Wrapper { deep: Inner { c: 1 }, nested: Nested, after: 2 }).unwrap();
        assert_eq!(body, "deep[c]=1&nested=a[c]%3D5%26x%2By[c]%3D6%26%25C3%25A9%3D7%26d%3D8&after=2");
    }
}
