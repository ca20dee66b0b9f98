//! [`SetupIntent`]: the fields of the `setup_intent` object a portal integration reads.
//!
//! A customer who adds a payment method in the portal does so through a SetupIntent:
//! `setup_intent.created` and `setup_intent.succeeded` webhooks carry it. Its `client_secret` is
//! not decoded: a backend never needs it from a webhook.

use super::payment_methods::{PaymentMethod, PaymentMethodType};
use super::Customer;
use crate::wire::expandable::Expandable;
use std::collections::HashMap;

crate::open_enum! {
    /// A SetupIntent's `status`.
    pub enum SetupIntentStatus {
        RequiresPaymentMethod = "requires_payment_method": "Waiting for a payment method.",
        RequiresConfirmation = "requires_confirmation": "Waiting to be confirmed.",
        RequiresAction = "requires_action": "Waiting for the customer (e.g. 3D Secure).",
        Processing = "processing": "Being processed.",
        Canceled = "canceled": "Canceled: see `cancellation_reason`.",
        Succeeded = "succeeded": "Done: `payment_method` can be used for future payments.",
    }
}

crate::open_enum! {
    /// A SetupIntent's `usage`: how the payment method will be used.
    pub enum SetupIntentUsage {
        OffSession = "off_session": "Charged while the customer is away (subscriptions).",
        OnSession = "on_session": "Charged only while the customer is present.",
    }
}

crate::open_enum! {
    /// Why a SetupIntent was canceled: its `cancellation_reason`.
    pub enum SetupIntentCancellationReason {
        Abandoned = "abandoned": "The customer abandoned it.",
        Duplicate = "duplicate": "It duplicated another one.",
        RequestedByCustomer = "requested_by_customer": "The customer asked for it.",
    }
}

crate::object! {
    /// A SetupIntent: a payment method being set up for future payments.
    pub struct SetupIntent {
        id: String = "`seti_…`.",
        customer: Option<Expandable<Customer>> =
            "The customer the payment method is saved to, if any: the id, or the object when expanded.",
        payment_method: Option<Expandable<PaymentMethod>> =
            "The payment method being set up (once chosen): the id, or the object when expanded.",
        status: SetupIntentStatus = "Its status.",
        usage: Option<SetupIntentUsage> = "How the payment method will be used.",
        payment_method_types: Vec<PaymentMethodType> [null_as_default] =
            "The payment method types it may use (`null` or absent decodes as empty).",
        cancellation_reason: Option<SetupIntentCancellationReason> = "Why it was canceled, if it was.",
        description: Option<String> = "Your description of it.",
        metadata: HashMap<String, String> [null_as_default] =
            "Your key-value data (always present; `null` decodes as empty).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
}

impl SetupIntent {
    /// The customer's id (`cus_…`), expanded or not.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }

    /// The payment method's id (`pm_…`), expanded or not.
    pub fn payment_method_id(&self) -> Option<&str> {
        self.payment_method.as_ref().map(Expandable::id)
    }
}
