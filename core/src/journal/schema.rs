//! The journal's SQLite schema and its migrations. The version is the number of migrations applied, kept in
//! the `meta` table; a journal of a higher version than [`SCHEMA_VERSION`] was written by a newer SDK and is
//! refused (its rows may mean things this version does not know).

use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// Each entry brings the schema from version `index` to `index + 1`. Append only; never edit one.
const MIGRATIONS: &[&str] = &[
    // 1: jobs, input meta, budget totals.
    "CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE jobs (
        line            INTEGER PRIMARY KEY,
        id              TEXT NOT NULL UNIQUE,
        model           TEXT NOT NULL,
        request         TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        cost            TEXT,
        hold            TEXT,
        currency        TEXT,
        -- The hold and cost in nano units, and what the row counts against the budget now (NULL: nothing).
        hold_nanos      INTEGER,
        cost_nanos      INTEGER,
        reserved_nanos  INTEGER,
        operation       TEXT,
        state           TEXT NOT NULL CHECK (state IN
                            ('pending', 'created', 'succeeded', 'failed', 'skipped_budget', 'invalid')),
        files           TEXT NOT NULL DEFAULT '[]',
        attempts        INTEGER NOT NULL DEFAULT 0,
        last_error      TEXT,
        owner           TEXT,
        created_at_ms   INTEGER NOT NULL,
        updated_at_ms   INTEGER NOT NULL
    ) STRICT;
    -- Covers the claim's scan, so rows skipped on the way (in flight here or elsewhere) cost no table lookup.
    CREATE INDEX jobs_unfinished ON jobs (line, owner, reserved_nanos, hold_nanos, state)
        WHERE state IN ('pending', 'created');
    -- Sums of reserved_nanos, kept in step by every transaction that changes a reservation, so a claim
    -- checks the budget without summing the table: held by unfinished rows, and spent by finished ones.
    CREATE TABLE totals (
        singleton     INTEGER PRIMARY KEY CHECK (singleton = 0),
        held_nanos    INTEGER NOT NULL,
        charged_nanos INTEGER NOT NULL
    ) STRICT;
    INSERT INTO totals VALUES (0, 0, 0);",
];

/// The schema version this SDK writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// What opening found.
pub(super) enum Migrated {
    Current,
    /// The journal's version, higher than [`SCHEMA_VERSION`].
    TooNew(u32),
}

/// Applies the missing migrations in one IMMEDIATE transaction, so two processes opening a new journal at
/// once cannot both apply them.
pub(super) fn migrate(connection: &mut Connection) -> rusqlite::Result<Migrated> {
    let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let version = current_version(&transaction)?;
    if version > SCHEMA_VERSION {
        return Ok(Migrated::TooNew(version));
    }
    for migration in &MIGRATIONS[version as usize..] {
        transaction.execute_batch(migration)?;
    }
    transaction.execute(
        "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SCHEMA_VERSION.to_string()],
    )?;
    transaction.commit()?;
    Ok(Migrated::Current)
}

fn current_version(connection: &Connection) -> rusqlite::Result<u32> {
    let has_meta: bool = connection.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
        [],
        |row| row.get(0),
    )?;
    if !has_meta {
        return Ok(0);
    }
    let version: Option<String> = connection
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |row| row.get(0),
        )
        .optional()?;
    // An unreadable version is treated as newer than any: refusing is the safe answer.
    Ok(version.map_or(0, |text| text.parse().unwrap_or(u32::MAX)))
}
