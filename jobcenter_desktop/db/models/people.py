"""Instructors and participants, with the participants' qualifications."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from jobcenter_desktop.db.models.base import Archivable, Base
from jobcenter_desktop.db.types import EnumCode, Money
from jobcenter_desktop.domain.enums import (
    Outcome,
    ParticipantStatus,
    PayBasis,
    ServiceBasis,
)

if TYPE_CHECKING:
    from jobcenter_desktop.db.models.centre import QualificationType


class Instructor(Archivable, Base):
    __tablename__ = "instructor"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Participant(Archivable, Base):
    __tablename__ = "participant"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_number: Mapped[str] = mapped_column(String(20), unique=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    identity_code: Mapped[str | None] = mapped_column(String(11))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    service_basis: Mapped[ServiceBasis] = mapped_column(EnumCode(ServiceBasis))
    pay_basis: Mapped[PayBasis] = mapped_column(EnumCode(PayBasis))
    hourly_pay: Mapped[Decimal | None] = mapped_column(Money)
    # The account wages and allowances are paid to: a validated IBAN, stored compact.
    iban: Mapped[str | None] = mapped_column(String(34))
    weekly_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    guardian_name: Mapped[str] = mapped_column(String(200), default="")
    guardian_phone: Mapped[str] = mapped_column(String(40), default="")
    guardian_email: Mapped[str] = mapped_column(String(200), default="")
    consent_date: Mapped[date | None] = mapped_column(Date)
    consent_scope: Mapped[str] = mapped_column(String(500), default="")
    consent_expires: Mapped[date | None] = mapped_column(Date)
    transport_note: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[ParticipantStatus] = mapped_column(
        EnumCode(ParticipantStatus), default=ParticipantStatus.ACTIVE
    )
    ended_on: Mapped[date | None] = mapped_column(Date)
    outcome: Mapped[Outcome | None] = mapped_column(EnumCode(Outcome))
    notes: Mapped[str] = mapped_column(Text, default="")

    qualifications: Mapped[list[ParticipantQualification]] = relationship(
        back_populates="participant",
        cascade="all, delete-orphan",
        order_by="ParticipantQualification.id",
    )

    __table_args__ = (
        CheckConstraint("hourly_pay IS NULL OR hourly_pay >= 0", name="hourly_pay"),
        CheckConstraint(
            "weekly_limit_minutes IS NULL OR weekly_limit_minutes >= 0", name="weekly_limit"
        ),
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class ParticipantQualification(Base):
    __tablename__ = "participant_qualification"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    qualification_type_id: Mapped[int] = mapped_column(
        ForeignKey("qualification_type.id", ondelete="RESTRICT")
    )
    issued_on: Mapped[date | None] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)

    participant: Mapped[Participant] = relationship(back_populates="qualifications")
    qualification_type: Mapped[QualificationType] = relationship()
