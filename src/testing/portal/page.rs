//! The portal page a session's URL serves: what the customer sees, with a form per action the
//! session's configuration and flow allow (plain HTML, no JavaScript).

use super::{active_flow, cancel_refusal, flow_actions, open_session, renew_refusal, resume_refusal, update_refusal};
use crate::testing::error::Result;
use crate::testing::resources::{payment_methods, subscription_changes, tax_ids, Ctx};
use serde_json::Value;

/// Escapes text for HTML.
fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn text(value: &Value) -> String {
    match value {
        Value::String(text) => esc(text),
        Value::Null => "—".to_owned(),
        other => esc(&other.to_string()),
    }
}

/// One form posting `action` with hidden `fields` and visible `inputs` (raw HTML).
fn form(token: &str, action: &str, label: &str, fields: &[(&str, &str)], inputs: &str) -> String {
    let hidden: String =
        fields.iter().map(|(k, v)| format!(r#"<input type="hidden" name="{}" value="{}">"#, esc(k), esc(v))).collect();
    format!(
        r#"<form method="post" action="/p/session/{token}/actions"><input type="hidden" name="action" value="{action}">{hidden}{inputs}<button type="submit">{label}</button></form>"#
    )
}

/// The portal page for a session: what the customer sees and a form per allowed action.
pub(crate) fn page(ctx: &mut Ctx<'_>, token: &str, confirmation: bool) -> Result<String> {
    let (session, configuration) = open_session(ctx, token)?;
    let flow = active_flow(ctx, token, &session);
    let features = &configuration["features"];
    let customer_id = session["customer"].as_str().unwrap_or_default();
    let customer = ctx.state.get("customer", customer_id).cloned().unwrap_or_default();
    let allowed = |action: &str| {
        flow.as_ref().is_none_or(|flow| flow_actions(flow["type"].as_str().unwrap_or_default()).contains(&action))
    };
    let mut body = String::new();
    body.push_str(&format!(
        "<h1>Billing portal</h1><p>Signed in as <b>{}</b> ({})</p>",
        text(&customer["email"]),
        esc(customer_id)
    ));
    if let Some(url) = session["return_url"].as_str().or(configuration["default_return_url"].as_str()) {
        body.push_str(&format!(r#"<p><a id="return" href="{}">Return to the site</a></p>"#, esc(url)));
    }
    if confirmation {
        let message =
            session["flow"]["after_completion"]["hosted_confirmation"]["custom_message"].as_str().unwrap_or("Done.");
        body.push_str(&format!(r#"<p id="confirmation">{}</p>"#, esc(message)));
    }
    if let Some(flow) = &flow {
        body.push_str(&format!(r#"<p id="flow">Flow: {}</p>"#, text(&flow["type"])));
    }
    body.push_str("<h2>Subscriptions</h2>");
    let subscriptions: Vec<Value> =
        ctx.state.all("subscription").into_iter().filter(|s| s["customer"] == customer_id).cloned().collect();
    for subscription in &subscriptions {
        let id = subscription["id"].as_str().unwrap_or_default();
        let item = &subscription["items"]["data"][0];
        body.push_str(&format!(
            r#"<section class="subscription" id="{id}"><h3>{id}</h3><p>Status: {} · price {} × {} · cancel at {}</p>"#,
            text(&subscription["status"]),
            text(&item["price"]["id"]),
            text(&item["quantity"]),
            text(&subscription["cancel_at"])
        ));
        let fields = [("subscription", id)];
        if allowed("cancel_subscription")
            && features["subscription_cancel"]["enabled"] == true
            && cancel_refusal(subscription).is_none()
        {
            let mut inputs = String::new();
            if features["subscription_cancel"]["cancellation_reason"]["enabled"] == true {
                let options: String = features["subscription_cancel"]["cancellation_reason"]["options"]
                    .as_array()
                    .map(|list| list.iter().map(|o| format!(r#"<option value="{0}">{0}</option>"#, text(o))).collect())
                    .unwrap_or_default();
                inputs = format!(
                    r#"<select name="reason"><option value="">(no reason)</option>{options}</select><input name="comment" placeholder="Other reason">"#
                );
            }
            body.push_str(&form(token, "cancel_subscription", "Cancel subscription", &fields, &inputs));
        }
        if allowed("renew_subscription") && renew_refusal(subscription).is_none() {
            body.push_str(&form(token, "renew_subscription", "Renew subscription", &fields, ""));
        }
        if allowed("update_subscription")
            && features["subscription_update"]["enabled"] == true
            && update_refusal(subscription).is_none()
        {
            let prices: String = features["subscription_update"]["products"]
                .as_array()
                .map(|products| {
                    products
                        .iter()
                        .flat_map(|p| p["prices"].as_array().cloned().unwrap_or_default())
                        .map(|p| format!(r#"<option value="{0}">{0}</option>"#, text(&p)))
                        .collect()
                })
                .unwrap_or_default();
            let inputs = format!(
                r#"<select name="price"><option value="">(same price)</option>{prices}</select><input name="quantity" type="number" min="1" placeholder="quantity">"#
            );
            body.push_str(&form(token, "update_subscription", "Update subscription", &fields, &inputs));
        }
        if allowed("pause_subscription")
            && features["subscription_pause"]["enabled"] == true
            && subscription_changes::pause_refusal(subscription).is_none()
        {
            let options: String = features["subscription_pause"]["duration"]["interval_options"]
                .as_array()
                .map(|list| list.iter().map(|o| format!(r#"<label><input type="radio" name="interval" value="{}">{} {}</label><input type="hidden" name="interval_count" value="{}">"#, text(&o["interval"]), text(&o["interval_count"]), text(&o["interval"]), text(&o["interval_count"]))).collect())
                .unwrap_or_default();
            body.push_str(&form(token, "pause_subscription", "Pause subscription", &fields, &options));
        }
        if allowed("resume_subscription") && resume_refusal(subscription).is_none() {
            body.push_str(&form(token, "resume_subscription", "Resume subscription", &fields, ""));
        }
        if allowed("accept_retention_offer")
            && flow.as_ref().is_some_and(|f| f["subscription_cancel"]["retention"].is_object())
        {
            body.push_str(&form(token, "accept_retention_offer", "Accept the offer", &fields, ""));
        }
        body.push_str("</section>");
    }
    if features["payment_method_update"]["enabled"] == true && allowed("update_payment_method") {
        body.push_str("<h2>Payment methods</h2><ul>");
        for pm in payment_methods::of_customer(ctx, customer_id) {
            let id = pm["id"].as_str().unwrap_or_default();
            let default = if customer["invoice_settings"]["default_payment_method"] == id { " (default)" } else { "" };
            body.push_str(&format!(
                "<li>{} •••• {}{default}{}</li>",
                text(&pm["card"]["brand"]),
                text(&pm["card"]["last4"]),
                form(token, "remove_payment_method", "Remove", &[("payment_method", id)], "")
            ));
        }
        body.push_str("</ul>");
        body.push_str(&form(
            token,
            "update_payment_method",
            "Add and make default",
            &[],
            r#"<input name="payment_method" value="pm_card_visa">"#,
        ));
    }
    if features["customer_update"]["enabled"] == true && allowed("update_customer") {
        body.push_str("<h2>Billing information</h2>");
        let inputs: String = ["email", "name", "phone"]
            .iter()
            .filter(|f| {
                features["customer_update"]["allowed_updates"].as_array().is_some_and(|l| l.iter().any(|v| v == **f))
            })
            .map(|f| {
                format!(
                    r#"<label>{f} <input name="{f}" value="{}"></label>"#,
                    customer[*f].as_str().map(esc).unwrap_or_default()
                )
            })
            .collect();
        body.push_str(&form(token, "update_customer", "Save", &[], &inputs));
        if features["customer_update"]["allowed_updates"].as_array().is_some_and(|l| l.iter().any(|v| v == "tax_id")) {
            body.push_str("<ul>");
            for tax_id in tax_ids::of_customer(ctx, customer_id) {
                let id = tax_id["id"].as_str().unwrap_or_default();
                body.push_str(&format!(
                    "<li>{} {}{}</li>",
                    text(&tax_id["type"]),
                    text(&tax_id["value"]),
                    form(token, "update_customer", "Remove", &[("remove_tax_id", id)], "")
                ));
            }
            body.push_str("</ul>");
            body.push_str(&form(token, "update_customer", "Add tax id", &[], r#"<input name="tax_id[type]" placeholder="eu_vat"><input name="tax_id[value]" placeholder="DE123456789">"#));
        }
    }
    if features["invoice_history"]["enabled"] == true && flow.is_none() {
        body.push_str("<h2>Invoice history</h2><p>The fake keeps no invoice history.</p>");
    }
    Ok(format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Billing portal (fake)</title></head><body>{body}</body></html>"
    ))
}
