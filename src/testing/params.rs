//! Request parameters: bracketed form pairs decoded into nested JSON, checked against the
//! parameters an endpoint accepts, and read with Stripe's errors.
//!
//! `a[b][0][c]=v` becomes `{"a":{"b":[{"c":"v"}]}}`; `a[]=x` appends to a list. Every leaf stays a
//! string: the accessors parse booleans and integers and name the bracketed key when they cannot.

use super::error::{Result, StripeError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// One node of the decoded tree before lists are recognised.
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>, Vec<String>),
}

/// The decoded parameters of one request.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params {
    root: Value,
}

/// Splits `a[b][c]` into `["a","b","c"]`; `None` when the brackets do not pair up.
fn split_key(key: &str) -> Option<Vec<String>> {
    let (head, mut rest) = match key.find('[') {
        Some(at) => (&key[..at], &key[at..]),
        None => (key, ""),
    };
    if head.is_empty() {
        return None;
    }
    let mut parts = vec![head.to_owned()];
    while !rest.is_empty() {
        let inner = rest.strip_prefix('[')?;
        let close = inner.find(']')?;
        let segment = &inner[..close];
        if segment.contains('[') {
            return None;
        }
        parts.push(segment.to_owned());
        rest = &inner[close + 1..];
    }
    Some(parts)
}

/// The key with every list index (`[0]`, `[]`) spelled `[N]`: how accepted parameters are listed.
pub(crate) fn normalize_key(key: &str) -> String {
    match split_key(key) {
        Some(parts) => {
            let mut out = parts[0].clone();
            for part in &parts[1..] {
                if part.is_empty() || part.bytes().all(|b| b.is_ascii_digit()) {
                    out.push_str("[N]");
                } else {
                    out.push('[');
                    out.push_str(part);
                    out.push(']');
                }
            }
            out
        }
        None => key.to_owned(),
    }
}

fn bracketed(parts: &[String]) -> String {
    let mut out = parts[0].clone();
    for part in &parts[1..] {
        out.push('[');
        out.push_str(part);
        out.push(']');
    }
    out
}

impl Params {
    /// Decodes form pairs. Fails with Stripe's `Invalid …` error when a key is malformed or
    /// used both as a value and as an object.
    pub(crate) fn decode(pairs: &[(String, String)]) -> Result<Self> {
        let mut root = Node::Branch(BTreeMap::new(), Vec::new());
        for (key, value) in pairs {
            let parts = split_key(key)
                .ok_or_else(|| StripeError::invalid(Some(key), format!("Invalid parameter name: {key}")))?;
            insert(&mut root, &parts, 0, value.clone()).map_err(|at| {
                let param = bracketed(&parts[..at.min(parts.len() - 1) + 1]);
                StripeError::invalid(
                    Some(&param),
                    format!("Invalid value for {param}: it is given both as a value and as an object"),
                )
            })?;
        }
        Ok(Params { root: into_value(root) })
    }

    /// The decoded tree as JSON (an object).
    #[cfg(test)]
    pub(crate) fn json(&self) -> &Value {
        &self.root
    }

    /// A sub-tree's parameters, e.g. `features` of a configuration.
    pub(crate) fn get(&self, path: &str) -> Option<&Value> {
        let mut at = &self.root;
        for part in split_key(path)? {
            at = match at {
                Value::Object(map) => map.get(&part)?,
                Value::Array(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(at)
    }

    /// Whether the parameter was sent at all.
    pub(crate) fn has(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// A string parameter (a value given as an object is refused).
    pub(crate) fn str(&self, path: &str) -> Result<Option<&str>> {
        match self.get(path) {
            None => Ok(None),
            Some(Value::String(text)) => Ok(Some(text)),
            Some(_) => {
                Err(StripeError::invalid(Some(path), format!("Invalid string: {path} must be a string, not an object")))
            }
        }
    }

    /// A string parameter that must be present and not empty.
    pub(crate) fn required_str(&self, path: &str) -> Result<&str> {
        match self.str(path)? {
            Some(text) if !text.is_empty() => Ok(text),
            _ => Err(StripeError::missing(path)),
        }
    }

    /// A string parameter that, when present, must be one of `allowed`.
    pub(crate) fn enum_str(&self, path: &str, allowed: &[&str]) -> Result<Option<&str>> {
        match self.str(path)? {
            None => Ok(None),
            Some(value) if allowed.contains(&value) => Ok(Some(value)),
            Some(value) => Err(StripeError::invalid(
                Some(path),
                format!("Invalid {path}: must be one of {} (got '{value}')", allowed.join(", ")),
            )),
        }
    }

    /// A boolean parameter: `true` or `false`.
    pub(crate) fn bool(&self, path: &str) -> Result<Option<bool>> {
        match self.str(path)? {
            None => Ok(None),
            Some("true") => Ok(Some(true)),
            Some("false") => Ok(Some(false)),
            Some(other) => Err(StripeError::invalid(Some(path), format!("Invalid boolean: {other}"))),
        }
    }

    /// An integer parameter; `""` counts as absent when `emptyable`.
    pub(crate) fn int(&self, path: &str) -> Result<Option<i64>> {
        match self.str(path)? {
            None => Ok(None),
            Some(text) => text
                .parse::<i64>()
                .map(Some)
                .map_err(|_| StripeError::invalid(Some(path), format!("Invalid integer: {text}"))),
        }
    }

    /// A list parameter's items (`a[0]=…&a[1]=…`); `a=` is the empty list.
    pub(crate) fn list(&self, path: &str) -> Result<Option<Vec<Value>>> {
        match self.get(path) {
            None => Ok(None),
            Some(Value::String(text)) if text.is_empty() => Ok(Some(Vec::new())),
            Some(Value::Array(items)) => Ok(Some(items.clone())),
            Some(_) => Err(StripeError::invalid(Some(path), format!("Invalid array: {path} must be a list"))),
        }
    }

    /// A list of strings.
    pub(crate) fn str_list(&self, path: &str) -> Result<Option<Vec<String>>> {
        let Some(items) = self.list(path)? else { return Ok(None) };
        items
            .into_iter()
            .enumerate()
            .map(|(index, item)| match item {
                Value::String(text) => Ok(text),
                _ => Err(StripeError::invalid(Some(&format!("{path}[{index}]")), "Invalid string: must be a string")),
            })
            .collect::<Result<Vec<_>>>()
            .map(Some)
    }

    /// The `expand[]` paths.
    pub(crate) fn expand(&self) -> Result<Vec<String>> {
        Ok(self.str_list("expand")?.unwrap_or_default())
    }

    /// Refuses any parameter not in `accepted` (`[N]` stands for a list index, `x[*]` for any key
    /// under `x`), with Stripe's `Received unknown parameter: …` naming the shortest unknown key.
    /// `expand[N]` is always accepted. A key that is the parent of accepted ones may be sent as
    /// `""` (Stripe's way of emptying a list or object).
    pub(crate) fn check_known<S: AsRef<str>>(pairs: &[(String, String)], accepted: &[S]) -> Result<()> {
        let accepted: Vec<&str> = accepted.iter().map(AsRef::as_ref).collect();
        for (key, value) in pairs {
            let normalized = normalize_key(key);
            if normalized == "expand[N]" || accepted.iter().any(|pattern| matches(pattern, &normalized)) {
                continue;
            }
            if value.is_empty() && accepted.iter().any(|pattern| pattern.starts_with(&format!("{normalized}["))) {
                continue;
            }
            let parts = split_key(key).unwrap_or_else(|| vec![key.clone()]);
            let mut unknown = key.clone();
            for end in 1..=parts.len() {
                let prefix = normalize_key(&bracketed(&parts[..end]));
                let known = accepted.iter().any(|pattern| {
                    matches(pattern, &prefix) || pattern.starts_with(&format!("{prefix}[")) || pattern == &"expand[N]"
                });
                if !known {
                    unknown = bracketed(&parts[..end]);
                    break;
                }
            }
            return Err(StripeError::invalid(Some(&unknown), format!("Received unknown parameter: {unknown}"))
                .code("parameter_unknown"));
        }
        Ok(())
    }
}

fn matches(pattern: &str, key: &str) -> bool {
    match pattern.strip_suffix("[*]") {
        Some(parent) => key
            .strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('[') && rest.ends_with(']') && !rest[1..].contains('[')),
        None => pattern == key,
    }
}

/// Inserts `value` at `parts[at..]`; `Err(depth)` when a value and an object collide there.
fn insert(node: &mut Node, parts: &[String], at: usize, value: String) -> std::result::Result<(), usize> {
    // A value where an object is needed: the collision is at the key that holds the value.
    let Node::Branch(children, appended) = node else { return Err(at.saturating_sub(1)) };
    let Some(part) = parts.get(at) else { return Err(at) };
    let part = if part.is_empty() {
        // `a[]`: the next index of this list.
        let next = children.len();
        appended.push(next.to_string());
        next.to_string()
    } else {
        part.clone()
    };
    if at + 1 == parts.len() {
        if children.contains_key(&part) {
            // A repeated scalar key: the last one wins, as in Stripe's parser.
            match children.get(&part) {
                Some(Node::Leaf(_)) => {}
                _ => return Err(at),
            }
        }
        children.insert(part, Node::Leaf(value));
        return Ok(());
    }
    let child = children.entry(part).or_insert_with(|| Node::Branch(BTreeMap::new(), Vec::new()));
    insert(child, parts, at + 1, value)
}

fn into_value(node: Node) -> Value {
    match node {
        Node::Leaf(text) => Value::String(text),
        Node::Branch(children, _) => {
            let all_indices = !children.is_empty()
                && children.keys().all(|k| !k.is_empty() && k.len() < 10 && k.bytes().all(|b| b.is_ascii_digit()));
            if all_indices {
                let mut indexed: Vec<(usize, Value)> = children
                    .into_iter()
                    .map(|(k, v)| (k.parse::<usize>().unwrap_or(usize::MAX), into_value(v)))
                    .collect();
                indexed.sort_by_key(|(index, _)| *index);
                Value::Array(indexed.into_iter().map(|(_, v)| v).collect())
            } else {
                Value::Object(children.into_iter().map(|(k, v)| (k, into_value(v))).collect::<Map<_, _>>())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn brackets_become_nested_json() {
        let params = Params::decode(&pairs(&[
            ("flow_data[type]", "subscription_update_confirm"),
            ("flow_data[subscription_update_confirm][items][0][id]", "si_1"),
            ("flow_data[subscription_update_confirm][items][1][id]", "si_2"),
            ("expand[]", "a"),
            ("expand[]", "b"),
        ]))
        .unwrap();
        assert_eq!(
            params.json(),
            &serde_json::json!({
                "flow_data": {"type": "subscription_update_confirm",
                    "subscription_update_confirm": {"items": [{"id": "si_1"}, {"id": "si_2"}]}},
                "expand": ["a", "b"]
            })
        );
        assert_eq!(params.str("flow_data[subscription_update_confirm][items][1][id]").unwrap(), Some("si_2"));
    }

    #[test]
    fn collisions_and_bad_keys_are_errors() {
        let error = Params::decode(&pairs(&[("a", "1"), ("a[b]", "2")])).unwrap_err();
        assert_eq!(error.param.as_deref(), Some("a"));
        assert!(Params::decode(&pairs(&[("a[b", "1")])).is_err());
        assert!(Params::decode(&pairs(&[("[x]", "1")])).is_err());
    }

    #[test]
    fn unknown_parameters_name_the_shortest_unknown_key() {
        let accepted = ["features[customer_update][enabled]", "metadata[*]"];
        let ok = pairs(&[("features[customer_update][enabled]", "true"), ("metadata[x]", "1"), ("expand[0]", "y")]);
        assert!(Params::check_known(&ok, &accepted).is_ok());
        let error = Params::check_known(&pairs(&[("features[nope][x]", "1")]), &accepted).unwrap_err();
        assert_eq!(error.message, "Received unknown parameter: features[nope]");
        assert_eq!(error.code, Some("parameter_unknown"));
    }
}
