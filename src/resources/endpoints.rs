//! `endpoints!`: a resource handler's methods from a table of rows, one row an endpoint.

/// The methods of a resource handler (a struct with `client: &Client`), written inside its
/// `impl` block, one row an endpoint:
///
/// ```text
/// endpoints! {
///     /// `POST /v1/things`: a new thing.
///     fn create(params: ThingCreateParams) -> Thing { post(PATH) }
///     /// `POST /v1/things/{id}`: change thing `id`.
///     fn update(id, params: ThingUpdateParams) -> Thing { post(PATH).with_id("thing", id) }
///     /// `GET /v1/things/{id}`: thing `id`.
///     fn retrieve(id) -> Thing { get(PATH).with_id("thing", id) }
/// }
/// ```
///
/// Each row becomes a `pub` method with the row's doc comment, returning a
/// [`Call`](crate::Call) of the row's params and response type. The arguments are the object's
/// id (`impl Into<String>`, named in the row), the params, or both; a row without params sends
/// [`RetrieveParams`](crate::RetrieveParams) (`expand` only). The body is the
/// [`Endpoint`](crate::client::call::Endpoint) the call goes to.
macro_rules! endpoints {
    ($($(#[$doc:meta])* fn $name:ident($($args:tt)*) -> $response:ty { $($endpoint:tt)+ })*) => {$(
        $crate::resources::endpoints::endpoints!(@fn [$(#[$doc])*] $name($($args)*) -> $response { $($endpoint)+ });
    )*};
    (@fn [$($doc:tt)*] $name:ident($id:ident, params: $params:ty) -> $response:ty { $($endpoint:tt)+ }) => {
        $($doc)*
        pub fn $name(&self, $id: impl Into<String>, params: $params) -> $crate::Call<$params, $response> {
            $crate::Call::new(self.client, $crate::client::call::Endpoint::$($endpoint)+, params)
        }
    };
    (@fn [$($doc:tt)*] $name:ident(params: $params:ty) -> $response:ty { $($endpoint:tt)+ }) => {
        $($doc)*
        pub fn $name(&self, params: $params) -> $crate::Call<$params, $response> {
            $crate::Call::new(self.client, $crate::client::call::Endpoint::$($endpoint)+, params)
        }
    };
    (@fn [$($doc:tt)*] $name:ident($id:ident) -> $response:ty { $($endpoint:tt)+ }) => {
        $($doc)*
        pub fn $name(&self, $id: impl Into<String>) -> $crate::Call<$crate::RetrieveParams, $response> {
            let endpoint = $crate::client::call::Endpoint::$($endpoint)+;
            $crate::Call::new(self.client, endpoint, $crate::RetrieveParams::new())
        }
    };
}
pub(crate) use endpoints;
