//! The escape hatch: [`Client::request`] calls any Stripe endpoint with any `Serialize` params,
//! through the same [`Call`] (retries, idempotency, headers, errors, preview, pagination).

use super::call::{Call, Endpoint};
use super::list::{serialize_paging, PageParams, Paging};
use crate::wire::expandable::Object;
use crate::{form, Client, Error};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// The params of a raw [`Client::request`] that auto-pagination moves: `limit`,
/// `starting_after` and `ending_before`, taken out of the params given. Every other pair is sent
/// as given, after these, as [extra params](Call::extra_param).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawParams {
    limit: Option<u8>,
    starting_after: Option<String>,
    ending_before: Option<String>,
}

/// The paging pairs, checked as every list call's are.
impl Serialize for RawParams {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RawParams", 3)?;
        serialize_paging(&mut s, self.limit, self.starting_after.as_deref(), self.ending_before.as_deref())?;
        s.end()
    }
}

impl PageParams for RawParams {
    fn paging(&mut self) -> Paging<'_> {
        Paging {
            limit: &mut self.limit,
            starting_after: &mut self.starting_after,
            ending_before: &mut self.ending_before,
        }
    }
}

/// A JSON object's `"id"` (empty when it has none), so that a raw list of `serde_json::Value`
/// can be paginated.
impl Object for serde_json::Value {
    fn id(&self) -> &str {
        self.get("id").and_then(serde_json::Value::as_str).unwrap_or_default()
    }
}

impl Client {
    /// A call to any Stripe endpoint, for what this crate has no type for yet: `method` (`GET`,
    /// `POST` or `DELETE`), an API `path` starting with `/v1/`, and any `Serialize` params
    /// (a struct, a map, `serde_json::json!({…})`, or `&()` for none), form-encoded exactly as the
    /// typed calls are: in the body of a POST, in the query string otherwise.
    ///
    /// The answer decodes into `T`: a type of yours, one of this crate's, or `serde_json::Value`.
    /// The call is the same [`Call`] the typed API returns: retries, the idempotency key,
    /// `Stripe-Account`, per-call options, [`preview`](Call::preview), the same [`Error`]s, and
    /// for a list (`T = List<…>`) [`paginate`](Call::paginate), which moves `starting_after`.
    ///
    /// A bad method, path or params value is [`Error::InvalidParam`] (`method`, `path`, or the
    /// bracketed key) when the call is previewed or sent, before anything goes out.
    ///
    /// ```no_run
    /// # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
    /// use futures_util::StreamExt;
    /// use serde_json::{json, Value};
    /// use stripe_billing_portal::{list::List, Method};
    ///
    /// // An endpoint without a type: the answer as JSON.
    /// let promotion: Value = client
    ///     .request(Method::POST, "/v1/promotion_codes", &json!({"coupon": "SPRING", "code": "SPRING26"}))
    ///     .idempotency_key("promo-spring-26")
    ///     .send()
    ///     .await?;
    /// println!("{}", promotion["id"]);
    ///
    /// // Any list, every page.
    /// let mut codes = client
    ///     .request::<List<Value>>(Method::GET, "/v1/promotion_codes", &json!({"active": true, "limit": 100}))
    ///     .paginate();
    /// while let Some(code) = codes.next().await {
    ///     println!("{}", code?["code"]);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        params: &(impl Serialize + ?Sized),
    ) -> Call<RawParams, T> {
        let split = check_method(&method).and_then(|()| check_path(path)).and_then(|()| split(params));
        let mut call = Call::new(self, Endpoint::raw(method, path.to_owned()), RawParams::default());
        match split {
            Ok((paging, rest)) => {
                *call.params_mut() = paging;
                call.extra_mut().extend(rest);
            }
            Err(err) => call.refuse(err),
        }
        call
    }
}

/// Encodes `params` into the paging pairs, checked, and every other pair in order.
fn split(params: &(impl Serialize + ?Sized)) -> Result<(RawParams, Vec<(String, String)>), Error> {
    let mut rest = Vec::new();
    let mut paging = RawParams::default();
    for (key, value) in form::to_pairs(params)? {
        match key.as_str() {
            "limit" => {
                let limit = value.parse().map_err(|_| {
                    Error::invalid_param("limit", format!("is {value}; Stripe accepts 1 to {}", super::list::MAX_LIMIT))
                })?;
                paging.limit = Some(limit);
            }
            "starting_after" => paging.starting_after = Some(value),
            "ending_before" => paging.ending_before = Some(value),
            _ => rest.push((key, value)),
        }
    }
    // The paging pairs are checked when the call encodes them (`RawParams`' `Serialize`).
    Ok((paging, rest))
}

fn check_method(method: &Method) -> Result<(), Error> {
    if [Method::GET, Method::POST, Method::DELETE].contains(method) {
        return Ok(());
    }
    Err(Error::invalid_param("method", format!("{method} is not used by Stripe's API; use GET, POST or DELETE")))
}

/// `/v1/` then segments of letters, digits, `_`, `-` and `.`: no query string (params go in
/// `params`), no empty or dot segments, nothing to escape.
fn check_path(path: &str) -> Result<(), Error> {
    let refuse = |reason: &str| Error::invalid_param("path", format!("{path:?} {reason}"));
    let Some(rest) = path.strip_prefix("/v1/") else {
        return Err(refuse("must start with `/v1/` (the form-encoded API)"));
    };
    if path.contains('?') {
        return Err(refuse("must not hold a query string: pass the parameters as `params`"));
    }
    for segment in rest.split('/') {
        if segment.is_empty() || segment == "." || segment == ".." {
            return Err(refuse("has an empty or dot segment"));
        }
        if !segment.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b)) {
            return Err(refuse("may only hold letters, digits, `_`, `-`, `.` and `/`"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        for good in ["/v1/customers", "/v1/customers/cus_1/tax_ids/txi_1", "/v1/billing/feedback_options"] {
            assert!(check_path(good).is_ok(), "{good}");
        }
        for bad in ["v1/customers", "/v2/core/events", "/v1/", "/v1//x", "/v1/a/../b", "/v1/a?b=c", "/v1/a b", "/v1/é"]
        {
            let err = check_path(bad).unwrap_err();
            assert!(matches!(&err, Error::InvalidParam { param, .. } if param == "path"), "{bad}: {err:?}");
        }
    }
}
