"""Timesheets: each person's actual hours on a gig, the gig marked done, approval and reopening.

``record_entries`` replaces a gig's entries in one transaction, after checking
each entry (end after start, a break shorter than the time worked), each
person's whole day across all their gigs (no overlaps, at most 12 hours) and
that a person who was not on the gig's crew has a reason. The worked minutes
are kept as recorded; the billable minutes are rounded to the contract's step.

A person has one entry per gig (one row of the sheet; the store's unique index
says the same). Approval needs a done gig. It copies the contract's prices and
rounding step onto each entry (and rounds the billable minutes with that step),
so a later edit of the contract cannot change what was approved, and locks the
entries *in the store*: the database's triggers refuse to change or delete an
approved entry, or to move, cancel or re-staff its gig (migrations 0004, 0007).
Reopening clears the approval and its prices; it needs a reason, which the audit
log keeps, and will be refused for invoiced hours (:func:`_refuse_if_invoiced`).

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

from sqlalchemy import Select, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, joinedload

from jobcenter_desktop.db.errors import UserError
from jobcenter_desktop.db.locks import ENTRY_LOCKED
from jobcenter_desktop.db.models import (
    Contract,
    Gig,
    Instructor,
    Invoice,
    InvoicedGig,
    Participant,
    TimesheetEntry,
)
from jobcenter_desktop.db.records import get
from jobcenter_desktop.db.store import Store, Transaction, jsonable, snapshot
from jobcenter_desktop.db.types import utcnow
from jobcenter_desktop.domain import validation as v
from jobcenter_desktop.domain.conflicts import Conflict
from jobcenter_desktop.domain.enums import GigStatus
from jobcenter_desktop.domain.timesheets import Entry, billable_minutes, check_day, worked_minutes
from jobcenter_desktop.i18n import N_
from jobcenter_desktop.i18n import gettext as _
from jobcenter_desktop.i18n.formatting import format_date
from jobcenter_desktop.services.planning.gigs import GIG_LOCKED_MARKER, GigLockedError, gig_snapshot
from jobcenter_desktop.services.timesheets import same_day
from jobcenter_desktop.services.timesheets.attendance import mark_paid_work_days

# What the store's triggers say when an approved entry would change (migrations 0004, 0007).
LOCKED_MARKER = ENTRY_LOCKED
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
    """Turn the store's refusal to change approved hours or their gig into the user's message."""
    try:
        yield
    except DBAPIError as error:
        if LOCKED_MARKER in str(error.orig):
            raise ApprovedLockedError() from error
        if GIG_LOCKED_MARKER in str(error.orig):
            raise GigLockedError() from error
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
        ids = _record_in(tx, gig_id, entries)
        same_day.checked_gig(tx.session, gig_id)
        return ids


def save_sheet(
    store: Store,
    gig_id: int,
    entries: Sequence[EntryInput] | None,
    feedback: tuple[int | str | None, str] | None,
) -> list[Conflict]:
    """The timesheet's Save: the entries (unless None) and the customer's feedback (a
    score and a comment, unless None) in one transaction: both are saved, or neither.

    Returns the same-day rule's warnings about the saved hours (``services.same_day``);
    when the centre's setting makes the rule block, ``SameDayRuleError`` refuses instead."""
    warnings: list[Conflict] = []
    with _lock_guard(), store.write() as tx:
        if entries is not None:
            _record_in(tx, gig_id, entries)
            warnings = same_day.checked_gig(tx.session, gig_id)
        if feedback is not None:
            _feedback_in(tx, gig_id, *feedback)
    return warnings


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
    before = [entry_snapshot(entry) for entry in existing]
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
    seen: set[tuple[str, int]] = set()
    for index, data in enumerate(entries):
        item = _check_entry(checker, index, data, crew, names)
        person = _person_key(data)
        if person is not None and person in names:
            if person in seen:
                # One row per person: the store's unique index refuses a second entry.
                checker.add(
                    f"{index}.person",
                    f"{names[person]}, {label('person').lower()}",
                    _(
                        "has another row on this gig; put the person's hours on one row "
                        "(a break covers the time between)"
                    ),
                )
                item = None
            seen.add(person)
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
        {"entries": [entry_snapshot(row) for row in rows]},
    )
    return [row.id for row in rows]


def entry_snapshot(entry: TimesheetEntry) -> dict[str, Any]:
    """The entry's values for its gig's audit entry (entity ``timesheet``, whose id is the
    gig's), so without the gig's id. Compared entry by entry, only what changed is kept
    (``store.audit_values``)."""
    values = snapshot(entry)
    del values["gig_id"]
    return values


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


@dataclass(frozen=True)
class NotDoneGig:
    """A gig with unapproved hours that approval left alone: it is not marked done."""

    gig_id: int
    day: date
    contract_number: str
    title: str
    status: GigStatus

    def __str__(self) -> str:
        return _("{contract} {title} on {day} (gig {gig}, {status})").format(
            contract=self.contract_number,
            title=self.title,
            day=format_date(self.day),
            gig=self.gig_id,
            status=self.status.label.lower(),
        )


@dataclass(frozen=True)
class Approval:
    """What approving up to a day did: how many entries, and the gigs left as they were."""

    approved: int
    not_done: tuple[NotDoneGig, ...] = ()

    def not_done_sentence(self) -> str:
        """One sentence naming the gigs not approved because they are not done; '' if none."""
        if not self.not_done:
            return ""
        return _(
            "These gigs have hours but are not marked done, so their hours were not "
            "approved: {gigs}. Mark the gigs done in the timesheets and approve again."
        ).format(gigs="; ".join(str(gig) for gig in self.not_done))


def approve(
    store: Store,
    gig_id: int | None = None,
    up_to: date | None = None,
    gig_ids: Sequence[int] = (),
) -> int:
    """Approve unapproved entries in one transaction; returns how many were approved.

    With ``gig_id`` (or several ``gig_ids``): the entries of those gigs, which must all
    be done (else a ``ValidationError`` and nothing is approved). With ``up_to`` only:
    the entries of every done gig up to that day; :func:`approve_up_to` also names the
    gigs it left out because they are not done.
    """
    chosen = [gig_id] if gig_id is not None else list(gig_ids)
    if not chosen and up_to is None:
        raise ValueError("approve needs gigs or a last day")
    if not chosen:
        assert up_to is not None
        return approve_up_to(store, up_to).approved
    with _lock_guard(), store.write() as tx:
        for key in chosen:
            if get(tx.session, Gig, key).status is not GigStatus.DONE:
                checker = v.Checker()
                checker.add("status", label("approve"), _("mark the gig done before approving"))
                checker.raise_if_any()
        query = _unapproved().where(TimesheetEntry.gig_id.in_(chosen))
        if up_to is not None:
            query = query.where(Gig.day <= up_to)
        return _approve_in(tx, list(tx.session.scalars(query)))


def approve_up_to(store: Store, up_to: date) -> Approval:
    """Approve the hours of every done gig up to ``up_to`` (the ``approve --to`` command).

    Gigs with unapproved hours that are not done (planned, or cancelled) are left as
    they are and named in the answer: approval needs a done gig. One transaction.
    """
    with _lock_guard(), store.write() as tx:
        entries = list(tx.session.scalars(_unapproved().where(Gig.day <= up_to)))
        ready = [entry for entry in entries if entry.gig.status is GigStatus.DONE]
        left = {e.gig_id: e.gig for e in entries if e.gig.status is not GigStatus.DONE}
        not_done = tuple(
            NotDoneGig(
                gig.id, gig.day, gig.contract.contract_number, gig.contract.title, gig.status
            )
            for gig in sorted(left.values(), key=lambda gig: (gig.day, gig.start_time, gig.id))
        )
        return Approval(_approve_in(tx, ready), not_done)


def _unapproved() -> Select[TimesheetEntry]:
    """The unapproved entries with their gigs and contracts, in a stable order."""
    return (
        select(TimesheetEntry)
        .join(Gig, Gig.id == TimesheetEntry.gig_id)
        .where(TimesheetEntry.approved_at.is_(None))
        .options(joinedload(TimesheetEntry.gig).joinedload(Gig.contract))
        .order_by(TimesheetEntry.gig_id, TimesheetEntry.id)
    )


#: The contract's terms an approved entry keeps, cleared again when it is reopened.
SNAPSHOT_FIELDS = (
    "approved_hour_price",
    "approved_visit_price",
    "approved_minimum_charge",
    "approved_travel_fee",
    "approved_rounding_minutes",
    "approved_vat_treatment",
)


def contract_terms(contract: Contract, instructor: bool) -> dict[str, Any]:
    """The contract's prices and rounding step an approved entry keeps (its snapshot).

    The hour price is the instructor's for an instructor's entry, else the worker's.
    """
    return {
        "approved_hour_price": (
            contract.instructor_hour_price if instructor else contract.worker_hour_price
        ),
        "approved_visit_price": contract.visit_price,
        "approved_minimum_charge": contract.minimum_charge,
        "approved_travel_fee": contract.travel_fee,
        "approved_rounding_minutes": contract.rounding_minutes,
        "approved_vat_treatment": contract.vat_treatment,
    }


def jsonable_terms(terms: dict[str, Any]) -> dict[str, Any]:
    return {key.removeprefix("approved_"): jsonable(value) for key, value in terms.items()}


def _approve_in(tx: Transaction, entries: Sequence[TimesheetEntry]) -> int:
    """Approve ``entries`` (all on done gigs): stamp them and copy their contract's terms."""
    now = utcnow()
    by_gig: dict[int, list[TimesheetEntry]] = defaultdict(list)
    rounded: dict[int, int] = {}
    for entry in entries:
        contract = entry.gig.contract
        for key, value in contract_terms(contract, entry.instructor_id is not None).items():
            setattr(entry, key, value)
        # Billed in the step the hours are approved at (the contract's may have changed).
        billable = billable_minutes(entry.worked_minutes, contract.rounding_minutes)
        if billable != entry.billable_minutes:
            rounded[entry.id] = billable
        entry.billable_minutes = billable
        entry.approved_at = now
        entry.approved_by = tx.actor
        by_gig[entry.gig_id].append(entry)
    tx.session.flush()
    paid_work = mark_paid_work_days(tx, [entry.id for entry in entries]).created
    for gig_key, approved in by_gig.items():
        # One gig, one contract: its terms once (the audit entry has the time and actor);
        # the instructors' hour price is the only term that differs for their entries.
        contract = approved[0].gig.contract
        terms = jsonable_terms(contract_terms(contract, instructor=False))
        if any(entry.instructor_id is not None for entry in approved):
            terms["instructor_hour_price"] = jsonable(contract.instructor_hour_price)
        after: dict[str, Any] = {"entries": [entry.id for entry in approved], "terms": terms}
        changed = {str(e.id): rounded[e.id] for e in approved if e.id in rounded}
        if changed:
            after["billable_minutes"] = changed
        # The attendance days this approval recorded as paid work: the ids of the rows,
        # for the participants of these entries on the gig's day (listed here, not an
        # audit entry per day; a day recorded absent before has its own "update").
        days = [
            paid_work.pop((entry.participant_id, entry.gig.day), None)
            for entry in approved
            if entry.participant_id is not None
        ]
        if any(day is not None for day in days):
            after["paid_work_days"] = [day for day in days if day is not None]
        tx.record("timesheet", gig_key, "approve", None, after)
    return len(entries)


def _refuse_if_invoiced(session: Session, gig_id: int) -> None:
    """Refuse to reopen hours an invoice in force bills; :func:`reopen` calls it first.

    The sentence names the invoice: a credit note is then the correction. The store
    refuses the same with a trigger (migration 0008).
    """
    number = session.scalar(
        select(Invoice.number)
        .join(InvoicedGig, InvoicedGig.invoice_id == Invoice.id)
        .where(InvoicedGig.gig_id == gig_id, InvoicedGig.released_by_id.is_(None))
    )
    if number is not None:
        raise UserError(
            _(
                "The hours of this gig are on invoice {number}, so they cannot be reopened. "
                "Correct the invoice with a credit note that makes the hours invoiceable again."
            ).format(number=number)
        )


def reopen(store: Store, gig_id: int, reason: str) -> int:
    """Reopen the gig's approved entries for editing; the reason is required and audited.

    The entries' approval and the terms copied at approval are cleared, nothing else
    (the store's trigger allows only that). Hours on an invoice will be refused
    (:func:`_refuse_if_invoiced`). Returns how many entries were reopened.
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
        _refuse_if_invoiced(tx.session, gig.id)
        before: dict[str, Any] = {"entries": [entry_snapshot(entry) for entry in entries]}
        for entry in entries:
            entry.approved_at = None
            entry.approved_by = ""
            for key in SNAPSHOT_FIELDS:
                setattr(entry, key, None)
        tx.session.flush()
        tx.record(
            "timesheet",
            gig.id,
            "reopen",
            before,
            {"entries": [entry.id for entry in entries], "reason": text},
        )
        return len(entries)
