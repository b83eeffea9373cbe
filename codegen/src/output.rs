//! The generated files as one list (path → text), and the two things done with it: write them into
//! `generated/`, or compare them with what is there (`--check`).

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::HEADER;

/// Every generated file by its path relative to the output directory (`/`-separated), text normalized to `\n`
/// line endings and exactly one trailing newline.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outputs {
    files: BTreeMap<String, String>,
}

impl Outputs {
    pub fn insert(&mut self, path: impl Into<String>, text: impl AsRef<str>) {
        let text = text.as_ref().replace("\r\n", "\n");
        self.files
            .insert(path.into(), format!("{}\n", text.trim_end_matches('\n')));
    }

    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// In path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .map(|(path, text)| (path.as_str(), text.as_str()))
    }

    /// Writes every file whose bytes changed (unchanged files keep their timestamps, so nothing rebuilds), and
    /// deletes generated files that are no longer produced. Files without the generated header are left alone
    /// and reported.
    pub fn write(&self, out_dir: &Path) -> io::Result<WriteReport> {
        let mut report = WriteReport::default();
        for (path, text) in &self.files {
            let target = out_dir.join(path);
            if std::fs::read(&target).is_ok_and(|existing| existing == text.as_bytes()) {
                report.unchanged += 1;
                continue;
            }
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&target, text)?;
            report.written.push(path.clone());
        }
        for path in existing_files(out_dir)? {
            if self.files.contains_key(&path) {
                continue;
            }
            let target = out_dir.join(&path);
            if is_generated(&target)? {
                std::fs::remove_file(&target)?;
                remove_empty_parents(out_dir, &target);
                report.deleted.push(path);
            } else {
                report.foreign.push(path);
            }
        }
        Ok(report)
    }

    /// Every way `out_dir` differs from these outputs; empty when it is up to date.
    pub fn check(&self, out_dir: &Path) -> io::Result<Vec<Drift>> {
        let mut drifts = Vec::new();
        for (path, text) in &self.files {
            match std::fs::read(out_dir.join(path)) {
                Ok(existing) if existing == text.as_bytes() => {}
                Ok(existing) => {
                    let hint = first_difference(&String::from_utf8_lossy(&existing), text);
                    drifts.push(Drift::Stale {
                        path: path.clone(),
                        hint,
                    });
                }
                Err(error) if error.kind() == io::ErrorKind::NotFound => {
                    drifts.push(Drift::Missing { path: path.clone() })
                }
                Err(error) => return Err(error),
            }
        }
        for path in existing_files(out_dir)? {
            if !self.files.contains_key(&path) {
                drifts.push(Drift::Extra { path });
            }
        }
        Ok(drifts)
    }
}

/// What [`Outputs::write`] did.
#[derive(Debug, Default)]
pub struct WriteReport {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub deleted: Vec<String>,
    /// Files in the output directory that the generator did not make and did not delete.
    pub foreign: Vec<String>,
}

/// One way the output directory differs from what the catalog generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// Generated but not on disk.
    Missing { path: String },
    /// On disk with other bytes; `hint` shows the first differing line.
    Stale { path: String, hint: String },
    /// On disk but not generated.
    Extra { path: String },
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Drift::Missing { path } => write!(f, "missing: {path}"),
            Drift::Stale { path, hint } => write!(f, "stale: {path}\n{hint}"),
            Drift::Extra { path } => write!(f, "extra: {path} (not generated from spec/)"),
        }
    }
}

/// A two-line diff of the first line that differs.
fn first_difference(on_disk: &str, generated: &str) -> String {
    let mut disk_lines = on_disk.split('\n');
    let mut generated_lines = generated.split('\n');
    for number in 1.. {
        let (disk, generated) = (disk_lines.next(), generated_lines.next());
        if disk != generated || (disk.is_none() && generated.is_none()) {
            return format!(
                "  first difference at line {number}:\n  - {}\n  + {}",
                disk.unwrap_or("<end of file>"),
                generated.unwrap_or("<end of file>")
            );
        }
    }
    String::new()
}

/// Every file under `dir` (recursively), relative and `/`-separated, in path order. A missing directory is empty.
fn existing_files(dir: &Path) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = vec![dir.to_owned()];
    while let Some(current) = pending.pop() {
        let entries = match std::fs::read_dir(&current) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(dir) {
                let parts: Vec<String> = relative
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect();
                files.push(parts.join("/"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Whether a file carries the generated header near its top, so deleting it loses nothing written by hand.
fn is_generated(path: &Path) -> io::Result<bool> {
    let bytes = std::fs::read(path)?;
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).into_owned();
    Ok(head.contains(HEADER))
}

/// Removes directories left empty by a deletion, up to (not including) `root`.
fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || std::fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}
