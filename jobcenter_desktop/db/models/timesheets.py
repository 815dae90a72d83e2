"""Attendance days and timesheet entries."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Base, Timestamps
from jobcenter_desktop.db.types import EnumCode, Money, UtcDateTime
from jobcenter_desktop.domain.enums import (
    AttendanceStatus,
    VatTreatment,
)

if TYPE_CHECKING:
    from jobcenter_desktop.db.models.gigs import Gig
    from jobcenter_desktop.db.models.people import Instructor, Participant


class Attendance(Timestamps, Base):
    """A participant's work-activity day (työtoimintapäivä), which the same-day rule reads.

    ``allowance`` (työosuusraha) is recorded only for a day present; ``start_time``
    and ``end_time`` are the work-activity hours of rehabilitative work activity.
    """

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[AttendanceStatus] = mapped_column(EnumCode(AttendanceStatus))
    allowance: Mapped[Decimal | None] = mapped_column(Money)
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)

    participant: Mapped[Participant] = relationship()

    __table_args__ = (
        UniqueConstraint("participant_id", "day"),
        CheckConstraint("allowance IS NULL OR allowance >= 0", name="allowance"),
        CheckConstraint(
            "start_time IS NULL OR end_time IS NULL OR end_time > start_time", name="hours"
        ),
    )


class TimesheetEntry(Timestamps, Base):
    """One person's actual start, end and break on a gig (tuntikirjaus).

    Exactly one of ``participant_id`` and ``instructor_id`` is set, and a person has
    at most one entry on a gig. An approved entry (``approved_at`` set) is locked by
    the store itself: triggers refuse to change or delete it; the one change allowed
    is reopening, an UPDATE that only clears the approval and its price snapshot
    (migration 0007). While a gig has approved entries its day, times, contract,
    status and crew are locked too.
    """

    __tablename__ = "timesheet_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    gig_id: Mapped[int] = mapped_column(ForeignKey("gig.id", ondelete="RESTRICT"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="RESTRICT"), index=True
    )
    instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="RESTRICT"), index=True
    )
    start_time: Mapped[time] = mapped_column(Time)
    end_time: Mapped[time] = mapped_column(Time)
    break_minutes: Mapped[int] = mapped_column(Integer, default=0)
    worked_minutes: Mapped[int] = mapped_column(Integer)
    billable_minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    unplanned_reason: Mapped[str] = mapped_column(String(500), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    approved_by: Mapped[str] = mapped_column(String(100), default="")
    # The contract's terms the approved hours will be billed at, copied at approval and
    # cleared on reopening (migration 0007): a later edit of the contract changes nothing
    # approved. The hour price is the worker's or the instructor's, by the entry's person.
    approved_hour_price: Mapped[Decimal | None] = mapped_column(Money)
    approved_visit_price: Mapped[Decimal | None] = mapped_column(Money)
    approved_minimum_charge: Mapped[Decimal | None] = mapped_column(Money)
    approved_travel_fee: Mapped[Decimal | None] = mapped_column(Money)
    approved_rounding_minutes: Mapped[int | None] = mapped_column(Integer)
    approved_vat_treatment: Mapped[VatTreatment | None] = mapped_column(EnumCode(VatTreatment))

    gig: Mapped[Gig] = relationship()
    participant: Mapped[Participant | None] = relationship()
    instructor: Mapped[Instructor | None] = relationship()

    __table_args__ = (
        # One entry per person per gig (the sheet is one row per person; migration 0007).
        Index(
            "uq_timesheet_entry_gig_participant",
            "gig_id",
            "participant_id",
            unique=True,
            sqlite_where=text("participant_id IS NOT NULL"),
            postgresql_where=text("participant_id IS NOT NULL"),
        ),
        Index(
            "uq_timesheet_entry_gig_instructor",
            "gig_id",
            "instructor_id",
            unique=True,
            sqlite_where=text("instructor_id IS NOT NULL"),
            postgresql_where=text("instructor_id IS NOT NULL"),
        ),
        CheckConstraint(
            "(participant_id IS NOT NULL AND instructor_id IS NULL)"
            " OR (participant_id IS NULL AND instructor_id IS NOT NULL)",
            name="one_person",
        ),
        CheckConstraint("end_time > start_time", name="times"),
        CheckConstraint("break_minutes >= 0", name="break"),
        CheckConstraint("worked_minutes >= 0 AND billable_minutes >= 0", name="minutes"),
    )
