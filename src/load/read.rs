//! What is at each path the loader looks at, and reading it: nothing there (fine for an
//! optional file), a regular file (read), or anything else, which becomes a [`Problem`]
//! naming the reason. One place decides this for every path, so that nothing is
//! skipped silently and nothing hangs: a FIFO is refused by its type before it is
//! opened, and opened without blocking should it appear in between; a device (a link
//! to `/dev/zero`) is refused by its type, never read.

use crate::i18n::{Text, msg};
use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The largest data file wg reads: 1 GiB, some 3 million tasks (100,000 tasks are
/// 33 MB). Past it a file is refused by its size rather than read until memory runs
/// out; a regular file's size is known before it is read.
pub const MAX_FILE: u64 = 1 << 30;

/// What a path should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    File,
    Directory,
}

/// What a path is, as far as the loader cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    File,
    Directory,
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl Kind {
    fn of(meta: &Metadata) -> Kind {
        let t = meta.file_type();
        if t.is_file() {
            return Kind::File;
        }
        if t.is_dir() {
            return Kind::Directory;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if t.is_fifo() {
                return Kind::Fifo;
            }
            if t.is_char_device() {
                return Kind::CharDevice;
            }
            if t.is_block_device() {
                return Kind::BlockDevice;
            }
            if t.is_socket() {
                return Kind::Socket;
            }
        }
        Kind::Other
    }

    fn name(self) -> Text {
        match self {
            Kind::File => msg::kind_a_file(),
            Kind::Directory => msg::a_directory(),
            Kind::Fifo => msg::kind_a_fifo(),
            Kind::CharDevice => msg::a_character_device(),
            Kind::BlockDevice => msg::a_block_device(),
            Kind::Socket => msg::a_socket(),
            Kind::Other => msg::kind_other(),
        }
    }

    fn is(self, expect: Expect) -> bool {
        matches!(
            (self, expect),
            (Kind::File, Expect::File) | (Kind::Directory, Expect::Directory)
        )
    }
}

/// Why a path cannot be used.
#[derive(Debug)]
pub enum Problem {
    /// Nothing is there (a problem only where something is required).
    Missing,
    /// A symlink to nothing: its target as the link says it.
    Dangling(PathBuf),
    /// A symlink that leads back to itself, or a chain of them too long to follow.
    Loop,
    /// Something is there, but not what belongs here; `via` is the symlink's target
    /// when the path is a link.
    Kind {
        kind: Kind,
        via: Option<PathBuf>,
    },
    PermissionDenied,
    /// A regular file over [`MAX_FILE`] bytes.
    TooBig(u64),
    /// A regular file that grew while it was read.
    Grew,
    Other(io::Error),
}

impl Problem {
    fn from_io(err: io::Error) -> Problem {
        #[cfg(unix)]
        if err.raw_os_error() == Some(libc::ELOOP) {
            return Problem::Loop;
        }
        match err.kind() {
            io::ErrorKind::PermissionDenied => Problem::PermissionDenied,
            io::ErrorKind::NotFound => Problem::Missing,
            _ => Problem::Other(err),
        }
    }

    /// What is wrong, to follow the path: "tasks.toml is a FIFO (named pipe), not a
    /// regular file".
    pub fn what(&self, expect: Expect) -> Text {
        match self {
            Problem::Missing => msg::is_missing(),
            Problem::Dangling(to) => msg::is_a_dangling_symlink(&to.display().to_string()),
            Problem::Loop => msg::is_a_symlink_loop(),
            Problem::Kind { kind, via } => {
                let not = match (kind, expect) {
                    (Kind::Directory, Expect::File) => msg::not_a_file(),
                    (_, Expect::File) => msg::not_a_regular_file_either(),
                    (_, Expect::Directory) => msg::not_a_directory(),
                };
                match via {
                    Some(to) => msg::is_a_symlink_to(&to.display().to_string(), &kind.name(), &not),
                    None => msg::is_a_kind(&kind.name(), &not),
                }
            }
            Problem::PermissionDenied => msg::permission_denied(),
            Problem::TooBig(len) => msg::too_big(len.div_ceil(1 << 20), MAX_FILE >> 20),
            Problem::Grew => msg::grew_while_read(),
            Problem::Other(err) => msg::cannot_be_read(&msg::io_error(err)),
        }
    }

    /// What to do about it.
    pub fn help(&self, expect: Expect) -> Text {
        match (self, expect) {
            (Problem::Missing, _) => msg::check_the_path(),
            (Problem::Dangling(_), _) => msg::dangling_help(),
            (Problem::Loop, _) => msg::loop_help(),
            (
                Problem::Kind {
                    kind: Kind::Directory,
                    ..
                },
                Expect::File,
            ) => msg::a_file_belongs_here(),
            (Problem::Kind { .. }, Expect::File) => msg::only_regular_files(),
            (Problem::Kind { .. }, Expect::Directory) => msg::a_directory_belongs_here(),
            (Problem::PermissionDenied, Expect::File) => msg::give_read_access(),
            (Problem::PermissionDenied, Expect::Directory) => msg::give_directory_access(),
            (Problem::TooBig(_), _) => msg::too_big_help(),
            (Problem::Grew, _) => msg::grew_help(),
            (Problem::Other(_), _) => msg::check_the_disk(),
        }
    }
}

/// Whether nothing at all is at `path` (not even a dangling symlink). Anything else,
/// even what cannot be looked at, is there to be reported.
pub fn absent(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err_and(|e| e.kind() == io::ErrorKind::NotFound)
}

/// What is at `path`, following symlinks: `None` when nothing is there; a dangling
/// symlink or a loop is a problem, not an absence.
fn probe(path: &Path) -> Result<Option<(Kind, Option<PathBuf>)>, Problem> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Problem::from_io(e)),
    };
    if !meta.file_type().is_symlink() {
        return Ok(Some((Kind::of(&meta), None)));
    }
    let to = std::fs::read_link(path).unwrap_or_default();
    match std::fs::metadata(path) {
        Ok(meta) => Ok(Some((Kind::of(&meta), Some(to)))),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Err(Problem::Dangling(to))
        }
        Err(e) => Err(Problem::from_io(e)),
    }
}

/// What is at `path` if it should be an `expect`: `Ok(false)` when nothing is there.
pub fn check(path: &Path, expect: Expect) -> Result<bool, Problem> {
    match probe(path)? {
        None => Ok(false),
        Some((kind, _)) if kind.is(expect) => Ok(true),
        Some((kind, via)) => Err(Problem::Kind { kind, via }),
    }
}

/// The entries of the directory at `path`; `None` when nothing is there.
pub fn list_dir(path: &Path) -> Result<Option<std::fs::ReadDir>, Problem> {
    if !check(path, Expect::Directory)? {
        return Ok(None);
    }
    std::fs::read_dir(path).map(Some).map_err(Problem::from_io)
}

/// The bytes of the regular file at `path` (or a symlink to one). Anything else is
/// refused by its type before it is opened; the type is checked again on the open
/// file, in case the path changed in between, and the open never blocks (a FIFO would
/// wait for a writer) nor makes a terminal wg's own.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    // A file that grew while it was read is read again: an editor or another program
    // appending to it at that moment (a regular file's size is known again at once).
    // One that keeps growing, or that is never the size it says (`/proc` files), is an
    // error after a few tries.
    let mut tries = 0;
    loop {
        match read_once(path) {
            Err(Problem::Grew) if tries < 4 => tries += 1,
            read => return read,
        }
    }
}

fn read_once(path: &Path) -> Result<Vec<u8>, Problem> {
    let via = match probe(path)? {
        None => return Err(Problem::Missing),
        Some((Kind::File, _)) => None,
        Some((kind, via)) => return Err(Problem::Kind { kind, via }),
    };
    let file = open(path).map_err(Problem::from_io)?;
    let meta = file.metadata().map_err(Problem::from_io)?;
    match Kind::of(&meta) {
        Kind::File => {}
        kind => return Err(Problem::Kind { kind, via }),
    }
    let len = meta.len();
    if len > MAX_FILE {
        return Err(Problem::TooBig(len));
    }
    if let Some(bytes) = read_big(&file, len) {
        return Ok(bytes);
    }
    // At most one byte past the size found: a file that grows without end is not read
    // without end.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    (&file)
        .take(len.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Problem::from_io)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > len) {
        return Err(Problem::Grew);
    }
    Ok(bytes)
}

/// Opens for reading without blocking: on a regular file O_NONBLOCK changes nothing.
pub fn open(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// A file of some megabytes read in two halves at once, one on another thread: copying
/// it from the page cache and faulting in the new buffer took 17 ms of a 33 MB tasks
/// file on one core. `None` for a small file or on any trouble, to be read the
/// ordinary way (which also gives the ordinary error).
fn read_big(file: &File, len: u64) -> Option<Vec<u8>> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        const BIG: u64 = 4 << 20;
        if len < BIG {
            return None;
        }
        if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
            return None;
        }
        let size = usize::try_from(len).ok()?;
        let mut buf = vec![0u8; size];
        let (first, second) = buf.split_at_mut(size / 2);
        let half = u64::try_from(first.len()).ok()?;
        let read = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .spawn_scoped(scope, || file.read_exact_at(second, half))
                .ok()?;
            let mine = file.read_exact_at(first, 0);
            (mine.is_ok() && other.join().is_ok_and(|r| r.is_ok())).then_some(())
        });
        // The file must not have grown meanwhile.
        let mut probe = [0u8; 1];
        if read.is_some() && file.read_at(&mut probe, len).ok()? == 0 {
            return Some(buf);
        }
        None
    }
    #[cfg(not(unix))]
    {
        let _ = (file, len);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absent_path_is_nothing_but_a_dangling_link_is_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("gone.toml");
        assert!(absent(&gone));
        assert!(matches!(check(&gone, Expect::File), Ok(false)));
        let link = dir.path().join("link.toml");
        std::os::unix::fs::symlink("gone.toml", &link).unwrap();
        assert!(!absent(&link));
        let err = read_file(&link).unwrap_err();
        assert_eq!(
            err.what(Expect::File).en(),
            "is a dangling symlink to gone.toml"
        );
    }

    #[test]
    fn a_symlink_loop_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.toml");
        std::os::unix::fs::symlink("b.toml", &a).unwrap();
        std::os::unix::fs::symlink("a.toml", dir.path().join("b.toml")).unwrap();
        assert!(matches!(read_file(&a), Err(Problem::Loop)));
    }

    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("tasks.toml");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let err = read_file(&fifo).unwrap_err();
        assert_eq!(
            err.what(Expect::File).en(),
            "is a FIFO (named pipe), not a regular file"
        );
        // Opened as the check on the open file does, it does not block either.
        let file = open(&fifo).unwrap();
        assert_eq!(Kind::of(&file.metadata().unwrap()), Kind::Fifo);
    }

    #[test]
    fn a_link_to_a_device_is_refused_by_its_type() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_file(&link).unwrap_err();
        assert_eq!(
            err.what(Expect::File).en(),
            "is a symlink to /dev/zero, which is a character device, not a regular file"
        );
    }

    /// Tests run as root, whom chmod 000 does not stop: the mapping of the error is
    /// what can be checked everywhere (the catalogue runs the real thing as `nobody`
    /// where it can).
    #[test]
    fn permission_denied_is_named_as_such() {
        let err = io::Error::from_raw_os_error(libc::EACCES);
        let problem = Problem::from_io(err);
        assert_eq!(
            problem.what(Expect::Directory).en(),
            "cannot be read: permission denied"
        );
        let err = io::Error::from_raw_os_error(libc::ELOOP);
        assert!(matches!(Problem::from_io(err), Problem::Loop));
    }

    #[test]
    fn a_file_where_a_directory_belongs_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let tasks = dir.path().join("tasks");
        std::fs::write(&tasks, "").unwrap();
        let err = list_dir(&tasks).unwrap_err();
        assert_eq!(
            err.what(Expect::Directory).en(),
            "is a file, not a directory"
        );
        assert!(list_dir(&dir.path().join("none")).unwrap().is_none());
    }

    #[test]
    fn a_regular_file_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("org.toml");
        let text = "[org]\nname = \"O\"\n".repeat(1000);
        std::fs::write(&path, &text).unwrap();
        assert_eq!(read_file(&path).unwrap(), text.as_bytes());
        std::fs::write(&path, "").unwrap();
        assert_eq!(read_file(&path).unwrap(), b"");
    }

    /// Refused by its size, without reading it (the file is sparse: nothing is written).
    #[test]
    fn a_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tasks.toml");
        File::create(&path).unwrap().set_len(3 << 30).unwrap();
        let err = read_file(&path).unwrap_err();
        assert_eq!(
            err.what(Expect::File).en(),
            "is 3072 MiB; wg reads data files of at most 1024 MiB"
        );
    }
}
