//! [`Preview`]: what a call would send, for debugging and logs, with the secret key masked.

use super::prepared::PreparedRequest;
use reqwest::header::HeaderMap;
use std::fmt;

/// The placeholder shown for an idempotency key that will be generated at send time.
const GENERATED_KEY: &str = "<generated at send>";

/// A request as it would go on the wire. Nothing in it reveals the secret key: the
/// `Authorization` header shows only the key's mode (`Bearer sk_test_********`).
///
/// ```
/// use stripe_billing_portal::{sessions::{FlowData, SessionCreateParams}, Client};
///
/// let client = Client::new("sk_test_123")?;
/// let preview = client
///     .sessions()
///     .create(SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_cancel("sub_123")))
///     .preview()?;
/// assert_eq!(
///     preview.body(),
///     "customer=cus_123&flow_data[type]=subscription_cancel&flow_data[subscription_cancel][subscription]=sub_123"
/// );
/// assert!(preview.curl().starts_with("curl -X POST https://api.stripe.com/v1/billing_portal/sessions"));
/// # Ok::<(), stripe_billing_portal::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preview {
    method: String,
    url: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Preview {
    /// The view of `prepared` (over the client's headers `client_headers`) that is safe to show:
    /// `Authorization` masked with `masked_key`, a generated idempotency key replaced by a
    /// placeholder.
    pub(crate) fn of(prepared: &PreparedRequest, client_headers: &HeaderMap, masked_key: &str) -> Self {
        let headers = prepared
            .headers(client_headers)
            .iter()
            .map(|(name, value)| {
                let value = if name == reqwest::header::AUTHORIZATION {
                    format!("Bearer {masked_key}")
                } else if name == super::headers::IDEMPOTENCY_KEY && prepared.key_generated {
                    GENERATED_KEY.to_owned()
                } else {
                    String::from_utf8_lossy(value.as_bytes()).into_owned()
                };
                (name.as_str().to_owned(), value)
            })
            .collect();
        let body = prepared.body.as_deref().map(String::from_utf8_lossy).unwrap_or_default().into_owned();
        Self { method: prepared.method.to_string(), url: prepared.url.to_string(), headers, body }
    }

    /// `GET`, `POST` or `DELETE`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The full URL, query string included for a GET or DELETE.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The headers (lower-case names), `Authorization` masked.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The form body of a POST (empty for a GET or DELETE).
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The body's pairs, decoded.
    pub fn pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.body.as_bytes()).into_owned().collect()
    }

    /// A `curl` command line that sends the same request, key masked. Each pair is one `-d`
    /// argument, in shell single quotes, so the command can be pasted into a terminal once the
    /// masked key is replaced.
    pub fn curl(&self) -> String {
        let mut out = format!("curl -X {} {}", self.method, shell_quote(&self.url));
        for (name, value) in &self.headers {
            if name == "user-agent" || name == "x-stripe-client-user-agent" {
                continue;
            }
            out.push_str(" \\\n  -H ");
            out.push_str(&shell_quote(&format!("{name}: {value}")));
        }
        for pair in self.body.split('&').filter(|pair| !pair.is_empty()) {
            out.push_str(" \\\n  -d ");
            out.push_str(&shell_quote(pair));
        }
        out
    }

    /// The body's pairs, decoded, as `key=value` lines: the most readable form for logs.
    pub fn pretty_body(&self) -> String {
        self.pairs().iter().map(|(k, v)| format!("{k}={v}\n")).collect()
    }
}

impl fmt::Display for Preview {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.curl())
    }
}

/// Quotes `text` for a POSIX shell unless it only holds characters that need none.
fn shell_quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_.~/:=[]%+,@".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        // Brackets would glob in some shells: quote whenever they appear.
        if !text.contains(['[', ']']) {
            return text.to_owned();
        }
    }
    format!("'{}'", text.replace('\'', r"'\''"))
}
