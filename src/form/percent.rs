//! Percent-encoding of one key or value, byte for byte as Stripe's official Python SDK does it.
//!
//! Kept literally: `A-Z a-z 0-9 - . _ ~` and the brackets `[` `]` (the SDK un-escapes `%5B`/`%5D`
//! over the whole body, values included). A space becomes `+`. Every other byte of the UTF-8 text
//! becomes `%XX` with upper-case hex digits.

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether `byte` is written as itself.
const fn is_literal(byte: u8) -> bool {
    matches!(byte, b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'[' | b']')
}

/// Appends `text`, percent-encoded, to `out`.
pub(crate) fn encode_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if is_literal(byte) {
            continue;
        }
        // A non-empty run of literal bytes is ASCII that follows a complete character, so it
        // starts and ends on char boundaries. (An empty run may sit inside a multi-byte char.)
        if start < i {
            out.push_str(text.get(start..i).unwrap_or_default());
        }
        if byte == b' ' {
            out.push('+');
        } else {
            out.push('%');
            out.push(HEX[usize::from(byte >> 4)] as char);
            out.push(HEX[usize::from(byte & 0x0f)] as char);
        }
        start = i + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::encode_into;

    fn encode(text: &str) -> String {
        let mut out = String::new();
        encode_into(&mut out, text);
        out
    }

    // Vectors from: echo '{"a":"<text>"}' | ../shared/tools/stripe-encode
    #[test]
    fn matches_the_python_sdk() {
        assert_eq!(encode("x y~*é[]"), "x+y~%2A%C3%A9[]");
        assert_eq!(encode("https://example.com/a?b=c&d"), "https%3A%2F%2Fexample.com%2Fa%3Fb%3Dc%26d");
        assert_eq!(encode("A-z.0_9"), "A-z.0_9");
        assert_eq!(encode(""), "");
        assert_eq!(encode("+%"), "%2B%25");
        assert_eq!(encode("日本a"), "%E6%97%A5%E6%9C%ACa");
    }
}
