//! The catalog loader: arbitrary YAML in place of one file of the real catalog, through the generator's
//! parse, check, resolve and emit passes.

use omixa_codegen::Diagnostic;
use omixa_codegen::catalog::format::{EndpointFile, FieldSetFile, ModelFile};
use omixa_codegen::catalog::{self, Sources};
use omixa_codegen::diagnostic::SourceFile;
use std::path::Path;
use std::sync::OnceLock;

/// The repository's own `spec/`, read once.
fn real_sources() -> &'static Sources {
    static SOURCES: OnceLock<Sources> = OnceLock::new();
    SOURCES.get_or_init(|| {
        let spec = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
        catalog::read_sources(&spec).expect("the repository's spec/ is readable")
    })
}

/// Which folder of the catalog a file goes in.
#[derive(Debug, Clone, Copy)]
enum Slot {
    FieldSet,
    Endpoint,
    Model,
}

impl Slot {
    fn files(self, sources: &mut Sources) -> &mut Vec<SourceFile> {
        match self {
            Slot::FieldSet => &mut sources.field_sets,
            Slot::Endpoint => &mut sources.endpoints,
            Slot::Model => &mut sources.models,
        }
    }

    /// Parses the file alone as this kind, as the loader would.
    fn parse(self, file: &SourceFile) -> Result<(), Box<Diagnostic>> {
        match self {
            Slot::FieldSet => catalog::parse::<FieldSetFile>(file).map(drop),
            Slot::Endpoint => catalog::parse::<EndpointFile>(file).map(drop),
            Slot::Model => catalog::parse::<ModelFile>(file).map(drop),
        }
    }
}

/// Puts the bytes (as UTF-8, lossily) in place of the first field set, the first endpoint and the first model
/// file of the real catalog in turn; each time the file parses as that kind, loads the whole catalog.
///
/// Invariants: loading never panics; every diagnostic names a line of its file and renders; a catalog that
/// loads and resolves without a problem emits every output (a render failure is a generator bug).
pub fn catalog_yaml(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let real = real_sources();
    for slot in [Slot::FieldSet, Slot::Endpoint, Slot::Model] {
        let mut sources = real.clone();
        let Some(file) = slot.files(&mut sources).first_mut() else {
            continue;
        };
        *file = SourceFile::new(Path::new(&*file.path), text.clone().into_owned());
        // A file that does not parse is left out of the catalog: its own diagnostic is all there is to check,
        // and the rest of the catalog (already valid) need not be loaded again.
        match slot.parse(file) {
            Ok(()) => check_catalog(sources),
            Err(problem) => check_diagnostic(std::slice::from_ref(file), &problem),
        }
    }
}

fn check_catalog(sources: Sources) {
    let files: Vec<SourceFile> = [&sources.field_sets, &sources.endpoints, &sources.models]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
    let (loaded, problems) = catalog::load_sources(sources);
    let mut problems = problems.problems;
    let resolved = omixa_codegen::resolve::resolve(&loaded);
    if let Err(more) = &resolved {
        problems.extend(more.problems.iter().cloned());
    }
    for problem in &problems {
        check_diagnostic(&files, problem);
    }
    if let (true, Ok(resolved)) = (problems.is_empty(), &resolved)
        && let Err(error) = omixa_codegen::emit::all(resolved)
    {
        panic!("a valid catalog does not emit: {error}");
    }
}

fn check_diagnostic(files: &[SourceFile], problem: &Diagnostic) {
    let file = files
        .iter()
        .find(|file| file.path == problem.position.path)
        .unwrap_or_else(|| panic!("a diagnostic names an unknown file: {problem}"));
    // YAML breaks lines at `\r\n`, `\n` and a lone `\r`; a position may be just past the last line.
    let breaks = file
        .text
        .replace("\r\n", "\n")
        .matches(['\n', '\r'])
        .count();
    let lines = breaks as u64 + 2;
    assert!(
        (1..=lines).contains(&problem.position.line),
        "a diagnostic past the end of its file: {problem}"
    );
    let mut rendered = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut rendered, problem)
        .expect("a diagnostic renders");
}
