//! Progress for long loads, on standard error: a bar on a terminal, a plain line per item
//! otherwise, nothing when quiet.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

/// Progress over a known number of items.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    done: std::cell::Cell<u64>,
}

impl Progress {
    /// Progress over `total` items; `quiet` silences it.
    pub fn new(total: u64, quiet: bool) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let bar = (!quiet && terminal).then(|| {
            let bar = ProgressBar::new(total);
            if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}") {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            plain: !quiet && !terminal,
            total,
            done: std::cell::Cell::new(0),
        }
    }

    /// One more item done.
    pub fn advance(&self, item: &str) {
        self.done.set(self.done.get() + 1);
        if let Some(bar) = &self.bar {
            bar.set_message(item.to_string());
            bar.inc(1);
        } else if self.plain {
            eprintln!("[{}/{}] {item}", self.done.get(), self.total);
        }
    }

    /// All done; `summary` closes the output.
    pub fn finish(&self, summary: &str) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
        if self.bar.is_some() || self.plain {
            eprintln!("{summary}");
        }
    }
}
