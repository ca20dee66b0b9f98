//! Leaving, clearing, setting: [`Emptyable`] for the fields Stripe lets you clear with `""`, and
//! [`MetadataUpdate`] for `metadata`.
//!
//! | state | builder | wire |
//! |---|---|---|
//! | leave as is | don't call the method | nothing |
//! | clear | `.name(Emptyable::Clear)` | `name=` |
//! | set | `.name("Gold")`, `.allowed_updates([Email])` | `name=Gold`, `allowed_updates[0]=email` |
//!
//! An empty value is never a way to clear: `Set("")` and `Set(vec![])` are refused before sending,
//! since `""` would clear by accident and an empty list would send nothing at all. Clearing is
//! always spelled [`Emptyable::Clear`].

use crate::wire::leaf::{Id, Refuse, Text, Url};
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// A field Stripe lets you leave unchanged, clear (`key=`), or set.
///
/// Builder methods of such fields take `impl Into<Emptyable<T>>`, so a plain value sets it and
/// [`Emptyable::Clear`] clears it:
///
/// ```
/// use stripe_billing_portal::configurations::ConfigurationUpdateParams;
/// use stripe_billing_portal::Emptyable;
///
/// let params = ConfigurationUpdateParams::new()
///     .name("Gold customers")
///     .default_return_url(Emptyable::Clear);
/// let body = stripe_billing_portal::form::to_string(&params)?;
/// assert_eq!(body, "default_return_url=&name=Gold+customers");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub enum Emptyable<T> {
    /// Leave the field as it is: nothing is sent.
    #[default]
    Leave,
    /// Clear the field or empty the list: `key=` is sent.
    Clear,
    /// Set the field to this value. An empty string or list is refused before sending: use
    /// [`Emptyable::Clear`] to clear.
    Set(T),
}

impl<T> Emptyable<T> {
    /// Whether the field is left as it is.
    pub fn is_leave(&self) -> bool {
        matches!(self, Emptyable::Leave)
    }

    /// Whether the field is cleared.
    pub fn is_clear(&self) -> bool {
        matches!(self, Emptyable::Clear)
    }

    /// The value, when the field is set.
    pub fn as_set(&self) -> Option<&T> {
        match self {
            Emptyable::Set(value) => Some(value),
            Emptyable::Leave | Emptyable::Clear => None,
        }
    }

    /// Borrows the set value, keeping `Leave` and `Clear` as they are.
    pub fn as_ref(&self) -> Emptyable<&T> {
        match self {
            Emptyable::Leave => Emptyable::Leave,
            Emptyable::Clear => Emptyable::Clear,
            Emptyable::Set(value) => Emptyable::Set(value),
        }
    }

    /// Maps the set value with `f`, keeping `Leave` and `Clear` as they are.
    ///
    /// ```
    /// use stripe_billing_portal::Emptyable;
    ///
    /// assert_eq!(Emptyable::Set(2).map(|n| n * 10), Emptyable::Set(20));
    /// assert_eq!(Emptyable::<i32>::Clear.map(|n| n * 10), Emptyable::Clear);
    /// ```
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Emptyable<U> {
        match self {
            Emptyable::Leave => Emptyable::Leave,
            Emptyable::Clear => Emptyable::Clear,
            Emptyable::Set(value) => Emptyable::Set(f(value)),
        }
    }
}

impl<T, E> Emptyable<Result<T, E>> {
    /// `Set(Err(e))` becomes `Err(e)`; anything else `Ok` with the value unwrapped, as
    /// [`Option::transpose`] does.
    pub fn transpose(self) -> Result<Emptyable<T>, E> {
        match self {
            Emptyable::Leave => Ok(Emptyable::Leave),
            Emptyable::Clear => Ok(Emptyable::Clear),
            Emptyable::Set(value) => value.map(Emptyable::Set),
        }
    }
}

impl<T> Emptyable<Vec<T>> {
    /// Appends `item`, for builders that add one item at a time: a left or cleared list becomes
    /// a list of this one item.
    pub(crate) fn push(&mut self, item: T) {
        match self {
            Emptyable::Set(items) => items.push(item),
            Emptyable::Leave | Emptyable::Clear => *self = Emptyable::Set(vec![item]),
        }
    }
}

impl<T> From<T> for Emptyable<T> {
    fn from(value: T) -> Self {
        Emptyable::Set(value)
    }
}

impl From<&str> for Emptyable<String> {
    fn from(value: &str) -> Self {
        Emptyable::Set(value.to_owned())
    }
}

impl<T, const N: usize> From<[T; N]> for Emptyable<Vec<T>> {
    fn from(values: [T; N]) -> Self {
        Emptyable::Set(values.into())
    }
}

/// What an empty `Set` would do on the wire, and why it is refused instead.
const EMPTY_SET: &str = "is set to an empty value; use `Emptyable::Clear` to clear it, or leave it out to keep it";

/// Leave sends nothing, Clear sends `""`, Set sends the value; an empty `Set` refuses to encode,
/// since `""` would clear by accident and `[]` would send nothing at all.
fn serialize_emptyable<T: Serialize, S: Serializer>(
    value: &Emptyable<T>,
    is_empty: fn(&T) -> bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Emptyable::Leave => serializer.serialize_none(),
        Emptyable::Clear => serializer.serialize_str(""),
        Emptyable::Set(value) if is_empty(value) => Refuse(EMPTY_SET).serialize(serializer),
        Emptyable::Set(value) => value.serialize(serializer),
    }
}

/// What an [`Emptyable::Set`] may hold: a serializable value that says whether it is empty, so
/// that an empty `Set` (which would clear by accident, or send nothing) is refused before sending.
///
/// Strings, the crate's string leaf types and lists are empty when they have no content; numbers,
/// `bool`, the crate's open enums (which refuse `Other("")` themselves) and its other param types
/// never are.
///
/// Implement it for a type of your own to use `Emptyable<YourType>` in params, e.g. with
/// `Client::request`:
///
/// ```
/// use stripe_billing_portal::{EmptyValue, Emptyable};
///
/// #[derive(serde::Serialize)]
/// #[serde(rename_all = "snake_case")]
/// enum Interval { Month, Year }
/// impl EmptyValue for Interval {}
///
/// #[derive(serde::Serialize)]
/// struct Params { interval: Emptyable<Interval>, count: Emptyable<u32> }
///
/// let body = stripe_billing_portal::form::to_string(&Params {
///     interval: Emptyable::Set(Interval::Year),
///     count: Emptyable::Clear,
/// })?;
/// assert_eq!(body, "interval=year&count=");
/// # Ok::<(), stripe_billing_portal::form::EncodeError>(())
/// ```
pub trait EmptyValue {
    /// Whether the value is empty (an empty `Set` of it is refused). Never, unless overridden.
    fn is_empty_value(&self) -> bool {
        false
    }
}

impl<T: Serialize + EmptyValue> Serialize for Emptyable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_emptyable(self, T::is_empty_value, serializer)
    }
}

impl<T> EmptyValue for Vec<T> {
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

macro_rules! empty_when_no_text {
    ($($text:ty),+) => {$(
        impl EmptyValue for $text {
            fn is_empty_value(&self) -> bool {
                AsRef::<str>::as_ref(self).is_empty()
            }
        }
    )+};
}
empty_when_no_text!(String, &str, Text, Url, Id);

macro_rules! never_empty {
    ($($value:ty),+) => {$( impl EmptyValue for $value {} )+};
}
never_empty!(bool, u8, u16, u32, u64, usize, i8, i16, i32, i64, isize, f32, f64);

macro_rules! emptyable_leaf_from {
    ($($leaf:ty),+) => {$(
        impl From<&str> for Emptyable<$leaf> {
            fn from(value: &str) -> Self {
                Emptyable::Set(value.into())
            }
        }

        impl From<String> for Emptyable<$leaf> {
            fn from(value: String) -> Self {
                Emptyable::Set(value.into())
            }
        }
    )+};
}
emptyable_leaf_from!(Text, Url, Id);

/// Lists of ids from plain strings: `.feedback_options(["fo_1", "fo_2"])`.
impl<S: Into<Id>> FromIterator<S> for Emptyable<Vec<Id>> {
    fn from_iter<I: IntoIterator<Item = S>>(ids: I) -> Self {
        Emptyable::Set(ids.into_iter().map(Into::into).collect())
    }
}

impl<const N: usize> From<[&str; N]> for Emptyable<Vec<Id>> {
    fn from(ids: [&str; N]) -> Self {
        ids.into_iter().collect()
    }
}

impl From<Vec<String>> for Emptyable<Vec<Id>> {
    fn from(ids: Vec<String>) -> Self {
        ids.into_iter().collect()
    }
}

impl From<Vec<&str>> for Emptyable<Vec<Id>> {
    fn from(ids: Vec<&str>) -> Self {
        ids.into_iter().collect()
    }
}

/// Stripe's metadata limits.
const MAX_METADATA_KEYS: usize = 50;
const MAX_METADATA_KEY_LEN: usize = 40;
const MAX_METADATA_VALUE_LEN: usize = 500;

/// What is wrong with one metadata entry, if anything (the key is known not to be empty).
fn metadata_entry_problem(key: &str, value: Option<&str>) -> Option<String> {
    if key.contains(['[', ']']) {
        return Some("keys cannot contain `[` or `]`".to_owned());
    }
    if key.chars().count() > MAX_METADATA_KEY_LEN {
        return Some(format!("keys are at most {MAX_METADATA_KEY_LEN} characters"));
    }
    match value {
        Some("") => {
            Some("is set to an empty value, which would delete the key; delete it explicitly instead".to_owned())
        }
        Some(value) if value.chars().count() > MAX_METADATA_VALUE_LEN => {
            Some(format!("values are at most {MAX_METADATA_VALUE_LEN} characters"))
        }
        _ => None,
    }
}

/// Changes to an object's `metadata`: set keys, delete keys, or clear all of them.
///
/// | change | wire |
/// |---|---|
/// | [`set`](MetadataUpdate::set) | `metadata[plan]=gold` |
/// | [`delete`](MetadataUpdate::delete) | `metadata[plan]=` |
/// | [`clear_all`](MetadataUpdate::clear_all) | `metadata=` |
///
/// Clearing everything and changing keys in the same request is refused before sending, as is
/// setting a key to `""` (that would delete it: say [`delete`](MetadataUpdate::delete)).
///
/// ```
/// use stripe_billing_portal::MetadataUpdate;
///
/// let update = MetadataUpdate::new().set("tier", "gold").delete("legacy_id");
/// # let _ = update;
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataUpdate {
    clear_all: bool,
    /// `None` deletes the key.
    changes: BTreeMap<String, Option<String>>,
}

impl MetadataUpdate {
    /// No change.
    pub fn new() -> Self {
        Self::default()
    }

    /// Remove every key: `metadata=`.
    pub fn clear_all() -> Self {
        Self { clear_all: true, changes: BTreeMap::new() }
    }

    /// Set `key` to `value`: `metadata[key]=value`.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.changes.insert(key.into(), Some(value.into()));
        self
    }

    /// Delete `key`: `metadata[key]=`.
    pub fn delete(mut self, key: impl Into<String>) -> Self {
        self.changes.insert(key.into(), None);
        self
    }

    /// Also remove every key; refused before sending when keys are changed too.
    pub(crate) fn and_clear_all(mut self) -> Self {
        self.clear_all = true;
        self
    }

    /// Whether nothing changes (nothing is sent).
    pub fn is_empty(&self) -> bool {
        !self.clear_all && self.changes.is_empty()
    }

    /// Whether every key is removed.
    pub fn is_clear_all(&self) -> bool {
        self.clear_all
    }

    /// The keys changed: `Some(value)` to set, `None` to delete.
    pub fn changes(&self) -> &BTreeMap<String, Option<String>> {
        &self.changes
    }
}

impl Serialize for MetadataUpdate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.clear_all && !self.changes.is_empty() {
            return Refuse("clearing all keys and changing keys cannot be combined in one request")
                .serialize(serializer);
        }
        if self.changes.len() > MAX_METADATA_KEYS {
            return Refuse(format_args!("changes more than {MAX_METADATA_KEYS} keys")).serialize(serializer);
        }
        if self.changes.contains_key("") {
            return Refuse("has an empty key").serialize(serializer);
        }
        if self.clear_all {
            return serializer.serialize_str("");
        }
        if self.changes.is_empty() {
            return serializer.serialize_none();
        }
        let mut map = serializer.serialize_map(Some(self.changes.len()))?;
        for (key, value) in &self.changes {
            match metadata_entry_problem(key, value.as_deref()) {
                Some(problem) => map.serialize_entry(key, &Refuse(problem))?,
                None => map.serialize_entry(key, value.as_deref().unwrap_or(""))?,
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Params {
        name: Emptyable<Text>,
        list: Emptyable<Vec<u32>>,
        metadata: MetadataUpdate,
    }

    fn encode(name: Emptyable<Text>, list: Emptyable<Vec<u32>>, metadata: MetadataUpdate) -> Result<String, String> {
        crate::form::to_string(&Params { name, list, metadata })
            .map_err(|err| format!("{}: {}", err.key(), err.reason()))
    }

    #[test]
    fn three_states_encode_to_absent_clear_and_value() {
        assert_eq!(encode(Emptyable::Leave, Emptyable::Leave, MetadataUpdate::new()).unwrap(), "");
        assert_eq!(
            encode(Emptyable::Clear, Emptyable::Clear, MetadataUpdate::clear_all()).unwrap(),
            "name=&list=&metadata="
        );
        assert_eq!(
            encode("a b".into(), [1, 2].into(), MetadataUpdate::new().set("k", "v").delete("gone")).unwrap(),
            "name=a+b&list[0]=1&list[1]=2&metadata[gone]=&metadata[k]=v"
        );
    }

    #[test]
    fn empty_values_are_refused_not_sent() {
        let err = encode("".into(), Emptyable::Leave, MetadataUpdate::new()).unwrap_err();
        assert_eq!(err, format!("name: {EMPTY_SET}"));
        let err = encode(Emptyable::Leave, [].into(), MetadataUpdate::new()).unwrap_err();
        assert_eq!(err, format!("list: {EMPTY_SET}"));
    }

    #[test]
    fn push_starts_a_list_from_leave_or_clear() {
        let mut list: Emptyable<Vec<u32>> = Emptyable::Clear;
        list.push(7);
        assert_eq!(list, Emptyable::Set(vec![7]));
        list.push(8);
        assert_eq!(list, Emptyable::Set(vec![7, 8]));
    }

    #[test]
    fn metadata_rules() {
        let refused = |metadata: MetadataUpdate| encode(Emptyable::Leave, Emptyable::Leave, metadata).unwrap_err();
        assert!(encode(Emptyable::Leave, Emptyable::Leave, MetadataUpdate::new().set("a", "b").delete("c")).is_ok());
        assert_eq!(
            refused(MetadataUpdate::new().set("a", "b").and_clear_all()),
            "metadata: clearing all keys and changing keys cannot be combined in one request"
        );
        assert!(refused(MetadataUpdate::new().set("a", "")).starts_with("metadata[a]: is set to an empty value"));
        assert_eq!(refused(MetadataUpdate::new().set("", "x")), "metadata: has an empty key");
        assert_eq!(refused(MetadataUpdate::new().set("a[b]", "x")), "metadata[a[b]]: keys cannot contain `[` or `]`");
        assert!(refused(MetadataUpdate::new().set("k".repeat(41), "x")).ends_with("keys are at most 40 characters"));
        assert!(refused(MetadataUpdate::new().set("k", "v".repeat(501))).ends_with("values are at most 500 characters"));
        let many = (0..51).fold(MetadataUpdate::new(), |m, i| m.set(format!("k{i}"), "v"));
        assert_eq!(refused(many), "metadata: changes more than 50 keys");
    }
}
