//! Creates one portal session and shows it: the request as a masked `curl` command, then the
//! portal URL Stripe (or the mock) answered with.

use std::io::Write;
use stripe_billing_portal::sessions::{Session, SessionCreateParams};
use stripe_billing_portal::Client;

/// Any error, boxed, for the examples.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Previews, sends and prints the session created from `params` under `title`.
pub async fn create_and_show(
    client: &Client,
    title: &str,
    params: SessionCreateParams,
    out: &mut impl Write,
) -> Result<Session, BoxError> {
    let call = client.sessions().create(params);
    writeln!(out, "\n== {title}\n{}", call.preview()?.curl())?;
    let session = call.send().await?;
    let flow = session.flow.as_ref().map_or("none".to_owned(), |flow| flow.kind.flow_type().to_string());
    writeln!(out, "-> portal URL: {}  (session {}, flow: {flow})", session.url, session.id)?;
    Ok(session)
}
