//! How the command ends: exit status 0 on success, 1 when the work failed (a file that cannot be
//! read, a text with no task), 2 for a usage error (clap's own and ours: an unknown format, a
//! missing parameter), 3 when `validate` ran and found violations. Every error is one line on
//! standard error, `plangraph: <input>: <message>`; a SPARQL syntax error adds the offending
//! line indented below it.

use plangraph::Error;

/// The work failed.
pub const FAILED: u8 = 1;
/// The command line asked for something that cannot be done as asked.
pub const USAGE: u8 = 2;
/// `validate` ran and the graph does not conform to the shapes.
pub const VIOLATIONS: u8 = 3;

/// Why the command stops without success.
#[derive(Debug)]
pub struct Failure {
    /// What to tell the user.
    pub error: Error,
    /// The exit status.
    pub code: u8,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            code: FAILED,
        }
    }
}

/// A usage error: the command line asked for something that cannot be done as asked.
pub fn usage(error: Error) -> Failure {
    Failure { error, code: USAGE }
}

/// What a command returns.
pub type Outcome = std::result::Result<(), Failure>;
