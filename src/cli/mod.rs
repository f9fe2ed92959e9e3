//! What only the `plangraph` command needs: its arguments ([`args`], clap), writing output files
//! ([`output`]) and progress on standard error ([`progress`]). The library has none of these:
//! it takes and returns values, and leaves files and terminals to its callers.

pub mod args;
pub mod output;
pub mod progress;
