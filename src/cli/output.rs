//! Writing results where the user said, without losing what was there:
//! - standard output for none or `-`;
//! - a regular file (or a symlink to one, whose target is written) is replaced atomically: the
//!   bytes go to a temporary file beside it, which takes the old file's permissions (a new one
//!   gets the umask's), and is renamed over it, so a failure never leaves half a file;
//! - anything else — a character device (`/dev/stdout` on a terminal), a FIFO, a process
//!   substitution or another `/dev/fd/N` — is opened and written directly, never replaced.

use plangraph::{Error, Result};
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` (`-` or `None` for standard output).
pub fn write_output(path: Option<&Path>, bytes: &[u8]) -> Result<()> {
    write_output_with(path, |out| out.write_all(bytes))
}

/// Writes what `write` writes to `path` (`-` or `None` for standard output), as it comes: for
/// output larger than memory. A regular file is still replaced atomically, and a failure of
/// `write` leaves no file.
pub fn write_output_with(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    match path {
        None => write_stdout(write),
        Some(p) if p.as_os_str() == "-" => write_stdout(write),
        Some(p) => write_path(p, write),
    }
}

fn write_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut stdout).and_then(|()| stdout.flush()) {
        // A closed pipe (`plangraph parse | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other.map_err(|e| Error::new("<stdout>", format!("cannot write: {e}"))),
    }
}

fn write_path(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let name = path.display().to_string();
    let fail = |e: std::io::Error| Error::new(&name, format!("cannot write: {e}"));
    // Devices and descriptors (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`) are the caller's
    // streams, whatever they point at: written where they stand, never replaced.
    let descriptor = path.starts_with("/dev/") || path.starts_with("/proc/self/fd");
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(Error::new(&name, "is a directory")),
        Ok(meta) if meta.is_file() && !descriptor => {
            let target = fs::canonicalize(path).map_err(fail)?;
            replace_atomically(&target, write, Some(meta.permissions())).map_err(fail)
        }
        Ok(_) => write_directly(path, write).map_err(fail),
        Err(e) if e.kind() == ErrorKind::NotFound => {
            replace_atomically(&dangling_target(path), write, None).map_err(fail)
        }
        Err(e) => Err(fail(e)),
    }
}

/// Where a new file goes: `path`, or for a symlink to a file not yet there, its target.
fn dangling_target(path: &Path) -> PathBuf {
    match fs::read_link(path) {
        Ok(target) if target.is_absolute() => target,
        Ok(target) => path.parent().unwrap_or(Path::new(".")).join(target),
        Err(_) => path.to_path_buf(),
    }
}

fn write_directly(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    // Appending: a descriptor the shell opened on a file (`>> log`, or `>` which truncated it
    // already) is written after what it holds, not over its start.
    let mut stream = std::io::BufWriter::new(OpenOptions::new().append(true).open(path)?);
    match write(&mut stream).and_then(|()| stream.flush()) {
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Writes to a new file beside `target` and renames it over `target`. The new file gets
/// `permissions` (an existing file's), or the process's umask for a new one.
fn replace_atomically(
    target: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    permissions: Option<Permissions>,
) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let file_name = target.file_name().unwrap_or_default().to_string_lossy();
    let (temporary, file) = new_file_beside(dir, &file_name)?;
    let written = (|| {
        let mut buffered = std::io::BufWriter::new(file);
        write(&mut buffered)?;
        let file = buffered.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        if let Some(permissions) = permissions {
            file.set_permissions(permissions)?;
        }
        drop(file);
        fs::rename(&temporary, target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// A new file in `dir` that no one else has, created with the umask's permissions.
fn new_file_beside(dir: &Path, name: &str) -> std::io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for attempt in 0..100u32 {
        let path = dir.join(format!(".{name}.plangraph-{pid}-{attempt}"));
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(e) if e.kind() == ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::new(
        ErrorKind::AlreadyExists,
        "no free temporary name",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("plangraph-output-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn files_are_replaced_whole_keeping_their_mode_and_nothing_is_left_on_failure() {
        let dir = scratch("files");
        let target = dir.join("out.json");
        write_path(&target, |out| out.write_all(b"{}")).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"{}");
        fs::set_permissions(&target, Permissions::from_mode(0o644)).unwrap();
        write_path(&target, |out| out.write_all(b"[]")).unwrap();
        assert_eq!(fs::read(&target).unwrap(), b"[]");
        let mode = fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o644, "the old file's mode is kept");
        let error = write_path(&dir.join("no/such/dir/out.json"), |out| {
            out.write_all(b"{}")
        })
        .unwrap_err();
        assert!(!error.to_string().contains(".plangraph-"), "{error}");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "only the finished file"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_symlink_has_its_target_written() {
        let dir = scratch("symlink");
        let target = dir.join("real.ttl");
        fs::write(&target, "old").unwrap();
        let link = dir.join("link.ttl");
        symlink(&target, &link).unwrap();
        write_path(&link, |out| out.write_all(b"new")).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&target).unwrap(), b"new");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_fifo_is_written_not_replaced() {
        let dir = scratch("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write_path(&fifo, |out| out.write_all(b"through the pipe")).unwrap();
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert!(!fs::metadata(&fifo).unwrap().is_file(), "still a FIFO");
        fs::remove_dir_all(dir).unwrap();
    }
}
