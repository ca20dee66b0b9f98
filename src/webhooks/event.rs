//! [`Event`]: the envelope of every webhook, and [`EventData`], its object decoded by event type.

use super::WebhookError;
use crate::configurations::Configuration;
use crate::customers::payment_methods::PaymentMethod;
use crate::customers::setup_intents::SetupIntent;
use crate::customers::tax_ids::TaxId;
use crate::customers::Customer;
use crate::discounts::Discount;
use crate::invoices::{Invoice, InvoiceItem};
use crate::sessions::Session;
use crate::subscriptions::{Subscription, SubscriptionSchedule};
use serde::de::DeserializeOwned;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The one table of typed events. Each group names the object type its events carry and the
/// [`EventData`] accessor that returns it; each row is an event's variant, its `type` string and
/// its doc (`Variant = "type": "doc",`). From it come [`EventType`] (with `Other`), [`EventData`] (with `Other`), decoding by
/// type, [`EventData::event_type`] and the per-object accessors.
macro_rules! event_table {
    (
        $(
            $object:ident, $accessor:ident, $accessor_doc:literal {
                $( $variant:ident = $wire:literal: $doc:literal, )+
            }
        )+
    ) => {
        crate::open_enum! {
            /// An event's `type`: one variant per typed event, and `Other` for the rest.
            pub enum EventType {
                $( $( $variant = $wire: $doc, )+ )+
            }
        }

        /// An event's `data.object`, decoded by the event's type: one variant per [`EventType`].
        ///
        /// The typed objects are boxed to keep the enum small.
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum EventData {
            $( $(
                #[doc = concat!("`", $wire, "`: ", $doc)]
                $variant(Box<$object>),
            )+ )+
            /// Any other event type, with its object as sent.
            Other {
                /// The event's `type`.
                event_type: String,
                /// `data.object`, undecoded.
                object: Value,
            },
        }

        impl EventData {
            /// Decodes `object` as the object `event_type` carries. Any type this crate does not
            /// type is [`EventData::Other`]; a typed one whose object does not decode is an error naming the field at fault.
            pub fn decode(event_type: &EventType, object: Value) -> Result<Self, serde_json::Error> {
                Ok(match event_type {
                    $( $( EventType::$variant => EventData::$variant(decode_object(object)?), )+ )+
                    EventType::Other(other) => EventData::Other { event_type: other.clone(), object },
                })
            }

            /// The type of event this data came with.
            pub fn event_type(&self) -> EventType {
                match self {
                    $( $( EventData::$variant(_) => EventType::$variant, )+ )+
                    EventData::Other { event_type, .. } => EventType::from(event_type.as_str()),
                }
            }

            $(
                #[doc = $accessor_doc]
                pub fn $accessor(&self) -> Option<&$object> {
                    match self {
                        $( EventData::$variant(object) => Some(object), )+
                        _ => None,
                    }
                }
            )+
        }
    };
}

event_table! {
    Subscription, subscription, "The subscription, for `customer.subscription.*` events." {
        CustomerSubscriptionCreated = "customer.subscription.created":
            "A subscription was created (by the API or Checkout; the portal cannot create one).",
        CustomerSubscriptionUpdated = "customer.subscription.updated":
            "A subscription changed: price, quantity, scheduled cancellation, cancellation feedback, status…",
        CustomerSubscriptionDeleted = "customer.subscription.deleted": "A subscription ended.",
        CustomerSubscriptionPaused = "customer.subscription.paused":
            "A subscription entered `status=paused` (not a paused collection).",
        CustomerSubscriptionResumed = "customer.subscription.resumed": "A subscription left `status=paused`.",
        CustomerSubscriptionPendingUpdateApplied = "customer.subscription.pending_update_applied":
            "A pending update was applied once its invoice was paid.",
        CustomerSubscriptionPendingUpdateExpired = "customer.subscription.pending_update_expired":
            "A pending update expired before its invoice was paid.",
        CustomerSubscriptionTrialWillEnd = "customer.subscription.trial_will_end":
            "A trial ends in three days (or now, for shorter trials).",
    }
    Customer, customer, "The customer, for `customer.updated`." {
        CustomerUpdated = "customer.updated": "A customer's details changed (email, address, default payment method…).",
    }
    Discount, discount, "The discount, for `customer.discount.*` events." {
        CustomerDiscountCreated = "customer.discount.created":
            "A discount was applied to a customer or subscription (a retention coupon, a promotion code).",
        CustomerDiscountUpdated = "customer.discount.updated": "A discount was replaced by another.",
        CustomerDiscountDeleted = "customer.discount.deleted": "A discount was removed or ended.",
    }
    PaymentMethod, payment_method, "The payment method, for `payment_method.*` events." {
        PaymentMethodAttached = "payment_method.attached": "A payment method was attached to a customer.",
        PaymentMethodDetached = "payment_method.detached": "A payment method was detached from a customer.",
        PaymentMethodUpdated = "payment_method.updated":
            "A payment method's details were updated (billing details, expiry).",
        PaymentMethodAutomaticallyUpdated = "payment_method.automatically_updated":
            "The card network updated a card (new number or expiry).",
    }
    TaxId, tax_id, "The tax id, for `customer.tax_id.*` events." {
        CustomerTaxIdCreated = "customer.tax_id.created": "A tax id was added to a customer.",
        CustomerTaxIdUpdated = "customer.tax_id.updated": "A tax id was updated (e.g. its verification finished).",
        CustomerTaxIdDeleted = "customer.tax_id.deleted": "A tax id was removed from a customer.",
    }
    Configuration, configuration, "The portal configuration, for `billing_portal.configuration.*` events." {
        BillingPortalConfigurationCreated = "billing_portal.configuration.created":
            "A portal configuration was created.",
        BillingPortalConfigurationUpdated = "billing_portal.configuration.updated":
            "A portal configuration was updated.",
    }
    Session, session, "The portal session, for `billing_portal.session.created`." {
        BillingPortalSessionCreated = "billing_portal.session.created": "A portal session was created.",
    }
    Invoice, invoice, "The invoice, for `invoice.*` events." {
        InvoiceCreated = "invoice.created": "An invoice was created (a draft).",
        InvoiceFinalized = "invoice.finalized": "An invoice was finalized: it can be paid now.",
        InvoicePaid = "invoice.paid": "An invoice was paid.",
        InvoicePaymentFailed = "invoice.payment_failed": "A payment attempt for an invoice failed.",
        InvoicePaymentSucceeded = "invoice.payment_succeeded":
            "A payment attempt for an invoice succeeded (sent next to `invoice.paid`).",
    }
    InvoiceItem, invoice_item, "The invoice item, for `invoiceitem.created`." {
        InvoiceitemCreated = "invoiceitem.created":
            "An invoice item was created (e.g. a proration of a subscription change, for the next invoice).",
    }
    SetupIntent, setup_intent, "The SetupIntent, for `setup_intent.*` events." {
        SetupIntentCreated = "setup_intent.created":
            "A SetupIntent was created (e.g. a customer started adding a payment method).",
        SetupIntentSucceeded = "setup_intent.succeeded": "A SetupIntent succeeded: its payment method is set up.",
    }
    SubscriptionSchedule, subscription_schedule, "The subscription schedule, for `subscription_schedule.created`." {
        SubscriptionScheduleCreated = "subscription_schedule.created":
            "A subscription schedule was created (e.g. a change scheduled for the period end).",
    }
}

/// Decodes an event's object; the error names the field at fault when it is not the object
/// itself (`` `items.data[0].quantity`: invalid type… ``).
fn decode_object<T: DeserializeOwned>(object: Value) -> Result<T, serde_json::Error> {
    serde_path_to_error::deserialize(object).map_err(|error| {
        let path = error.path().to_string();
        let error = error.into_inner();
        if path == "." {
            error
        } else {
            serde_json::Error::custom(format!("`{path}`: {error}"))
        }
    })
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
    /// changed. See [`Event::subscription_changes`] for what they mean for a subscription.
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

impl Event {
    /// Decodes an event's JSON **without checking any signature**: for bodies already verified
    /// (see [`Verifier`](super::Verifier)), or fetched from the Events API.
    ///
    /// Errors: [`NotAnEvent`](WebhookError::NotAnEvent) when the JSON is not an event envelope,
    /// [`ObjectNotDecoded`](WebhookError::ObjectNotDecoded) when the event has a known type but its
    /// object does not decode as that type's object.
    pub fn from_slice(json: &[u8]) -> Result<Self, WebhookError> {
        let raw: RawEvent = crate::wire::json::from_body(json).map_err(WebhookError::NotAnEvent)?;
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
