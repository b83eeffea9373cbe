//! [`MemoryJournal`]: the journal's rules without durability, for unit tests and for measuring what the
//! durable journal costs. One process, one owner: nothing survives the process.

use super::{
    Admission, Claim, InputWriter, JobRow, JobState, JobStore, JournalCounts, JournalError, NewJob,
    Outcome, admit, amount_from_nanos, amount_to_nanos, new_idempotency_key, now_ms,
};
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// An in-memory [`JobStore`].
#[derive(Debug)]
pub struct MemoryJournal {
    owner: String,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    digest: Option<String>,
    rows: BTreeMap<u64, Row>,
    held: i64,
    charged: i64,
}

#[derive(Debug, Clone)]
struct Row {
    job: JobRow,
    hold: i64,
    cost: i64,
    reserved: Option<i64>,
}

impl Default for MemoryJournal {
    fn default() -> Self {
        MemoryJournal::new()
    }
}

impl MemoryJournal {
    pub fn new() -> Self {
        MemoryJournal {
            owner: format!("{:016x}", rand::random::<u64>()),
            state: Mutex::new(State::default()),
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Applies `change` to a row this owner holds.
    fn change<T>(
        &self,
        line: u64,
        change: impl FnOnce(&mut Row, &mut i64, &mut i64) -> T,
    ) -> Result<T, JournalError> {
        let mut state = self.state();
        let State {
            rows,
            held,
            charged,
            ..
        } = &mut *state;
        let row = rows
            .get_mut(&line)
            .filter(|row| row.job.owner.as_deref() == Some(self.owner.as_str()))
            .ok_or(JournalError::ClaimLost { line })?;
        row.job.updated_at_ms = now_ms();
        Ok(change(row, held, charged))
    }
}

impl JobStore for MemoryJournal {
    fn owner(&self) -> &str {
        &self.owner
    }

    fn begin_input(&self) -> Result<Box<dyn InputWriter + '_>, JournalError> {
        let state = self.state();
        Ok(Box::new(MemoryInput {
            recorded: state.digest.clone(),
            state,
            added: BTreeMap::new(),
        }))
    }

    fn claim_next(&self, budget: Option<i64>) -> Result<Claim, JournalError> {
        let mut state = self.state();
        let (held, charged) = (state.held, state.charged);
        let mut waiting = false;
        let mut chosen = None;
        for (line, row) in &mut state.rows {
            if row.job.state.is_final() || row.job.owner.is_some() {
                continue;
            }
            if row.reserved.is_some() {
                chosen = Some((*line, None));
                break;
            }
            if waiting {
                continue;
            }
            match admit(held, charged, row.hold, budget) {
                Admission::Start => {
                    chosen = Some((*line, Some(row.hold)));
                    break;
                }
                Admission::Wait => waiting = true,
                Admission::Never => {
                    row.job.state = JobState::SkippedBudget;
                    row.job.last_error = Some(
                        "its hold does not fit the budget, even with nothing else running".into(),
                    );
                }
            }
        }
        let Some((line, reservation)) = chosen else {
            return Ok(if waiting {
                Claim::Wait {
                    budget: true,
                    other_owners: false,
                }
            } else {
                Claim::Done
            });
        };
        state.held += reservation.unwrap_or(0);
        let Some(row) = state.rows.get_mut(&line) else {
            return Ok(Claim::Done);
        };
        row.job.owner = Some(self.owner.clone());
        row.reserved = row.reserved.or(reservation);
        Ok(Claim::Job(Box::new(row.job.clone())))
    }

    fn mark_sending(&self, line: u64) -> Result<(), JournalError> {
        self.change(line, |row, _, _| row.job.attempts += 1)
    }

    fn mark_created(&self, line: u64, operation: &str) -> Result<(), JournalError> {
        self.change(line, |row, _, _| {
            row.job.state = JobState::Created;
            row.job.operation = Some(operation.to_owned());
            row.job.last_error = None;
        })
    }

    fn mark_succeeded(&self, line: u64, files: &[String]) -> Result<(), JournalError> {
        self.change(line, |row, held, charged| {
            *held -= row.reserved.unwrap_or(0);
            *charged += row.cost;
            row.reserved = Some(row.cost);
            row.job.state = JobState::Succeeded;
            row.job.files = files.to_vec();
            row.job.owner = None;
            row.job.last_error = None;
        })
    }

    fn mark_finished(&self, line: u64, outcome: Outcome, error: &str) -> Result<(), JournalError> {
        self.change(line, |row, held, charged| {
            let reserved = row.reserved.unwrap_or(0);
            *held -= reserved;
            match outcome {
                Outcome::Abandoned => *charged += reserved,
                Outcome::Failed | Outcome::Invalid => row.reserved = None,
            }
            row.job.state = match outcome {
                Outcome::Failed | Outcome::Abandoned => JobState::Failed,
                Outcome::Invalid => JobState::Invalid,
            };
            row.job.last_error = Some(error.to_owned());
            row.job.owner = None;
        })
    }

    fn mark_unfinished(&self, line: u64, error: &str) -> Result<(), JournalError> {
        self.change(line, |row, _, _| {
            row.job.last_error = Some(error.to_owned())
        })
    }

    fn counts(&self) -> Result<JournalCounts, JournalError> {
        let state = self.state();
        let mut counts = JournalCounts::default();
        let mut charged: BTreeMap<String, i64> = BTreeMap::new();
        for row in state.rows.values() {
            *counts.by_state.entry(row.job.state).or_default() += 1;
            if let (JobState::Succeeded, Some(price)) = (row.job.state, &row.job.price) {
                *charged.entry(price.currency.clone()).or_default() += row.cost;
            }
        }
        counts.charged = charged
            .into_iter()
            .map(|(currency, nanos)| (currency, amount_from_nanos(nanos)))
            .collect();
        Ok(counts)
    }

    fn for_each_job(
        &self,
        visit: &mut dyn FnMut(&JobRow) -> Result<(), JournalError>,
    ) -> Result<(), JournalError> {
        // Rows are copied out one at a time so `visit` may call back into the store.
        let mut next = Some(0);
        while let Some(from) = next {
            let row = self
                .state()
                .rows
                .range(from..)
                .next()
                .map(|(_, row)| row.job.clone());
            next = None;
            if let Some(row) = row {
                visit(&row)?;
                next = row.line.checked_add(1);
            }
        }
        Ok(())
    }
}

struct MemoryInput<'a> {
    state: MutexGuard<'a, State>,
    recorded: Option<String>,
    /// Rows wait here until the commit, so a dropped input leaves nothing.
    added: BTreeMap<u64, Row>,
}

impl InputWriter for MemoryInput<'_> {
    fn recorded_digest(&self) -> Option<&str> {
        self.recorded.as_deref()
    }

    fn add(&mut self, job: &NewJob) -> Result<(), JournalError> {
        let nanos = |amount| {
            amount_to_nanos(amount).ok_or_else(|| JournalError::Corrupt {
                path: "memory".into(),
                message: format!(
                    "line {}: the amount {amount} is beyond what the journal counts",
                    job.line
                ),
            })
        };
        let (hold, cost) = match &job.price {
            Some(price) => (nanos(price.hold)?, nanos(price.cost)?),
            None => (0, 0),
        };
        let now = now_ms();
        self.added.insert(
            job.line,
            Row {
                job: JobRow {
                    line: job.line,
                    id: job.id.clone(),
                    model: job.model.clone(),
                    request: job.request.clone(),
                    idempotency_key: new_idempotency_key(),
                    price: job.price.clone(),
                    state: JobState::Pending,
                    operation: None,
                    files: Vec::new(),
                    attempts: 0,
                    last_error: None,
                    owner: None,
                    created_at_ms: now,
                    updated_at_ms: now,
                },
                hold,
                cost,
                reserved: None,
            },
        );
        Ok(())
    }

    fn commit(mut self: Box<Self>, digest: &str) -> Result<(), JournalError> {
        if self.recorded.is_none() {
            let added = std::mem::take(&mut self.added);
            self.state.rows.extend(added);
            self.state.digest = Some(digest.to_owned());
        }
        Ok(())
    }
}
