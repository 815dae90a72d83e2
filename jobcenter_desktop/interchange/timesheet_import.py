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

Without the write lock: the rows are read (each distinct date and triple of
times parsed once) and checked in memory against facts read once (the
participants and contracts named, the contracts' gigs of the period, the
people's entries and attendance), so other workstations keep saving while a big
file is checked. Under the lock the facts are read again; only if they changed
are the rows checked again. The entries go in as batched INSERTs
(``db.bulk.insert_rows``); a file of 10,000 rows takes a few queries.
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

from jobcenter_desktop.db import bulk, changes
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
from jobcenter_desktop.domain.timesheets import (
    MAX_DAY_MINUTES,
    Entry,
    billable_minutes,
    check_day,
    worked_minutes,
)
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.gc_pause import collection_paused
from jobcenter_desktop.interchange.tabular import (
    read_rows,
    refuse_rows,
)
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


@dataclass(frozen=True, slots=True)
class _Contract:
    """What the import reads of a contract."""

    id: int
    archived: bool
    status: ContractStatus
    valid_from: date
    valid_to: date | None
    rounding_minutes: int
    title: str
    work_site_id: int | None
    planned_crew_size: int


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


@dataclass(frozen=True, slots=True)
class _Times:
    """A row's start, end and break as read, with their problems (each distinct triple of
    texts is read once)."""

    start: time | None
    end: time | None
    break_minutes: int
    worked: int | None
    problems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A row as read, before the store is consulted: the date's problems come before
    the looked-up numbers', the times' after."""

    number: int
    day: date | None
    day_problems: tuple[str, ...]
    contract: str
    participant: str
    times: _Times


@dataclass(slots=True)
class _Row:
    number: int
    day: date
    contract: _Contract
    participant: _Person
    start: time
    end: time
    break_minutes: int
    worked: int
    gig: _GigRow | None = None


#: (participant, gig, day, start, end, break, approved): an entry of the people in the period.
_EntryFact = tuple[int, int, date, time, time, int, bool]


@dataclass(frozen=True)
class _Facts:
    """What the checks read of the store; equal facts give equal checks."""

    contracts: dict[str, _Contract]
    participants: dict[str, _Person]
    gigs: tuple[tuple[int, int, date, time, int, GigStatus], ...]
    entries: tuple[_EntryFact, ...]
    workers: dict[int, same_day.Worker]
    attendance: dict[tuple[int, date], conflicts.Attendance]
    customers: dict[int, str]
    blocking: bool


@dataclass
class _Checked:
    rows: list[_Row]
    problems: list[str]
    warnings: list[str]


def import_timesheets(store: Store, path: Path) -> TimesheetImportSummary:
    """Import every row of ``path`` as a timesheet entry, or none (:class:`ImportFileError`).

    The rows are checked without the write lock (other workstations keep saving);
    under the lock, unless nothing at all was written meanwhile, the facts the checks
    read are read again, and the rows checked again if any of them changed.
    """
    with collection_paused():
        return _import(store, path)


def _import(store: Store, path: Path) -> TimesheetImportSummary:
    table = read_rows(path, ALIASES, REQUIRED)
    parsed = _parse_rows(table.rows)

    def check(facts: _Facts) -> _Checked:
        checked = _check(parsed, facts)
        refuse_rows(path, checked.problems)
        return checked

    with changes.checked_write(store, lambda session: _read_facts(session, parsed), check) as (
        tx,
        checked,
    ):
        created, done = _save(tx, checked.rows, path.name)
    return TimesheetImportSummary(len(checked.rows), created, done, tuple(checked.warnings))


def _field(name: str, text: str) -> str:
    return f"{name}: {text}"


def _problem(row: int, text: str) -> str:
    return _("Row {row}, {problem}").format(row=row, problem=text)


def _parse_rows(rows: list[tuple[int, dict[str, str]]]) -> list[_Parsed]:
    """What each row says on its own; each distinct date and triple of times is read once."""
    dates: dict[str, tuple[date | None, tuple[str, ...]]] = {}
    times: dict[tuple[str, str, str], _Times] = {}
    parsed: list[_Parsed] = []
    for number, values in rows:
        text = values.get("date", "")
        found = dates.get(text)
        if found is None:
            checker = v.Checker()
            found = dates[text] = (
                _required(checker, "date", v.date_value, text),
                tuple(checker.errors.values()),
            )
        key = (values.get("start", ""), values.get("end", ""), values.get("break_minutes", ""))
        read = times.get(key)
        if read is None:
            read = times[key] = _read_times(*key)
        parsed.append(
            _Parsed(
                number,
                found[0],
                found[1],
                values.get("contract_number", ""),
                values.get("participant_number", ""),
                read,
            )
        )
    return parsed


def _read_times(start_text: str, end_text: str, break_text: str) -> _Times:
    last = v.Checker()
    start = _required(last, "start", v.time_value, start_text)
    end = _required(last, "end", v.time_value, end_text)
    pause = last.check("break_minutes", label("break_minutes"), v.non_negative_int, break_text)
    worked = None
    if start is not None and end is not None and not last.has("break_minutes"):
        try:
            worked = worked_minutes(start, end, pause or 0)
        except v.FieldError as error:
            key = "end" if end <= start else "break_minutes"
            last.add(key, label(key), error.message)
    return _Times(start, end, pause or 0, worked, tuple(last.errors.values()))


def _required(checker: v.Checker, key: str, parse: Callable[[str], R], text: str) -> R | None:
    if not text.strip():
        checker.add(key, label(key), _("is required"))
        return None
    return checker.check(key, label(key), parse, text)


def _read_facts(session: Session, parsed: list[_Parsed]) -> _Facts:
    """Everything the checks consult, read in a few queries: the contracts and people
    named, the contracts' gigs and the people's entries of the file's period, and what
    the same-day rule reads."""
    # Core, not the ORM: plain rows are all the checks need.
    connection = session.connection()
    contracts: dict[str, _Contract] = {}
    for part in bulk.chunks({item.contract.strip() for item in parsed}):
        for row in connection.execute(
            select(
                Contract.contract_number,
                Contract.id,
                Contract.archived_at,
                Contract.status,
                Contract.valid_from,
                Contract.valid_to,
                Contract.rounding_minutes,
                Contract.title,
                Contract.work_site_id,
                Contract.planned_crew_size,
            ).where(Contract.contract_number.in_(part))
        ):
            contracts[row[0]] = _Contract(
                id=row[1],
                archived=row[2] is not None,
                status=row[3],
                valid_from=row[4],
                valid_to=row[5],
                rounding_minutes=row[6],
                title=row[7],
                work_site_id=row[8],
                planned_crew_size=row[9],
            )
    participants: dict[str, _Person] = {}
    for part in bulk.chunks({item.participant.strip() for item in parsed}):
        for person_id, number, first_name, last_name in connection.execute(
            select(
                Participant.id,
                Participant.participant_number,
                Participant.first_name,
                Participant.last_name,
            ).where(Participant.participant_number.in_(part))
        ):
            participants[number] = _Person(person_id, f"{first_name} {last_name}")
    days = {item.day for item in parsed if item.day is not None}
    if not days:
        return _Facts(contracts, participants, (), (), {}, {}, {}, False)
    first, last = min(days), max(days)
    gigs: list[tuple[int, int, date, time, int, GigStatus]] = []
    for part in bulk.chunks({contract.id for contract in contracts.values()}):
        for gig_id, contract_id, day, start, minutes, status in connection.execute(
            select(
                Gig.id, Gig.contract_id, Gig.day, Gig.start_time, Gig.duration_minutes, Gig.status
            )
            .where(Gig.contract_id.in_(part), Gig.day >= first, Gig.day <= last)
            .order_by(Gig.start_time, Gig.id)
        ):
            if day in days:
                gigs.append((gig_id, contract_id, day, start, minutes, status))
    people = {person.id for person in participants.values()}
    entries: list[_EntryFact] = []
    for part in bulk.chunks(people):
        for participant_id, gig_id, day, start, end, pause, approved in connection.execute(
            select(
                TimesheetEntry.participant_id,
                TimesheetEntry.gig_id,
                Gig.day,
                TimesheetEntry.start_time,
                TimesheetEntry.end_time,
                TimesheetEntry.break_minutes,
                TimesheetEntry.approved_at.isnot(None),
            )
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(
                TimesheetEntry.participant_id.in_(part),
                Gig.day >= first,
                Gig.day <= last,
            )
            .order_by(TimesheetEntry.id)
        ):
            if participant_id is not None:
                entries.append((participant_id, gig_id, day, start, end, pause, bool(approved)))
    workers = same_day.workers(session, people)
    attendance: dict[tuple[int, date], conflicts.Attendance] = {}
    customers: dict[int, str] = {}
    blocking = False
    if workers:
        attendance = same_day.attendance_of(session, workers, first, last)
        blocking = same_day.blocks(session)
        customers = {
            contract_id: name
            for contract_id, name in connection.execute(
                select(Contract.id, Customer.name)
                .join(Customer, Customer.id == Contract.customer_id)
                .where(Contract.id.in_({contract.id for contract in contracts.values()}))
            )
        }
    return _Facts(
        contracts,
        participants,
        tuple(gigs),
        tuple(entries),
        workers,
        attendance,
        customers,
        blocking,
    )


def _check(parsed: list[_Parsed], facts: _Facts) -> _Checked:
    """Every row against the facts, in memory, in the order a user fixes them: the
    cells, then the gigs, then each person's day, then the same-day rule."""
    problems: list[str] = []
    rows = _resolve(parsed, facts, problems)
    if not problems:
        _place(rows, facts, problems)
    if not problems:
        _check_days(rows, facts, problems)
    warnings: list[str] = []
    if not problems:
        warnings = _same_day(rows, facts, problems)
    return _Checked(rows, problems, warnings)


def _resolve(parsed: list[_Parsed], facts: _Facts, problems: list[str]) -> list[_Row]:
    """The rows with their contracts and participants looked up (each distinct text once)."""
    contracts: dict[str, tuple[_Contract | None, tuple[str, ...]]] = {}
    participants: dict[str, tuple[_Person | None, tuple[str, ...]]] = {}
    seen: dict[tuple[int, date, int], int] = {}
    rows: list[_Row] = []
    for item in parsed:
        found_contract = contracts.get(item.contract)
        if found_contract is None:
            found_contract = contracts[item.contract] = _contract_cell(item.contract, facts)
        found_person = participants.get(item.participant)
        if found_person is None:
            found_person = participants[item.participant] = _person_cell(item.participant, facts)
        contract, contract_problems = found_contract
        participant, person_problems = found_person
        times = item.times
        day = item.day
        messages = [*item.day_problems, *contract_problems, *person_problems, *times.problems]
        if contract is not None and participant is not None and day is not None:
            first = seen.setdefault((contract.id, day, participant.id), item.number)
            if first != item.number:
                messages.append(
                    _field(
                        label("participant_number"),
                        _("the same participant, contract and date are also on row {row}").format(
                            row=first
                        ),
                    )
                )
        if messages:
            problems.extend(_problem(item.number, message) for message in messages)
            continue
        if (
            day is None
            or contract is None
            or participant is None
            or times.start is None
            or times.end is None
            or times.worked is None
        ):
            continue
        rows.append(
            _Row(
                item.number,
                day,
                contract,
                participant,
                times.start,
                times.end,
                times.break_minutes,
                times.worked,
            )
        )
    return rows


def _contract_cell(text: str, facts: _Facts) -> tuple[_Contract | None, tuple[str, ...]]:
    checker = v.Checker()
    contract = None
    number = checker.require("contract_number", label("contract_number"), text)
    if number is not None:
        contract = facts.contracts.get(number)
        if contract is None:
            checker.add(
                "contract_number",
                label("contract_number"),
                _("no contract has the number {number}").format(number=number),
            )
        elif contract.archived:
            checker.add("contract_number", label("contract_number"), _("the contract is archived"))
    return contract, tuple(checker.errors.values())


def _person_cell(text: str, facts: _Facts) -> tuple[_Person | None, tuple[str, ...]]:
    checker = v.Checker()
    participant = None
    number = checker.require("participant_number", label("participant_number"), text)
    if number is not None:
        participant = facts.participants.get(number)
        if participant is None:
            checker.add(
                "participant_number",
                label("participant_number"),
                _("no participant has the number {number}").format(number=number),
            )
    return participant, tuple(checker.errors.values())


def _place(rows: list[_Row], facts: _Facts, problems: list[str]) -> None:
    """Find each row's gig; check that a gig can be added where there is none."""
    if not rows:
        return
    gigs: dict[tuple[int, date], list[_GigRow]] = defaultdict(list)
    for gig_id, contract_id, day, start, minutes, status in facts.gigs:
        gigs[(contract_id, day)].append(_GigRow(gig_id, contract_id, day, start, minutes, status))
    # Many rows share a contract, day and start: each such gig is looked for once.
    chosen: dict[tuple[int, date, time], _GigRow | None] = {}
    for row in rows:
        key = (row.contract.id, row.day, row.start)
        if key in chosen:
            row.gig = chosen[key]
            if row.gig is not None:
                continue
        found = gigs.get((row.contract.id, row.day), [])
        open_gigs = [gig for gig in found if not gig.status.is_cancelled]
        if open_gigs:
            row.gig = chosen[key] = _running_at(open_gigs, row.start)
            continue
        chosen[key] = None
        if found:
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
    _check_approved(rows, facts, problems)


def _running_at(gigs: list[_GigRow], start: time) -> _GigRow:
    moment = datetime.combine(date.min, start)
    for gig in gigs:
        begin, end = gig_interval(date.min, gig.start_time, gig.duration_minutes)
        if begin <= moment < end:
            return gig
    return gigs[0]


def _check_approved(rows: list[_Row], facts: _Facts, problems: list[str]) -> None:
    wanted = {(row.gig.id, row.participant.id): row for row in rows if row.gig is not None}
    if not wanted:
        return
    approved = sorted(
        {(entry[1], entry[0]) for entry in facts.entries if entry[6] and entry[:2][::-1] in wanted}
    )
    for key in approved:
        row = wanted[key]
        problems.append(
            _problem(
                row.number,
                _(
                    "{name}'s hours on this gig are approved and cannot be replaced. "
                    "Reopen them first."
                ).format(name=row.participant.name),
            )
        )


def _check_days(rows: list[_Row], facts: _Facts, problems: list[str]) -> None:
    """Each person's day: the imported entries with their other entries that day."""
    by_day: dict[tuple[int, date], list[_Row]] = defaultdict(list)
    for row in rows:
        by_day[(row.participant.id, row.day)].append(row)
    replaced = {(row.gig.id, row.participant.id) for row in rows if row.gig is not None}
    others: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    for participant_id, gig_id, day, start, end, pause, _approved in facts.entries:
        key = (participant_id, day)
        if key not in by_day or (gig_id, participant_id) in replaced:
            continue
        others[key].append(Entry(participant_id, gig_id, start, end, pause))
    for key, day_rows in by_day.items():
        other = others.get(key, [])
        # One entry alone in its day can only be too long: most days need no more.
        if len(day_rows) == 1 and not other and day_rows[0].worked <= MAX_DAY_MINUTES:
            continue
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
        for text in check_day([*entries, *other]):
            first_row = day_rows[0]
            problems.append(_problem(first_row.number, f"{first_row.participant.name}: {text}"))


def _same_day(rows: list[_Row], facts: _Facts, problems: list[str]) -> list[str]:
    """The same-day rule for every row, in memory; blocking ones go to ``problems``.

    Returns the warnings (when the centre's setting does not block)."""
    people = facts.workers
    ruled = [row for row in rows if row.participant.id in people]
    if not ruled:
        return []
    days = facts.attendance
    hours = {
        row.number: RecordedHours(
            row.participant.id,
            row.gig.id if row.gig is not None else 0,
            row.day,
            row.start,
            row.end,
            same_day.gig_label(row.contract.title, facts.customers.get(row.contract.id, "")),
        )
        for row in ruled
        if (row.participant.id, row.day) in days
    }
    found: list[tuple[int, Conflict]] = []
    by_hours = {id(item): number for number, item in hours.items()}
    for item, conflict in same_day.check_hours(hours.values(), people, days, facts.blocking):
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


_ENTRY_COLUMNS = (
    "gig_id",
    "participant_id",
    "instructor_id",
    "start_time",
    "end_time",
    "break_minutes",
    "worked_minutes",
    "billable_minutes",
    "note",
    "unplanned_reason",
    "approved_at",
    "approved_by",
)


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
    billable: dict[tuple[int, int], int] = {}
    values_list: list[tuple[Any, ...]] = []
    for row in rows:
        target = row.gig
        assert target is not None
        step = row.contract.rounding_minutes
        minutes = billable.get((row.worked, step))
        if minutes is None:
            minutes = billable[(row.worked, step)] = billable_minutes(row.worked, step)
        values_list.append(
            (
                target.id,
                row.participant.id,
                None,
                row.start,
                row.end,
                row.break_minutes,
                row.worked,
                minutes,
                "",
                "" if row.participant.id in target.participant_ids else unplanned,
                None,
                "",
            )
        )
    ids = bulk.insert_rows(
        session, TimesheetEntry, _ENTRY_COLUMNS, values_list, ("gig_id", "participant_id")
    )
    tx.record(
        "timesheet",
        None,
        "import",
        {"entries": removed} if removed else None,
        {
            "file": file_name,
            "gigs_created": len(new_gigs),
            "gigs_done": done,
            "entries": snapshot.many(
                ids, [dict(zip(_ENTRY_COLUMNS, values, strict=True)) for values in values_list]
            ),
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
