"""Gigs, their crews, and the crew templates."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Base, Timestamps
from jobcenter_desktop.db.types import EnumCode, UtcDateTime
from jobcenter_desktop.domain.enums import GigStatus

if TYPE_CHECKING:
    from jobcenter_desktop.db.models.contracts import Contract
    from jobcenter_desktop.db.models.customers import WorkSite
    from jobcenter_desktop.db.models.people import Instructor, Participant


gig_participant = Table(
    "gig_participant",
    Base.metadata,
    Column("gig_id", ForeignKey("gig.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id",
        ForeignKey("participant.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)

gig_instructor = Table(
    "gig_instructor",
    Base.metadata,
    Column("gig_id", ForeignKey("gig.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "instructor_id",
        ForeignKey("instructor.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class Gig(Timestamps, Base):
    """One visit of a crew to do a contract's work (keikka).

    ``scheduled_on`` is the date the contract's schedule gave (None for a gig added
    by hand); with ``contract_id`` it is unique, so generating again adds nothing
    twice. ``day`` is when the gig actually happens: moving a gig changes ``day``
    and sets ``edited``, never ``scheduled_on``. A gig with approved hours cannot be
    moved, cancelled, re-staffed or deleted: the store's triggers refuse it (0007).
    """

    __tablename__ = "gig"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contract.id", ondelete="RESTRICT"))
    scheduled_on: Mapped[date | None] = mapped_column(Date)
    day: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time] = mapped_column(Time)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    work_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_site.id", ondelete="RESTRICT"), index=True
    )
    planned_crew_size: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[GigStatus] = mapped_column(EnumCode(GigStatus), default=GigStatus.PLANNED)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    cancel_billable: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    edited: Mapped[bool] = mapped_column(Boolean, default=False)
    # The customer's feedback on the gig: a score of 1-5 and a comment, both optional.
    feedback_score: Mapped[int | None] = mapped_column(Integer)
    feedback_comment: Mapped[str] = mapped_column(Text, default="")

    contract: Mapped[Contract] = relationship()
    work_site: Mapped[WorkSite | None] = relationship()
    participants: Mapped[list[Participant]] = relationship(
        secondary=gig_participant, order_by="Participant.participant_number"
    )
    instructors: Mapped[list[Instructor]] = relationship(
        secondary=gig_instructor, order_by="Instructor.id"
    )

    __table_args__ = (
        UniqueConstraint("contract_id", "scheduled_on"),
        CheckConstraint("duration_minutes > 0", name="duration"),
        CheckConstraint("planned_crew_size >= 1", name="crew_size"),
        CheckConstraint(
            "feedback_score IS NULL OR (feedback_score >= 1 AND feedback_score <= 5)",
            name="feedback_score",
        ),
    )


crew_template_member = Table(
    "crew_template_member",
    Base.metadata,
    Column("template_id", ForeignKey("crew_template.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "participant_id",
        ForeignKey("participant.id", ondelete="RESTRICT"),
        primary_key=True,
        index=True,
    ),
)


class CrewTemplate(Timestamps, Base):
    """A named crew the instructor puts on gigs in one go (työryhmä): members and a lead."""

    __tablename__ = "crew_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    lead_instructor_id: Mapped[int | None] = mapped_column(
        ForeignKey("instructor.id", ondelete="RESTRICT"), index=True
    )
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)

    lead_instructor: Mapped[Instructor | None] = relationship()
    members: Mapped[list[Participant]] = relationship(
        secondary=crew_template_member, order_by="Participant.participant_number"
    )
