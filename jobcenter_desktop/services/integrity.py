"""Check a data file: SQLite's own checks, the schema version and the program's invariants.

Used by ``jobcenter-desktop check`` and after restoring a backup. Every problem is
a translated sentence naming the record (by its number, as the lists show it), so
that an administrator can find and fix it; an empty list means the file is in order.

The invariants are read with plain SQL rather than through the models, so that a
row the models could not even load (an unknown code, say) is reported, not crashed on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, time

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from jobcenter_desktop.db.backups import newest_whole_backup
from jobcenter_desktop.db.damage import restore_advice
from jobcenter_desktop.db.locks import LOCK_TRIGGERS
from jobcenter_desktop.db.migrate import current_revision, head_revision
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import CustomerType, GigStatus
from jobcenter_desktop.domain.timesheets import (
    Entry,
    billable_minutes,
    overlapping_pairs,
    worked_minutes,
)
from jobcenter_desktop.forms.contracts import PRICE_FIELDS
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date, format_time
from jobcenter_desktop.services.invoicing.integrity import findings as invoice_findings
from jobcenter_desktop.services.registers import contracts
from jobcenter_desktop.services.timesheets import same_day


def check_store(store: Store) -> list[str]:
    """The problems found in the store, one sentence each; empty when all is well."""
    problems: list[str] = []
    try:
        revision = current_revision(store.engine)
        head = head_revision()
    except SQLAlchemyError as error:
        advice = (
            []
            if store.path is None
            else [restore_advice(newest_whole_backup(store.path.parent / "backups"))]
        )
        return [_damaged(error), *advice]
    if revision != head:
        problems.append(
            _(
                "The data file's schema version is {revision}, but this program uses {head}. "
                "Open the file in the program once to upgrade it."
            ).format(revision=revision or "-", head=head)
        )
    checks: list[Callable[[Connection], list[str]]] = []
    if store.engine.dialect.name == "sqlite":
        checks += [_sqlite_integrity, _sqlite_foreign_keys]
    checks += [
        _centre,
        _customers,
        _numbers,
        _contract_dates,
        _money,
        _ended_participants,
        _lock_triggers,
        _entry_minutes,
        _overlapping_entries,
        _approved_on_done_gigs,
        same_day.findings,
        invoice_findings,
    ]
    damaged = False
    with store.engine.connect() as connection:
        for check in checks:
            try:
                found = check(connection)
            except DBAPIError as error:
                found = [_damaged(error)]
                damaged = True
                if store.engine.dialect.name == "sqlite" and check is _sqlite_integrity:
                    problems += found
                    break
            damaged = damaged or bool(found and check is _sqlite_integrity)
            problems += found
    if damaged and store.path is not None:
        problems.append(restore_advice(newest_whole_backup(store.path.parent / "backups")))
    return problems


def _damaged(error: Exception) -> str:
    reason = getattr(error, "orig", None) or error
    return _("The data file is damaged or cannot be read: {reason}").format(reason=reason)


def _sqlite_integrity(connection: Connection) -> list[str]:
    results = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    if results == ["ok"]:
        return []
    return [_("SQLite found damage in the data file: {detail}").format(detail=r) for r in results]


def _sqlite_foreign_keys(connection: Connection) -> list[str]:
    return [
        _(
            "Row {rowid} of the table {table} refers to a row of {parent} that does not exist."
        ).format(rowid=rowid, table=table, parent=parent)
        for table, rowid, parent, _fkid in connection.exec_driver_sql("PRAGMA foreign_key_check")
    ]


def _centre(connection: Connection) -> list[str]:
    centres = connection.execute(text("SELECT id FROM centre ORDER BY id")).scalars().all()
    if len(centres) > 1:
        return [
            _("The data file has {count} centres; there must be only one.").format(
                count=len(centres)
            )
        ]
    if not centres:
        return []
    defaults = connection.execute(
        text("SELECT count(*) FROM bank_account WHERE centre_id = :centre AND is_default"),
        {"centre": centres[0]},
    ).scalar_one()
    if defaults != 1:
        return [
            _(
                "The centre has {count} default bank accounts; exactly one must be the default."
            ).format(count=defaults)
        ]
    return []


def _customers(connection: Connection) -> list[str]:
    problems = []
    rows = connection.execute(
        text("SELECT customer_number, name, type, business_id FROM customer ORDER BY id")
    )
    types = {member.value for member in CustomerType}
    for number, name, kind, business_id in rows:
        message = None
        if kind not in types:
            message = _("Customer {number} ({name}) has an unknown type “{type}”.")
        elif kind == CustomerType.HOUSEHOLD.value:
            if business_id:
                message = _("Customer {number} ({name}) is a household but has a business ID.")
        elif not business_id:
            message = _("Customer {number} ({name}) is an organisation but has no business ID.")
        elif not _valid_business_id(business_id):
            message = _("Customer {number} ({name}) has an invalid business ID {business_id}.")
        if message:
            problems.append(
                message.format(number=number, name=name, type=kind, business_id=business_id)
            )
    return problems


def _valid_business_id(business_id: str) -> bool:
    try:
        return v.business_id(business_id) == business_id
    except v.FieldError:
        return False


def _numbers(connection: Connection) -> list[str]:
    problems = []
    for table, column, message in (
        ("participant", "participant_number", _("Participant (id {id}) has no number.")),
        ("customer", "customer_number", _("Customer (id {id}) has no number.")),
        ("contract", "contract_number", _("Contract (id {id}) has no number.")),
    ):
        query = f"SELECT id FROM {table} WHERE trim(coalesce({column}, '')) = '' ORDER BY id"
        problems += [message.format(id=row_id) for row_id in connection.scalars(text(query))]
    return problems


def _contract_dates(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT contract_number FROM contract"
            " WHERE valid_to IS NOT NULL AND valid_to < valid_from ORDER BY id"
        )
    )
    return [
        _("Contract {number} ends before it begins.").format(number=number) for (number,) in rows
    ]


def _money(connection: Connection) -> list[str]:
    problems = [
        _("Participant {number} has a negative hourly pay.").format(number=number)
        for (number,) in connection.execute(
            text("SELECT participant_number FROM participant WHERE hourly_pay < 0 ORDER BY id")
        )
    ]
    for column in PRICE_FIELDS:
        rows = connection.execute(
            text(f"SELECT contract_number FROM contract WHERE {column} < 0 ORDER BY id")
        )
        problems += [
            _("Contract {number} has a negative amount in “{field}”.").format(
                number=number, field=contracts.label(column)
            )
            for (number,) in rows
        ]
    return problems


def _ended_participants(connection: Connection) -> list[str]:
    rows = connection.execute(
        text(
            "SELECT participant_number FROM participant"
            " WHERE status = 'ended' AND outcome IS NULL ORDER BY id"
        )
    )
    return [
        _("Participant {number} has ended but no outcome is recorded.").format(number=number)
        for (number,) in rows
    ]


# --- the approved record's locks and the timesheet entries (migration 0007) -------------


@dataclass(frozen=True)
class _EntryFacts:
    """One timesheet entry as ``check`` reads it, with the names that point the user to it."""

    id: int
    gig_id: int
    person: tuple[str, int]
    person_name: str
    gig_name: str
    day: date
    gig_status: str
    start: time
    end: time
    break_minutes: int
    worked: int
    billable: int
    approved: bool
    approved_step: int | None
    approved_vat: str | None


def _as_date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _as_time(value: object) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def _entry_facts(connection: Connection) -> list[_EntryFacts]:
    rows = connection.execute(
        text(
            "SELECT e.id, e.gig_id, e.participant_id, e.instructor_id, e.start_time,"
            " e.end_time, e.break_minutes, e.worked_minutes, e.billable_minutes,"
            " e.approved_at, e.approved_rounding_minutes, e.approved_vat_treatment,"
            " g.day, g.status, c.contract_number, c.title,"
            " p.participant_number, p.first_name, p.last_name, i.first_name, i.last_name"
            " FROM timesheet_entry e"
            " JOIN gig g ON g.id = e.gig_id"
            " JOIN contract c ON c.id = g.contract_id"
            " LEFT JOIN participant p ON p.id = e.participant_id"
            " LEFT JOIN instructor i ON i.id = e.instructor_id"
            " ORDER BY g.day, e.id"
        )
    )
    facts = []
    for row in rows:
        (entry_id, gig_id, participant_id, instructor_id, start, end, pause, worked) = row[:8]
        (billable, approved_at, step, vat, day, status, number, title) = row[8:16]
        if participant_id is not None:
            person = ("participant", int(participant_id))
            name = f"{row[16]} {row[17]} {row[18]}"
        else:
            person = ("instructor", int(instructor_id))
            name = _("instructor {name}").format(name=f"{row[19]} {row[20]}")
        the_day = _as_date(day)
        facts.append(
            _EntryFacts(
                id=entry_id,
                gig_id=gig_id,
                person=person,
                person_name=name,
                gig_name=_("gig {gig} ({contract} {title}, {day})").format(
                    gig=gig_id, contract=number, title=title, day=format_date(the_day)
                ),
                day=the_day,
                gig_status=str(status),
                start=_as_time(start),
                end=_as_time(end),
                break_minutes=int(pause),
                worked=int(worked),
                billable=int(billable),
                approved=approved_at is not None,
                approved_step=None if step is None else int(step),
                approved_vat=vat,
            )
        )
    return facts


def _lock_triggers(connection: Connection) -> list[str]:
    """Every trigger that locks approved hours and their gigs exists (and is switched on)."""
    versions = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
    if next(iter(versions), None) != head_revision():
        return []  # an older schema is reported as such; its locks are the old ones
    dialect = connection.dialect.name
    if dialect == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'trigger'"
    else:
        # This schema's triggers only (a server holds other stores too); a trigger
        # switched off (ALTER TABLE ... DISABLE TRIGGER) protects nothing.
        query = (
            "SELECT t.tgname FROM pg_trigger t"
            " JOIN pg_class c ON c.oid = t.tgrelid"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE NOT t.tgisinternal AND t.tgenabled <> 'D'"
            " AND n.nspname = current_schema()"
        )
    present = {str(name) for name in connection.execute(text(query)).scalars()}
    return [
        _(
            "The data file lacks the lock “{name}” that keeps approved hours and their gigs "
            "from being changed. Restore a good backup of the file, or ask your support "
            "to recreate the lock."
        ).format(name=name)
        for name in LOCK_TRIGGERS.get(dialect, ())
        if name not in present
    ]


def _entry_minutes(connection: Connection) -> list[str]:
    """Worked minutes agree with the times and break; approved billable minutes with the step.

    The billable minutes of unapproved hours are provisional (approval rounds them again
    in the contract's step of that day), so only approved ones are held to their step.
    """
    problems = []
    for entry in _entry_facts(connection):
        try:
            expected = worked_minutes(entry.start, entry.end, entry.break_minutes)
        except v.FieldError:
            problems.append(
                _(
                    "The hours of {person} on {gig} are impossible: {start}–{end} with a "
                    "break of {pause} minutes. Correct them (reopen approved hours first)."
                ).format(
                    person=entry.person_name,
                    gig=entry.gig_name,
                    start=format_time(entry.start),
                    end=format_time(entry.end),
                    pause=entry.break_minutes,
                )
            )
            continue
        if entry.worked != expected:
            problems.append(
                _(
                    "The worked minutes of {person} on {gig} are {worked}, but {start}–{end} "
                    "with a break of {pause} minutes make {expected}. Save the hours again "
                    "(reopen approved hours first)."
                ).format(
                    person=entry.person_name,
                    gig=entry.gig_name,
                    worked=entry.worked,
                    start=format_time(entry.start),
                    end=format_time(entry.end),
                    pause=entry.break_minutes,
                    expected=expected,
                )
            )
            continue
        if not entry.approved:
            continue
        if entry.approved_step is None or entry.approved_vat is None:
            problems.append(
                _(
                    "The approved hours of {person} on {gig} have no copy of the contract's "
                    "prices. Reopen them with a reason and approve them again."
                ).format(person=entry.person_name, gig=entry.gig_name)
            )
            continue
        rounded = billable_minutes(entry.worked, max(entry.approved_step, 1))
        if entry.billable != rounded:
            problems.append(
                _(
                    "The billable minutes of {person} on {gig} are {billable}, but {worked} "
                    "worked minutes rounded to {step} minutes make {expected}. Reopen the "
                    "hours with a reason and approve them again."
                ).format(
                    person=entry.person_name,
                    gig=entry.gig_name,
                    billable=entry.billable,
                    worked=entry.worked,
                    step=entry.approved_step,
                    expected=rounded,
                )
            )
    return problems


def _overlapping_entries(connection: Connection) -> list[str]:
    """No person has two entries whose times overlap on the same day."""
    by_day: dict[tuple[tuple[str, int], date], list[_EntryFacts]] = defaultdict(list)
    for entry in _entry_facts(connection):
        by_day[(entry.person, entry.day)].append(entry)
    problems = []
    for day_entries in by_day.values():
        facts = {entry.id: entry for entry in day_entries}
        plain = [
            Entry(entry.person[1], entry.id, entry.start, entry.end, entry.break_minutes)
            for entry in day_entries
        ]
        # Entry.gig_id carries the entry's id here, to find the facts again.
        for first, second in overlapping_pairs(plain):
            one, other = facts[first.gig_id], facts[second.gig_id]
            problems.append(
                _(
                    "{person} has overlapping hours on {day}: {first} on {first_gig} and "
                    "{second} on {second_gig}. Correct the times (reopen approved hours first)."
                ).format(
                    person=one.person_name,
                    day=format_date(one.day),
                    first=f"{format_time(one.start)}–{format_time(one.end)}",
                    first_gig=one.gig_name,
                    second=f"{format_time(other.start)}–{format_time(other.end)}",
                    second_gig=other.gig_name,
                )
            )
    return problems


def _approved_on_done_gigs(connection: Connection) -> list[str]:
    """Approved hours sit on done gigs only."""
    counts: dict[int, int] = defaultdict(int)
    gigs: dict[int, _EntryFacts] = {}
    for entry in _entry_facts(connection):
        if entry.approved and entry.gig_status != GigStatus.DONE.value:
            counts[entry.gig_id] += 1
            gigs.setdefault(entry.gig_id, entry)
    problems = []
    for gig_id, count in counts.items():
        entry = gigs[gig_id]
        try:
            status: str = GigStatus(entry.gig_status).label
        except ValueError:
            status = entry.gig_status
        if entry.gig_status == GigStatus.PLANNED.value:
            message = _(
                "{gig} has approved hours ({count} entries) but is not marked done. "
                "Mark it done in the timesheets."
            )
        else:
            message = _(
                "{gig} has approved hours ({count} entries) but its status is “{status}”, "
                "not done. Reopen its hours with a reason and correct the gig or the hours."
            )
        sentence = message.format(gig=entry.gig_name, count=count, status=status)
        problems.append(sentence[:1].upper() + sentence[1:])
    return problems
