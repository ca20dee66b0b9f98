//! [`PaymentMethod`]: the fields of the `payment_method` object a portal integration reads.
//!
//! Customers add and remove payment methods in the portal; `payment_method.attached` and
//! `payment_method.detached` webhooks carry them. Decoding is forgiving: unknown fields are
//! ignored, unknown enum values land in `Other`, nullable fields are `Option`.

use super::{Address, Customer};
use crate::wire::decode::null_as_default;
use crate::wire::expandable::{Expandable, Object};
use serde::Deserialize;
use std::collections::HashMap;

crate::open_enum! {
    /// A payment method's `type`.
    pub enum PaymentMethodType {
        AcssDebit = "acss_debit": "Canadian pre-authorized debit.",
        Affirm = "affirm": "Affirm.",
        AfterpayClearpay = "afterpay_clearpay": "Afterpay / Clearpay.",
        Alipay = "alipay": "Alipay.",
        AmazonPay = "amazon_pay": "Amazon Pay.",
        AuBecsDebit = "au_becs_debit": "Australian BECS direct debit.",
        BacsDebit = "bacs_debit": "UK Bacs direct debit.",
        Bancontact = "bancontact": "Bancontact.",
        Blik = "blik": "BLIK.",
        Boleto = "boleto": "Boleto.",
        Card = "card": "A card.",
        Cashapp = "cashapp": "Cash App Pay.",
        CustomerBalance = "customer_balance": "Customer balance (bank transfers).",
        Eps = "eps": "EPS.",
        Fpx = "fpx": "FPX.",
        Ideal = "ideal": "iDEAL.",
        Klarna = "klarna": "Klarna.",
        Konbini = "konbini": "Konbini.",
        Link = "link": "Link.",
        Oxxo = "oxxo": "OXXO.",
        P24 = "p24": "Przelewy24.",
        Paypal = "paypal": "PayPal.",
        Pix = "pix": "Pix.",
        RevolutPay = "revolut_pay": "Revolut Pay.",
        SepaDebit = "sepa_debit": "SEPA direct debit.",
        UsBankAccount = "us_bank_account": "US bank account (ACH).",
        WechatPay = "wechat_pay": "WeChat Pay.",
    }
}

crate::open_enum! {
    /// A card's `brand`.
    pub enum CardBrand {
        Amex = "amex": "American Express.",
        Diners = "diners": "Diners Club.",
        Discover = "discover": "Discover.",
        EftposAu = "eftpos_au": "eftpos Australia.",
        Jcb = "jcb": "JCB.",
        Link = "link": "Link.",
        Mastercard = "mastercard": "Mastercard.",
        Unionpay = "unionpay": "UnionPay.",
        Visa = "visa": "Visa.",
        Unknown = "unknown": "Stripe could not tell.",
    }
}

crate::open_enum! {
    /// A card's `funding`.
    pub enum CardFunding {
        Credit = "credit": "A credit card.",
        Debit = "debit": "A debit card.",
        Prepaid = "prepaid": "A prepaid card.",
        Unknown = "unknown": "Stripe could not tell.",
    }
}

/// A payment method.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct PaymentMethod {
    /// `pm_…`.
    pub id: String,
    /// Its type (`type` on the wire); the sibling field of the same name holds its details.
    #[serde(rename = "type")]
    pub kind: PaymentMethodType,
    /// The customer it is attached to: `None` once detached.
    pub customer: Option<Expandable<Customer>>,
    /// The card's details, for `type: card`.
    pub card: Option<Card>,
    /// Billing details collected with it.
    pub billing_details: Option<BillingDetails>,
    /// Your key-value data (empty when there is none).
    #[serde(default, deserialize_with = "null_as_default")]
    pub metadata: HashMap<String, String>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl PaymentMethod {
    /// The id of the customer it is attached to, if any.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

impl Object for PaymentMethod {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The `card` of a card payment method.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Card {
    /// The card network.
    pub brand: Option<CardBrand>,
    /// The brand to show the customer (e.g. `cartes_bancaires` for a co-branded Visa).
    pub display_brand: Option<String>,
    /// The last four digits.
    pub last4: Option<String>,
    /// Expiry month, 1 to 12.
    pub exp_month: Option<u32>,
    /// Expiry year, four digits.
    pub exp_year: Option<i32>,
    /// Two-letter ISO code of the issuing country.
    pub country: Option<String>,
    /// Credit, debit, prepaid or unknown.
    pub funding: Option<CardFunding>,
    /// Identifies the card number across payment methods.
    pub fingerprint: Option<String>,
}

/// The `billing_details` of a payment method.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct BillingDetails {
    /// Billing address.
    pub address: Option<Address>,
    /// Email address.
    pub email: Option<String>,
    /// Full name.
    pub name: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
}
