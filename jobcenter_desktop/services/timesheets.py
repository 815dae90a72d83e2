"""Timesheets: each person's actual hours on a gig, the gig marked done, approval and reopening.

``record_entries`` replaces a gig's entries in one transaction, after checking
each entry (end after start, a break shorter than the time worked), each
person's whole day across all their gigs (no overlaps, at most 12 hours) and
that a person who was not on the gig's crew has a reason. The worked minutes
are kept as recorded; the billable minutes are rounded to the contract's step.

Approval locks the entries *in the store*: the database's triggers refuse to
change or delete an approved entry (see migration 0004). Reopening clears the
approval; it needs a reason, which the audit log keeps.

Audit: entity ``timesheet`` with the gig's id, one entry per gig and action
(``record``, ``approve``, ``reopen``); the gig's own changes (``done``,
``feedback``) under entity ``gig``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from jobcenter_desktop.db.models import Gig, Instructor, Participant, TimesheetEntry
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.domain.timesheets import Entry, billable_minutes, check_day, worked_minutes
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.services.errors import UserError
from jobcenter_desktop.services.gigs import gig_snapshot
from jobcenter_desktop.services.records import get
from jobcenter_desktop.services.store import Store, Transaction, snapshot

# What the store's triggers say when an approved entry would change (migration 0004).
LOCKED_MARKER = "timesheet entry is approved"
MAX_NOTE = 2000
MAX_REASON = 500

LABELS = {
    "entries": N_("Timesheet entries"),
    "person": N_("Person"),
    "start": N_("Start time"),
    "end": N_("End time"),
    "break_minutes": N_("Break (minutes)"),
    "note": N_("Note"),
    "unplanned_reason": N_("Reason for an unplanned person"),
    "status": N_("Status"),
    "feedback_score": N_("Customer feedback score"),
    "feedback_comment": N_("Customer feedback comment"),
    "reopen_reason": N_("Reason for reopening"),
    "approve": N_("Approval"),
}


def label(key: str) -> str:
    return _(LABELS[key])


class ApprovedLockedError(UserError):
    """An approved entry would change: the store refuses it until it is reopened."""

    def __init__(self) -> None:
        super().__init__(
            _("Approved hours cannot be changed. Reopen them first and give the reason.")
        )


@dataclass
class EntryInput:
    """One person's hours on the gig as typed: a participant or an instructor, not both.

    ``start`` and ``end`` are typed as ``830``, ``8.30`` or ``8:30``; ``break_minutes``
    is whole minutes (blank is none). ``unplanned_reason`` is required for a person
    who was not on the gig's crew.
    """

    participant_id: int | None = None
    instructor_id: int | None = None
    start: str = ""
    end: str = ""
    break_minutes: str = ""
    note: str = ""
    unplanned_reason: str = ""


@contextmanager
def _lock_guard() -> Iterator[None]:
    """Turn the store's refusal to change an approved entry into the user's message."""
    try:
        yield
    except DBAPIError as error:
        if LOCKED_MARKER in str(error.orig):
            raise ApprovedLockedError() from error
        raise


def _person_key(data: EntryInput) -> tuple[str, int] | None:
    if data.participant_id is not None and data.instructor_id is None:
        return ("participant", data.participant_id)
    if data.instructor_id is not None and data.participant_id is None:
        return ("instructor", data.instructor_id)
    return None


@dataclass
class _Checked:
    data: EntryInput
    person: tuple[str, int]
    start: time
    end: time
    break_minutes: int
    worked: int


def record_entries(store: Store, gig_id: int, entries: Sequence[EntryInput]) -> list[int]:
    """Replace the gig's timesheet entries with ``entries``; returns the new entries' ids.

    Refused with :class:`ApprovedLockedError` when any of the gig's entries is
    approved (the store's trigger refuses to delete it), and with a
    ``ValidationError`` listing every problem otherwise; nothing changes then.
    """
    with _lock_guard(), store.write() as tx:
        return _record_in(tx, gig_id, entries)


def save_sheet(
    store: Store,
    gig_id: int,
    entries: Sequence[EntryInput] | None,
    feedback: tuple[int | str | None, str] | None,
) -> None:
    """The timesheet's Save: the entries (unless None) and the customer's feedback (a
    score and a comment, unless None) in one transaction: both are saved, or neither."""
    with _lock_guard(), store.write() as tx:
        if entries is not None:
            _record_in(tx, gig_id, entries)
        if feedback is not None:
            _feedback_in(tx, gig_id, *feedback)


def _record_in(tx: Transaction, gig_id: int, entries: Sequence[EntryInput]) -> list[int]:
    session = tx.session
    gig = get(session, Gig, gig_id)
    existing = list(
        session.scalars(
            select(TimesheetEntry)
            .where(TimesheetEntry.gig_id == gig.id)
            .order_by(TimesheetEntry.id)
        )
    )
    before = [snapshot(entry) for entry in existing]
    # The store refuses to delete an approved entry (its trigger), whoever asks;
    # _lock_guard turns that refusal into the user's sentence.
    for entry in existing:
        session.delete(entry)
    session.flush()
    checker = v.Checker()
    if gig.status.is_cancelled:
        checker.add("status", label("status"), _("the gig is cancelled"))
    crew = {("participant", p.id) for p in gig.participants} | {
        ("instructor", i.id) for i in gig.instructors
    }
    names = _names(tx, entries)
    checked: list[_Checked] = []
    for index, data in enumerate(entries):
        item = _check_entry(checker, index, data, crew, names)
        if item is not None:
            checked.append(item)
    _check_days(tx, checker, gig, checked, names)
    checker.raise_if_any()

    step = gig.contract.rounding_minutes
    rows = []
    for item in checked:
        kind, person_id = item.person
        row = TimesheetEntry(
            gig_id=gig.id,
            participant_id=person_id if kind == "participant" else None,
            instructor_id=person_id if kind == "instructor" else None,
            start_time=item.start,
            end_time=item.end,
            break_minutes=item.break_minutes,
            worked_minutes=item.worked,
            billable_minutes=billable_minutes(item.worked, step),
            note=item.data.note.strip(),
            unplanned_reason=item.data.unplanned_reason.strip() if item.person not in crew else "",
            approved_at=None,
            approved_by="",
        )
        session.add(row)
        rows.append(row)
    session.flush()
    tx.record(
        "timesheet",
        gig.id,
        "record",
        {"entries": before},
        {"entries": [snapshot(row) for row in rows]},
    )
    return [row.id for row in rows]


def _names(tx: Transaction, entries: Sequence[EntryInput]) -> dict[tuple[str, int], str]:
    participant_ids = {e.participant_id for e in entries if e.participant_id is not None}
    instructor_ids = {e.instructor_id for e in entries if e.instructor_id is not None}
    names: dict[tuple[str, int], str] = {}
    if participant_ids:
        for participant in tx.session.scalars(
            select(Participant).where(Participant.id.in_(participant_ids))
        ):
            names[("participant", participant.id)] = participant.full_name
    if instructor_ids:
        for instructor in tx.session.scalars(
            select(Instructor).where(Instructor.id.in_(instructor_ids))
        ):
            names[("instructor", instructor.id)] = f"{instructor.first_name} {instructor.last_name}"
    return names


def _check_entry(
    checker: v.Checker,
    index: int,
    data: EntryInput,
    crew: set[tuple[str, int]],
    names: dict[tuple[str, int], str],
) -> _Checked | None:
    prefix = f"{index}."
    person = _person_key(data)
    title = names.get(person) if person is not None else None
    if title is None:
        title = _("Entry {number}").format(number=index + 1)

    def field_label(key: str) -> str:
        return f"{title}, {label(key).lower()}"

    if person is None or person not in names:
        checker.add(prefix + "person", field_label("person"), _("choose one of the options"))
    start = _required_time(checker, prefix + "start", field_label("start"), data.start)
    end = _required_time(checker, prefix + "end", field_label("end"), data.end)
    pause = checker.check(
        prefix + "break_minutes",
        field_label("break_minutes"),
        v.non_negative_int,
        data.break_minutes,
    )
    pause = pause or 0
    if len(data.note.strip()) > MAX_NOTE:
        checker.add(
            prefix + "note",
            field_label("note"),
            _("is longer than {limit} characters").format(limit=MAX_NOTE),
        )
    if person is not None and person in names and person not in crew:
        reason = checker.require(
            prefix + "unplanned_reason", field_label("unplanned_reason"), data.unplanned_reason
        )
        if reason is not None and len(reason) > MAX_REASON:
            checker.add(
                prefix + "unplanned_reason",
                field_label("unplanned_reason"),
                _("is longer than {limit} characters").format(limit=MAX_REASON),
            )
    if start is None or end is None or checker.has(prefix + "break_minutes"):
        return None
    try:
        worked = worked_minutes(start, end, pause)
    except v.FieldError as error:
        key = "end" if end <= start else "break_minutes"
        checker.add(prefix + key, field_label(key), error.message)
        return None
    if person is None or person not in names:
        return None
    return _Checked(data, person, start, end, pause, worked)


def _required_time(checker: v.Checker, key: str, field_label: str, text: str) -> time | None:
    if not text.strip():
        checker.add(key, field_label, _("is required"))
        return None
    return checker.check(key, field_label, v.time_value, text)


def _check_days(
    tx: Transaction,
    checker: v.Checker,
    gig: Gig,
    checked: Sequence[_Checked],
    names: dict[tuple[str, int], str],
) -> None:
    """Each person's entries that day, on this gig and their other gigs: overlaps, 12 h."""
    by_person: dict[tuple[str, int], list[Entry]] = defaultdict(list)
    for item in checked:
        by_person[item.person].append(
            Entry(item.person[1], gig.id, item.start, item.end, item.break_minutes)
        )
    if not by_person:
        return
    others = tx.session.scalars(
        select(TimesheetEntry)
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .where(Gig.day == gig.day, TimesheetEntry.gig_id != gig.id)
    )
    for other in others:
        key: tuple[str, int] | None = None
        if other.participant_id is not None:
            key = ("participant", other.participant_id)
        elif other.instructor_id is not None:
            key = ("instructor", other.instructor_id)
        if key is not None and key in by_person:
            by_person[key].append(
                Entry(key[1], other.gig_id, other.start_time, other.end_time, other.break_minutes)
            )
    for (kind, person_id), day_entries in by_person.items():
        problems = check_day(day_entries)
        if problems:
            checker.add(
                f"day.{kind}.{person_id}",
                names[(kind, person_id)],
                " ".join(problems),
            )


def mark_done(store: Store, gig_id: int) -> None:
    """Mark the gig done; it needs at least one timesheet entry."""
    with store.write() as tx:
        gig = get(tx.session, Gig, gig_id)
        before = gig_snapshot(gig)
        checker = v.Checker()
        if gig.status.is_cancelled:
            checker.add("status", label("status"), _("the gig is cancelled"))
        elif _entry_count(tx, gig.id) == 0:
            checker.add(
                "entries", label("entries"), _("record the hours before marking the gig done")
            )
        checker.raise_if_any()
        if gig.status is GigStatus.DONE:
            return
        gig.status = GigStatus.DONE
        tx.session.flush()
        tx.record("gig", gig.id, "done", before, gig_snapshot(gig))


def _entry_count(tx: Transaction, gig_id: int) -> int:
    count = tx.session.scalar(
        select(func.count()).select_from(TimesheetEntry).where(TimesheetEntry.gig_id == gig_id)
    )
    return int(count or 0)


def set_feedback(store: Store, gig_id: int, score: int | str | None, comment: str = "") -> None:
    """Record the customer's feedback on the gig: a score of 1-5 (or none) and a comment."""
    with store.write() as tx:
        _feedback_in(tx, gig_id, score, comment)


def _feedback_in(tx: Transaction, gig_id: int, score: int | str | None, comment: str) -> None:
    gig = get(tx.session, Gig, gig_id)
    before = gig_snapshot(gig)
    checker = v.Checker()
    value: int | None = None
    if isinstance(score, int):
        value = score
    elif score is not None and score.strip():
        value = checker.check("feedback_score", label("feedback_score"), v.positive_int, score)
    if value is not None and not 1 <= value <= 5:
        checker.add("feedback_score", label("feedback_score"), _("must be from 1 to 5"))
    text = comment.strip()
    if len(text) > MAX_NOTE:
        checker.add(
            "feedback_comment",
            label("feedback_comment"),
            _("is longer than {limit} characters").format(limit=MAX_NOTE),
        )
    checker.raise_if_any()
    gig.feedback_score = value
    gig.feedback_comment = text
    tx.session.flush()
    after = gig_snapshot(gig)
    tx.record("gig", gig.id, "feedback", before, after)


def approve(
    store: Store,
    gig_id: int | None = None,
    up_to: date | None = None,
    gig_ids: Sequence[int] = (),
) -> int:
    """Approve unapproved entries in one transaction; returns how many were approved.

    With ``gig_id`` (or several ``gig_ids``): the entries of those gigs, which must all
    be done. With ``up_to``: every entry recorded on a gig up to that day (cancelled
    gigs excepted).
    """
    chosen = [gig_id] if gig_id is not None else list(gig_ids)
    if not chosen and up_to is None:
        raise ValueError("approve needs gigs or a last day")
    with _lock_guard(), store.write() as tx:
        query = (
            select(TimesheetEntry)
            .join(Gig, Gig.id == TimesheetEntry.gig_id)
            .where(TimesheetEntry.approved_at.is_(None))
            .order_by(TimesheetEntry.gig_id, TimesheetEntry.id)
        )
        if chosen:
            for key in chosen:
                if get(tx.session, Gig, key).status is not GigStatus.DONE:
                    checker = v.Checker()
                    checker.add("status", label("approve"), _("mark the gig done before approving"))
                    checker.raise_if_any()
            query = query.where(TimesheetEntry.gig_id.in_(chosen))
        if up_to is not None:
            query = query.where(
                Gig.day <= up_to,
                Gig.status.notin_([GigStatus.CANCELLED_BY_CUSTOMER, GigStatus.CANCELLED_BY_CENTRE]),
            )
        entries = list(tx.session.scalars(query))
        now = utcnow()
        by_gig: dict[int, list[int]] = defaultdict(list)
        for entry in entries:
            entry.approved_at = now
            entry.approved_by = tx.actor
            by_gig[entry.gig_id].append(entry.id)
        tx.session.flush()
        for gig_key, ids in by_gig.items():
            tx.record(
                "timesheet",
                gig_key,
                "approve",
                None,
                {"entries": ids, "approved_at": now.isoformat(), "approved_by": tx.actor},
            )
        return len(entries)


def reopen(store: Store, gig_id: int, reason: str) -> int:
    """Reopen the gig's approved entries for editing; the reason is required and audited.

    Returns how many entries were reopened.
    """
    with _lock_guard(), store.write() as tx:
        gig = get(tx.session, Gig, gig_id)
        checker = v.Checker()
        text = checker.require("reopen_reason", label("reopen_reason"), reason)
        if text is not None and len(text) > MAX_REASON:
            checker.add(
                "reopen_reason",
                label("reopen_reason"),
                _("is longer than {limit} characters").format(limit=MAX_REASON),
            )
        checker.raise_if_any()
        entries = list(
            tx.session.scalars(
                select(TimesheetEntry).where(
                    TimesheetEntry.gig_id == gig.id, TimesheetEntry.approved_at.isnot(None)
                )
            )
        )
        before: dict[str, Any] = {"entries": [snapshot(entry) for entry in entries]}
        for entry in entries:
            entry.approved_at = None
            entry.approved_by = ""
        tx.session.flush()
        tx.record(
            "timesheet",
            gig.id,
            "reopen",
            before,
            {"entries": [entry.id for entry in entries], "reason": text},
        )
        return len(entries)
