//! Reading a file into a [`Spec`], with every error located: file, line, column, field path.
//!
//! Reading has two steps. Decoding (TOML, or JSON for a `.json` file) refuses unknown keys,
//! unknown enum values, wrong types and bad URLs or ids. Checking then applies the rules that span
//! fields or entries (unique keys, at most one default, products, metadata) and the API's own
//! parameter rules, by building the update each entry stands for, so that nothing is sent to
//! Stripe before the whole file is valid.

use super::error::{ConfigError, FileError};
use super::spec::{ConfigurationSpec, ProductSpec, Spec};
use super::METADATA_KEY;
use std::collections::BTreeMap;
use std::path::Path;

/// The formats a file can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// TOML (the default).
    Toml,
    /// JSON, with the same structure (`{"configuration": [...]}`).
    Json,
}

impl Format {
    /// JSON for a `.json` file name, TOML otherwise.
    pub fn of(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Reads and checks the file at `path` (JSON when it ends in `.json`, TOML otherwise).
pub fn load(path: impl AsRef<Path>) -> Result<Spec, ConfigError> {
    let path = path.as_ref();
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| ConfigError::Io { path: name.clone(), source })?;
    let source = String::from_utf8(bytes).map_err(|err| {
        // Located at the first byte that is not UTF-8.
        let valid = std::str::from_utf8(&err.as_bytes()[..err.utf8_error().valid_up_to()]).unwrap_or_default();
        let located = Located { source: valid, format: Format::of(path), file: &name };
        located.at(String::new(), "invalid UTF-8: the file must be UTF-8 text".into(), Some(valid.len()))
    })?;
    parse(&source, Format::of(path), &name)
}

/// Decodes and checks `source`; `file` names it in errors.
pub fn parse(source: &str, format: Format, file: &str) -> Result<Spec, ConfigError> {
    let located = Located { source, format, file };
    let spec = match format {
        Format::Toml => decode_toml(&located)?,
        Format::Json => decode_json(&located)?,
    };
    check(&spec).map_err(|(field, message)| located.error(field, message))?;
    Ok(spec)
}

/// The source of a file, to turn a field path into a line and column.
struct Located<'a> {
    source: &'a str,
    format: Format,
    file: &'a str,
}

impl Located<'_> {
    fn at(&self, field: String, message: String, offset: Option<usize>) -> FileError {
        let (line, column) = match offset {
            Some(offset) => {
                let (line, column) = line_column(self.source, offset);
                (Some(line), Some(column))
            }
            None => (None, None),
        };
        FileError { file: self.file.to_owned(), line, column, field, message }
    }

    /// An error about `field`, located where the file writes it.
    fn error(&self, field: String, message: String) -> FileError {
        let offset = match self.format {
            Format::Toml => toml_span(self.source, &field).map(|s| s.start),
            Format::Json => json_offset(self.source, &field),
        };
        self.at(field, message, offset)
    }
}

fn decode_toml(located: &Located<'_>) -> Result<Spec, FileError> {
    let deserializer = toml::de::Deserializer::parse(located.source)
        .map_err(|err| located.at(String::new(), err.message().to_owned(), err.span().map(|s| s.start)))?;
    serde_path_to_error::deserialize(deserializer).map_err(|err| {
        let field = field_path(err.path());
        let inner = err.into_inner();
        // The error's own span, or the field's when that is more precise (an item of a list).
        let offset = match (inner.span(), toml_span(located.source, &field)) {
            (Some(outer), Some(inner)) if inner.start > outer.start && inner.end <= outer.end => Some(inner.start),
            (outer, inner) => outer.or(inner).map(|s| s.start),
        };
        located.at(field, inner.message().to_owned(), offset)
    })
}

fn decode_json(located: &Located<'_>) -> Result<Spec, FileError> {
    let mut deserializer = serde_json::Deserializer::from_str(located.source);
    let spec: Spec = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let field = field_path(err.path());
        json_error(located, field, err.inner())
    })?;
    deserializer.end().map_err(|err| json_error(located, String::new(), &err))?;
    Ok(spec)
}

fn json_error(located: &Located<'_>, field: String, err: &serde_json::Error) -> FileError {
    let mut message = err.to_string();
    // serde_json appends " at line L column C": the location has its own fields here.
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    if message.ends_with(&suffix) {
        message.truncate(message.len() - suffix.len());
    }
    let mut error = located.at(field, message, None);
    if err.line() > 0 {
        // serde_json counts the bytes read on the line (0 before the first): a column counts characters from 1.
        let line = located.source.split('\n').nth(err.line() - 1).unwrap_or_default();
        let column = line.get(..err.column()).map_or(err.column(), |read| read.chars().count());
        error.line = Some(err.line());
        error.column = Some(column.max(1));
    }
    error
}

/// `configuration[0].features.subscription_cancel.mode`; empty for the root.
fn field_path(path: &serde_path_to_error::Path) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            serde_path_to_error::Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            serde_path_to_error::Segment::Map { key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            serde_path_to_error::Segment::Enum { .. } | serde_path_to_error::Segment::Unknown => {}
        }
    }
    out
}

/// Line and column (from 1, column in characters) of byte `offset`.
fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let before = source.get(..offset).unwrap_or(source);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Where a TOML file writes `field` (`a.b[2].c`): the deepest part of the path found.
fn toml_span(source: &str, field: &str) -> Option<std::ops::Range<usize>> {
    let root = toml::de::DeTable::parse(source).ok()?;
    let mut span = root.span();
    let mut value = toml::de::DeValue::Table(root.into_inner());
    for part in field.split('.').filter(|p| !p.is_empty()) {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        let mut next = match value.get(name) {
            Some(found) => found.clone(),
            None => break,
        };
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            let Ok(index) = index.parse::<usize>() else { break };
            match next.get_ref().get(index) {
                Some(found) => next = found.clone(),
                None => break,
            }
        }
        span = next.span();
        value = next.into_inner();
    }
    Some(span)
}

/// Where a JSON file writes `field` (`a.b[2].c`): the start of the deepest part of the path found.
fn json_offset(source: &str, field: &str) -> Option<usize> {
    use serde_json::value::RawValue;
    let mut value: &RawValue = serde_json::from_str(source).ok()?;
    'path: for part in field.split('.').filter(|p| !p.is_empty()) {
        let (name, indexes) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        let fields = serde_json::from_str::<BTreeMap<String, &RawValue>>(value.get());
        let Some(found) = fields.ok().and_then(|fields| fields.get(name).copied()) else { break };
        value = found;
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            let items = serde_json::from_str::<Vec<&RawValue>>(value.get());
            let found = items.ok().zip(index.parse::<usize>().ok()).and_then(|(items, i)| items.get(i).copied());
            let Some(found) = found else { break 'path };
            value = found;
        }
    }
    // Every value read borrows from `source`.
    value.get().as_ptr().addr().checked_sub(source.as_ptr().addr())
}

/// Key characters: what survives a shell, a URL and a metadata value unchanged.
pub(crate) fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 100
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

type Problem = (String, String);

/// The rules beyond the types: unique keys and ids, one default, products, and the API's
/// parameter rules (metadata among them), as encoding the update each entry stands for applies them.
fn check(spec: &Spec) -> Result<(), Problem> {
    let mut keys = BTreeMap::new();
    let mut ids = BTreeMap::new();
    let mut default = None;
    for (i, entry) in spec.configurations.iter().enumerate() {
        let at = |field: &str| format!("configuration[{i}].{field}");
        if !valid_key(&entry.key) {
            return Err((at("key"), format!("{:?} must be 1 to 100 letters, digits, `-`, `_` or `.`", entry.key)));
        }
        if let Some(first) = keys.insert(entry.key.as_str(), i) {
            return Err((at("key"), format!("{:?} is already the key of configuration[{first}]", entry.key)));
        }
        if let Some(id) = &entry.id {
            if entry.default {
                return Err((
                    at("id"),
                    "cannot be combined with `default = true` (the default is found by `is_default`)".into(),
                ));
            }
            if let Some(first) = ids.insert(id.as_str(), i) {
                return Err((at("id"), format!("{id:?} is already adopted by configuration[{first}]")));
            }
        }
        if entry.default {
            if let Some(first) = default.replace(i) {
                return Err((
                    at("default"),
                    format!("only one configuration can be the default; configuration[{first}] already is"),
                ));
            }
        }
        check_entry(entry).map_err(|(field, message)| (at(&field), message))?;
    }
    Ok(())
}

fn check_entry(entry: &ConfigurationSpec) -> Result<(), Problem> {
    if entry.metadata.contains_key(METADATA_KEY) {
        return Err((
            format!("metadata.{METADATA_KEY}"),
            "is reserved: it holds the entry's `key`, which sets it".to_owned(),
        ));
    }
    if let Some(i) = entry.feedback_descriptions().iter().position(|d| d.trim().is_empty()) {
        return Err((
            format!("features.subscription_cancel.cancellation_reason.feedback_options[{i}]"),
            "must not be empty: a feedback option is named by its description".to_owned(),
        ));
    }
    if let Some(products) = entry.features.subscription_update.as_ref().and_then(|f| f.products.as_set()) {
        for (i, product) in products.iter().enumerate() {
            check_product(product)
                .map_err(|(field, message)| (format!("features.subscription_update.products[{i}].{field}"), message))?;
        }
    }
    // The API's own rules, on the update this entry stands for (creation adds its own, when planned).
    let (resolved, feedback) = super::params::with_placeholders(entry);
    super::params::update_params(&resolved, &feedback)
        .and_then(|params| crate::form::to_string(&params).map_err(crate::Error::from))
        .map(drop)
        .map_err(|err| api_problem(&err).unwrap_or_else(|| (String::new(), err.to_string())))
}

fn check_product(product: &ProductSpec) -> Result<(), Problem> {
    if product.prices.is_empty() && product.lookup_keys.is_empty() {
        return Err(("prices".into(), "needs at least one price, by id (`prices`) or by `lookup_keys`".into()));
    }
    if product.product.is_none() && !product.prices.is_empty() {
        return Err(("product".into(), "is required when prices are named by id".into()));
    }
    if let Some(i) = product.lookup_keys.iter().position(String::is_empty) {
        return Err((format!("lookup_keys[{i}]"), "must not be empty".into()));
    }
    // The product count and `adjustable_quantity` are the API types' own rules (below).
    Ok(())
}

/// An API parameter error as a file problem: `features[subscription_cancel][mode]` becomes
/// `features.subscription_cancel.mode`.
pub(crate) fn api_problem(err: &crate::Error) -> Option<Problem> {
    match err {
        crate::Error::InvalidParam { param, reason } => Some((dotted(param), reason.clone())),
        _ => None,
    }
}

/// `a[b][0][c]` → `a.b[0].c`.
pub(crate) fn dotted(param: &str) -> String {
    let mut out = String::with_capacity(param.len());
    for (i, part) in param.split('[').enumerate() {
        let part = part.trim_end_matches(']');
        if i == 0 {
            out.push_str(part);
        } else if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
            out.push_str(&format!("[{part}]"));
        } else {
            out.push('.');
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toml_error(source: &str) -> String {
        parse(source, Format::Toml, "portal.toml").unwrap_err().to_string()
    }

    const HEAD: &str = "[[configuration]]\nkey = \"gold\"\n";

    #[test]
    fn every_bad_file_names_file_line_column_and_field() {
        let product =
            "[[configuration.features.subscription_update.products]]\nproduct = \"prod_1\"\nprices = [\"price_1\"]\n";
        let eleven_products = product.repeat(11);
        let cases = [
            (
                "[configuration.features.subscription_cancel]\nenabled = true\nmode = \"later\"\n",
                "portal.toml:5:8: configuration[0].features.subscription_cancel.mode: unknown variant \"later\", expected at_period_end | immediately",
            ),
            ("colour = \"red\"\n", "portal.toml:3:1: configuration[0].colour: unknown field `colour`, expected one of "),
            (
                "default_return_url = \"example.com\"\n",
                "portal.toml:3:22: configuration[0].default_return_url: \"example.com\" is not an absolute URL (relative URL without a base)",
            ),
            (
                "features.customer_update = { enabled = true, allowed_updates = [\"email\", \"fax\"] }\n",
                "portal.toml:3:74: configuration[0].features.customer_update.allowed_updates[1]: unknown variant \"fax\", expected address | email | name | phone | shipping | tax_id",
            ),
            ("features.invoice_history = {}\n", "portal.toml:3:28: configuration[0].features.invoice_history: missing field `enabled`"),
            ("name = 3\n", "portal.toml:3:8: configuration[0].name: invalid type: integer `3`, expected a value, or \"\" / [] to clear"),
            ("name = \"a\"\nname = \"b\"\n", "portal.toml:4:1: duplicate key"),
            (
                "[[configuration]]\nkey = \"gold\"\n",
                "portal.toml:4:7: configuration[1].key: \"gold\" is already the key of configuration[0]",
            ),
            (
                "default = true\n[[configuration]]\nkey = \"b\"\ndefault = true\n",
                "portal.toml:6:11: configuration[1].default: only one configuration can be the default; configuration[0] already is",
            ),
            (
                "metadata = { stripe_portal_key = \"x\" }\n",
                "portal.toml:3:34: configuration[0].metadata.stripe_portal_key: is reserved: it holds the entry's `key`, which sets it",
            ),
            (
                "[[configuration.features.subscription_update.products]]\nprices = [\"price_1\"]\n",
                "portal.toml:3:1: configuration[0].features.subscription_update.products[0].product: is required when prices are named by id",
            ),
            (
                "features.subscription_cancel = { mode = \"at_period_end\", proration_behavior = \"create_prorations\" }\n",
                "portal.toml:3:79: configuration[0].features.subscription_cancel.proration_behavior: `create_prorations` needs `features[subscription_cancel][mode]=immediately`, not `at_period_end` (Stripe's default on create)",
            ),
            (
                "features.subscription_pause.duration = { type = \"interval_options\", interval_options = [{ interval = \"month\", interval_count = 40 }] }\n",
                "portal.toml:3:128: configuration[0].features.subscription_pause.duration.interval_options[0].interval_count: 40 months is longer than the three years a pause may last",
            ),
            ("id = \"cus_1\"\n", "portal.toml:3:6: configuration[0].id: \"cus_1\" is not a `bpc_…` id"),
            (
                "features.subscription_cancel.cancellation_reason = { enabled = true, feedback_options = [\"ok\", \" \"] }\n",
                "portal.toml:3:96: configuration[0].features.subscription_cancel.cancellation_reason.feedback_options[1]: must not be empty: a feedback option is named by its description",
            ),
            (&eleven_products, "portal.toml:3:1: configuration[0].features.subscription_update.products: has 11 products; Stripe accepts at most 10"),
            (
                "[[configuration.features.subscription_update.products]]\nproduct = \"prod_1\"\nprices = [\"price_1\"]\nadjustable_quantity = { enabled = true, minimum = 5, maximum = 2 }\n",
                "portal.toml:6:51: configuration[0].features.subscription_update.products[0].adjustable_quantity.minimum: 5 is larger than the maximum 2",
            ),
        ];
        for (tail, expected) in cases {
            let got = toml_error(&format!("{HEAD}{tail}"));
            assert!(got.starts_with(expected), "\n got: {got}\nwant: {expected}");
        }
        assert_eq!(toml_error("key = 1\n"), "portal.toml:1:1: key: unknown field `key`, expected `configuration`");
        assert_eq!(
            toml_error("[[configuration]]\nkey = \"a b\"\n"),
            "portal.toml:2:7: configuration[0].key: \"a b\" must be 1 to 100 letters, digits, `-`, `_` or `.`"
        );
    }

    #[test]
    fn every_enum_field_refuses_a_value_the_crate_does_not_list_and_names_those_it_does() {
        let cases = [
            ("features.customer_update = { allowed_updates = [\"bogus\"] }", "customer_update.allowed_updates[0]"),
            ("features.subscription_cancel = { mode = \"bogus\" }", "subscription_cancel.mode"),
            ("features.subscription_cancel = { proration_behavior = \"bogus\" }", "subscription_cancel.proration_behavior"),
            (
                "features.subscription_cancel.cancellation_reason = { enabled = true, options = [\"bogus\"] }",
                "subscription_cancel.cancellation_reason.options[0]",
            ),
            ("features.subscription_pause.duration = { type = \"bogus\" }", "subscription_pause.duration.type"),
            (
                "features.subscription_pause.duration = { type = \"interval_options\", interval_options = [{ interval = \"bogus\" }] }",
                "subscription_pause.duration.interval_options[0].interval",
            ),
            ("features.subscription_update = { billing_cycle_anchor = \"bogus\" }", "subscription_update.billing_cycle_anchor"),
            (
                "features.subscription_update = { default_allowed_updates = [\"bogus\"] }",
                "subscription_update.default_allowed_updates[0]",
            ),
            ("features.subscription_update = { proration_behavior = \"bogus\" }", "subscription_update.proration_behavior"),
            (
                "features.subscription_update = { trial_update_behavior = \"bogus\" }",
                "subscription_update.trial_update_behavior",
            ),
            (
                "features.subscription_update.schedule_at_period_end = { conditions = [{ type = \"bogus\" }] }",
                "subscription_update.schedule_at_period_end.conditions[0].type",
            ),
        ];
        for (line, field) in cases {
            let got = toml_error(&format!("{HEAD}{line}\n"));
            let named = format!(": configuration[0].features.{field}: unknown variant \"bogus\", expected ");
            assert!(got.starts_with("portal.toml:3:") && got.contains(&named) && !got.ends_with("expected "), "{got}");
        }
    }

    #[test]
    fn every_table_refuses_a_field_it_does_not_have_and_names_those_it_does() {
        let product = "product = \"prod_1\", prices = [\"price_1\"]";
        let cases = [
            ("business_profile = { bogus = 1 }".to_owned(), "business_profile.bogus"),
            ("login_page = { enabled = true, bogus = 1 }".to_owned(), "login_page.bogus"),
            ("features = { bogus = 1 }".to_owned(), "features.bogus"),
            ("features.customer_update = { bogus = 1 }".to_owned(), "features.customer_update.bogus"),
            ("features.invoice_history = { enabled = true, bogus = 1 }".to_owned(), "features.invoice_history.bogus"),
            (
                "features.payment_method_update = { enabled = true, bogus = 1 }".to_owned(),
                "features.payment_method_update.bogus",
            ),
            ("features.subscription_cancel = { bogus = 1 }".to_owned(), "features.subscription_cancel.bogus"),
            (
                "features.subscription_cancel.cancellation_reason = { enabled = true, bogus = 1 }".to_owned(),
                "features.subscription_cancel.cancellation_reason.bogus",
            ),
            ("features.subscription_pause = { bogus = 1 }".to_owned(), "features.subscription_pause.bogus"),
            (
                "features.subscription_pause.duration = { type = \"indefinite\", bogus = 1 }".to_owned(),
                "features.subscription_pause.duration.bogus",
            ),
            (
                "features.subscription_pause.duration = { type = \"interval_options\", interval_options = \
                 [{ interval = \"month\", bogus = 1 }] }"
                    .to_owned(),
                "features.subscription_pause.duration.interval_options[0].bogus",
            ),
            ("features.subscription_update = { bogus = 1 }".to_owned(), "features.subscription_update.bogus"),
            (
                format!("features.subscription_update.products = [{{ {product}, bogus = 1 }}]"),
                "features.subscription_update.products[0].bogus",
            ),
            (
                format!(
                    "features.subscription_update.products = [{{ {product}, adjustable_quantity = {{ enabled = true, bogus = 1 }} }}]"
                ),
                "features.subscription_update.products[0].adjustable_quantity.bogus",
            ),
            (
                "features.subscription_update.schedule_at_period_end = { bogus = 1 }".to_owned(),
                "features.subscription_update.schedule_at_period_end.bogus",
            ),
            (
                "features.subscription_update.schedule_at_period_end = { conditions = \
                 [{ type = \"shortening_interval\", bogus = 1 }] }"
                    .to_owned(),
                "features.subscription_update.schedule_at_period_end.conditions[0].bogus",
            ),
        ];
        for (line, field) in cases {
            let got = toml_error(&format!("{HEAD}{line}\n"));
            let named = format!(": configuration[0].{field}: unknown field `bogus`, expected ");
            assert!(got.starts_with("portal.toml:3:") && got.contains(&named) && got.ends_with('`'), "{got}");
        }
    }

    #[test]
    fn json_files_read_the_same_and_name_line_and_field() {
        let spec = parse(r#"{"configuration": [{"key": "gold", "name": ""}]}"#, Format::Json, "p.json").unwrap();
        assert_eq!(spec.configurations[0].name, crate::Emptyable::Clear);
        let err = parse(
            "{\"configuration\": [{\"key\": \"gold\",\n \"features\": {\"subscription_cancel\": {\"mode\": \"later\"}}}]}",
            Format::Json,
            "p.json",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.json:2:54: configuration[0].features.subscription_cancel.mode: unknown variant \"later\", expected at_period_end | immediately"
        );
        // A key written twice is refused, as TOML refuses it, not the last one kept.
        let err =
            parse(r#"{"configuration": [{"key": "a", "metadata": {"x": "1", "x": "2"}}]}"#, Format::Json, "p.json");
        assert_eq!(err.unwrap_err().to_string(), "p.json:1:64: configuration[0].metadata: duplicate key `x`");
        // Columns count characters from 1, as in TOML files.
        let err = parse("", Format::Json, "p.json").unwrap_err();
        assert_eq!(err.to_string(), "p.json:1:1: EOF while parsing a value");
        let err = parse(r#"{"configuration": [{"key": "a", "name": "é", "colour": 1}]}"#, Format::Json, "p.json");
        let err = err.unwrap_err().to_string();
        assert!(err.starts_with("p.json:1:53: configuration[0].colour: unknown field `colour`"), "{err}");
        // The rules beyond the types locate their field in JSON too.
        let err = parse(r#"{"configuration": [{"key": "a"}, {"key": "a"}]}"#, Format::Json, "p.json").unwrap_err();
        assert_eq!(err.to_string(), "p.json:1:42: configuration[1].key: \"a\" is already the key of configuration[0]");
        let err = parse(
            "{\"configuration\": [\n  {\"key\": \"gold\", \"metadata\": {\"stripe_portal_key\": \"x\"}}\n]}",
            Format::Json,
            "p.json",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "p.json:2:53: configuration[0].metadata.stripe_portal_key: is reserved: it holds the entry's `key`, which sets it"
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_names_where() {
        let path = std::env::temp_dir().join(format!("stripe-portal-not-utf8-{}.toml", std::process::id()));
        std::fs::write(&path, b"[[configuration]]\nkey = \"gold\"\nname = \"Caf\xe9\"\n").unwrap();
        let err = load(&path).unwrap_err();
        let _ = std::fs::remove_file(&path);
        assert_eq!(err.to_string(), format!("{}:3:12: invalid UTF-8: the file must be UTF-8 text", path.display()));
    }

    #[test]
    fn no_input_panics() {
        let nested = |open: &str, close: &str| format!("{}{}", open.repeat(100_000), close.repeat(100_000));
        let entries = |n: usize| (0..n).map(|i| format!("[[configuration]]\nkey = \"k{i}\"\n")).collect::<String>();
        let cases = [
            (String::new(), Format::Toml, "ok: 0"),
            (String::new(), Format::Json, "p:1:1: EOF while parsing a value"),
            (format!("{HEAD}metadata = {}\n", nested("[", "]")), Format::Toml, "p:3:92: cannot recurse further"),
            (format!("{HEAD}metadata = {}\n", nested("{a=", "}")), Format::Toml, "p:3:252: cannot recurse further"),
            (format!("{HEAD}metadata.{}x = \"\"\n", "a.".repeat(100_000)), Format::Toml, "p: recursion limit"),
            (
                format!("{{\"configuration\": {}}}", nested("[", "]")),
                Format::Json,
                "p:1:20: configuration[0][0]: invalid type: sequence",
            ),
            (format!("{{\"x\": {}}}", nested("[", "]")), Format::Json, "p:1:4: x: unknown field `x`"),
            (entries(5_000), Format::Toml, "ok: 5000"),
            (format!("{HEAD}name = \"{}\"\n", "n".repeat(1_000_000)), Format::Toml, "ok: 1"),
            (entries(2).replace("k1", "k0"), Format::Toml, "p:4:7: configuration[1].key: \"k0\" is already the key of"),
            (format!("{HEAD}metadata = {{ a = \"1\", a = \"2\" }}\n"), Format::Toml, "p:3:23: duplicate key"),
            ("{\"configuration\": [], \"configuration\": []}".into(), Format::Json, "p:1:37: duplicate field"),
        ];
        for (source, format, want) in cases {
            let got = match parse(&source, format, "p") {
                Ok(spec) => format!("ok: {}", spec.configurations.len()),
                Err(err) => err.to_string(),
            };
            assert!(got.starts_with(want), "{got}");
        }
    }

    #[test]
    fn the_example_file_is_valid() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/portal-config.toml");
        let spec = load(path).unwrap_or_else(|err| panic!("{err}"));
        let keys: Vec<&str> = spec.configurations.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(keys, ["default", "self-serve", "enterprise"]);
    }

    #[test]
    fn dotted_paths() {
        assert_eq!(dotted("features[subscription_cancel][mode]"), "features.subscription_cancel.mode");
        assert_eq!(
            dotted("features[subscription_update][products][1][prices][0]"),
            "features.subscription_update.products[1].prices[0]"
        );
        assert_eq!(dotted("name"), "name");
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_column("ab\ncdé\nx", 0), (1, 1));
        assert_eq!(line_column("ab\ncdé\nx", 3), (2, 1));
        assert_eq!(line_column("ab\ncdé\nx", 7), (2, 4));
        assert_eq!(line_column("ab\ncdé\nx", 8), (3, 1));
    }
}
