//! Validated leaf values: the rule travels with the value.
//!
//! Each type here is one of Stripe's leaf kinds. Building one never fails, so builders stay
//! chainable (`SessionCreateParams::new("cus_123")`); the check runs once, when the value is built,
//! and its verdict is kept. A value that broke its rule refuses to serialize, and the form encoder
//! turns that refusal into `Error::InvalidParam`, named by the
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
    Prefix(Prefix),
    NotUrl,
    Zero,
    TimestampRange,
}

impl Problem {
    fn message(self, value: &dyn fmt::Debug) -> String {
        match self {
            Problem::Empty => "must not be empty".to_owned(),
            Problem::Whitespace => format!("{value:?} must not contain whitespace or control characters"),
            Problem::Prefix(prefix) => format!("{value:?} is not a `{}…` id", prefix.as_str()),
            Problem::NotUrl => format!("{value:?} must be an absolute http or https URL with a host"),
            Problem::Zero => "must be at least 1".to_owned(),
            Problem::TimestampRange => {
                format!("{value:?} is not a Unix timestamp in seconds between 1 and {MAX_TIMESTAMP}")
            }
        }
    }
}

/// The message for a string leaf. A URL that fails the cheap check is parsed in full, only then,
/// so that the message says what a URL parser finds wrong with it.
fn string_message(problem: Problem, value: &str) -> String {
    if problem != Problem::NotUrl {
        return problem.message(&value);
    }
    match url::Url::parse(value) {
        Err(err) => format!("{value:?} is not an absolute URL ({err})"),
        Ok(url) if !matches!(url.scheme(), "http" | "https") || !url.has_host() => {
            format!("{value:?} must be an http or https URL")
        }
        // It parses: what is wrong is a space or a control character.
        Ok(_) => Problem::Whitespace.message(&value),
    }
}

/// The error of a `parse` constructor: the value and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct LeafError(String);

/// The id prefixes Stripe fixes, kept as one byte so that a leaf stays small.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Prefix {
    Any,
    Cus,
    Sub,
    Bpc,
    Si,
}

impl Prefix {
    fn as_str(self) -> &'static str {
        match self {
            Prefix::Any => "",
            Prefix::Cus => "cus_",
            Prefix::Sub => "sub_",
            Prefix::Bpc => "bpc_",
            Prefix::Si => "si_",
        }
    }
}

fn id_problem(value: &str, prefix: Prefix) -> Option<Problem> {
    let prefix_str = prefix.as_str();
    if value.is_empty() {
        Some(Problem::Empty)
    } else if has_space_or_control(value) {
        Some(Problem::Whitespace)
    } else if !value.starts_with(prefix_str) || value.len() == prefix_str.len() {
        Some(Problem::Prefix(prefix))
    } else {
        None
    }
}

/// Whether `value` has whitespace or a control character anywhere: bytes first (ASCII is the
/// common case), characters only when there is a non-ASCII byte.
fn has_space_or_control(value: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    /// Whether any byte of `x` is at most `b' '` (a space or a C0 control) or at least 0x7f
    /// (DEL, or not ASCII): eight bytes at a time.
    fn suspicious(x: u64) -> bool {
        let below_0x21 = x.wrapping_sub(ONES * 0x21) & !x & HIGH;
        let above_0x7e = (x | x.wrapping_add(ONES)) & HIGH;
        below_0x21 | above_0x7e != 0
    }
    let bytes = value.as_bytes();
    let mut chunks = bytes.chunks_exact(8);
    let clean = chunks.by_ref().all(|chunk| !suspicious(u64::from_ne_bytes(chunk.try_into().unwrap_or_default())))
        && chunks.remainder().iter().all(|&b| b > b' ' && b < 0x7f);
    !clean && value.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// "An absolute http or https URL with a host", as a URL parser decides it, without building a
/// URL in the common case: a plain `scheme://host.name[:port]` authority (ASCII letters, digits,
/// `-` and `.`, a last label that starts with a letter, no `xn--` label, a port of at most
/// 65535) is accepted at once, since the rest of a URL never makes parsing fail. Anything else
/// (user info, IP addresses, international names, …) is parsed in full, once, when the value
/// is built. Whitespace and control characters are refused anywhere.
fn url_problem(value: &str) -> Option<Problem> {
    if value.is_empty() {
        return Some(Problem::Empty);
    }
    if has_space_or_control(value) {
        return Some(Problem::NotUrl);
    }
    let bytes = value.as_bytes();
    let rest = if bytes.len() > 8 && bytes[..8].eq_ignore_ascii_case(b"https://") {
        &value[8..]
    } else if bytes.len() > 7 && bytes[..7].eq_ignore_ascii_case(b"http://") {
        &value[7..]
    } else {
        return Some(Problem::NotUrl);
    };
    match plain_authority(rest.as_bytes()) {
        Authority::Plain => return None,
        // No host (a parser would take the path's first segment for one).
        Authority::Empty => return Some(Problem::NotUrl),
        Authority::Other => {}
    }
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.has_host() => None,
        _ => Some(Problem::NotUrl),
    }
}

/// What starts the rest of a URL after `scheme://`.
enum Authority {
    /// `host.name` or `host.name:port`, which a URL parser takes as it is.
    Plain,
    /// Nothing, or a port without a host.
    Empty,
    /// Anything else: for the URL parser to judge.
    Other,
}

/// Reads the authority at the start of `rest` in one pass: labels of ASCII letters, digits and
/// `-` between single dots (no `xn--` label, the last one starting with a letter, so not an IPv4
/// address), then an optional port of at most 65535, up to `/`, `?`, `#`, `\` or the end.
fn plain_authority(rest: &[u8]) -> Authority {
    let is_xn = |label: &[u8]| label.get(..4).is_some_and(|start| start.eq_ignore_ascii_case(b"xn--"));
    let mut label_start = 0;
    let mut i = 0;
    while let Some(&b) = rest.get(i) {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => {}
            b'.' if i > label_start && !is_xn(&rest[label_start..]) => label_start = i + 1,
            b':' | b'/' | b'?' | b'#' | b'\\' => break,
            _ => return Authority::Other,
        }
        i += 1;
    }
    let last = &rest[label_start..i];
    if i == 0 {
        return Authority::Empty;
    }
    if last.is_empty() || is_xn(last) || !last[0].is_ascii_alphabetic() {
        return Authority::Other;
    }
    let digits = match rest[i..].split_first() {
        Some((b':', tail)) => {
            let end = tail.iter().position(|b| matches!(b, b'/' | b'?' | b'#' | b'\\')).unwrap_or(tail.len());
            &tail[..end]
        }
        _ => return Authority::Plain,
    };
    let port_ok = (1..=5).contains(&digits.len())
        && digits.iter().all(u8::is_ascii_digit)
        && digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')) <= 65535;
    if port_ok {
        Authority::Plain
    } else {
        Authority::Other
    }
}

/// The string leaf types, one row each: the doc, the name, and the check that finds what is
/// wrong with a value (`fn(&str) -> Option<Problem>`).
macro_rules! string_leaf {
    ($($(#[$meta:meta])* $name:ident: $check:expr;)+) => {$(
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
                    Some(problem) => Err(LeafError(string_message(problem, &leaf.value))),
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
                    Some(problem) => Err(S::Error::custom(string_message(problem, &self.value))),
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
    )+};
}

string_leaf! {
    /// Any Stripe object id: not empty, without whitespace or control characters. No prefix is
    /// assumed, since many ids are chosen by users (coupons, legacy plan ids used as prices).
    Id: |value| id_problem(value, Prefix::Any);
    /// A customer id: `cus_…`.
    CustomerId: |value| id_problem(value, Prefix::Cus);
    /// A subscription id: `sub_…`.
    SubscriptionId: |value| id_problem(value, Prefix::Sub);
    /// A portal configuration id: `bpc_…`.
    ConfigurationId: |value| id_problem(value, Prefix::Bpc);
    /// A subscription item id: `si_…`.
    SubscriptionItemId: |value| id_problem(value, Prefix::Si);
    /// An absolute `http` or `https` URL with a host, such as a `return_url`.
    Url: url_problem;
    /// A string that must not be empty (`""` means "clear" to Stripe: use [`Emptyable::Clear`](crate::Emptyable::Clear) for that).
    Text: |value| value.is_empty().then_some(Problem::Empty);
}

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

/// A value that always refuses to serialize with its reason: a params type's `Serialize` writes it
/// in place of a field that breaks a rule involving other fields, so the encoder names that
/// field's bracketed path in the error.
pub(crate) struct Refuse<M>(pub(crate) M);

impl<M: fmt::Display> Serialize for Refuse<M> {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(S::Error::custom(&self.0))
    }
}

/// A borrowed string checked as an [`Id`] when it is serialized: for params that keep a plain
/// `String` (the paging cursors that auto-pagination moves).
pub(crate) struct AsId<'a>(pub(crate) &'a str);

impl Serialize for AsId<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match id_problem(self.0, Prefix::Any) {
            Some(problem) => Err(S::Error::custom(string_message(problem, self.0))),
            None => serializer.serialize_str(self.0),
        }
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
    fn plain_authorities_skip_the_full_parse_and_the_rest_is_parsed() {
        for plain in ["example.com", "a-b.example.co.uk:443/x", "localhost:3000", "EXAMPLE.COM?q", "a.b#f"] {
            assert!(matches!(plain_authority(plain.as_bytes()), Authority::Plain), "{plain}");
        }
        for empty in ["", "/path", ":80/"] {
            assert!(matches!(plain_authority(empty.as_bytes()), Authority::Empty), "{empty}");
        }
        for parsed in [
            "127.0.0.1:8080",
            "user@example.com",
            "xn--bcher-kva.example",
            "a..b",
            "example.com.",
            "[::1]",
            "ex_ample.com",
            "example.com:99999",
            "1.2.3.4",
        ] {
            assert!(matches!(plain_authority(parsed.as_bytes()), Authority::Other), "{parsed}");
        }
        assert!(Url::from("http://127.0.0.1:8080/x").is_valid());
        assert!(Url::from("https://user@example.com").is_valid());
        assert!(!Url::from("https://example.com:99999").is_valid());
        assert!(!Url::from("http://1.2.3.256/").is_valid());
    }

    #[test]
    fn whitespace_and_controls_are_found_in_any_position() {
        for bad in ["a b", "abcdefgh\n", "abcdefghijklmnop\u{7f}", "\u{a0}x", "x\u{2028}", "12345678\t12345678"] {
            assert!(has_space_or_control(bad), "{bad:?}");
        }
        for good in ["", "abc", "abcdefgh", "price_1234567890abcdef", "café_crème", "~!@#$%^&*()"] {
            assert!(!has_space_or_control(good), "{good:?}");
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
