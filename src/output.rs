//! Where a command's output goes when it is given `--out PATH`: one function, [`write`],
//! for every writer (iCalendar today; docx and xlsx next), so that every `--out` obeys
//! the same rules (README, "Writing to a file: --out"):
//!
//! - `-` is standard output;
//! - a path that is wg's own standard output (`/dev/stdout`, `/proc/self/fd/1`, or the
//!   file that stdout is redirected to) gets the bytes through stdout, so `>>` appends;
//! - a regular file, or a symlink to one, is replaced atomically: written beside its
//!   target, fsynced and renamed over it (as edits do), so a reader sees the old file or
//!   the new one. The target keeps its mode and owner, and a symlink stays a link;
//! - a path that does not exist is created the same way, with the ordinary mode of a new
//!   file (0666 less the umask: 0644 under umask 022). Its directory must exist;
//! - a FIFO or a character device (`/dev/null`, a terminal, `/dev/full`) is written to
//!   as it is, never replaced; a write that fails (`/dev/full`: no space left on device)
//!   is an error. A FIFO waits for a reader, as the shell's `>` does, and a reader that
//!   stops early ends the write quietly, as a closed stdout does;
//! - anything else (a directory, a block device, a socket, a symlink to nothing) is
//!   refused with a message naming the path, and nothing is written.
//!
//! Between the look at PATH and the write, another program could put something else
//! there; wg checks again what it opened, but a rename cannot be made conditional.

use crate::i18n::{Text, msg};
use crate::{Because, Error, Failed};
use std::fs::{FileType, Metadata};
use std::io::{ErrorKind, Write};
use std::path::Path;

/// Writes `bytes` to `path` by the rules of this module; `-` (and a path that is wg's
/// own stdout) goes to `stdout`, where the command's standard output goes.
pub fn write(path: &Path, bytes: &[u8], stdout: &mut dyn Write) -> Result<(), Error> {
    if path.as_os_str() == "-" {
        stdout.write_all(bytes)?;
        return Ok(());
    }
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == ErrorKind::NotFound => return create(path, bytes),
        Err(e) => {
            return Err(Error::Other(Failed::wrap(
                msg::cannot_write(&path.display().to_string()),
                e,
            )));
        }
    };
    if is_own_stdout(&meta) {
        stdout.write_all(bytes)?;
        return Ok(());
    }
    let kind = meta.file_type();
    if kind.is_file() {
        replace(path, bytes)
    } else if let Some(what) = device(kind) {
        write_device(path, what, bytes)
    } else {
        Err(Error::Usage(msg::out_refused(
            &path.display().to_string(),
            &kind_name(kind),
            kind.is_dir(),
        )))
    }
}

/// Whether `path` is where [`write`] sends to standard output: `-`, or a path that is
/// wg's own stdout. A writer of binary output asks, to refuse a terminal.
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-" || std::fs::metadata(path).is_ok_and(|meta| is_own_stdout(&meta))
}

/// Whether `path` is a terminal device (`/dev/tty`, `/dev/pts/3`): a character device
/// that says it is a terminal when opened. Nothing else is opened (a FIFO would wait).
pub fn is_terminal_device(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::io::IsTerminal;
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|meta| meta.file_type().is_char_device())
            && std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .is_ok_and(|f| f.is_terminal())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// A new file: created beside, then renamed into place, with the ordinary mode.
fn create(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    // `x/` names a directory (one that does not exist): never a file called x.
    let raw = path.as_os_str().as_encoded_bytes();
    if raw.is_empty() || raw.ends_with(b"/") || path.file_name().is_none() {
        return Err(Error::Usage(msg::out_not_a_file_name(
            &path.display().to_string(),
        )));
    }
    if let Ok(link) = std::fs::read_link(path) {
        return Err(Error::Usage(msg::out_dangling_link(
            &path.display().to_string(),
            &link.display().to_string(),
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::Usage(msg::out_no_directory(
            &path.display().to_string(),
            &dir.display().to_string(),
        )));
    }
    atomic_write(path, bytes)
}

/// A regular file, or a symlink to one: its target is replaced, keeping its mode.
fn replace(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let target = path
        .canonicalize()
        .because(|| msg::cannot_resolve(&path.display().to_string()))?;
    atomic_write(&target, bytes)
}

/// Writes beside `path`, fsyncs, renames over it and fsyncs the directory. An existing
/// file's mode and owner are copied (`path` is never a symlink here: the callers
/// resolve it); a new file gets 0666 less the umask.
fn atomic_write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    // Past a file-size limit the write fails (EFBIG) and the temporary file is removed,
    // as on a full disk, instead of SIGXFSZ killing wg and leaving it behind.
    crate::edit::os::ignore_file_size_signal();
    let shown = path.display().to_string();
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(path)
        .because(|| msg::out_no_temporary_file(&shown))?;
    file.write_all(bytes)
        .because(|| msg::cannot_write(&shown))?;
    file.commit().because(|| msg::cannot_write(&shown))?;
    Ok(())
}

/// A FIFO or a character device: written to as it is, never replaced.
fn write_device(path: &Path, what: Text, bytes: &[u8]) -> Result<(), Error> {
    let shown = path.display().to_string();
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .because(|| msg::cannot_open_for_writing(&shown, &what))?;
    // What was opened is what was looked at: never write into the start of a regular
    // file that took the device's place in between (that would not truncate it).
    let opened = file.metadata().because(|| msg::cannot_write(&shown))?;
    if device(opened.file_type()).is_none() {
        return Err(Error::Other(Failed::error(msg::changed_while_opening(
            &shown,
        ))));
    }
    match file.write_all(bytes).and_then(|()| file.flush()) {
        Ok(()) => Ok(()),
        // The reader of a FIFO went away: as with a closed stdout, wg ends quietly.
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::Other(Failed::wrap(
            msg::cannot_write_to(&shown, &what),
            e,
        ))),
    }
}

/// "a FIFO" or "a character device" for the kinds written to directly.
fn device(kind: FileType) -> Option<Text> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(msg::a_fifo());
        }
        if kind.is_char_device() {
            return Some(msg::a_character_device());
        }
    }
    let _ = kind;
    None
}

/// What a refused kind of file is called in the message.
fn kind_name(kind: FileType) -> Text {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() {
            return msg::a_block_device();
        }
        if kind.is_socket() {
            return msg::a_socket();
        }
    }
    if kind.is_dir() {
        msg::a_directory()
    } else {
        msg::not_a_regular_file()
    }
}

/// Whether `meta` is the file wg's standard output is (the same device and inode).
fn is_own_stdout(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
            return false;
        };
        std::fs::File::from(fd)
            .metadata()
            .is_ok_and(|own| own.dev() == meta.dev() && own.ino() == meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}
