//! Lists: [`List`], one page of a Stripe list response, and auto-pagination over every page as a
//! [`Stream`] ([`ListStream`]).
//!
//! Stripe lists newest first, a page at a time (`limit`, 1 to 100, default 10). The next page is
//! asked for with `starting_after=<last id>`; with `ending_before=<id>` Stripe pages the other way.
//! [`Call::paginate`] does that walk: it follows `starting_after` (or `ending_before`, when the
//! params set only that) until a page says `has_more: false`, and also stops on an empty page or a
//! cursor it has used before, whatever `has_more` says, so a misbehaving server cannot keep it
//! looping.
//!
//! ```no_run
//! # async fn run(client: stripe_billing_portal::Client) -> Result<(), stripe_billing_portal::Error> {
//! use futures_util::StreamExt;
//! use stripe_billing_portal::configurations::ConfigurationListParams;
//!
//! // Every active configuration, 100 per request.
//! let mut configurations = client.configurations().list(ConfigurationListParams::new().active(true).limit(100)).paginate();
//! while let Some(configuration) = configurations.next().await {
//!     println!("{}", configuration?.id);
//! }
//!
//! // Or at most 25 of them, in a Vec.
//! let first = client.configurations().list(ConfigurationListParams::new()).collect_at_most(25).await?;
//! # let _ = first; Ok(()) }
//! ```

use crate::client::call::Call;
use crate::wire::expandable::Object;
use crate::wire::leaf::{AsId, Refuse};
use crate::Error;
use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The most objects one page holds (`limit`).
pub const MAX_LIMIT: u8 = 100;

/// A page of objects: `{"object": "list", "data": [...], "has_more": …, "url": …}`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct List<T> {
    /// The objects on this page.
    #[serde(default = "Vec::new")]
    pub data: Vec<T>,
    /// Whether more objects follow this page.
    #[serde(default)]
    pub has_more: bool,
    /// The list's URL path, e.g. `/v1/billing_portal/configurations`.
    #[serde(default)]
    pub url: String,
}

/// The paging fields of a list call's params, lent to auto-pagination so it can move the cursor.
#[derive(Debug)]
#[non_exhaustive]
pub struct Paging<'a> {
    /// `limit`.
    pub limit: &'a mut Option<u8>,
    /// `starting_after`.
    pub starting_after: &'a mut Option<String>,
    /// `ending_before`.
    pub ending_before: &'a mut Option<String>,
}

/// The params of a list call that pages with `starting_after` / `ending_before`.
pub trait PageParams: Serialize + Clone {
    /// The paging fields, to read and to set for the next page.
    fn paging(&mut self) -> Paging<'_>;
}

/// Writes the paging fields every list call shares (`limit`, `starting_after`, `ending_before`,
/// in that order) into a params struct being serialized, refusing what Stripe would refuse: a
/// `limit` outside 1 to 100, a cursor that is not an id, both cursors at once.
pub(crate) fn serialize_paging<S: SerializeStruct>(
    s: &mut S,
    limit: Option<u8>,
    starting_after: Option<&str>,
    ending_before: Option<&str>,
) -> Result<(), S::Error> {
    match limit {
        Some(limit) if !(1..=MAX_LIMIT).contains(&limit) => {
            s.serialize_field("limit", &Refuse(format_args!("is {limit}; Stripe accepts 1 to {MAX_LIMIT}")))?
        }
        _ => s.serialize_field("limit", &limit)?,
    }
    s.serialize_field("starting_after", &starting_after.map(AsId))?;
    if starting_after.is_some() && ending_before.is_some() {
        s.serialize_field("ending_before", &Refuse("cannot be combined with `starting_after`"))
    } else {
        s.serialize_field("ending_before", &ending_before.map(AsId))
    }
}

/// Every object of a list, page after page: a [`Stream`] of `Result<T, Error>`.
///
/// Made by [`Call::paginate`]. Pages are fetched one at a time, only when the objects of the page
/// before are used up. After an error the stream ends. Walking backwards (`ending_before`), each
/// page's objects come out in reverse, so the stream moves steadily away from the cursor.
#[must_use = "a stream does nothing until polled"]
pub struct ListStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error>> + Send>>,
}

impl<T> std::fmt::Debug for ListStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListStream").finish_non_exhaustive()
    }
}

impl<T> Stream for ListStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T> ListStream<T> {
    /// The first `n` objects (fewer when the list is shorter), fetching no page beyond them.
    pub async fn collect_at_most(mut self, n: usize) -> Result<Vec<T>, Error> {
        let mut items = Vec::new();
        while items.len() < n {
            match std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await {
                Some(item) => items.push(item?),
                None => break,
            }
        }
        Ok(items)
    }
}

/// Where auto-pagination stands between two pages.
struct Walk<P, T> {
    /// The call for the next page; `None` once the last page is in.
    next: Option<Call<P, List<T>>>,
    /// The objects of the current page not yet yielded.
    buffer: std::vec::IntoIter<T>,
    backwards: bool,
    /// Every cursor used so far: a page that leads back to one ends the walk.
    cursors: HashSet<String>,
}

impl<P, T> Call<P, List<T>>
where
    P: PageParams + Send + 'static,
    T: DeserializeOwned + Object + Send + 'static,
{
    /// Every object of the list, as a [`Stream`] that fetches page after page.
    ///
    /// Pages forward with `starting_after` (from the params' own `starting_after`, if any), or
    /// backwards with `ending_before` when only that is set. Stops when a page has
    /// `has_more: false`, is empty, or leads to a cursor already used. Per-request options (such as
    /// `stripe_account`) apply to every page.
    pub fn paginate(mut self) -> ListStream<T> {
        let paging = self.params_mut().paging();
        let backwards = paging.ending_before.is_some() && paging.starting_after.is_none();
        let first = if backwards { paging.ending_before } else { paging.starting_after };
        let cursors = first.iter().map(ToString::to_string).collect();
        let walk = Walk { next: Some(self), buffer: Vec::new().into_iter(), backwards, cursors };
        let stream = futures_util::stream::try_unfold(walk, |mut walk| async move {
            loop {
                if let Some(item) = walk.buffer.next() {
                    return Ok(Some((item, walk)));
                }
                let Some(call) = walk.next.take() else { return Ok(None) };
                let page = call.clone().send().await?;
                walk.next = next_page(call, &page, walk.backwards, &mut walk.cursors);
                let mut items = page.data;
                if walk.backwards {
                    items.reverse();
                }
                walk.buffer = items.into_iter();
            }
        });
        ListStream { inner: Box::pin(stream) }
    }

    /// The first `n` objects of the list (fewer when it is shorter), in a `Vec`.
    ///
    /// When the params set no `limit`, pages of `min(n, 100)` are asked for, so that as few
    /// requests as possible are made; no page beyond the `n`th object is fetched.
    pub async fn collect_at_most(mut self, n: usize) -> Result<Vec<T>, Error> {
        if n == 0 {
            return Ok(Vec::new());
        }
        let paging = self.params_mut().paging();
        if paging.limit.is_none() {
            *paging.limit = Some(u8::try_from(n.min(usize::from(MAX_LIMIT))).unwrap_or(MAX_LIMIT));
        }
        self.paginate().collect_at_most(n).await
    }
}

/// The call for the page after `page`, if there is one to ask for.
fn next_page<P: PageParams, T: DeserializeOwned + Object>(
    mut call: Call<P, List<T>>,
    page: &List<T>,
    backwards: bool,
    cursors: &mut HashSet<String>,
) -> Option<Call<P, List<T>>> {
    if !page.has_more {
        return None;
    }
    // An empty page cannot give a cursor: stop rather than ask for the same page again.
    let edge = if backwards { page.data.first() } else { page.data.last() }?;
    let cursor = edge.id().to_owned();
    let paging = call.params_mut().paging();
    let (moving, other) = if backwards {
        (paging.ending_before, paging.starting_after)
    } else {
        (paging.starting_after, paging.ending_before)
    };
    if !cursors.insert(cursor.clone()) {
        return None;
    }
    *moving = Some(cursor);
    *other = None;
    Some(call)
}
