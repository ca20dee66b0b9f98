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

use crate::leaf::Text;
use crate::{wire::validate, Error};
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

impl From<&str> for Emptyable<Text> {
    fn from(value: &str) -> Self {
        Emptyable::Set(Text::from(value))
    }
}

impl From<String> for Emptyable<Text> {
    fn from(value: String) -> Self {
        Emptyable::Set(Text::from(value))
    }
}

impl<T, const N: usize> From<[T; N]> for Emptyable<Vec<T>> {
    fn from(values: [T; N]) -> Self {
        Emptyable::Set(values.into())
    }
}

impl<T: Serialize> Serialize for Emptyable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Emptyable::Leave => serializer.serialize_none(),
            Emptyable::Clear => serializer.serialize_str(""),
            Emptyable::Set(value) => value.serialize(serializer),
        }
    }
}

/// Values that can be empty, so that `Set(empty)` can be refused.
pub(crate) trait MaybeEmpty {
    fn is_empty_value(&self) -> bool;
}

impl MaybeEmpty for String {
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl<T> MaybeEmpty for Vec<T> {
    fn is_empty_value(&self) -> bool {
        self.is_empty()
    }
}

impl<T> Emptyable<T> {
    /// The value when set; refuses an empty one, which would clear by accident (`""`) or send
    /// nothing (`[]`).
    pub(crate) fn checked(&self, param: &str) -> Result<Option<&T>, Error>
    where
        T: MaybeEmpty,
    {
        match self {
            Emptyable::Set(value) if value.is_empty_value() => Err(Error::invalid_param(
                param,
                "is set to an empty value; use `Emptyable::Clear` to clear it, or leave it out to keep it",
            )),
            Emptyable::Set(value) => Ok(Some(value)),
            Emptyable::Leave | Emptyable::Clear => Ok(None),
        }
    }

    /// Like [`checked`](Emptyable::checked), also refusing [`Emptyable::Clear`] where Stripe does
    /// not accept `""` (a parameter only clearable on update, sent on create).
    pub(crate) fn checked_not_clear(&self, param: &str, why: &str) -> Result<Option<&T>, Error>
    where
        T: MaybeEmpty,
    {
        if self.is_clear() {
            return Err(Error::invalid_param(param, format!("cannot be cleared {why}")));
        }
        self.checked(param)
    }
}

/// Stripe's metadata limits.
pub(crate) const MAX_METADATA_KEYS: usize = 50;
const MAX_METADATA_KEY_LEN: usize = 40;
const MAX_METADATA_VALUE_LEN: usize = 500;

/// Checks one metadata key, and the value when one is set.
pub(crate) fn check_metadata_entry(key: &str, value: Option<&str>) -> Result<(), Error> {
    if key.is_empty() {
        return Err(Error::invalid_param("metadata", "has an empty key"));
    }
    let param = format!("metadata[{key}]");
    if key.contains(['[', ']']) {
        return Err(Error::invalid_param(param, "keys cannot contain `[` or `]`"));
    }
    if key.chars().count() > MAX_METADATA_KEY_LEN {
        return Err(Error::invalid_param(param, format!("keys are at most {MAX_METADATA_KEY_LEN} characters")));
    }
    match value {
        Some("") => Err(Error::invalid_param(
            param,
            "is set to an empty value, which would delete the key; delete it explicitly instead",
        )),
        Some(value) if value.chars().count() > MAX_METADATA_VALUE_LEN => {
            Err(Error::invalid_param(param, format!("values are at most {MAX_METADATA_VALUE_LEN} characters")))
        }
        _ => Ok(()),
    }
}

/// Checks a map of metadata to set (as on create).
pub(crate) fn check_metadata(metadata: &BTreeMap<String, String>) -> Result<(), Error> {
    if metadata.len() > MAX_METADATA_KEYS {
        return Err(Error::invalid_param("metadata", format!("has more than {MAX_METADATA_KEYS} keys")));
    }
    metadata.iter().try_for_each(|(key, value)| check_metadata_entry(key, Some(value)))
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

    pub(crate) fn validate(&self) -> Result<(), Error> {
        if self.clear_all && !self.changes.is_empty() {
            return Err(Error::invalid_param(
                "metadata",
                "clearing all keys and changing keys cannot be combined in one request",
            ));
        }
        if self.changes.len() > MAX_METADATA_KEYS {
            return Err(Error::invalid_param("metadata", format!("changes more than {MAX_METADATA_KEYS} keys")));
        }
        for (key, value) in &self.changes {
            check_metadata_entry(key, value.as_deref())?;
        }
        Ok(())
    }
}

impl Serialize for MetadataUpdate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.clear_all {
            return serializer.serialize_str("");
        }
        if self.changes.is_empty() {
            return serializer.serialize_none();
        }
        let mut map = serializer.serialize_map(Some(self.changes.len()))?;
        for (key, value) in &self.changes {
            map.serialize_entry(key, value.as_deref().unwrap_or(""))?;
        }
        map.end()
    }
}

/// Checks a URL that may be set, cleared or left.
pub(crate) fn check_url(param: &str, value: &Emptyable<String>) -> Result<(), Error> {
    match value.checked(param)? {
        Some(url) => validate::http_url(param, url),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Params {
        name: Emptyable<String>,
        list: Emptyable<Vec<u32>>,
        metadata: MetadataUpdate,
    }

    fn encode(name: Emptyable<String>, list: Emptyable<Vec<u32>>, metadata: MetadataUpdate) -> String {
        crate::form::to_string(&Params { name, list, metadata }).unwrap()
    }

    #[test]
    fn three_states_encode_to_absent_clear_and_value() {
        assert_eq!(encode(Emptyable::Leave, Emptyable::Leave, MetadataUpdate::new()), "");
        assert_eq!(encode(Emptyable::Clear, Emptyable::Clear, MetadataUpdate::clear_all()), "name=&list=&metadata=");
        assert_eq!(
            encode("a b".into(), [1, 2].into(), MetadataUpdate::new().set("k", "v").delete("gone")),
            "name=a+b&list[0]=1&list[1]=2&metadata[gone]=&metadata[k]=v"
        );
    }

    #[test]
    fn empty_values_are_refused_not_sent() {
        let empty_string: Emptyable<String> = "".into();
        let err = empty_string.checked("name").unwrap_err();
        assert!(err.to_string().starts_with("invalid parameter `name`"), "{err}");
        let empty_list: Emptyable<Vec<u32>> = [].into();
        assert!(empty_list.checked("list").is_err());
        assert_eq!(Emptyable::<String>::Clear.checked("name").unwrap(), None);
        assert!(Emptyable::<String>::Clear.checked_not_clear("name", "here").is_err());
        assert_eq!(Emptyable::Set("x".to_owned()).checked("name").unwrap().map(String::as_str), Some("x"));
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
        assert!(MetadataUpdate::clear_all().validate().is_ok());
        assert!(MetadataUpdate::new().set("a", "b").delete("c").validate().is_ok());
        let err = MetadataUpdate::new().set("a", "b").and_clear_all().validate().unwrap_err();
        assert!(err.to_string().starts_with("invalid parameter `metadata`"), "{err}");
        let err = MetadataUpdate::new().set("a", "").validate().unwrap_err();
        assert!(err.to_string().starts_with("invalid parameter `metadata[a]`"), "{err}");
        assert!(MetadataUpdate::new().set("", "x").validate().is_err());
        assert!(MetadataUpdate::new().set("a[b]", "x").validate().is_err());
        assert!(MetadataUpdate::new().set("k".repeat(41), "x").validate().is_err());
        assert!(MetadataUpdate::new().set("k", "v".repeat(501)).validate().is_err());
        let many = (0..51).fold(MetadataUpdate::new(), |m, i| m.set(format!("k{i}"), "v"));
        assert!(many.validate().is_err());
    }
}
