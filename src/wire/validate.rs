//! Checks shared by the params types; each error names the parameter by its bracketed path.

use crate::Error;

/// `value` must not be empty.
///
/// `param` is only written out for the error, so a name built with `format_args!` costs nothing
/// when the value is valid.
pub(crate) fn non_empty(param: impl std::fmt::Display, value: &str) -> Result<(), Error> {
    if value.is_empty() {
        return Err(Error::invalid_param(param.to_string(), "must not be empty"));
    }
    Ok(())
}

/// `value` must be an absolute `http` or `https` URL with a host.
pub(crate) fn http_url(param: &str, value: &str) -> Result<(), Error> {
    let url = url::Url::parse(value)
        .map_err(|err| Error::invalid_param(param, format!("{value:?} is not an absolute URL ({err})")))?;
    if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
        return Err(Error::invalid_param(param, format!("{value:?} must be an http or https URL")));
    }
    Ok(())
}

/// Every entry of an `expand` list must name a field.
pub(crate) fn expand(expand: &[String]) -> Result<(), Error> {
    for (i, field) in expand.iter().enumerate() {
        non_empty(format_args!("expand[{i}]"), field)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(http_url("u", "https://example.com/account").is_ok());
        assert!(http_url("u", "http://localhost:3000/billing").is_ok());
        for bad in ["", "example.com", "/account", "javascript:alert(1)", "mailto:a@b.c", "ftp://x.y"] {
            let err = http_url("return_url", bad).unwrap_err();
            assert!(err.to_string().starts_with("invalid parameter `return_url`"), "{err}");
        }
    }
}
