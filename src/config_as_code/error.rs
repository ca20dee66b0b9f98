//! [`ConfigError`]: what can go wrong reading a file, planning or applying it.

use std::fmt;

/// The error of loading, planning, applying and exporting configurations.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a valid configuration file: where, and why.
    #[error("{0}")]
    File(Box<FileError>),
    /// The file is valid, but cannot be planned against this account (no default configuration,
    /// an unknown lookup key, two configurations carrying one key, …).
    #[error("{0}")]
    Plan(String),
    /// Stripe (or the connection to it) failed.
    #[error(transparent)]
    Stripe(#[from] crate::Error),
}

impl From<FileError> for ConfigError {
    fn from(error: FileError) -> Self {
        ConfigError::File(Box::new(error))
    }
}

/// A bad file: the file, the line and column when known, the field's path, and what is wrong.
///
/// Displayed as `portal.toml:12:8: configuration[0].features.subscription_cancel.mode: unknown
/// variant "later", expected at_period_end | immediately`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct FileError {
    /// The file name as given.
    pub file: String,
    /// The line (from 1), when known.
    pub line: Option<usize>,
    /// The column (from 1, in characters), when known.
    pub column: Option<usize>,
    /// The field's path, such as `configuration[0].features.subscription_cancel.mode`; empty for
    /// the file as a whole.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        f.write_str(": ")?;
        if !self.field.is_empty() {
            write!(f, "{}: ", self.field)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for FileError {}
