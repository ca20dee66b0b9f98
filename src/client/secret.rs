//! The secret API key, kept out of every `Debug`, `Display`, log line and error.

use std::fmt;

/// What the crate shows in place of a secret: `{shown}********`, `shown` being the part that
/// may be seen (a key's mode prefix, a signing secret's `whsec_`, or nothing).
pub(crate) fn masked(shown: &str) -> String {
    format!("{shown}********")
}

/// A kind and mode of Stripe API key, known by the prefix every key of it starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeyMode {
    /// `sk_test_`, `rk_live_`, `pk_test_`, …: what may be shown of such a key.
    pub(crate) prefix: &'static str,
    /// A secret (`sk_`) or restricted (`rk_`) key, which calls the API; not a publishable (`pk_`) one.
    pub(crate) secret: bool,
    /// A test-mode key.
    pub(crate) test: bool,
}

impl KeyMode {
    /// A test-mode secret or restricted key: one that calls the API in test mode. The fake
    /// Stripe accepts only these.
    #[cfg_attr(not(feature = "testing"), allow(dead_code))]
    pub(crate) fn is_test_secret(self) -> bool {
        self.secret && self.test
    }
}

/// Stripe's key modes, one row each: the one place that knows their prefixes.
const KEY_MODES: [KeyMode; 6] = [
    KeyMode { prefix: "sk_test_", secret: true, test: true },
    KeyMode { prefix: "sk_live_", secret: true, test: false },
    KeyMode { prefix: "rk_test_", secret: true, test: true },
    KeyMode { prefix: "rk_live_", secret: true, test: false },
    KeyMode { prefix: "pk_test_", secret: false, test: true },
    KeyMode { prefix: "pk_live_", secret: false, test: false },
];

/// The mode of `key`, if it starts with one of Stripe's mode prefixes.
pub(crate) fn key_mode(key: &str) -> Option<KeyMode> {
    KEY_MODES.into_iter().find(|mode| key.starts_with(mode.prefix))
}

/// Any text given as a key, shown as its mode prefix only (`sk_test_********`), or as `********`
/// when it has none.
#[cfg_attr(not(feature = "testing"), allow(dead_code))]
pub(crate) fn masked_key(key: &str) -> String {
    masked(key_mode(key).map_or("", |mode| mode.prefix))
}

/// A Stripe secret (`sk_…`) or restricted (`rk_…`) key.
///
/// The key is only ever read to build the `Authorization` header. Formatting shows the key's mode
/// prefix and nothing else: `sk_test_********`.
#[derive(Clone)]
pub(crate) struct SecretKey(String);

impl SecretKey {
    /// Checks the key's shape: not empty, no whitespace, only printable ASCII, `sk_` or `rk_` prefix.
    /// The reasons never quote the key.
    pub(crate) fn parse(key: String) -> Result<Self, &'static str> {
        if key.is_empty() {
            return Err("the secret key is empty");
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("the secret key contains whitespace or control characters");
        }
        if !key.bytes().all(|b| b.is_ascii_graphic()) {
            return Err("the secret key contains characters that are not printable ASCII");
        }
        if !(key.starts_with("sk_") || key.starts_with("rk_")) {
            return Err("the secret key must start with `sk_` (secret) or `rk_` (restricted)");
        }
        Ok(Self(key))
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// The key with everything after its mode prefix (`sk_test_`, `rk_live_`, …) masked.
    pub(crate) fn masked(&self) -> String {
        match key_mode(&self.0) {
            Some(mode) => masked(mode.prefix),
            None => masked(self.0.get(..3).unwrap_or_default()),
        }
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::{key_mode, SecretKey};

    #[test]
    fn shape_is_checked() {
        assert!(SecretKey::parse(String::new()).is_err());
        assert!(SecretKey::parse("sk_test_ abc".into()).is_err());
        assert!(SecretKey::parse("pk_test_abc".into()).is_err());
        assert!(SecretKey::parse("sk_test_é".into()).is_err());
        assert!(SecretKey::parse("sk_test_\u{7f}".into()).is_err());
        assert!(SecretKey::parse("rk_live_abc".into()).is_ok());
    }

    #[test]
    fn formatting_masks_all_but_the_mode() {
        let key = SecretKey::parse("sk_test_4eC39HqLyjWDarjtT1zdp7dc".into()).unwrap();
        assert_eq!(format!("{key:?}"), "SecretKey(sk_test_********)");
        assert_eq!(SecretKey::parse("sk_abc".into()).unwrap().masked(), "sk_********");
        assert_eq!(SecretKey::parse("rk_live_abc".into()).unwrap().masked(), "rk_live_********");
    }

    #[test]
    fn a_key_mode_is_known_by_its_prefix() {
        let cases = [
            ("sk_test_abc", Some(("sk_test_", true))),
            ("sk_live_abc", Some(("sk_live_", false))),
            ("rk_test_abc", Some(("rk_test_", true))),
            ("rk_live_abc", Some(("rk_live_", false))),
            ("pk_test_abc", None),
            ("pk_live_abc", None),
            ("sk_abc", None),
            ("SK_TEST_abc", None),
            ("whsec_abc", None),
            ("", None),
        ];
        for (key, test_secret) in cases {
            let mode = key_mode(key).filter(|mode| mode.secret).map(|mode| (mode.prefix, mode.is_test_secret()));
            assert_eq!(mode, test_secret, "{key}");
        }
        let publishable = ["pk_test_abc", "pk_live_abc"].map(|key| key_mode(key).map(|mode| (mode.prefix, mode.test)));
        assert_eq!(publishable, [Some(("pk_test_", true)), Some(("pk_live_", false))]);
    }
}
