"""Work-activity days from a CSV or Excel file into the attendance register: every row or none.

The columns are ``date``, ``participant_number``, ``status`` and (optional)
``allowance`` (Finnish headings work too). The status is one of :data:`STATUS_WORDS`
(``L``/``läsnä``/``present``, ``P``/``poissa``/``absent``, ``T``/``keikka``/``paid_work``)
or its label in the user's language. Dates may be ISO (``2026-10-05``) or
Finnish (``5.10.2026``); the allowance may use ``,`` or ``.``. A day already in
the register is replaced. Any problem refuses the whole file with one sentence
per problem naming its row and field ("Row 3, Date: …").

The file is read and every row checked before the write lock is taken, against
facts read once (the participants' numbers, the paid hours already recorded on
the days present), so other workstations keep saving while a big file is
checked. Under the lock those facts are read again: if anything they hold
changed meanwhile, the rows are checked again before the days are written in
batches (``services.timesheets.attendance.save_days``). A day present on which
the participant has paid hours warns ("Row 3, same-day rule: …"), or, when the
centre's setting blocks, refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from jobcenter_desktop.db import changes
from jobcenter_desktop.db.models import Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.enums import AttendanceStatus
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.interchange.gc_pause import collection_paused
from jobcenter_desktop.interchange.tabular import read_rows, refuse_rows
from jobcenter_desktop.services.timesheets.attendance import (
    AttendanceDay,
    SameDayFacts,
    check_values,
    label,
    same_day_facts,
    same_day_found,
    save_days,
)

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

# The statuses a file may give, besides the label in the user's language: the code
# names, the attendance grid's Finnish letters and the Finnish words a centre writes.
# (Files are read the same in every language: ``P`` is always *poissa*, absent.)
STATUS_WORDS: dict[str, AttendanceStatus] = {
    "present": AttendanceStatus.PRESENT,
    "l": AttendanceStatus.PRESENT,
    "läsnä": AttendanceStatus.PRESENT,
    "absent": AttendanceStatus.ABSENT,
    "p": AttendanceStatus.ABSENT,
    "poissa": AttendanceStatus.ABSENT,
    "paid_work": AttendanceStatus.PAID_WORK,
    "t": AttendanceStatus.PAID_WORK,
    "keikka": AttendanceStatus.PAID_WORK,
    "keikalla": AttendanceStatus.PAID_WORK,
    "työssä": AttendanceStatus.PAID_WORK,
    "palkkatyössä": AttendanceStatus.PAID_WORK,
}


def parse_status(text: str) -> AttendanceStatus | None:
    """The status a cell gives (a code, a letter, a Finnish word or the label in the
    user's language, in any case); None when it gives none."""
    folded = text.strip().casefold()
    found = STATUS_WORDS.get(folded)
    if found is not None:
        return found
    parsed = AttendanceStatus.parse(folded) if folded else None
    return parsed if isinstance(parsed, AttendanceStatus) else None


def allowed_statuses() -> str:
    """The values a status cell may hold, for the sentence that refuses another one."""
    return _(
        "use L, läsnä or present for a day present; P, poissa or absent for a day "
        "absent; T, keikka or paid_work for a day on paid work"
    )


@dataclass(frozen=True, slots=True)
class AttendanceImportSummary:
    """How many days an import recorded, and the same-day rule's warnings ("Row 3, …")."""

    rows: int
    warnings: list[str]


@dataclass(frozen=True, slots=True)
class _Parsed:
    """A row as read, before the store is consulted. ``head`` and ``rest`` hold its
    problems in the columns before and after the participant's number is looked up;
    ``template`` is the day checked with a placeholder participant and date."""

    row: int
    day: date | None
    number: str | None
    template: AttendanceDay | None
    head: tuple[str, ...]
    rest: tuple[str, ...]


@dataclass(frozen=True)
class _Facts:
    """What the checks read of the store; equal facts give equal checks."""

    numbers: dict[str, int]
    same_day: SameDayFacts


@dataclass(frozen=True)
class _Checked:
    days: list[AttendanceDay]
    problems: list[str]
    warnings: list[str]


def import_attendance(store: Store, path: Path) -> int:
    """Import every row of ``path`` into the attendance register, or none; returns the count.

    Raises :class:`ImportFileError` with one problem per line ("Row 3, Date: …").
    """
    return import_attendance_file(store, path).rows


def import_attendance_file(store: Store, path: Path) -> AttendanceImportSummary:
    """:func:`import_attendance`, with the same-day rule's warnings."""
    with collection_paused():
        return _import(store, path)


def _import(store: Store, path: Path) -> AttendanceImportSummary:
    table = read_rows(path, ALIASES, REQUIRED)
    parsed = _parse(table.rows)

    def check(facts: _Facts) -> _Checked:
        checked = _check(parsed, facts)
        refuse_rows(path, checked.problems)
        return checked

    with changes.checked_write(store, lambda session: _read_facts(session, parsed), check) as (
        tx,
        checked,
    ):
        save_days(tx, checked.days)
        tx.record(
            "attendance", None, "import", None, {"file": path.name, "rows": len(checked.days)}
        )
    return AttendanceImportSummary(len(checked.days), checked.warnings)


def _parse(rows: Sequence[tuple[int, dict[str, str]]]) -> list[_Parsed]:
    """Each row's cells checked on their own; each distinct text is checked once."""
    dates: dict[str, tuple[date | None, tuple[str, ...]]] = {}
    numbers: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    kinds: dict[tuple[str, str], tuple[AttendanceDay | None, tuple[str, ...]]] = {}
    parsed: list[_Parsed] = []
    for row, values in rows:
        date_text = values.get("date", "")
        found_day = dates.get(date_text)
        if found_day is None:
            found_day = dates[date_text] = _date_cell(date_text)
        number_text = values.get("participant_number", "")
        found_number = numbers.get(number_text)
        if found_number is None:
            found_number = numbers[number_text] = _number_cell(number_text)
        key = (values.get("status", ""), values.get("allowance", ""))
        found_kind = kinds.get(key)
        if found_kind is None:
            found_kind = kinds[key] = _kind_cells(*key)
        day, day_problems = found_day
        number, number_problems = found_number
        parsed.append(
            _Parsed(
                row,
                day,
                number,
                found_kind[0],
                day_problems + number_problems if number_problems else day_problems,
                found_kind[1],
            )
        )
    return parsed


def _date_cell(text: str) -> tuple[date | None, tuple[str, ...]]:
    checker = v.Checker()
    day = checker.check("day", label("day"), v.date_value, text)
    if day is None and not checker.has("day"):
        checker.add("day", label("day"), _("is required"))
    return day, tuple(checker.errors.values())


def _number_cell(text: str) -> tuple[str | None, tuple[str, ...]]:
    checker = v.Checker()
    number = checker.require("participant_number", label("participant_number"), text)
    return number, tuple(checker.errors.values())


def _kind_cells(status: str, allowance: str) -> tuple[AttendanceDay | None, tuple[str, ...]]:
    checker = v.Checker()
    chosen = parse_status(status)
    if chosen is None:
        if status.strip():
            problem = _("“{text}” is not a status: {allowed}").format(
                text=status.strip(), allowed=allowed_statuses()
            )
        else:
            problem = _("is required: {allowed}").format(allowed=allowed_statuses())
        checker.add("status", label("status"), problem)
    # An unknown status is checked as present, so that only its own problem is named.
    template = check_values(
        checker, 0, date.min, chosen or AttendanceStatus.PRESENT, allowance, None, None
    )
    return template, tuple(checker.errors.values())


def _read_facts(session: Session, parsed: Sequence[_Parsed]) -> _Facts:
    numbers: dict[str, int] = {
        number: participant_id
        for number, participant_id in session.execute(
            select(Participant.participant_number, Participant.id)
        )
    }
    # Only the days present can meet the same-day rule.
    days = [
        _day(item.template, participant_id, item.day)
        for item in parsed
        if item.template is not None
        and item.template.status is AttendanceStatus.PRESENT
        and item.day is not None
        and item.number is not None
        and (participant_id := numbers.get(item.number)) is not None
    ]
    return _Facts(numbers, same_day_facts(session, days))


def _day(template: AttendanceDay, participant_id: int, day: date) -> AttendanceDay:
    return AttendanceDay(
        participant_id, day, template.status, template.allowance, template.start, template.end
    )


def _check(parsed: Sequence[_Parsed], facts: _Facts) -> _Checked:
    """Every row against the facts, in memory: the days to record, the problems, and the
    same-day rule's warnings (its refusals among the problems, when the centre blocks)."""
    numbers = facts.numbers
    problems: list[str] = []
    days: list[tuple[int, AttendanceDay]] = []
    seen: dict[tuple[int, date], int] = {}
    for item in parsed:
        participant_id = numbers.get(item.number) if item.number is not None else None
        messages = list(item.head)
        if item.number is not None and participant_id is None:
            messages.append(
                f"{label('participant_number')}: "
                + _("no participant has the number {number}").format(number=item.number)
            )
        messages += item.rest
        if participant_id is not None and item.day is not None:
            first = seen.setdefault((participant_id, item.day), item.row)
            if first != item.row:
                messages.append(
                    f"{label('day')}: "
                    + _("the same participant and day are also on row {row}").format(row=first)
                )
        if not messages:
            if item.template is not None and item.day is not None and participant_id is not None:
                days.append((item.row, _day(item.template, participant_id, item.day)))
            continue
        for message in messages:
            problems.append(_("Row {row}, {problem}").format(row=item.row, problem=message))
    if problems:
        return _Checked([], problems, [])
    rows = {(data.participant_id, data.day): number for number, data in days}
    found = same_day_found([data for _number, data in days], facts.same_day)
    lines = [
        _same_day_line(rows[(data.participant_id, data.day)], conflict) for data, conflict in found
    ]
    if conflicts.refuses([conflict for _data, conflict in found]):
        refused = [
            line for line, (_data, conflict) in zip(lines, found, strict=True) if conflict.blocking
        ]
        return _Checked([], refused, [])
    return _Checked([data for _number, data in days], [], lines)


def _same_day_line(row: int, conflict: Conflict) -> str:
    return _("Row {row}, same-day rule: {problem}").format(row=row, problem=conflict.message)
