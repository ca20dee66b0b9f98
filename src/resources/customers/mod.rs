//! [`Customer`]: the fields of the `customer` object a portal integration reads.
//!
//! The portal lets customers change their email, address, phone, tax ids and default payment
//! method; a `customer.updated` webhook carries the result. Decoding is forgiving: unknown fields
//! are ignored, unknown enum values land in `Other`, nullable fields are `Option`.

pub mod payment_methods;
pub mod setup_intents;
pub mod tax_ids;

use crate::client::list::List;
use crate::wire::expandable::{Deferred, Expandable};
use payment_methods::PaymentMethod;
use std::collections::HashMap;
use tax_ids::TaxId;

crate::open_enum! {
    /// A customer's `tax_exempt` status.
    pub enum TaxExempt {
        None = "none": "Taxed normally.",
        Exempt = "exempt": "Exempt from tax.",
        Reverse = "reverse": "Reverse charge: the customer accounts for the tax.",
    }
}

crate::object! {
    /// A customer.
    pub struct Customer {
        id: String = "`cus_…`.",
        email: Option<String> = "Email address.",
        name: Option<String> = "Full name or business name.",
        phone: Option<String> = "Phone number.",
        description: Option<String> = "Your description of the customer.",
        address: Option<Address> = "Billing address.",
        shipping: Option<Shipping> = "Shipping details.",
        invoice_settings: Option<CustomerInvoiceSettings> = "Invoice settings, among them the default payment method.",
        tax_exempt: Option<TaxExempt> = "Tax exemption status.",
        preferred_locales: Vec<String> [null_as_default] =
            "Preferred languages, most preferred first (`null` or absent decodes as empty).",
        currency: Option<String> = "Three-letter ISO currency code the customer is billed in, lower case.",
        balance: Option<i64> =
            "Balance in the currency's smallest unit: negative is a credit, positive an amount owed.",
        delinquent: Option<bool> = "Whether the latest invoice or charge failed.",
        metadata: HashMap<String, String> [null_as_default] = "Your key-value data (empty when there is none).",
        created: i64 [default] =
            "Creation time, Unix seconds (0 for a deleted customer, which Stripe sends without it).",
        livemode: bool [default] = "`true` in live mode.",
        deleted: bool [default] =
            "`true` for a deleted customer: Stripe then sends only `id`, `object` and `deleted`, as when an expanded \
             `customer` of a subscription or invoice has been deleted.",
        tax_ids: Option<List<TaxId>> [default] = "The customer's tax ids: only when the request expanded `tax_ids`.",
        pub(crate) subscriptions: Deferred [default] =
            "The customer's subscriptions, present only when the request expanded `subscriptions`: read through \
             `Customer::subscriptions()`, defined next to `Subscription`.",
    }
}

impl Customer {
    /// The id of the default payment method for invoices and subscriptions, if set.
    pub fn default_payment_method(&self) -> Option<&str> {
        self.invoice_settings.as_ref()?.default_payment_method.as_ref().map(Expandable::id)
    }
}

crate::object! {
    /// `invoice_settings` of a customer.
    pub struct CustomerInvoiceSettings {
        default_payment_method: Option<Expandable<PaymentMethod>> =
            "The payment method that pays invoices and subscriptions by default: its id, or the object when expanded. \
             The portal's \"make default\" sets it.",
        footer: Option<String> = "Footer shown on invoices.",
        custom_fields: Vec<CustomField> [null_as_default] =
            "Custom fields shown on invoices (`null` decodes as empty).",
    }

    /// A custom field shown on a customer's invoices.
    #[derive(Eq)]
    pub struct CustomField {
        name: Option<String> = "The label.",
        value: Option<String> = "The value.",
    }

    /// A postal address. Every part may be `null`.
    #[derive(Default, Eq)]
    pub struct Address {
        city: Option<String> = "City, district, suburb, town or village.",
        country: Option<String> = "Two-letter ISO country code.",
        line1: Option<String> = "First line: street, PO box or company name.",
        line2: Option<String> = "Second line: apartment, suite, unit or building.",
        postal_code: Option<String> = "ZIP or postal code.",
        state: Option<String> = "State, county, province or region.",
    }

    /// Shipping details of a customer. Stripe may send an empty object.
    #[derive(Default, Eq)]
    pub struct Shipping {
        address: Option<Address> = "The address.",
        name: Option<String> = "The recipient's name.",
        phone: Option<String> = "The recipient's phone number.",
    }
}
