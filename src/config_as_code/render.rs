//! Plans and apply reports as text for people, and plans as JSON for programs.

use super::apply::ApplyReport;
use super::plan::{Action, FieldChange, Plan};
use serde_json::Value;
use std::fmt::Write as _;

/// A value as the plan shows it: JSON, `(unset)` for nothing.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "(unset)".to_owned(),
        other => other.to_string(),
    }
}

fn change_line(action: Action, change: &FieldChange) -> String {
    match action {
        Action::Create => format!("  + {} = {}", change.path, shown(&change.new)),
        _ if change.is_clear() => format!("  - {}: {} → clear", change.path, shown(&change.old)),
        _ => format!("  ~ {}: {} → {}", change.path, shown(&change.old), shown(&change.new)),
    }
}

/// The plan as text: one block per configuration, one line per changed field, and a summary.
pub fn plan_text(plan: &Plan) -> String {
    let mut out = String::new();
    for description in &plan.create_feedback_options {
        let _ = writeln!(out, "feedback option {description:?}: create");
    }
    for configuration in &plan.configurations {
        let action = match configuration.action {
            Action::Create => "create",
            Action::Update => "update",
            Action::NoChanges => "no changes",
            Action::Deactivate => "deactivate",
        };
        let default = if configuration.default { " [default]" } else { "" };
        let id = configuration.id.as_deref().map(|id| format!(" ({id})")).unwrap_or_default();
        let _ = writeln!(out, "configuration {:?}{id}{default}: {action}", configuration.key);
        if configuration.action != Action::Deactivate {
            for change in &configuration.changes {
                let _ = writeln!(out, "{}", change_line(configuration.action, change));
            }
        }
    }
    let (create, update, same, deactivate) = plan.counts();
    if plan.has_changes() {
        let _ =
            write!(out, "Plan: {create} to create, {update} to update, {deactivate} to deactivate, {same} unchanged");
        if !plan.create_feedback_options.is_empty() {
            let _ = write!(out, "; {} feedback option(s) to create", plan.create_feedback_options.len());
        }
        out.push_str(".\n");
    } else {
        let _ = writeln!(out, "No changes: {same} configuration(s) match the file.");
    }
    out
}

/// The plan as JSON: `{"has_changes": …, "create_feedback_options": […], "configurations": […]}`.
pub fn plan_json(plan: &Plan) -> String {
    let mut value = serde_json::to_value(plan).unwrap_or(Value::Null);
    if let Value::Object(map) = &mut value {
        map.insert("has_changes".into(), Value::Bool(plan.has_changes()));
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// What `apply` did, as text: applied, failed, not applied.
pub fn report_text(report: &ApplyReport) -> String {
    let mut out = String::new();
    for applied in &report.applied {
        let _ = writeln!(out, "applied: {} → {}", applied.change, applied.id);
    }
    if let Some((change, error)) = &report.failed {
        let _ = writeln!(out, "FAILED: {change}: {error}");
        for change in &report.not_applied {
            let _ = writeln!(out, "not applied: {change}");
        }
    }
    if report.applied.is_empty() && report.failed.is_none() {
        out.push_str("Nothing to apply.\n");
    }
    out
}

/// The apply report as JSON: `{"applied": [{change, id}], "failed": {change, error} | null, "not_applied": […]}`.
pub fn report_json(report: &ApplyReport) -> String {
    let failed = report
        .failed
        .as_ref()
        .map(|(change, error)| serde_json::json!({ "change": change, "error": error.to_string() }));
    let value = serde_json::json!({
        "applied": report.applied,
        "failed": failed,
        "not_applied": report.not_applied,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
