//! The ids an input has used so far, kept in a private temporary SQLite database (SQLite keeps a small page
//! cache and spills the rest to a temporary file), so checking that ids are unique takes the same memory for
//! ten thousand lines as for a million.

use crate::journal::JournalError;
use rusqlite::{Connection, OptionalExtension, params};
use std::path::PathBuf;

#[derive(Debug)]
pub(crate) struct SeenIds {
    connection: Connection,
}

impl SeenIds {
    pub fn new() -> Result<SeenIds, JournalError> {
        // An empty file name opens a temporary database, deleted when the connection closes.
        let connection = Connection::open("").map_err(database)?;
        // A 512 KiB page cache bounds the memory; one transaction for the whole input, never committed:
        // nothing of it needs to outlive the check.
        connection
            .execute_batch(
                "PRAGMA cache_size = -512;
                 CREATE TABLE ids (id TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
                 BEGIN;",
            )
            .map_err(database)?;
        Ok(SeenIds { connection })
    }

    /// Records that `line` uses `id`; answers the earlier line that used it, if one did.
    pub fn insert(&mut self, id: &str, line: u64) -> Result<Option<u64>, JournalError> {
        let line = i64::try_from(line).unwrap_or(i64::MAX);
        let inserted = self
            .connection
            .prepare_cached(
                "INSERT INTO ids (id, line) VALUES (?1, ?2) ON CONFLICT (id) DO NOTHING",
            )
            .and_then(|mut statement| statement.execute(params![id, line]))
            .map_err(database)?;
        if inserted == 1 {
            return Ok(None);
        }
        let first: Option<i64> = self
            .connection
            .query_row("SELECT line FROM ids WHERE id = ?1", [id], |row| row.get(0))
            .optional()
            .map_err(database)?;
        Ok(first.and_then(|first| u64::try_from(first).ok()))
    }
}

fn database(source: rusqlite::Error) -> JournalError {
    JournalError::Database {
        path: PathBuf::from("(the temporary index of ids)"),
        source: Box::new(source),
    }
}
