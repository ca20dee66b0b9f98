//! Builder methods that several params types share, written once:
//!
//! - `setters!`: by-value setters from a table of rows, one row a method: its doc, its
//!   signature, and how the argument is stored.
//! - `list_params!`: the paging half of every list call's params (`limit`, `starting_after`,
//!   `ending_before`, `expand`): builder methods, [`PageParams`], and the `Serialize` impl, which
//!   writes the struct's own filter fields (named in the call, in order), then the paging fields
//!   checked by `client::list::serialize_paging`, then `expand`.
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
/// named differently from the method), then returns `self`.
macro_rules! setters {
    ($($(#[$doc:meta])* fn $name:ident($arg:ident: $ty:ty) { $($store:tt)+ })*) => {$(
        $(#[$doc])*
        pub fn $name(mut self, $arg: $ty) -> Self {
            $crate::resources::builders::setters!(@store self $($store)+);
            self
        }
    )*};
    (@store $self:ident $field:ident = $value:expr) => {
        $self.$field = $value
    };
    (@store $self:ident $field:ident.push($value:expr)) => {
        $self.$field.push($value)
    };
}
pub(crate) use setters;

/// Builder methods, `Serialize` and [`PageParams`](crate::list::PageParams) for a struct with
/// the filter fields `$field`s, then `limit: Option<u8>`, `starting_after: Option<String>`,
/// `ending_before: Option<String>` and `expand: Vec<Text>`.
macro_rules! list_params {
    ($name:ident, $objects:literal, [$($field:ident),* $(,)?]) => {
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
                #[doc = concat!("`limit`: ", $objects, " per page, 1 to 100 (Stripe's default is 10).")]
                fn limit(limit: u8) { limit = Some(limit) }

                /// `starting_after`: the page after this object id (the next page).
                fn starting_after(id: impl Into<String>) { starting_after = Some(id.into()) }

                /// `ending_before`: the page before this object id (the previous page).
                /// Auto-pagination then walks backwards.
                fn ending_before(id: impl Into<String>) { ending_before = Some(id.into()) }

                /// `expand[N]`: expand this field of every object, e.g. `data.customer`.
                fn expand(field: impl Into<String>) { expand.push($crate::leaf::Text::from(field.into())) }
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
