//! [`Action`]: a portal action as form fields, for [`FakeStripe::act`](crate::testing::FakeStripe::act).

/// One thing the customer does in the portal, for [`FakeStripe::act`](crate::testing::FakeStripe::act):
/// the same form fields the page posts to `/p/session/{token}/actions`.
///
/// | `action` | fields | gated by | events, in order |
/// |---|---|---|---|
/// | `cancel_subscription` | `subscription`, `reason`?, `comment`? (only with `reason=other`), `feedback_option`? | `subscription_cancel.enabled`; `reason` needs `cancellation_reason.enabled` and one of its `options` | at period end: `customer.subscription.updated`; immediately: `customer.subscription.deleted` (+ `invoiceitem.created` with `create_prorations`); then, with a `reason` and/or a `feedback_option`, a second `customer.subscription.updated` (the survey) |
/// | `renew_subscription` | `subscription` | a scheduled cancellation | `customer.subscription.updated` |
/// | `update_subscription` | `subscription`, `price`?, `quantity`? | `subscription_update` (enabled, allowed updates, listed prices, quantity bounds) | `customer.subscription.updated` (+ invoice events per `proration_behavior`), or with a `schedule_at_period_end` condition `subscription_schedule.created`, `customer.subscription.updated` |
/// | `update_payment_method` | `payment_method` (test token or attached `pm_…`) | `payment_method_update.enabled` | `payment_method.attached` (for a token), `customer.updated` |
/// | `remove_payment_method` | `payment_method` | `payment_method_update.enabled`; not the last one while a subscription is live | `payment_method.detached` (+ `customer.updated` if it was the default) |
/// | `pause_subscription` | `subscription`, `interval` + `interval_count` (with `interval_options`) | `subscription_pause.enabled`, flexible billing mode, no schedule | see [`PauseMechanism`](crate::testing::PauseMechanism) |
/// | `resume_subscription` | `subscription` | a paused subscription | `customer.subscription.updated`, `customer.subscription.resumed` |
/// | `update_customer` | `email`, `name`, `phone`, `address[…]`, `shipping[…]`, `tax_id[type]` + `tax_id[value]`, `remove_tax_id` | `customer_update.enabled` and each field's `allowed_updates` entry | `customer.updated` (one per save), `customer.tax_id.created` / `.deleted` |
/// | `accept_retention_offer` | `subscription` | a `subscription_cancel` flow with `retention` | `customer.discount.created`, `customer.subscription.updated` |
///
/// A deep-linked session allows only its flow's actions on its subscription until the flow is
/// done. Success answers `303 See Other`: to the flow's redirect URL, or back to the page.
///
/// ```
/// use stripe_billing_portal::testing::Action;
///
/// let cancel = Action::cancel_subscription("sub_1").reason("other").comment("Moving abroad");
/// let upgrade = Action::update_subscription("sub_1").price("price_gold").quantity(2);
/// let email = Action::update_customer().field("email", "new@example.com");
/// # let _ = (cancel, upgrade, email);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use]
pub struct Action {
    fields: Vec<(String, String)>,
}

impl Action {
    /// Every `action` the portal takes, as the form field spells it.
    pub const NAMES: [&'static str; 9] = [
        "cancel_subscription",
        "renew_subscription",
        "update_subscription",
        "update_payment_method",
        "remove_payment_method",
        "pause_subscription",
        "resume_subscription",
        "update_customer",
        "accept_retention_offer",
    ];

    fn new(action: &str, subscription: Option<&str>) -> Self {
        let mut fields = vec![("action".to_owned(), action.to_owned())];
        if let Some(subscription) = subscription {
            fields.push(("subscription".to_owned(), subscription.to_owned()));
        }
        Action { fields }
    }

    /// Cancel (at period end or at once, as the configuration says).
    pub fn cancel_subscription(subscription: &str) -> Self {
        Self::new("cancel_subscription", Some(subscription))
    }

    /// Undo a scheduled cancellation.
    pub fn renew_subscription(subscription: &str) -> Self {
        Self::new("renew_subscription", Some(subscription))
    }

    /// Change price and/or quantity (set with [`price`](Self::price), [`quantity`](Self::quantity));
    /// in a `subscription_update_confirm` session, confirm the prepared change.
    pub fn update_subscription(subscription: &str) -> Self {
        Self::new("update_subscription", Some(subscription))
    }

    /// Add a payment method (a test token such as `pm_card_mastercard`, or an attached `pm_…`)
    /// and make it the default.
    pub fn update_payment_method(payment_method: &str) -> Self {
        Self::new("update_payment_method", None).field("payment_method", payment_method)
    }

    /// Remove a payment method.
    pub fn remove_payment_method(payment_method: &str) -> Self {
        Self::new("remove_payment_method", None).field("payment_method", payment_method)
    }

    /// Pause (with [`interval`](Self::interval) when the configuration offers interval options).
    pub fn pause_subscription(subscription: &str) -> Self {
        Self::new("pause_subscription", Some(subscription))
    }

    /// Resume a paused subscription.
    pub fn resume_subscription(subscription: &str) -> Self {
        Self::new("resume_subscription", Some(subscription))
    }

    /// Save billing details: add fields with [`field`](Self::field) (`email`, `name`, `phone`,
    /// `address[line1]`, `shipping[name]`, `tax_id[type]`, `tax_id[value]`, `remove_tax_id`).
    pub fn update_customer() -> Self {
        Self::new("update_customer", None)
    }

    /// Accept the retention coupon a `subscription_cancel` flow offers.
    pub fn accept_retention_offer(subscription: &str) -> Self {
        Self::new("accept_retention_offer", Some(subscription))
    }

    /// The cancellation survey's answer (one of the configuration's `options`).
    pub fn reason(self, reason: &str) -> Self {
        self.field("reason", reason)
    }

    /// The survey's free text (the portal offers it only with the reason `other`).
    pub fn comment(self, comment: &str) -> Self {
        self.field("comment", comment)
    }

    /// The new price.
    pub fn price(self, price: &str) -> Self {
        self.field("price", price)
    }

    /// The new quantity.
    pub fn quantity(self, quantity: u64) -> Self {
        self.field("quantity", &quantity.to_string())
    }

    /// A pause of `count` `interval`s (`day`, `week`, `month`, `year`).
    pub fn interval(self, interval: &str, count: u32) -> Self {
        self.field("interval", interval).field("interval_count", &count.to_string())
    }

    /// Any form field.
    pub fn field(mut self, key: &str, value: &str) -> Self {
        self.fields.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The form fields.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }
}
