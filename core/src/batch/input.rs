//! The batch input, checked line by line as it streams past: each line is parsed, validated and estimated,
//! its id checked, and folded into the input's digest and the plan's totals. Nothing is kept in memory per
//! line (ids go to a temporary database, see [`SeenIds`]), so memory stays flat however long the input.

use super::error::BatchProblem;
use super::ids::SeenIds;
use crate::catalog::Catalog;
use crate::journal::{JobPrice, JournalError, NewJob};
use crate::{Estimate, ValidateOptions};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::io::BufRead;

/// The longest id; ids become file names.
pub const MAX_ID_CHARS: usize = 96;

/// One line of a batch: a request object, or `{"id": "...", "request": {...}}`.
#[derive(Debug, Clone, PartialEq)]
pub enum BatchItem {
    /// A line of JSON Lines text. Blank lines and lines starting with `#` are skipped.
    Line { line: u64, text: String },
    /// An already parsed value (from a host language's list, say).
    Value { line: u64, value: Value },
}

impl BatchItem {
    pub fn line(&self) -> u64 {
        match self {
            BatchItem::Line { line, .. } | BatchItem::Value { line, .. } => *line,
        }
    }
}

/// The lines of a JSON Lines text, numbered from 1, read one at a time. A line that is not UTF-8 is an
/// error naming it.
pub fn lines<R: BufRead>(reader: R) -> impl Iterator<Item = std::io::Result<BatchItem>> {
    let mut reader = reader;
    let mut number = 0_u64;
    let mut buffer = Vec::new();
    std::iter::from_fn(move || {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => None,
            Ok(_) => {
                number += 1;
                Some(match std::str::from_utf8(&buffer) {
                    Ok(text) => Ok(BatchItem::Line {
                        line: number,
                        text: text.to_owned(),
                    }),
                    Err(_) => Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("line {number} is not valid UTF-8"),
                    )),
                })
            }
            Err(error) => Some(Err(error)),
        }
    })
}

/// The totals of a checked input: what a dry run prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct BatchPlan {
    /// Jobs in the input (blank and comment lines excluded).
    pub jobs: usize,
    /// Per currency: jobs, total cost and total hold.
    pub priced: BTreeMap<String, PlanAmounts>,
    /// Jobs of models without a published price, per model: they cannot be estimated.
    pub unpriced: BTreeMap<String, usize>,
    /// The budget, when one was given (it was checked to apply to this input).
    #[serde(with = "rust_decimal::serde::str_option")]
    pub budget: Option<Decimal>,
}

/// Totals of one currency.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanAmounts {
    pub jobs: usize,
    #[serde(with = "rust_decimal::serde::str")]
    pub cost: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub hold: Decimal,
}

/// Checks lines as they come, keeping only totals, the digest and id hashes.
#[derive(Debug)]
pub(crate) struct InputCheck {
    catalog: &'static Catalog,
    lenient: bool,
    digest: Sha256,
    ids: SeenIds,
    last_line: u64,
    problems: Vec<BatchProblem>,
    plan: BatchPlan,
    /// The first line of each unpriced model, to name it when a budget is refused.
    first_unpriced_line: BTreeMap<String, u64>,
}

impl InputCheck {
    pub fn new(catalog: &'static Catalog, lenient: bool) -> Result<Self, JournalError> {
        Ok(InputCheck {
            catalog,
            lenient,
            digest: Sha256::new(),
            ids: SeenIds::new()?,
            last_line: 0,
            problems: Vec::new(),
            plan: BatchPlan::default(),
            first_unpriced_line: BTreeMap::new(),
        })
    }

    /// Checks one item: the job to record, or `None` for a skipped line or one with problems (recorded).
    pub fn check(&mut self, item: BatchItem) -> Result<Option<NewJob>, JournalError> {
        let line = item.line();
        if line <= self.last_line {
            self.problem(
                line,
                "",
                "invalid_line",
                format!("line numbers must increase (after line {})", self.last_line),
            );
            return Ok(None);
        }
        self.last_line = line;
        let value = match item {
            BatchItem::Line { text, .. } => {
                let text = text.trim();
                if text.is_empty() || text.starts_with('#') {
                    return Ok(None);
                }
                match serde_json::from_str::<Value>(text) {
                    Ok(value) => value,
                    Err(error) => {
                        self.problem(line, "", "invalid_json", error.to_string());
                        return Ok(None);
                    }
                }
            }
            BatchItem::Value { value, .. } => value,
        };
        let Some((id, request)) = self.split(line, value) else {
            return Ok(None);
        };
        let Some(id) = self.check_id(line, id)? else {
            return Ok(None);
        };
        let options = ValidateOptions::default().with_lenient(self.lenient);
        let validated = match self.catalog.validate_with(request, &options) {
            Ok(validated) => validated,
            Err(error) => {
                for issue in error.issues {
                    self.problem(line, &issue.path, issue.code().as_str(), issue.message());
                }
                return Ok(None);
            }
        };
        let request = validated.to_value().to_string();
        let model = validated.model.id;
        let price = match crate::estimate_validated(&validated) {
            Estimate::Priced(priced) => {
                let totals = self.plan.priced.entry(priced.currency.into()).or_default();
                totals.jobs += 1;
                totals.cost += priced.cost;
                totals.hold += priced.hold;
                Some(JobPrice {
                    cost: priced.cost,
                    hold: priced.hold,
                    currency: priced.currency.into(),
                })
            }
            Estimate::Unpriced(_) => {
                *self.plan.unpriced.entry(model.into()).or_default() += 1;
                self.first_unpriced_line.entry(model.into()).or_insert(line);
                None
            }
        };
        self.plan.jobs += 1;
        // Lines key the journal's rows, so they are part of what must match on a rerun.
        self.digest.update(line.to_le_bytes());
        self.digest.update(id.as_bytes());
        self.digest.update([0]);
        self.digest.update(request.as_bytes());
        self.digest.update([b'\n']);
        Ok(Some(NewJob {
            line,
            id,
            model: model.into(),
            request,
            price,
        }))
    }

    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// Every problem, or the plan and the input's digest (hex).
    pub fn finish(self) -> Result<(BatchPlan, String, BTreeMap<String, u64>), Vec<BatchProblem>> {
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let digest = self
            .digest
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        Ok((self.plan, digest, self.first_unpriced_line))
    }

    /// The id and request of a line: `{"id", "request"}`, or the request itself with its line number as id.
    fn split(&mut self, line: u64, value: Value) -> Option<(String, Value)> {
        let Value::Object(mut object) = value else {
            self.problem(
                line,
                "",
                "invalid_line",
                "expected a request object, or {\"id\": \"...\", \"request\": {...}}".into(),
            );
            return None;
        };
        if !object.contains_key("request") {
            return Some((line.to_string(), Value::Object(object)));
        }
        let request = object.remove("request").unwrap_or(Value::Null);
        let id = object.remove("id");
        if let Some(extra) = object.keys().next() {
            self.problem(
                line,
                &format!("/{extra}"),
                "invalid_line",
                "a line with `request` may only have `id` besides it".into(),
            );
            return None;
        }
        let id = match id {
            None => line.to_string(),
            Some(Value::String(id)) => id,
            Some(other) => {
                self.problem(
                    line,
                    "/id",
                    "invalid_id",
                    format!("expected a string, got {}", json_type(&other)),
                );
                return None;
            }
        };
        if !request.is_object() {
            self.problem(
                line,
                "/request",
                "invalid_line",
                format!("expected a request object, got {}", json_type(&request)),
            );
            return None;
        }
        Some((id, request))
    }

    fn check_id(&mut self, line: u64, id: String) -> Result<Option<String>, JournalError> {
        if let Err(reason) = check_id_text(&id) {
            self.problem(line, "/id", "invalid_id", format!("{id:?} {reason}"));
            return Ok(None);
        }
        if let Some(first) = self.ids.insert(&id, line)? {
            self.problem(
                line,
                "/id",
                "duplicate_id",
                format!("the id {id:?} is already used on line {first}"),
            );
            return Ok(None);
        }
        Ok(Some(id))
    }

    fn problem(&mut self, line: u64, path: &str, code: &str, message: String) {
        self.problems.push(BatchProblem {
            line,
            path: path.to_owned(),
            code: code.to_owned(),
            message,
        });
    }
}

/// An id names the job's files, so it is one safe file-name stem: 1 to 96 of `A-Z a-z 0-9 . _ -`, not
/// starting with `.` or `-` (hidden files, options to shell tools).
fn check_id_text(id: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err("is empty".into());
    }
    if id.chars().count() > MAX_ID_CHARS {
        return Err(format!("is longer than {MAX_ID_CHARS} characters"));
    }
    if let Some(bad) = id
        .chars()
        .find(|ch| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '_' | '-')))
    {
        return Err(format!(
            "has {bad:?}: ids may only use letters, digits, '.', '_' and '-'"
        ));
    }
    if id.starts_with(['.', '-']) {
        return Err("starts with '.' or '-'".into());
    }
    Ok(())
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Checks that `budget` can bound the planned jobs: one currency, every model priced.
pub(crate) fn check_budget(
    plan: &BatchPlan,
    first_unpriced_line: &BTreeMap<String, u64>,
) -> Result<(), String> {
    if let Some((model, line)) = first_unpriced_line.iter().next() {
        return Err(format!(
            "line {line}: model {model} has no published price, so a budget cannot bound its cost \
             (remove the budget or the line)"
        ));
    }
    if plan.priced.len() > 1 {
        let currencies: Vec<&str> = plan.priced.keys().map(String::as_str).collect();
        return Err(format!(
            "the input mixes currencies ({}), and a budget is one amount in one currency: split the input",
            currencies.join(", ")
        ));
    }
    Ok(())
}
