//! Progress for long loads, on standard error: a bar on a terminal, a plain line per item
//! otherwise, nothing when quiet.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Progress over a known number of items.
pub struct Progress {
    bar: Option<ProgressBar>,
    plain: bool,
    total: u64,
    done: AtomicU64,
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
            done: AtomicU64::new(0),
        }
    }

    /// One more item done (from any thread).
    pub fn advance(&self, item: &str) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if let Some(bar) = &self.bar {
            bar.set_message(item.to_string());
            bar.inc(1);
        } else if self.plain {
            eprintln!("[{done}/{}] {item}", self.total);
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
