//! A billing backend as Stripe's customer-portal guide describes it, on axum.
//!
//! ```sh
//! cargo run --example portal_backend        # then open http://localhost:4242
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
//! | `POST /portal/confirm-price-change` (form: `price`, optional `coupon`) | `subscription_update_confirm` |
//!
//! "Signed in" is a demo here: every visitor is the customer of [`DemoIds`] (`cus_demo_newcomer`
//! unless `STRIPE_CUSTOMER_ID` says otherwise). A real app takes the customer id from its own login
//! session, never from the request. By default the backend talks to an embedded mock of Stripe;
//! `STRIPE_SECRET_KEY` (and optionally `STRIPE_API_BASE`) switch to Stripe, `PORT` (default 4242)
//! sets the port and `APP_BASE_URL` (default `http://localhost:PORT`) the URL the portal links
//! back to. See `examples/support/connect.rs` for every variable.

#[path = "support/connect.rs"]
pub mod connect;
#[path = "support/mock_stripe.rs"]
pub mod mock_stripe;

use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use connect::{DemoIds, Target};
use serde::Deserialize;
use std::sync::Arc;
use stripe_billing_portal::sessions::{
    AfterCompletion, FlowData, SessionCreateParams, SubscriptionUpdateConfirm, SubscriptionUpdateConfirmItem,
};
use stripe_billing_portal::{Client, Error};

/// The port Stripe's guide uses.
pub const DEFAULT_PORT: u16 = 4242;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let target = Target::from_env();
    println!("{}", target.describe());
    let (client, _mock) = target.connect().await?;
    let port = match connect::var("PORT") {
        Some(port) => port.parse().map_err(|_| format!("PORT={port:?} is not a port number"))?,
        None => DEFAULT_PORT,
    };
    let app_base_url = connect::var("APP_BASE_URL").unwrap_or_else(|| format!("http://localhost:{port}"));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("Open {app_base_url} and click \"Manage billing\".");
    axum::serve(listener, app(client, app_base_url, DemoIds::from_env())).await?;
    Ok(())
}

struct AppState {
    client: Client,
    /// Where the app is reachable, without a trailing slash: `http://localhost:4242`.
    app_base_url: String,
    /// The signed-in customer and their subscription.
    account: DemoIds,
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

/// The app's routes. `app_base_url` is where the app is reachable from the customer's browser;
/// `account` is the signed-in customer.
pub fn app(client: Client, app_base_url: String, account: DemoIds) -> Router {
    let app_base_url = app_base_url.trim_end_matches('/').to_owned();
    Router::new()
        .route("/", get(home))
        .route("/create-customer-portal-session", post(create_customer_portal_session))
        .route("/portal/update-payment-method", post(update_payment_method))
        .route("/portal/cancel-subscription", post(cancel_subscription))
        .route("/portal/update-subscription", post(update_subscription))
        .route("/portal/confirm-price-change", post(confirm_price_change))
        .route("/billing/done/{flow}", get(done))
        .with_state(Arc::new(AppState { client, app_base_url, account }))
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

/// The price-change form: the new price, and a coupon to apply with it (blank for none).
#[derive(Debug, Deserialize)]
pub struct PriceChange {
    /// `price_…`.
    pub price: String,
    /// A coupon id, or blank.
    #[serde(default)]
    pub coupon: Option<String>,
}

/// `POST /portal/confirm-price-change`.
async fn confirm_price_change(State(app): State<Arc<AppState>>, Form(change): Form<PriceChange>) -> Response {
    let item = SubscriptionUpdateConfirmItem::new_price(app.account.subscription_item.as_str(), change.price);
    let mut confirm = SubscriptionUpdateConfirm::new(app.account.subscription.as_str(), item);
    if let Some(coupon) = change.coupon.filter(|coupon| !coupon.trim().is_empty()) {
        confirm = confirm.coupon(coupon);
    }
    let flow = FlowData::new(confirm).after_completion(app.back_after("subscription_update_confirm"));
    open_portal(&app, app.session().flow_data(flow)).await
}

/// `GET /billing/done/{flow}`: where the portal sends the customer after a flow.
async fn done(Path(flow): Path<String>) -> Response {
    let message = match flow.as_str() {
        "payment_method_update" => "Your payment method is updated.",
        "subscription_cancel" => "Your subscription is canceled.",
        "subscription_update" => "Your plan is updated.",
        "subscription_update_confirm" => "Your price change is confirmed.",
        _ => return (StatusCode::NOT_FOUND, "Unknown flow.").into_response(),
    };
    Html(format!("<!doctype html><title>Billing</title><p>{message}</p><p><a href=\"/\">Back to the app</a></p>"))
        .into_response()
}

/// `GET /`: the billing page.
async fn home(State(app): State<Arc<AppState>>) -> Html<String> {
    let account = &app.account;
    let button = |action: &str, label: &str| {
        format!("<form method=\"post\" action=\"{action}\"><button type=\"submit\">{label}</button></form>")
    };
    Html(format!(
        "<!doctype html><title>Billing</title><h1>Billing</h1>\
         <p>Signed in as <code>{customer}</code> (demo).</p>\
         {manage}{payment}{cancel}{update}\
         <form method=\"post\" action=\"/portal/confirm-price-change\">\
         <label>New price <input name=\"price\" value=\"{price}\"></label> \
         <label>Coupon <input name=\"coupon\" value=\"{coupon}\"></label> \
         <button type=\"submit\">Confirm a price change</button></form>",
        customer = escape(&account.customer),
        manage = button("/create-customer-portal-session", "Manage billing"),
        payment = button("/portal/update-payment-method", "Update payment method"),
        cancel = button("/portal/cancel-subscription", "Cancel subscription"),
        update = button("/portal/update-subscription", "Change plan"),
        price = escape(&account.price),
        coupon = escape(&account.coupon),
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
