//! The generated files as one list (path → text), and the two things done with it: write them where they
//! belong, or compare them with what is there (`--check`). A [`Layout`] says where that is: by default one
//! output directory; the generated Rust is placed inside the crate that compiles it, so that `cargo package`
//! ships it with the crate.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::HEADER;

/// The folder of the generated Rust among the outputs (`rust/models.rs`).
pub const RUST: &str = "rust";

/// Where the generated files go on disk: each file under the directory of the longest folder prefix placed
/// with [`Layout::place`] that its path starts with (without that folder), else under the output directory.
/// Reports name files relative to the base directory (the workspace root for the real catalog).
#[derive(Debug, Clone)]
pub struct Layout {
    base: PathBuf,
    out_dir: PathBuf,
    /// (folder prefix ending in `/`, its directory), longest prefix first.
    places: Vec<(String, PathBuf)>,
}

impl Layout {
    /// Every file under `out_dir`; reports name files relative to `base`.
    pub fn new(base: impl Into<PathBuf>, out_dir: impl Into<PathBuf>) -> Self {
        Layout {
            base: base.into(),
            out_dir: out_dir.into(),
            places: Vec::new(),
        }
    }

    /// The repository's layout, given its root: `generated/`, with the generated Rust in `core/generated/`,
    /// inside the crate that `include!`s it, so that `cargo package` ships it with the crate.
    pub fn repository(root: &Path) -> Self {
        Layout::new(root, root.join("generated")).place(RUST, root.join("core/generated"))
    }

    /// The files whose path starts with `folder/` go under `dir` instead, without that folder.
    pub fn place(mut self, folder: &str, dir: impl Into<PathBuf>) -> Self {
        let prefix = format!("{}/", folder.trim_end_matches('/'));
        self.places.retain(|(existing, _)| *existing != prefix);
        self.places.push((prefix, dir.into()));
        self.places
            .sort_by(|(a, _), (b, _)| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        self
    }

    /// The directory a generated file goes under, and its path there.
    fn locate<'a>(&self, path: &'a str) -> (&Path, &'a str) {
        self.places
            .iter()
            .find_map(|(prefix, dir)| {
                path.strip_prefix(prefix.as_str())
                    .map(|rest| (dir.as_path(), rest))
            })
            .unwrap_or((self.out_dir.as_path(), path))
    }

    /// Every directory the layout writes to: the output directory, then each placed one.
    fn dirs(&self) -> impl Iterator<Item = &Path> {
        std::iter::once(self.out_dir.as_path())
            .chain(self.places.iter().map(|(_, dir)| dir.as_path()))
    }

    /// Whether a file found under `dir` at `relative` belongs to another directory of the layout nested inside
    /// `dir` (with `--out DIR` alone, the Rust goes to `DIR/rust/`): each file is looked at once, by the
    /// innermost directory.
    fn owned_elsewhere(&self, dir: &Path, relative: &str) -> bool {
        let full = dir.join(relative);
        self.dirs()
            .any(|other| other != dir && other.starts_with(dir) && full.starts_with(other))
    }

    /// How a report names a file on disk: relative to the base, `/`-separated.
    fn report_path(&self, full: &Path) -> String {
        let shown = full.strip_prefix(&self.base).unwrap_or(full);
        let parts: Vec<String> = shown
            .components()
            .map(|part| part.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("/")
    }

    /// Each directory of the layout (once, if placed twice) with the generated files that go there (path
    /// relative to it → text).
    fn files_by_dir<'a>(&self, outputs: &'a Outputs) -> Vec<(&Path, BTreeMap<&'a str, &'a str>)> {
        let mut by_dir: Vec<(&Path, BTreeMap<&str, &str>)> = Vec::new();
        for dir in self.dirs() {
            if !by_dir.iter().any(|(known, _)| *known == dir) {
                by_dir.push((dir, BTreeMap::new()));
            }
        }
        for (path, text) in outputs.iter() {
            let (dir, relative) = self.locate(path);
            if let Some((_, files)) = by_dir.iter_mut().find(|(place, _)| *place == dir) {
                files.insert(relative, text);
            }
        }
        by_dir
    }
}

/// The directories written to, e.g. `generated and core/generated`.
impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dirs: Vec<String> = self
            .dirs()
            .map(|dir| match self.report_path(dir) {
                shown if shown.is_empty() => dir.display().to_string(),
                shown => shown,
            })
            .collect();
        f.write_str(&dirs.join(" and "))
    }
}

/// One output directory holding every file, paths reported relative to it.
impl From<&Path> for Layout {
    fn from(out_dir: &Path) -> Self {
        Layout::new(out_dir, out_dir)
    }
}

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
    pub fn write(&self, layout: impl Into<Layout>) -> io::Result<WriteReport> {
        let layout = layout.into();
        let mut report = WriteReport::default();
        for (dir, files) in layout.files_by_dir(self) {
            for (path, text) in &files {
                let target = dir.join(path);
                if std::fs::read(&target).is_ok_and(|existing| existing == text.as_bytes()) {
                    report.unchanged += 1;
                    continue;
                }
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(&target, text)?;
                report.written.push(layout.report_path(&target));
            }
            for path in existing_files(dir)? {
                if files.contains_key(path.as_str()) || layout.owned_elsewhere(dir, &path) {
                    continue;
                }
                let target = dir.join(&path);
                if is_generated(&target)? {
                    std::fs::remove_file(&target)?;
                    remove_empty_parents(dir, &target);
                    report.deleted.push(layout.report_path(&target));
                } else {
                    report.foreign.push(layout.report_path(&target));
                }
            }
        }
        Ok(report)
    }

    /// Every way the files on disk differ from these outputs; empty when they are up to date.
    pub fn check(&self, layout: impl Into<Layout>) -> io::Result<Vec<Drift>> {
        let layout = layout.into();
        let mut drifts = Vec::new();
        for (dir, files) in layout.files_by_dir(self) {
            for (path, text) in &files {
                let target = dir.join(path);
                let path = layout.report_path(&target);
                match std::fs::read(&target) {
                    Ok(existing) if existing == text.as_bytes() => {}
                    Ok(existing) => {
                        let hint = first_difference(&String::from_utf8_lossy(&existing), text);
                        drifts.push(Drift::Stale { path, hint });
                    }
                    Err(error) if error.kind() == io::ErrorKind::NotFound => {
                        drifts.push(Drift::Missing { path })
                    }
                    Err(error) => return Err(error),
                }
            }
            for path in existing_files(dir)? {
                if !files.contains_key(path.as_str()) && !layout.owned_elsewhere(dir, &path) {
                    drifts.push(Drift::Extra {
                        path: layout.report_path(&dir.join(&path)),
                    });
                }
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
