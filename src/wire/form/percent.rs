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

/// [`is_literal`] for every byte: one load per byte in the hot loop instead of five range tests.
static LITERAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < table.len() {
        table[byte] = is_literal(byte as u8);
        byte += 1;
    }
    table
};

/// Whether every byte of `bytes` is written as itself: one load and one `and` per byte, no
/// branch (for the short segments of a key).
#[inline]
pub(crate) fn all_literal(bytes: &[u8]) -> bool {
    bytes.iter().fold(true, |all, &byte| all & LITERAL[usize::from(byte)])
}

/// The length of the run of literal bytes `bytes` starts with. Eight bytes are tested per step
/// with no branch between them, then the rest one at a time.
pub(crate) fn literal_run(bytes: &[u8]) -> usize {
    let mut chunks = bytes.chunks_exact(8);
    let mut run = 0;
    for chunk in &mut chunks {
        if !chunk.iter().fold(true, |all, &byte| all & LITERAL[usize::from(byte)]) {
            break;
        }
        run += 8;
    }
    run + bytes[run..].iter().take_while(|&&byte| LITERAL[usize::from(byte)]).count()
}

/// Appends the UTF-8 text `bytes`, percent-encoded, to `out` (which thus stays ASCII). Text that
/// needs no escaping (most ids) is one copy; otherwise byte by byte, into room reserved once.
pub(crate) fn encode_into(out: &mut Vec<u8>, bytes: &[u8]) {
    let run = literal_run(bytes);
    out.extend_from_slice(&bytes[..run]);
    let rest = &bytes[run..];
    if rest.is_empty() {
        return;
    }
    out.reserve(rest.len() * 3);
    for &byte in rest {
        if LITERAL[usize::from(byte)] {
            out.push(byte);
        } else if byte == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(&[b'%', HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0x0f)]]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encode_into;

    fn encode(text: &str) -> String {
        let mut out = Vec::new();
        encode_into(&mut out, text.as_bytes());
        String::from_utf8(out).unwrap()
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

    /// Byte at a time, straight from the rule: what the chunked scan must agree with.
    fn reference(text: &str) -> String {
        let mut out = String::new();
        for &byte in text.as_bytes() {
            match byte {
                b' ' => out.push('+'),
                _ if super::is_literal(byte) => out.push(char::from(byte)),
                _ => out.push_str(&format!("%{byte:02X}")),
            }
        }
        out
    }

    #[test]
    fn long_runs_match_the_byte_at_a_time_rule() {
        let base = "abcdefgh[ijklmnop]_qrstuvw-xyz.0123456789~";
        for special in [" ", "/", "é", "日", "%", "\u{1F600}"] {
            for at in 0..=base.len() {
                let text = format!("{}{special}{}", &base[..at], &base[at..]);
                assert_eq!(encode(&text), reference(&text), "{text:?}");
            }
        }
        assert_eq!(encode(base), base);
    }
}
