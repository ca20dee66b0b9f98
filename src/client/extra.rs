//! Extra raw parameters ([`Call::extra_param`](super::Call::extra_param)): checked, then encoded
//! after the typed ones.

use crate::{form, Error};
use serde::Serialize;
use std::collections::BTreeMap;
use std::ops::Bound;

/// Encodes `params`, then `extra` in the order given, into one form string.
///
/// Without extras this is the encoder's single pass. With them, the typed pairs are gathered
/// first so that every extra key can be checked against them and against the extras before it.
pub(crate) fn encode<P: Serialize + ?Sized>(params: &P, extra: &[(String, String)]) -> Result<String, Error> {
    if extra.is_empty() {
        return Ok(form::to_string(params)?);
    }
    let mut pairs = form::to_pairs(params)?;
    // Every key sent so far, and whether it came from the typed params.
    let mut sent: BTreeMap<&str, bool> = pairs.iter().map(|(key, _)| (key.as_str(), true)).collect();
    for (key, _) in extra {
        check_key(key).map_err(|reason| Error::invalid_param(key.as_str(), reason))?;
        if let Some((other, typed)) = collision(&sent, key) {
            let reason = match (typed, other == key) {
                (true, true) => "is already sent by the typed params; set it there, or leave it unset there".to_owned(),
                (true, false) => format!("collides with `{other}`, which the typed params already send"),
                (false, true) => "is given twice".to_owned(),
                (false, false) => format!("collides with the extra parameter `{other}`"),
            };
            return Err(Error::invalid_param(key.as_str(), reason));
        }
        sent.insert(key, false);
    }
    pairs.extend(extra.iter().cloned());
    Ok(form::pairs_to_string(&pairs))
}

/// A key already sent that `key` collides with: the same key, or one of the two a bracketed
/// prefix of the other (`metadata` and `metadata[plan]`; not `metadata` and `metadata_x`).
fn collision<'a>(sent: &BTreeMap<&'a str, bool>, key: &str) -> Option<(&'a str, bool)> {
    if let Some((&other, &typed)) = sent.get_key_value(key) {
        return Some((other, typed));
    }
    // A key sent below `key`: the keys starting with `key[` sort together.
    let below = format!("{key}[");
    if let Some((&other, &typed)) = sent
        .range::<str, _>((Bound::Included(below.as_str()), Bound::Unbounded))
        .next()
        .filter(|(other, _)| other.starts_with(&below))
    {
        return Some((other, typed));
    }
    // A key sent above `key`: one of its bracketed prefixes.
    key.match_indices('[').find_map(|(i, _)| sent.get_key_value(&key[..i]).map(|(&other, &typed)| (other, typed)))
}

/// `name` or `name[part]…`: a non-empty name and non-empty parts, no stray brackets. Stripe's
/// `name[]` list spelling is refused: an explicit index (`name[0]`) says which item it is.
fn check_key(key: &str) -> Result<(), &'static str> {
    const SHAPE: &str =
        "must be `name` or `name[part]…` with non-empty parts, e.g. `features[subscription_cancel][mode]`";
    let name_end = key.find('[').unwrap_or(key.len());
    if name_end == 0 || key[..name_end].contains(']') {
        return Err(SHAPE);
    }
    let mut rest = &key[name_end..];
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('[') else { return Err(SHAPE) };
        let Some(close) = inner.find(']') else { return Err(SHAPE) };
        let part = &inner[..close];
        if part.is_empty() || part.contains('[') {
            return Err(SHAPE);
        }
        rest = &inner[close + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_shapes() {
        for good in ["locale", "features[x]", "items[0][price]", "metadata[a b]"] {
            assert_eq!(check_key(good), Ok(()), "{good}");
        }
        for bad in ["", "[x]", "a[", "a]", "a[]", "a[b]c", "a[[b]]", "a[b][", "a]b["] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn collisions() {
        let sent = BTreeMap::from([("metadata[plan]", true), ("features[x][enabled]", true), ("locale", false)]);
        assert_eq!(collision(&sent, "metadata"), Some(("metadata[plan]", true)));
        assert_eq!(collision(&sent, "metadata[plan]"), Some(("metadata[plan]", true)));
        assert_eq!(collision(&sent, "metadata[plan][x]"), Some(("metadata[plan]", true)));
        assert_eq!(collision(&sent, "features[x]"), Some(("features[x][enabled]", true)));
        assert_eq!(collision(&sent, "locale"), Some(("locale", false)));
        for free in ["metadata_x", "metadata[plan2]", "features[y]", "features[x][mode]", "locales"] {
            assert_eq!(collision(&sent, free), None, "{free}");
        }
    }
}
