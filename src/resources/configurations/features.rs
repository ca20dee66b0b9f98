//! `features`: what the portal lets customers do, as sent on create and update.
//!
//! One set of types serves both calls. Where Stripe requires a field on create only (`enabled` of
//! `customer_update`, `subscription_cancel`, `subscription_update`;
//! `cancellation_reason[options]`), the type leaves it optional and
//! [`ConfigurationCreateParams`](super::ConfigurationCreateParams) refuses its absence before
//! sending, naming the parameter.
//!
//! | feature | type | wire |
//! |---|---|---|
//! | edit customer details | [`CustomerUpdateFeature`] | `features[customer_update][…]` |
//! | invoice history | [`Features::invoice_history`] | `features[invoice_history][enabled]` |
//! | payment methods | [`PaymentMethodUpdateFeature`] | `features[payment_method_update][…]` |
//! | cancel | [`SubscriptionCancelFeature`], [`CancellationReason`] | `features[subscription_cancel][…]` |
//! | pause | [`SubscriptionPauseFeature`], [`PauseDuration`] | `features[subscription_pause][…]` |
//! | change plan | [`SubscriptionUpdateFeature`], [`SubscriptionUpdateProduct`] | `features[subscription_update][…]` |

use super::enums::{
    BillingCycleAnchor, CancellationReasonOption, CustomerUpdateAllowedUpdate, PauseDurationType, PauseInterval,
    ProrationBehavior, ScheduleAtPeriodEndCondition, SubscriptionCancelMode, SubscriptionUpdateAllowedUpdate,
    TrialUpdateBehavior,
};
use crate::resources::builders::setters;
use crate::wire::emptyable::Emptyable;
use crate::wire::leaf::{Id, Refuse};
use crate::wire::tagged::write_tagged;
use serde::ser::{SerializeSeq, SerializeStruct, Serializer};
use serde::Serialize;

/// The most products `features[subscription_update][products]` takes.
pub const MAX_PRODUCTS: usize = 10;

/// Which call the params are for: some rules differ between create and update.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Action {
    Create,
    Update,
}

/// A part of the params whose rules depend on the call: serialized with the rules of `action`.
/// Its plain `Serialize` applies the update rules, the looser ones; the create params pass
/// [`Action::Create`] down through [`For`].
pub(crate) trait ForAction {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error>;
}

/// `self.0` serialized with the rules of `self.1`.
pub(crate) struct For<'a, T>(pub(crate) &'a T, pub(crate) Action);

impl<T: ForAction> Serialize for For<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_for(self.1, serializer)
    }
}

impl<T: ForAction> ForAction for Option<T> {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => value.serialize_for(action, serializer),
            None => serializer.serialize_none(),
        }
    }
}

/// `Serialize` with the update rules, for the types that also serve updates.
macro_rules! serialize_for_update {
    ($($name:ty),+) => {$(
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.serialize_for(Action::Update, serializer)
            }
        }
    )+};
}
pub(crate) use serialize_for_update;

/// `enabled`, a cancellation reason's `options` and the like: required on create, optional on
/// update. Holds an `Option` or an `Emptyable`, absent when `None` or left.
struct Required<'a, F>(&'a F, Action);

/// Whether a field is absent: nothing would be sent for it.
trait Absent {
    fn absent(&self) -> bool;
}

impl<T> Absent for Option<T> {
    fn absent(&self) -> bool {
        self.is_none()
    }
}

impl<T> Absent for Emptyable<T> {
    fn absent(&self) -> bool {
        self.is_leave()
    }
}

impl<F: Serialize + Absent> Serialize for Required<'_, F> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.1 {
            Action::Create if self.0.absent() => {
                Refuse("is required when creating a configuration").serialize(serializer)
            }
            _ => self.0.serialize(serializer),
        }
    }
}

/// A field Stripe lets you clear with `""` on update only.
pub(crate) struct NoClearOnCreate<'a, T>(pub(crate) &'a Emptyable<T>, pub(crate) Action);

impl<T> Serialize for NoClearOnCreate<'_, T>
where
    Emptyable<T>: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.1 == Action::Create && self.0.is_clear() {
            return Refuse("cannot be cleared when creating a configuration").serialize(serializer);
        }
        self.0.serialize(serializer)
    }
}

/// `new(enabled)` and `unchanged()` for a feature whose `[enabled]` is required on create only:
/// written inside its `impl`, for a type with `enabled: Option<bool>` whose other fields default.
macro_rules! enabled_or_unchanged {
    () => {
        /// Turn the feature on or off (`[enabled]`, required on create).
        pub fn new(enabled: bool) -> Self {
            Self { enabled: Some(enabled), ..Self::default() }
        }

        /// Change only the other fields, leaving `[enabled]` as it is (update only).
        pub fn unchanged() -> Self {
            Self::default()
        }
    };
}

/// `features`: the portal's features. Set the ones to configure; the others are left out.
///
/// ```
/// use stripe_billing_portal::configurations::{
///     CustomerUpdateAllowedUpdate, CustomerUpdateFeature, Features, SubscriptionCancelFeature,
///     SubscriptionCancelMode,
/// };
///
/// let features = Features::new()
///     .customer_update(CustomerUpdateFeature::new(true).allowed_updates([CustomerUpdateAllowedUpdate::Email]))
///     .invoice_history(true)
///     .subscription_cancel(SubscriptionCancelFeature::new(true).mode(SubscriptionCancelMode::AtPeriodEnd));
/// # let _ = features;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    customer_update: Option<CustomerUpdateFeature>,
    invoice_history: Option<Enabled>,
    payment_method_update: Option<PaymentMethodUpdateFeature>,
    subscription_cancel: Option<SubscriptionCancelFeature>,
    subscription_pause: Option<SubscriptionPauseFeature>,
    subscription_update: Option<SubscriptionUpdateFeature>,
}

/// `{enabled: bool}`: `features[invoice_history]` and `login_page`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub(crate) struct Enabled {
    pub(crate) enabled: bool,
}

impl Features {
    /// No feature set yet.
    pub fn new() -> Self {
        Self::default()
    }

    setters! {
        /// `features[customer_update]`: let customers edit their details.
        fn customer_update(feature: CustomerUpdateFeature) { customer_update = Some(feature) }

        /// `features[invoice_history][enabled]`: show past invoices.
        fn invoice_history(enabled: bool) { invoice_history = Some(Enabled { enabled }) }

        /// `features[payment_method_update]`: let customers manage payment methods.
        fn payment_method_update(feature: PaymentMethodUpdateFeature) { payment_method_update = Some(feature) }

        /// `features[subscription_cancel]`: let customers cancel subscriptions.
        fn subscription_cancel(feature: SubscriptionCancelFeature) { subscription_cancel = Some(feature) }

        /// `features[subscription_pause]`: let customers pause subscriptions.
        fn subscription_pause(feature: SubscriptionPauseFeature) { subscription_pause = Some(feature) }

        /// `features[subscription_update]`: let customers change plans and quantities.
        fn subscription_update(feature: SubscriptionUpdateFeature) { subscription_update = Some(feature) }
    }
}

impl Features {
    /// Whether nothing would be sent: no feature set, or only a pause feature with nothing in it
    /// (the other features always send their `enabled` on create).
    pub(crate) fn sends_nothing(&self) -> bool {
        let Features {
            customer_update,
            invoice_history,
            payment_method_update,
            subscription_cancel,
            subscription_pause,
            subscription_update,
        } = self;
        customer_update.is_none()
            && invoice_history.is_none()
            && payment_method_update.is_none()
            && subscription_cancel.is_none()
            && subscription_update.is_none()
            && subscription_pause.as_ref().is_none_or(|pause| *pause == SubscriptionPauseFeature::default())
    }
}

impl ForAction for Features {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Features", 6)?;
        s.serialize_field("customer_update", &For(&self.customer_update, action))?;
        s.serialize_field("invoice_history", &self.invoice_history)?;
        s.serialize_field("payment_method_update", &self.payment_method_update)?;
        s.serialize_field("subscription_cancel", &For(&self.subscription_cancel, action))?;
        s.serialize_field("subscription_pause", &self.subscription_pause)?;
        s.serialize_field("subscription_update", &For(&self.subscription_update, action))?;
        s.end()
    }
}

/// `features[customer_update]`: which customer details customers can edit.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomerUpdateFeature {
    allowed_updates: Emptyable<Vec<CustomerUpdateAllowedUpdate>>,
    enabled: Option<bool>,
}

impl CustomerUpdateFeature {
    enabled_or_unchanged!();

    setters! {
        /// `[allowed_updates]`: the details customers can edit, or [`Emptyable::Clear`] for none.
        fn allowed_updates(updates: impl Into<Emptyable<Vec<CustomerUpdateAllowedUpdate>>>) {
            allowed_updates = updates.into()
        }
    }
}

impl ForAction for CustomerUpdateFeature {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CustomerUpdateFeature", 2)?;
        s.serialize_field("allowed_updates", &self.allowed_updates)?;
        s.serialize_field("enabled", &Required(&self.enabled, action))?;
        s.end()
    }
}

/// `features[payment_method_update]`: managing payment methods in the portal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PaymentMethodUpdateFeature {
    enabled: bool,
    payment_method_configuration: Emptyable<Id>,
}

impl PaymentMethodUpdateFeature {
    /// Turn the feature on or off (`[enabled]`).
    pub fn new(enabled: bool) -> Self {
        Self { enabled, payment_method_configuration: Emptyable::Leave }
    }

    setters! {
        /// `[payment_method_configuration]`: the payment method configuration (`pmc_…`) that decides
        /// which payment methods customers can add, or [`Emptyable::Clear`] for the default.
        fn payment_method_configuration(configuration: impl Into<Emptyable<Id>>) {
            payment_method_configuration = configuration.into()
        }
    }
}

/// `features[subscription_cancel]`: cancelling subscriptions in the portal.
///
/// `proration_behavior` `create_prorations` needs `mode` `immediately` (on create, a missing
/// `mode` means `at_period_end`), and `always_invoice` is not accepted: both are refused before
/// sending.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubscriptionCancelFeature {
    cancellation_reason: Option<CancellationReason>,
    enabled: Option<bool>,
    mode: Option<SubscriptionCancelMode>,
    proration_behavior: Option<ProrationBehavior>,
}

impl SubscriptionCancelFeature {
    enabled_or_unchanged!();

    setters! {
        /// `[cancellation_reason]`: ask customers why they cancel.
        fn cancellation_reason(reason: CancellationReason) { cancellation_reason = Some(reason) }

        /// `[mode]`: cancel right away or at the end of the period.
        fn mode(mode: SubscriptionCancelMode) { mode = Some(mode) }

        /// `[proration_behavior]`: prorate an immediate cancellation or not.
        fn proration_behavior(behavior: ProrationBehavior) { proration_behavior = Some(behavior) }
    }

    /// Why `proration_behavior` cannot go with `mode`, if it cannot.
    fn proration_problem(&self, action: Action) -> Option<&'static str> {
        // Normalised through `from`, so that `Other("immediately")` counts as `Immediately`.
        let mode = match (&self.mode, action) {
            (Some(mode), _) => Some(SubscriptionCancelMode::from(mode.as_str())),
            // Stripe's default mode for a new configuration.
            (None, Action::Create) => Some(SubscriptionCancelMode::AtPeriodEnd),
            (None, Action::Update) => None,
        };
        let proration = self.proration_behavior.as_ref().map(|p| ProrationBehavior::from(p.as_str()));
        match (proration, mode) {
            (Some(ProrationBehavior::AlwaysInvoice), _) => {
                Some("`always_invoice` is not accepted for cancellations; use `create_prorations` or `none`")
            }
            (Some(ProrationBehavior::CreateProrations), Some(SubscriptionCancelMode::AtPeriodEnd)) => Some(
                "`create_prorations` needs `features[subscription_cancel][mode]=immediately`, \
                 not `at_period_end` (Stripe's default on create)",
            ),
            _ => None,
        }
    }
}

impl ForAction for SubscriptionCancelFeature {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SubscriptionCancelFeature", 4)?;
        s.serialize_field("cancellation_reason", &For(&self.cancellation_reason, action))?;
        s.serialize_field("enabled", &Required(&self.enabled, action))?;
        s.serialize_field("mode", &self.mode)?;
        match self.proration_problem(action) {
            Some(problem) => s.serialize_field("proration_behavior", &Refuse(problem))?,
            None => s.serialize_field("proration_behavior", &self.proration_behavior)?,
        }
        s.end()
    }
}

/// `features[subscription_cancel][cancellation_reason]`: the reasons offered when cancelling.
#[derive(Clone, Debug, PartialEq)]
pub struct CancellationReason {
    enabled: bool,
    feedback_options: Emptyable<Vec<Id>>,
    options: Emptyable<Vec<CancellationReasonOption>>,
}

impl CancellationReason {
    /// Ask for a reason or not (`[enabled]`). On create, also set [`options`](Self::options).
    pub fn new(enabled: bool) -> Self {
        Self { enabled, feedback_options: Emptyable::Leave, options: Emptyable::Leave }
    }

    setters! {
        /// `[options]`: the reasons to choose from, or [`Emptyable::Clear`] for none (required on create).
        fn options(options: impl Into<Emptyable<Vec<CancellationReasonOption>>>) { options = options.into() }

        /// `[feedback_options]`: the feedback options (by id) to offer, or [`Emptyable::Clear`] for none.
        fn feedback_options(ids: impl Into<Emptyable<Vec<Id>>>) { feedback_options = ids.into() }
    }
}

impl ForAction for CancellationReason {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("CancellationReason", 3)?;
        s.serialize_field("enabled", &self.enabled)?;
        s.serialize_field("feedback_options", &self.feedback_options)?;
        s.serialize_field("options", &Required(&self.options, action))?;
        s.end()
    }
}

/// `features[subscription_pause]`: pausing subscriptions in the portal.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SubscriptionPauseFeature {
    duration: Option<PauseDuration>,
    enabled: Option<bool>,
}

impl SubscriptionPauseFeature {
    /// Turn the feature on or off (`[enabled]`).
    pub fn new(enabled: bool) -> Self {
        Self { duration: None, enabled: Some(enabled) }
    }

    /// Change only the duration, leaving `[enabled]` as it is.
    pub fn unchanged() -> Self {
        Self::default()
    }

    setters! {
        /// `[duration]`: how long customers can pause.
        fn duration(duration: PauseDuration) { duration = Some(duration) }
    }
}

/// `features[subscription_pause][duration]`: indefinitely, or one of a set of lengths.
///
/// `interval_options` is required when the type is `interval_options`; that is refused before
/// sending when missing.
///
/// ```
/// use stripe_billing_portal::configurations::{PauseDuration, PauseInterval, PauseIntervalOption};
///
/// let duration = PauseDuration::interval_options([
///     PauseIntervalOption::new(PauseInterval::Month).interval_count(1),
///     PauseIntervalOption::new(PauseInterval::Month).interval_count(3),
/// ]);
/// # let _ = duration;
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct PauseDuration {
    duration_type: PauseDurationType,
    interval_options: Emptyable<Vec<PauseIntervalOption>>,
}

impl PauseDuration {
    /// `[type]=indefinite`: paused until the customer resumes.
    pub fn indefinite() -> Self {
        Self::new(PauseDurationType::Indefinite)
    }

    /// `[type]=interval_options` with these lengths to choose from.
    pub fn interval_options(options: impl IntoIterator<Item = PauseIntervalOption>) -> Self {
        Self::new(PauseDurationType::IntervalOptions).with_interval_options(options.into_iter().collect::<Vec<_>>())
    }

    /// Any `[type]`, e.g. one this crate does not know yet.
    pub fn new(duration_type: PauseDurationType) -> Self {
        Self { duration_type, interval_options: Emptyable::Leave }
    }

    setters! {
        /// `[interval_options]`: the lengths to choose from, or [`Emptyable::Clear`] to remove them.
        fn with_interval_options(options: impl Into<Emptyable<Vec<PauseIntervalOption>>>) {
            interval_options = options.into()
        }
    }
}

/// `type` and the `interval_options` sibling, which `type=interval_options` requires (and which
/// any type may clear on update).
impl Serialize for PauseDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        const SIBLING: &str = "interval_options";
        let mut s = serializer.serialize_struct("PauseDuration", 2)?;
        let tag = &self.duration_type;
        if *tag == PauseDurationType::IntervalOptions && self.interval_options.as_set().is_none() {
            let required = Refuse("is required when `[duration][type]=interval_options`");
            write_tagged(&mut s, tag, Some((SIBLING, &required)))?;
        } else {
            write_tagged(&mut s, tag, Some((SIBLING, &self.interval_options)))?;
        }
        s.end()
    }
}

/// `features[subscription_pause][duration][interval_options][N]`: one pause length.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PauseIntervalOption {
    interval: PauseInterval,
    interval_count: Option<u32>,
}

impl PauseIntervalOption {
    /// A pause of one `interval` (Stripe's default count).
    pub fn new(interval: PauseInterval) -> Self {
        Self { interval, interval_count: None }
    }

    setters! {
        /// `[interval_count]`: how many intervals (at least 1; a pause lasts at most three years).
        fn interval_count(count: u32) { interval_count = Some(count) }
    }

    /// Why the count does not fit, if it does not.
    fn count_problem(&self, count: u32) -> Option<String> {
        if count == 0 {
            return Some("must be at least 1".to_owned());
        }
        // Three years, leap day included; unknown intervals are left to Stripe.
        let max = match PauseInterval::from(self.interval.as_str()) {
            PauseInterval::Day => 1096,
            PauseInterval::Week => 156,
            PauseInterval::Month => 36,
            PauseInterval::Year => 3,
            PauseInterval::Other(_) => return None,
        };
        (count > max).then(|| format!("{count} {}s is longer than the three years a pause may last", self.interval))
    }
}

impl Serialize for PauseIntervalOption {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("PauseIntervalOption", 2)?;
        s.serialize_field("interval", &self.interval)?;
        match self.interval_count.and_then(|count| self.count_problem(count)) {
            Some(problem) => s.serialize_field("interval_count", &Refuse(problem))?,
            None => s.serialize_field("interval_count", &self.interval_count)?,
        }
        s.end()
    }
}

/// `features[subscription_update]`: changing plans and quantities in the portal.
///
/// ```
/// use stripe_billing_portal::configurations::{
///     AdjustableQuantity, SubscriptionUpdateAllowedUpdate, SubscriptionUpdateFeature, SubscriptionUpdateProduct,
/// };
///
/// let feature = SubscriptionUpdateFeature::new(true)
///     .default_allowed_updates([SubscriptionUpdateAllowedUpdate::Price, SubscriptionUpdateAllowedUpdate::Quantity])
///     .product(SubscriptionUpdateProduct::new("prod_basic", ["price_basic_monthly", "price_basic_yearly"]))
///     .product(
///         SubscriptionUpdateProduct::new("prod_team", ["price_team_monthly"])
///             .adjustable_quantity(AdjustableQuantity::new(true).minimum(1).maximum(50)),
///     );
/// # let _ = feature;
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubscriptionUpdateFeature {
    billing_cycle_anchor: Option<BillingCycleAnchor>,
    default_allowed_updates: Emptyable<Vec<SubscriptionUpdateAllowedUpdate>>,
    enabled: Option<bool>,
    products: Emptyable<Vec<SubscriptionUpdateProduct>>,
    proration_behavior: Option<ProrationBehavior>,
    schedule_at_period_end: Emptyable<Vec<ScheduleAtPeriodEndCondition>>,
    trial_update_behavior: Option<TrialUpdateBehavior>,
}

impl SubscriptionUpdateFeature {
    enabled_or_unchanged!();

    setters! {
        /// `[billing_cycle_anchor]`: restart the billing cycle on a change, or keep it.
        fn billing_cycle_anchor(anchor: BillingCycleAnchor) { billing_cycle_anchor = Some(anchor) }

        /// `[default_allowed_updates]`: what customers can change, or [`Emptyable::Clear`] for nothing.
        fn default_allowed_updates(updates: impl Into<Emptyable<Vec<SubscriptionUpdateAllowedUpdate>>>) {
            default_allowed_updates = updates.into()
        }

        /// Adds one product to `[products]` (at most 10).
        fn product(product: SubscriptionUpdateProduct) { products.push(product) }

        /// `[products]`: all the products customers can switch between (at most 10), or
        /// [`Emptyable::Clear`] for none.
        fn products(products: impl Into<Emptyable<Vec<SubscriptionUpdateProduct>>>) { products = products.into() }

        /// `[proration_behavior]`: how a change is prorated.
        fn proration_behavior(behavior: ProrationBehavior) { proration_behavior = Some(behavior) }

        /// `[schedule_at_period_end][conditions]`: the changes that wait for the end of the period,
        /// or [`Emptyable::Clear`] for none (update only).
        fn schedule_at_period_end(conditions: impl Into<Emptyable<Vec<ScheduleAtPeriodEndCondition>>>) {
            schedule_at_period_end = conditions.into()
        }

        /// `[trial_update_behavior]`: whether a change ends a trial.
        fn trial_update_behavior(behavior: TrialUpdateBehavior) { trial_update_behavior = Some(behavior) }
    }
}

/// `schedule_at_period_end`: `{conditions: [{type}, …]}`, or `conditions=` to clear.
struct ScheduleAtPeriodEnd<'a>(&'a Emptyable<Vec<ScheduleAtPeriodEndCondition>>, Action);

/// The conditions, each written as `{type}`.
struct Conditions<'a>(&'a [ScheduleAtPeriodEndCondition]);

#[derive(Serialize)]
struct Condition<'a> {
    #[serde(rename = "type")]
    condition_type: &'a ScheduleAtPeriodEndCondition,
}

impl Serialize for Conditions<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for condition_type in self.0 {
            seq.serialize_element(&Condition { condition_type })?;
        }
        seq.end()
    }
}

impl Serialize for ScheduleAtPeriodEnd<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.0.is_leave() {
            return serializer.serialize_none();
        }
        let mut s = serializer.serialize_struct("ScheduleAtPeriodEnd", 1)?;
        match self.0 {
            Emptyable::Set(types) if !types.is_empty() => s.serialize_field("conditions", &Conditions(types))?,
            // Clear, or an empty list: refused the same way as for any other list.
            _ => s.serialize_field("conditions", &NoClearOnCreate(self.0, self.1))?,
        }
        s.end()
    }
}

impl ForAction for SubscriptionUpdateFeature {
    fn serialize_for<S: Serializer>(&self, action: Action, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SubscriptionUpdateFeature", 7)?;
        s.serialize_field("billing_cycle_anchor", &self.billing_cycle_anchor)?;
        s.serialize_field("default_allowed_updates", &self.default_allowed_updates)?;
        s.serialize_field("enabled", &Required(&self.enabled, action))?;
        match self.products.as_set() {
            Some(products) if products.len() > MAX_PRODUCTS => s.serialize_field(
                "products",
                &Refuse(format_args!("has {} products; Stripe accepts at most {MAX_PRODUCTS}", products.len())),
            )?,
            _ => s.serialize_field("products", &self.products)?,
        }
        s.serialize_field("proration_behavior", &self.proration_behavior)?;
        s.serialize_field("schedule_at_period_end", &ScheduleAtPeriodEnd(&self.schedule_at_period_end, action))?;
        s.serialize_field("trial_update_behavior", &self.trial_update_behavior)?;
        s.end()
    }
}

serialize_for_update!(
    Features,
    CustomerUpdateFeature,
    SubscriptionCancelFeature,
    CancellationReason,
    SubscriptionUpdateFeature
);

/// `features[subscription_update][products][N]`: a product and the prices customers can switch to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionUpdateProduct {
    adjustable_quantity: Option<AdjustableQuantity>,
    prices: Vec<Id>,
    product: Id,
}

impl SubscriptionUpdateProduct {
    /// `product` with the `prices` (at least one) customers can pick.
    pub fn new<I, S>(product: impl Into<Id>, prices: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<Id>,
    {
        Self {
            adjustable_quantity: None,
            prices: prices.into_iter().map(Into::into).collect(),
            product: product.into(),
        }
    }

    setters! {
        /// `[adjustable_quantity]`: let customers change the quantity.
        fn adjustable_quantity(adjustable_quantity: AdjustableQuantity) {
            adjustable_quantity = Some(adjustable_quantity)
        }
    }
}

impl Serialize for SubscriptionUpdateProduct {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("SubscriptionUpdateProduct", 3)?;
        s.serialize_field("adjustable_quantity", &self.adjustable_quantity)?;
        if self.prices.is_empty() {
            s.serialize_field("prices", &Refuse("needs at least one price"))?;
        } else {
            s.serialize_field("prices", &self.prices)?;
        }
        s.serialize_field("product", &self.product)?;
        s.end()
    }
}

/// `[adjustable_quantity]` of a product: whether, and within which bounds, customers set the quantity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdjustableQuantity {
    enabled: bool,
    maximum: Option<u64>,
    minimum: Option<u64>,
}

impl AdjustableQuantity {
    /// Let customers adjust the quantity, or not (`[enabled]`).
    pub fn new(enabled: bool) -> Self {
        Self { enabled, maximum: None, minimum: None }
    }

    setters! {
        /// `[maximum]`: the largest quantity.
        fn maximum(maximum: u64) { maximum = Some(maximum) }

        /// `[minimum]`: the smallest quantity.
        fn minimum(minimum: u64) { minimum = Some(minimum) }
    }
}

impl Serialize for AdjustableQuantity {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("AdjustableQuantity", 3)?;
        s.serialize_field("enabled", &self.enabled)?;
        s.serialize_field("maximum", &self.maximum)?;
        match (self.minimum, self.maximum) {
            (Some(minimum), Some(maximum)) if minimum > maximum => {
                s.serialize_field("minimum", &Refuse(format_args!("{minimum} is larger than the maximum {maximum}")))?
            }
            _ => s.serialize_field("minimum", &self.minimum)?,
        }
        s.end()
    }
}
