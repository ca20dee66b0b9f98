//! [`Customer`]: the fields of the `customer` object a portal integration reads.
//!
//! The portal lets customers change their email, address, phone, tax ids and default payment
//! method; a `customer.updated` webhook carries the result. Decoding is forgiving: unknown fields
//! are ignored, unknown enum values land in `Other`, nullable fields are `Option`.

pub mod payment_methods;
pub mod tax_ids;

use crate::client::list::List;
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Deferred, Expandable, Object};
use payment_methods::PaymentMethod;
use serde::Deserialize;
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

/// A customer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Customer {
    /// `cus_…`.
    pub id: String,
    /// Email address.
    pub email: Option<String>,
    /// Full name or business name.
    pub name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Your description of the customer.
    pub description: Option<String>,
    /// Billing address.
    pub address: Option<Address>,
    /// Shipping details.
    pub shipping: Option<Shipping>,
    /// Invoice settings, among them the default payment method.
    pub invoice_settings: Option<CustomerInvoiceSettings>,
    /// Tax exemption status.
    pub tax_exempt: Option<TaxExempt>,
    /// Preferred languages, most preferred first (`null` or absent decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub preferred_locales: Vec<String>,
    /// Three-letter ISO currency code the customer is billed in, lower case.
    pub currency: Option<String>,
    /// Balance in the currency's smallest unit: negative is a credit, positive an amount owed.
    pub balance: Option<i64>,
    /// Whether the latest invoice or charge failed.
    pub delinquent: Option<bool>,
    /// Your key-value data (empty when there is none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds (0 for a deleted customer, which Stripe sends without it).
    #[serde(default)]
    pub created: i64,
    /// `true` in live mode.
    #[serde(default)]
    pub livemode: bool,
    /// `true` for a deleted customer: Stripe then sends only `id`, `object` and `deleted`, as when an
    /// expanded `customer` of a subscription or invoice has been deleted.
    #[serde(default)]
    pub deleted: bool,
    /// The customer's tax ids: only when the request expanded `tax_ids`.
    #[serde(default)]
    pub tax_ids: Option<List<TaxId>>,
    /// The customer's subscriptions, present only when the request expanded `subscriptions`: read
    /// through `Customer::subscriptions()`, defined next to `Subscription`.
    #[serde(default)]
    pub(crate) subscriptions: Deferred,
}

impl Customer {
    /// The id of the default payment method for invoices and subscriptions, if set.
    pub fn default_payment_method(&self) -> Option<&str> {
        self.invoice_settings.as_ref()?.default_payment_method.as_ref().map(Expandable::id)
    }
}

impl Object for Customer {
    fn id(&self) -> &str {
        &self.id
    }
}

/// `invoice_settings` of a customer.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CustomerInvoiceSettings {
    /// The payment method that pays invoices and subscriptions by default: its id, or the object
    /// when expanded. The portal's "make default" sets it.
    pub default_payment_method: Option<Expandable<PaymentMethod>>,
    /// Footer shown on invoices.
    pub footer: Option<String>,
    /// Custom fields shown on invoices (`null` decodes as empty).
    #[serde(default, deserialize_with = "null_as_default")]
    pub custom_fields: Vec<CustomField>,
}

/// A custom field shown on a customer's invoices.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CustomField {
    /// The label.
    pub name: Option<String>,
    /// The value.
    pub value: Option<String>,
}

/// A postal address. Every part may be `null`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// City, district, suburb, town or village.
    pub city: Option<String>,
    /// Two-letter ISO country code.
    pub country: Option<String>,
    /// First line: street, PO box or company name.
    pub line1: Option<String>,
    /// Second line: apartment, suite, unit or building.
    pub line2: Option<String>,
    /// ZIP or postal code.
    pub postal_code: Option<String>,
    /// State, county, province or region.
    pub state: Option<String>,
}

/// Shipping details of a customer. Stripe may send an empty object.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Shipping {
    /// The address.
    pub address: Option<Address>,
    /// The recipient's name.
    pub name: Option<String>,
    /// The recipient's phone number.
    pub phone: Option<String>,
}
