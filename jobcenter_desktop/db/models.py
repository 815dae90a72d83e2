"""The tables of the store, as SQLAlchemy 2 typed models.

Money columns are ``Money`` (integer cents), durations integer minutes, enums
their code strings. Register rows are archived (``archived_at``), not deleted,
once anything refers to them; references use ``ON DELETE RESTRICT`` so the
store itself refuses to orphan anything, owned detail rows cascade.
"""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from jobcenter_desktop.db.types import EnumCode, Money, UtcDateTime, utcnow
from jobcenter_desktop.domain.enums import (
    AttendanceStatus,
    ContractStatus,
    CustomerType,
    GigStatus,
    InvoiceLanguage,
    Outcome,
    ParticipantStatus,
    PayBasis,
    ServiceBasis,
    TaskType,
    VatStatus,
    VatTreatment,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Timestamps:
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Archivable(Timestamps):
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # Folded text the lists search in (Finnish case folding, see domain.search).
    search: Mapped[str] = mapped_column(String(1000), default="")


class Centre(Timestamps, Base):
    __tablename__ = "centre"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str] = mapped_column(String(9))
    vat_status: Mapped[VatStatus] = mapped_column(EnumCode(VatStatus))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    payment_term_days: Mapped[int] = mapped_column(Integer, default=14)
    next_invoice_number: Mapped[int] = mapped_column(Integer, default=1)
    prepayment_register: Mapped[bool] = mapped_column(Boolean, default=False)
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str] = mapped_column(String(40), default="")
    # Whether the same-day rule blocks a booking (True) or only warns (the default).
    same_day_rule_blocks: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )

    bank_accounts: Mapped[list[BankAccount]] = relationship(
        back_populates="centre", cascade="all, delete-orphan", order_by="BankAccount.id"
    )

    __table_args__ = (
        CheckConstraint("payment_term_days >= 0", name="payment_term"),
        CheckConstraint("next_invoice_number >= 1", name="invoice_number"),
    )


class BankAccount(Base):
    __tablename__ = "bank_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[int] = mapped_column(ForeignKey("centre.id", ondelete="CASCADE"))
    iban: Mapped[str] = mapped_column(String(34))
    bic: Mapped[str] = mapped_column(String(11), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)

    centre: Mapped[Centre] = relationship(back_populates="bank_accounts")


class Instructor(Archivable, Base):
    __tablename__ = "instructor"

    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QualificationType(Base):
    """The catalogue of cards and certificates (safety card, hygiene passport …)."""

    __tablename__ = "qualification_type"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    # Built-in entries keep their English name and are translated on display.
    name: Mapped[str] = mapped_column(String(200))
    archived_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


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


class Customer(Archivable, Base):
    __tablename__ = "customer"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_number: Mapped[str] = mapped_column(String(20), unique=True)
    type: Mapped[CustomerType] = mapped_column(EnumCode(CustomerType))
    name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str | None] = mapped_column(String(9))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    invoice_language: Mapped[InvoiceLanguage] = mapped_column(
        EnumCode(InvoiceLanguage), default=InvoiceLanguage.FI
    )
    einvoice_address: Mapped[str] = mapped_column(String(40), default="")
    einvoice_operator: Mapped[str] = mapped_column(String(40), default="")
    payment_term_days: Mapped[int | None] = mapped_column(Integer)
    customer_reference: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    work_sites: Mapped[list[WorkSite]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="WorkSite.id"
    )
    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", order_by="ContactPerson.id"
    )

    __table_args__ = (
        CheckConstraint("payment_term_days IS NULL OR payment_term_days >= 0", name="payment_term"),
    )


class WorkSite(Base):
    __tablename__ = "work_site"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(5), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(String(500), default="")

    customer: Mapped[Customer] = relationship(back_populates="work_sites")


class ContactPerson(Base):
    __tablename__ = "contact_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(200), default="")

    customer: Mapped[Customer] = relationship(back_populates="contacts")


contract_qualification = Table(
    "contract_qualification",
    Base.metadata,
    Column("contract_id", ForeignKey("contract.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "qualification_type_id",
        ForeignKey("qualification_type.id", ondelete="RESTRICT"),
        primary_key=True,
    ),
)


class Contract(Archivable, Base):
    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_number: Mapped[str] = mapped_column(String(20), unique=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    task_description: Mapped[str] = mapped_column(Text, default="")
    work_site_id: Mapped[int | None] = mapped_column(
        ForeignKey("work_site.id", ondelete="RESTRICT"), index=True
    )
    task_type: Mapped[TaskType] = mapped_column(EnumCode(TaskType))
    worker_hour_price: Mapped[Decimal | None] = mapped_column(Money)
    instructor_hour_price: Mapped[Decimal | None] = mapped_column(Money)
    visit_price: Mapped[Decimal | None] = mapped_column(Money)
    minimum_charge: Mapped[Decimal | None] = mapped_column(Money)
    travel_fee: Mapped[Decimal | None] = mapped_column(Money)
    rounding_minutes: Mapped[int] = mapped_column(Integer, default=15)
    vat_treatment: Mapped[VatTreatment] = mapped_column(EnumCode(VatTreatment))
    vat_reason: Mapped[str] = mapped_column(String(300), default="")
    household_deduction: Mapped[bool] = mapped_column(Boolean, default=False)
    # A gig the customer cancels is invoiced as planned (the minimum charge) by default.
    cancellation_billable: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    planned_crew_size: Mapped[int] = mapped_column(Integer, default=1)
    # Empty weekdays: a one-off job on valid_from.
    weekdays: Mapped[str] = mapped_column(String(40), default="")
    every_weeks: Mapped[int] = mapped_column(Integer, default=1)
    start_time: Mapped[time | None] = mapped_column(Time)
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    signed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[ContractStatus] = mapped_column(
        EnumCode(ContractStatus), default=ContractStatus.DRAFT
    )
    terms: Mapped[str] = mapped_column(Text, default="")

    customer: Mapped[Customer] = relationship()
    work_site: Mapped[WorkSite | None] = relationship()
    required_qualifications: Mapped[list[QualificationType]] = relationship(
        secondary=contract_qualification, order_by="QualificationType.id"
    )

    __table_args__ = (
        CheckConstraint("rounding_minutes >= 1 AND rounding_minutes <= 240", name="rounding"),
        CheckConstraint("every_weeks >= 1", name="every_weeks"),
        CheckConstraint("planned_crew_size >= 1", name="crew_size"),
        CheckConstraint("duration_minutes IS NULL OR duration_minutes > 0", name="duration"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="validity"),
        CheckConstraint(
            "(worker_hour_price IS NULL OR worker_hour_price >= 0)"
            " AND (instructor_hour_price IS NULL OR instructor_hour_price >= 0)"
            " AND (visit_price IS NULL OR visit_price >= 0)"
            " AND (minimum_charge IS NULL OR minimum_charge >= 0)"
            " AND (travel_fee IS NULL OR travel_fee >= 0)",
            name="prices",
        ),
    )


class AuditEntry(Base):
    """Who changed what and when; appended by every service write, never edited."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(30))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (Index("ix_audit_entity", "entity", "entity_id"),)


class ClosureDay(Base):
    """A day the centre itself is closed (staff training, summer break): no gigs planned."""

    __tablename__ = "closure_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    reason: Mapped[str] = mapped_column(String(200), default="")


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
