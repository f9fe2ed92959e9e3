//! Writing results: to standard output, or to a file through a temporary file in the same
//! directory that is renamed into place, so a failure never leaves half a file behind.

use plangraph::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` (`-` or `None` for standard output).
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match path {
        None => write_stdout(bytes),
        Some(p) if p.as_os_str() == "-" => write_stdout(bytes),
        Some(p) => write_atomically(p, bytes),
    }
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        // A closed pipe (`plangraph parse | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::new("<stdout>", format!("cannot write: {e}"))),
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it to `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path.display().to_string();
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let fail = |e: std::io::Error| Error::new(&name, format!("cannot write: {e}"));
    let mut file = tempfile::Builder::new()
        .prefix(".plangraph-")
        .tempfile_in(dir)
        .map_err(fail)?;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .map_err(fail)?;
    file.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_whole_files_and_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        write_atomically(&target, b"{}").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"{}");
        let missing_dir = dir.path().join("no/such/dir/out.json");
        assert!(write_atomically(&missing_dir, b"{}").is_err());
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(entries, 1, "only the finished file is left");
    }
}
