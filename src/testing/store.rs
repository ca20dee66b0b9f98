//! The fake's state: every object as Stripe-shaped JSON, by type and id, in creation order; the
//! portal sessions' private data; idempotency records; the request log.
//!
//! All of it sits behind one mutex held for the whole of a request, so each request is atomic:
//! concurrent clients never lose updates, and a refused request changes nothing (handlers check
//! everything before the first write).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// The objects of one type, in creation order.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct Collection {
    order: Vec<String>,
    objects: HashMap<String, Value>,
}

impl Collection {
    /// The objects, newest first (Stripe's list order).
    fn newest_first(&self) -> impl Iterator<Item = &Value> {
        self.order.iter().rev().filter_map(|id| self.objects.get(id))
    }

    /// The objects, oldest first.
    fn oldest_first(&self) -> impl Iterator<Item = &Value> {
        self.order.iter().filter_map(|id| self.objects.get(id))
    }
}

/// What the fake keeps about a portal session besides the session object.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct SessionMeta {
    /// `bps_…`.
    pub session: String,
    /// Unix seconds after which the session no longer opens.
    pub expires_at: i64,
    /// Whether the customer has opened or used it.
    pub visited: bool,
    /// Whether the deep-linked flow was completed (the session then acts as the home page).
    pub flow_completed: bool,
}

/// The first answer given to an `Idempotency-Key`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct IdempotencyRecord {
    /// Method, path and the sorted parameters of the first request.
    pub fingerprint: String,
    /// Its HTTP status.
    pub status: u16,
    /// Its JSON body.
    pub body: Value,
}

/// One request the fake received.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// `GET`, `POST` or `DELETE`.
    pub method: String,
    /// The path, without the query string.
    pub path: String,
    /// The decoded form pairs of the body (POST) or query string (GET, DELETE), in order.
    pub params: Vec<(String, String)>,
    /// The headers, names lowercase, in order. `authorization` is masked to its scheme and the
    /// key's mode (`Bearer sk_test_********`).
    pub headers: Vec<(String, String)>,
    /// The HTTP status the fake answered.
    pub status: u16,
}

impl RecordedRequest {
    /// The value of the first parameter named `key` (a bracketed form key).
    pub fn param(&self, key: &str) -> Option<&str> {
        self.params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// Everything the fake knows.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub(crate) struct State {
    collections: BTreeMap<String, Collection>,
    /// Seconds the test clock is ahead of the system clock.
    pub clock_offset: i64,
    /// Portal sessions by URL token.
    pub sessions: HashMap<String, SessionMeta>,
    /// Answers by `Idempotency-Key`.
    pub idempotency: HashMap<String, IdempotencyRecord>,
    /// Webhook endpoints' signing secrets by endpoint id (returned only when created).
    pub webhook_secrets: HashMap<String, String>,
    /// When each subscription paused with a duration resumes, by subscription id: Stripe keeps it
    /// in a pause schedule, not on the subscription (whose `status_details.paused` says only when
    /// and how it paused).
    #[serde(default)]
    pub pause_ends: HashMap<String, i64>,
    /// Requests received, oldest first (not persisted).
    #[serde(skip)]
    pub requests: Vec<RecordedRequest>,
    /// Events made since the server last collected them for delivery (not persisted).
    #[serde(skip)]
    pub outbox: Vec<Value>,
}

/// A new random id: `{prefix}_` and 24 letters and digits.
pub(crate) fn new_id(prefix: &str) -> String {
    let raw = uuid::Uuid::new_v4().simple().to_string();
    let mut id = String::with_capacity(prefix.len() + 25);
    id.push_str(prefix);
    id.push('_');
    // Mix case as Stripe's ids do: upper-case the hex letters at odd positions.
    for (index, ch) in raw.chars().take(24).enumerate() {
        id.push(if index % 2 == 1 { ch.to_ascii_uppercase() } else { ch });
    }
    id
}

impl State {
    /// The objects of `kind` for which `keep` holds, newest first (Stripe's list order).
    pub(crate) fn newest(&self, kind: &str, keep: impl Fn(&Value) -> bool) -> Vec<Value> {
        self.collections.get(kind).map(|c| c.newest_first().filter(|o| keep(o)).cloned().collect()).unwrap_or_default()
    }

    /// The objects of `kind`, oldest first.
    pub(crate) fn all(&self, kind: &str) -> Vec<&Value> {
        self.collections.get(kind).map(|c| c.oldest_first().collect()).unwrap_or_default()
    }

    /// One object by type and id.
    pub(crate) fn get(&self, kind: &str, id: &str) -> Option<&Value> {
        self.collections.get(kind)?.objects.get(id)
    }

    /// An object by id, whatever its type (for `expand`).
    pub(crate) fn find_any(&self, id: &str) -> Option<&Value> {
        self.collections.values().find_map(|c| c.objects.get(id))
    }

    /// Stores `object` (its `id` names it), replacing an older version in place.
    pub(crate) fn put(&mut self, kind: &str, object: Value) {
        let id = object.get("id").and_then(Value::as_str).unwrap_or_default().to_owned();
        let collection = self.collections.entry(kind.to_owned()).or_default();
        if collection.objects.insert(id.clone(), object).is_none() {
            collection.order.push(id);
        }
    }

    /// Removes an object.
    pub(crate) fn remove(&mut self, kind: &str, id: &str) -> Option<Value> {
        let collection = self.collections.get_mut(kind)?;
        let removed = collection.objects.remove(id)?;
        collection.order.retain(|other| other != id);
        Some(removed)
    }

    /// Whether an object of `kind` with `id` exists.
    pub(crate) fn exists(&self, kind: &str, id: &str) -> bool {
        self.get(kind, id).is_some()
    }
}

/// The objects and sessions as they were before a request, to put back if it fails.
pub(crate) struct Snapshot {
    collections: BTreeMap<String, Collection>,
    sessions: HashMap<String, SessionMeta>,
    webhook_secrets: HashMap<String, String>,
    pause_ends: HashMap<String, i64>,
    clock_offset: i64,
}

impl State {
    /// What [`restore`](Self::restore) puts back.
    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot {
            collections: self.collections.clone(),
            sessions: self.sessions.clone(),
            webhook_secrets: self.webhook_secrets.clone(),
            pause_ends: self.pause_ends.clone(),
            clock_offset: self.clock_offset,
        }
    }

    /// Undoes everything since `snapshot` (the request log and idempotency records stay).
    pub(crate) fn restore(&mut self, snapshot: Snapshot) {
        self.collections = snapshot.collections;
        self.sessions = snapshot.sessions;
        self.webhook_secrets = snapshot.webhook_secrets;
        self.pause_ends = snapshot.pause_ends;
        self.clock_offset = snapshot.clock_offset;
        self.outbox.clear();
    }
}
