//! Notes on standard error for `-v`: what was read and written, with counts.

use crate::cli::args::Cli;

/// Prints `note` on standard error when the user asked for more (`-v`).
pub fn note(cli: &Cli, note: &str) {
    if cli.verbose {
        eprintln!("plangraph: {note}");
    }
}
