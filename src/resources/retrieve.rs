//! [`RetrieveParams`]: the one parameter of a `GET /v1/{objects}/{id}`: `expand`.

use crate::client::call::Call;
use crate::wire::leaf::Text;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// The params of a retrieve call: only `expand[N]`, sent in the query string.
///
/// Usually set through [`Call::expand`] on the call a `retrieve` returns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RetrieveParams {
    expand: Vec<Text>,
}

impl RetrieveParams {
    /// Nothing expanded.
    pub fn new() -> Self {
        Self::default()
    }

    /// `expand[N]`: also return this related object in full.
    pub fn expand(mut self, field: impl Into<Text>) -> Self {
        self.expand.push(field.into());
        self
    }
}

impl<T: DeserializeOwned> Call<RetrieveParams, T> {
    /// `expand[N]`: also return this related object in full (e.g. `application` of a
    /// configuration), sent as `?expand[0]=application`.
    pub fn expand(mut self, field: impl Into<Text>) -> Self {
        self.params_mut().expand.push(field.into());
        self
    }
}
