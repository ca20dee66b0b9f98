//! [`TaxId`]: the `tax_id` object.
//!
//! Customers add and remove tax ids in the portal (when the configuration allows `tax_id`
//! updates); `customer.tax_id.created`, `.updated` and `.deleted` webhooks carry them. Decoding is
//! forgiving: unknown fields are ignored, unknown enum values land in `Other` (Stripe knows
//! about a hundred tax id types; the common ones are listed), nullable fields are `Option`.

use super::Customer;
use crate::configurations::Application;
use crate::wire::expandable::Expandable;

crate::open_enum! {
    /// A tax id's `type`. Values not listed decode to `Other`.
    pub enum TaxIdType {
        AuAbn = "au_abn": "Australian Business Number.",
        BrCnpj = "br_cnpj": "Brazilian CNPJ.",
        CaBn = "ca_bn": "Canadian BN.",
        CaGstHst = "ca_gst_hst": "Canadian GST/HST.",
        ChVat = "ch_vat": "Swiss VAT.",
        EuOssVat = "eu_oss_vat": "European one-stop-shop VAT for non-Union scheme.",
        EuVat = "eu_vat": "European VAT.",
        GbVat = "gb_vat": "United Kingdom VAT.",
        InGst = "in_gst": "Indian GST.",
        JpCn = "jp_cn": "Japanese Corporate Number.",
        NoVat = "no_vat": "Norwegian VAT.",
        NzGst = "nz_gst": "New Zealand GST.",
        SgGst = "sg_gst": "Singapore GST.",
        UsEin = "us_ein": "United States EIN.",
        Unknown = "unknown": "Stripe could not tell.",
    }
}

crate::open_enum! {
    /// The `owner.type` of a tax id: whose tax id it is.
    pub enum TaxIdOwnerType {
        Account = "account": "A connected account's.",
        Application = "application": "A Connect application's.",
        Customer = "customer": "A customer's.",
        SelfOwned = "self": "The account's own (`self`).",
    }
}

crate::open_enum! {
    /// The `verification.status` of a tax id.
    pub enum TaxIdVerificationStatus {
        Pending = "pending": "Verification is under way.",
        Unavailable = "unavailable": "Stripe does not verify this type.",
        Unverified = "unverified": "Checked and not valid.",
        Verified = "verified": "Checked and valid.",
    }
}

crate::object! {
    /// A customer's (or account's) tax id.
    pub struct TaxId {
        id: String = "`txi_…`.",
        kind: TaxIdType [rename = "type"] = "Its type (`type` on the wire).",
        value: String = "The id itself, as entered.",
        country: Option<String> = "Two-letter ISO country code.",
        customer: Option<Expandable<Customer>> [default] =
            "The customer it belongs to: its id (`cus_…`), or the object when expanded.",
        owner: Option<TaxIdOwner> = "Whose it is, in newer API versions.",
        verification: Option<TaxIdVerification> = "The result of Stripe's check of it.",
        created: i64 = "Creation time, Unix seconds.",
        livemode: bool = "`true` in live mode.",
    }
}

impl TaxId {
    /// The id of the customer it belongs to, if any.
    pub fn customer_id(&self) -> Option<&str> {
        self.customer.as_ref().map(Expandable::id)
    }
}

crate::object! {
    /// The `owner` of a tax id.
    #[derive(Default)]
    pub struct TaxIdOwner {
        kind: Option<TaxIdOwnerType> [rename = "type"] = "What kind of owner (`type` on the wire).",
        customer: Option<Expandable<Customer>> [default] =
            "The customer, when the owner is one: its id (`cus_…`), or the object when expanded.",
        account: Option<Expandable<Account>> [default] =
            "The connected account, when the owner is one: its id (`acct_…`), or the object when expanded.",
        application: Option<Expandable<Application>> [default] =
            "The Connect application, when the owner is one: its id (`ca_…`), or the object when expanded.",
    }

    /// A connected account, as expanded in a tax id's `owner.account`: its id only.
    #[derive(Eq)]
    pub struct Account {
        id: String = "`acct_…`.",
    }

    /// The `verification` of a tax id.
    #[derive(Eq)]
    pub struct TaxIdVerification {
        status: TaxIdVerificationStatus = "Where the check stands.",
        verified_address: Option<String> = "The address the registry has, when verified.",
        verified_name: Option<String> = "The name the registry has, when verified.",
    }
}
