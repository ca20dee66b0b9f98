//! Builder methods that several params types share, written once:
//!
//! - `setters!`: by-value setters from a table of rows, one row a method: its doc, its
//!   signature, and how the argument is stored.
//! - `list_params!`: a list call's params from its filter fields and setters, with the paging
//!   half every list call shares (`limit`, `starting_after`, `ending_before`, `expand`): the
//!   fields, their builder methods, [`PageParams`], and the `Serialize` impl, which writes the
//!   filter fields in order, then the paging fields checked by `client::list::serialize_paging`,
//!   then `expand`.
//! - `metadata_update_methods!`: `metadata`, `delete_metadata`, `clear_metadata` and
//!   `metadata_update` for an update call's `metadata: MetadataUpdate` field.
//!
//! [`PageParams`]: crate::list::PageParams

/// By-value builder methods from rows, written inside an `impl` block:
///
/// ```text
/// setters! {
///     /// `name`: ...
///     fn name(name: impl Into<Text>) { name = Some(name.into()) }
///     /// `expand[N]`: ...
///     fn expand(field: impl Into<Text>) { expand.push(field.into()) }
/// }
/// ```
///
/// Each row becomes `pub fn name(mut self, arg: Type) -> Self` with the row's doc comment; its
/// body either sets the field `field = value` or appends `field.push(value)` (the field may be
/// named differently from the method), then returns `self`. A row without argument,
/// `fn new() { Self::default() }`, is the constructor of a type whose fields all start at their
/// default.
macro_rules! setters {
    ($($(#[$doc:meta])* fn $name:ident($($arg:ident: $ty:ty)?) { $($body:tt)+ })*) => {$(
        $crate::resources::builders::setters!(@fn [$(#[$doc])*] $name($($arg: $ty)?) $($body)+);
    )*};
    (@fn [$($doc:tt)*] $name:ident() Self::default()) => {
        $($doc)*
        pub fn $name() -> Self {
            Self::default()
        }
    };
    (@fn [$($doc:tt)*] $name:ident($arg:ident: $ty:ty) $($store:tt)+) => {
        $($doc)*
        pub fn $name(mut self, $arg: $ty) -> Self {
            $crate::resources::builders::setters!(@store self $($store)+);
            self
        }
    };
    (@store $self:ident $field:ident = $value:expr) => {
        $self.$field = $value
    };
    (@store $self:ident $field:ident.push($value:expr)) => {
        $self.$field.push($value)
    };
}
pub(crate) use setters;

/// A list call's params, declared as its struct with only its filter fields, and then its
/// `new` and filter setters as [`setters!`] rows:
///
/// ```text
/// list_params! {
///     /// The params of `GET /v1/things`.
///     pub struct ThingListParams for "things" {
///         active: Option<bool>,
///     }
///
///     /// Every thing.
///     fn new() { Self::default() }
///     /// `active`: only active things.
///     fn active(active: bool) { active = Some(active) }
/// }
/// ```
///
/// The struct gets the paging fields after the filters (`limit: Option<u8>`,
/// `starting_after: Option<String>`, `ending_before: Option<String>`, `expand: Vec<Text>`) and
/// their builder methods, [`PageParams`](crate::list::PageParams), and the `Serialize` impl: the
/// filters in order, then the paging fields checked by `client::list::serialize_paging`, then
/// `expand`.
macro_rules! list_params {
    (
        $(#[$meta:meta])*
        pub struct $name:ident for $objects:literal {
            $($field:ident: $type:ty),* $(,)?
        }
        $($rows:tt)*
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, Default, PartialEq, Eq)]
        pub struct $name {
            $($field: $type,)*
            limit: Option<u8>,
            starting_after: Option<String>,
            ending_before: Option<String>,
            expand: Vec<$crate::leaf::Text>,
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                let mut s = serializer.serialize_struct(stringify!($name), 4)?;
                $(s.serialize_field(stringify!($field), &self.$field)?;)*
                $crate::client::list::serialize_paging(
                    &mut s,
                    self.limit,
                    self.starting_after.as_deref(),
                    self.ending_before.as_deref(),
                )?;
                s.serialize_field("expand", &self.expand)?;
                s.end()
            }
        }

        impl $name {
            $crate::resources::builders::setters! {
                $($rows)*

                #[doc = concat!("`limit`: ", $objects, " per page, 1 to 100 (Stripe's default is 10).")]
                fn limit(limit: u8) { limit = Some(limit) }

                /// `starting_after`: the page after this object id (the next page).
                fn starting_after(id: impl Into<String>) { starting_after = Some(id.into()) }

                /// `ending_before`: the page before this object id (the previous page).
                /// Auto-pagination then walks backwards.
                fn ending_before(id: impl Into<String>) { ending_before = Some(id.into()) }

                /// `expand[N]`: expand this field of every object, e.g. `data.customer`.
                fn expand(field: impl Into<$crate::leaf::Text>) { expand.push(field.into()) }
            }
        }

        impl $crate::list::PageParams for $name {
            fn paging(&mut self) -> $crate::list::Paging<'_> {
                $crate::list::Paging {
                    limit: &mut self.limit,
                    starting_after: &mut self.starting_after,
                    ending_before: &mut self.ending_before,
                }
            }
        }
    };
}
pub(crate) use list_params;

/// `metadata`, `delete_metadata`, `clear_metadata` and `metadata_update` for a struct with the
/// field `metadata: MetadataUpdate` (which checks itself when serialized).
macro_rules! metadata_update_methods {
    ($name:ident) => {
        impl $name {
            /// `metadata[key]=value`: set one key.
            pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
                self.metadata = self.metadata.set(key, value);
                self
            }

            /// `metadata[key]=`: delete one key.
            pub fn delete_metadata(mut self, key: impl Into<String>) -> Self {
                self.metadata = self.metadata.delete(key);
                self
            }

            /// `metadata=`: delete every key. Cannot be combined with setting or deleting keys.
            pub fn clear_metadata(mut self) -> Self {
                self.metadata = self.metadata.and_clear_all();
                self
            }

            /// Replaces all metadata changes at once.
            pub fn metadata_update(mut self, update: $crate::MetadataUpdate) -> Self {
                self.metadata = update;
                self
            }
        }
    };
}
pub(crate) use metadata_update_methods;
