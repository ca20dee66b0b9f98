//! Building a `subscription_update_confirm` deep link from a retrieved [`Subscription`].
//!
//! Stripe's guide: to confirm a change, first retrieve the subscription and read `items.data` for
//! the subscription item id. For the common case, a subscription with a single item, these helpers
//! do that step.

use super::object::{Subscription, SubscriptionItem};
use crate::leaf::{Id, Quantity};
use crate::sessions::{SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem};
use crate::Error;

/// The parameter the helpers' errors name: the items of the flow they could not build.
const ITEMS_PARAM: &str = "flow_data[subscription_update_confirm][items]";

impl Subscription {
    /// The subscription's only item.
    ///
    /// Fails with [`Error::InvalidParam`] naming `flow_data[subscription_update_confirm][items]`
    /// when the subscription has no item, or more than one (also when `items.has_more` says the
    /// embedded list is incomplete): which item to change is then the caller's choice.
    pub fn single_item(&self) -> Result<&SubscriptionItem, Error> {
        match self.items.data.as_slice() {
            [item] if !self.items.has_more => Ok(item),
            [] => Err(Error::invalid_param(
                ITEMS_PARAM,
                format!("subscription {} has no items, so there is no item to change", self.id),
            )),
            items => {
                let ids: Vec<&str> = items.iter().map(|item| item.id.as_str()).collect();
                let more = if self.items.has_more { " and more" } else { "" };
                Err(Error::invalid_param(
                    ITEMS_PARAM,
                    format!(
                        "subscription {} has several items ({}{more}); pick one and build \
                         `SubscriptionUpdateConfirmItem` with its id",
                        self.id,
                        ids.join(", ")
                    ),
                ))
            }
        }
    }

    /// A `subscription_update_confirm` flow that moves the subscription's single item to `price`
    /// with `quantity`.
    ///
    /// ```
    /// # fn run(subscription: stripe_billing_portal::subscriptions::Subscription) -> Result<(), stripe_billing_portal::Error> {
    /// use stripe_billing_portal::sessions::{FlowData, SessionCreateParams};
    ///
    /// let confirm = subscription.update_confirm("price_gold", 3)?;
    /// let params = SessionCreateParams::new("cus_123").flow_data(FlowData::subscription_update_confirm(confirm));
    /// # let _ = params; Ok(()) }
    /// ```
    ///
    /// Fails as [`single_item`](Self::single_item) does.
    pub fn update_confirm(
        &self,
        price: impl Into<Id>,
        quantity: impl Into<Quantity>,
    ) -> Result<SubscriptionUpdateConfirm, Error> {
        self.confirm_with(|id| SubscriptionUpdateConfirmItem::new_price(id, price).quantity(quantity))
    }

    /// A `subscription_update_confirm` flow that moves the single item to `price`, keeping its quantity.
    pub fn update_confirm_price(&self, price: impl Into<Id>) -> Result<SubscriptionUpdateConfirm, Error> {
        self.confirm_with(|id| SubscriptionUpdateConfirmItem::new_price(id, price))
    }

    /// A `subscription_update_confirm` flow that sets the single item's quantity, keeping its price.
    pub fn update_confirm_quantity(&self, quantity: impl Into<Quantity>) -> Result<SubscriptionUpdateConfirm, Error> {
        self.confirm_with(|id| SubscriptionUpdateConfirmItem::new_quantity(id, quantity))
    }

    fn confirm_with(
        &self,
        item: impl FnOnce(&str) -> SubscriptionUpdateConfirmItem,
    ) -> Result<SubscriptionUpdateConfirm, Error> {
        let single = self.single_item()?;
        Ok(SubscriptionUpdateConfirm::new(&self.id, item(&single.id)))
    }
}
