//! # omixa-release-check
//!
//! The one version every package of a release carries, and where each package states it. Cargo's workspace
//! version (`[workspace.package] version`) is the source: the crates inherit it, the Python package reads it
//! from Cargo (`dynamic = ["version"]` in `bindings/python/pyproject.toml`, filled in by maturin), and the Node
//! packages write it out, in `bindings/node/package.json`, in each platform package `bindings/node/npm/*/`,
//! and in the loader `native.js` (which checks an installed platform package against it). `tests/versions.rs`
//! fails when any of them disagrees; `tools/release-check/run.sh` builds and installs every artifact.

use std::fmt;
use std::path::{Path, PathBuf};

/// The version of the crates, and so of every package of the release.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The repository root.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One place that states a version, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    /// Relative to the repository root, `/`-separated.
    pub file: String,
    pub version: String,
}

impl fmt::Display for Stated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} says {}", self.file, self.version)
    }
}

/// Why a version could not be read.
#[derive(Debug)]
pub struct ReadError {
    pub file: String,
    pub reason: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl std::error::Error for ReadError {}

/// The `version` of the Node main package and of every platform package under `bindings/node/npm/`, in path
/// order.
pub fn node_package_versions(root: &Path) -> Result<Vec<Stated>, ReadError> {
    let mut files = vec!["bindings/node/package.json".to_owned()];
    let npm = root.join("bindings/node/npm");
    let entries = std::fs::read_dir(&npm).map_err(|error| ReadError {
        file: "bindings/node/npm".to_owned(),
        reason: error.to_string(),
    })?;
    let mut platforms: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("package.json").is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    platforms.sort();
    files.extend(
        platforms
            .iter()
            .map(|platform| format!("bindings/node/npm/{platform}/package.json")),
    );
    files
        .into_iter()
        .map(|file| {
            let version = package_json_version(&root.join(&file)).map_err(|reason| ReadError {
                file: file.clone(),
                reason,
            })?;
            Ok(Stated { file, version })
        })
        .collect()
}

fn package_json_version(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|error| error.to_string())?;
    let manifest: serde_json::Value =
        serde_json::from_str(&text).map_err(|error| format!("not JSON: {error}"))?;
    manifest
        .get("version")
        .and_then(serde_json::Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| "no \"version\" string".to_owned())
}

/// Every version the Node loader `bindings/node/native.js` checks an installed platform package against (napi
/// writes the package's version into it when it regenerates the loader).
pub fn node_loader_versions(root: &Path) -> Result<Vec<String>, ReadError> {
    const MARKER: &str = "bindingPackageVersion !== '";
    let file = "bindings/node/native.js";
    let text = std::fs::read_to_string(root.join(file)).map_err(|error| ReadError {
        file: file.to_owned(),
        reason: error.to_string(),
    })?;
    let mut versions: Vec<String> = text
        .match_indices(MARKER)
        .filter_map(|(at, _)| {
            let rest = &text[at + MARKER.len()..];
            rest.find('\'').map(|end| rest[..end].to_owned())
        })
        .collect();
    versions.dedup();
    Ok(versions)
}
