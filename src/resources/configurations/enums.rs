//! The enumerations of portal configurations, shared by the params and the response.
//!
//! Each is an [`open_enum!`](crate::open_enum): a value this crate does not list yet can be sent
//! as `Other("…")`, and decodes to `Other` instead of failing.

crate::open_enum! {
    /// `features[customer_update][allowed_updates][N]`: a customer detail the portal lets customers edit.
    pub enum CustomerUpdateAllowedUpdate {
        Address = "address": "The billing address.",
        Email = "email": "The email address.",
        Name = "name": "The name.",
        Phone = "phone": "The phone number.",
        Shipping = "shipping": "The shipping address.",
        TaxId = "tax_id": "Tax ids.",
    }
}

crate::open_enum! {
    /// `features[subscription_cancel][cancellation_reason][options][N]`: a reason a customer can
    /// pick when cancelling.
    pub enum CancellationReasonOption {
        CustomerService = "customer_service": "Customer service was less than expected.",
        LowQuality = "low_quality": "Quality was less than expected.",
        MissingFeatures = "missing_features": "Some features are missing.",
        OtherReason = "other":
            "\"Other\": a reason not in the list. (Named so as not to clash with `Other(String)`, which carries a \
             value this crate does not know.)",
        SwitchedService = "switched_service": "Switched to another service.",
        TooComplex = "too_complex": "Too hard to use.",
        TooExpensive = "too_expensive": "Too expensive.",
        Unused = "unused": "Not used enough.",
    }
}

crate::open_enum! {
    /// `features[subscription_cancel][mode]`: when a cancellation takes effect.
    pub enum SubscriptionCancelMode {
        AtPeriodEnd = "at_period_end": "At the end of the current billing period.",
        Immediately = "immediately": "Right away.",
    }
}

crate::open_enum! {
    /// `proration_behavior` of the cancel and update features: how changes are prorated.
    ///
    /// For `features[subscription_cancel]`, `create_prorations` needs `mode=immediately`, and
    /// `always_invoice` is refused.
    pub enum ProrationBehavior {
        AlwaysInvoice = "always_invoice": "Prorate and invoice the proration right away.",
        CreateProrations = "create_prorations": "Prorate; the proration is billed with the next invoice.",
        None = "none": "Don't prorate.",
    }
}

crate::open_enum! {
    /// `features[subscription_pause][duration][type]`: how long customers can pause.
    pub enum PauseDurationType {
        Indefinite = "indefinite": "Until the customer resumes.",
        IntervalOptions = "interval_options": "One of the `interval_options`.",
    }
}

crate::open_enum! {
    /// `features[subscription_pause][duration][interval_options][N][interval]`: the unit of a pause length.
    pub enum PauseInterval {
        Day = "day": "Days.",
        Month = "month": "Months.",
        Week = "week": "Weeks.",
        Year = "year": "Years.",
    }
}

crate::open_enum! {
    /// `features[subscription_update][billing_cycle_anchor]`: where the billing cycle starts after a change.
    pub enum BillingCycleAnchor {
        Now = "now": "Restart the billing cycle at the change.",
        Unchanged = "unchanged": "Keep the billing cycle.",
    }
}

crate::open_enum! {
    /// `features[subscription_update][default_allowed_updates][N]`: what customers can change on a subscription.
    pub enum SubscriptionUpdateAllowedUpdate {
        Price = "price": "The price (plan).",
        PromotionCode = "promotion_code": "Add a promotion code.",
        Quantity = "quantity": "The quantity.",
    }
}

crate::open_enum! {
    /// `features[subscription_update][schedule_at_period_end][conditions][N][type]`: a change that
    /// waits for the end of the period instead of applying right away.
    pub enum ScheduleAtPeriodEndCondition {
        DecreasingItemAmount = "decreasing_item_amount": "A change that lowers an item's amount.",
        ShorteningInterval = "shortening_interval": "A change to a shorter billing interval.",
    }
}

crate::open_enum! {
    /// `features[subscription_update][trial_update_behavior]`: what a change does to a trial.
    pub enum TrialUpdateBehavior {
        ContinueTrial = "continue_trial": "The trial goes on.",
        EndTrial = "end_trial": "The trial ends at the change.",
    }
}
