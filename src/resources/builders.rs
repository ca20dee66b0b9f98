//! Builder methods that several params types share, written once:
//!
//! - `list_params!`: the paging half of every list call's params (`limit`, `starting_after`,
//!   `ending_before`, `expand`): builder methods, [`PageParams`], and the `Serialize` impl, which
//!   writes the struct's own filter fields (named in the call, in order), then the paging fields
//!   checked by `client::list::serialize_paging`, then `expand`.
//! - `metadata_update_methods!`: `metadata`, `delete_metadata`, `clear_metadata` and
//!   `metadata_update` for an update call's `metadata: MetadataUpdate` field.
//!
//! [`PageParams`]: crate::list::PageParams

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
            #[doc = concat!("`limit`: ", $objects, " per page, 1 to 100 (Stripe's default is 10).")]
            pub fn limit(mut self, limit: u8) -> Self {
                self.limit = Some(limit);
                self
            }

            /// `starting_after`: the page after this object id (the next page).
            pub fn starting_after(mut self, id: impl Into<String>) -> Self {
                self.starting_after = Some(id.into());
                self
            }

            /// `ending_before`: the page before this object id (the previous page). Auto-pagination
            /// then walks backwards.
            pub fn ending_before(mut self, id: impl Into<String>) -> Self {
                self.ending_before = Some(id.into());
                self
            }

            /// `expand[N]`: expand this field of every object, e.g. `data.customer`.
            pub fn expand(mut self, field: impl Into<String>) -> Self {
                self.expand.push($crate::leaf::Text::from(field.into()));
                self
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
