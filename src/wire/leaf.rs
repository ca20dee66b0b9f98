//! Validated leaf values: the rule travels with the value.
//!
//! Each type here is one of Stripe's leaf kinds. Building one never fails, so builders stay
//! chainable (`SessionCreateParams::new("cus_123")`); the check runs once, when the value is built,
//! and its verdict is kept. A value that broke its rule refuses to serialize, and the form encoder
//! turns that refusal into [`Error::InvalidParam`](crate::Error::InvalidParam) named by the
//! bracketed path of the field that holds it (`flow_data[subscription_update_confirm][items][0][id]`),
//! before anything is sent. Where the input comes from a user (a file, a request), the `parse`
//! constructors and `Deserialize` check eagerly instead.
//!
//! | type | rule |
//! |---|---|
//! | [`CustomerId`], [`SubscriptionId`], [`ConfigurationId`], [`SubscriptionItemId`] | an [`Id`] with the prefix Stripe fixes (`cus_`, `sub_`, `bpc_`, `si_`) |
//! | [`Id`] | any other Stripe id: not empty, no whitespace or control characters; no prefix is assumed (coupons, prices, promotion codes and legacy plan ids are named by users) |
//! | [`Url`] | an absolute `http` or `https` URL with a host, without whitespace |
//! | [`Text`] | not empty |
//! | [`Quantity`] | a whole number of at least 1 |
//! | [`Timestamp`] | Unix seconds, from 1 to 253402300799 (the end of year 9999) |

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Error as _, Serialize, Serializer};
use std::fmt;

/// Why a leaf value breaks its rule. Rendered with the value only when an error is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Problem {
    Empty,
    Whitespace,
    Prefix(&'static str),
    NotUrl,
    Zero,
    TimestampRange,
}

impl Problem {
    fn message(self, value: &dyn fmt::Debug) -> String {
        match self {
            Problem::Empty => "must not be empty".to_owned(),
            Problem::Whitespace => format!("{value:?} must not contain whitespace or control characters"),
            Problem::Prefix(prefix) => format!("{value:?} is not a `{prefix}…` id"),
            Problem::NotUrl => format!("{value:?} must be an absolute http or https URL with a host"),
            Problem::Zero => "must be at least 1".to_owned(),
            Problem::TimestampRange => {
                format!("{value:?} is not a Unix timestamp in seconds between 1 and {MAX_TIMESTAMP}")
            }
        }
    }
}

/// The error of a `parse` constructor: the value and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LeafError(String);

fn id_problem(value: &str, prefix: &'static str) -> Option<Problem> {
    if value.is_empty() {
        Some(Problem::Empty)
    } else if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        Some(Problem::Whitespace)
    } else if !value.starts_with(prefix) || value.len() == prefix.len() {
        Some(Problem::Prefix(prefix))
    } else {
        None
    }
}

/// A check of "absolute http(s) URL with a host", without building a full URL: the scheme, then a
/// non-empty authority, and no whitespace or control character anywhere. Stripe parses the URL
/// itself; this only refuses what it would certainly refuse, cheaply enough to run on every value.
fn url_problem(value: &str) -> Option<Problem> {
    if value.is_empty() {
        return Some(Problem::Empty);
    }
    let bytes = value.as_bytes();
    let rest = if bytes.len() > 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
        &value[8..]
    } else if bytes.len() > 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
        &value[7..]
    } else {
        return Some(Problem::NotUrl);
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = authority.rsplit('@').next().unwrap_or_default();
    let host_is_empty = host.is_empty() || host.starts_with(':');
    if host_is_empty || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some(Problem::NotUrl);
    }
    None
}

macro_rules! string_leaf {
    ($(#[$meta:meta])* $name:ident, $check:expr) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $name {
            value: String,
            problem: Option<Problem>,
        }

        impl $name {
            /// Checks `value` now: `Err` names what is wrong with it.
            pub fn parse(value: impl Into<String>) -> Result<Self, LeafError> {
                let leaf = Self::from(value.into());
                match leaf.problem {
                    Some(problem) => Err(LeafError(problem.message(&leaf.value))),
                    None => Ok(leaf),
                }
            }

            /// The value as given.
            pub fn as_str(&self) -> &str {
                &self.value
            }

            /// Whether the value keeps its rule (it will encode).
            pub fn is_valid(&self) -> bool {
                self.problem.is_none()
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                let check: fn(&str) -> Option<Problem> = $check;
                let problem = check(&value);
                Self { value, problem }
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::from(value.to_owned())
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                Self::from(value.clone())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.value
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.value == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.value == *other
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.value, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.value)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self.problem {
                    Some(problem) => Err(S::Error::custom(problem.message(&self.value))),
                    None => serializer.serialize_str(&self.value),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = String::deserialize(deserializer)?;
                Self::parse(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

string_leaf!(
    /// Any Stripe object id: not empty, without whitespace or control characters. No prefix is
    /// assumed, since many ids are chosen by users (coupons, legacy plan ids used as prices).
    Id,
    |value| id_problem(value, "")
);
string_leaf!(
    /// A customer id: `cus_…`.
    CustomerId,
    |value| id_problem(value, "cus_")
);
string_leaf!(
    /// A subscription id: `sub_…`.
    SubscriptionId,
    |value| id_problem(value, "sub_")
);
string_leaf!(
    /// A portal configuration id: `bpc_…`.
    ConfigurationId,
    |value| id_problem(value, "bpc_")
);
string_leaf!(
    /// A subscription item id: `si_…`.
    SubscriptionItemId,
    |value| id_problem(value, "si_")
);
string_leaf!(
    /// An absolute `http` or `https` URL with a host, such as a `return_url`.
    Url,
    url_problem
);
string_leaf!(
    /// A string that must not be empty (`""` means "clear" to Stripe: use [`Emptyable::Clear`](crate::Emptyable::Clear) for that).
    Text,
    |value| value.is_empty().then_some(Problem::Empty)
);

/// The largest [`Timestamp`]: 9999-12-31T23:59:59Z.
pub const MAX_TIMESTAMP: i64 = 253_402_300_799;

macro_rules! number_leaf {
    ($(#[$meta:meta])* $name:ident($inner:ty), $check:expr) => {
        $(#[$meta])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name($inner);

        impl $name {
            /// Checks `value` now: `Err` names what is wrong with it.
            pub fn parse(value: $inner) -> Result<Self, LeafError> {
                match Self::problem(value) {
                    Some(problem) => Err(LeafError(problem.message(&value))),
                    None => Ok(Self(value)),
                }
            }

            fn problem(value: $inner) -> Option<Problem> {
                let check: fn($inner) -> Option<Problem> = $check;
                check(value)
            }

            /// The number as given.
            pub fn get(self) -> $inner {
                self.0
            }
        }

        impl From<$inner> for $name {
            fn from(value: $inner) -> Self {
                Self(value)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match Self::problem(self.0) {
                    Some(problem) => Err(S::Error::custom(problem.message(&self.0))),
                    None => self.0.serialize(serializer),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <$inner>::deserialize(deserializer)?;
                Self::parse(value).map_err(serde::de::Error::custom)
            }
        }
    };
}

number_leaf!(
    /// A quantity of at least 1 (Stripe refuses 0 where this is used).
    Quantity(u64),
    |value| (value == 0).then_some(Problem::Zero)
);
number_leaf!(
    /// A point in time as Unix seconds, from 1 to [`MAX_TIMESTAMP`].
    Timestamp(i64),
    |value| (!(1..=MAX_TIMESTAMP).contains(&value)).then_some(Problem::TimestampRange)
);

/// A value that always refuses to serialize with `reason`: a params type's `Serialize` writes it
/// in place of a field that breaks a rule involving other fields, so the encoder names that
/// field's bracketed path in the error.
#[allow(dead_code)] // adopted by the params types as they move onto leaf types
pub(crate) struct Refuse<'a>(pub(crate) &'a str);

impl Serialize for Refuse<'_> {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_keep_the_prefix_stripe_fixes_and_no_other() {
        assert!(CustomerId::from("cus_123").is_valid());
        assert!(!CustomerId::from("sub_123").is_valid());
        assert!(!CustomerId::from("cus_").is_valid());
        assert!(!CustomerId::from("cus 123").is_valid());
        assert!(Id::from("UPGRADE10").is_valid());
        assert!(Id::from("gold-plan-2019").is_valid());
        assert!(!Id::from("").is_valid());
        assert!(!Id::from("price_1\n").is_valid());
        assert_eq!(SubscriptionItemId::parse("sub_1").unwrap_err().to_string(), "\"sub_1\" is not a `si_…` id");
    }

    #[test]
    fn urls() {
        for good in
            ["https://example.com/account", "http://localhost:3000/billing", "HTTPS://EXAMPLE.COM", "https://a.b?x=1"]
        {
            assert!(Url::from(good).is_valid(), "{good}");
        }
        for bad in [
            "",
            "example.com",
            "/account",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "ftp://x.y",
            "https://",
            "https:///path",
            "https://:80/",
            "https://exa mple.com",
        ] {
            assert!(!Url::from(bad).is_valid(), "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert!(Quantity::parse(0).is_err());
        assert_eq!(Quantity::parse(3).unwrap().get(), 3);
        assert!(Timestamp::parse(0).is_err());
        assert!(Timestamp::parse(MAX_TIMESTAMP + 1).is_err());
        assert!(Timestamp::parse(1_700_000_000).is_ok());
    }

    #[test]
    fn a_broken_leaf_is_refused_by_the_encoder_with_its_path() {
        #[derive(serde::Serialize)]
        struct Item {
            id: SubscriptionItemId,
            quantity: Quantity,
        }
        #[derive(serde::Serialize)]
        struct Params {
            items: Vec<Item>,
        }
        let params = Params {
            items: vec![Item { id: "si_1".into(), quantity: 1.into() }, Item { id: "si_2".into(), quantity: 0.into() }],
        };
        let err = crate::form::to_string(&params).unwrap_err();
        assert_eq!(err.key(), "items[1][quantity]");
        assert_eq!(err.reason(), "must be at least 1");
    }
}
