//! Writing a user's file whole or not at all: the CLI's `config export --out` and the fake's
//! `--state` file go through [`write`], so a failure partway (a full disk, a killed process) never
//! leaves a truncated file in place of a good one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Replaces the file at `path` with `bytes`: they go to a new temporary file in the same
/// directory (so the rename is atomic), which is renamed over `path` once complete; on failure the
/// temporary is removed. `path` then holds either its old content or all of `bytes`.
///
/// A symbolic link is followed (the file it points to is replaced, the link kept), and an existing
/// file's permissions carry over to its replacement, as when writing into the file in place.
pub(crate) fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace(path, |file| file.write_all(bytes))
}

/// [`write`], with the content written by `fill`.
fn replace(path: &Path, fill: impl FnOnce(&mut File) -> io::Result<()>) -> io::Result<()> {
    let target = match fs::symlink_metadata(path) {
        Ok(metadata) if metadata.file_type().is_symlink() => fs::canonicalize(path)?,
        _ => path.to_owned(),
    };
    let (temporary, mut file) = create_temporary(&target)?;
    let written = (|| {
        if let Ok(metadata) = fs::metadata(&target) {
            if metadata.is_file() {
                file.set_permissions(metadata.permissions())?;
            }
        }
        fill(&mut file)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&temporary, &target)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Creates a file next to `target` that no one else is using: `.NAME.PID-N.tmp`, where N counts
/// the temporaries this process made (a leftover from a killed process is skipped, never reused).
fn create_temporary(target: &Path) -> io::Result<(PathBuf, File)> {
    static MADE: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path does not name a file"))?
        .to_string_lossy();
    let mut attempts = 0;
    loop {
        let n = MADE.fetch_add(1, Ordering::Relaxed);
        let temporary = target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temporary) {
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => attempts += 1,
            opened => return opened.map(|file| (temporary, file)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A directory of its own for each test, removed at the end.
    fn directory(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("stripe-portal-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Asserts that `dir` holds just `names` (a temporary left behind would show), then removes it.
    fn holds_only(dir: &Path, names: &[&str]) {
        let mut found: Vec<String> =
            fs::read_dir(dir).unwrap().map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect();
        found.sort();
        assert_eq!(found, names);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_new_or_existing_file_gets_exactly_the_bytes_and_no_temporary_stays() {
        let dir = directory("replace");
        let path = dir.join("portal.toml");
        write(&path, b"first, and longer than what follows\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first, and longer than what follows\n");
        write(&path, b"second\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second\n");
        holds_only(&dir, &["portal.toml"]);
    }

    #[test]
    fn a_failure_partway_leaves_the_old_file_and_no_temporary() {
        let dir = directory("partway");
        let path = dir.join("portal.toml");
        fs::write(&path, "old\n").unwrap();
        let error = replace(&path, |file| {
            file.write_all(b"half of the new")?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::StorageFull);
        assert_eq!(fs::read_to_string(&path).unwrap(), "old\n");
        holds_only(&dir, &["portal.toml"]);
    }

    #[test]
    fn a_target_that_is_a_directory_is_an_error_and_stays_as_it_was() {
        let dir = directory("is-a-directory");
        let target = dir.join("portal.toml");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "kept\n").unwrap();
        assert!(write(&target, b"new\n").is_err());
        assert_eq!(fs::read_to_string(target.join("inside")).unwrap(), "kept\n");
        holds_only(&dir, &["portal.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = directory("link");
        let real = dir.join("real.toml");
        fs::write(&real, "old\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o600)).unwrap();
        let link = dir.join("link.toml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write(&link, b"new\n").unwrap();
        assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is kept");
        assert_eq!(fs::read_to_string(&real).unwrap(), "new\n");
        assert_eq!(fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o600);
        holds_only(&dir, &["link.toml", "real.toml"]);
    }
}
