//! Owners of journal claims and how to tell a live one from a dead one.
//!
//! Each process run picks a random owner id and, for its whole life, holds an exclusive OS file lock on
//! `<owners>/<id>.lock`. The kernel drops the lock when the process ends, however it ends (kill -9
//! included), so anyone who can take that lock knows the owner is dead and its claims are stale: a rerun
//! after a crash resumes at once, with no timeout to wait out, and a live owner's claims are never taken.
//!
//! The lock file is locked under a temporary name and only then renamed into place, so a lock file that
//! exists under its final name and can be locked really belongs to a dead owner.

use super::JournalError;
use std::collections::HashSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

const LOCK_EXTENSION: &str = "lock";

/// This process run's lock: held until dropped, then released and its file removed.
#[derive(Debug)]
pub struct OwnerLock {
    id: String,
    path: PathBuf,
    /// Keeps the lock: the kernel holds it as long as this file is open.
    _file: File,
}

impl OwnerLock {
    /// Picks a new owner id and locks its file in `directory` (created if missing).
    pub fn acquire(directory: &Path) -> Result<OwnerLock, JournalError> {
        std::fs::create_dir_all(directory).map_err(io_error(directory))?;
        let id = format!("{:016x}", rand::random::<u64>());
        let path = lock_path(directory, &id);
        let temporary = directory.join(format!("{id}.{LOCK_EXTENSION}.new"));
        let file = OpenOptions::new()
            .create_new(true)
            .write(true)
            .open(&temporary)
            .map_err(io_error(&temporary))?;
        file.lock().map_err(io_error(&temporary))?;
        std::fs::rename(&temporary, &path).map_err(io_error(&path))?;
        Ok(OwnerLock {
            id,
            path,
            _file: file,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for OwnerLock {
    fn drop(&mut self) {
        // Best effort: a file left behind is recognised as dead by its unlocked state anyway.
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Answers "is this owner alive?" for the owners of one journal, remembering the dead (ids are never reused).
#[derive(Debug)]
pub struct OwnerRegistry {
    directory: PathBuf,
    dead: Mutex<HashSet<String>>,
}

impl OwnerRegistry {
    pub fn new(directory: PathBuf) -> Self {
        OwnerRegistry {
            directory,
            dead: Mutex::new(HashSet::new()),
        }
    }

    /// Whether the owner `id` still holds its lock. An owner whose lock cannot be checked (an unexpected I/O
    /// error) counts as alive: taking over a live claim could create a job twice, waiting cannot.
    pub fn is_alive(&self, id: &str) -> bool {
        let mut dead = self.dead.lock().unwrap_or_else(PoisonError::into_inner);
        if dead.contains(id) {
            return false;
        }
        let alive = match probe(&lock_path(&self.directory, id)) {
            Probe::Locked | Probe::Unknown => true,
            Probe::Free | Probe::Missing => false,
        };
        if !alive {
            dead.insert(id.to_owned());
        }
        alive
    }
}

enum Probe {
    Locked,
    Free,
    Missing,
    Unknown,
}

fn probe(path: &Path) -> Probe {
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Probe::Missing,
        Err(_) => return Probe::Unknown,
    };
    match file.try_lock() {
        Ok(()) => {
            // The owner is gone; tidy its file (the lock is released when `file` closes).
            let _ = std::fs::remove_file(path);
            Probe::Free
        }
        Err(TryLockError::WouldBlock) => Probe::Locked,
        Err(TryLockError::Error(_)) => Probe::Unknown,
    }
}

/// Owner ids are 16 hex digits we generated, but ids read from a journal are checked before they become a
/// path: anything else cannot be a lock file of ours.
fn lock_path(directory: &Path, id: &str) -> PathBuf {
    let safe = !id.is_empty() && id.chars().all(|ch| ch.is_ascii_alphanumeric());
    let name = if safe { id } else { "invalid-owner-id" };
    directory.join(format!("{name}.{LOCK_EXTENSION}"))
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError {
    let path = path.to_owned();
    move |source| JournalError::Io { path, source }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_alive_and_a_released_one_dead() {
        let folder = tempfile::tempdir().expect("temp dir");
        let registry = OwnerRegistry::new(folder.path().to_owned());
        let first = OwnerLock::acquire(folder.path()).expect("locks");
        let second = OwnerLock::acquire(folder.path()).expect("locks");
        assert_ne!(first.id(), second.id());
        assert!(registry.is_alive(first.id()));
        let first_id = first.id().to_owned();
        drop(first);
        assert!(!registry.is_alive(&first_id));
        assert!(registry.is_alive(second.id()));
        assert!(!registry.is_alive("0123456789abcdef"), "never existed");
        assert!(!registry.is_alive("../etc/passwd"));
    }

    #[test]
    fn a_left_behind_unlocked_file_is_dead_and_removed() {
        let folder = tempfile::tempdir().expect("temp dir");
        let path = folder.path().join("00000000000000aa.lock");
        std::fs::write(&path, b"").expect("writes");
        let registry = OwnerRegistry::new(folder.path().to_owned());
        assert!(!registry.is_alive("00000000000000aa"));
        assert!(!path.exists());
    }
}
