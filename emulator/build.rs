//! Embeds the generated model reference (`generated/site/`, `generated/examples/`) when it is there: in this
//! repository, always. A build from the published crate has no `generated/` beside it, so its emulator serves
//! no `/docs/` (404 with a JSON error) and everything else the same.

use std::path::Path;

fn main() {
    let files = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/site/files.rs");
    println!("cargo::rustc-check-cfg=cfg(omixa_reference_site)");
    println!("cargo::rerun-if-changed={}", files.display());
    if files.exists() {
        println!("cargo::rustc-cfg=omixa_reference_site");
    }
}
