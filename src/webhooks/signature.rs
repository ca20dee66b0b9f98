//! The `Stripe-Signature` header: parsing it, checking it, and making one.
//!
//! The header is `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`; each `v1` is the lowercase hex
//! HMAC-SHA256, keyed with the endpoint secret, of the bytes `"<t>.<body>"`. While a secret is being
//! rolled, Stripe sends one `v1` per secret, so any one matching is enough.

use super::WebhookError;
use hmac::{Hmac, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// The parts of a `Stripe-Signature` header that matter: its timestamp and its `v1` signatures.
///
/// Parts are separated by commas and may come in any order; whitespace around parts, keys and
/// values is ignored, as are empty parts, parts without `=`, and schemes other than `t` and `v1`
/// (such as `v0`). A `v1` whose value is not hex is kept: it simply never matches.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SignatureHeader {
    /// `t`, Unix seconds.
    pub timestamp: i64,
    /// Every `v1` value, in header order.
    pub signatures: Vec<String>,
    /// `t` exactly as written: the signed payload starts with these bytes.
    timestamp_text: String,
}

impl SignatureHeader {
    /// Parses a header value.
    ///
    /// Errors: [`MissingHeader`](WebhookError::MissingHeader) when it is empty or blank,
    /// [`MalformedHeader`](WebhookError::MalformedHeader) when `t` is absent, not an integer, or
    /// given twice, [`NoV1Signature`](WebhookError::NoV1Signature) when no `v1` has a value.
    pub fn parse(header: &str) -> Result<Self, WebhookError> {
        if header.trim().is_empty() {
            return Err(WebhookError::MissingHeader);
        }
        let mut timestamp: Option<(i64, &str)> = None;
        let mut signatures = Vec::new();
        for part in header.split(',') {
            let Some((key, value)) = part.split_once('=') else { continue };
            let value = value.trim();
            match key.trim() {
                "t" => {
                    if timestamp.is_some() {
                        return Err(malformed("more than one timestamp `t`"));
                    }
                    let parsed = value.parse().map_err(|_| malformed("the timestamp `t` is not an integer"))?;
                    timestamp = Some((parsed, value));
                }
                "v1" if !value.is_empty() => signatures.push(value.to_owned()),
                _ => {}
            }
        }
        let (timestamp, timestamp_text) = timestamp.ok_or_else(|| malformed("no timestamp `t`"))?;
        if signatures.is_empty() {
            return Err(WebhookError::NoV1Signature);
        }
        Ok(SignatureHeader { timestamp, signatures, timestamp_text: timestamp_text.to_owned() })
    }

    /// Whether any `v1` signature is the HMAC of this header's timestamp and `payload` under
    /// `secret`. Each comparison runs in constant time.
    pub fn matches(&self, payload: &[u8], secret: &str) -> bool {
        let Some(mac) = signed_payload_mac(&self.timestamp_text, payload, secret) else { return false };
        self.signatures
            .iter()
            .filter_map(|signature| hex_decode(signature))
            .any(|tag| mac.clone().verify_slice(&tag).is_ok())
    }
}

fn malformed(reason: &'static str) -> WebhookError {
    WebhookError::MalformedHeader { reason }
}

/// The HMAC state after reading `"<t>.<payload>"`; `None` only if the HMAC refused the key, which
/// HMAC-SHA256 never does (it accepts keys of any length).
fn signed_payload_mac(timestamp: &str, payload: &[u8], secret: &str) -> Option<HmacSha256> {
    let mut mac = HmacSha256::new_from_slice(secret.as_bytes()).ok()?;
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(payload);
    Some(mac)
}

/// The `v1` signature of `payload` signed at `timestamp` with `secret`: lowercase hex
/// HMAC-SHA256 of `"<timestamp>.<payload>"`.
pub fn compute_signature(payload: &[u8], secret: &str, timestamp: i64) -> String {
    signed_payload_mac(&timestamp.to_string(), payload, secret)
        .map(|mac| hex_encode(&mac.finalize().into_bytes()))
        .unwrap_or_default()
}

/// A valid `Stripe-Signature` header value for `payload`: `t=<timestamp>,v1=<signature>`.
///
/// Use it to test your own webhook handler with events you make up:
///
/// ```
/// use stripe_billing_portal::webhooks::{signature_header, Verifier};
///
/// let body = br#"{"id":"evt_1","object":"event","type":"plan.created","created":1700000000,
///     "livemode":false,"data":{"object":{}}}"#;
/// let header = signature_header(body, "whsec_test", 1_700_000_000);
/// let event = Verifier::new("whsec_test").unwrap().construct_event_at(body, &header, 1_700_000_000).unwrap();
/// assert_eq!(event.id, "evt_1");
/// ```
pub fn signature_header(payload: &[u8], secret: &str, timestamp: i64) -> String {
    format!("t={timestamp},v1={}", compute_signature(payload, secret, timestamp))
}

fn hex_encode(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// Decodes hex (either case); `None` for an odd length or a non-hex character.
fn hex_decode(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if !digits.len().is_multiple_of(2) {
        return None;
    }
    digits
        .chunks_exact(2)
        .map(|pair| match pair {
            [high, low] => Some(hex_value(*high)? << 4 | hex_value(*low)?),
            _ => None,
        })
        .collect()
}

fn hex_value(digit: u8) -> Option<u8> {
    char::from(digit).to_digit(16).and_then(|value| u8::try_from(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_non_hex() {
        assert_eq!(hex_encode(&[0x00, 0x0f, 0xa5, 0xff]), "000fa5ff");
        assert_eq!(hex_decode("000fA5ff"), Some(vec![0x00, 0x0f, 0xa5, 0xff]));
        assert_eq!(hex_decode("abc"), None);
        assert_eq!(hex_decode("zz"), None);
        assert_eq!(hex_decode("é0"), None);
        assert_eq!(hex_decode(""), Some(vec![]));
    }

    #[test]
    fn the_timestamp_is_signed_as_written() {
        let header = SignatureHeader::parse("t=+0100,v1=00").unwrap();
        assert_eq!(header.timestamp, 100);
        assert_eq!(header.timestamp_text, "+0100");
        let signature = hex_encode(&signed_payload_mac("+0100", b"{}", "whsec_x").unwrap().finalize().into_bytes());
        let header = SignatureHeader::parse(&format!("t=+0100,v1={signature}")).unwrap();
        assert!(header.matches(b"{}", "whsec_x"));
        assert!(!SignatureHeader::parse(&format!("t=100,v1={signature}")).unwrap().matches(b"{}", "whsec_x"));
    }
}
