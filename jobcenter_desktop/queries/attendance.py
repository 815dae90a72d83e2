"""Attendance days of a date range, with the allowance's tax-free cap flagged, and the same
days as the facts the conflict checks (the same-day rule) read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal

from sqlalchemy import select

from jobcenter_desktop.db.models import Attendance, Participant
from jobcenter_desktop.db.store import Store
from jobcenter_desktop.domain import conflicts
from jobcenter_desktop.domain.conflicts import allowance_over_cap
from jobcenter_desktop.domain.enums import AttendanceStatus


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    id: int
    participant_id: int
    participant_number: str
    participant_name: str
    day: date
    status: AttendanceStatus
    allowance: Decimal | None
    start_time: time | None
    end_time: time | None
    # The allowance is above the tax-free daily cap (12 €): show it to the instructor.
    over_cap: bool


def list_attendance(
    store: Store, start: date, end: date, participant_id: int | None = None
) -> list[AttendanceRow]:
    """The days from ``start`` to ``end`` (both included), of one participant or everyone."""
    query = (
        select(
            Attendance.id,
            Attendance.participant_id,
            Participant.participant_number,
            Participant.first_name,
            Participant.last_name,
            Attendance.day,
            Attendance.status,
            Attendance.allowance,
            Attendance.start_time,
            Attendance.end_time,
        )
        .join(Participant, Participant.id == Attendance.participant_id)
        .where(Attendance.day >= start, Attendance.day <= end)
        .order_by(Attendance.day, Participant.last_name, Participant.first_name, Attendance.id)
    )
    if participant_id is not None:
        query = query.where(Attendance.participant_id == participant_id)
    with store.read() as session:
        return [
            AttendanceRow(
                id=row[0],
                participant_id=row[1],
                participant_number=row[2],
                participant_name=f"{row[3]} {row[4]}",
                day=row[5],
                status=row[6],
                allowance=row[7],
                start_time=row[8],
                end_time=row[9],
                over_cap=row[7] is not None and allowance_over_cap(row[7]),
            )
            for row in session.execute(query)
        ]


def attendance_facts(
    store: Store, start: date, end: date, participant_ids: Sequence[int] | None = None
) -> list[conflicts.Attendance]:
    """The recorded days from ``start`` to ``end`` as ``domain.conflicts`` facts.

    What ``conflicts.check_participant`` needs for the same-day rule; ``participant_ids``
    limits them to those people (None: everyone).
    """
    query = select(
        Attendance.participant_id,
        Attendance.day,
        Attendance.status,
        Attendance.allowance,
        Attendance.start_time,
        Attendance.end_time,
    ).where(Attendance.day >= start, Attendance.day <= end)
    if participant_ids is not None:
        query = query.where(Attendance.participant_id.in_(list(participant_ids)))
    query = query.order_by(Attendance.day, Attendance.participant_id)
    with store.read() as session:
        return [
            conflicts.Attendance(
                participant_id=participant_id,
                day=day,
                status=AttendanceStatus(status).value,
                allowance=allowance,
                start=start_time,
                end=end_time,
            )
            for participant_id, day, status, allowance, start_time, end_time in session.execute(
                query
            )
        ]
