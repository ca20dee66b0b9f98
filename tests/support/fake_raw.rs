//! Raw HTTP calls to the fake Stripe, for endpoints the crate has no call for: form pairs in,
//! status, JSON and headers out.

#![allow(dead_code)]

use reqwest::header::HeaderMap;
use serde_json::Value;
use stripe_billing_portal::testing::{FakeStripe, StripeError};

/// The parameter and message of an error of the in-process API, to compare in one go.
pub fn refusal(error: &StripeError) -> (Option<&str>, &str) {
    (error.param.as_deref(), error.message.as_str())
}

/// A raw client of one fake.
pub struct Raw {
    http: reqwest::Client,
    base: String,
    key: String,
}

/// One answer.
pub struct Answer {
    pub status: u16,
    pub json: Value,
    pub headers: HeaderMap,
}

impl Answer {
    /// The JSON's `error.param`.
    pub fn param(&self) -> &str {
        self.json["error"]["param"].as_str().unwrap_or_default()
    }

    /// The JSON's `error.message`.
    pub fn message(&self) -> &str {
        self.json["error"]["message"].as_str().unwrap_or_default()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// Form-encodes pairs as Stripe's SDKs do.
pub fn encode(pairs: &[(&str, &str)]) -> String {
    let mut serializer = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in pairs {
        serializer.append_pair(key, value);
    }
    serializer.finish()
}

impl Raw {
    /// A fake Stripe with every default, and a raw client of it.
    pub async fn start() -> (FakeStripe, Self) {
        let fake = FakeStripe::start().await.unwrap();
        let raw = Self::new(fake.base_url());
        (fake, raw)
    }

    /// A client with the key `sk_test_raw`.
    pub fn new(base: &str) -> Self {
        Self::with_key(base, "sk_test_raw")
    }

    /// A client with another key.
    pub fn with_key(base: &str, key: &str) -> Self {
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Raw { http, base: base.to_owned(), key: key.to_owned() }
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.unwrap();
        let json = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer { status, json, headers }
    }

    /// `POST path` with form pairs.
    pub async fn post(&self, path: &str, pairs: &[(&str, &str)]) -> Answer {
        self.post_with(path, pairs, None).await
    }

    /// `POST path` with form pairs and an `Idempotency-Key`.
    pub async fn post_with(&self, path: &str, pairs: &[(&str, &str)], idempotency_key: Option<&str>) -> Answer {
        let mut request = self
            .http
            .post(format!("{}{path}", self.base))
            .bearer_auth(&self.key)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(encode(pairs));
        if let Some(key) = idempotency_key {
            request = request.header("idempotency-key", key);
        }
        self.send(request).await
    }

    /// `GET path?query`.
    pub async fn get(&self, path: &str, query: &[(&str, &str)]) -> Answer {
        let url = format!("{}{path}?{}", self.base, encode(query));
        self.send(self.http.get(url).bearer_auth(&self.key)).await
    }

    /// `DELETE path`.
    pub async fn delete(&self, path: &str) -> Answer {
        self.send(self.http.delete(format!("{}{path}", self.base)).bearer_auth(&self.key)).await
    }

    /// `POST` to a full URL without a key (the portal's own endpoints).
    pub async fn post_url(&self, url: &str, pairs: &[(&str, &str)]) -> Answer {
        let request =
            self.http.post(url).header("content-type", "application/x-www-form-urlencoded").body(encode(pairs));
        self.send(request).await
    }

    /// `GET` a full URL without a key.
    pub async fn get_url(&self, url: &str) -> Answer {
        self.send(self.http.get(url)).await
    }
}
