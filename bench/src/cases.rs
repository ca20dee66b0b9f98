//! The requests measured, each written once with this crate and once with async-stripe
//! 1.0.0-rc.10, carrying the same form pairs (the `per_call` benchmark checks that before timing).

use serde::de::DeserializeOwned;
use serde::Serialize;
use stripe_billing::billing_portal_configuration as as_conf;
use stripe_billing::billing_portal_session as as_session;
use stripe_billing_portal::configurations::{
    BusinessProfile, CancellationReason, CancellationReasonOption, ConfigurationCreateParams,
    CustomerUpdateAllowedUpdate, CustomerUpdateFeature, Features, SubscriptionCancelFeature, SubscriptionCancelMode,
};
use stripe_billing_portal::form;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};
use stripe_client_core::{RequestBuilder, StripeRequest};

/// What `send` does to params before anything goes on the wire: encode the body, which validates
/// each value as it writes it (the leaf types and the params' `Serialize`).
pub fn encode<P: Serialize>(params: &P) -> String {
    form::to_string(params).expect("the case is valid and encodes")
}

/// What the client does with a 2xx body (its `wire::json::from_body`, which is crate-private):
/// one UTF-8 check of the whole body, then `serde_json::from_str`.
pub fn decode<T: DeserializeOwned>(body: &[u8]) -> T {
    let text = std::str::from_utf8(body).expect("the answer is UTF-8");
    serde_json::from_str(text).expect("the crate decodes the answer")
}

/// async-stripe's `StripeRequest::build` (serde_qs), returning the body it would send.
pub fn async_stripe_body(request: &impl StripeRequest) -> String {
    let RequestBuilder { body, .. } = request.build();
    body.expect("a POST carries a form body")
}

/// The update-confirm session of the README's deep-links section: one item with a price and a
/// quantity, one coupon, an after-completion redirect.
pub fn session() -> SessionCreateParams {
    SessionCreateParams::new("cus_123").return_url("https://example.com/account").flow_data(
        FlowData::new(
            SubscriptionUpdateConfirm::new(
                "sub_123",
                SubscriptionUpdateConfirmItem::new_price("si_123", "price_premium").quantity(2),
            )
            .coupon("UPGRADE10"),
        )
        .after_completion(AfterCompletion::redirect("https://example.com/account/upgraded")),
    )
}

/// [`session`] with async-stripe's builders.
pub fn session_async_stripe() -> as_session::CreateBillingPortalSession {
    let mut item = as_session::CreateBillingPortalSessionFlowDataSubscriptionUpdateConfirmItems::new("si_123");
    item.price = Some("price_premium".into());
    item.quantity = Some(2);
    let mut discount = as_session::CreateBillingPortalSessionFlowDataSubscriptionUpdateConfirmDiscounts::new();
    discount.coupon = Some("UPGRADE10".into());
    let mut confirm =
        as_session::CreateBillingPortalSessionFlowDataSubscriptionUpdateConfirm::new(vec![item], "sub_123");
    confirm.discounts = Some(vec![discount]);
    let mut after = as_session::CreateBillingPortalSessionFlowDataAfterCompletion::new(
        as_session::CreateBillingPortalSessionFlowDataAfterCompletionType::Redirect,
    );
    after.redirect = Some(as_session::CreateBillingPortalSessionFlowDataAfterCompletionRedirect::new(
        "https://example.com/account/upgraded",
    ));
    let mut flow = as_session::CreateBillingPortalSessionFlowData::new(
        as_session::CreateBillingPortalSessionFlowDataType::SubscriptionUpdateConfirm,
    );
    flow.subscription_update_confirm = Some(confirm);
    flow.after_completion = Some(after);
    as_session::CreateBillingPortalSession::new()
        .customer("cus_123")
        .return_url("https://example.com/account")
        .flow_data(flow)
}

/// A typical portal configuration: the business profile (headline and the two policy URLs), a
/// default return URL and three features (customer details, invoice history, cancellation with
/// reasons).
pub fn configuration() -> ConfigurationCreateParams {
    let features = Features::new()
        .customer_update(
            CustomerUpdateFeature::new(true)
                .allowed_updates([CustomerUpdateAllowedUpdate::Email, CustomerUpdateAllowedUpdate::Address]),
        )
        .invoice_history(true)
        .subscription_cancel(
            SubscriptionCancelFeature::new(true).mode(SubscriptionCancelMode::AtPeriodEnd).cancellation_reason(
                CancellationReason::new(true)
                    .options([CancellationReasonOption::TooExpensive, CancellationReasonOption::SwitchedService]),
            ),
        );
    ConfigurationCreateParams::new(features)
        .business_profile(
            BusinessProfile::new()
                .headline("Acme: manage your plan")
                .privacy_policy_url("https://example.com/privacy")
                .terms_of_service_url("https://example.com/terms"),
        )
        .default_return_url("https://example.com/account")
}

/// [`configuration`] with async-stripe's builders.
pub fn configuration_async_stripe() -> as_conf::CreateBillingPortalConfiguration {
    let mut customer_update = as_conf::CreateBillingPortalConfigurationFeaturesCustomerUpdate::new(true);
    customer_update.allowed_updates = Some(vec![
        as_conf::CreateBillingPortalConfigurationFeaturesCustomerUpdateAllowedUpdates::Email,
        as_conf::CreateBillingPortalConfigurationFeaturesCustomerUpdateAllowedUpdates::Address,
    ]);
    let mut cancel = as_conf::CreateBillingPortalConfigurationFeaturesSubscriptionCancel::new(true);
    cancel.mode = Some(as_conf::CreateBillingPortalConfigurationFeaturesSubscriptionCancelMode::AtPeriodEnd);
    cancel.cancellation_reason =
        Some(as_conf::CreateBillingPortalConfigurationFeaturesSubscriptionCancelCancellationReason::new(
            true,
            vec![
                as_conf::CreateBillingPortalConfigurationFeaturesSubscriptionCancelCancellationReasonOptions::TooExpensive,
                as_conf::CreateBillingPortalConfigurationFeaturesSubscriptionCancelCancellationReasonOptions::SwitchedService,
            ],
        ));
    let mut features = as_conf::CreateBillingPortalConfigurationFeatures::new();
    features.customer_update = Some(customer_update);
    features.invoice_history = Some(as_conf::InvoiceListParam::new(true));
    features.subscription_cancel = Some(cancel);
    let mut profile = as_conf::CreateBillingPortalConfigurationBusinessProfile::new();
    profile.headline = Some("Acme: manage your plan".into());
    profile.privacy_policy_url = Some("https://example.com/privacy".into());
    profile.terms_of_service_url = Some("https://example.com/terms".into());
    as_conf::CreateBillingPortalConfiguration::new(features)
        .business_profile(profile)
        .default_return_url("https://example.com/account")
}
