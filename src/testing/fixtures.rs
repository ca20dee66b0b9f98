//! Builders for Stripe-shaped response objects, for unit tests without JSON files.
//!
//! Each function starts from a complete, consistent object of its type (a fresh test-mode
//! object, as Stripe returns it at API version `2026-10-28.endive`); setters change fields; then
//! [`build_json`](SubscriptionFixture::build_json) gives the JSON, or
//! [`build`](SubscriptionFixture::build) decodes it into any type, such as this crate's own:
//!
//! ```
//! use stripe_billing_portal::subscriptions::Subscription;
//! use stripe_billing_portal::testing::fixtures;
//!
//! let subscription: Subscription = fixtures::subscription()
//!     .id("sub_1")
//!     .customer("cus_1")
//!     .price("price_1")
//!     .quantity(3)
//!     .build()?;
//! assert_eq!(subscription.items.data[0].price.id, "price_1");
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! [`event`] wraps any object in an event, and [`EventFixture::signed`] gives the body and
//! `Stripe-Signature` header Stripe would POST to your webhook endpoint:
//!
//! ```
//! use stripe_billing_portal::testing::fixtures;
//! use stripe_billing_portal::webhooks::Verifier;
//!
//! let webhook = fixtures::event("customer.subscription.deleted")
//!     .object(fixtures::subscription().id("sub_1").status("canceled").build_json())
//!     .signed("whsec_test");
//! let event = Verifier::new("whsec_test").unwrap().construct_event(&webhook.body, &webhook.signature).unwrap();
//! assert_eq!(event.id, webhook.event_id());
//! ```
//!
//! The fake server builds its own objects with these same functions.

use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};

/// The API version the fake renders objects and events in.
pub const API_VERSION: &str = "2026-10-28.endive";

/// The `created` time of every fixture unless set: 2026-01-01T00:00:00Z.
pub const CREATED: i64 = 1_767_225_600;

/// Seconds in one billing interval of `count` `interval`s (`day`, `week`, `month` = 30 days, `year` = 365 days).
pub(crate) fn interval_seconds(interval: &str, count: i64) -> i64 {
    let unit: i64 = match interval {
        "day" => 86_400,
        "week" => 7 * 86_400,
        "year" => 365 * 86_400,
        _ => 30 * 86_400,
    };
    unit.saturating_mul(count.max(1))
}

/// Sets `value` at a dotted `path` (`items.data.0.price.id`), creating objects on the way; a
/// numeric part indexes an existing list.
pub(crate) fn set_path(target: &mut Value, path: &str, value: Value) {
    let parts: Vec<&str> = path.split('.').collect();
    set_parts(target, &parts, value);
}

fn set_parts(target: &mut Value, parts: &[&str], value: Value) {
    let Some((first, rest)) = parts.split_first() else {
        *target = value;
        return;
    };
    if let Value::Array(items) = target {
        if let Some(item) = first.parse::<usize>().ok().and_then(|index| items.get_mut(index)) {
            set_parts(item, rest, value);
        }
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        let child = map.entry((*first).to_owned()).or_insert(Value::Null);
        set_parts(child, rest, value);
    }
}

macro_rules! fixture {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name(Value);

        impl $name {
            /// Sets `id`.
            pub fn id(self, id: impl Into<String>) -> Self {
                self.set("id", id.into())
            }

            /// Sets `created` (Unix seconds).
            pub fn created(self, created: i64) -> Self {
                self.set("created", created)
            }

            /// Sets one `metadata` entry.
            pub fn metadata(self, key: &str, value: impl Into<String>) -> Self {
                let path = format!("metadata.{key}");
                self.set(&path, value.into())
            }

            /// Sets any field by its dotted path (`address.city`, `items.data.0.quantity`).
            pub fn set(mut self, path: &str, value: impl Into<Value>) -> Self {
                set_path(&mut self.0, path, value.into());
                self
            }

            /// The object as JSON.
            pub fn build_json(self) -> Value {
                self.0
            }

            /// The object decoded into `T` (this crate's types, or your own).
            pub fn build<T: DeserializeOwned>(self) -> Result<T, serde_json::Error> {
                serde_json::from_value(self.0)
            }
        }
    };
}

fixture!(
    /// A `customer`. Made by [`customer`].
    CustomerFixture
);
fixture!(
    /// A `product`. Made by [`product`].
    ProductFixture
);
fixture!(
    /// A recurring `price`. Made by [`price`].
    PriceFixture
);
fixture!(
    /// A `subscription` with one item. Made by [`subscription`].
    SubscriptionFixture
);
fixture!(
    /// A `subscription_item`. Made by [`subscription_item`].
    SubscriptionItemFixture
);
fixture!(
    /// A card `payment_method`. Made by [`payment_method`].
    PaymentMethodFixture
);
fixture!(
    /// A customer's `tax_id`. Made by [`tax_id`].
    TaxIdFixture
);
fixture!(
    /// A `billing_portal.session`. Made by [`session`].
    SessionFixture
);
fixture!(
    /// A `billing_portal.configuration`. Made by [`configuration`].
    ConfigurationFixture
);
fixture!(
    /// A `webhook_endpoint`. Made by [`webhook_endpoint`].
    WebhookEndpointFixture
);
fixture!(
    /// A `billing.feedback_option`. Made by [`feedback_option`].
    FeedbackOptionFixture
);
fixture!(
    /// A `coupon`. Made by [`coupon`].
    CouponFixture
);
fixture!(
    /// A `discount`. Made by [`discount`].
    DiscountFixture
);
fixture!(
    /// An `invoice` (only the fields the portal's events carry). Made by [`invoice`].
    InvoiceFixture
);
fixture!(
    /// An `event` wrapping any object. Made by [`event`].
    EventFixture
);

/// A test-mode customer without email, name, address or default payment method.
pub fn customer() -> CustomerFixture {
    CustomerFixture(json!({
        "id": "cus_test", "object": "customer", "address": null, "balance": 0, "created": CREATED,
        "currency": null, "default_source": null, "delinquent": false, "description": null, "discount": null,
        "email": null, "invoice_prefix": "FAKE0001",
        "invoice_settings": {"custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null},
        "livemode": false, "metadata": {}, "name": null, "next_invoice_sequence": 1, "phone": null,
        "preferred_locales": [], "shipping": null, "tax_exempt": "none", "test_clock": null
    }))
}

impl CustomerFixture {
    /// Sets `email`.
    pub fn email(self, email: impl Into<String>) -> Self {
        self.set("email", email.into())
    }

    /// Sets `name`.
    pub fn name(self, name: impl Into<String>) -> Self {
        self.set("name", name.into())
    }

    /// Sets `invoice_settings.default_payment_method`.
    pub fn default_payment_method(self, payment_method: impl Into<String>) -> Self {
        self.set("invoice_settings.default_payment_method", payment_method.into())
    }
}

/// An active service product.
pub fn product() -> ProductFixture {
    ProductFixture(json!({
        "id": "prod_test", "object": "product", "active": true, "created": CREATED, "default_price": null,
        "description": null, "images": [], "livemode": false, "marketing_features": [], "metadata": {},
        "name": "Test product", "package_dimensions": null, "shippable": null, "statement_descriptor": null,
        "tax_code": null, "type": "service", "unit_label": null, "updated": CREATED, "url": null
    }))
}

impl ProductFixture {
    /// Sets `name`.
    pub fn name(self, name: impl Into<String>) -> Self {
        self.set("name", name.into())
    }
}

/// A licensed, per-unit price of 10.00 USD a month, tax exclusive (the portal can switch it).
pub fn price() -> PriceFixture {
    PriceFixture(json!({
        "id": "price_test", "object": "price", "active": true, "billing_scheme": "per_unit", "created": CREATED,
        "currency": "usd", "custom_unit_amount": null, "livemode": false, "lookup_key": null, "metadata": {},
        "nickname": null, "product": "prod_test",
        "recurring": {"interval": "month", "interval_count": 1, "meter": null, "trial_period_days": null, "usage_type": "licensed"},
        "tax_behavior": "exclusive", "tiers_mode": null, "transform_quantity": null, "type": "recurring",
        "unit_amount": 1000, "unit_amount_decimal": "1000"
    }))
}

impl PriceFixture {
    /// Sets `product`.
    pub fn product(self, product: impl Into<String>) -> Self {
        self.set("product", product.into())
    }

    /// Sets `unit_amount` (and `unit_amount_decimal`), in the currency's smallest unit.
    pub fn unit_amount(self, amount: i64) -> Self {
        self.set("unit_amount", amount).set("unit_amount_decimal", amount.to_string())
    }

    /// Sets `recurring.interval` (`day`, `week`, `month`, `year`).
    pub fn interval(self, interval: &str) -> Self {
        self.set("recurring.interval", interval)
    }
}

/// The legacy `plan` mirror of a recurring price, as subscription items carry it.
pub(crate) fn plan_from_price(price: &Value) -> Value {
    let field = |name: &str| price.get(name).cloned().unwrap_or(Value::Null);
    let recurring = |name: &str| price.get("recurring").and_then(|r| r.get(name)).cloned().unwrap_or(Value::Null);
    json!({
        "id": field("id"), "object": "plan", "active": field("active"), "amount": field("unit_amount"),
        "amount_decimal": field("unit_amount_decimal"), "billing_scheme": field("billing_scheme"),
        "created": field("created"), "currency": field("currency"), "interval": recurring("interval"),
        "interval_count": recurring("interval_count"), "livemode": false, "metadata": field("metadata"),
        "meter": recurring("meter"), "nickname": field("nickname"), "product": field("product"), "tiers_mode": null,
        "transform_usage": null, "trial_period_days": recurring("trial_period_days"), "usage_type": recurring("usage_type")
    })
}

/// One item on [`price`], quantity 1, in a period that starts at `created`.
pub fn subscription_item() -> SubscriptionItemFixture {
    let price = price().build_json();
    let end = CREATED + interval_seconds("month", 1);
    SubscriptionItemFixture(json!({
        "id": "si_test", "object": "subscription_item", "billing_thresholds": null, "created": CREATED,
        "current_period_start": CREATED, "current_period_end": end, "discounts": [], "metadata": {},
        "plan": plan_from_price(&price), "price": price, "quantity": 1, "subscription": "sub_test", "tax_rates": []
    }))
}

impl SubscriptionItemFixture {
    /// Replaces the item's price (and its `plan` mirror) by `price`.
    pub fn price_object(self, price: Value) -> Self {
        let plan = plan_from_price(&price);
        self.set("price", price).set("plan", plan)
    }
}

/// An active, flexible-billing-mode subscription of `cus_test` with one [`subscription_item`].
pub fn subscription() -> SubscriptionFixture {
    let item = subscription_item().build_json();
    let mut subscription = json!({
        "id": "sub_test", "object": "subscription", "application": null, "application_fee_percent": null,
        "automatic_tax": {"disabled_reason": null, "enabled": false, "liability": null},
        "billing_cycle_anchor": CREATED, "billing_cycle_anchor_config": null,
        "billing_mode": {"flexible": {"proration_discounts": "included"}, "type": "flexible", "updated_at": CREATED},
        "billing_thresholds": null, "cancel_at": null, "cancel_at_period_end": false, "canceled_at": null,
        "cancellation_details": {"comment": null, "feedback": null, "feedback_option": null, "reason": null},
        "collection_method": "charge_automatically", "created": CREATED, "currency": "usd", "customer": "cus_test",
        "customer_account": null, "days_until_due": null, "default_payment_method": null, "default_source": null,
        "default_tax_rates": [], "description": null, "discounts": [], "ended_at": null,
        "invoice_settings": {"account_tax_ids": null, "issuer": {"type": "self"}},
        "items": {"object": "list", "data": [item], "has_more": false, "total_count": 1,
            "url": "/v1/subscription_items?subscription=sub_test"}
    });
    let rest = json!({
        "latest_invoice": null, "livemode": false, "metadata": {}, "next_pending_invoice_item_invoice": null,
        "on_behalf_of": null, "pause_collection": null,
        "payment_settings": {"payment_method_options": null, "payment_method_types": null, "save_default_payment_method": "off"},
        "pending_invoice_item_interval": null, "pending_setup_intent": null, "pending_update": null, "schedule": null,
        "start_date": CREATED, "status": "active", "status_details": null, "test_clock": null, "transfer_data": null,
        "trial_end": null, "trial_settings": {"end_behavior": {"missing_payment_method": "create_invoice"}},
        "trial_start": null
    });
    if let (Value::Object(all), Value::Object(rest)) = (&mut subscription, rest) {
        all.extend(rest);
    }
    SubscriptionFixture(subscription)
}

impl SubscriptionFixture {
    /// Sets `customer`.
    pub fn customer(self, customer: impl Into<String>) -> Self {
        self.set("customer", customer.into())
    }

    /// Sets `status` (`active`, `trialing`, `canceled`, …).
    pub fn status(self, status: &str) -> Self {
        self.set("status", status)
    }

    /// Sets the first item's price id (and its plan mirror's).
    pub fn price(self, price: impl Into<String>) -> Self {
        let price = price.into();
        self.set("items.data.0.price.id", price.clone()).set("items.data.0.plan.id", price)
    }

    /// Sets the first item's quantity.
    pub fn quantity(self, quantity: u64) -> Self {
        self.set("items.data.0.quantity", quantity)
    }

    /// Sets `billing_mode.type` (`flexible` or `classic`).
    pub fn billing_mode(self, mode: &str) -> Self {
        self.set("billing_mode.type", mode)
    }

    /// A cancellation scheduled at `cancel_at` (Unix seconds), as the portal makes one in
    /// flexible mode (`cancel_at_period_end` stays `false`).
    pub fn cancel_at(self, cancel_at: i64) -> Self {
        self.set("cancel_at", cancel_at).set("cancellation_details.reason", "cancellation_requested")
    }
}

/// A Visa card ending 4242, not attached to a customer.
pub fn payment_method() -> PaymentMethodFixture {
    PaymentMethodFixture(json!({
        "id": "pm_test", "object": "payment_method", "allow_redisplay": "unspecified",
        "billing_details": {"address": {"city": null, "country": null, "line1": null, "line2": null, "postal_code": null, "state": null},
            "email": null, "name": null, "phone": null, "tax_id": null},
        "card": {"brand": "visa", "checks": {"address_line1_check": null, "address_postal_code_check": null, "cvc_check": "pass"},
            "country": "US", "display_brand": "visa", "exp_month": 12, "exp_year": 2034, "fingerprint": "FakeFingerprint",
            "funding": "credit", "generated_from": null, "last4": "4242", "networks": {"available": ["visa"], "preferred": null},
            "regulated_status": "unregulated", "three_d_secure_usage": {"supported": true}, "wallet": null},
        "created": CREATED, "customer": null, "customer_account": null, "livemode": false, "metadata": {}, "type": "card"
    }))
}

impl PaymentMethodFixture {
    /// Sets `customer` (attached).
    pub fn customer(self, customer: impl Into<String>) -> Self {
        self.set("customer", customer.into())
    }

    /// Sets the card's `brand` and `last4`.
    pub fn card(self, brand: &str, last4: &str) -> Self {
        self.set("card.brand", brand).set("card.display_brand", brand).set("card.last4", last4)
    }
}

/// A pending German VAT number of `cus_test`.
pub fn tax_id() -> TaxIdFixture {
    TaxIdFixture(json!({
        "id": "txi_test", "object": "tax_id", "country": "DE", "created": CREATED, "customer": "cus_test",
        "customer_account": null, "livemode": false,
        "owner": {"customer": "cus_test", "customer_account": null, "type": "customer"},
        "type": "eu_vat", "value": "DE123456789",
        "verification": {"status": "pending", "verified_address": null, "verified_name": null}
    }))
}

impl TaxIdFixture {
    /// Sets `customer` (and `owner.customer`).
    pub fn customer(self, customer: impl Into<String>) -> Self {
        let customer = customer.into();
        self.set("customer", customer.clone()).set("owner.customer", customer)
    }
}

/// A portal session of `cus_test` on `bpc_test`, without a flow.
pub fn session() -> SessionFixture {
    SessionFixture(json!({
        "id": "bps_test", "object": "billing_portal.session", "after_expiration": null, "configuration": "bpc_test",
        "created": CREATED, "customer": "cus_test", "customer_account": null, "flow": null, "livemode": false,
        "locale": null, "on_behalf_of": null, "return_url": "https://example.com/account",
        "url": "https://billing.stripe.com/p/session/test_fake"
    }))
}

impl SessionFixture {
    /// Sets `customer`.
    pub fn customer(self, customer: impl Into<String>) -> Self {
        self.set("customer", customer.into())
    }

    /// Sets `url`.
    pub fn url(self, url: impl Into<String>) -> Self {
        self.set("url", url.into())
    }
}

/// Every reason the cancellation survey can offer.
pub(crate) const CANCELLATION_REASONS: [&str; 8] = [
    "customer_service",
    "low_quality",
    "missing_features",
    "other",
    "switched_service",
    "too_complex",
    "too_expensive",
    "unused",
];

/// A configuration with every feature on, as a portal saved in the Dashboard with its defaults:
/// customers may update their details and payment methods, see invoices, cancel at period end
/// with the survey, pause indefinitely, and change price, quantity and promotion code (among the
/// prices listed in `features.subscription_update.products`, empty here).
pub fn configuration() -> ConfigurationFixture {
    ConfigurationFixture(json!({
        "id": "bpc_test", "object": "billing_portal.configuration", "active": true, "application": null,
        "business_profile": {"headline": null, "privacy_policy_url": null, "terms_of_service_url": null},
        "created": CREATED, "default_return_url": null,
        "features": {
            "customer_update": {"allowed_updates": ["email", "name", "address", "shipping", "phone", "tax_id"], "enabled": true},
            "invoice_history": {"enabled": true},
            "payment_method_update": {"enabled": true, "payment_method_configuration": null},
            "subscription_cancel": {
                "cancellation_reason": {"enabled": true, "feedback_options": null, "options": CANCELLATION_REASONS},
                "enabled": true, "mode": "at_period_end", "proration_behavior": "none"
            },
            "subscription_pause": {"duration": {"interval_options": [], "type": "indefinite"}, "enabled": true},
            "subscription_update": {
                "billing_cycle_anchor": null, "default_allowed_updates": ["price", "quantity", "promotion_code"],
                "enabled": true, "products": [], "proration_behavior": "none",
                "schedule_at_period_end": {"conditions": []}, "trial_update_behavior": "end_trial"
            }
        },
        "is_default": false, "livemode": false, "login_page": {"enabled": false, "url": null}, "metadata": {},
        "name": null, "updated": CREATED
    }))
}

impl ConfigurationFixture {
    /// Sets `is_default`.
    pub fn is_default(self, is_default: bool) -> Self {
        self.set("is_default", is_default)
    }
}

/// An enabled endpoint receiving every event type (`["*"]`).
pub fn webhook_endpoint() -> WebhookEndpointFixture {
    WebhookEndpointFixture(json!({
        "id": "we_test", "object": "webhook_endpoint", "api_version": null, "application": null, "created": CREATED,
        "description": null, "enabled_events": ["*"], "livemode": false, "metadata": {}, "status": "enabled",
        "url": "https://example.com/webhooks"
    }))
}

/// An active feedback option.
pub fn feedback_option() -> FeedbackOptionFixture {
    FeedbackOptionFixture(json!({
        "id": "bfo_test", "object": "billing.feedback_option", "description": "Too expensive", "livemode": false,
        "status": "active", "status_transitions": {"deactivated_at": null}
    }))
}

/// A 10 % off, once coupon.
pub fn coupon() -> CouponFixture {
    CouponFixture(json!({
        "id": "COUPON", "object": "coupon", "amount_off": null, "created": CREATED, "currency": null,
        "duration": "once", "duration_in_months": null, "livemode": false, "max_redemptions": null, "metadata": {},
        "name": null, "percent_off": 10.0, "redeem_by": null, "times_redeemed": 0, "valid": true
    }))
}

/// A discount of [`coupon`] on `sub_test`.
pub fn discount() -> DiscountFixture {
    DiscountFixture(json!({
        "id": "di_test", "object": "discount", "checkout_session": null, "customer": "cus_test",
        "customer_account": null, "end": null, "invoice": null, "invoice_item": null, "promotion_code": null,
        "source": {"coupon": "COUPON", "type": "coupon"}, "start": CREATED, "subscription": "sub_test",
        "subscription_item": null
    }))
}

/// A paid subscription-update invoice of 10.00 USD.
pub fn invoice() -> InvoiceFixture {
    InvoiceFixture(json!({
        "id": "in_test", "object": "invoice", "amount_due": 1000, "amount_paid": 1000, "amount_remaining": 0,
        "billing_reason": "subscription_update", "collection_method": "charge_automatically", "created": CREATED,
        "currency": "usd", "customer": "cus_test", "lines": {"object": "list", "data": [], "has_more": false, "url": "/v1/invoices/in_test/lines"},
        "livemode": false, "metadata": {},
        "parent": {"quote_details": null, "subscription_details": {"metadata": null, "subscription": "sub_test"}, "type": "subscription_details"},
        "status": "paid", "subtotal": 1000, "total": 1000
    }))
}

/// An event of type `event_type` (its object is `{}` until [`EventFixture::object`] sets it).
pub fn event(event_type: &str) -> EventFixture {
    EventFixture(json!({
        "id": "evt_test", "object": "event", "api_version": API_VERSION, "created": CREATED,
        "data": {"object": {}}, "livemode": false, "pending_webhooks": 0,
        "request": {"id": null, "idempotency_key": null}, "type": event_type
    }))
}

/// A webhook request as Stripe sends it: the raw body and its `Stripe-Signature` header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedWebhook {
    /// The raw JSON body.
    pub body: Vec<u8>,
    /// The `Stripe-Signature` header value (`t=…,v1=…`).
    pub signature: String,
}

impl SignedWebhook {
    /// The event's `id`, read back from the body (empty if it has none).
    pub fn event_id(&self) -> String {
        serde_json::from_slice::<Value>(&self.body)
            .ok()
            .and_then(|event| event.get("id").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_default()
    }
}

impl EventFixture {
    /// Sets `data.object`.
    pub fn object(self, object: Value) -> Self {
        self.set("data.object", object)
    }

    /// Sets `data.previous_attributes` (only `*.updated` events carry it).
    pub fn previous_attributes(self, previous: Value) -> Self {
        self.set("data.previous_attributes", previous)
    }

    /// Sets `request.id` and `request.idempotency_key`.
    pub fn request(self, id: Option<&str>, idempotency_key: Option<&str>) -> Self {
        self.set("request", json!({"id": id, "idempotency_key": idempotency_key}))
    }

    /// The event serialised and signed with `secret` at the system clock's time.
    pub fn signed(self, secret: &str) -> SignedWebhook {
        self.signed_at(secret, crate::webhooks::unix_now())
    }

    /// The event serialised and signed with `secret` at `timestamp` (Unix seconds).
    pub fn signed_at(self, secret: &str, timestamp: i64) -> SignedWebhook {
        let body = serde_json::to_vec(&self.0).unwrap_or_default();
        let signature = crate::webhooks::signature_header(&body, secret, timestamp);
        SignedWebhook { body, signature }
    }
}
