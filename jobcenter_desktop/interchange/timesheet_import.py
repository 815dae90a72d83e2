"""Timesheet entries from a CSV or Excel file, all or nothing.

One row is one participant's hours on a contract's gig of a day: ``date,
contract_number, participant_number, start, end, break_minutes`` (Finnish
headings work too). The entry joins that contract's gig on that date (of
several, the one running at the entry's start, else the first); when the
contract has no gig that day, the import adds a one-off gig for it, from the
earliest start to the latest end of the day's rows, with those participants as
its crew. An imported entry replaces the same person's entry on the same gig.

Every row is checked before anything is saved: the date, the contract (known,
not ended, valid that day, its gig not cancelled), the participant, the times
and break, no approved hours replaced, and each person's whole day (no
overlaps with their other entries, at most 12 hours). Any problem refuses the
whole file with one sentence per problem naming its row.

The gigs the file records hours on are marked done (a new one-off gig is added
done). The same-day rule is checked as in the planner (``services.same_day``):
hours on a disability work-activity day present with allowance, or inside the
rehabilitative work-activity hours, warn ("Row 3, same-day rule: …"), or refuse
the whole file when the centre's setting blocks.

Speed: the rows are parsed before the write lock is taken, checked in memory
against keys read once (the participants and contracts named, the contracts'
gigs of the period, the people's other entries and attendance), and written in
batched INSERTs (``services.bulk``); a file of 10,000 rows takes a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from jobcenter_desktop.db import bulk
from jobcenter_desktop.db.models import (
    Contract,
    Customer,
    Gig,
    Participant,
    TimesheetEntry,
    gig_participant,
)
from jobcenter_desktop.db.store import Store, Transaction
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict, RecordedHours
from jobcenter_desktop.domain.enums import ContractStatus, GigStatus
from jobcenter_desktop.domain.gig_times import gig_interval
from jobcenter_desktop.domain.parse_cache import ParseCache
from jobcenter_desktop.domain.timesheets import Entry, billable_minutes, check_day, worked_minutes
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.importing import MAX_PROBLEMS
from jobcenter_desktop.interchange.tabular import ImportFileError, read_table
from jobcenter_desktop.services.planning.gigs import gig_snapshot
from jobcenter_desktop.services.timesheets import same_day

R = TypeVar("R")

HEADERS = ("date", "contract_number", "participant_number", "start", "end", "break_minutes")
REQUIRED = ("date", "contract_number", "participant_number", "start", "end")
ALIASES = {
    "päivämäärä": "date",
    "päivä": "date",
    "pvm": "date",
    "day": "date",
    "sopimus": "contract_number",
    "sopimusnumero": "contract_number",
    "contract": "contract_number",
    "tekijä": "participant_number",
    "tekijänumero": "participant_number",
    "tekijän_numero": "participant_number",
    "participant": "participant_number",
    "alku": "start",
    "alkuaika": "start",
    "start_time": "start",
    "loppu": "end",
    "loppuaika": "end",
    "päättymisaika": "end",
    "end_time": "end",
    "tauko": "break_minutes",
    "tauko_(min)": "break_minutes",
    "break": "break_minutes",
}

LABELS = {
    "date": N_("Date"),
    "contract_number": N_("Contract number"),
    "participant_number": N_("Participant number"),
    "start": N_("Start time"),
    "end": N_("End time"),
    "break_minutes": N_("Break (minutes)"),
}


def label(key: str) -> str:
    return _(LABELS[key])


@dataclass(frozen=True, slots=True)
class TimesheetImportSummary:
    """What an import recorded: entries, one-off gigs added, gigs marked done, and the
    same-day rule's warnings ("Row 3, same-day rule: …"; empty when none)."""

    entries: int
    gigs_created: int
    gigs_done: int = 0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Person:
    id: int
    name: str


@dataclass(slots=True)
class _GigRow:
    """A gig of the period, as far as the import needs it (``id`` 0: a new one-off gig)."""

    id: int
    contract_id: int
    day: date
    start_time: time
    duration_minutes: int
    status: GigStatus
    participant_ids: set[int] = field(default_factory=set)


@dataclass
class _Parsed:
    """A row as read, before the store is consulted; ``first`` and ``last`` hold the
    problems found in the columns before and after the looked-up numbers."""

    number: int
    day: date | None
    contract: str
    participant: str
    start: time | None
    end: time | None
    break_minutes: int
    worked: int | None
    first: v.Checker
    last: v.Checker


@dataclass
class _Row:
    number: int
    day: date
    contract: Contract
    participant: _Person
    start: time
    end: time
    break_minutes: int
    worked: int
    gig: _GigRow | None = None


def import_timesheets(store: Store, path: Path) -> TimesheetImportSummary:
    """Import every row of ``path`` as a timesheet entry, or none (:class:`ImportFileError`)."""
    table = read_table(path, ALIASES, REQUIRED)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    # What each row says on its own is checked before the write lock is taken.
    cache = ParseCache()
    parsed = [_parse_row(number, values, cache) for number, values in table.rows]
    with store.write() as tx:
        problems: list[str] = []
        rows = _parse(tx.session, parsed, problems)
        if not problems:
            _place(tx.session, rows, problems)
        if not problems:
            _check_days(tx.session, rows, problems)
        warnings: list[str] = []
        if not problems:
            warnings = _same_day(tx.session, rows, problems)
        if problems:
            if len(problems) > MAX_PROBLEMS:
                problems = [*problems[:MAX_PROBLEMS], _("… and perhaps more; correct these first.")]
            raise ImportFileError(
                _("Nothing was imported from {file}. Correct these rows and try again:").format(
                    file=path.name
                ),
                problems,
            )
        created, done = _save(tx, rows, path.name)
    return TimesheetImportSummary(len(rows), created, done, tuple(warnings))


def _field(name: str, text: str) -> str:
    return f"{name}: {text}"


def _problem(row: int, text: str) -> str:
    return _("Row {row}, {problem}").format(row=row, problem=text)


def _parse_row(number: int, values: dict[str, str], cache: ParseCache) -> _Parsed:
    first = v.Checker()
    day = _required(first, "date", cache.date_value, values.get("date", ""))
    last = v.Checker()
    start = _required(last, "start", cache.time_value, values.get("start", ""))
    end = _required(last, "end", cache.time_value, values.get("end", ""))
    pause = last.check(
        "break_minutes",
        label("break_minutes"),
        cache.non_negative_int,
        values.get("break_minutes", ""),
    )
    worked = None
    if start is not None and end is not None and not last.has("break_minutes"):
        try:
            worked = worked_minutes(start, end, pause or 0)
        except v.FieldError as error:
            key = "end" if end <= start else "break_minutes"
            last.add(key, label(key), error.message)
    return _Parsed(
        number,
        day,
        values.get("contract_number", ""),
        values.get("participant_number", ""),
        start,
        end,
        pause or 0,
        worked,
        first,
        last,
    )


def _parse(session: Session, records: list[_Parsed], problems: list[str]) -> list[_Row]:
    """The rows with their contracts and participants looked up in memory."""
    numbers = {item.contract.strip() for item in records}
    contracts = {
        row.contract_number: row
        for row in session.scalars(select(Contract).where(Contract.contract_number.in_(numbers)))
    }
    participants: dict[str, _Person] = {}
    for part in bulk.chunks({item.participant.strip() for item in records}):
        for person_id, number, first_name, last_name in session.execute(
            select(
                Participant.id,
                Participant.participant_number,
                Participant.first_name,
                Participant.last_name,
            ).where(Participant.participant_number.in_(part))
        ):
            participants[number] = _Person(person_id, f"{first_name} {last_name}")
    seen: dict[tuple[int, date, int], int] = {}
    rows: list[_Row] = []
    for item in records:
        checker = v.Checker()
        contract = None
        text = checker.require("contract_number", label("contract_number"), item.contract)
        if text is not None:
            contract = contracts.get(text)
            if contract is None:
                checker.add(
                    "contract_number",
                    label("contract_number"),
                    _("no contract has the number {number}").format(number=text),
                )
            elif contract.archived_at is not None:
                checker.add(
                    "contract_number", label("contract_number"), _("the contract is archived")
                )
        participant = None
        text = checker.require("participant_number", label("participant_number"), item.participant)
        if text is not None:
            participant = participants.get(text)
            if participant is None:
                checker.add(
                    "participant_number",
                    label("participant_number"),
                    _("no participant has the number {number}").format(number=text),
                )
        messages = [
            *item.first.errors.values(),
            *checker.errors.values(),
            *item.last.errors.values(),
        ]
        day = item.day
        if contract is not None and participant is not None and day is not None:
            first = seen.setdefault((contract.id, day, participant.id), item.number)
            if first != item.number and not checker.has("participant_number"):
                messages.append(
                    _field(
                        label("participant_number"),
                        _("the same participant, contract and date are also on row {row}").format(
                            row=first
                        ),
                    )
                )
        problems.extend(_problem(item.number, message) for message in messages)
        if (
            messages
            or day is None
            or contract is None
            or participant is None
            or item.start is None
            or item.end is None
            or item.worked is None
        ):
            continue
        rows.append(
            _Row(
                item.number,
                day,
                contract,
                participant,
                item.start,
                item.end,
                item.break_minutes,
                item.worked,
            )
        )
    return rows


def _required(checker: v.Checker, key: str, parse: Callable[[str], R], text: str) -> R | None:
    if not text.strip():
        checker.add(key, label(key), _("is required"))
        return None
    return checker.check(key, label(key), parse, text)


def _place(session: Session, rows: list[_Row], problems: list[str]) -> None:
    """Find each row's gig; check that a gig can be added where there is none."""
    if not rows:
        return
    first = min(row.day for row in rows)
    last = max(row.day for row in rows)
    days = {row.day for row in rows}
    gigs: dict[tuple[int, date], list[_GigRow]] = defaultdict(list)
    for part in bulk.chunks({row.contract.id for row in rows}):
        for gig_id, contract_id, day, start, minutes, status in session.execute(
            select(
                Gig.id, Gig.contract_id, Gig.day, Gig.start_time, Gig.duration_minutes, Gig.status
            )
            .where(Gig.contract_id.in_(part), Gig.day >= first, Gig.day <= last)
            .order_by(Gig.start_time, Gig.id)
        ):
            if day in days:
                gigs[(contract_id, day)].append(
                    _GigRow(gig_id, contract_id, day, start, minutes, status)
                )
    for row in rows:
        found = gigs.get((row.contract.id, row.day), [])
        open_gigs = [gig for gig in found if not gig.status.is_cancelled]
        if open_gigs:
            row.gig = _running_at(open_gigs, row.start)
        elif found:
            problems.append(
                _problem(
                    row.number,
                    _field(label("date"), _("the contract's gig on that date is cancelled")),
                )
            )
        elif row.contract.status is ContractStatus.ENDED:
            problems.append(
                _problem(
                    row.number,
                    _field(label("contract_number"), _("the contract has ended")),
                )
            )
        elif row.day < row.contract.valid_from or (
            row.contract.valid_to is not None and row.day > row.contract.valid_to
        ):
            problems.append(
                _problem(
                    row.number,
                    _field(label("date"), _("is outside the contract's validity")),
                )
            )
    _check_approved(session, rows, problems)


def _running_at(gigs: list[_GigRow], start: time) -> _GigRow:
    moment = datetime.combine(date.min, start)
    for gig in gigs:
        begin, end = gig_interval(date.min, gig.start_time, gig.duration_minutes)
        if begin <= moment < end:
            return gig
    return gigs[0]


def _check_approved(session: Session, rows: list[_Row], problems: list[str]) -> None:
    wanted = {(row.gig.id, row.participant.id): row for row in rows if row.gig is not None}
    if not wanted:
        return
    for part in bulk.chunks({gig_id for gig_id, _person in wanted}):
        approved = session.execute(
            select(TimesheetEntry.gig_id, TimesheetEntry.participant_id).where(
                TimesheetEntry.gig_id.in_(part),
                TimesheetEntry.approved_at.isnot(None),
            )
        )
        for gig_id, participant_id in approved:
            row = wanted.get((gig_id, participant_id or 0))
            if row is not None:
                problems.append(
                    _problem(
                        row.number,
                        _(
                            "{name}'s hours on this gig are approved and cannot be replaced. "
                            "Reopen them first."
                        ).format(name=row.participant.name),
                    )
                )


def _check_days(session: Session, rows: list[_Row], problems: list[str]) -> None:
    """Each person's day: the imported entries with their other entries that day."""
    by_day: dict[tuple[int, date], list[_Row]] = defaultdict(list)
    for row in rows:
        by_day[(row.participant.id, row.day)].append(row)
    replaced = {(row.gig.id, row.participant.id) for row in rows if row.gig is not None}
    others: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    first = min(row.day for row in rows)
    last = max(row.day for row in rows)
    for part in bulk.chunks({row.participant.id for row in rows}):
        for participant_id, gig_id, day, start, end, pause in session.execute(
            select(
                TimesheetEntry.participant_id,
                TimesheetEntry.gig_id,
                Gig.day,
                TimesheetEntry.start_time,
                TimesheetEntry.end_time,
                TimesheetEntry.break_minutes,
            )
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(
                TimesheetEntry.participant_id.in_(part),
                Gig.day >= first,
                Gig.day <= last,
            )
        ):
            key = (participant_id, day)
            if participant_id is None or key not in by_day or (gig_id, participant_id) in replaced:
                continue
            others[key].append(Entry(participant_id, gig_id, start, end, pause))
    for key, day_rows in by_day.items():
        entries = [
            Entry(
                key[0],
                row.gig.id if row.gig else -row.number,
                row.start,
                row.end,
                row.break_minutes,
            )
            for row in day_rows
        ]
        for text in check_day([*entries, *others.get(key, [])]):
            first_row = day_rows[0]
            problems.append(_problem(first_row.number, f"{first_row.participant.name}: {text}"))


def _same_day(session: Session, rows: list[_Row], problems: list[str]) -> list[str]:
    """The same-day rule for every row, in memory; blocking ones go to ``problems``.

    Returns the warnings (when the centre's setting does not block)."""
    people = same_day.workers(session, {row.participant.id for row in rows})
    ruled = [row for row in rows if row.participant.id in people]
    if not ruled:
        return []
    days = same_day.attendance_of(
        session, people, min(row.day for row in ruled), max(row.day for row in ruled)
    )
    customers: dict[int, str] = {
        contract_id: name
        for contract_id, name in session.execute(
            select(Contract.id, Customer.name)
            .join(Customer, Customer.id == Contract.customer_id)
            .where(Contract.id.in_({row.contract.id for row in ruled}))
        )
    }
    hours = {
        row.number: RecordedHours(
            row.participant.id,
            row.gig.id if row.gig is not None else 0,
            row.day,
            row.start,
            row.end,
            same_day.gig_label(row.contract.title, customers.get(row.contract.id, "")),
        )
        for row in ruled
        if (row.participant.id, row.day) in days
    }
    found: list[tuple[int, Conflict]] = []
    by_hours = {id(item): number for number, item in hours.items()}
    for item, conflict in same_day.check_hours(
        hours.values(), people, days, same_day.blocks(session)
    ):
        found.append((by_hours[id(item)], conflict))
    lines = [
        (
            _("Row {row}, same-day rule: {problem}").format(row=number, problem=conflict.message),
            conflict,
        )
        for number, conflict in found
    ]
    if conflicts.refuses([conflict for _number, conflict in found]):
        problems.extend(line for line, conflict in lines if conflict.blocking)
        return []
    return [line for line, _conflict in lines]


def _save(tx: Transaction, rows: list[_Row], file_name: str) -> tuple[int, int]:
    """Write the rows; returns how many one-off gigs were added and how many marked done."""
    session = tx.session
    done = _mark_done(tx, {row.gig.id: row.gig for row in rows if row.gig is not None})
    new_gigs = _add_gigs(tx, rows, file_name)
    gigs = {row.gig.id: row.gig for row in rows if row.gig is not None}
    _load_crews(session, [gig for gig in gigs.values() if gig.id not in new_gigs])
    replaced = {(row.gig.id, row.participant.id) for row in rows if row.gig is not None}
    table = bulk.table_of(TimesheetEntry)
    snapshot = bulk.Snapshots(TimesheetEntry)
    removed: list[dict[str, Any]] = []
    for part in bulk.chunks(gigs):
        for values in session.execute(select(table).where(table.c.gig_id.in_(part))).mappings():
            if (values["gig_id"], values["participant_id"]) in replaced:
                removed.append(snapshot(values["id"], dict(values)))
    bulk.delete_ids(session, TimesheetEntry, [entry["id"] for entry in removed])
    unplanned = _("Imported from {file}").format(file=file_name)
    values_list: list[dict[str, Any]] = []
    for row in rows:
        target = row.gig
        assert target is not None
        values_list.append(
            {
                "gig_id": target.id,
                "participant_id": row.participant.id,
                "instructor_id": None,
                "start_time": row.start,
                "end_time": row.end,
                "break_minutes": row.break_minutes,
                "worked_minutes": row.worked,
                "billable_minutes": billable_minutes(row.worked, row.contract.rounding_minutes),
                "note": "",
                "unplanned_reason": (
                    "" if row.participant.id in target.participant_ids else unplanned
                ),
                "approved_at": None,
                "approved_by": "",
            }
        )
    ids = bulk.insert_many(session, TimesheetEntry, values_list, ("gig_id", "participant_id"))
    tx.record(
        "timesheet",
        None,
        "import",
        {"entries": removed} if removed else None,
        {
            "file": file_name,
            "gigs_created": len(new_gigs),
            "gigs_done": done,
            "entries": [
                snapshot(entry_id, values)
                for entry_id, values in zip(ids, values_list, strict=True)
            ],
        },
    )
    return len(new_gigs), done


def _mark_done(tx: Transaction, gigs: dict[int, _GigRow]) -> int:
    """Mark the planned gigs the file records hours on as done; returns how many."""
    planned = sorted(gig_id for gig_id, gig in gigs.items() if gig.status is GigStatus.PLANNED)
    table = bulk.table_of(Gig)
    for part in bulk.chunks(planned):
        tx.session.execute(
            update(table)
            .where(table.c.id.in_(part), table.c.status == GigStatus.PLANNED)
            .values(status=GigStatus.DONE)
        )
    for gig_id in planned:
        gigs[gig_id].status = GigStatus.DONE
    bulk.record_many(
        tx,
        [
            (
                "gig",
                gig_id,
                "done",
                {"status": GigStatus.PLANNED.value},
                {"status": GigStatus.DONE.value},
            )
            for gig_id in planned
        ],
    )
    return len(planned)


def _add_gigs(tx: Transaction, rows: list[_Row], file_name: str) -> set[int]:
    """A done one-off gig for each contract and day without one; returns their ids."""
    missing: dict[tuple[int, date], list[_Row]] = defaultdict(list)
    for row in rows:
        if row.gig is None:
            missing[(row.contract.id, row.day)].append(row)
    if not missing:
        return set()
    people = {
        person.id: person
        for person in tx.session.scalars(
            select(Participant).where(
                Participant.id.in_(
                    {row.participant.id for same in missing.values() for row in same}
                )
            )
        )
    }
    added: list[tuple[Gig, list[_Row]]] = []
    for (_contract_id, day), same in missing.items():
        contract = same[0].contract
        start = min(r.start for r in same)
        end = max(r.end for r in same)
        span = datetime.combine(day, end) - datetime.combine(day, start)
        gig = Gig(
            contract_id=contract.id,
            scheduled_on=None,
            day=day,
            start_time=start,
            duration_minutes=int(span.total_seconds()) // 60,
            work_site_id=contract.work_site_id,
            planned_crew_size=contract.planned_crew_size,
            # Its hours are recorded by this very import.
            status=GigStatus.DONE,
            cancel_reason="",
            cancel_billable=False,
            note=_("Added by the timesheet import from {file}").format(file=file_name),
            edited=True,
        )
        gig.participants = [people[pid] for pid in dict.fromkeys(r.participant.id for r in same)]
        gig.instructors = []
        tx.session.add(gig)
        added.append((gig, same))
    tx.session.flush()
    for gig, same in added:
        tx.record("gig", gig.id, "create", None, gig_snapshot(gig))
        target = _GigRow(
            gig.id,
            gig.contract_id,
            gig.day,
            gig.start_time,
            gig.duration_minutes,
            gig.status,
            {r.participant.id for r in same},
        )
        for row in same:
            row.gig = target
    return {gig.id for gig, _same in added}


def _load_crews(session: Session, gigs: list[_GigRow]) -> None:
    """The planned participants of the gigs (an entry for anyone else says where it came from)."""
    by_id = {gig.id: gig for gig in gigs}
    for part in bulk.chunks(by_id):
        for gig_id, participant_id in session.execute(
            select(gig_participant.c.gig_id, gig_participant.c.participant_id).where(
                gig_participant.c.gig_id.in_(part)
            )
        ):
            by_id[gig_id].participant_ids.add(participant_id)
