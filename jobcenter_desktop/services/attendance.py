"""The work-activity attendance register: one day per participant, which the same-day rule reads.

A day is present (with the work-activity allowance, työosuusraha), absent, or on
paid work. Recording a day again replaces it (one row per participant and day).
The allowance is only for a day present and never negative; above the tax-free
cap (``domain.conflicts.ALLOWANCE_TAX_FREE_CAP``) it is allowed but flagged in
the lists (``queries.attendance``).

``import_attendance`` reads a CSV or Excel file with the columns ``date``,
``participant_number``, ``status`` and (optional) ``allowance``: every row or none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from jobcenter_desktop.db.models import Attendance, Participant
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.importing import MAX_PROBLEMS
from jobcenter_desktop.services.records import choose
from jobcenter_desktop.services.store import Store, Transaction, snapshot
from jobcenter_desktop.services.tabular import ImportFileError, read_table

LABELS = {
    "participant": N_("Participant"),
    "participant_number": N_("Participant number"),
    "day": N_("Date"),
    "status": N_("Attendance"),
    "allowance": N_("Work-activity allowance"),
    "start": N_("Start time"),
    "end": N_("End time"),
}

# Headings the import accepts besides the code names.
ALIASES = {
    "päivämäärä": "date",
    "päivä": "date",
    "pvm": "date",
    "day": "date",
    "tekijänumero": "participant_number",
    "tekijän_numero": "participant_number",
    "participant": "participant_number",
    "tila": "status",
    "läsnäolo": "status",
    "työosuusraha": "allowance",
}
REQUIRED = ("date", "participant_number", "status")


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True, slots=True)
class _Day:
    participant_id: int
    day: date
    status: AttendanceStatus
    allowance: Decimal | None
    start: time | None
    end: time | None


def record_attendance(
    store: Store,
    participant_id: int,
    day: date,
    status: AttendanceStatus | str,
    allowance: Decimal | str | None = None,
    start: time | str | None = None,
    end: time | str | None = None,
) -> int:
    """Record (or replace) the participant's day; returns the attendance row's id."""
    with store.write() as tx:
        checker = v.Checker()
        participant = tx.session.get(Participant, participant_id)
        if participant is None:
            checker.add("participant", label("participant"), _("choose one of the options"))
        checked = _check(checker, participant_id, day, status, allowance, start, end)
        checker.raise_if_any()
        assert checked is not None
        return _save(tx, checked)


def clear_attendance(store: Store, participant_id: int, day: date) -> bool:
    """Remove the participant's recorded day (it is then "not recorded").

    Returns False, and writes nothing, when the day was not recorded.
    """
    with store.write() as tx:
        row = _recorded(tx, participant_id, day)
        if row is None:
            return False
        row_id, before = row.id, snapshot(row)
        tx.session.delete(row)
        tx.session.flush()
        tx.record("attendance", row_id, "delete", before, None)
        return True


def _recorded(tx: Transaction, participant_id: int, day: date) -> Attendance | None:
    return tx.session.scalars(
        select(Attendance).where(Attendance.participant_id == participant_id, Attendance.day == day)
    ).one_or_none()


def _check(
    checker: v.Checker,
    participant_id: int,
    day: date,
    status: AttendanceStatus | str,
    allowance: Decimal | str | None,
    start: time | str | None,
    end: time | str | None,
) -> _Day | None:
    chosen: AttendanceStatus | None
    if isinstance(status, AttendanceStatus):
        chosen = status
    else:
        chosen = choose(checker, "status", label("status"), AttendanceStatus, status)
    amount: Decimal | None
    if isinstance(allowance, Decimal):
        amount = checker.check("allowance", label("allowance"), v.money_amount, allowance)
    else:
        amount = checker.check("allowance", label("allowance"), v.money_amount, allowance)
    if amount is not None and chosen is not None and chosen is not AttendanceStatus.PRESENT:
        checker.add(
            "allowance",
            label("allowance"),
            _("is paid only for a day present"),
        )
    begin = _time(checker, "start", start)
    finish = _time(checker, "end", end)
    if (begin is None) != (finish is None) and not (checker.has("start") or checker.has("end")):
        key = "end" if finish is None else "start"
        checker.add(key, label(key), _("give both the start and the end, or neither"))
    elif begin is not None and finish is not None and finish <= begin:
        checker.add("end", label("end"), _("must be after the start time"))
    if checker.has_errors or chosen is None:
        return None
    return _Day(participant_id, day, chosen, amount, begin, finish)


def _time(checker: v.Checker, key: str, value: time | str | None) -> time | None:
    if isinstance(value, time):
        return value
    return checker.check(key, label(key), v.time_value, value)


def _save(tx: Transaction, data: _Day) -> int:
    row = _recorded(tx, data.participant_id, data.day)
    before = None if row is None else snapshot(row)
    if row is None:
        row = Attendance(participant_id=data.participant_id, day=data.day)
        tx.session.add(row)
    row.status = data.status
    row.allowance = data.allowance
    row.start_time = data.start
    row.end_time = data.end
    tx.session.flush()
    tx.record("attendance", row.id, "create" if before is None else "update", before, snapshot(row))
    return row.id


def import_attendance(store: Store, path: Path) -> int:
    """Import every row of ``path`` into the attendance register, or none; returns the count.

    Dates may be ISO (``2026-10-05``) or Finnish (``5.10.2026``); the allowance may
    use ``,`` or ``.``. A day already in the register is replaced. Raises
    :class:`ImportFileError` with one problem per line ("Row 3, Date: …").
    """
    table = read_table(path, ALIASES, REQUIRED)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    with store.write() as tx:
        numbers: dict[str, int] = {
            number: participant_id
            for number, participant_id in tx.session.execute(
                select(Participant.participant_number, Participant.id)
            )
        }
        problems: list[str] = []
        days: list[_Day] = []
        seen: dict[tuple[int, date], int] = {}
        for row_number, values in table.rows:
            checker = v.Checker()
            day = checker.check("day", label("day"), v.date_value, values.get("date", ""))
            if day is None and not checker.has("day"):
                checker.add("day", label("day"), _("is required"))
            number = checker.require(
                "participant_number",
                label("participant_number"),
                values.get("participant_number", ""),
            )
            participant_id = numbers.get(number) if number is not None else None
            if number is not None and participant_id is None:
                checker.add(
                    "participant_number",
                    label("participant_number"),
                    _("no participant has the number {number}").format(number=number),
                )
            checked = _check(
                checker,
                participant_id or 0,
                day or date.min,
                values.get("status", ""),
                values.get("allowance", ""),
                None,
                None,
            )
            if participant_id is not None and day is not None:
                first = seen.setdefault((participant_id, day), row_number)
                if first != row_number:
                    checker.add(
                        "day",
                        label("day"),
                        _("the same participant and day are also on row {row}").format(row=first),
                    )
            for message in checker.errors.values():
                problems.append(_("Row {row}, {problem}").format(row=row_number, problem=message))
            if len(problems) >= MAX_PROBLEMS:
                problems.append(_("… and perhaps more; correct these first."))
                break
            if not checker.has_errors and checked is not None:
                days.append(checked)
        if problems:
            raise ImportFileError(
                _("Nothing was imported from {file}. Correct these rows and try again:").format(
                    file=path.name
                ),
                problems,
            )
        for data in days:
            _save(tx, data)
        tx.record("attendance", None, "import", None, {"file": path.name, "rows": len(days)})
    return len(days)
