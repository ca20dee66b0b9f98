//! The portal-configuration create with every parameter set: shared by the golden test in
//! `tests/configurations.rs` (which checks it against the official SDK's body) and by the encoding
//! benchmark in `bench/benches/encode.rs` (which includes this file and times exactly that body).

use stripe_billing_portal::configurations::{
    AdjustableQuantity, BillingCycleAnchor, BusinessProfile, CancellationReason, CancellationReasonOption,
    ConfigurationCreateParams, CustomerUpdateAllowedUpdate, CustomerUpdateFeature, Features, PauseDuration,
    PauseInterval, PauseIntervalOption, PaymentMethodUpdateFeature, ProrationBehavior, ScheduleAtPeriodEndCondition,
    SubscriptionCancelFeature, SubscriptionCancelMode, SubscriptionPauseFeature, SubscriptionUpdateAllowedUpdate,
    SubscriptionUpdateFeature, SubscriptionUpdateProduct, TrialUpdateBehavior,
};

/// Every parameter of `POST /v1/billing_portal/configurations`, in the order the golden JSON of
/// `tests/configurations.rs` lists them.
pub fn every_create_parameter() -> ConfigurationCreateParams {
    let features = Features::new()
        .customer_update(CustomerUpdateFeature::new(true).allowed_updates([
            CustomerUpdateAllowedUpdate::Address,
            CustomerUpdateAllowedUpdate::Email,
            CustomerUpdateAllowedUpdate::TaxId,
        ]))
        .invoice_history(true)
        .payment_method_update(PaymentMethodUpdateFeature::new(true).payment_method_configuration("pmc_123"))
        .subscription_cancel(
            SubscriptionCancelFeature::new(true)
                .cancellation_reason(
                    CancellationReason::new(true).feedback_options(vec!["fo_1".to_owned(), "fo_2".to_owned()]).options(
                        [
                            CancellationReasonOption::TooExpensive,
                            CancellationReasonOption::OtherReason,
                            CancellationReasonOption::SwitchedService,
                        ],
                    ),
                )
                .mode(SubscriptionCancelMode::Immediately)
                .proration_behavior(ProrationBehavior::CreateProrations),
        )
        .subscription_pause(SubscriptionPauseFeature::new(true).duration(PauseDuration::interval_options([
            PauseIntervalOption::new(PauseInterval::Month).interval_count(1),
            PauseIntervalOption::new(PauseInterval::Week),
        ])))
        .subscription_update(
            SubscriptionUpdateFeature::new(true)
                .billing_cycle_anchor(BillingCycleAnchor::Now)
                .default_allowed_updates([
                    SubscriptionUpdateAllowedUpdate::Price,
                    SubscriptionUpdateAllowedUpdate::Quantity,
                    SubscriptionUpdateAllowedUpdate::PromotionCode,
                ])
                .product(
                    SubscriptionUpdateProduct::new("prod_team", ["price_team_monthly", "price_team_yearly"])
                        .adjustable_quantity(AdjustableQuantity::new(true).maximum(50).minimum(1)),
                )
                .product(SubscriptionUpdateProduct::new("prod_solo", ["price_solo"]))
                .proration_behavior(ProrationBehavior::AlwaysInvoice)
                .schedule_at_period_end([
                    ScheduleAtPeriodEndCondition::DecreasingItemAmount,
                    ScheduleAtPeriodEndCondition::ShorteningInterval,
                ])
                .trial_update_behavior(TrialUpdateBehavior::ContinueTrial),
        );
    ConfigurationCreateParams::new(features)
        .business_profile(
            BusinessProfile::new()
                .headline("Acme & Co. — billing")
                .privacy_policy_url("https://example.com/privacy")
                .terms_of_service_url("https://example.com/terms?v=2"),
        )
        .default_return_url("https://example.com/account")
        .login_page(true)
        .metadata("segment", "self-serve")
        .metadata("owner", "growth team")
        .name("Self-serve é")
        .expand("application")
}
