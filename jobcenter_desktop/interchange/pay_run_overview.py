"""A pay run as the window shows it: one row per person, the totals and what to check,
and the files of a confirmed run written again from what the store kept.

The window previews a period's run with :func:`overview` (nothing is written), confirms
it with :func:`~.payroll_export.confirm_pay_run`, and saves a confirmed run's files into
a folder with :func:`write_saved_run` (the same files, byte for byte, as when it was
confirmed).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.search import number_order
from jobcenter_desktop.interchange.payroll_export import run_output, tables_of, write_files
from jobcenter_desktop.queries.pay_runs import saved_run
from jobcenter_desktop.services.pay import runs
from jobcenter_desktop.services.pay.runs import PayRunPlan

ZERO = Decimal("0.00")


@dataclass(frozen=True, slots=True)
class PersonTotals:
    """What the run pays one person: hours and earnings by their pay basis, and the
    work-activity allowance of their days present; ``has_iban`` says whether the bank
    file can pay them."""

    id: int
    number: str
    name: str
    pay_basis: PayBasis
    minutes: int
    earnings: Decimal
    paid_by_centre: Decimal
    allowance_days: int
    allowance: Decimal
    has_iban: bool
    missing_pay: bool


@dataclass(frozen=True)
class RunOverview:
    """A preview of a period's run: the plan, a row per person, the money by bank
    transfer and the sentences to read before confirming (problems of the bank file,
    people without an account, hours without pay)."""

    plan: PayRunPlan
    people: tuple[PersonTotals, ...]
    transfers: Decimal
    messages: tuple[str, ...]


def people_totals(plan: PayRunPlan) -> list[PersonTotals]:
    """A row per person the run pays hours or allowance days of, by participant number."""
    lines = runs.lines_by_person(plan.lines)
    days: dict[int, list[runs.AllowanceDay]] = defaultdict(list)
    for day in plan.allowances:
        days[day.participant_id].append(day)
    rows = []
    for pid, person in plan.people.items():
        mine = lines.get(pid, [])
        rows.append(
            PersonTotals(
                id=pid,
                number=person.number,
                name=person.name,
                pay_basis=person.pay_basis,
                minutes=sum(line.minutes for line in mine if not line.is_difference),
                earnings=sum((line.earnings for line in mine), ZERO),
                paid_by_centre=sum((line.gross for line in mine), ZERO),
                allowance_days=len(days.get(pid, ())),
                allowance=sum((day.amount for day in days.get(pid, ())), ZERO),
                has_iban=bool(person.iban),
                missing_pay=any(line.hourly_pay is None for line in mine),
            )
        )
    return sorted(rows, key=lambda row: number_order(row.number))


def overview(store: Store, start: date, end: date) -> RunOverview:
    """What a run of ``start``–``end`` would pay now; nothing is written."""
    plan = runs.preview(store, start, end)
    output = run_output(plan)
    messages = (*plan.warnings, *output.problems, *output.not_payable)
    return RunOverview(plan, tuple(people_totals(plan)), output.transfers, messages)


def write_saved_run(store: Store, number: int, folder: Path) -> list[Path]:
    """Write confirmed run ``number``'s files into ``folder`` again, as they were made."""
    run = saved_run(store, number)
    file_stem = f"{run.period}-run-{run.number}"
    return write_files(folder, file_stem, tables_of(run.document), run.transfers_xml)
