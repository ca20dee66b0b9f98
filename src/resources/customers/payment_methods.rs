//! [`PaymentMethod`]: the fields of the `payment_method` object a portal integration reads.
//!
//! Customers add and remove payment methods in the portal; `payment_method.attached` and
//! `payment_method.detached` webhooks carry them. Decoding is forgiving: unknown fields are
//! ignored, unknown enum values land in `Other`, nullable fields are `Option`.

use super::{Address, Customer};
use crate::wire::expandable::Expandable;
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

crate::object! {
    /// A payment method.
    pub struct PaymentMethod {
        id: String = "`pm_…`.",
        kind: PaymentMethodType [rename = "type"] =
            "Its type (`type` on the wire); the sibling field of the same name holds its details.",
        customer: Option<Expandable<Customer>> = "The customer it is attached to: `None` once detached.",
        card: Option<Card> = "The card's details, for `type: card`.",
        billing_details: Option<BillingDetails> = "Billing details collected with it.",
        metadata: HashMap<String, String> [null_as_default] = "Your key-value data (empty when there is none).",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
}

impl PaymentMethod {
    /// The id of the customer it is attached to, if any.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

crate::object! {
    /// The `card` of a card payment method.
    #[derive(Eq)]
    pub struct Card {
        brand: Option<CardBrand> = "The card network.",
        display_brand: Option<String> =
            "The brand to show the customer (e.g. `cartes_bancaires` for a co-branded Visa).",
        last4: Option<String> = "The last four digits.",
        exp_month: Option<u32> = "Expiry month, 1 to 12.",
        exp_year: Option<i32> = "Expiry year, four digits.",
        country: Option<String> = "Two-letter ISO code of the issuing country.",
        funding: Option<CardFunding> = "Credit, debit, prepaid or unknown.",
        fingerprint: Option<String> = "Identifies the card number across payment methods.",
    }

    /// The `billing_details` of a payment method.
    #[derive(Default, Eq)]
    pub struct BillingDetails {
        address: Option<Address> = "Billing address.",
        email: Option<String> = "Email address.",
        name: Option<String> = "Full name.",
        phone: Option<String> = "Phone number.",
    }
}
