//! The resolution pass as the generator runs it: the shared loader's ([`omixa_catalog::resolve`]), then the
//! check that the names the generator will print do not collide ([`crate::names::check`]).

use crate::catalog;
use crate::diagnostic::Diagnostics;
use crate::ir::Catalog;
use crate::names;

/// Resolves a loaded catalog, or lists every problem found while doing so.
pub fn resolve(catalog: &catalog::Catalog) -> Result<Catalog, Diagnostics> {
    let (resolved, mut problems) = omixa_catalog::resolve::resolve_all(catalog);
    names::check(&resolved.models, &mut problems);
    if problems.is_empty() {
        Ok(resolved)
    } else {
        Err(problems)
    }
}
