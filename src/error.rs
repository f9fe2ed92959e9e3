//! The one error type of the library: every failure names the input it concerns and, where it
//! can, the line and column, so the CLI can print it as a single line.

use crate::text::Location;
use std::fmt;

/// An error from any stage of the pipeline.
#[derive(Debug)]
pub struct Error {
    /// The input (file path, `<stdin>`, or a registry file) the error concerns.
    pub input: String,
    /// Line and column inside the input, where it applies.
    pub location: Option<Location>,
    /// What went wrong, as one line of text.
    pub message: String,
}

impl Error {
    /// An error about `input` with no particular position.
    pub fn new(input: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            input: input.into(),
            location: None,
            message: message.into(),
        }
    }

    /// An error at a line and column of `input`.
    pub fn at(input: impl Into<String>, location: Location, message: impl Into<String>) -> Self {
        Self {
            input: input.into(),
            location: Some(location),
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some(Location { line, column }) => {
                write!(f, "{}:{}:{}: {}", self.input, line, column, self.message)
            }
            None => write!(f, "{}: {}", self.input, self.message),
        }
    }
}

impl std::error::Error for Error {}

/// Result type of the library.
pub type Result<T> = std::result::Result<T, Error>;
