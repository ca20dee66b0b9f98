//! [`TaxId`]: the `tax_id` object.
//!
//! Customers add and remove tax ids in the portal (when the configuration allows `tax_id`
//! updates); `customer.tax_id.created`, `.updated` and `.deleted` webhooks carry them. Decoding is
//! forgiving: unknown fields are ignored, unknown enum values land in `Other` (Stripe knows
//! about a hundred tax id types; the common ones are listed), nullable fields are `Option`.

use crate::wire::expandable::Object;
use serde::Deserialize;

crate::open_enum! {
    /// A tax id's `type`. Values not listed decode to `Other`.
    pub enum TaxIdType {
        /// Australian Business Number.
        AuAbn = "au_abn",
        /// Brazilian CNPJ.
        BrCnpj = "br_cnpj",
        /// Canadian BN.
        CaBn = "ca_bn",
        /// Canadian GST/HST.
        CaGstHst = "ca_gst_hst",
        /// Swiss VAT.
        ChVat = "ch_vat",
        /// European one-stop-shop VAT for non-Union scheme.
        EuOssVat = "eu_oss_vat",
        /// European VAT.
        EuVat = "eu_vat",
        /// United Kingdom VAT.
        GbVat = "gb_vat",
        /// Indian GST.
        InGst = "in_gst",
        /// Japanese Corporate Number.
        JpCn = "jp_cn",
        /// Norwegian VAT.
        NoVat = "no_vat",
        /// New Zealand GST.
        NzGst = "nz_gst",
        /// Singapore GST.
        SgGst = "sg_gst",
        /// United States EIN.
        UsEin = "us_ein",
        /// Stripe could not tell.
        Unknown = "unknown",
    }
}

crate::open_enum! {
    /// The `verification.status` of a tax id.
    pub enum TaxIdVerificationStatus {
        /// Verification is under way.
        Pending = "pending",
        /// Stripe does not verify this type.
        Unavailable = "unavailable",
        /// Checked and not valid.
        Unverified = "unverified",
        /// Checked and valid.
        Verified = "verified",
    }
}

/// A customer's (or account's) tax id.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TaxId {
    /// `txi_…`.
    pub id: String,
    /// Its type (`type` on the wire).
    #[serde(rename = "type")]
    pub kind: TaxIdType,
    /// The id itself, as entered.
    pub value: String,
    /// Two-letter ISO country code.
    pub country: Option<String>,
    /// The customer it belongs to (`cus_…`).
    pub customer: Option<String>,
    /// Whose it is, in newer API versions.
    pub owner: Option<TaxIdOwner>,
    /// The result of Stripe's check of it.
    pub verification: Option<TaxIdVerification>,
    /// Creation time, Unix seconds.
    pub created: i64,
    /// `true` in live mode.
    pub livemode: bool,
}

impl Object for TaxId {
    fn id(&self) -> &str {
        &self.id
    }
}

/// The `owner` of a tax id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TaxIdOwner {
    /// `customer`, `account`, `application` or `self` (`type` on the wire).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The customer (`cus_…`), when the owner is one.
    pub customer: Option<String>,
    /// The account (`acct_…`), when the owner is one.
    pub account: Option<String>,
}

/// The `verification` of a tax id.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct TaxIdVerification {
    /// Where the check stands.
    pub status: TaxIdVerificationStatus,
    /// The address the registry has, when verified.
    pub verified_address: Option<String>,
    /// The name the registry has, when verified.
    pub verified_name: Option<String>,
}
