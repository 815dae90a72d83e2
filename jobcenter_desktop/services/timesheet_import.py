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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from jobcenter_desktop.db.models import Contract, Gig, Participant, TimesheetEntry
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import ContractStatus, GigStatus
from jobcenter_desktop.domain.timesheets import Entry, billable_minutes, check_day, worked_minutes
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.gigs import gig_snapshot
from jobcenter_desktop.services.importing import MAX_PROBLEMS
from jobcenter_desktop.services.store import Store, Transaction, snapshot
from jobcenter_desktop.services.tabular import ImportFileError, read_table

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
    entries: int
    gigs_created: int


@dataclass
class _Row:
    number: int
    day: date
    contract: Contract
    participant: Participant
    start: time
    end: time
    break_minutes: int
    worked: int
    gig: Gig | None = None


def import_timesheets(store: Store, path: Path) -> TimesheetImportSummary:
    """Import every row of ``path`` as a timesheet entry, or none (:class:`ImportFileError`)."""
    table = read_table(path, ALIASES, REQUIRED)
    if not table.rows:
        raise ImportFileError(_("The file has column headings but no rows to import."))
    with store.write() as tx:
        problems: list[str] = []
        rows = _parse(tx, table.rows, problems)
        if not problems:
            _place(tx, rows, problems)
        if not problems:
            _check_days(tx, rows, problems)
        if problems:
            if len(problems) > MAX_PROBLEMS:
                problems = [*problems[:MAX_PROBLEMS], _("… and perhaps more; correct these first.")]
            raise ImportFileError(
                _("Nothing was imported from {file}. Correct these rows and try again:").format(
                    file=path.name
                ),
                problems,
            )
        created = _save(tx, rows, path.name)
    return TimesheetImportSummary(len(rows), created)


def _field(name: str, text: str) -> str:
    return f"{name}: {text}"


def _problem(row: int, text: str) -> str:
    return _("Row {row}, {problem}").format(row=row, problem=text)


def _parse(
    tx: Transaction, records: list[tuple[int, dict[str, str]]], problems: list[str]
) -> list[_Row]:
    numbers = {values.get("contract_number", "").strip() for _row, values in records}
    contracts = {
        row.contract_number: row
        for row in tx.session.scalars(select(Contract).where(Contract.contract_number.in_(numbers)))
    }
    people = {values.get("participant_number", "").strip() for _row, values in records}
    participants = {
        row.participant_number: row
        for row in tx.session.scalars(
            select(Participant).where(Participant.participant_number.in_(people))
        )
    }
    seen: dict[tuple[int, date, int], int] = {}
    rows: list[_Row] = []
    for number, values in records:
        checker = v.Checker()
        day = _required(checker, "date", v.date_value, values.get("date", ""))
        contract = None
        text = checker.require(
            "contract_number", label("contract_number"), values.get("contract_number", "")
        )
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
        text = checker.require(
            "participant_number",
            label("participant_number"),
            values.get("participant_number", ""),
        )
        if text is not None:
            participant = participants.get(text)
            if participant is None:
                checker.add(
                    "participant_number",
                    label("participant_number"),
                    _("no participant has the number {number}").format(number=text),
                )
        start = _required(checker, "start", v.time_value, values.get("start", ""))
        end = _required(checker, "end", v.time_value, values.get("end", ""))
        pause = checker.check(
            "break_minutes",
            label("break_minutes"),
            v.non_negative_int,
            values.get("break_minutes", ""),
        )
        worked = None
        if start is not None and end is not None and not checker.has("break_minutes"):
            try:
                worked = worked_minutes(start, end, pause or 0)
            except v.FieldError as error:
                key = "end" if end <= start else "break_minutes"
                checker.add(key, label(key), error.message)
        if contract is not None and participant is not None and day is not None:
            first = seen.setdefault((contract.id, day, participant.id), number)
            if first != number:
                checker.add(
                    "participant_number",
                    label("participant_number"),
                    _("the same participant, contract and date are also on row {row}").format(
                        row=first
                    ),
                )
        problems.extend(_problem(number, message) for message in checker.errors.values())
        if (
            checker.has_errors
            or day is None
            or contract is None
            or participant is None
            or start is None
            or end is None
            or worked is None
        ):
            continue
        rows.append(_Row(number, day, contract, participant, start, end, pause or 0, worked))
    return rows


def _required(checker: v.Checker, key: str, parse: Callable[[str], R], text: str) -> R | None:
    if not text.strip():
        checker.add(key, label(key), _("is required"))
        return None
    return checker.check(key, label(key), parse, text)


def _place(tx: Transaction, rows: list[_Row], problems: list[str]) -> None:
    """Find each row's gig; check that a gig can be added where there is none."""
    contract_ids = {row.contract.id for row in rows}
    days = {row.day for row in rows}
    gigs: dict[tuple[int, date], list[Gig]] = defaultdict(list)
    for gig in tx.session.scalars(
        select(Gig)
        .where(Gig.contract_id.in_(contract_ids), Gig.day.in_(days))
        .order_by(Gig.start_time, Gig.id)
    ):
        gigs[(gig.contract_id, gig.day)].append(gig)
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
    _check_approved(tx, rows, problems)


def _running_at(gigs: list[Gig], start: time) -> Gig:
    moment = datetime.combine(date.min, start)
    for gig in gigs:
        begin = datetime.combine(date.min, gig.start_time)
        if begin <= moment < begin + timedelta(minutes=gig.duration_minutes):
            return gig
    return gigs[0]


def _check_approved(tx: Transaction, rows: list[_Row], problems: list[str]) -> None:
    wanted = {(row.gig.id, row.participant.id): row for row in rows if row.gig is not None}
    if not wanted:
        return
    approved = tx.session.execute(
        select(TimesheetEntry.gig_id, TimesheetEntry.participant_id).where(
            TimesheetEntry.gig_id.in_({gig_id for gig_id, _person in wanted}),
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
                    ).format(name=row.participant.full_name),
                )
            )


def _check_days(tx: Transaction, rows: list[_Row], problems: list[str]) -> None:
    """Each person's day: the imported entries with their other entries that day."""
    by_day: dict[tuple[int, date], list[_Row]] = defaultdict(list)
    for row in rows:
        by_day[(row.participant.id, row.day)].append(row)
    replaced = {(row.gig.id, row.participant.id) for row in rows if row.gig is not None}
    others: dict[tuple[int, date], list[Entry]] = defaultdict(list)
    for entry, day in tx.session.execute(
        select(TimesheetEntry, Gig.day)
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .where(
            TimesheetEntry.participant_id.in_({row.participant.id for row in rows}),
            Gig.day.in_({row.day for row in rows}),
        )
    ):
        assert entry.participant_id is not None
        if (entry.gig_id, entry.participant_id) in replaced:
            continue
        others[(entry.participant_id, day)].append(
            Entry(
                entry.participant_id,
                entry.gig_id,
                entry.start_time,
                entry.end_time,
                entry.break_minutes,
            )
        )
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
            first = day_rows[0]
            problems.append(_problem(first.number, f"{first.participant.full_name}: {text}"))


def _save(tx: Transaction, rows: list[_Row], file_name: str) -> int:
    new_gigs: dict[tuple[int, date], Gig] = {}
    for row in rows:
        if row.gig is not None:
            continue
        key = (row.contract.id, row.day)
        same = [r for r in rows if r.gig is None and (r.contract.id, r.day) == key]
        if key not in new_gigs:
            start = min(r.start for r in same)
            end = max(r.end for r in same)
            span = datetime.combine(row.day, end) - datetime.combine(row.day, start)
            gig = Gig(
                contract_id=row.contract.id,
                scheduled_on=None,
                day=row.day,
                start_time=start,
                duration_minutes=int(span.total_seconds()) // 60,
                work_site_id=row.contract.work_site_id,
                planned_crew_size=row.contract.planned_crew_size,
                status=GigStatus.PLANNED,
                cancel_reason="",
                cancel_billable=False,
                note=_("Added by the timesheet import from {file}").format(file=file_name),
                edited=True,
            )
            gig.participants = list(dict.fromkeys(r.participant for r in same))
            gig.instructors = []
            tx.session.add(gig)
            new_gigs[key] = gig
        row.gig = new_gigs[key]
    tx.session.flush()
    for gig in new_gigs.values():
        tx.record("gig", gig.id, "create", None, gig_snapshot(gig))

    gigs = {row.gig.id: row.gig for row in rows if row.gig is not None}
    old = list(
        tx.session.scalars(
            select(TimesheetEntry).where(
                TimesheetEntry.gig_id.in_(gigs),
                TimesheetEntry.participant_id.in_({row.participant.id for row in rows}),
            )
        )
    )
    replaced = {(row.gig.id, row.participant.id) for row in rows if row.gig is not None}
    removed = [entry for entry in old if (entry.gig_id, entry.participant_id) in replaced]
    before = [snapshot(entry) for entry in removed]
    for entry in removed:
        tx.session.delete(entry)
    tx.session.flush()
    unplanned = _("Imported from {file}").format(file=file_name)
    added = []
    for row in rows:
        target = row.gig
        assert target is not None
        crew = {participant.id for participant in target.participants}
        entry = TimesheetEntry(
            gig_id=target.id,
            participant_id=row.participant.id,
            instructor_id=None,
            start_time=row.start,
            end_time=row.end,
            break_minutes=row.break_minutes,
            worked_minutes=row.worked,
            billable_minutes=billable_minutes(row.worked, row.contract.rounding_minutes),
            note="",
            unplanned_reason="" if row.participant.id in crew else unplanned,
            approved_at=None,
            approved_by="",
        )
        tx.session.add(entry)
        added.append(entry)
    tx.session.flush()
    tx.record(
        "timesheet",
        None,
        "import",
        {"entries": before},
        {
            "file": file_name,
            "gigs_created": len(new_gigs),
            "entries": [snapshot(entry) for entry in added],
        },
    )
    return len(new_gigs)
