//! What only the `plangraph` command needs: its arguments ([`args`], clap), one function per
//! subcommand ([`commands`]), what it reads ([`inputs`], [`stdin`]) and which formats it writes
//! ([`formats`]), writing output files without losing what was there ([`output`]), progress and
//! notes on standard error ([`progress`], [`report`]), and how it ends ([`exit`]). The library
//! has none of these: it takes and returns values, and leaves files and terminals to its callers.

pub mod args;
pub mod commands;
pub mod credentials;
pub mod exit;
pub mod formats;
pub mod inputs;
pub mod named_params;
pub mod output;
pub mod progress;
pub mod report;
pub mod serve;
pub mod stdin;
