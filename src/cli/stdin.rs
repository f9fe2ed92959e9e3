//! Whether standard input holds data for us: a pipe, a file or a socket does (`cat plan.txt |
//! plangraph parse`); a terminal or `/dev/null` (a character device) does not, and then the
//! command works on the bundled plan.

use std::os::unix::fs::FileTypeExt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a command has read standard input for something else (the query).
static TAKEN: AtomicBool = AtomicBool::new(false);

/// Records that standard input was read for something other than a plan.
pub fn take() {
    TAKEN.store(true, Ordering::Relaxed);
}

/// Whether standard input is a pipe, a regular file or a socket, not yet read.
pub fn has_data() -> bool {
    if TAKEN.load(Ordering::Relaxed) {
        return false;
    }
    match std::fs::metadata("/dev/stdin") {
        Ok(meta) => {
            let kind = meta.file_type();
            kind.is_fifo() || kind.is_file() || kind.is_socket()
        }
        Err(_) => false,
    }
}
