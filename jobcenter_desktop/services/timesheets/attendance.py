"""The work-activity attendance register: one day per participant, which the same-day rule reads.

A day is present (with the work-activity allowance, työosuusraha), absent, or on
paid work. Recording a day again replaces it (one row per participant and day).
The allowance is only for a day present and never negative; above the tax-free
cap (``domain.conflicts.ALLOWANCE_TAX_FREE_CAP``) it is allowed but flagged in
the lists (``queries.attendance``).

``import_attendance`` reads a CSV or Excel file with the columns ``date``,
``participant_number``, ``status`` and (optional) ``allowance``: every row or none.

The same-day rule (``services.same_day``) is checked the other way round here: a
day recorded present on which the participant already has paid hours warns, or
is refused when the centre's setting blocks. Approved hours mark their days as
paid work (:func:`mark_paid_work_days`, called by the approval).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, time
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db import bulk
from jobcenter_desktop.db.models import Attendance, Participant
from jobcenter_desktop.db.records import choose
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.domain.parse_cache import ParseCache
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.importing import MAX_PROBLEMS
from jobcenter_desktop.interchange.tabular import ImportFileError, read_table
from jobcenter_desktop.services.timesheets import same_day

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


@dataclass(frozen=True, slots=True)
class RecordedDay:
    """A recorded day's row id and the same-day rule's warnings about it (empty: none)."""

    id: int
    warnings: list[Conflict]


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
    return record_day(store, participant_id, day, status, allowance, start, end).id


def record_day(
    store: Store,
    participant_id: int,
    day: date,
    status: AttendanceStatus | str,
    allowance: Decimal | str | None = None,
    start: time | str | None = None,
    end: time | str | None = None,
) -> RecordedDay:
    """:func:`record_attendance`, with the same-day rule's warnings about the day.

    A day present on which the participant already has paid hours conflicts with
    them (the planner's sentence); when the centre's setting blocks,
    :class:`~jobcenter_desktop.services.timesheets.same_day.SameDayRuleError` refuses it.
    """
    with store.write() as tx:
        checker = v.Checker()
        participant = tx.session.get(Participant, participant_id)
        if participant is None:
            checker.add("participant", label("participant"), _("choose one of the options"))
        checked = _check(checker, participant_id, day, status, allowance, start, end)
        checker.raise_if_any()
        assert checked is not None
        found = [conflict for _data, conflict in _same_day_conflicts(tx.session, [checked])]
        if conflicts.refuses(found):
            raise same_day.SameDayRuleError(found)
        return RecordedDay(_save(tx, checked), found)


def _same_day_conflicts(session: Session, days: Sequence[_Day]) -> list[tuple[_Day, Conflict]]:
    """The days recorded present, against the paid hours the people already have on them."""
    present = [data for data in days if data.status is AttendanceStatus.PRESENT]
    if not present:
        return []
    people = same_day.workers(session, {data.participant_id for data in present})
    # Only the days that could conflict need the hours read.
    present = [
        data
        for data in present
        if data.participant_id in people
        and conflicts.same_day_applies(people[data.participant_id].service_basis, _fact(data))
    ]
    if not present:
        return []
    first = min(data.day for data in present)
    last = max(data.day for data in present)
    wanted = {(data.participant_id, data.day): data for data in present}
    facts = {key: _fact(data) for key, data in wanted.items()}
    hours = [
        item
        for item in same_day.hours_of(session, people, first, last)
        if (item.participant_id, item.day) in wanted
    ]
    return [
        (wanted[(item.participant_id, item.day)], conflict)
        for item, conflict in same_day.check_hours(hours, people, facts, same_day.blocks(session))
    ]


def _fact(data: _Day) -> conflicts.Attendance:
    return conflicts.Attendance(
        participant_id=data.participant_id,
        day=data.day,
        status=data.status.value,
        allowance=data.allowance,
        start=data.start,
        end=data.end,
    )


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


@dataclass(frozen=True, slots=True)
class AttendanceImportSummary:
    """How many days an import recorded, and the same-day rule's warnings ("Row 3, …")."""

    rows: int
    warnings: list[str]


def import_attendance(store: Store, path: Path) -> int:
    """Import every row of ``path`` into the attendance register, or none; returns the count.

    Dates may be ISO (``2026-10-05``) or Finnish (``5.10.2026``); the allowance may
    use ``,`` or ``.``. A day already in the register is replaced. Raises
    :class:`ImportFileError` with one problem per line ("Row 3, Date: …").
    """
    return import_attendance_file(store, path).rows


@dataclass
class _Parsed:
    row: int
    day: date | None
    number: str | None
    data: _Day | None
    # The row's problems so far, in the order the columns are checked.
    head: v.Checker
    rest: v.Checker


def import_attendance_file(store: Store, path: Path) -> AttendanceImportSummary:
    """:func:`import_attendance`, with the same-day rule's warnings.

    Rows are checked in memory against the participants' numbers and the paid hours
    already recorded, read once; the days are written in batches. A day present on
    which the participant has paid hours warns ("Row 3, same-day rule: …"), or, when
    the centre's setting blocks, refuses the whole file.
    """
    table = read_table(path, ALIASES, REQUIRED)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    # What each row says on its own is checked before the write lock is taken.
    cache: dict[tuple[str, str], tuple[v.Checker, _Day | None]] = {}
    dates = ParseCache()
    parsed = [_parse_row(number, values, cache, dates) for number, values in table.rows]
    with store.write() as tx:
        numbers: dict[str, int] = {
            number: participant_id
            for number, participant_id in tx.session.execute(
                select(Participant.participant_number, Participant.id)
            )
        }
        problems: list[str] = []
        days: list[tuple[int, _Day]] = []
        seen: dict[tuple[int, date], int] = {}
        for item in parsed:
            participant_id = numbers.get(item.number) if item.number is not None else None
            if item.number is not None and participant_id is None:
                item.head.add(
                    "participant_number",
                    label("participant_number"),
                    _("no participant has the number {number}").format(number=item.number),
                )
            messages = [*item.head.errors.values(), *item.rest.errors.values()]
            if participant_id is not None and item.day is not None:
                first = seen.setdefault((participant_id, item.day), item.row)
                if first != item.row:
                    messages.append(
                        f"{label('day')}: "
                        + _("the same participant and day are also on row {row}").format(row=first)
                    )
            for message in messages:
                problems.append(_("Row {row}, {problem}").format(row=item.row, problem=message))
            if len(problems) >= MAX_PROBLEMS:
                problems.append(_("… and perhaps more; correct these first."))
                break
            if not messages and item.data is not None and participant_id is not None:
                days.append((item.row, replace(item.data, participant_id=participant_id)))
        if problems:
            raise _refusal(path, problems)
        rows = {(data.participant_id, data.day): number for number, data in days}
        found = _same_day_conflicts(tx.session, [data for _number, data in days])
        lines = [
            _same_day_line(rows[(data.participant_id, data.day)], conflict)
            for data, conflict in found
        ]
        if conflicts.refuses([conflict for _data, conflict in found]):
            raise _refusal(
                path,
                [
                    line
                    for line, (_data, conflict) in zip(lines, found, strict=True)
                    if conflict.blocking
                ],
            )
        _save_many(tx, [data for _number, data in days])
        tx.record("attendance", None, "import", None, {"file": path.name, "rows": len(days)})
    return AttendanceImportSummary(len(days), lines)


def _parse_row(
    number: int,
    values: dict[str, str],
    cache: dict[tuple[str, str], tuple[v.Checker, _Day | None]],
    dates: ParseCache,
) -> _Parsed:
    head = v.Checker()
    day = head.check("day", label("day"), dates.date_value, values.get("date", ""))
    if day is None and not head.has("day"):
        head.add("day", label("day"), _("is required"))
    participant = head.require(
        "participant_number", label("participant_number"), values.get("participant_number", "")
    )
    key = (values.get("status", ""), values.get("allowance", ""))
    if key not in cache:
        # The status and allowance are checked once per distinct pair of texts.
        checked = v.Checker()
        cache[key] = (checked, _check(checked, 0, date.min, key[0], key[1], None, None))
    rest, template = cache[key]
    data = None if template is None or day is None else replace(template, day=day)
    return _Parsed(number, day, participant, data, head, rest)


def _refusal(path: Path, problems: list[str]) -> ImportFileError:
    return ImportFileError(
        _("Nothing was imported from {file}. Correct these rows and try again:").format(
            file=path.name
        ),
        problems,
    )


def _same_day_line(row: int, conflict: Conflict) -> str:
    return _("Row {row}, same-day rule: {problem}").format(row=row, problem=conflict.message)


def _existing(
    session: Session, participant_ids: Iterable[int], first: date, last: date
) -> dict[tuple[int, date], dict[str, Any]]:
    """The recorded days of the people from ``first`` to ``last`` (their column values)."""
    table = bulk.table_of(Attendance)
    found: dict[tuple[int, date], dict[str, Any]] = {}
    for part in bulk.chunks(participant_ids):
        for values in session.execute(
            select(table).where(
                table.c.participant_id.in_(part), table.c.day >= first, table.c.day <= last
            )
        ).mappings():
            found[(values["participant_id"], values["day"])] = dict(values)
    return found


def _values(data: _Day) -> dict[str, Any]:
    return {
        "participant_id": data.participant_id,
        "day": data.day,
        "status": data.status,
        "allowance": data.allowance,
        "start_time": data.start,
        "end_time": data.end,
    }


def _save_many(tx: Transaction, days: Sequence[_Day]) -> None:
    """Record the days, replacing those already recorded, in batches; audit each row."""
    if not days:
        return
    existing = _existing(
        tx.session,
        {data.participant_id for data in days},
        min(data.day for data in days),
        max(data.day for data in days),
    )
    _write(tx, [(existing.get((data.participant_id, data.day)), _values(data)) for data in days])


def _write(
    tx: Transaction, changes: Sequence[tuple[dict[str, Any] | None, dict[str, Any]]]
) -> None:
    """Insert the new days and update the recorded ones (``(recorded or None, values)``)."""
    snapshot = bulk.Snapshots(Attendance)
    added = [values for recorded, values in changes if recorded is None]
    ids = bulk.insert_many(tx.session, Attendance, added, ("participant_id", "day"))
    audits: list[bulk.Audit] = [
        ("attendance", row_id, "create", None, snapshot(row_id, values))
        for row_id, values in zip(ids, added, strict=True)
    ]
    updated = [
        {**recorded, **values}
        for recorded, values in changes
        if recorded is not None and any(recorded[key] != value for key, value in values.items())
    ]
    bulk.update_many(
        tx.session,
        Attendance,
        [{"id": row["id"], **{key: row[key] for key in changes[0][1]}} for row in updated],
    )
    recorded_by_id = {recorded["id"]: recorded for recorded, _values in changes if recorded}
    audits += [
        (
            "attendance",
            row["id"],
            "update",
            snapshot(row["id"], recorded_by_id[row["id"]]),
            snapshot(row["id"], row),
        )
        for row in updated
    ]
    bulk.record_many(tx, audits)


def mark_paid_work_days(tx: Transaction, entry_ids: Iterable[int]) -> list[Conflict]:
    """Mark the days of these timesheet entries (being approved) as paid work; returns warnings.

    A day not recorded, or recorded absent, becomes paid work. A day recorded
    present keeps its allowance: paid work that shares it is the same-day rule's
    conflict (warned when the hours were recorded, reported by ``check``), never
    overwritten silently; when the centre's setting blocks, the approval is refused
    (:class:`~jobcenter_desktop.services.timesheets.same_day.SameDayRuleError`). A
    rehabilitative day present with the paid work outside its hours stays present.
    """
    hours = same_day.hours_of_entries(tx.session, entry_ids)
    if not hours:
        return []
    session = tx.session
    people = {item.participant_id for item in hours}
    existing = _existing(
        session, people, min(item.day for item in hours), max(item.day for item in hours)
    )
    facts = {
        key: conflicts.Attendance(
            participant_id=row["participant_id"],
            day=row["day"],
            status=AttendanceStatus(row["status"]).value,
            allowance=row["allowance"],
            start=row["start_time"],
            end=row["end_time"],
        )
        for key, row in existing.items()
    }
    found = [
        conflict
        for _item, conflict in same_day.check_hours(
            hours, same_day.workers(session, people), facts, same_day.blocks(session)
        )
    ]
    if conflicts.refuses(found):
        raise same_day.SameDayRuleError(found)
    paid_work = {
        "status": AttendanceStatus.PAID_WORK,
        "allowance": None,
        "start_time": None,
        "end_time": None,
    }
    changes: list[tuple[dict[str, Any] | None, dict[str, Any]]] = []
    for key in sorted({(item.participant_id, item.day) for item in hours}):
        recorded = existing.get(key)
        if recorded is None or AttendanceStatus(recorded["status"]) is AttendanceStatus.ABSENT:
            changes.append((recorded, {"participant_id": key[0], "day": key[1], **paid_work}))
    _write(tx, changes)
    return found
