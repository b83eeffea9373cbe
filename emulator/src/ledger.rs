//! Usage and billing records of the emulator: a hold when a job is created, then a charge when it succeeds
//! or a release when it fails. A charge settles its hold (anything held beyond the cost returns to the
//! balance). Amounts are exact decimals from [`omixa::estimate_validated`]; a model without a published
//! price holds and charges 0 and says so in the record's `note`.
//!
//! The totals count every record ever made; the list keeps only the most recent ones (a bound set by the
//! emulator's job limit), so a long run does not grow without end.

use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

/// What a usage record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageKind {
    /// The job's hold, made when it was created.
    Hold,
    /// The job's cost, charged when it succeeded (settling its hold).
    Charge,
    /// The job's hold, released when it failed.
    Release,
}

impl UsageKind {
    /// `hold`, `charge` or `release`, as in `GET /api/v1/usage`.
    pub fn as_str(self) -> &'static str {
        match self {
            UsageKind::Hold => "hold",
            UsageKind::Charge => "charge",
            UsageKind::Release => "release",
        }
    }
}

/// What a job is billed: decided once at create.
#[derive(Debug, Clone)]
pub struct Billing {
    /// The amount held at create: the cost, but at least the minimum hold.
    pub hold: Decimal,
    /// The amount charged at success.
    pub cost: Decimal,
    /// `None` for a model without a published price.
    pub currency: Option<&'static str>,
    /// Why nothing is billed, for an unpriced model.
    pub note: Option<String>,
}

impl Billing {
    pub fn from_estimate(estimate: &omixa::Estimate) -> Self {
        match estimate {
            omixa::Estimate::Priced(priced) => Billing {
                hold: priced.hold,
                cost: priced.cost,
                currency: Some(priced.currency),
                note: None,
            },
            omixa::Estimate::Unpriced(unpriced) => Billing {
                hold: Decimal::ZERO,
                cost: Decimal::ZERO,
                currency: None,
                note: Some(format!("{}; held and charged 0", unpriced.reason)),
            },
        }
    }
}

/// One line of `GET /api/v1/usage`.
#[derive(Debug, Clone, Serialize)]
pub struct UsageRecord {
    /// Position in the ledger, from 1.
    pub seq: u64,
    pub kind: UsageKind,
    pub operation: String,
    pub model: &'static str,
    /// The provider account that ran the job, when one did.
    pub account: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The body of `GET /api/v1/usage`.
#[derive(Debug, Serialize)]
pub struct UsageReport<'a> {
    /// The most recent records, oldest first.
    pub records: &'a [UsageRecord],
    /// Every record ever made, counted and summed.
    pub totals: &'a Totals,
    /// Creates that made a job.
    pub creates: u64,
    /// Creates answered with the job an earlier create of the same `Idempotency-Key` made.
    pub idempotent_replays: u64,
}

/// The ledger as data, for a program that runs the emulator in-process ([`Emulator::usage`]): what
/// `GET /api/v1/usage` answers.
///
/// [`Emulator::usage`]: crate::Emulator::usage
#[derive(Debug, Clone, Serialize)]
pub struct Usage {
    /// The most recent records, oldest first.
    pub records: Vec<UsageRecord>,
    /// Every record ever made, counted and summed.
    pub totals: Totals,
    /// Creates that made a job.
    pub creates: u64,
    /// Creates answered with the job an earlier create of the same `Idempotency-Key` made.
    pub idempotent_replays: u64,
}

impl UsageReport<'_> {
    /// A copy that outlives the ledger's lock.
    pub fn to_usage(&self) -> Usage {
        Usage {
            records: self.records.to_vec(),
            totals: self.totals.clone(),
            creates: self.creates,
            idempotent_replays: self.idempotent_replays,
        }
    }
}

/// Records counted and amounts summed since the emulator started.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Totals {
    pub holds: usize,
    pub charges: usize,
    pub releases: usize,
    /// Sums per currency.
    pub amounts: BTreeMap<&'static str, Amounts>,
}

/// Amounts of one currency.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Amounts {
    #[serde(with = "rust_decimal::serde::str")]
    pub held: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub charged: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub released: Decimal,
}

/// Records kept unless configured otherwise.
const DEFAULT_MAX_RECORDS: usize = 40_000;

/// The usage records, in the order they happened (the most recent `max_records`), and the totals of all.
#[derive(Debug)]
pub struct Ledger {
    records: VecDeque<UsageRecord>,
    max_records: usize,
    /// Records made so far, for `seq`.
    count: u64,
    totals: Totals,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger::with_max_records(DEFAULT_MAX_RECORDS)
    }
}

/// Which job a record is about.
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    pub operation: &'a str,
    pub model: &'static str,
    pub account: Option<&'a str>,
}

impl Ledger {
    /// A ledger listing at most `max_records` records (at least 1).
    pub fn with_max_records(max_records: usize) -> Self {
        Ledger {
            records: VecDeque::new(),
            max_records: max_records.max(1),
            count: 0,
            totals: Totals::default(),
        }
    }

    pub fn hold(&mut self, subject: Subject<'_>, billing: &Billing) {
        self.record(UsageKind::Hold, subject, billing.hold, billing);
    }

    pub fn charge(&mut self, subject: Subject<'_>, billing: &Billing) {
        self.record(UsageKind::Charge, subject, billing.cost, billing);
    }

    pub fn release(&mut self, subject: Subject<'_>, billing: &Billing) {
        self.record(UsageKind::Release, subject, billing.hold, billing);
    }

    fn record(
        &mut self,
        kind: UsageKind,
        subject: Subject<'_>,
        amount: Decimal,
        billing: &Billing,
    ) {
        self.count += 1;
        let totals = &mut self.totals;
        *match kind {
            UsageKind::Hold => &mut totals.holds,
            UsageKind::Charge => &mut totals.charges,
            UsageKind::Release => &mut totals.releases,
        } += 1;
        if let Some(currency) = billing.currency {
            let amounts = totals.amounts.entry(currency).or_default();
            *match kind {
                UsageKind::Hold => &mut amounts.held,
                UsageKind::Charge => &mut amounts.charged,
                UsageKind::Release => &mut amounts.released,
            } += amount;
        }
        if self.records.len() == self.max_records {
            self.records.pop_front();
        }
        self.records.push_back(UsageRecord {
            seq: self.count,
            kind,
            operation: subject.operation.to_owned(),
            model: subject.model,
            account: subject.account.map(str::to_owned),
            amount,
            currency: billing.currency,
            note: billing.note.clone(),
        });
    }

    pub fn report(&mut self) -> UsageReport<'_> {
        UsageReport {
            records: self.records.make_contiguous(),
            totals: &self.totals,
            creates: 0,
            idempotent_replays: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_count_and_sum_per_kind() {
        let billing = Billing {
            hold: Decimal::new(40, 2),
            cost: Decimal::new(40, 2),
            currency: Some("USD"),
            note: None,
        };
        let subject = Subject {
            operation: "op_1",
            model: "veo-3.1-lite-generate-001",
            account: Some("vertex-1"),
        };
        let mut ledger = Ledger::default();
        ledger.hold(subject, &billing);
        ledger.charge(subject, &billing);
        ledger.hold(
            Subject {
                operation: "op_2",
                ..subject
            },
            &billing,
        );
        ledger.release(
            Subject {
                operation: "op_2",
                ..subject
            },
            &billing,
        );
        let report = ledger.report();
        assert_eq!(
            (
                report.totals.holds,
                report.totals.charges,
                report.totals.releases
            ),
            (2, 1, 1)
        );
        let usd = &report.totals.amounts["USD"];
        assert_eq!(
            (
                usd.held.to_string(),
                usd.charged.to_string(),
                usd.released.to_string()
            ),
            ("0.80".into(), "0.40".into(), "0.40".into())
        );
        assert_eq!(report.records[3].seq, 4);
    }

    #[test]
    fn the_list_is_bounded_and_the_totals_count_everything() {
        let billing = Billing {
            hold: Decimal::ONE,
            cost: Decimal::ONE,
            currency: Some("USD"),
            note: None,
        };
        let mut ledger = Ledger::with_max_records(3);
        for n in 0..10 {
            let operation = format!("op_{n}");
            let subject = Subject {
                operation: &operation,
                model: "m",
                account: None,
            };
            ledger.hold(subject, &billing);
            ledger.charge(subject, &billing);
        }
        let report = ledger.report();
        let seqs: Vec<u64> = report.records.iter().map(|record| record.seq).collect();
        assert_eq!(seqs, [18, 19, 20]);
        assert_eq!((report.totals.holds, report.totals.charges), (10, 10));
        assert_eq!(report.totals.amounts["USD"].held, Decimal::TEN);
    }
}
