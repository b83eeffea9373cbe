//! The sentences of an issue, rendered from its [`IssueKind`] when asked for. The message is written straight
//! into the caller's formatter (no intermediate `String`); the suggestion, rarer and sometimes a search for
//! the closest name, is built as a `String`.

use super::kind::{IssueKind, MODEL};
use super::suggest::closest;
use crate::catalog::{Catalog, Lookup};
use crate::media::DataUrlProblem;
use std::fmt;

impl IssueKind {
    /// The message, as something to format (`to_string()` gives the `String`).
    pub fn message(&self) -> impl fmt::Display + '_ {
        Message(self)
    }

    /// What to do instead, when there is something to suggest. Typo suggestions are searched for now.
    pub fn suggestion(&self) -> Option<String> {
        match self {
            IssueKind::ModelMissing { catalog } | IssueKind::ModelNotString { catalog, .. } => {
                Some(format!("known models: {}", model_ids(catalog).join(", ")))
            }
            IssueKind::UnknownModel { id, catalog } => {
                let ids = model_ids(catalog);
                Some(match closest(id, ids.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? known models: {}", ids.join(", "))
                    }
                    None => format!("known models: {}", ids.join(", ")),
                })
            }
            IssueKind::UnknownField { model, key } => {
                let names = model.fields.iter().flat_map(|field| {
                    std::iter::once(field.name).chain(field.aliases.iter().copied())
                });
                closest(key, names).map(|name| {
                    let canonical = match model.lookup(name) {
                        Some(Lookup::Field(index) | Lookup::Alias(index)) => {
                            model.fields[index].name
                        }
                        _ => name,
                    };
                    format!("did you mean `{canonical}`?")
                })
            }
            IssueKind::OmittedField { dropped, .. } => {
                (!dropped).then(|| "remove it, or validate in lenient mode to drop it".to_owned())
            }
            IssueKind::AliasConflict { field, .. } => Some(format!("give `{field}` once")),
            IssueKind::EmptyVideoSource { .. } => {
                Some("give an operation id, a video URL or an inline video data URL".to_owned())
            }
            IssueKind::NotAccepted {
                given, accepted, ..
            } => {
                let listed = accepted.join(", ");
                Some(
                    match accepted
                        .iter()
                        .find(|value| value.eq_ignore_ascii_case(given))
                    {
                        Some(value) => format!("did you mean `{value}`? accepted: {listed}"),
                        None => format!("accepted: {listed}"),
                    },
                )
            }
            IssueKind::OutOfRange { range, .. } => {
                Some(format!("accepted: {}", range.unwrap_or(UNBOUNDED)))
            }
            IssueKind::EmptyImageList { field } => Some(format!(
                "leave `{field}` out, or give one or more inline images"
            )),
            IssueKind::MediaObject { media, .. } => Some(media.object_example().to_owned()),
            IssueKind::InvalidMedia {
                problem, accepted, ..
            } => Some(match problem {
                DataUrlProblem::MalformedBase64 | DataUrlProblem::EmptyData => {
                    "encode the file's bytes as standard base64 (omixa's Image helpers do this)"
                        .to_owned()
                }
                _ => format!("accepted media types: {}", accepted.join(", ")),
            }),
            IssueKind::NotForOperation {
                operations,
                input,
                written_as,
                ..
            } => {
                let users: Vec<&str> = operations
                    .cases
                    .iter()
                    .filter(|case| case.accepts.contains(input))
                    .map(|case| case.name)
                    .collect();
                Some(format!(
                    "remove `{written_as}`, or use `{}`: {}",
                    operations.field,
                    users.join(", ")
                ))
            }
            IssueKind::Rendered { suggestion, .. } => suggestion.clone(),
            IssueKind::RequestNotObject { .. }
            | IssueKind::MissingField { .. }
            | IssueKind::InvalidType { .. }
            | IssueKind::NotFinite { .. }
            | IssueKind::MissingForOperation { .. } => None,
        }
    }
}

struct Message<'a>(&'a IssueKind);

impl fmt::Display for Message<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            IssueKind::RequestNotObject { seen } => {
                write!(f, "the request must be a JSON object, got {seen}")
            }
            IssueKind::ModelMissing { .. } => write!(f, "`{MODEL}` is required"),
            IssueKind::ModelNotString { seen, .. } => {
                write!(f, "`{MODEL}` must be a string, got {seen}")
            }
            IssueKind::UnknownModel { id, .. } => write!(f, "`{id}` is not a model of the catalog"),
            IssueKind::UnknownField { model, key } => {
                write!(f, "`{key}` is not a field of model `{}`", model.id)
            }
            IssueKind::OmittedField {
                model,
                field,
                key,
                dropped,
            } => {
                if *dropped {
                    write!(f, "dropped `{field}`")?;
                    given_as(f, field, key)?;
                    write!(f, ": model `{}` does not accept it", model.id)
                } else {
                    write!(f, "model `{}` does not accept `{field}`", model.id)?;
                    given_as(f, field, key)
                }
            }
            IssueKind::AliasConflict { field, key, first } => {
                write!(f, "`{key}` and `{first}` both set `{field}`")
            }
            IssueKind::MissingField { field } => write!(f, "`{field}` is required"),
            IssueKind::InvalidType {
                field,
                expected,
                seen,
            } => write!(f, "`{field}` must be {expected}, got {seen}"),
            IssueKind::EmptyVideoSource { field } => write!(f, "`{field}` must not be empty"),
            IssueKind::NotAccepted { field, given, .. } => {
                write!(f, "`{field}` does not accept `{given}`")
            }
            IssueKind::OutOfRange {
                field,
                given,
                range,
            } => write!(
                f,
                "`{field}` must be {}, got {given}",
                range.unwrap_or(UNBOUNDED)
            ),
            IssueKind::NotFinite { field, given } => {
                write!(f, "`{field}` must be a finite number, got {given}")
            }
            IssueKind::EmptyImageList { field } => {
                write!(f, "`{field}` must hold at least one image")
            }
            IssueKind::MediaObject {
                field,
                media,
                problem,
            } => write!(f, "`{field}` {}", problem.describe(media.tag())),
            IssueKind::InvalidMedia {
                field,
                media,
                problem,
                ..
            } => write!(f, "`{field}`: {} {problem}", media.noun()),
            IssueKind::MissingForOperation {
                operations,
                case,
                input,
            } => write!(f, "`{}` `{case}` needs `{input}`", operations.field),
            IssueKind::NotForOperation {
                operations,
                case,
                input,
                ..
            } => write!(f, "`{}` `{case}` cannot use `{input}`", operations.field),
            IssueKind::Rendered { message, .. } => f.write_str(message),
        }
    }
}

/// The range of a numeric field without bounds: only a number too large for 64 bits is out of it.
const UNBOUNDED: &str = "a number that fits in 64 bits";

/// ` (given as `alias`)` when the field was written under another name.
fn given_as(f: &mut fmt::Formatter<'_>, field: &str, key: &str) -> fmt::Result {
    if key == field {
        Ok(())
    } else {
        write!(f, " (given as `{key}`)")
    }
}

fn model_ids(catalog: &Catalog) -> Vec<&'static str> {
    catalog.models().iter().map(|model| model.id).collect()
}
