//! [`ClientBuilder`]: every client setting, checked once when the client is built.

use super::headers::{CLIENT_USER_AGENT, STRIPE_ACCOUNT, STRIPE_VERSION};
use super::prepared::{api_version_value, header_value};
use super::retry::{Sleeper, TokioSleeper, DEFAULT_MAX_RETRIES};
use super::{Client, Inner};
use crate::client::secret::{masked, SecretKey};
use crate::Error;
use reqwest::header::{HeaderMap, HeaderValue, AUTHORIZATION, USER_AGENT};
use std::borrow::Cow;
use std::ffi::OsString;
use std::sync::Arc;
use std::time::Duration;

/// Stripe's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.stripe.com";
/// The API version this crate's types are written for, sent as `Stripe-Version`.
pub const DEFAULT_API_VERSION: &str = "2026-10-28.endive";
/// The default limit on one attempt, connection to last byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(80);

/// The secret key, for [`Client::from_env`].
const ENV_SECRET_KEY: &str = "STRIPE_SECRET_KEY";
/// An optional base URL, for [`Client::from_env`].
const ENV_API_BASE: &str = "STRIPE_API_BASE";
/// An optional default `Stripe-Account`, for [`Client::from_env`].
const ENV_ACCOUNT: &str = "STRIPE_ACCOUNT";

/// Builds a [`Client`]. Start with [`Client::builder`].
///
/// ```
/// use std::time::Duration;
/// use stripe_billing_portal::Client;
///
/// let client = Client::builder("sk_test_123")
///     .base_url("http://127.0.0.1:12111") // e.g. stripe-mock; plain http only on loopback by default
///     .api_version("2026-10-28.endive")
///     .timeout(Duration::from_secs(20))
///     .max_retries(3)
///     .build()?;
/// # Ok::<(), stripe_billing_portal::Error>(())
/// ```
#[must_use]
pub struct ClientBuilder {
    secret_key: String,
    base_url: String,
    api_version: String,
    timeout: Duration,
    max_retries: u32,
    stripe_account: Option<String>,
    allow_insecure_http: bool,
    http: Option<reqwest::Client>,
    sleeper: Option<Arc<dyn Sleeper>>,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("secret_key", &masked(""))
            .field("base_url", &shown_base_url(&self.base_url))
            .field("api_version", &self.api_version)
            .field("timeout", &self.timeout)
            .field("max_retries", &self.max_retries)
            .field("stripe_account", &self.stripe_account)
            .field("allow_insecure_http", &self.allow_insecure_http)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    pub(super) fn new(secret_key: String) -> Self {
        Self {
            secret_key,
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_version: DEFAULT_API_VERSION.to_owned(),
            timeout: DEFAULT_TIMEOUT,
            max_retries: DEFAULT_MAX_RETRIES,
            stripe_account: None,
            allow_insecure_http: false,
            http: None,
            sleeper: None,
        }
    }

    /// A builder from the environment, as [`Client::from_env`] reads it, to adjust before
    /// [`build`](ClientBuilder::build) (e.g. [`danger_allow_insecure_http`](ClientBuilder::danger_allow_insecure_http)
    /// for `STRIPE_API_BASE=http://stripe-mock:12111`).
    pub fn from_env() -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var_os(name))
    }

    /// [`from_env`](ClientBuilder::from_env) with the variables read through `lookup`.
    fn from_lookup(lookup: impl Fn(&str) -> Option<OsString>) -> Result<Self, Error> {
        let var = |name: &str| -> Result<Option<String>, Error> {
            match lookup(name) {
                None => Ok(None),
                Some(value) => value
                    .into_string()
                    .map(Some)
                    .map_err(|_| Error::Config(format!("environment variable {name} is not valid UTF-8"))),
            }
        };
        let key = var(ENV_SECRET_KEY)?
            .ok_or_else(|| Error::Config(format!("environment variable {ENV_SECRET_KEY} is not set")))?;
        let mut builder = Self::new(key);
        // Optional variables set to "" (as docker-compose leaves them) count as unset.
        if let Some(base_url) = var(ENV_API_BASE)?.filter(|value| !value.is_empty()) {
            builder = builder.base_url(base_url);
        }
        if let Some(account) = var(ENV_ACCOUNT)?.filter(|value| !value.is_empty()) {
            builder = builder.stripe_account(account);
        }
        Ok(builder)
    }

    /// Where requests go instead of `https://api.stripe.com`: a mock server in tests, stripe-mock,
    /// or a proxy. Plain `http` is accepted only for loopback hosts (`127.0.0.0/8`, `localhost`,
    /// `[::1]`), so the key never crosses a network in clear text, unless
    /// [`danger_allow_insecure_http`](Self::danger_allow_insecure_http) says otherwise.
    pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
        self.base_url = base_url.into();
        self
    }

    /// The `Stripe-Version` sent on every request (default [`DEFAULT_API_VERSION`]). The response
    /// types are written for the default; another version may shape responses differently.
    /// An empty version, or one that is not visible ASCII without spaces, fails
    /// [`build`](ClientBuilder::build) with [`Error::Config`] naming `api_version`.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = version.into();
        self
    }

    /// The limit on each attempt, from connecting to the last byte of the response (default
    /// [`DEFAULT_TIMEOUT`], 80 s). [`Call::timeout`](crate::Call::timeout) overrides it for one call.
    /// Zero fails [`build`](ClientBuilder::build) with [`Error::Config`].
    /// An attempt that runs out of time fails with [`TransportErrorKind::Timeout`](crate::TransportErrorKind)
    /// and is retried like any other transport failure.
    ///
    /// # Total time
    ///
    /// A call's total time is bounded by `(max_retries + 1) × timeout` for the attempts plus the
    /// waits between them: the wait before retry `n` is at most `min(0.5 s × 2^(n−1), 5 s)`
    /// (see [Retries](crate::client#retries)). With the defaults (80 s, 2 retries) a call gives up
    /// after at most `3 × 80 s + 0.5 s + 1 s = 241.5 s`. For a tighter overall deadline, wrap
    /// `send()` in `tokio::time::timeout`: sending again later with the same idempotency key is safe.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many times a failed attempt is retried (default 2; 0 disables retries).
    /// [`Call::max_retries`](crate::Call::max_retries) overrides it for one call.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sends through this `reqwest::Client` (its connection pool, proxy and TLS settings) instead
    /// of one built here. The client built here keeps reqwest's connection pool on, times out
    /// connecting after 30 s, and follows no redirects (Stripe's API never redirects; a 3xx is
    /// returned as [`Error::Http`] rather than turning a POST into a GET elsewhere).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Sends `Stripe-Account: {account}` on every request (Connect: act on that connected
    /// account), unless a call sets its own with [`Call::stripe_account`](crate::Call::stripe_account).
    pub fn stripe_account(mut self, account: impl Into<String>) -> Self {
        self.stripe_account = Some(account.into());
        self
    }

    /// Allows a plain `http://` base URL to a host that is not loopback, such as
    /// `http://stripe-mock:12111` in docker-compose. **The secret key then crosses the network in
    /// clear text**: use it only for mocks on a private network, never with a live key. Without
    /// it, plain `http` is refused for every host but loopback (`127.0.0.0/8`, `localhost`, `[::1]`).
    pub fn danger_allow_insecure_http(mut self) -> Self {
        self.allow_insecure_http = true;
        self
    }

    /// Waits between retries with this [`Sleeper`] instead of the tokio timer.
    ///
    /// Hidden: the crate's integration tests record the backoff through it; not a supported API.
    #[doc(hidden)]
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> Self {
        self.sleeper = Some(sleeper);
        self
    }

    /// Checks every setting and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let key = SecretKey::parse(self.secret_key).map_err(|reason| Error::Config(reason.to_owned()))?;
        let base = check_base_url(&self.base_url, self.allow_insecure_http)?;
        if self.timeout.is_zero() {
            return Err(Error::Config("timeout must be greater than zero".to_owned()));
        }
        let version = api_version_value(&self.api_version)
            .map_err(|reason| Error::Config(format!("api_version {:?}: {reason}", self.api_version)))?;
        let http = match self.http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .connect_timeout(Duration::from_secs(30))
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .map_err(|err| Error::Config(format!("could not build the HTTP client: {err}")))?,
        };
        let mut auth = HeaderValue::try_from(format!("Bearer {}", key.expose()))
            .map_err(|_| Error::Config("the secret key is not a valid header value".to_owned()))?;
        auth.set_sensitive(true);
        let mut headers = HeaderMap::with_capacity(6);
        headers.insert(AUTHORIZATION, auth);
        headers.insert(&STRIPE_VERSION, version);
        headers.insert(USER_AGENT, HeaderValue::from_static(super::headers::USER_AGENT));
        headers.insert(&CLIENT_USER_AGENT, super::headers::client_user_agent());
        if let Some(account) = &self.stripe_account {
            let value = header_value(account)
                .map_err(|reason| Error::Config(format!("stripe_account (Stripe-Account) {reason}")))?;
            headers.insert(&STRIPE_ACCOUNT, value);
        }
        // Requests are built from the base URL parsed here, not from text parsed on every call.
        let base_path = base.path().trim_end_matches('/').to_owned();
        let base_url = base_text(&base);
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                key,
                base,
                base_path,
                fixed_urls: Default::default(),
                base_url,
                api_version: self.api_version,
                headers,
                timeout: self.timeout,
                max_retries: self.max_retries,
                sleeper: self.sleeper.unwrap_or_else(|| Arc::new(TokioSleeper)),
            }),
        })
    }
}

/// Parses the base URL and refuses clear-text HTTP to anything but loopback, unless `insecure`.
fn check_base_url(text: &str, insecure: bool) -> Result<url::Url, Error> {
    let bad = |reason: &str| Error::Config(format!("base URL {:?}: {reason}", shown_base_url(text)));
    let url = url::Url::parse(text).map_err(|err| bad(&err.to_string()))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(bad("must not have a query or fragment"));
    }
    match url.scheme() {
        "https" => {}
        "http" if insecure || is_loopback(&url) => {}
        "http" => {
            return Err(bad(
                "plain http is only allowed for loopback hosts; use https (or, for a mock on a private network, ClientBuilder::danger_allow_insecure_http)",
            ))
        }
        other => return Err(bad(&format!("unsupported scheme {other:?}"))),
    }
    Ok(url)
}

/// The base URL as given, with whatever stands before an `@` in its host part masked: a key put
/// there (`https://sk_test_…:@api.stripe.com`, as `curl -u` sends it) is never shown, even when
/// the text is not a URL at all.
fn shown_base_url(text: &str) -> Cow<'_, str> {
    let start = text.find("://").map_or(0, |scheme_end| scheme_end + 3);
    let host_part = text[start..].split(['/', '?', '#']).next().unwrap_or_default();
    match host_part.rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}{}", &text[..start], masked(""), &text[start + at..])),
        None => Cow::Borrowed(text),
    }
}

/// The base URL as [`Client::base_url`] shows it: without a trailing slash.
fn base_text(url: &url::Url) -> String {
    url.as_str().trim_end_matches('/').to_owned()
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{base_text, check_base_url, ClientBuilder};
    use crate::Error;
    use std::ffi::OsString;

    #[test]
    fn base_urls() {
        let check = |url| check_base_url(url, false).map(|url| base_text(&url));
        assert_eq!(check("https://api.stripe.com/").unwrap(), "https://api.stripe.com");
        assert_eq!(check("http://127.0.0.1:12111").unwrap(), "http://127.0.0.1:12111");
        assert_eq!(check("http://127.8.9.1").unwrap(), "http://127.8.9.1");
        assert_eq!(check("http://LOCALHOST:80/proxy/").unwrap(), "http://localhost/proxy");
        assert_eq!(check("http://[::1]:99").unwrap(), "http://[::1]:99");
        for bad in ["http://api.stripe.com", "http://10.0.0.1", "http://localhost.evil.com", "ftp://x", "nope"] {
            assert!(check(bad).is_err(), "{bad}");
        }
        assert!(check("https://user:pw@api.stripe.com").is_err());
        // The opt-in lifts the loopback rule for http only.
        assert_eq!(base_text(&check_base_url("http://stripe-mock:12111", true).unwrap()), "http://stripe-mock:12111");
        assert!(check_base_url("ftp://stripe-mock", true).is_err());
        assert!(check_base_url("http://user:pw@stripe-mock", true).is_err());
    }

    fn from_vars(vars: &[(&str, &str)]) -> Result<ClientBuilder, Error> {
        let vars: Vec<(String, OsString)> = vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).into())).collect();
        ClientBuilder::from_lookup(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn environment() {
        let err = from_vars(&[("STRIPE_API_BASE", "http://127.0.0.1:1")]).unwrap_err();
        assert_eq!(err.to_string(), "invalid client configuration: environment variable STRIPE_SECRET_KEY is not set");

        let client = from_vars(&[("STRIPE_SECRET_KEY", "sk_test_env")]).unwrap().build().unwrap();
        assert_eq!((client.base_url(), client.stripe_account()), ("https://api.stripe.com", None));

        let vars = [
            ("STRIPE_SECRET_KEY", "sk_test_env"),
            ("STRIPE_API_BASE", "http://127.0.0.1:12111/"),
            ("STRIPE_ACCOUNT", "acct_env"),
        ];
        let client = from_vars(&vars).unwrap().build().unwrap();
        assert_eq!((client.base_url(), client.stripe_account()), ("http://127.0.0.1:12111", Some("acct_env")));

        // Set but empty: the optional ones count as unset; the key is refused as empty.
        let client =
            from_vars(&[("STRIPE_SECRET_KEY", "sk_test_env"), ("STRIPE_API_BASE", ""), ("STRIPE_ACCOUNT", "")]);
        let client = client.unwrap().build().unwrap();
        assert_eq!((client.base_url(), client.stripe_account()), ("https://api.stripe.com", None));
        let err = from_vars(&[("STRIPE_SECRET_KEY", "")]).unwrap().build().unwrap_err();
        assert_eq!(err.to_string(), "invalid client configuration: the secret key is empty");

        // A remote mock over http needs the opt-in, from the environment too.
        let vars = [("STRIPE_SECRET_KEY", "sk_test_env"), ("STRIPE_API_BASE", "http://stripe-mock:12111")];
        assert!(matches!(from_vars(&vars).unwrap().build(), Err(Error::Config(_))));
        assert!(from_vars(&vars).unwrap().danger_allow_insecure_http().build().is_ok());
    }
}
