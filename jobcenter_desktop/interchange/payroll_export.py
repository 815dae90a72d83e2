"""A pay run's files: the payroll export, the fee list, the summary, the allowance list
and the bank transfer file, made from the run's plan (``services.pay.runs``).

Files, in the folder given (``PERIOD`` is ``2026-11`` for a month; ``STEM`` is
``run-7`` for confirmed run 7 and ``preview`` for a preview):

``payroll-PERIOD-STEM.csv`` and ``.xlsx``
    The wage basis, for a payroll service to import: one row per person and hourly
    pay (a raise in mid-month gives two rows). Columns :data:`PAYROLL_HEADERS`;
    ``identity_code`` is there only when the centre's setting says the payroll needs it.
``fees-PERIOD-STEM.csv``
    The fee basis (paid through an invoicing service): one row per person.
``summary-PERIOD-STEM.csv``
    Everyone the run pays hours of, by pay basis: the customer-employed and "none" with
    their earnings and zero paid through the centre.
``allowances-PERIOD-STEM.csv``
    The work-activity allowance of the period's days present, per person: the
    tax-free part (12 € a day) and the excess over it, and whether it is paid by bank
    transfer (``bank_transfer``) or cannot be (``no_iban``).
``transfers-PERIOD-STEM.xml``
    The SEPA credit transfer (pain.001.001.03) of the allowances, and of the wages when
    the centre pays them itself, to the participants' IBANs; people without an IBAN
    are left out and named in :attr:`RunOutput.not_payable`.

CSV files follow the program's other exports (:func:`~.tabular.write_table`): ``;``,
UTF-8 with a byte-order mark, amounts with a dot and two decimals, hours as decimal
hours (``7.50``), dates ISO. A confirmed run keeps its tables as JSON and its bank file's
bytes, so :func:`write_files` gives the same files again byte for byte.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain.enums import PayBasis
from jobcenter_desktop.domain.search import number_order
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.sepa_transfer import (
    Debtor,
    SepaTransferError,
    Transfer,
    credit_transfer_xml,
)
from jobcenter_desktop.interchange.tabular import write_table
from jobcenter_desktop.services.pay import runs
from jobcenter_desktop.services.pay.runs import PayRunPlan, RunFiles

ZERO = Decimal("0.00")
HUNDREDTH = Decimal("0.01")
PAYROLL_HEADERS = (
    "person_number",
    "name",
    "identity_code",
    "hours",
    "hourly_pay",
    "gross",
    "period_start",
    "period_end",
)
FEE_HEADERS = ("person_number", "name", "hours", "fee", "period_start", "period_end")
SUMMARY_HEADERS = ("person_number", "name", "pay_basis", "hours", "earnings", "paid_by_centre")
ALLOWANCE_HEADERS = (
    "person_number",
    "name",
    "days_present",
    "allowance",
    "tax_free",
    "excess",
    "iban",
    "payment",
)
BANK_TRANSFER = "bank_transfer"
NO_IBAN = "no_iban"
#: The tables by file kind, and which are written as .xlsx too.
KINDS = ("payroll", "fees", "summary", "allowances")
EXCEL_KINDS = frozenset({"payroll", "fees"})
_ID_SAFE = re.compile(r"[^A-Za-z0-9\-]")


def hours(minutes: int) -> str:
    """Minutes as decimal hours with two decimals, half up: 450 → ``7.50``."""
    return f"{(Decimal(minutes) / 60).quantize(HUNDREDTH, rounding=ROUND_HALF_UP):.2f}"


def _amount(value: Decimal) -> str:
    return f"{value:.2f}"


def stem(plan: PayRunPlan) -> str:
    """``2026-11-run-7`` for a confirmed run, ``2026-11-preview`` for a preview."""
    return f"{plan.period}-" + ("preview" if plan.number is None else f"run-{plan.number}")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numbers: tuple[int, ...] = ()
    money: tuple[int, ...] = ()


@dataclass(frozen=True)
class RunOutput:
    """A run's files in memory: the tables, the bank file (None when nothing is paid by
    transfer or it cannot be made), what it transfers and who cannot be paid by transfer."""

    stem: str
    tables: dict[str, Table]
    transfers_xml: bytes | None
    transfers: Decimal
    not_payable: tuple[str, ...]
    problems: tuple[str, ...]


def _by_person(plan: PayRunPlan, basis: PayBasis | None = None) -> dict[int, list[runs.Line]]:
    found: dict[int, list[runs.Line]] = defaultdict(list)
    for line in plan.lines:
        if basis is None or line.pay_basis is basis:
            found[line.participant_id].append(line)
    return found


def _order(plan: PayRunPlan, ids: Any) -> list[int]:
    """By participant number, numbers in numeric order (2 before 10)."""

    return sorted(ids, key=lambda pid: (number_order(plan.people[pid].number), pid))


def payroll_table(plan: PayRunPlan) -> Table:
    headers = list(PAYROLL_HEADERS)
    if not plan.identity_codes:
        headers.remove("identity_code")
    rows = []
    lines = _by_person(plan, PayBasis.WAGE)
    for pid in _order(plan, lines):
        person = plan.people[pid]
        by_rate: dict[Decimal | None, tuple[int, Decimal]] = {}
        for line in lines[pid]:
            minutes, gross = by_rate.get(line.hourly_pay, (0, ZERO))
            by_rate[line.hourly_pay] = (minutes + line.minutes, gross + line.gross)
        for rate, (minutes, gross) in sorted(by_rate.items(), key=lambda i: i[0] or ZERO):
            row = [person.number, person.name]
            if plan.identity_codes:
                row.append(person.identity_code)
            row += [
                hours(minutes),
                "" if rate is None else _amount(rate),
                _amount(gross),
                plan.start.isoformat(),
                plan.end.isoformat(),
            ]
            rows.append(row)
    shift = 1 if plan.identity_codes else 0
    return Table(headers, rows, numbers=(2 + shift,), money=(3 + shift, 4 + shift))


def fees_table(plan: PayRunPlan) -> Table:
    lines = _by_person(plan, PayBasis.FEE)
    rows = [
        [
            plan.people[pid].number,
            plan.people[pid].name,
            hours(sum(line.minutes for line in lines[pid])),
            _amount(sum((line.gross for line in lines[pid]), ZERO)),
            plan.start.isoformat(),
            plan.end.isoformat(),
        ]
        for pid in _order(plan, lines)
    ]
    return Table(list(FEE_HEADERS), rows, numbers=(2,), money=(3,))


def summary_table(plan: PayRunPlan) -> Table:
    lines = _by_person(plan)
    rows = []
    for pid in _order(plan, lines):
        mine = lines[pid]
        rows.append(
            [
                plan.people[pid].number,
                plan.people[pid].name,
                plan.people[pid].pay_basis.value,
                hours(sum(line.minutes for line in mine)),
                _amount(sum((line.earnings for line in mine), ZERO)),
                _amount(sum((line.gross for line in mine), ZERO)),
            ]
        )
    return Table(list(SUMMARY_HEADERS), rows, numbers=(3,), money=(4, 5))


def allowance_table(plan: PayRunPlan) -> Table:
    days: dict[int, list[runs.AllowanceDay]] = defaultdict(list)
    for day in plan.allowances:
        days[day.participant_id].append(day)
    rows = []
    for pid in _order(plan, days):
        person = plan.people[pid]
        mine = days[pid]
        rows.append(
            [
                person.number,
                person.name,
                str(len(mine)),
                _amount(sum((d.amount for d in mine), ZERO)),
                _amount(sum((d.tax_free for d in mine), ZERO)),
                _amount(sum((d.excess for d in mine), ZERO)),
                person.iban,
                BANK_TRANSFER if person.iban else NO_IBAN,
            ]
        )
    return Table(list(ALLOWANCE_HEADERS), rows, numbers=(2,), money=(3, 4, 5))


def _identifier(text: str) -> str:
    return _ID_SAFE.sub("", text)[:20] or "X"


def _transfers(plan: PayRunPlan) -> tuple[list[Transfer], list[str]]:
    """The payments of the bank file and the sentences for those who cannot be paid."""
    run = "DRAFT" if plan.number is None else str(plan.number)
    month = f"{plan.start.month}/{plan.start.year}"
    payments: list[Transfer] = []
    not_payable: list[str] = []
    allowance: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for day in plan.allowances:
        allowance[day.participant_id] += day.amount
    wages: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if plan.pays_wages_itself:
        for line in plan.lines:
            if line.pay_basis is PayBasis.WAGE:
                wages[line.participant_id] += line.gross
    for kind, amounts, message in (
        ("A", allowance, _("Work-activity allowance {month}")),
        ("W", wages, _("Wages {month}")),
    ):
        for pid in _order(plan, amounts):
            amount = amounts[pid]
            if amount <= 0:
                continue
            person = plan.people[pid]
            if not person.iban:
                not_payable.append(
                    _(
                        "{name} ({number}) has no account number (IBAN), so {amount} € of "
                        "{what} is not in the bank file. Enter the IBAN in the participant's "
                        "details and pay it by hand."
                    ).format(
                        name=person.name,
                        number=person.number,
                        amount=_amount(amount).replace(".", ","),
                        what=message.format(month=month).lower(),
                    )
                )
                continue
            payments.append(
                Transfer(
                    name=person.name,
                    iban=person.iban,
                    amount=amount,
                    end_to_end_id=f"PR{run}-{kind}-{_identifier(person.number)}",
                    remittance=message.format(month=month),
                )
            )
    return payments, not_payable


def run_output(
    plan: PayRunPlan, execution_date: date | None = None, strict: bool = False
) -> RunOutput:
    """The run's files in memory. ``strict``: a bank file that cannot be made refuses
    (a confirmed run); otherwise its problems are given back (a preview)."""
    tables = {
        "payroll": payroll_table(plan),
        "fees": fees_table(plan),
        "summary": summary_table(plan),
        "allowances": allowance_table(plan),
    }
    payments, not_payable = _transfers(plan)
    xml: bytes | None = None
    problems: list[str] = []
    if payments:
        debtor = plan.debtor
        try:
            if debtor is None:
                raise SepaTransferError(
                    [
                        _(
                            "The centre has no bank account for the payment file. Enter the "
                            "centre's account (IBAN) in Settings."
                        )
                    ]
                )
            run = "DRAFT" if plan.number is None else str(plan.number)
            xml = credit_transfer_xml(
                Debtor(debtor.name, debtor.iban, debtor.bic),
                payments,
                execution_date or date.today(),
                f"PAYRUN-{run}-{plan.period}"[:35],
            )
        except SepaTransferError as error:
            if strict:
                raise
            problems.extend(error.problems)
    transferred = sum((p.amount for p in payments), ZERO) if xml is not None else ZERO
    return RunOutput(stem(plan), tables, xml, transferred, tuple(not_payable), tuple(problems))


def _document(output: RunOutput) -> str:
    return runs.run_document(
        {
            kind: {
                "headers": table.headers,
                "rows": table.rows,
                "numbers": list(table.numbers),
                "money": list(table.money),
            }
            for kind, table in output.tables.items()
        }
    )


def file_maker(execution_date: date | None = None) -> runs.FileMaker:
    """The files of a run being confirmed, made inside its transaction (``runs.confirm``)."""

    def make(plan: PayRunPlan) -> RunFiles:
        output = run_output(plan, execution_date, strict=True)
        return RunFiles(_document(output), output.transfers_xml, output.transfers)

    return make


def tables_of(document: str) -> dict[str, Table]:
    """The tables a confirmed run kept (its ``document``)."""
    data = json.loads(document)
    return {
        kind: Table(
            list(value["headers"]),
            [list(row) for row in value["rows"]],
            tuple(value["numbers"]),
            tuple(value["money"]),
        )
        for kind, value in data.items()
    }


def write_files(
    folder: Path, file_stem: str, tables: dict[str, Table], transfers_xml: bytes | None
) -> list[Path]:
    """Write the run's files into ``folder`` (made if missing); the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in KINDS:
        table = tables[kind]
        suffixes = (".csv", ".xlsx") if kind in EXCEL_KINDS else (".csv",)
        for suffix in suffixes:
            path = folder / f"{kind}-{file_stem}{suffix}"
            write_table(path, table.headers, table.rows, table.numbers, table.money)
            written.append(path)
    if transfers_xml is not None:
        path = folder / f"transfers-{file_stem}.xml"
        path.write_bytes(transfers_xml)
        written.append(path)
    return written


@dataclass(frozen=True)
class PayRunResult:
    """What ``pay-run`` made: the plan, the files written and the messages to show."""

    plan: PayRunPlan
    files: list[Path]
    transfers: Decimal
    not_payable: tuple[str, ...]
    problems: tuple[str, ...]
    confirmed: bool


def preview_pay_run(
    store: Store, start: date, end: date, folder: Path, execution_date: date | None = None
) -> PayRunResult:
    """Write the preview files of a run of ``start``–``end``; the store is not changed."""
    plan = runs.preview(store, start, end)
    output = run_output(plan, execution_date)
    files = write_files(folder, output.stem, output.tables, output.transfers_xml)
    problems = plan.warnings + output.problems
    return PayRunResult(plan, files, output.transfers, output.not_payable, problems, False)


def confirm_pay_run(
    store: Store,
    start: date,
    end: date,
    folder: Path,
    reason: str | None = None,
    execution_date: date | None = None,
) -> PayRunResult:
    """Confirm the run of ``start``–``end`` and write its files into ``folder``."""
    done = runs.confirm(store, start, end, file_maker(execution_date), reason)
    tables = tables_of(done.files.document)
    files = write_files(folder, stem(done.plan), tables, done.files.transfers_xml)
    _payments, not_payable = _transfers(done.plan)
    return PayRunResult(
        done.plan, files, done.files.transfers, tuple(not_payable), done.plan.warnings, True
    )
