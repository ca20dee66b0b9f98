//! Events: made when state changes (in causal order, stored for `GET /v1/events`), and delivered
//! to the registered webhook endpoints as signed HTTP POSTs by a background task, retried with
//! backoff, never holding up the API.

use super::fixtures;
use super::resources::Ctx;
use super::store::{new_id, State};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, Notify};

/// `previous_attributes` of an update from `old` to `new`: the old value of every top-level key
/// that changed (or went away); nested objects list only their changed keys; lists are given whole.
pub(crate) fn previous_attributes(old: &Value, new: &Value) -> Map<String, Value> {
    let mut changed = Map::new();
    let (Value::Object(old), Value::Object(new)) = (old, new) else { return changed };
    for (key, new_value) in new {
        let old_value = old.get(key).unwrap_or(&Value::Null);
        if old_value == new_value {
            continue;
        }
        let previous = match (old_value, new_value) {
            (Value::Object(_), Value::Object(_)) if key != "items" => {
                Value::Object(previous_attributes(old_value, new_value))
            }
            _ => old_value.clone(),
        };
        changed.insert(key.clone(), previous);
    }
    for (key, old_value) in old {
        if !new.contains_key(key) {
            changed.insert(key.clone(), old_value.clone());
        }
    }
    changed
}

/// Whether an endpoint listening to `enabled` receives `event_type`.
fn listens_to(enabled: &Value, event_type: &str) -> bool {
    enabled.as_array().is_some_and(|events| events.iter().any(|e| e == "*" || e == event_type))
}

/// The enabled endpoints that receive `event_type`: (id, url).
fn receivers(state: &State, event_type: &str) -> Vec<(String, String)> {
    state
        .all("webhook_endpoint")
        .into_iter()
        .filter(|endpoint| endpoint["status"] == "enabled" && listens_to(&endpoint["enabled_events"], event_type))
        .map(|endpoint| {
            (
                endpoint["id"].as_str().unwrap_or_default().to_owned(),
                endpoint["url"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

impl Ctx<'_> {
    /// Records an event of `event_type` about `object` (with `previous` for `*.updated`), and
    /// queues it for delivery. Returns the event id.
    pub(crate) fn emit(&mut self, event_type: &str, object: &Value, previous: Option<Map<String, Value>>) -> String {
        let id = new_id("evt");
        let mut event = fixtures::event(event_type)
            .id(id.clone())
            .created(self.now)
            .object(object.clone())
            .request(self.request_id.as_deref(), self.idempotency_key.as_deref())
            .set("pending_webhooks", receivers(self.state, event_type).len());
        if let Some(previous) = previous {
            event = event.previous_attributes(Value::Object(previous));
        }
        let event = event.build_json();
        self.state.put("event", event.clone());
        self.state.outbox.push(event);
        id
    }

    /// Stores `new` in place of `old` and, when anything changed, emits `event_type` with the
    /// `previous_attributes`. Returns `new`.
    pub(crate) fn save_update(&mut self, kind: &str, event_type: &str, old: &Value, new: Value) -> Value {
        let previous = previous_attributes(old, &new);
        self.state.put(kind, new.clone());
        if !previous.is_empty() {
            self.emit(event_type, &new, Some(previous));
        }
        new
    }

    /// Stores a new object and emits `event_type` (`*.created`) for it.
    pub(crate) fn save_new(&mut self, kind: &str, event_type: &str, object: Value) -> Value {
        self.state.put(kind, object.clone());
        self.emit(event_type, &object, None);
        object
    }
}

/// One attempt to deliver an event to an endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Delivery {
    /// `evt_…`.
    pub event_id: String,
    /// The event's type.
    pub event_type: String,
    /// `we_…`.
    pub endpoint_id: String,
    /// The URL posted to.
    pub url: String,
    /// 1 for the first try, 2 for the first retry, …
    pub attempt: u32,
    /// The HTTP status answered, `None` when the connection failed.
    pub status: Option<u16>,
}

impl Delivery {
    /// Whether the endpoint answered 2xx.
    pub fn succeeded(&self) -> bool {
        self.status.is_some_and(|status| (200..300).contains(&status))
    }
}

/// One event for one endpoint.
struct Job {
    event_id: String,
    event_type: String,
    endpoint_id: String,
    url: String,
    secret: String,
    body: Arc<Vec<u8>>,
}

/// The delivery side: a queue per endpoint (first attempts go out in event order), retries in
/// their own tasks, and the log of attempts.
pub(crate) struct Deliverer {
    queues: Mutex<HashMap<String, mpsc::UnboundedSender<Job>>>,
    log: Arc<Mutex<Vec<Delivery>>>,
    logged: Arc<Notify>,
    http: reqwest::Client,
    attempts: u32,
    backoff: Duration,
}

impl Deliverer {
    /// A deliverer trying each delivery `attempts` times, waiting `backoff`, then twice that, …
    pub(crate) fn new(attempts: u32, backoff: Duration) -> Self {
        Deliverer {
            queues: Mutex::new(HashMap::new()),
            log: Arc::new(Mutex::new(Vec::new())),
            logged: Arc::new(Notify::new()),
            http: reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap_or_default(),
            attempts: attempts.max(1),
            backoff,
        }
    }

    /// The attempts made so far, in the order they finished.
    pub(crate) fn log(&self) -> Vec<Delivery> {
        self.log.lock().map(|log| log.clone()).unwrap_or_default()
    }

    /// Waits until at least `count` attempts are logged.
    pub(crate) async fn wait_for(&self, count: usize) {
        loop {
            let notified = self.logged.notified();
            if self.log.lock().map(|log| log.len()).unwrap_or(0) >= count {
                return;
            }
            notified.await;
        }
    }

    /// Queues the events in `state.outbox` for every endpoint that listens to them.
    pub(crate) fn take_outbox(&self, state: &mut State) {
        for event in std::mem::take(&mut state.outbox) {
            let event_type = event["type"].as_str().unwrap_or_default().to_owned();
            let receivers = receivers(state, &event_type);
            if receivers.is_empty() {
                continue;
            }
            let body = Arc::new(serde_json::to_vec(&event).unwrap_or_default());
            for (endpoint_id, url) in receivers {
                let secret = state.webhook_secrets.get(&endpoint_id).cloned().unwrap_or_default();
                let job = Job {
                    event_id: event["id"].as_str().unwrap_or_default().to_owned(),
                    event_type: event_type.clone(),
                    endpoint_id,
                    url,
                    secret,
                    body: Arc::clone(&body),
                };
                self.enqueue(job);
            }
        }
    }

    fn enqueue(&self, job: Job) {
        let Ok(mut queues) = self.queues.lock() else { return };
        let key = job.endpoint_id.clone();
        let job = match queues.get(&key) {
            Some(sender) => match sender.send(job) {
                Ok(()) => return,
                // The queue's task ended (its runtime shut down): start a new one.
                Err(mpsc::error::SendError(job)) => job,
            },
            None => job,
        };
        let sender = self.spawn_queue();
        let _ = sender.send(job);
        queues.insert(key, sender);
    }

    fn spawn_queue(&self) -> mpsc::UnboundedSender<Job> {
        let (sender, mut receiver) = mpsc::unbounded_channel::<Job>();
        let worker = Worker {
            http: self.http.clone(),
            log: Arc::clone(&self.log),
            logged: Arc::clone(&self.logged),
            attempts: self.attempts,
            backoff: self.backoff,
        };
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                while let Some(job) = receiver.recv().await {
                    let job = Arc::new(job);
                    if !worker.attempt(&job, 1).await {
                        let retrier = worker.clone();
                        tokio::spawn(async move { retrier.retry(job).await });
                    }
                }
            });
        }
        sender
    }
}

#[derive(Clone)]
struct Worker {
    http: reqwest::Client,
    log: Arc<Mutex<Vec<Delivery>>>,
    logged: Arc<Notify>,
    attempts: u32,
    backoff: Duration,
}

impl Worker {
    /// One POST, signed at the moment it is sent; logs it; `true` on 2xx.
    async fn attempt(&self, job: &Job, attempt: u32) -> bool {
        let signature = crate::webhooks::signature_header(&job.body, &job.secret, crate::webhooks::unix_now());
        let status = self
            .http
            .post(&job.url)
            .header("content-type", "application/json; charset=utf-8")
            .header("stripe-signature", signature)
            .header("user-agent", "Stripe/1.0 (+https://stripe.com/docs/webhooks)")
            .body(job.body.as_ref().clone())
            .send()
            .await
            .ok()
            .map(|response| response.status().as_u16());
        let delivery = Delivery {
            event_id: job.event_id.clone(),
            event_type: job.event_type.clone(),
            endpoint_id: job.endpoint_id.clone(),
            url: job.url.clone(),
            attempt,
            status,
        };
        let succeeded = delivery.succeeded();
        if let Ok(mut log) = self.log.lock() {
            log.push(delivery);
        }
        self.logged.notify_waiters();
        succeeded
    }

    /// The retries after a failed first attempt, with exponential backoff.
    async fn retry(&self, job: Arc<Job>) {
        let mut wait = self.backoff;
        for attempt in 2..=self.attempts {
            tokio::time::sleep(wait).await;
            if self.attempt(&job, attempt).await {
                return;
            }
            wait = wait.saturating_mul(2);
        }
    }
}
