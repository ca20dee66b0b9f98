//! The enumerations of portal configurations, shared by the params and the response.
//!
//! Each is an [`open_enum!`](crate::open_enum): a value this crate does not list yet can be sent
//! as `Other("…")`, and decodes to `Other` instead of failing.

crate::open_enum! {
    /// `features[customer_update][allowed_updates][N]`: a customer detail the portal lets customers edit.
    pub enum CustomerUpdateAllowedUpdate {
        /// The billing address.
        Address = "address",
        /// The email address.
        Email = "email",
        /// The name.
        Name = "name",
        /// The phone number.
        Phone = "phone",
        /// The shipping address.
        Shipping = "shipping",
        /// Tax ids.
        TaxId = "tax_id",
    }
}

crate::open_enum! {
    /// `features[subscription_cancel][cancellation_reason][options][N]`: a reason a customer can
    /// pick when cancelling.
    pub enum CancellationReasonOption {
        /// Customer service was less than expected.
        CustomerService = "customer_service",
        /// Quality was less than expected.
        LowQuality = "low_quality",
        /// Some features are missing.
        MissingFeatures = "missing_features",
        /// "Other": a reason not in the list. (Named so as not to clash with `Other(String)`,
        /// which carries a value this crate does not know.)
        OtherReason = "other",
        /// Switched to another service.
        SwitchedService = "switched_service",
        /// Too hard to use.
        TooComplex = "too_complex",
        /// Too expensive.
        TooExpensive = "too_expensive",
        /// Not used enough.
        Unused = "unused",
    }
}

crate::open_enum! {
    /// `features[subscription_cancel][mode]`: when a cancellation takes effect.
    pub enum SubscriptionCancelMode {
        /// At the end of the current billing period.
        AtPeriodEnd = "at_period_end",
        /// Right away.
        Immediately = "immediately",
    }
}

crate::open_enum! {
    /// `proration_behavior` of the cancel and update features: how changes are prorated.
    ///
    /// For `features[subscription_cancel]`, `create_prorations` needs `mode=immediately`, and
    /// `always_invoice` is refused.
    pub enum ProrationBehavior {
        /// Prorate and invoice the proration right away.
        AlwaysInvoice = "always_invoice",
        /// Prorate; the proration is billed with the next invoice.
        CreateProrations = "create_prorations",
        /// Don't prorate.
        None = "none",
    }
}

crate::open_enum! {
    /// `features[subscription_pause][duration][type]`: how long customers can pause.
    pub enum PauseDurationType {
        /// Until the customer resumes.
        Indefinite = "indefinite",
        /// One of the `interval_options`.
        IntervalOptions = "interval_options",
    }
}

crate::open_enum! {
    /// `features[subscription_pause][duration][interval_options][N][interval]`: the unit of a pause length.
    pub enum PauseInterval {
        /// Days.
        Day = "day",
        /// Months.
        Month = "month",
        /// Weeks.
        Week = "week",
        /// Years.
        Year = "year",
    }
}

crate::open_enum! {
    /// `features[subscription_update][billing_cycle_anchor]`: where the billing cycle starts after a change.
    pub enum BillingCycleAnchor {
        /// Restart the billing cycle at the change.
        Now = "now",
        /// Keep the billing cycle.
        Unchanged = "unchanged",
    }
}

crate::open_enum! {
    /// `features[subscription_update][default_allowed_updates][N]`: what customers can change on a subscription.
    pub enum SubscriptionUpdateAllowedUpdate {
        /// The price (plan).
        Price = "price",
        /// Add a promotion code.
        PromotionCode = "promotion_code",
        /// The quantity.
        Quantity = "quantity",
    }
}

crate::open_enum! {
    /// `features[subscription_update][schedule_at_period_end][conditions][N][type]`: a change that
    /// waits for the end of the period instead of applying right away.
    pub enum ScheduleAtPeriodEndCondition {
        /// A change that lowers an item's amount.
        DecreasingItemAmount = "decreasing_item_amount",
        /// A change to a shorter billing interval.
        ShorteningInterval = "shortening_interval",
    }
}

crate::open_enum! {
    /// `features[subscription_update][trial_update_behavior]`: what a change does to a trial.
    pub enum TrialUpdateBehavior {
        /// The trial goes on.
        ContinueTrial = "continue_trial",
        /// The trial ends at the change.
        EndTrial = "end_trial",
    }
}
