//! [`Event`]: the envelope of every webhook, and [`EventData`], its object decoded by event type.

use super::WebhookError;
use crate::configurations::Configuration;
use crate::customers::payment_methods::PaymentMethod;
use crate::customers::tax_ids::TaxId;
use crate::customers::Customer;
use crate::sessions::Session;
use crate::subscriptions::Subscription;
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

crate::open_enum! {
    /// An event's `type`: the ones a portal integration listens to, and `Other` for the rest.
    pub enum EventType {
        /// A subscription changed: plan, quantity, scheduled cancellation, status…
        CustomerSubscriptionUpdated = "customer.subscription.updated",
        /// A subscription ended.
        CustomerSubscriptionDeleted = "customer.subscription.deleted",
        /// A payment method was attached to a customer.
        PaymentMethodAttached = "payment_method.attached",
        /// A payment method was detached from a customer.
        PaymentMethodDetached = "payment_method.detached",
        /// A customer's details changed (email, address, default payment method…).
        CustomerUpdated = "customer.updated",
        /// A tax id was added to a customer.
        CustomerTaxIdCreated = "customer.tax_id.created",
        /// A tax id was updated (e.g. its verification finished).
        CustomerTaxIdUpdated = "customer.tax_id.updated",
        /// A tax id was removed from a customer.
        CustomerTaxIdDeleted = "customer.tax_id.deleted",
        /// A portal configuration was created.
        BillingPortalConfigurationCreated = "billing_portal.configuration.created",
        /// A portal configuration was updated.
        BillingPortalConfigurationUpdated = "billing_portal.configuration.updated",
        /// A portal session was created.
        BillingPortalSessionCreated = "billing_portal.session.created",
    }
}

/// A Stripe event, as delivered to a webhook endpoint.
///
/// Decoding is forgiving where Stripe evolves: unknown fields are ignored, and an event `type`
/// this crate does not know decodes to [`EventData::Other`] with its raw object, never to an
/// error. An event of a known type whose object does not decode *is* an error
/// ([`WebhookError::ObjectNotDecoded`]): see there why.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `evt_…`. Stripe may deliver an event more than once: use it to process each only once.
    pub id: String,
    /// The event's `type`.
    pub event_type: EventType,
    /// When the event happened, Unix seconds. Events are not delivered in order: compare this.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
    /// The API version the object is rendered in, e.g. `2025-06-30.basil`.
    pub api_version: Option<String>,
    /// The connected account the event is about, for Connect endpoints.
    pub account: Option<String>,
    /// How many endpoints have yet to acknowledge it.
    pub pending_webhooks: Option<u64>,
    /// The API request that caused it, if any (none for changes made by Stripe itself).
    pub request: EventRequest,
    /// `data.object`, decoded by [`event_type`](Event::event_type).
    pub data: EventData,
    /// `data.previous_attributes`, for `*.updated` events: the old values of the fields that
    /// changed. See [`Event::subscription_update`] for reading a subscription's.
    pub previous_attributes: Option<Map<String, Value>>,
}

/// The `request` of an event.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct EventRequest {
    /// `req_…`, when an API request caused the event. `None` for changes made in the Dashboard,
    /// by the portal or by Stripe's own automation.
    pub id: Option<String>,
    /// The idempotency key of that request, if it had one.
    pub idempotency_key: Option<String>,
}

/// An event's `data.object`, decoded by the event's type.
///
/// The typed objects are boxed to keep the enum small.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum EventData {
    /// `customer.subscription.updated`.
    CustomerSubscriptionUpdated(Box<Subscription>),
    /// `customer.subscription.deleted`.
    CustomerSubscriptionDeleted(Box<Subscription>),
    /// `payment_method.attached`.
    PaymentMethodAttached(Box<PaymentMethod>),
    /// `payment_method.detached`.
    PaymentMethodDetached(Box<PaymentMethod>),
    /// `customer.updated`.
    CustomerUpdated(Box<Customer>),
    /// `customer.tax_id.created`.
    CustomerTaxIdCreated(Box<TaxId>),
    /// `customer.tax_id.updated`.
    CustomerTaxIdUpdated(Box<TaxId>),
    /// `customer.tax_id.deleted`.
    CustomerTaxIdDeleted(Box<TaxId>),
    /// `billing_portal.configuration.created`.
    BillingPortalConfigurationCreated(Box<Configuration>),
    /// `billing_portal.configuration.updated`.
    BillingPortalConfigurationUpdated(Box<Configuration>),
    /// `billing_portal.session.created`.
    BillingPortalSessionCreated(Box<Session>),
    /// Any other event type, with its object as sent.
    Other {
        /// The event's `type`.
        event_type: String,
        /// `data.object`, undecoded.
        object: Value,
    },
}

impl EventData {
    /// Decodes `object` as the object `event_type` carries.
    pub fn decode(event_type: &EventType, object: Value) -> Result<Self, serde_json::Error> {
        Ok(match event_type {
            EventType::CustomerSubscriptionUpdated => EventData::CustomerSubscriptionUpdated(typed(object)?),
            EventType::CustomerSubscriptionDeleted => EventData::CustomerSubscriptionDeleted(typed(object)?),
            EventType::PaymentMethodAttached => EventData::PaymentMethodAttached(typed(object)?),
            EventType::PaymentMethodDetached => EventData::PaymentMethodDetached(typed(object)?),
            EventType::CustomerUpdated => EventData::CustomerUpdated(typed(object)?),
            EventType::CustomerTaxIdCreated => EventData::CustomerTaxIdCreated(typed(object)?),
            EventType::CustomerTaxIdUpdated => EventData::CustomerTaxIdUpdated(typed(object)?),
            EventType::CustomerTaxIdDeleted => EventData::CustomerTaxIdDeleted(typed(object)?),
            EventType::BillingPortalConfigurationCreated => {
                EventData::BillingPortalConfigurationCreated(typed(object)?)
            }
            EventType::BillingPortalConfigurationUpdated => {
                EventData::BillingPortalConfigurationUpdated(typed(object)?)
            }
            EventType::BillingPortalSessionCreated => EventData::BillingPortalSessionCreated(typed(object)?),
            EventType::Other(other) => EventData::Other { event_type: other.clone(), object },
        })
    }

    /// The type of event this data came with.
    pub fn event_type(&self) -> EventType {
        match self {
            EventData::CustomerSubscriptionUpdated(_) => EventType::CustomerSubscriptionUpdated,
            EventData::CustomerSubscriptionDeleted(_) => EventType::CustomerSubscriptionDeleted,
            EventData::PaymentMethodAttached(_) => EventType::PaymentMethodAttached,
            EventData::PaymentMethodDetached(_) => EventType::PaymentMethodDetached,
            EventData::CustomerUpdated(_) => EventType::CustomerUpdated,
            EventData::CustomerTaxIdCreated(_) => EventType::CustomerTaxIdCreated,
            EventData::CustomerTaxIdUpdated(_) => EventType::CustomerTaxIdUpdated,
            EventData::CustomerTaxIdDeleted(_) => EventType::CustomerTaxIdDeleted,
            EventData::BillingPortalConfigurationCreated(_) => EventType::BillingPortalConfigurationCreated,
            EventData::BillingPortalConfigurationUpdated(_) => EventType::BillingPortalConfigurationUpdated,
            EventData::BillingPortalSessionCreated(_) => EventType::BillingPortalSessionCreated,
            EventData::Other { event_type, .. } => EventType::from(event_type.as_str()),
        }
    }
}

fn typed<T: DeserializeOwned>(object: Value) -> Result<Box<T>, serde_json::Error> {
    serde_json::from_value(object).map(Box::new)
}

impl Event {
    /// Decodes an event's JSON **without checking any signature**: for bodies already verified
    /// (see [`Verifier`](super::Verifier)), or fetched from the Events API.
    ///
    /// Errors: [`NotAnEvent`](WebhookError::NotAnEvent) when the JSON is not an event envelope,
    /// [`ObjectNotDecoded`](WebhookError::ObjectNotDecoded) when the event has a known type but its
    /// object does not decode as that type's object.
    pub fn from_slice(json: &[u8]) -> Result<Self, WebhookError> {
        let raw: RawEvent = serde_json::from_slice(json).map_err(WebhookError::NotAnEvent)?;
        raw.decode()
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        RawEvent::deserialize(deserializer)?.decode().map_err(D::Error::custom)
    }
}

#[derive(Deserialize)]
struct RawEvent {
    id: String,
    object: Option<String>,
    #[serde(rename = "type")]
    event_type: EventType,
    created: i64,
    livemode: bool,
    api_version: Option<String>,
    account: Option<String>,
    pending_webhooks: Option<u64>,
    request: Option<RawRequest>,
    data: RawData,
}

#[derive(Deserialize)]
struct RawData {
    object: Value,
    previous_attributes: Option<Map<String, Value>>,
}

/// `request`: an object in current API versions, a bare id before 2017-05-25.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawRequest {
    Object { id: Option<String>, idempotency_key: Option<String> },
    Id(String),
}

impl RawEvent {
    fn decode(self) -> Result<Event, WebhookError> {
        if let Some(object) = self.object.as_deref().filter(|object| *object != "event") {
            return Err(WebhookError::NotAnEvent(serde_json::Error::custom(format!(
                "`object` is `{object}`, not `event`"
            ))));
        }
        let data =
            EventData::decode(&self.event_type, self.data.object).map_err(|source| WebhookError::ObjectNotDecoded {
                event_id: self.id.clone(),
                event_type: self.event_type.to_string(),
                source,
            })?;
        let request = match self.request {
            None => EventRequest::default(),
            Some(RawRequest::Id(id)) => EventRequest { id: Some(id), idempotency_key: None },
            Some(RawRequest::Object { id, idempotency_key }) => EventRequest { id, idempotency_key },
        };
        Ok(Event {
            id: self.id,
            event_type: self.event_type,
            created: self.created,
            livemode: self.livemode,
            api_version: self.api_version,
            account: self.account,
            pending_webhooks: self.pending_webhooks,
            request,
            data,
            previous_attributes: self.data.previous_attributes,
        })
    }
}
