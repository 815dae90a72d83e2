"""The work-activity attendance register: one day per participant, which the same-day rule reads.

A day is present (with the work-activity allowance, työosuusraha), absent, or on
paid work. Recording a day again replaces it (one row per participant and day).
The allowance is only for a day present and never negative; above the tax-free
cap (``domain.conflicts.ALLOWANCE_TAX_FREE_CAP``) it is allowed but flagged in
the lists (``queries.attendance``).

Many days at once (the attendance import, ``interchange.attendance_import``) are
checked with :func:`check_values` and :func:`same_day_found` against facts read
once (:func:`same_day_facts`) and written in batches by :func:`save_days`.

The same-day rule (``services.same_day``) is checked the other way round here: a
day recorded present on which the participant already has paid hours warns, or
is refused when the centre's setting blocks. Approved hours mark their days as
paid work (:func:`mark_paid_work_days`, called by the approval).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db import bulk
from jobcenter_desktop.db.models import Attendance, Participant
from jobcenter_desktop.db.records import choose
from jobcenter_desktop.db.store import Store, Transaction, snapshot
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict, RecordedHours
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
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


def label(key: str) -> str:
    return _(LABELS[key])


class AttendanceDay(NamedTuple):
    """A participant's day as checked, ready to be recorded (a tuple: an import makes
    thousands)."""

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
        checked = check_values(checker, participant_id, day, status, allowance, start, end)
        checker.raise_if_any()
        assert checked is not None
        found = [
            conflict
            for _data, conflict in same_day_found([checked], same_day_facts(tx.session, [checked]))
        ]
        if conflicts.refuses(found):
            raise same_day.SameDayRuleError(found)
        return RecordedDay(_save(tx, checked), found)


@dataclass(frozen=True)
class SameDayFacts:
    """What the same-day rule reads of the store for days being recorded: the ruled
    people among them, their paid hours on those days, and the centre's setting."""

    people: dict[int, same_day.Worker]
    hours: tuple[RecordedHours, ...]
    blocking: bool


def same_day_facts(session: Session, days: Sequence[AttendanceDay]) -> SameDayFacts:
    """The facts :func:`same_day_found` checks ``days`` against, read once."""
    present = [data for data in days if data.status is AttendanceStatus.PRESENT]
    if not present:
        return SameDayFacts({}, (), False)
    people = same_day.workers(session, {data.participant_id for data in present})
    # Only the days that could conflict need the hours read (decided once per kind of day).
    applies: dict[tuple[Any, ...], bool] = {}
    kept: list[AttendanceDay] = []
    for data in present:
        person = people.get(data.participant_id)
        if person is None:
            continue
        kind = (person.service_basis, data.status, data.allowance, data.start, data.end)
        found = applies.get(kind)
        if found is None:
            found = applies[kind] = conflicts.same_day_applies(person.service_basis, _fact(data))
        if found:
            kept.append(data)
    present = kept
    if not present:
        return SameDayFacts(people, (), False)
    wanted = {(data.participant_id, data.day) for data in present}
    hours = tuple(
        item
        for item in same_day.hours_of(
            session,
            {data.participant_id for data in present},
            min(data.day for data in present),
            max(data.day for data in present),
        )
        if (item.participant_id, item.day) in wanted
    )
    return SameDayFacts(people, hours, same_day.blocks(session) if hours else False)


def same_day_found(
    days: Sequence[AttendanceDay], facts: SameDayFacts
) -> list[tuple[AttendanceDay, Conflict]]:
    """The days recorded present, against the paid hours the people already have on them."""
    if not facts.hours:
        return []
    wanted = {
        (data.participant_id, data.day): data
        for data in days
        if data.status is AttendanceStatus.PRESENT
    }
    hours = [item for item in facts.hours if (item.participant_id, item.day) in wanted]
    days_of = {key: _fact(wanted[key]) for key in {(h.participant_id, h.day) for h in hours}}
    return [
        (wanted[(item.participant_id, item.day)], conflict)
        for item, conflict in same_day.check_hours(hours, facts.people, days_of, facts.blocking)
    ]


def _fact(data: AttendanceDay) -> conflicts.Attendance:
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


def check_values(
    checker: v.Checker,
    participant_id: int,
    day: date,
    status: AttendanceStatus | str,
    allowance: Decimal | str | None,
    start: time | str | None,
    end: time | str | None,
) -> AttendanceDay | None:
    """The day as typed, checked; the problems go to ``checker`` (None when there are any)."""
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
    return AttendanceDay(participant_id, day, chosen, amount, begin, finish)


def _time(checker: v.Checker, key: str, value: time | str | None) -> time | None:
    if isinstance(value, time):
        return value
    return checker.check(key, label(key), v.time_value, value)


def _save(tx: Transaction, data: AttendanceDay) -> int:
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


_COLUMNS = ("participant_id", "day", "status", "allowance", "start_time", "end_time")


def _values(data: AttendanceDay) -> dict[str, Any]:
    return dict(
        zip(
            _COLUMNS,
            (data.participant_id, data.day, data.status, data.allowance, data.start, data.end),
            strict=True,
        )
    )


def save_days(tx: Transaction, days: Sequence[AttendanceDay]) -> None:
    """Record the days, replacing those already recorded, in batches; audit each row.

    The caller holds the write lock (inside :meth:`Store.write`)."""
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
    ids = bulk.insert_rows(
        tx.session,
        Attendance,
        _COLUMNS,
        [tuple(values[name] for name in _COLUMNS) for values in added],
        ("participant_id", "day"),
    )
    audits: list[bulk.Audit] = [
        ("attendance", row_id, "create", None, after)
        for row_id, after in zip(ids, snapshot.many(ids, added), strict=True)
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


@dataclass(frozen=True)
class PaidWorkDays:
    """What :func:`mark_paid_work_days` did: the same-day rule's warnings, and the days it
    recorded anew as paid work (the attendance row's id by participant and day), which
    the approval's audit entries list (one row each would outweigh the days)."""

    warnings: list[Conflict]
    created: dict[tuple[int, date], int]


def mark_paid_work_days(tx: Transaction, entry_ids: Iterable[int]) -> PaidWorkDays:
    """Mark the days of these timesheet entries (being approved) as paid work.

    A day not recorded, or recorded absent, becomes paid work. A day recorded
    present keeps its allowance: paid work that shares it is the same-day rule's
    conflict (warned when the hours were recorded, reported by ``check``), never
    overwritten silently; when the centre's setting blocks, the approval is refused
    (:class:`~jobcenter_desktop.services.timesheets.same_day.SameDayRuleError`). A
    rehabilitative day present with the paid work outside its hours stays present.

    A day recorded absent is audited here (absent -> paid work); the days recorded
    anew are returned for the caller's audit entry (the approval's).
    """
    hours = same_day.hours_of_entries(tx.session, entry_ids)
    if not hours:
        return PaidWorkDays([], {})
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
    _write(tx, [change for change in changes if change[0] is not None])
    added = [values for recorded, values in changes if recorded is None]
    ids = bulk.insert_many(session, Attendance, added, ("participant_id", "day"))
    created = {
        (values["participant_id"], values["day"]): row_id
        for row_id, values in zip(ids, added, strict=True)
    }
    return PaidWorkDays(found, created)
