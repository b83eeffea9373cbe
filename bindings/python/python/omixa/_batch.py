"""The values of a batch (``client.videos.batch``): its report, its plan (the dry run), its progress, and the
problems of an invalid input.

The batch runs in the Rust core's engine; these classes only give its answers Python types: amounts become
``Decimal`` (never floats), file names become ``Path``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping, Optional

__all__ = ["BatchJob", "BatchPlan", "BatchProblem", "BatchProgress", "BatchReport", "BatchTotals", "PlanAmounts"]


def _amounts(amounts: Mapping[str, Any]) -> dict[str, Decimal]:
    return {currency: Decimal(str(amount)) for currency, amount in amounts.items()}


def _amount(amount: Any) -> Optional[Decimal]:
    return None if amount is None else Decimal(str(amount))


@dataclass(frozen=True)
class BatchProblem:
    """One problem of one input item: its ``line`` (the item's position, from 1), the JSON pointer ``path``
    into the item (``/seconds``; ``/id`` for the id; empty for the whole item), a stable ``code`` (a
    validation issue code, or ``invalid_line``, ``invalid_id``, ``duplicate_id``) and a ``message``."""

    line: int
    path: str
    code: str
    message: str


@dataclass(frozen=True)
class BatchJob:
    """One job of a batch: the input ``line`` and ``id``, its ``status`` (``succeeded``, ``failed``,
    ``skipped_budget``, ``invalid``, or ``pending``/``created`` when a rerun has work left), the gateway's
    ``operation``, the estimated ``cost`` and its ``currency`` (``None`` for unpriced models), the downloaded
    ``files`` and the last ``error``."""

    line: int
    id: str
    status: str
    operation: Optional[str]
    cost: Optional[Decimal]
    currency: Optional[str]
    files: list[Path]
    error: Optional[str]

    @classmethod
    def _from_dict(cls, job: Mapping[str, Any]) -> BatchJob:
        return cls(
            line=job["line"],
            id=job["id"],
            status=job["status"],
            operation=job["operation"],
            cost=_amount(job["cost"]),
            currency=job["currency"],
            files=[Path(file) for file in job["files"]],
            error=job["error"],
        )


@dataclass(frozen=True)
class BatchTotals:
    """How many jobs ended each way (over every run of this output folder), and what succeeded jobs cost per
    currency."""

    succeeded: int
    failed: int
    skipped_budget: int
    invalid: int
    charged: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class BatchReport:
    """How a batch run ended.

    ``jobs`` and ``totals`` are the report the engine wrote to ``report_path`` (``OUT/batch-report.json``).
    ``unfinished`` counts the jobs this run did not finish (a timeout, a cancellation): calling ``batch`` again
    with the same requests and ``out`` resumes them. ``cancelled`` says the run was cancelled.
    """

    jobs: list[BatchJob]
    totals: BatchTotals
    report_path: Path
    journal_path: Optional[Path]
    total: int
    unfinished: int
    cancelled: bool

    @property
    def all_succeeded(self) -> bool:
        """Whether every job succeeded."""
        return self.totals.succeeded == self.total

    @classmethod
    def _from_native(cls, summary: Mapping[str, Any], report: Mapping[str, Any]) -> BatchReport:
        totals = report["totals"]
        journal = summary["journal"]
        return cls(
            jobs=[BatchJob._from_dict(job) for job in report["jobs"]],
            totals=BatchTotals(
                succeeded=totals["succeeded"],
                failed=totals["failed"],
                skipped_budget=totals["skipped_budget"],
                invalid=totals["invalid"],
                charged=_amounts(totals["charged"]),
            ),
            report_path=Path(summary["report"]),
            journal_path=None if journal is None else Path(journal),
            total=summary["total"],
            unfinished=summary["unfinished"],
            cancelled=summary["cancelled"],
        )


@dataclass(frozen=True)
class PlanAmounts:
    """The jobs of one currency in a plan, their total ``cost`` and total ``hold``."""

    jobs: int
    cost: Decimal
    hold: Decimal


@dataclass(frozen=True)
class BatchPlan:
    """A dry run's answer: every item checked, nothing sent. ``jobs`` counts the jobs, ``priced`` gives the
    cost and hold per currency, ``unpriced`` counts per model the jobs of models without a published price
    (not estimated), and ``budget`` is the budget given (checked to apply to these jobs)."""

    jobs: int
    priced: dict[str, PlanAmounts]
    unpriced: dict[str, int]
    budget: Optional[Decimal]

    @classmethod
    def _from_native(cls, plan: Mapping[str, Any]) -> BatchPlan:
        return cls(
            jobs=plan["jobs"],
            priced={
                currency: PlanAmounts(jobs=totals["jobs"], cost=Decimal(totals["cost"]), hold=Decimal(totals["hold"]))
                for currency, totals in plan["priced"].items()
            },
            unpriced=dict(plan["unpriced"]),
            budget=_amount(plan["budget"]),
        )


@dataclass(frozen=True)
class BatchProgress:
    """Where a batch is, passed to ``on_progress`` after every change. Counts come from the output folder's
    journal, so they include earlier runs: ``total`` jobs, ``done`` (will not change any more), ``running`` (in
    flight in this process), ``succeeded``, ``failed``, ``skipped_budget``, ``invalid``, what succeeded jobs
    cost per currency (``spent``) and the ``budget``."""

    total: int
    done: int
    running: int
    succeeded: int
    failed: int
    skipped_budget: int
    invalid: int
    spent: dict[str, Decimal]
    budget: Optional[Decimal]

    @classmethod
    def _from_native(cls, progress: Mapping[str, Any]) -> BatchProgress:
        return cls(
            total=progress["total"],
            done=progress["done"],
            running=progress["running"],
            succeeded=progress["succeeded"],
            failed=progress["failed"],
            skipped_budget=progress["skipped_budget"],
            invalid=progress["invalid"],
            spent=_amounts(progress["spent"]),
            budget=_amount(progress["budget"]),
        )


# Shown as `omixa.BatchReport` (where users import them from) in reprs.
for _name in __all__:
    globals()[_name].__module__ = "omixa"
del _name
