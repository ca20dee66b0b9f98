//! `list_params!`: the paging half every list call's params share (`limit`, `starting_after`,
//! `ending_before`, `expand`), written once: builder methods, their check, and [`PageParams`].
//!
//! A list params struct declares the four fields itself (so the form keys keep its declaration
//! order) and invokes the macro with the name of the objects it lists, for the docs.
//!
//! [`PageParams`]: crate::list::PageParams

/// Builder methods, `validate_page` and [`PageParams`](crate::list::PageParams) for a struct with
/// the fields `limit: Option<u8>`, `starting_after: Option<String>`, `ending_before: Option<String>`
/// and `expand: Vec<String>`.
macro_rules! list_params {
    ($name:ident, $objects:literal) => {
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
                self.expand.push(field.into());
                self
            }

            /// The checks of the paging fields and `expand`.
            fn validate_page(&self) -> Result<(), $crate::Error> {
                $crate::client::list::validate_paging(
                    self.limit,
                    self.starting_after.as_deref(),
                    self.ending_before.as_deref(),
                )?;
                $crate::wire::validate::expand(&self.expand)
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
