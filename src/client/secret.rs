//! The secret API key, kept out of every `Debug`, `Display`, log line and error.

use std::fmt;

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
        let prefix = ["sk_test_", "sk_live_", "rk_test_", "rk_live_"]
            .into_iter()
            .find(|p| self.0.starts_with(p))
            .unwrap_or_else(|| self.0.get(..3).unwrap_or_default());
        format!("{prefix}********")
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::SecretKey;

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
    }
}
