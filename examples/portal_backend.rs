//! A billing backend as Stripe's customer-portal guide describes it, on axum, in a full local
//! loop with a fake Stripe: "Manage billing" → the portal page → cancel → the webhook into this
//! app's own endpoint → back to the app, which now shows the scheduled cancellation.
//!
//! ```sh
//! cargo run --features testing --example portal_backend        # then open http://localhost:4242
//! ```
//!
//! The home page has a "Manage billing" button that posts to `/create-customer-portal-session`;
//! the handler creates a portal session for the signed-in customer and answers `303 See Other` to
//! the session's URL. One route per deep link opens the portal straight into a flow, and each flow
//! redirects back to `/billing/done/{flow}` once the customer completes it:
//!
//! | route | portal flow |
//! |---|---|
//! | `POST /create-customer-portal-session` | the portal home page |
//! | `POST /portal/update-payment-method` | `payment_method_update` |
//! | `POST /portal/cancel-subscription` | `subscription_cancel` |
//! | `POST /portal/update-subscription` | `subscription_update` |
//! | `POST /webhooks` | Stripe's events, verified with the endpoint's signing secret |
//!
//! By default the app starts `stripe_billing_portal::testing::FakeStripe`, seeds a customer with a
//! subscription and a plan to change to, and registers its own `/webhooks` with it: the portal
//! links are the fake's HTML portal, and what the customer does there arrives here as signed
//! webhooks. "Signed in" is a demo: every visitor is that customer. A real app takes the customer
//! id from its own login session, and its webhook secret from Stripe's Dashboard. `PORT` (default
//! 4242) sets the port.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::{Arc, Mutex};
use stripe_billing_portal::sessions::{AfterCompletion, FlowData, SessionCreateParams};
use stripe_billing_portal::testing::FakeStripe;
use stripe_billing_portal::webhooks::{EventData, Verifier};
use stripe_billing_portal::{Client, Error};

/// The port Stripe's guide uses.
pub const DEFAULT_PORT: u16 = 4242;

/// The events this app listens to.
pub const EVENTS: [&str; 4] = [
    "customer.subscription.updated",
    "customer.subscription.deleted",
    "customer.subscription.paused",
    "customer.updated",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let port = match std::env::var("PORT") {
        Ok(port) => port.parse().map_err(|_| format!("PORT={port:?} is not a port number"))?,
        Err(_) => DEFAULT_PORT,
    };
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    let app_base_url = format!("http://localhost:{port}");
    let fake = FakeStripe::start().await?;
    let account = Account::seed(&fake, &app_base_url)?;
    println!("A fake Stripe runs on {}; its portal pages are plain HTML.", fake.base_url());
    println!("Open {app_base_url} and click \"Manage billing\".");
    axum::serve(listener, app(fake.client(), app_base_url, account)).await?;
    Ok(())
}

/// The signed-in customer, their subscription, and this app's webhook secret.
#[derive(Clone, Debug)]
pub struct Account {
    /// `cus_…`.
    pub customer: String,
    /// `sub_…`.
    pub subscription: String,
    /// The `whsec_…` secret of this app's webhook endpoint.
    pub webhook_secret: String,
}

impl Account {
    /// Seeds the fake with a subscribed customer and a plan the portal offers them, and registers
    /// `{app_base_url}/webhooks`.
    pub fn seed(fake: &FakeStripe, app_base_url: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let seeded = fake.seed_plan_change()?.current;
        let webhook_secret =
            fake.register_webhook(&format!("{}/webhooks", app_base_url.trim_end_matches('/')), &EVENTS)?;
        Ok(Account { customer: seeded.customer, subscription: seeded.subscription, webhook_secret })
    }
}

struct AppState {
    client: Client,
    /// Where the app is reachable, without a trailing slash: `http://localhost:4242`.
    app_base_url: String,
    account: Account,
    verifier: Verifier,
    /// What the webhooks said, newest last: one line per event.
    notices: Mutex<Vec<String>>,
}

impl AppState {
    /// A session for the signed-in customer, with the portal's "back" link to the home page.
    fn session(&self) -> SessionCreateParams {
        SessionCreateParams::new(self.account.customer.as_str()).return_url(format!("{}/", self.app_base_url))
    }

    /// Once `flow` is completed, come back to `/billing/done/{flow}`.
    fn back_after(&self, flow: &str) -> AfterCompletion {
        AfterCompletion::redirect(format!("{}/billing/done/{flow}", self.app_base_url))
    }
}

/// The app's routes. `app_base_url` is where the app is reachable from the customer's browser.
///
/// # Panics
///
/// When the account's webhook secret is empty (the fake always gives one).
pub fn app(client: Client, app_base_url: String, account: Account) -> Router {
    let app_base_url = app_base_url.trim_end_matches('/').to_owned();
    let verifier = Verifier::new(account.webhook_secret.as_str()).expect("a webhook secret");
    let state = AppState { client, app_base_url, account, verifier, notices: Mutex::new(Vec::new()) };
    Router::new()
        .route("/", get(home))
        .route("/create-customer-portal-session", post(create_customer_portal_session))
        .route("/portal/update-payment-method", post(update_payment_method))
        .route("/portal/cancel-subscription", post(cancel_subscription))
        .route("/portal/update-subscription", post(update_subscription))
        .route("/billing/done/{flow}", get(done))
        .route("/webhooks", post(webhook))
        .with_state(Arc::new(state))
}

/// Creates the session and sends the browser to it: `303 See Other` to the portal URL.
async fn open_portal(app: &AppState, params: SessionCreateParams) -> Response {
    match app.client.sessions().create(params).send().await {
        Ok(session) => Redirect::to(&session.url).into_response(),
        Err(Error::InvalidParam { param, reason }) => {
            (StatusCode::BAD_REQUEST, format!("Invalid {param}: {reason}")).into_response()
        }
        Err(err) => {
            eprintln!("creating a portal session failed: {err}");
            (StatusCode::BAD_GATEWAY, "The billing portal is unavailable right now; please try again.").into_response()
        }
    }
}

/// `POST /create-customer-portal-session`: the "Manage billing" button.
async fn create_customer_portal_session(State(app): State<Arc<AppState>>) -> Response {
    open_portal(&app, app.session()).await
}

/// `POST /portal/update-payment-method`.
async fn update_payment_method(State(app): State<Arc<AppState>>) -> Response {
    let flow = FlowData::payment_method_update().after_completion(app.back_after("payment_method_update"));
    open_portal(&app, app.session().flow_data(flow)).await
}

/// `POST /portal/cancel-subscription`.
async fn cancel_subscription(State(app): State<Arc<AppState>>) -> Response {
    let flow = FlowData::subscription_cancel(app.account.subscription.as_str())
        .after_completion(app.back_after("subscription_cancel"));
    open_portal(&app, app.session().flow_data(flow)).await
}

/// `POST /portal/update-subscription`.
async fn update_subscription(State(app): State<Arc<AppState>>) -> Response {
    let flow = FlowData::subscription_update(app.account.subscription.as_str())
        .after_completion(app.back_after("subscription_update"));
    open_portal(&app, app.session().flow_data(flow)).await
}

/// `POST /webhooks`: verifies the signature on the raw body, then records what the event means.
async fn webhook(State(app): State<Arc<AppState>>, headers: HeaderMap, body: Bytes) -> Response {
    let signature = headers.get("stripe-signature").and_then(|value| value.to_str().ok()).unwrap_or_default();
    let event = match app.verifier.construct_event(&body, signature) {
        Ok(event) => event,
        Err(err) => return (StatusCode::BAD_REQUEST, format!("webhook refused: {err}")).into_response(),
    };
    let notice = match &event.data {
        EventData::CustomerSubscriptionUpdated(subscription) => match subscription.cancel_at {
            Some(at) => format!("Your subscription {} is scheduled to end at {at} (Unix time).", subscription.id),
            None => format!("Your subscription {} was updated.", subscription.id),
        },
        EventData::CustomerSubscriptionDeleted(subscription) => {
            format!("Your subscription {} has ended.", subscription.id)
        }
        _ => format!("Stripe sent {}.", event.id),
    };
    if let Ok(mut notices) = app.notices.lock() {
        notices.push(notice);
    }
    StatusCode::OK.into_response()
}

/// `GET /billing/done/{flow}`: where the portal sends the customer after a flow.
async fn done(Path(flow): Path<String>) -> Response {
    let message = match flow.as_str() {
        "payment_method_update" => "Your payment method is updated.",
        "subscription_cancel" => "Your cancellation is recorded.",
        "subscription_update" => "Your plan is updated.",
        _ => return (StatusCode::NOT_FOUND, "Unknown flow.").into_response(),
    };
    Html(format!("<!doctype html><title>Billing</title><p>{message}</p><p><a href=\"/\">Back to the app</a></p>"))
        .into_response()
}

/// `GET /`: the billing page, with what the webhooks said so far.
async fn home(State(app): State<Arc<AppState>>) -> Html<String> {
    let button = |action: &str, label: &str| {
        format!("<form method=\"post\" action=\"{action}\"><button type=\"submit\">{label}</button></form>")
    };
    let notices: String = app
        .notices
        .lock()
        .map(|notices| notices.iter().map(|notice| format!("<li>{}</li>", escape(notice))).collect())
        .unwrap_or_default();
    Html(format!(
        "<!doctype html><title>Billing</title><h1>Billing</h1>\
         <p>Signed in as <code>{customer}</code> (demo).</p>\
         {manage}{payment}{cancel}{update}\
         <h2>From Stripe's webhooks</h2><ul id=\"notices\">{notices}</ul>",
        customer = escape(&app.account.customer),
        manage = button("/create-customer-portal-session", "Manage billing"),
        payment = button("/portal/update-payment-method", "Update payment method"),
        cancel = button("/portal/cancel-subscription", "Cancel subscription"),
        update = button("/portal/update-subscription", "Change plan"),
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
