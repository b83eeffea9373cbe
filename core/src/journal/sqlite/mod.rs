//! [`SqliteJournal`]: the journal in an embedded SQLite database at `DIR/.omixa/journal.sqlite`.
//!
//! WAL mode, so the report's reads never block the workers' writes. `synchronous=NORMAL`: in WAL mode a
//! commit is then safe against the process dying at any point (kill -9, a panic, Ctrl-C), which is the
//! failure that matters here, but not against the whole machine losing power, and it saves one `fsync` per
//! state change. The one commit whose loss would be costly, the input with its idempotency keys, is made
//! with `synchronous=FULL`: whatever is lost after it, a rerun sends the same keys, and the gateway answers
//! a repeated create with the job it already made.
//!
//! Every operation is one short transaction on one writer connection; claims take the write lock up front
//! (`BEGIN IMMEDIATE`), so two processes cannot both see a row as free. A busy database is waited for, up to
//! [`BUSY_TIMEOUT`].

mod input;
mod row;

use super::owner::{OwnerLock, OwnerRegistry};
use super::schema::{self, Migrated};
use super::{
    Admission, Claim, InputWriter, JobRow, JobState, JobStore, JournalCounts, JournalError,
    Outcome, SCHEMA_VERSION, admit, amount_from_nanos, now_ms,
};
use input::SqliteInput;
use row::{ROW_COLUMNS, RawRow};
use rusqlite::{Connection, OptionalExtension, ToSql, Transaction, TransactionBehavior, params};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// How long an operation waits for another process's transaction to finish.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(60);
/// The folder, inside the output folder, that holds the journal and the owners' locks.
const STATE_FOLDER: &str = ".omixa";
const JOURNAL_FILE: &str = "journal.sqlite";
const OWNERS_FOLDER: &str = "owners";

/// The durable journal of one output folder. Holds this process run's owner lock until dropped.
#[derive(Debug)]
pub struct SqliteJournal {
    path: PathBuf,
    writer: Mutex<Connection>,
    /// For long reads (the report), which in WAL mode never wait for the writer.
    reader: Mutex<Connection>,
    owners: OwnerRegistry,
    lock: OwnerLock,
}

impl SqliteJournal {
    /// Where the journal of output folder `directory` lives.
    pub fn path_in(directory: &Path) -> PathBuf {
        directory.join(STATE_FOLDER).join(JOURNAL_FILE)
    }

    /// Opens (creating if needed) the journal of output folder `directory`, migrating an older schema and
    /// refusing a newer one, and takes a new owner lock.
    pub fn open(directory: &Path) -> Result<SqliteJournal, JournalError> {
        let path = Self::path_in(directory);
        let state = directory.join(STATE_FOLDER);
        std::fs::create_dir_all(&state).map_err(|source| JournalError::Io {
            path: state.clone(),
            source,
        })?;
        let owners = state.join(OWNERS_FOLDER);
        let lock = OwnerLock::acquire(&owners)?;
        let database = database_error(&path);
        let mut writer = connect(&path).map_err(&database)?;
        if let Migrated::TooNew(found) = schema::migrate(&mut writer).map_err(&database)? {
            return Err(JournalError::TooNew {
                path,
                found,
                supported: SCHEMA_VERSION,
            });
        }
        let reader = connect(&path).map_err(&database)?;
        Ok(SqliteJournal {
            writer: Mutex::new(writer),
            reader: Mutex::new(reader),
            owners: OwnerRegistry::new(owners),
            lock,
            path,
        })
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn writer(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave a transaction open: rusqlite rolls back on drop.
        self.writer.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn database(&self) -> impl Fn(rusqlite::Error) -> JournalError + '_ {
        database_error(&self.path)
    }

    /// Runs `change` in an IMMEDIATE transaction and commits it.
    fn write<T>(
        &self,
        change: impl FnOnce(&Transaction<'_>) -> Result<T, JournalError>,
    ) -> Result<T, JournalError> {
        let mut connection = self.writer();
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(self.database())?;
        let value = change(&transaction)?;
        transaction.commit().map_err(self.database())?;
        Ok(value)
    }

    /// This owner's reservation of `line`, or [`JournalError::ClaimLost`].
    fn claimed(&self, transaction: &Transaction<'_>, line: u64) -> Result<Held, JournalError> {
        transaction
            .query_row(
                "SELECT reserved_nanos, cost_nanos FROM jobs WHERE line = ?1 AND owner = ?2",
                params![to_sql_line(line), self.owner()],
                |row| {
                    Ok(Held {
                        reserved: row.get(0)?,
                        cost: row.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(self.database())?
            .ok_or(JournalError::ClaimLost { line })
    }

    fn move_totals(
        &self,
        transaction: &Transaction<'_>,
        held: i64,
        charged: i64,
    ) -> Result<(), JournalError> {
        transaction
            .execute(
                "UPDATE totals SET held_nanos = held_nanos + ?1, charged_nanos = charged_nanos + ?2",
                params![held, charged],
            )
            .map_err(self.database())?;
        Ok(())
    }

    fn corrupt(&self, message: String) -> JournalError {
        JournalError::Corrupt {
            path: self.path.clone(),
            message,
        }
    }

    fn read_row(&self, raw: RawRow) -> Result<JobRow, JournalError> {
        raw.into_row().map_err(|message| self.corrupt(message))
    }
}

/// A claimed row's reservation and cost, in nano units.
struct Held {
    reserved: Option<i64>,
    cost: Option<i64>,
}

impl JobStore for SqliteJournal {
    fn owner(&self) -> &str {
        self.lock.id()
    }

    fn begin_input(&self) -> Result<Box<dyn InputWriter + '_>, JournalError> {
        let connection = self.writer();
        // The input and its keys are the one commit made durable against power loss too (see module docs).
        connection
            .execute_batch("PRAGMA synchronous = FULL; BEGIN IMMEDIATE;")
            .map_err(self.database())?;
        let mut input = SqliteInput {
            journal: self,
            connection,
            recorded: None,
            open: true,
            now: now_ms(),
        };
        input.recorded = input
            .connection
            .query_row(
                "SELECT value FROM meta WHERE key = 'input_digest'",
                [],
                |row| row.get(0),
            )
            .optional()
            .map_err(self.database())?;
        Ok(Box::new(input))
    }

    fn claim_next(&self, budget: Option<i64>) -> Result<Claim, JournalError> {
        self.write(|transaction| {
            let (held, charged): (i64, i64) = transaction
                .query_row("SELECT held_nanos, charged_nanos FROM totals", [], |row| {
                    Ok((row.get(0)?, row.get(1)?))
                })
                .map_err(self.database())?;
            let mut statement = transaction
                .prepare_cached(
                    "SELECT line, owner, reserved_nanos, hold_nanos FROM jobs
                     WHERE state IN ('pending', 'created') AND (owner IS NULL OR owner <> ?1)
                     ORDER BY line",
                )
                .map_err(self.database())?;
            let mut rows = statement.query([self.owner()]).map_err(self.database())?;
            let (mut other_owners, mut waiting) = (false, false);
            let mut never_fit = Vec::new();
            let mut chosen = None;
            let mut alive: HashMap<String, bool> = HashMap::new();
            while let Some(row) = rows.next().map_err(self.database())? {
                let line: i64 = row.get(0).map_err(self.database())?;
                let owner: Option<String> = row.get(1).map_err(self.database())?;
                let reserved: Option<i64> = row.get(2).map_err(self.database())?;
                let hold: Option<i64> = row.get(3).map_err(self.database())?;
                if let Some(owner) = owner {
                    let is_alive = *alive
                        .entry(owner)
                        .or_insert_with_key(|owner| self.owners.is_alive(owner));
                    if is_alive {
                        other_owners = true;
                        continue;
                    }
                }
                if reserved.is_some() {
                    // Already counted against the budget: a resumed job starts whatever waits before it.
                    chosen = Some((line, None));
                    break;
                }
                if waiting {
                    // New reservations keep line order: nothing overtakes the row that waits.
                    continue;
                }
                let hold = hold.unwrap_or(0);
                match admit(held, charged, hold, budget) {
                    Admission::Start => {
                        chosen = Some((line, Some(hold)));
                        break;
                    }
                    Admission::Wait => waiting = true,
                    Admission::Never => never_fit.push(line),
                }
            }
            drop(rows);
            drop(statement);
            let now = now_ms();
            for line in never_fit {
                transaction
                    .execute(
                        "UPDATE jobs SET state = 'skipped_budget', owner = NULL, updated_at_ms = ?2,
                         last_error = 'its hold does not fit the budget, even with nothing else running'
                         WHERE line = ?1",
                        params![line, now],
                    )
                    .map_err(self.database())?;
            }
            let Some((line, reservation)) = chosen else {
                return Ok(if waiting || other_owners {
                    Claim::Wait {
                        budget: waiting,
                        other_owners,
                    }
                } else {
                    Claim::Done
                });
            };
            transaction
                .execute(
                    "UPDATE jobs SET owner = ?2, updated_at_ms = ?3,
                     reserved_nanos = COALESCE(reserved_nanos, ?4) WHERE line = ?1",
                    params![line, self.owner(), now, reservation],
                )
                .map_err(self.database())?;
            if let Some(hold) = reservation {
                self.move_totals(transaction, hold, 0)?;
            }
            let raw = transaction
                .query_row(
                    &format!("SELECT {ROW_COLUMNS} FROM jobs WHERE line = ?1"),
                    [line],
                    RawRow::read,
                )
                .map_err(self.database())?;
            Ok(Claim::Job(Box::new(self.read_row(raw)?)))
        })
    }

    fn mark_sending(&self, line: u64) -> Result<(), JournalError> {
        self.update_claimed(
            line,
            "UPDATE jobs SET attempts = attempts + 1, updated_at_ms = ?3 WHERE line = ?1 AND owner = ?2",
            &[],
        )
    }

    fn mark_created(&self, line: u64, operation: &str) -> Result<(), JournalError> {
        self.update_claimed(
            line,
            "UPDATE jobs SET state = 'created', operation = ?4, last_error = NULL, updated_at_ms = ?3
             WHERE line = ?1 AND owner = ?2",
            &[&operation],
        )
    }

    fn mark_succeeded(&self, line: u64, files: &[String]) -> Result<(), JournalError> {
        let files = serde_json::to_string(files)
            .map_err(|error| self.corrupt(format!("cannot encode file names: {error}")))?;
        self.write(|transaction| {
            let held = self.claimed(transaction, line)?;
            transaction
                .execute(
                    "UPDATE jobs SET state = 'succeeded', files = ?2, reserved_nanos = cost_nanos,
                     owner = NULL, last_error = NULL, updated_at_ms = ?3 WHERE line = ?1",
                    params![to_sql_line(line), files, now_ms()],
                )
                .map_err(self.database())?;
            self.move_totals(
                transaction,
                -held.reserved.unwrap_or(0),
                held.cost.unwrap_or(0),
            )
        })
    }

    fn mark_finished(&self, line: u64, outcome: Outcome, error: &str) -> Result<(), JournalError> {
        let state = match outcome {
            Outcome::Failed | Outcome::Abandoned => JobState::Failed,
            Outcome::Invalid => JobState::Invalid,
        };
        self.write(|transaction| {
            let reserved = self.claimed(transaction, line)?.reserved.unwrap_or(0);
            // An abandoned job may be billed: its hold stays counted, as spent.
            let (kept, charged) = match outcome {
                Outcome::Abandoned => ("reserved_nanos", reserved),
                Outcome::Failed | Outcome::Invalid => ("NULL", 0),
            };
            transaction
                .execute(
                    &format!(
                        "UPDATE jobs SET state = ?2, last_error = ?3, reserved_nanos = {kept},
                         owner = NULL, updated_at_ms = ?4 WHERE line = ?1"
                    ),
                    params![to_sql_line(line), state.as_str(), error, now_ms()],
                )
                .map_err(self.database())?;
            self.move_totals(transaction, -reserved, charged)
        })
    }

    fn mark_unfinished(&self, line: u64, error: &str) -> Result<(), JournalError> {
        self.update_claimed(
            line,
            "UPDATE jobs SET last_error = ?4, updated_at_ms = ?3 WHERE line = ?1 AND owner = ?2",
            &[&error],
        )
    }

    fn counts(&self) -> Result<JournalCounts, JournalError> {
        let connection = self.reader.lock().unwrap_or_else(PoisonError::into_inner);
        let mut counts = JournalCounts::default();
        let mut statement = connection
            .prepare_cached("SELECT state, COUNT(*) FROM jobs GROUP BY state")
            .map_err(self.database())?;
        let mut rows = statement.query([]).map_err(self.database())?;
        while let Some(row) = rows.next().map_err(self.database())? {
            let state: String = row.get(0).map_err(self.database())?;
            let count: i64 = row.get(1).map_err(self.database())?;
            let state = JobState::parse(&state)
                .ok_or_else(|| self.corrupt(format!("unknown state {state:?}")))?;
            counts
                .by_state
                .insert(state, usize::try_from(count).unwrap_or(0));
        }
        let mut statement = connection
            .prepare_cached(
                "SELECT currency, SUM(cost_nanos) FROM jobs
                 WHERE state = 'succeeded' AND currency IS NOT NULL GROUP BY currency",
            )
            .map_err(self.database())?;
        let mut rows = statement.query([]).map_err(self.database())?;
        while let Some(row) = rows.next().map_err(self.database())? {
            let currency: String = row.get(0).map_err(self.database())?;
            let nanos: Option<i64> = row.get(1).map_err(self.database())?;
            counts
                .charged
                .insert(currency, amount_from_nanos(nanos.unwrap_or(0)));
        }
        Ok(counts)
    }

    fn for_each_job(
        &self,
        visit: &mut dyn FnMut(&JobRow) -> Result<(), JournalError>,
    ) -> Result<(), JournalError> {
        let connection = self.reader.lock().unwrap_or_else(PoisonError::into_inner);
        let mut statement = connection
            .prepare_cached(&format!("SELECT {ROW_COLUMNS} FROM jobs ORDER BY line"))
            .map_err(self.database())?;
        let mut rows = statement.query([]).map_err(self.database())?;
        while let Some(row) = rows.next().map_err(self.database())? {
            let raw = RawRow::read(row).map_err(self.database())?;
            visit(&self.read_row(raw)?)?;
        }
        Ok(())
    }
}

impl SqliteJournal {
    /// Runs one UPDATE of a row this owner holds, bound to `?1` line, `?2` owner, `?3` now, then `extra`.
    fn update_claimed(
        &self,
        line: u64,
        sql: &str,
        extra: &[&dyn ToSql],
    ) -> Result<(), JournalError> {
        let (line_value, owner, now) = (to_sql_line(line), self.owner(), now_ms());
        let mut bound: Vec<&dyn ToSql> = vec![&line_value, &owner, &now];
        bound.extend_from_slice(extra);
        let changed = self
            .writer()
            .execute(sql, bound.as_slice())
            .map_err(self.database())?;
        if changed == 0 {
            return Err(JournalError::ClaimLost { line });
        }
        Ok(())
    }
}
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    let mode: String = connection.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(rusqlite::Error::InvalidParameterName(format!(
            "the journal cannot use WAL mode here (got {mode})"
        )));
    }
    connection.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(connection)
}

fn to_sql_line(line: u64) -> i64 {
    i64::try_from(line).unwrap_or(i64::MAX)
}

fn database_error(path: &Path) -> impl Fn(rusqlite::Error) -> JournalError + use<> {
    let path = path.to_owned();
    move |source| JournalError::Database {
        path: path.clone(),
        source: Box::new(source),
    }
}
